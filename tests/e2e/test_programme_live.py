"""The ceremony run from the organizer's tablet while the MC page and the big
screen, in other browsers, follow it live."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


def test_next_on_the_tablet_moves_the_mc_page_and_the_big_screen(live_server, new_page):
    organizer = new_page(viewport={"width": 1280, "height": 800}, has_touch=True)
    log_in(organizer, live_server, "demo-btc")
    organizer.goto(live_server.base_url + "/e/demo/programme")
    expect(organizer.locator("#live-status")).to_have_text("Trực tuyến")

    mc = new_page(viewport={"width": 1280, "height": 800})
    log_in(mc, live_server, "demo-mc")
    mc.goto(live_server.base_url + "/e/demo/mc")
    screen = new_page(viewport={"width": 1920, "height": 1080})
    screen.goto(live_server.screen_link)
    expect(screen.locator("#live-status")).to_have_text("Trực tuyến")
    expect(mc.locator("#live-status")).to_have_text("Trực tuyến")

    organizer.click("button[data-command=start]")
    expect(organizer.locator("#current-title")).to_have_text("Văn nghệ chào mừng")
    expect(mc.locator("#current-title")).to_have_text("Văn nghệ chào mừng")
    expect(screen.locator("#screen-current")).to_have_text("Văn nghệ chào mừng")

    organizer.click("button[data-command=next]")
    expect(mc.locator("#current-title")).to_have_text("Lễ chào cờ")
    expect(mc.locator("#mc-script")).to_contain_text("Chào cờ, chào!")
    expect(mc.locator("#mc-next")).to_have_text("3. Tuyên bố lý do, giới thiệu đại biểu")
    expect(screen.locator("#screen-current")).to_have_text("Lễ chào cờ")
    expect(organizer.locator("#programme-items li.status-current .item-title")).to_have_text("Lễ chào cờ")

    # The timer ticks locally between updates.
    first = mc.locator("#timer-remaining").inner_text()
    mc.wait_for_timeout(1500)
    assert mc.locator("#timer-remaining").inner_text() != first
    assert re.fullmatch(r"\d+:\d\d", first)

    # A message to the MC blinks on the MC page.
    organizer.fill("#mc-message-form input[name=text]", "Đồng chí Phó Chủ tịch tỉnh vừa đến")
    organizer.click("#mc-message-form button[type=submit]")
    expect(mc.locator(".mc-message")).to_contain_text("Đồng chí Phó Chủ tịch tỉnh vừa đến")

    # A full-screen message, then black, on the big screen.
    organizer.fill("#screen-form textarea[name=message]", "Giải lao 10 phút")
    organizer.click("#screen-form button[type=submit]")
    expect(screen.locator("#screen-message-text")).to_have_text("Giải lao 10 phút")
    organizer.check("#screen-blackout")
    expect(screen.locator("#screen-blackout")).to_be_visible()

    # A screen that reloads shows the current item at once.
    screen.reload()
    expect(screen.locator("#screen-current")).to_have_text("Lễ chào cờ")
    expect(screen.locator("#screen-blackout")).to_be_visible()


def test_run_the_demo_ceremony_to_the_end_from_the_tablet(live_server, new_page):
    organizer = new_page(viewport={"width": 1280, "height": 800})
    log_in(organizer, live_server, "demo-btc")
    organizer.goto(live_server.base_url + "/e/demo/programme")
    organizer.click("button[data-command=start]")
    titles = organizer.locator("#programme-items .item-title").all_inner_texts()
    assert len(titles) == 12
    for title in titles[1:]:
        organizer.click("button[data-command=next]")
        expect(organizer.locator("#current-title")).to_have_text(title)
    organizer.click("button[data-command=end]")
    expect(organizer.locator("#current-title")).to_have_text("Đã kết thúc phần lễ")
    expect(organizer.locator("#programme-items li.status-done")).to_have_count(12)
