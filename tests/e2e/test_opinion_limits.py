"""A citizen's phone that sends too fast is told plainly to wait: a 429 is a
final answer, never kept in the phone's outbox nor thanked for."""

from __future__ import annotations

import requests
from playwright.sync_api import expect

SCREENSHOTS = "opinion-too-fast.png"


def test_a_phone_sending_too_fast_sees_the_wait_message_and_nothing_is_queued(live_server, new_page, tmp_path):
    base = live_server.base_url
    api = f"{base}/api/v1/events/demo"
    headers = {"Authorization": f"Bearer {live_server.token('demo-btc')}"}
    before = len(requests.get(f"{api}/opinions", headers=headers).json()["opinions"])
    errors = []

    phone = new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone.on("pageerror", lambda error: errors.append(str(error)))
    phone.goto(f"{base}/e/demo/y-kien")
    phone.wait_for_function("window.KioskOutbox && window.KioskOutbox.ready")

    phone.fill("textarea[name=text]", "Đề nghị sửa đường liên thôn Eo Lê")
    phone.click("button[type=submit]")
    expect(phone.locator("h1")).to_contain_text("Trân trọng cảm ơn ông/bà")
    phone.click("button:has-text('Gửi thêm')")

    phone.fill("textarea[name=text]", "Thêm một ý kiến ngay sau đó")
    phone.click("button[type=submit]")
    answer = phone.locator("#opinion-answer")
    expect(answer).to_be_visible()
    expect(answer).to_have_text("Bạn vừa gửi. Vui lòng đợi 20 giây rồi gửi tiếp.")
    expect(phone.locator(".thanks")).to_have_count(0)
    # What was typed stays, to send again after the wait; nothing waits in the outbox.
    expect(phone.locator("textarea[name=text]")).to_have_value("Thêm một ý kiến ngay sau đó")
    assert phone.evaluate("window.KioskOutbox.pending().length") == 0
    expect(phone.locator("#outbox-badge")).to_be_hidden()
    phone.screenshot(path=str(tmp_path / SCREENSHOTS), full_page=True)

    opinions = requests.get(f"{api}/opinions", headers=headers).json()["opinions"]
    assert len(opinions) == before + 1
    assert errors == []
