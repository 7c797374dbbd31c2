"""The forum's public page is open to anyone in the hall: an opinion with
markup and script, sent from a phone, approved and put on the big screen, is
shown exactly as typed and nothing in it runs."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser

HOSTILE = ('<script>window.__pwned = "script"</script> Đề nghị bắt kẻ trộm gà '
           '<img src=x onerror="window.__pwned = \'img\'; alert(1)">')


def test_hostile_opinion_is_shown_literally_and_never_runs(live_server, new_page):
    phone = new_page(viewport={"width": 393, "height": 851}, is_mobile=True, has_touch=True)
    phone.goto(live_server.base_url + "/e/demo/y-kien")
    phone.check("input[name=topic][value=security]")
    phone.fill("textarea[name=text]", HOSTILE)
    phone.fill("input[name=author_name]", "<b>Ông Ba</b>")
    phone.click("button[type=submit]")
    expect(phone.locator("h1")).to_contain_text("Trân trọng cảm ơn ông/bà")

    screen = new_page(viewport={"width": 1920, "height": 1080})
    dialogs = []
    screen.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    screen.goto(live_server.screen_link)
    expect(screen.locator("#live-status")).to_have_text("Trực tuyến")

    organizer = new_page(viewport={"width": 1280, "height": 900})
    organizer.on("dialog", lambda dialog: dialog.accept())
    log_in(organizer, live_server, "demo-btc")
    organizer.goto(live_server.base_url + "/e/demo/forum")
    card = organizer.locator(".opinion", has_text="kẻ trộm gà").first
    expect(card.locator(".text")).to_have_text(HOSTILE)
    card.locator("button", has_text="Lên màn hình").click()

    expect(screen.locator("#screen-opinion")).to_be_visible()
    expect(screen.locator("#screen-opinion-text")).to_have_text(HOSTILE)
    expect(screen.locator("#screen-opinion-who")).to_contain_text("<b>Ông Ba</b>")
    assert screen.locator("#screen-opinion img").count() == 0 and screen.locator("#screen-opinion script").count() == 0
    screen.wait_for_timeout(500)
    assert screen.evaluate("window.__pwned") is None
    assert organizer.evaluate("window.__pwned") is None
    assert dialogs == []

    # A screen that reloads shows it again at once.
    screen.reload()
    expect(screen.locator("#screen-opinion-text")).to_have_text(HOSTILE)
