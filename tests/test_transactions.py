"""The one write path (kiosk/transactions.py): nothing writes outside it, a
refused change leaves nothing behind and tells no screen, and an idempotency
key is answered as it was the first time only for the same request."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, insert, select, text, update

from kiosk import live
from kiosk.awards import service as awards
from kiosk.delegates import service as delegates
from kiosk.delegates.models import Delegate
from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.gifts import service as gifts
from kiosk.programme import service as programme
from kiosk.transactions import KeyReused, WriteOutsidePath, writes, writing
from tests.factories import bearer, make_delegates, make_event


@pytest.fixture
def venue(app):
    with app.app_context():
        event = make_event("cam-tan")
        auth = bearer()
        people = make_delegates(event, ["Lê Văn An", "Trần Thị Bình"])
        package = gifts.create_package(event, {"name": "Quà", "unit_value": 300_000, "quantity": 5})
        recipients = [gifts.add_recipient(event, {"name": name, "package_id": package.id}).id
                      for name in ("Hộ Một", "Hộ Hai")]
        form = awards.ensure_forms(event)[0]
        decision = awards.create_decision(event, {"number": "12/QĐ", "authority": "UBND xã", "signed_on": "2024-08-01",
                                                  "form_id": form.id})
        winners = [awards.add_recipient(event, decision.id, {"kind": "individual", "name": name}).id
                   for name in ("Người A", "Người B")]
        activity = programme.add_activity(event, {"name": "Cấp CCCD"})
        return {"slug": event.slug, "auth": auth, "people": [p.id for p in people],
                "codes": [delegates.code_for(event, p) for p in people], "recipients": recipients,
                "winners": winners, "activity": activity.id}


def api(path: str) -> str:
    return f"/api/v1/events/cam-tan{path}"


# ---------------------------------------------------------------- nothing writes outside

def test_a_change_outside_the_write_path_is_refused(app, venue):
    with app.app_context():
        event = find_event("cam-tan")
        delegate = db.session.get(Delegate, venue["people"][0])
        delegate.seat = "A1"
        with pytest.raises(WriteOutsidePath, match="Delegate"):
            db.session.flush()
        db.session.rollback()
        with pytest.raises(WriteOutsidePath):
            db.session.execute(update(Delegate).where(Delegate.id == delegate.id).values(seat="A2"))
        with pytest.raises(WriteOutsidePath):
            db.session.execute(insert(Delegate).values(event_id=event.id, full_name="X"))
        with pytest.raises(WriteOutsidePath):
            db.session.execute(text("UPDATE delegates SET seat = 'A3'"))
        db.session.rollback()
        with writing():
            db.session.get(Delegate, delegate.id).seat = "B7"
        assert db.session.scalar(select(Delegate.seat).where(Delegate.id == delegate.id)) == "B7"


def test_a_refused_change_is_rolled_back_and_told_to_no_screen(app, venue, monkeypatch):
    sent = []
    monkeypatch.setattr(live, "push_parts", lambda event, names: sent.append(tuple(names)))

    @writes
    def half_done(event):
        delegates.add_delegate(event, full_name="Nửa chừng")
        delegates.publish_attendance(event)
        raise delegates.DelegateError("Từ chối")

    with app.app_context():
        event = find_event("cam-tan")
        with pytest.raises(delegates.DelegateError):
            half_done(event)
        assert sent == []
        assert db.session.scalar(select(func.count()).select_from(Delegate)) == 2
        delegates.create_delegate(event, {"full_name": "Có thật"})
        assert sent == [("attendance", "attendance_detail", "introduction")]  # once, after the commit


def test_the_write_path_nests(app, venue):
    with app.app_context():
        event = find_event("cam-tan")
        with pytest.raises(RuntimeError):
            with writing():
                delegates.create_delegate(event, {"full_name": "Trong giao dịch ngoài"})
                raise RuntimeError("the outer transaction fails: the inner service's write goes too")
        assert db.session.scalar(select(func.count()).select_from(Delegate)) == 2


# ---------------------------------------------------------------- idempotency keys

def test_a_scan_id_reused_for_another_code_is_refused(client, venue):
    key = str(uuid.uuid4())
    first = client.post(api("/checkins"), json={"code": venue["codes"][0], "scan_id": key}, headers=venue["auth"])
    assert first.status_code == 200 and first.get_json()["status"] == "ok"
    again = client.post(api("/checkins"), json={"code": venue["codes"][0], "scan_id": key}, headers=venue["auth"])
    assert again.get_json() == first.get_json()
    other = client.post(api("/checkins"), json={"code": venue["codes"][1], "scan_id": key}, headers=venue["auth"])
    assert other.status_code == 409
    assert other.get_json() == {"error": "key_reused", "message": KeyReused().args[0]}
    by_name = client.post(api("/checkins"), json={"delegate_id": venue["people"][1], "scan_id": key},
                          headers=venue["auth"])
    assert by_name.status_code == 409
    # The other delegate was not checked in by the refused request.
    person = client.get(api("/delegates?q=binh"), headers=venue["auth"]).get_json()["delegates"][0]
    assert person["checked_in_at"] is None


@pytest.mark.parametrize("area", ["gift", "award", "counter", "walk_in", "opinion"])
def test_a_request_id_reused_for_another_request_is_refused(client, venue, area):
    key = str(uuid.uuid4())
    first_recipient, second_recipient = venue["recipients"]
    requests = {
        "gift": (lambda body: client.post(api(f"/gifts/{first_recipient}/handout"), json=body, headers=venue["auth"]),
                 lambda body: client.post(api(f"/gifts/{second_recipient}/handout"), json=body, headers=venue["auth"])),
        "award": (lambda body: client.post(api(f"/awards/{venue['winners'][0]}/handout"),
                                           json={**body, "outcome": "handed"}, headers=venue["auth"]),
                  lambda body: client.post(api(f"/awards/{venue['winners'][0]}/handout"),
                                           json={**body, "outcome": "absent"}, headers=venue["auth"])),
        "counter": (lambda body: client.post(api(f"/counters/{venue['activity']}"), json={**body, "delta": 1},
                                             headers=venue["auth"]),
                    lambda body: client.post(api(f"/counters/{venue['activity']}"), json={**body, "delta": -1},
                                             headers=venue["auth"])),
        "walk_in": (lambda body: client.post(api("/walk-ins"), json={**body, "full_name": "Khách Một"},
                                             headers=venue["auth"]),
                    lambda body: client.post(api("/walk-ins"), json={**body, "full_name": "Khách Hai"},
                                             headers=venue["auth"])),
        "opinion": (lambda body: client.post(api("/opinions"), json={**body, "text": "Đèn đường hỏng"},
                                             headers={"X-Kiosk-Device": "phone-1"}),
                    lambda body: client.post(api("/opinions"), json={**body, "text": "Xin cấp CCCD"},
                                             headers={"X-Kiosk-Device": "phone-1"})),
    }
    same, other = requests[area]
    first = same({"request_id": key})
    assert first.status_code in (200, 201), first.get_json()
    again = same({"request_id": key})
    assert again.status_code == first.status_code and again.get_json() == first.get_json()
    refused = other({"request_id": key})
    assert refused.status_code == 409, refused.get_json()
    assert refused.get_json()["error"] == "key_reused"
    assert "đã được dùng cho một thao tác khác" in refused.get_json()["message"]
