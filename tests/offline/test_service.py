"""Actions queued on a tablet cut off from the server: applied exactly once,
dated when they were made, and a hand-out another desk had already made kept
as a conflict for the organizers (never dropped), settled with a note."""

import uuid
from datetime import timedelta

import pytest

from kiosk.awards import service as awards
from kiosk.database import utcnow
from kiosk.delegates import service as delegates
from kiosk.delegates.models import CheckInScan, Delegate
from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.forum import service as forum
from kiosk.forum.models import Opinion
from kiosk.gifts import service as gifts
from kiosk.offline import service
from kiosk.offline.models import OfflineConflict
from kiosk.reports import audit
from kiosk.transactions import KeyReused
from tests.factories import make_delegates, make_event


@pytest.fixture
def event(app):
    with app.app_context():
        event = make_event("cam-tan")
        package = gifts.create_package(event, {"name": "Suất quà của UBND xã", "unit_value": 500_000, "quantity": 5})
        for n in range(3):
            gifts.add_recipient(event, {"name": f"Hộ gia đình số {n + 1}", "package_id": package.id})
        make_delegates(event, ["Phạm Thị Dung", "Hoàng Văn Em"], seat="A1")
        decision = awards.create_decision(event, {"number": "1/QĐ-UBND", "signed_on": "2024-08-05",
                                                  "authority": "UBND xã", "form_id": awards.ensure_forms(event)[4].id})
        for n in range(2):
            awards.add_recipient(event, decision.id, {"kind": "individual", "name": f"Cá nhân số {n + 1}"})
        return event


def ids(app, model):
    with app.app_context():
        return [row.id for row in db.session.scalars(db.select(model).order_by(model.id))]


def test_offline_time_is_the_tablets_moment_within_reason(app):
    with app.app_context():
        now = utcnow()
        made = now - timedelta(minutes=7)
        assert service.offline_time(None) is None and service.offline_time("") is None
        assert service.offline_time(made.isoformat()) == made
        assert service.offline_time(made.isoformat().replace("+00:00", "Z")) == made
        # A tablet clock in the future, or an action older than a day's work: dated on arrival.
        for wrong in (now + timedelta(hours=2), now - timedelta(hours=13)):
            assert abs(service.offline_time(wrong.isoformat()) - utcnow()) < timedelta(seconds=5)
        for bad in ("hôm qua", 1234, "2024-13-45T00:00:00"):
            with pytest.raises(service.OfflineError):
                service.offline_time(bad)


def test_two_offline_desks_handing_the_same_gift_make_one_hand_out_and_one_conflict(app, event):
    (first, second, _), key = ids(app, gifts.GiftRecipient), str(uuid.uuid4())
    with app.app_context():
        e = find_event("cam-tan")
        desk_b = gifts.handout(e, recipient_id=first, desk="Bàn 2", actor="Bàn quà 2", request_id=str(uuid.uuid4()),
                               made_at=utcnow() - timedelta(minutes=3))
        assert desk_b["status"] == "ok"
        made = utcnow() - timedelta(minutes=5)
        desk_a = gifts.handout(e, recipient_id=first, desk="Bàn 1", actor="Cổng 1", request_id=key, made_at=made)
        assert desk_a["status"] == "conflict"
        assert desk_a["message"].startswith("Xung đột: Hộ gia đình số 1 đã nhận lúc")
        assert "tại Bàn 2" in desk_a["message"] and "Bàn 1 cũng trao lúc" in desk_a["message"]
        assert desk_a["conflict"]["first"]["desk"] == "Bàn 2"
        assert desk_a["conflict"]["offline"] == {**desk_a["conflict"]["offline"], "desk": "Bàn 1", "actor": "Cổng 1",
                                                 "offline_at": made.isoformat()}
        # Sent again (the answer was lost): the same answer, nothing more recorded.
        assert gifts.handout(e, recipient_id=first, desk="Bàn 1", request_id=key, made_at=made) == desk_a
        assert gifts.gifts_summary(e)["handed"] == 1
        log = gifts.history(e, first)
        assert [h.status for h in log] == ["handed", "conflict"]
        (conflict,) = db.session.scalars(db.select(OfflineConflict)).all()
        assert conflict.area == "gifts" and conflict.gift_handout_id == log[1].id and conflict.resolved_at is None
        state = service.conflicts_state(e)
        assert state["open"] == 1 and state["items"][0]["subject"] == "Hộ gia đình số 1"
        # A desk that was online is simply told it was handed: no conflict.
        assert gifts.handout(e, recipient_id=first, desk="Bàn 3")["status"] == "already_handed"
        assert service.conflicts_state(e)["open"] == 1
        # A queued hand-out nobody else made is dated when it was made.
        queued = gifts.handout(e, recipient_id=second, desk="Bàn 1", request_id=str(uuid.uuid4()), made_at=made)
        assert queued["status"] == "ok" and queued["recipient"]["handed_at"] == made.isoformat()


def test_offline_award_marks_conflict_only_when_they_disagree(app, event):
    first, second = ids(app, awards.AwardRecipient)
    with app.app_context():
        e = find_event("cam-tan")
        for person in (first, second):
            assert awards.handout(e, person, outcome="handed", actor="Sân khấu 2")["status"] == "ok"
        made = utcnow() - timedelta(minutes=2)
        same = awards.handout(e, first, outcome="handed", request_id=str(uuid.uuid4()), made_at=made, device="Sân khấu 1")
        assert same["status"] == "already_recorded"
        other = awards.handout(e, second, outcome="absent", request_id=str(uuid.uuid4()), made_at=made,
                               device="Sân khấu 1", actor="Cổng 1")
        assert other["status"] == "conflict"
        assert "đã được ghi “Đã trao”" in other["message"] and "Sân khấu 1 ghi “Vắng”" in other["message"]
        assert [h.outcome for h in awards.history(e, second)] == ["handed", "conflict"]
        (conflict,) = service.conflicts_of(e)
        assert conflict.area == "awards" and conflict.details["offline"]["outcome"] == "absent"
        assert awards.awards_summary(e)["handed"] == 2


def test_settling_a_conflict_needs_a_note_and_stays_in_the_audit_trail(app, event):
    first = ids(app, gifts.GiftRecipient)[0]
    with app.app_context():
        e = find_event("cam-tan")
        gifts.handout(e, recipient_id=first, desk="Bàn 2")
        gifts.handout(e, recipient_id=first, desk="Bàn 1", request_id="x-1", made_at=utcnow())
        (conflict,) = service.conflicts_of(e)
        with pytest.raises(service.OfflineError, match="Ghi chú"):
            service.resolve_conflict(e, conflict.id, note="  ", actor="BTC")
        settled = service.resolve_conflict(e, conflict.id, note="Đã thu hồi suất quà thứ hai", actor="Trưởng ban")
        assert settled.resolved_at is not None and settled.resolved_by == "Trưởng ban"
        with pytest.raises(service.OfflineError, match="đã được xử lý"):
            service.resolve_conflict(e, conflict.id, note="lần nữa", actor="BTC")
        state = service.conflicts_state(e)
        assert state["open"] == 0 and state["items"][0]["resolved"] and state["items"][0]["note"].startswith("Đã thu hồi")
        trail = audit.trail(e, area="gifts")
        assert [c.action for c in trail][:3] == ["conflict_resolved", "conflict", "handed"]
        assert trail[0].row(e)["action"] == "Xử lý xung đột khi mất kết nối"
        assert "Đã thu hồi suất quà thứ hai" in trail[0].details
        assert "Xung đột: Hộ gia đình số 1" in trail[1].details
        with pytest.raises(service.OfflineError, match="Không tìm thấy"):
            service.resolve_conflict(make_event("eo-le"), conflict.id, note="x", actor="BTC")


def test_a_queued_check_in_is_applied_once_and_dated_when_it_was_made(app, event):
    dung = ids(app, Delegate)[0]
    with app.app_context():
        e = find_event("cam-tan")
        made = utcnow() - timedelta(minutes=20)
        first = delegates.check_in(e, delegate_id=dung, device="Cổng 2", scan_id="scan-1", made_at=made)
        again = delegates.check_in(e, delegate_id=dung, device="Cổng 2", scan_id="scan-1", made_at=made)
        assert first == again and first["status"] == "ok" and first["checked_in_at"] == made.isoformat()
        # Two offline gates checking the same person: harmless, told when and where.
        other = delegates.check_in(e, delegate_id=dung, device="Cổng 3", scan_id="scan-2", made_at=utcnow())
        assert other["status"] == "already_checked_in" and "tại Cổng 2" in other["message"]
        assert delegates.attendance(e)["present"] == 1
        assert db.session.scalar(db.select(db.func.count()).select_from(CheckInScan)) == 2
        assert service.conflicts_of(e) == []


def test_a_walk_in_sent_twice_is_registered_once(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        guest = {"full_name": "Khách Mời Thêm", "level": "co_so", "group": "citizen", "honorific": ""}
        first = delegates.register_walk_in(e, dict(guest), device="Cổng 1", request_id="walk-1")
        again = delegates.register_walk_in(e, dict(guest), device="Cổng 1", request_id="walk-1")
        assert first == again and first["status"] == "ok"
        assert len([d for d in delegates.delegates_in_order(e) if d.full_name == "Khách Mời Thêm"]) == 1


def test_an_opinion_sent_again_is_kept_once_and_queued_ones_are_limited_when_made(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        text = {"text": "Đề nghị lắp thêm đèn đường."}
        first = forum.submit_opinion(e, text, device="phone-1", address="10.0.0.5", request_id="op-1")
        again = forum.submit_opinion(e, text, device="phone-1", address="10.0.0.5", request_id="op-1")
        assert first.id == again.id
        with pytest.raises(KeyReused):  # the same key with another text is not answered as the first
            forum.submit_opinion(e, {"text": "Khác hẳn"}, device="phone-1", address="10.0.0.5", request_id="op-1")
        with pytest.raises(forum.TooFast):  # sent at once after another: wait between two
            forum.submit_opinion(e, {"text": "Ý kiến khác"}, device="phone-1", address="10.0.0.5", request_id="op-2")
        # Queued on the phone while cut off, they are judged by when they were made, not exempt:
        # made 5 s before the first one, too close to it; made 25 s before, far enough.
        with pytest.raises(forum.TooFast):
            forum.submit_opinion(e, {"text": "Ý kiến khác"}, device="phone-1", address="10.0.0.5", request_id="op-2",
                                 made_at=first.sent_at - timedelta(seconds=5))
        forum.submit_opinion(e, {"text": "Ý kiến khác"}, device="phone-1", address="10.0.0.5", request_id="op-3",
                             made_at=first.sent_at - timedelta(seconds=25))
        assert db.session.scalar(db.select(db.func.count()).select_from(Opinion)) == 2
        assert db.session.scalar(db.select(Opinion.request_id).where(Opinion.id == first.id)) == "op-1"


def test_what_a_desk_keeps_for_offline_use(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        people = service.delegates_for_desk(e)
        assert [p["full_name"] for p in people] == ["Phạm Thị Dung", "Hoàng Văn Em"]
        assert people[0]["search_name"] == "pham thi dung" and len(people[0]["badge_id"]) == 10
        assert people[0]["code_version"] == 1
        recipients = service.gift_recipients_for_desk(e)
        assert len(recipients) == 3 and all(len(r["slip_id"]) == 10 and r["package"] for r in recipients)
        assert "seed" not in str(service.code_key(e)).lower() and e.code_seed not in str(service.code_key(e))
