"""A real server, a real browser: the organizer's dashboard and the hall's big
screen change as soon as another client checks a delegate in."""

import pytest
import requests
from playwright.sync_api import expect

from kiosk.demo import today_in_vietnam
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


def test_dashboard_and_screen_follow_a_check_in_live(live_server, new_page):
    organizer = new_page()
    log_in(organizer, live_server, "demo-btc")
    organizer.goto(live_server.base_url + "/e/demo/")
    present = organizer.locator('#figure-attendance [data-live="attendance.present"]')
    expect(present).to_have_text("0")
    expect(organizer.locator("#live-status")).to_have_text("Trực tuyến")

    screen = new_page(viewport={"width": 1920, "height": 1080})
    screen.goto(live_server.screen_link)
    year = today_in_vietnam().year  # the demo is dated the day it is made
    expect(screen.locator(".backdrop-middle")).to_contain_text(f"TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM {year}")
    expect(screen.locator('[data-live="attendance.present"]')).to_have_text("0")
    expect(screen.locator("#live-status")).to_have_text("Trực tuyến")

    token = live_server.token("demo-cong1")
    headers = {"Authorization": f"Bearer {token}"}
    delegates = requests.get(f"{live_server.base_url}/api/v1/events/demo/dashboard", headers=headers)
    assert delegates.status_code == 403  # a desk does not see the dashboard figures...
    for delegate_id in (1, 2, 3):  # ...but checks people in
        answer = requests.post(f"{live_server.base_url}/api/v1/events/demo/checkins", headers=headers,
                               json={"delegate_id": delegate_id, "device": "Cổng 1"})
        assert answer.status_code == 200 and answer.json()["status"] == "ok", answer.text

    expect(present).to_have_text("3")  # no reload: pushed over Socket.IO
    expect(screen.locator('[data-live="attendance.present"]')).to_have_text("3")
    assert organizer.evaluate("performance.getEntriesByType('navigation').length") == 1


def test_wrong_password_in_the_browser(live_server, new_page):
    page = new_page()
    page.goto(live_server.base_url + "/login")
    page.fill("input[name=username]", "demo-btc")
    page.fill("input[name=password]", "sai-mat-khau")
    page.click("button[type=submit]")
    expect(page.locator(".flash.error")).to_have_text("Tên đăng nhập hoặc mật khẩu không đúng.")


def test_english_switch_in_the_browser(live_server, new_page):
    page = new_page()
    log_in(page, live_server, "demo-btc")
    page.goto(live_server.base_url + "/e/demo/?lang=en")
    expect(page.locator("#figure-attendance h2")).to_have_text("Delegates present")
    expect(page.locator("#live-status")).to_have_text("Live")
