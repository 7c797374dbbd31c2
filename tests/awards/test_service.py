"""Awards: limits, planning, the stage, and hand-outs that are recorded once."""

import threading
import uuid

import pytest

from kiosk.awards import service
from kiosk.awards.models import AwardHandout, AwardRecipient
from kiosk.delegates.service import add_delegate, check_in
from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.transactions import writing
from tests.factories import login, make_event, make_user


def make_decision(event, form_rank: int, number: str, collectives: int, individuals: int, leaders: int = 0):
    forms = service.ensure_forms(event)
    decision = service.create_decision(event, {"number": number, "signed_on": "2024-08-05",
                                               "authority": "Chủ tịch UBND huyện Cẩm Thủy",
                                               "form_id": forms[form_rank - 1].id})
    for n in range(collectives):
        service.add_recipient(event, decision.id, {"kind": "collective", "name": f"Tập thể số {n + 1}",
                                                   "representative": f"Đại diện {n + 1}"})
    for n in range(individuals):
        service.add_recipient(event, decision.id, {"kind": "individual", "name": f"Cá nhân số {n + 1}",
                                                   "job_title": "Trưởng thôn" if n < leaders else "Công an viên",
                                                   "is_leader": n < leaders})
    return decision


@pytest.fixture
def event(app):
    with app.app_context():
        return make_event("cam-tan")


def test_limits_of_seed_004_warn_and_need_acknowledging(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        make_decision(e, 3, "99/QĐ-UBND", collectives=31, individuals=16, leaders=7)  # provincial Bằng khen
        form_id = service.forms_of(e)[2].id
        warnings = service.limit_warnings(e)[form_id]
        assert warnings == ["31 tập thể, vượt định mức 30.", "16 cá nhân, vượt định mức 15.",
                            "Lãnh đạo 7/16 cá nhân (44 %), vượt tỷ lệ 40 %."]
        with pytest.raises(service.AwardError, match="chưa được xác nhận"):
            service.plan_batches(e)
        service.acknowledge_warnings(e, form_id, "BTC")
        assert service.unacknowledged_warnings(e) == {}
        assert len(service.plan_batches(e)) == 5  # 31 collectives and 16 individuals, 10 a batch
        # A new recipient changes the warnings: acknowledge again.
        decision = service.decisions_of(e)[0]
        service.add_recipient(e, decision.id, {"kind": "collective", "name": "Tập thể thêm"})
        assert form_id in service.unacknowledged_warnings(e)


def test_limits_are_editable_per_form(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        make_decision(e, 5, "1/QĐ-UBND", collectives=3, individuals=2)
        form = service.forms_of(e)[4]
        assert service.limit_warnings(e) == {}
        service.update_form(e, form.id, {"max_collectives": 2, "max_leader_share": 0.5})
        assert service.limit_warnings(e)[form.id] == ["3 tập thể, vượt định mức 2."]
        for bad in ({"max_collectives": -1}, {"max_leader_share": 1.5}, {"max_individuals": "mười"}):
            with pytest.raises(service.AwardError):
                service.update_form(e, form.id, bad)


@pytest.mark.parametrize("fields, message", [
    ({"number": "", "signed_on": "2024-08-05", "authority": "UBND"}, "Số quyết định"),
    ({"number": "1/QĐ", "signed_on": "", "authority": "UBND"}, "Ngày quyết định"),
    ({"number": "1/QĐ", "signed_on": "05/08/2024", "authority": "UBND"}, "Ngày quyết định"),
    ({"number": "1/QĐ", "signed_on": "2024-08-05", "authority": " "}, "Cơ quan ban hành"),
])
def test_a_decision_without_number_or_date_is_refused(app, event, fields, message):
    with app.app_context():
        e = find_event("cam-tan")
        forms = service.ensure_forms(e)
        with pytest.raises(service.AwardError, match=message):
            service.create_decision(e, {**fields, "form_id": forms[0].id})


def test_a_recipient_without_a_name_is_refused(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        decision = make_decision(e, 5, "1/QĐ", 0, 0)
        with pytest.raises(service.AwardError, match="không được để trống"):
            service.add_recipient(e, decision.id, {"kind": "individual", "name": "   "})
        with pytest.raises(service.AwardError, match="Loại"):
            service.add_recipient(e, decision.id, {"kind": "group", "name": "A"})


def test_planning_highest_form_first_collectives_first_and_presenters(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        with writing():
            chair = add_delegate(e, full_name="Lê Văn Bình", level="huyen", group="ubnd", position="Chủ tịch UBND huyện")
            vice = add_delegate(e, full_name="Trần Thị Chi", level="huyen", group="ubnd", position="Phó Chủ tịch UBND huyện")
        make_decision(e, 5, "215/QĐ-UBND", collectives=1, individuals=2)  # Giấy khen (lower)
        make_decision(e, 4, "77/QĐ-CAT", collectives=2, individuals=12)  # Giấy khen Giám đốc CA tỉnh (higher)
        batches = service.plan_batches(e, width=10)
        described = [service.stage_state_batch(e, b) for b in batches]
        assert [len(b["people"]) for b in described] == [10, 4, 3]
        first = [p["name"] for p in described[0]["people"]]
        assert first[:2] == ["Tập thể số 1", "Tập thể số 2"] and first[2] == "Cá nhân số 1"
        assert "77/QĐ-CAT" in described[0]["announcement"] and "215/QĐ-UBND" in described[2]["announcement"]
        assert described[0]["presenter"] == "Đồng chí Lê Văn Bình, Chủ tịch UBND huyện"
        assert described[1]["presenter"].startswith("Đồng chí Trần Thị Chi")
        assert (chair.id, vice.id) == (described[0]["presenter_delegate_id"], described[1]["presenter_delegate_id"])


def test_announcement_reads_the_decision(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        decision = make_decision(e, 5, "1856/QĐ-UBND", collectives=6, individuals=14)
        assert service.announcement(decision) == (
            "Công bố Quyết định số 1856/QĐ-UBND ngày 05/08/2024 của Chủ tịch UBND huyện Cẩm Thủy về việc tặng "
            "Giấy khen cho 6 tập thể và 14 cá nhân đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ "
            "an ninh Tổ quốc.")


def test_a_batch_larger_than_the_stage_is_refused(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        make_decision(e, 5, "1/QĐ", collectives=0, individuals=6)
        batches = service.plan_batches(e, width=3)
        someone = service.recipients_in_batch(batches[1].id)[0]
        with pytest.raises(service.AwardError, match="đủ 3 người"):
            service.move_recipient(e, someone.id, batches[0].id)
        with pytest.raises(service.AwardError, match="từ 1 đến 30"):
            service.plan_batches(e, width=0)
        service.update_form(e, service.forms_of(e)[0].id, {})  # unrelated change keeps the plan


def test_stage_follows_commands_and_refuses_stale_ones(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        make_decision(e, 5, "1/QĐ", collectives=0, individuals=15)
        first, second = [b.id for b in service.plan_batches(e, width=10)]
        state = service.stage_command(e, "next", expected_batch=None)
        assert state["current"]["id"] == first and len(state["names"]) == 10
        assert [p["line"] for p in state["next"]["people"]][:1] == ["Cá nhân số 11, Công an viên"]
        with pytest.raises(service.StageMoved):
            service.stage_command(e, "next", expected_batch=None)
        assert service.stage_command(e, "next", expected_batch=first)["current"]["id"] == second
        with pytest.raises(service.AwardError, match="đợt cuối"):
            service.stage_command(e, "next", expected_batch=second)


def test_recipients_not_in_the_hall_are_flagged(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        with writing():
            here = add_delegate(e, full_name="Có Mặt")
            away = add_delegate(e, full_name="Vắng Mặt")
        decision = make_decision(e, 5, "1/QĐ", 0, 0)
        service.add_recipient(e, decision.id, {"kind": "individual", "name": "Có Mặt", "delegate_id": here.id})
        service.add_recipient(e, decision.id, {"kind": "individual", "name": "Vắng Mặt", "delegate_id": away.id})
        service.add_recipient(e, decision.id, {"kind": "individual", "name": "Không liên kết"})
        check_in(e, delegate_id=here.id)
        service.plan_batches(e)
        state = service.stage_command(e, "next", expected_batch=None)
        assert [p["present"] for p in state["current"]["people"]] == [True, False, None]


def test_hand_out_is_recorded_once_and_the_second_tablet_is_told(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        decision = make_decision(e, 5, "1/QĐ", 0, 1)
        recipient_id = decision.recipients[0].id
        first = service.handout(e, recipient_id, outcome="handed", actor="Điều phối 1")
        second = service.handout(e, recipient_id, outcome="absent", actor="Điều phối 2")
    assert first["status"] == "ok" and first["recipient"]["outcome"] == "handed"
    assert second["status"] == "already_recorded" and second["recipient"]["outcome"] == "handed"
    assert "đã được ghi “Đã trao” lúc" in second["message"] and "bởi Điều phối 1" in second["message"]


def test_two_tablets_racing_record_exactly_one_hand_out(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        recipient_id = make_decision(e, 5, "1/QĐ", 0, 1).recipients[0].id
    barrier, outcomes, errors = threading.Barrier(8), [], []

    def mark(n):
        try:
            with app.app_context():
                target = find_event("cam-tan")
                barrier.wait()
                outcomes.append(service.handout(target, recipient_id, outcome="handed", actor=f"Tablet {n}")["status"])
                db.session.remove()
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))

    threads = [threading.Thread(target=mark, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and sorted(outcomes) == ["already_recorded"] * 7 + ["ok"]
    with app.app_context():
        assert db.session.query(AwardHandout).filter_by(outcome="handed").count() == 1


def test_request_id_makes_retries_safe_and_stand_ins_need_a_name(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        recipient_id = make_decision(e, 5, "1/QĐ", 0, 1).recipients[0].id
        with pytest.raises(service.AwardError, match="Người nhận thay"):
            service.handout(e, recipient_id, outcome="stand_in")
        request_id = str(uuid.uuid4())
        first = service.handout(e, recipient_id, outcome="stand_in", stand_in_name="Nguyễn Văn Thay",
                                request_id=request_id)
        again = service.handout(e, recipient_id, outcome="stand_in", stand_in_name="Nguyễn Văn Thay",
                                request_id=request_id)
        assert first == again and first["recipient"]["stand_in_name"] == "Nguyễn Văn Thay"
        assert db.session.query(AwardHandout).count() == 1


def test_undo_needs_a_reason_and_stays_in_the_history(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        recipient_id = make_decision(e, 5, "1/QĐ", 0, 1).recipients[0].id
        service.handout(e, recipient_id, outcome="handed", actor="A")
        with pytest.raises(service.AwardError, match="Lý do"):
            service.undo_handout(e, recipient_id, reason="")
        service.undo_handout(e, recipient_id, reason="Bấm nhầm người", actor="BTC")
        assert db.session.get(AwardRecipient, recipient_id).outcome == ""
        assert [(h.outcome, h.reason) for h in service.history(e, recipient_id)] == [
            ("handed", ""), ("undone", "Bấm nhầm người")]
        assert service.handout(e, recipient_id, outcome="absent")["status"] == "ok"


def test_summary_by_form_and_decision(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        d1 = make_decision(e, 4, "77/QĐ-CAT", 1, 2)
        make_decision(e, 5, "215/QĐ-UBND", 0, 3)
        service.handout(e, d1.recipients[0].id, outcome="handed")
        service.handout(e, d1.recipients[1].id, outcome="stand_in", stand_in_name="X")
        service.handout(e, d1.recipients[2].id, outcome="absent")
        summary = service.awards_summary(e)
    assert (summary["planned"], summary["handed"]) == (6, 2)
    assert [(f["planned"], f["handed"]) for f in summary["by_form"]] == [(3, 2), (3, 0)]
    assert [d["number"] for d in summary["by_decision"]] == ["77/QĐ-CAT", "215/QĐ-UBND"]


def test_api_handout_roles_and_listing(app, client, event):
    with app.app_context():
        e = find_event("cam-tan")
        recipient_id = make_decision(e, 5, "1/QĐ", 0, 1).recipients[0].id
        desk, mc = make_user("desk"), make_user("mc")
    mc_client = app.test_client()
    login(mc_client, mc)
    assert mc_client.post(f"/api/v1/events/cam-tan/awards/{recipient_id}/handout", json={"outcome": "handed"}).status_code == 403
    login(client, desk)
    listing = client.get("/api/v1/events/cam-tan/awards").json
    assert listing["decisions"][0]["recipients"][0]["outcome"] == ""
    answer = client.post(f"/api/v1/events/cam-tan/awards/{recipient_id}/handout",
                         json={"outcome": "handed", "request_id": "r-1"})
    assert answer.status_code == 200 and answer.json["status"] == "ok"
    assert client.post(f"/api/v1/events/cam-tan/awards/{recipient_id}/handout", json={"outcome": "wat"}).status_code == 400
    assert client.post(f"/api/v1/events/cam-tan/awards/{recipient_id}/undo", json={"reason": "x"}).status_code == 403
    assert client.get("/api/v1/events/cam-tan/awards").json["summary"]["handed"] == 1
