"""Pairing a gate tablet in the browser: the organizer's page shows a QR code,
another browser opens what it encodes and lands on the check-in page as
"Cổng 1"; the organizer revokes it and the tablet's reload is refused."""

import io

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


def test_pair_a_gate_tablet_by_qr_code_then_revoke_it(live_server, new_page):
    organizer = new_page()
    log_in(organizer, live_server, "demo-btc")
    organizer.goto(live_server.base_url + "/e/demo/")
    organizer.click("text=Thiết bị (ghép máy tính bảng)")
    expect(organizer.locator("h1")).to_have_text("Thiết bị")
    organizer.fill("input[name=name]", "Cổng 1")
    organizer.select_option("select[name=station]", "checkin")
    organizer.click("text=Tạo mã QR ghép thiết bị")

    qr = organizer.locator("#pairing-qr")
    expect(qr).to_be_visible()
    (url,) = [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))]
    assert url == organizer.locator("#pairing-url").inner_text()
    assert url.startswith(live_server.base_url + "/e/demo/pair/")

    tablet = new_page(viewport={"width": 1024, "height": 768})  # its own browser: no account, no cookies
    tablet.goto(url)
    tablet.wait_for_url(live_server.base_url + "/e/demo/checkin")
    expect(tablet.locator("#device-name")).to_have_text("Cổng 1")
    expect(tablet.locator("nav.topnav a")).to_have_text(["Điểm danh", "Màn hình lớn"])  # nothing else offered

    # The organizer's page notices by itself that the code was used.
    row = organizer.locator("#devices tr", has_text="Cổng 1")
    expect(row).to_have_attribute("data-status", "paired", timeout=20_000)
    expect(organizer.locator("#pairing-qr")).to_have_count(0)

    row.locator("button", has_text="Thu hồi").click()
    expect(organizer.locator("#devices tr", has_text="Cổng 1")).to_have_attribute("data-status", "revoked")

    response = tablet.reload()
    assert response.status == 403
    expect(tablet.locator("h1")).to_have_text("Thiết bị đã bị thu hồi")
    # The same code cannot pair it again.
    again = tablet.goto(url)
    assert again.status == 400
