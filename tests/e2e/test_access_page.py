"""The admin's access page in the browser: a destructive action asks first
(cancelling changes nothing), a new API token is copied with one tap, and
the page fits a phone without scrolling sideways."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


def test_disabling_asks_first_and_a_new_token_is_copied(live_server, new_page):
    page = new_page(viewport={"width": 390, "height": 844}, permissions=["clipboard-read", "clipboard-write"])
    log_in(page, live_server, "demo-admin")
    page.click("nav.topnav >> text=Tài khoản")
    expect(page.locator("h1")).to_have_text("Tài khoản và quyền truy cập")
    row = page.locator(".access-row[data-user=demo-mc]")
    expect(row.locator(".access-status")).to_have_text("Đang hoạt động")

    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    row.locator("button", has_text="Khóa").click()
    page.wait_for_timeout(300)
    assert asked and "demo-mc" in asked[0]
    expect(row.locator(".access-status")).to_have_text("Đang hoạt động")  # cancelled: nothing sent

    page.once("dialog", lambda dialog: dialog.accept())
    row.locator("button", has_text="Khóa").click()
    expect(page.locator(".flash.success")).to_contain_text("Đã khóa tài khoản “demo-mc”")
    expect(page.locator(".access-row[data-user=demo-mc] .access-status")).to_have_text("Đã khóa")

    page.select_option("#tokens select[name=user]", label="demo-btc — Ban Tổ chức")
    page.fill("#tokens input[name=label]", "Máy quét cổng 2")
    page.click("#tokens button[type=submit]")
    token = page.locator("#new-token-value").input_value()
    assert len(token) > 30
    page.click("button[data-copy=new-token-value]")
    expect(page.locator("button[data-copy=new-token-value]")).to_have_text("Đã sao chép")
    assert page.evaluate("navigator.clipboard.readText()") == token
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.goto(live_server.base_url + "/admin/access/")  # shown once: not kept to be shown again
    expect(page.locator("#new-token")).to_have_count(0)
    assert token not in page.content()
