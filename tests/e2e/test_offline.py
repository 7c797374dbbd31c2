"""Tablets cut off from the server (issue #9): the gate and two gift desks lose
the Wi-Fi (Playwright's offline mode), go on checking people in and handing out
gifts (the same recipient on both desks), reload a page served by the service
worker, reconnect, and the server's counts come out exactly right: each
check-in once, each gift once, and the one gift given twice recorded as a
conflict that the organizer sees and settles. A forged badge is refused at once,
offline, by the signature check in the browser."""

from __future__ import annotations

import time
import unicodedata

import pytest
import requests
from playwright.sync_api import expect

from kiosk.forum.service import KIOSK_SECONDS_BETWEEN
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser

SECOND_DESK = ("ban-qua-2", "mat-khau-ban-qua-2")


def plain(name: str) -> str:
    """What a desk types to find someone: no diacritics."""
    folded = unicodedata.normalize("NFD", name.lower().replace("đ", "d"))
    return "".join(c for c in folded if unicodedata.category(c) != "Mn")


def forged(code: str) -> str:
    """The same code with one character of its signature changed (still well-formed)."""
    at = len(code) - 20
    return code[:at] + ("B" if code[at] != "B" else "C") + code[at + 1:]


def open_desk(page, url: str, snapshot: str | None = None) -> None:
    """Open a desk page and wait until it can work alone: the service worker
    controls it and keeps it, and the lists it needs are on the tablet."""
    page.goto(url)
    # `ready` waits for the service worker; bounded, so a worker that fails to install fails the test.
    assert page.evaluate("Promise.race([window.KioskOutbox.ready,"
                         " new Promise(done => setTimeout(() => done('service worker not ready'), 60000))])") is True
    assert page.evaluate("!!navigator.serviceWorker.controller")
    if snapshot:
        page.wait_for_function(f"window.KioskOutbox.snapshot({snapshot!r}).then(d => !!d && !!d.key)")


def badge(page):
    return page.locator("#outbox-badge")


def wait_for_result(page, status: str, text: str | None = None):
    result = page.locator("#result")
    expect(result).to_have_class(f"result status-{status}")
    if text:
        expect(page.locator("#result-message")).to_contain_text(text)
    expect(result).to_be_hidden(timeout=8000)


def test_offline_gate_and_gift_desks_replay_exactly_once(live_server, new_page):
    base = live_server.base_url
    api = f"{base}/api/v1/events/demo"
    headers = {"Authorization": f"Bearer {live_server.token('demo-btc')}"}
    live_server.kiosk("user", "add", SECOND_DESK[0], "--role", "desk", "--event", "demo",
                      "--display-name", "Bàn quà 2", input=SECOND_DESK[1] + "\n")
    live_server.passwords[SECOND_DESK[0]] = SECOND_DESK[1]

    delegates = requests.get(f"{api}/delegates?limit=1000", headers=headers).json()["delegates"]
    assert not any(d["checked_in_at"] for d in delegates)
    by_search, by_code, by_code_too, after_reload, elsewhere = delegates[:5]
    # Badges reissued before the day starts: the tablets must know the new versions.
    code = requests.post(f"{api}/delegates/{by_code['id']}/reissue", headers=headers).json()["code"]
    code_too = requests.post(f"{api}/delegates/{by_code_too['id']}/reissue", headers=headers).json()["code"]
    recipients = [r for r in requests.get(f"{api}/gifts", headers=headers).json()["recipients"] if r["package_id"]]
    both_desks, desk_a_only, desk_b_only = recipients[:3]
    names = {r["name"] for r in recipients}
    assert all(sum(plain(r["name"]) in plain(other) for other in names) == 1
               for r in (both_desks, desk_a_only, desk_b_only))

    # Tablet A: the gate, with the gift desk open beside it. Tablet B: a second gift desk.
    gate = new_page(viewport={"width": 1024, "height": 768})
    tablet_a = gate.context
    errors = []
    gate.on("pageerror", lambda error: errors.append(str(error)))
    log_in(gate, live_server, "demo-cong1")
    open_desk(gate, f"{base}/e/demo/checkin", "delegates")
    gate.fill("#device", "Cổng 2")
    gate.dispatch_event("#device", "change")
    desk_a = tablet_a.new_page()
    desk_a.on("pageerror", lambda error: errors.append(str(error)))
    open_desk(desk_a, f"{base}/e/demo/gifts/desk", "gift-recipients")
    desk_a.fill("#desk", "Bàn 1")
    desk_a.dispatch_event("#desk", "change")

    desk_b = new_page(viewport={"width": 1024, "height": 768})
    desk_b.on("pageerror", lambda error: errors.append(str(error)))
    log_in(desk_b, live_server, SECOND_DESK[0])
    open_desk(desk_b, f"{base}/e/demo/gifts/desk", "gift-recipients")
    desk_b.fill("#desk", "Bàn 2")
    desk_b.dispatch_event("#desk", "change")
    tablet_b = desk_b.context

    tablet_a.set_offline(True)
    tablet_b.set_offline(True)
    # Meanwhile someone is checked in at another gate the tablets cannot hear from.
    assert requests.post(f"{api}/checkins", json={"delegate_id": elsewhere["id"], "device": "Cổng 3"},
                         headers=headers).json()["status"] == "ok"

    # The gate, offline: by name (the list kept on the tablet), and by badge (signature verified here).
    gate.fill("#search", plain(by_search["full_name"]))
    row = gate.locator(".search-result", has_text=by_search["full_name"]).first
    expect(gate.locator("#search-results .offline-note")).to_be_visible()
    row.locator("button", has_text="Điểm danh").click()
    expect(gate.locator("#result-detail")).to_contain_text("Đã lưu, sẽ gửi khi có mạng")
    wait_for_result(gate, "queued", by_search["full_name"])
    expect(badge(gate)).to_have_text("Mất kết nối — 1 thao tác đang chờ")

    gate.fill("#code", code)
    gate.press("#code", "Enter")
    expect(gate.locator("#result-detail")).to_contain_text("Đã xác minh chữ ký (ngoại tuyến)")
    expect(gate.locator("#result-detail")).to_contain_text("Đã lưu, sẽ gửi khi có mạng")
    wait_for_result(gate, "queued", by_code["full_name"])

    # A forged badge is refused at once, and nothing is queued for it.
    gate.fill("#code", forged(code_too))
    gate.press("#code", "Enter")
    wait_for_result(gate, "invalid", "Mã không hợp lệ")
    # The same badge twice: said at once, not queued again.
    gate.fill("#code", code)
    gate.press("#code", "Enter")
    wait_for_result(gate, "already_checked_in", "đang chờ gửi")

    gate.fill("#code", code_too)
    gate.press("#code", "Enter")
    wait_for_result(gate, "queued", by_code_too["full_name"])

    # Someone the other gate already checked in: this tablet cannot know; the server will tell.
    gate.fill("#search", plain(elsewhere["full_name"]))
    gate.locator(".search-result", has_text=elsewhere["full_name"]).first.locator("button", has_text="Điểm danh").click()
    wait_for_result(gate, "queued")
    expect(badge(gate)).to_have_text("Mất kết nối — 4 thao tác đang chờ")

    # The gift desks, offline: the same recipient handed out on both.
    for desk, recipient in ((desk_a, both_desks), (desk_a, desk_a_only), (desk_b, both_desks), (desk_b, desk_b_only)):
        desk.bring_to_front()
        desk.fill("#search", plain(recipient["name"]))
        desk.locator(".search-result", has_text=recipient["name"]).first.locator("button", has_text="Trao quà").click()
        expect(desk.locator("#result-detail")).to_contain_text("Đã lưu, sẽ gửi khi có mạng")
        wait_for_result(desk, "queued", recipient["name"])
    # Tablet A's two pages share one outbox: 4 check-ins and 2 gifts.
    expect(badge(desk_a)).to_have_text("Mất kết nối — 6 thao tác đang chờ")
    expect(badge(gate)).to_have_text("Mất kết nối — 6 thao tác đang chờ")
    expect(badge(desk_b)).to_have_text("Mất kết nối — 2 thao tác đang chờ")

    # The gate reloads while offline: the service worker serves the page, the outbox is still there.
    gate.reload()
    expect(gate.locator("h1")).to_have_text("Điểm danh đại biểu")
    expect(badge(gate)).to_have_text("Mất kết nối — 6 thao tác đang chờ")
    gate.fill("#search", plain(after_reload["full_name"]))
    gate.locator(".search-result", has_text=after_reload["full_name"]).first.locator("button", has_text="Điểm danh").click()
    wait_for_result(gate, "queued", after_reload["full_name"])
    expect(badge(gate)).to_have_text("Mất kết nối — 7 thao tác đang chờ")

    # Nothing reached the server yet.
    dashboard = requests.get(f"{api}/dashboard", headers=headers).json()
    assert dashboard["attendance"]["present"] == 1 and dashboard["gifts"]["handed"] == 0

    # Back online: desk B first (its hand-out of the shared recipient arrives first), then tablet A.
    tablet_b.set_offline(False)
    expect(badge(desk_b)).to_be_hidden(timeout=30000)
    tablet_a.set_offline(False)
    expect(badge(gate)).to_be_hidden(timeout=30000)
    expect(badge(desk_a)).to_be_hidden(timeout=30000)

    # The answers that came back are listed on the tablets.
    expect(gate.locator("#outbox-log")).to_contain_text(f"{elsewhere['full_name']} đã điểm danh lúc")
    expect(gate.locator("#outbox-log")).to_contain_text("tại Cổng 3")
    expect(desk_a.locator("#outbox-log .status-conflict")).to_contain_text(f"Xung đột: {both_desks['name']} đã nhận lúc")
    expect(desk_a.locator("#outbox-log .status-conflict")).to_contain_text("tại Bàn 2")

    # The server's counts, exactly.
    dashboard = requests.get(f"{api}/dashboard", headers=headers).json()
    assert dashboard["attendance"]["present"] == 5
    checked = {d["id"]: d for d in requests.get(f"{api}/delegates?limit=1000", headers=headers).json()["delegates"]
               if d["checked_in_at"]}
    assert set(checked) == {d["id"] for d in (by_search, by_code, by_code_too, after_reload, elsewhere)}
    assert {checked[d["id"]]["checked_in_device"] for d in (by_search, by_code, by_code_too, after_reload)} == {"Cổng 2"}
    assert checked[elsewhere["id"]]["checked_in_device"] == "Cổng 3"
    trail = requests.get(f"{api}/audit?area=checkin", headers=headers).json()["changes"]
    assert sorted(c["action_code"] for c in trail) == ["already_checked_in"] + ["ok"] * 5
    assert dashboard["gifts"]["handed"] == 3
    gifts = {r["id"]: r for r in requests.get(f"{api}/gifts", headers=headers).json()["recipients"]}
    assert gifts[both_desks["id"]]["handed_desk"] == "Bàn 2"
    assert gifts[desk_a_only["id"]]["handed_desk"] == "Bàn 1" and gifts[desk_b_only["id"]]["handed_desk"] == "Bàn 2"
    conflicts = requests.get(f"{api}/offline-conflicts", headers=headers).json()
    assert conflicts["open"] == 1 and len(conflicts["items"]) == 1
    (conflict,) = conflicts["items"]
    assert conflict["subject"] == both_desks["name"]
    assert conflict["details"]["first"]["desk"] == "Bàn 2" and conflict["details"]["offline"]["desk"] == "Bàn 1"

    # The organizer sees it and settles it.
    organizer = new_page(viewport={"width": 1280, "height": 900})
    organizer.on("dialog", lambda dialog: dialog.accept("Đã thu hồi suất quà thứ hai"))
    log_in(organizer, live_server, "demo-btc")
    organizer.goto(f"{base}/e/demo/")
    box = organizer.locator("#offline-conflicts")
    expect(box).to_be_visible()
    expect(box.locator("h2")).to_contain_text("Xung đột khi mất kết nối")
    expect(box.locator(".conflict")).to_have_count(1)
    expect(box.locator(".conflict")).to_contain_text(both_desks["name"])
    box.locator("button", has_text="Đã xử lý").click()
    expect(box.locator(".conflict.resolved")).to_contain_text("Đã thu hồi suất quà thứ hai")
    assert requests.get(f"{api}/offline-conflicts", headers=headers).json()["open"] == 0
    assert errors == []


def test_offline_counters_award_stage_and_opinions(live_server, new_page):
    """The other desks: a phần hội station's taps, the stage marshal's marks (one
    of them contradicting another tablet's), and the citizens' opinion kiosk."""
    base = live_server.base_url
    api = f"{base}/api/v1/events/demo"
    headers = {"Authorization": f"Bearer {live_server.token('demo-btc')}"}
    assert requests.post(f"{api}/award-batches/plan", json={"width": 8}, headers=headers).status_code == 200
    assert requests.post(f"{api}/award-stage/commands", json={"command": "next", "expected_batch": None},
                         headers=headers).status_code == 200
    people = requests.get(f"{api}/awards", headers=headers).json()["stage"]["current"]["people"]
    opinions_before = len(requests.get(f"{api}/opinions", headers=headers).json()["opinions"])
    errors = []

    tablet = new_page(viewport={"width": 1024, "height": 768})
    tablet.on("pageerror", lambda error: errors.append(str(error)))
    log_in(tablet, live_server, "demo-cong1")
    open_desk(tablet, f"{base}/e/demo/counters")
    stage = tablet.context.new_page()
    stage.on("pageerror", lambda error: errors.append(str(error)))
    open_desk(stage, f"{base}/e/demo/awards/stage")
    expect(stage.locator(".stage-person")).to_have_count(len(people))

    kiosk = new_page(viewport={"width": 1024, "height": 768})
    kiosk.on("pageerror", lambda error: errors.append(str(error)))
    # The hall's shared tablet, opened with the screen link's key (its own, human-speed limit).
    open_desk(kiosk, f"{base}/e/demo/y-kien?kiosk={live_server.screen_link.rsplit('/', 1)[1]}")

    tablet.context.set_offline(True)
    kiosk.context.set_offline(True)

    # Four taps at the first station: +1 three times, one undone.
    tablet.bring_to_front()
    station = tablet.locator(".counter").first
    for _ in range(3):
        station.locator(".counter-plus").click()
    station.locator("button", has_text="Bớt 1").click()
    expect(tablet.locator(".counter").first.locator(".counter-pending")).to_have_text("+2 đang chờ gửi")
    expect(tablet.locator("#counter-error")).to_have_text("Đã lưu, sẽ gửi khi có mạng.")

    # The marshal, offline: handed, absent (another tablet records "handed" meanwhile), handed.
    stage.bring_to_front()
    rows = stage.locator(".stage-person")
    for index, outcome in ((0, "handed"), (1, "absent"), (2, "handed")):
        rows.nth(index).locator(f"button[data-outcome={outcome}]").click()
        expect(rows.nth(index)).to_contain_text("đang chờ gửi")
    expect(stage.locator("#stage-error")).to_contain_text("Đã lưu, sẽ gửi khi có mạng")
    expect(badge(stage)).to_have_text("Mất kết nối — 7 thao tác đang chờ")
    for person in people[:2]:
        assert requests.post(f"{api}/awards/{person['id']}/handout", json={"outcome": "handed", "device": "Sân khấu 2"},
                             headers=headers).json()["status"] == "ok"

    # Two citizens at the kiosk tablet, one after the other, offline; the page reloads from the
    # service worker. (Queued sends are limited by when they were made: people, not a burst.)
    for n, text in enumerate(("Đề nghị lắp thêm đèn đường ở thôn Eo Lê", "Xin hướng dẫn kích hoạt VNeID mức 2")):
        if n:
            time.sleep(KIOSK_SECONDS_BETWEEN + 0.5)
        kiosk.fill("textarea[name=text]", text)
        kiosk.click("button[type=submit]")
        expect(kiosk.locator("h1")).to_contain_text("Trân trọng cảm ơn ông/bà")
        expect(kiosk.locator(".thanks")).to_contain_text("sẽ được gửi tới Ban Tổ chức khi có kết nối")
        kiosk.click("button:has-text('Gửi thêm')")
    expect(badge(kiosk)).to_have_text("Mất kết nối — 2 thao tác đang chờ")
    kiosk.reload()
    expect(kiosk.locator("h1")).to_have_text("Công an lắng nghe ý kiến Nhân dân")
    expect(badge(kiosk)).to_have_text("Mất kết nối — 2 thao tác đang chờ")

    tablet.context.set_offline(False)
    kiosk.context.set_offline(False)
    expect(badge(tablet)).to_be_hidden(timeout=30000)
    expect(badge(kiosk)).to_be_hidden(timeout=30000)

    dashboard = requests.get(f"{api}/dashboard", headers=headers).json()
    first = dashboard["counters"]["activities"][0]
    assert first["total"] == 2 and dashboard["counters"]["total"] == 2
    awards = requests.get(f"{api}/awards", headers=headers).json()
    marked = {p["id"]: p for p in awards["stage"]["current"]["people"]}
    assert [marked[p["id"]]["outcome"] for p in people[:3]] == ["handed", "handed", "handed"]
    assert awards["summary"]["handed"] == 3
    conflicts = requests.get(f"{api}/offline-conflicts", headers=headers).json()
    assert conflicts["open"] == 1
    (conflict,) = conflicts["items"]
    assert conflict["area"] == "awards" and conflict["details"]["offline"]["outcome"] == "absent"
    expect(stage.locator("#outbox-log .status-conflict")).to_contain_text("Xung đột")
    opinions = requests.get(f"{api}/opinions", headers=headers).json()["opinions"]
    assert len(opinions) == opinions_before + 2
    assert sum("VNeID mức 2" in o["text"] for o in opinions) == 1
    assert errors == []
