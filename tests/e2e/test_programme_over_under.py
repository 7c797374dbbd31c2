"""Over/under on the organizer's tablet and the dashboard's programme line,
live, before, during and after the ceremony: the demo is dated today, and no
screen ever reads "Chậm 1212594 phút"."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


def test_over_under_and_the_end_of_the_ceremony_live(live_server, new_page):
    organizer = new_page(viewport={"width": 1280, "height": 800})
    log_in(organizer, live_server, "demo-btc")
    organizer.goto(live_server.base_url + "/e/demo/programme")
    dashboard = new_page(viewport={"width": 1280, "height": 800})
    log_in(dashboard, live_server, "demo-btc")
    dashboard.goto(live_server.base_url + "/e/demo/")
    expect(dashboard.locator("#live-status")).to_have_text("Trực tuyến")
    expect(organizer.locator("#live-status")).to_have_text("Trực tuyến")

    # Before the start: the planned start, no over/under.
    expect(organizer.locator("#ceremony-offset")).to_have_text("Bắt đầu theo kế hoạch lúc 07:30")
    expect(organizer.locator("#projected-end-label")).to_have_text("Dự kiến kết thúc")
    expect(dashboard.locator("#programme-now")).to_have_text("Đang diễn ra: chưa bắt đầu")

    # During: minutes counted from the actual start.
    organizer.click("button[data-command=start]")
    expect(organizer.locator("#current-title")).to_have_text("Văn nghệ chào mừng")
    expect(organizer.locator("#ceremony-offset")).to_have_text("Đúng giờ")
    expect(dashboard.locator("#programme-now")).to_have_text("Đang diễn ra: Văn nghệ chào mừng")
    organizer.click("button[data-command=next]")  # item 1 (15 min) handed over at once
    expect(organizer.locator("#ceremony-offset")).to_have_text("Sớm 15 phút")

    # After: the final over/under, and the dashboard says when it ended, without a reload.
    organizer.click("button[data-command=end]")
    expect(organizer.locator("#current-title")).to_have_text("Đã kết thúc phần lễ")
    expect(organizer.locator("#projected-end-label")).to_have_text("Kết thúc lúc")
    expect(organizer.locator("#ceremony-offset")).to_have_text(re.compile(r"^Cả phần lễ: sớm 1[12]\d phút$"))
    ended = dashboard.locator("#programme-now .programme-ended")
    expect(ended).to_be_visible()
    expect(ended).to_have_text(re.compile(r"^Phần lễ đã kết thúc lúc \d\d:\d\d$"))
    expect(dashboard.locator("#programme-now .programme-running")).to_be_hidden()
    assert dashboard.evaluate("performance.getEntriesByType('navigation').length") == 1
