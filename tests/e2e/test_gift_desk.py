"""A gift desk in the browser: find a recipient without diacritics, hand the
package over; the dashboard's totals move in packages and in đồng; a second
desk is told when and where."""

import pytest
import requests
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


def test_desk_hand_out_moves_the_dashboard_totals(live_server, new_page):
    api = f"{live_server.base_url}/api/v1/events/demo"
    headers = {"Authorization": f"Bearer {live_server.token('demo-btc')}"}
    gifts = requests.get(f"{api}/gifts", headers=headers).json()
    first = next(r for r in gifts["recipients"] if r["package"] == "Suất quà của UBND xã")
    plain = first["name"].lower().replace("đ", "d")
    import unicodedata
    plain = "".join(c for c in unicodedata.normalize("NFD", plain) if unicodedata.category(c) != "Mn")

    organizer = new_page()
    log_in(organizer, live_server, "demo-btc")
    organizer.goto(live_server.base_url + "/e/demo/")
    handed = organizer.locator('#figure-gifts [data-live="gifts.handed"]')
    money = organizer.locator('#figure-gifts [data-live="gifts.handed_value"]')
    expect(handed).to_have_text("0")
    expect(money).to_have_text("0 đ")

    desk = new_page(viewport={"width": 1024, "height": 768})
    log_in(desk, live_server, "demo-cong1")
    desk.goto(live_server.base_url + "/e/demo/gifts/desk")
    desk.fill("#desk", "Bàn 2")
    desk.dispatch_event("#desk", "change")
    desk.fill("#search", plain)
    row = desk.locator(".search-result", has_text=first["name"]).first
    row.locator("button", has_text="Trao quà").click()
    expect(desk.locator("#result-message")).to_contain_text(f"cho {first['name']}")
    expect(handed).to_have_text("1")
    expect(money).to_have_text("500.000 đ")

    again = requests.post(f"{api}/gifts/{first['id']}/handout", json={"desk": "Bàn 1"}, headers=headers).json()
    assert again["status"] == "already_handed" and "tại Bàn 2" in again["message"]
    expect(desk.locator(".search-result.present").first).to_contain_text("Bàn 2")
