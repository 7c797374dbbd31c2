"""The gate: Chromium's fake camera shows a printed badge's QR code to the
check-in page; the welcome appears and the organizer's dashboard count rises.
Then a handheld scanner (typing the code and Enter) meets the same badge: the
double scan is refused with when and where."""

import pytest
import requests
import zxingcpp
from playwright.sync_api import expect

from tests.e2e.camera import first_badge_image, write_y4m
from tests.e2e.conftest import launch, log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def camera_browser(playwright, live_server, tmp_path):
    """A second Chromium whose camera films the first printed badge."""
    pdf = tmp_path / "badges.pdf"
    live_server.kiosk("print", "badges", "--event", "demo", "-o", str(pdf))
    video = write_y4m(first_badge_image(pdf.read_bytes()), tmp_path / "badge.y4m")
    browser = launch(playwright, "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                     f"--use-file-for-fake-video-capture={video}")
    yield browser, first_badge_image(pdf.read_bytes())
    browser.close()


def test_a_badge_shown_to_the_camera_checks_in_and_the_dashboard_rises(live_server, new_page, camera_browser):
    camera_browser, badge = camera_browser
    token = live_server.token("demo-btc")
    first = requests.get(f"{live_server.base_url}/api/v1/events/demo/delegates?limit=1",
                         headers={"Authorization": f"Bearer {token}"}).json()["delegates"][0]

    organizer = new_page()
    log_in(organizer, live_server, "demo-btc")
    organizer.goto(live_server.base_url + "/e/demo/")
    present = organizer.locator('#figure-attendance [data-live="attendance.present"]')
    expect(present).to_have_text("0")

    context = camera_browser.new_context(locale="vi-VN", viewport={"width": 1024, "height": 768})
    context.grant_permissions(["camera"], origin=live_server.base_url)
    gate = context.new_page()
    log_in(gate, live_server, "demo-cong1")
    gate.goto(live_server.base_url + "/e/demo/checkin")
    gate.fill("#device", "Cổng 1")
    gate.dispatch_event("#device", "change")

    result = gate.locator("#result")
    expect(result).to_be_visible(timeout=15000)
    expect(gate.locator("#result-message")).to_have_text(
        f"Kính chào {first['honorific']} {first['full_name']}" + (f" — ghế {first['seat']}" if first["seat"] else ""))
    expect(result).to_have_class("result status-ok")
    expect(present).to_have_text("1")  # pushed to the dashboard, no reload
    expect(result).to_be_hidden(timeout=5000)  # back to scanning in about two seconds

    # The same badge at a handheld scanner (it types the code and presses Enter): refused, with when and where.
    (code,) = [found.text for found in zxingcpp.read_barcodes(badge)]
    gate.fill("#code", code)
    gate.press("#code", "Enter")
    expect(result).to_have_class("result status-already_checked_in")
    expect(gate.locator("#result-message")).to_contain_text(f"{first['full_name']} đã điểm danh lúc")
    expect(gate.locator("#result-message")).to_contain_text("tại Cổng 1")
    expect(present).to_have_text("1")
    context.close()


def test_scanner_search_walk_in_on_the_gate_tablet(live_server, new_page):
    gate = new_page(viewport={"width": 1024, "height": 768})
    log_in(gate, live_server, "demo-cong1")
    gate.goto(live_server.base_url + "/e/demo/checkin")

    # A handheld scanner types a forged code and Enter.
    gate.fill("#code", "NHK1.AAAAAAAA.BBBBBBBBBB.1." + "A" * 86)
    gate.press("#code", "Enter")
    expect(gate.locator("#result")).to_have_class("result status-invalid")
    expect(gate.locator("#result-message")).to_contain_text("Mã không hợp lệ")
    expect(gate.locator("#result")).to_be_hidden(timeout=6000)

    # Search without diacritics, check in by name.
    gate.fill("#search", "nguyen")
    first = gate.locator(".search-result").first
    expect(first).to_be_visible()
    name = first.locator("strong").inner_text()
    first.locator("button", has_text="Điểm danh").click()
    expect(gate.locator("#result-message")).to_contain_text(f"Kính chào {name}")
    expect(gate.locator("#result")).to_be_hidden(timeout=6000)
    expect(gate.locator(".search-result.present").first).to_contain_text("đã điểm danh lúc")

    # A guest without an invitation.
    gate.click(".walk-in summary")
    gate.fill("#walk-in-form input[name=full_name]", "Khách <b>Mời</b> Thêm")
    gate.click("#walk-in-form button[type=submit]")
    expect(gate.locator("#result-message")).to_have_text("Kính chào Khách <b>Mời</b> Thêm")
    expect(gate.locator('[data-live="attendance.present"]')).to_have_text("2")
