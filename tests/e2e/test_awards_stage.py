"""The award item on stage: the marshal marks a batch on a tablet while the
MC page shows the decision and the names live, and the dashboard counts."""

import pytest
import requests
from playwright.sync_api import expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.browser


def test_marshal_marks_a_batch_while_the_mc_follows(live_server, new_page):
    api = f"{live_server.base_url}/api/v1/events/demo"
    headers = {"Authorization": f"Bearer {live_server.token('demo-btc')}"}
    assert requests.post(f"{api}/award-batches/plan", json={"width": 8}, headers=headers).status_code == 200
    programme = requests.get(f"{api}/programme", headers=headers).json()
    awards_item = next(i for i in programme["items"] if i["kind"] == "awards")
    assert requests.post(f"{api}/programme/commands", headers=headers,
                         json={"command": "goto", "item": awards_item["id"], "expected_item": None}).status_code == 200

    mc = new_page(viewport={"width": 1280, "height": 900})
    log_in(mc, live_server, "demo-mc")
    mc.goto(live_server.base_url + "/e/demo/mc")
    expect(mc.locator("#current-title")).to_have_text("Công bố Quyết định và trao thưởng")
    expect(mc.locator("#mc-live-title")).to_have_text("Danh sách nhận khen thưởng")

    organizer = new_page()
    log_in(organizer, live_server, "demo-btc")
    organizer.goto(live_server.base_url + "/e/demo/")
    handed = organizer.locator('#figure-awards [data-live="awards.handed"]')
    expect(handed).to_have_text("0")

    marshal = new_page(viewport={"width": 1024, "height": 768})
    log_in(marshal, live_server, "demo-cong1")
    marshal.goto(live_server.base_url + "/e/demo/awards/stage")
    marshal.click("#stage-next")
    expect(marshal.locator("#batch-title")).to_contain_text("Đợt 1")
    people = marshal.locator(".stage-person")
    expect(people).to_have_count(8)
    first_name = people.first.locator("strong").inner_text()

    # The MC sees the announcement and the same names, in the same order.
    expect(mc.locator("#mc-live-list .intro-opening")).to_contain_text("Công bố Quyết định số 1856/QĐ-UBND")
    expect(mc.locator("#mc-live-list .intro-person").first).to_contain_text(first_name)
    expect(mc.locator("#mc-live-list .intro-person")).to_have_count(8)

    people.first.locator("button[data-outcome=handed]").click()
    expect(people.first).to_have_class("stage-person marked outcome-handed")
    expect(mc.locator("#mc-live-list .intro-person").first).to_have_class("intro-person read")
    expect(handed).to_have_text("1")

    # A second tablet marking the same person is told when and by whom.
    again = requests.post(f"{api}/awards/{requests.get(f'{api}/awards', headers=headers).json()['stage']['current']['people'][0]['id']}/handout",
                          json={"outcome": "absent"}, headers=headers).json()
    assert again["status"] == "already_recorded" and "Cổng 1" in again["message"]
