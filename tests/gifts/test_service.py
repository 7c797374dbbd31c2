"""Gifts: packages and allocation within stock, hand-outs that never happen
twice, slips, undo with a reason, reconciliation to the đồng, the stage."""

import threading
import uuid

import pytest

from kiosk.delegates import service as delegates
from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.gifts import service
from kiosk.gifts.models import GiftHandout
from kiosk.transactions import writing
from tests.factories import login, make_delegates, make_event, make_user


def setup(event, packages=((500_000, 5, "commune"),), recipients=5):
    made = [service.create_package(event, {"name": f"Suất quà {n + 1}", "unit_value": value, "quantity": quantity,
                                           "funding_source": source, "presenter": "Chủ tịch UBND xã"})
            for n, (value, quantity, source) in enumerate(packages)]
    people = [service.add_recipient(event, {"name": f"Hộ gia đình số {n + 1}", "address": "Thôn Eo Lê",
                                            "category": "poor_household", "kind": "household",
                                            "package_id": made[0].id})
              for n in range(recipients)]
    return made, people


@pytest.fixture
def event(app):
    with app.app_context():
        return make_event("cam-tan")


@pytest.mark.parametrize("fields, message", [
    ({"name": "Quà", "unit_value": 0, "quantity": 5}, "Giá trị mỗi suất"),
    ({"name": "Quà", "unit_value": -500_000, "quantity": 5}, "Giá trị mỗi suất"),
    ({"name": "Quà", "unit_value": 500_000, "quantity": 0}, "Số suất"),
    ({"name": "Quà", "unit_value": 500_000, "quantity": -1}, "Số suất"),
    ({"name": "Quà", "unit_value": "500000", "quantity": 5}, "Giá trị mỗi suất"),
    ({"name": " ", "unit_value": 500_000, "quantity": 5}, "Tên suất quà"),
    ({"name": "Quà", "unit_value": 1, "quantity": 1, "funding_source": "lottery"}, "Nguồn kinh phí"),
])
def test_bad_packages_are_refused(app, event, fields, message):
    with app.app_context(), pytest.raises(service.GiftError, match=message):
        service.create_package(find_event("cam-tan"), fields)


def test_allocation_beyond_stock_is_refused(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        (package,), people = setup(e, recipients=5)
        extra = service.add_recipient(e, {"name": "Người thứ sáu"})
        with pytest.raises(service.GiftError, match="chỉ có 5 suất"):
            service.allocate(e, extra.id, package.id)
        with pytest.raises(service.GiftError, match="phân bổ hết"):
            service.add_recipient(e, {"name": "Người thứ bảy", "package_id": package.id})
        with pytest.raises(service.GiftError, match="không giảm"):
            service.update_package(e, package.id, {"quantity": 4})
        service.allocate(e, people[0].id, None)  # one freed
        service.allocate(e, extra.id, package.id)
        assert service.gifts_summary(e)["planned"] == 5


def test_a_recipient_without_a_name_is_refused(app, event):
    with app.app_context(), pytest.raises(service.GiftError, match="Họ tên"):
        service.add_recipient(find_event("cam-tan"), {"name": "  "})


def test_second_desk_sees_when_and_where(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        _, people = setup(e)
        first = service.handout(e, recipient_id=people[0].id, desk="Bàn 2", actor="Cán bộ A")
        second = service.handout(e, recipient_id=people[0].id, desk="Bàn 1", actor="Cán bộ B")
    assert first["status"] == "ok" and first["recipient"]["handed_desk"] == "Bàn 2"
    assert second["status"] == "already_handed"
    assert "đã nhận lúc" in second["message"] and "tại Bàn 2" in second["message"]


def test_desks_racing_on_one_recipient_hand_out_once(app, event):
    with app.app_context():
        recipient_id = setup(find_event("cam-tan"))[1][0].id
    barrier, outcomes, errors = threading.Barrier(10), [], []

    def desk(n):
        try:
            with app.app_context():
                target = find_event("cam-tan")
                barrier.wait()
                outcomes.append(service.handout(target, recipient_id=recipient_id, desk=f"Bàn {n}")["status"])
                db.session.remove()
        except Exception as error:  # noqa: BLE001
            errors.append(repr(error))

    threads = [threading.Thread(target=desk, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and sorted(outcomes) == ["already_handed"] * 9 + ["ok"]
    with app.app_context():
        assert db.session.query(GiftHandout).filter_by(status="handed").count() == 1
        assert service.gifts_summary(find_event("cam-tan"))["handed"] == 1


def test_request_id_retries_and_a_relative_receiving(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        _, people = setup(e)
        with pytest.raises(service.GiftError, match="quan hệ"):
            service.handout(e, recipient_id=people[1].id, received_by="Nguyễn Văn Con")
        request_id = str(uuid.uuid4())
        first = service.handout(e, recipient_id=people[1].id, received_by="Nguyễn Văn Con", relationship="con trai",
                                request_id=request_id, desk="Bàn 1")
        again = service.handout(e, recipient_id=people[1].id, received_by="Nguyễn Văn Con", relationship="con trai",
                                request_id=request_id, desk="Bàn 1")
    assert first == again and first["status"] == "ok"
    assert first["recipient"]["received_by"] == "Nguyễn Văn Con" and "con trai" in first["message"]


def test_not_allocated_is_not_handed(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        nobody = service.add_recipient(e, {"name": "Chưa có suất"})
        assert service.handout(e, recipient_id=nobody.id)["status"] == "not_allocated"


def test_slips_hand_out_and_other_codes_are_refused(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        other = make_event("eo-le", place="Thôn Eo Lê")
        _, people = setup(e)
        _, strangers = setup(other, recipients=1)
        code = service.code_for(e, people[2])
        assert service.handout(e, code=code, desk="Bàn 1")["status"] == "ok"
        assert service.handout(e, code=code, desk="Bàn 2")["status"] == "already_handed"
        assert service.handout(e, code=service.code_for(other, strangers[0]))["status"] == "wrong_event"
        altered = code[:-10] + ("B" if code[-10] != "B" else "C") + code[-9:]  # one character of the signature
        assert service.handout(e, code=altered)["status"] == "invalid"
        delegate = make_delegates(e, ["Đại biểu Có Thẻ"])[0]
        badge = delegates.code_for(e, delegate)  # a delegate's badge is no gift slip
        assert service.handout(e, code=badge)["status"] == "invalid"
        assert delegates.check_in(e, code=code)["status"] == "invalid"  # nor a slip a badge


def test_undo_needs_a_reason_and_stays_in_the_history(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        _, people = setup(e)
        service.handout(e, recipient_id=people[0].id, desk="Bàn 1")
        with pytest.raises(service.GiftError, match="Lý do"):
            service.undo_handout(e, people[0].id, reason="")
        service.undo_handout(e, people[0].id, reason="Trao nhầm hộ", actor="BTC")
        assert [(h.status, h.reason) for h in service.history(e, people[0].id)] == [("handed", ""), ("undone", "Trao nhầm hộ")]
        assert service.handout(e, recipient_id=people[0].id)["status"] == "ok"


def test_reconciliation_by_package_and_source(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        (commune, sponsor), people = setup(e, packages=((500_000, 5, "commune"), (300_000, 10, "sponsor")), recipients=5)
        extra = [service.add_recipient(e, {"name": f"Cháu học giỏi {n}", "category": "poor_student",
                                           "package_id": sponsor.id}) for n in range(4)]
        for person in people[:3] + extra[:1]:
            service.handout(e, recipient_id=person.id, desk="Bàn 1")
        summary = service.gifts_summary(e)
    assert (summary["planned"], summary["handed"], summary["remaining"]) == (9, 4, 5)
    assert summary["planned_value"] == 5 * 500_000 + 4 * 300_000
    assert summary["handed_value"] == 3 * 500_000 + 300_000 and summary["handed_value_text"] == "1.800.000 đ"
    assert summary["remaining_value"] == summary["planned_value"] - summary["handed_value"]
    assert [(p["name"], p["quantity"], p["planned"], p["handed"]) for p in summary["by_package"]] == [
        ("Suất quà 1", 5, 5, 3), ("Suất quà 2", 10, 4, 1)]
    assert [(s["label"], s["handed_value"]) for s in summary["by_source"]] == [
        ("Ngân sách xã", 1_500_000), ("Nhà tài trợ", 300_000)]


def test_stage_batches_for_the_gift_item(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        with writing():
            service.stage_row(e).stage_width = 3
        setup(e, recipients=5)
        assert service.stage_state(e)["names"] is None
        state = service.stage_command(e, "next", expected_batch=0)
        assert state["current_batch"] == 1 and state["batch_count"] == 2 and len(state["names"]) == 3
        assert state["announcement"].startswith("Trân trọng kính mời Chủ tịch UBND xã lên trao 3 suất quà")
        with pytest.raises(service.GiftError, match="đợt khác"):
            service.stage_command(e, "next", expected_batch=0)
        assert len(service.stage_command(e, "next", expected_batch=1)["names"]) == 2


def test_api_roles(app, client, event):
    with app.app_context():
        e = find_event("cam-tan")
        _, people = setup(e)
        desk, mc = make_user("desk"), make_user("mc")
    mc_client = app.test_client()
    login(mc_client, mc)
    assert mc_client.post(f"/api/v1/events/cam-tan/gifts/{people[0].id}/handout", json={}).status_code == 403
    login(client, desk)
    assert client.post(f"/api/v1/events/cam-tan/gifts/{people[0].id}/handout", json={"desk": "Bàn 1"}).json["status"] == "ok"
    assert client.post("/api/v1/events/cam-tan/gift-packages", json={"name": "x", "unit_value": 1, "quantity": 1}).status_code == 403
    found = client.get("/api/v1/events/cam-tan/gift-recipients?q=ho gia dinh so 1").json["recipients"]
    assert [r["name"] for r in found] == ["Hộ gia đình số 1"] and found[0]["handed_desk"] == "Bàn 1"
    assert client.get("/api/v1/events/cam-tan/gifts").json["summary"]["handed"] == 1
