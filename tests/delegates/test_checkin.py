"""Check-in at the gate: codes, double scans, retries, races, walk-ins,
stand-ins, undo, attendance and the MC's introduction."""

import threading
import unicodedata
import uuid

import pytest

from kiosk.delegates import service
from kiosk.delegates.models import CheckInScan, Delegate
from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.transactions import writing
from tests.factories import make_delegates, make_event


@pytest.fixture
def gate(app):
    with app.app_context():
        event = make_event("cam-tan")
        other = make_event("eo-le", place="Thôn Eo Lê")
        people = make_delegates(event, ["Phạm Thị Dung", "Hoàng Văn Em"], seat="A1")
        stranger = make_delegates(other, ["Người Khác"])[0]
        return {"event": event, "delegate": people[0], "second": people[1],
                "code": service.code_for(event, people[0]),
                "other_code": service.code_for(other, stranger)}


def scan(app, **kwargs):
    with app.app_context():
        return service.check_in(find_event("cam-tan"), **kwargs)


def test_a_good_code_welcomes_with_the_seat(app, gate):
    answer = scan(app, code=gate["code"], device="Cổng 1")
    assert answer["status"] == "ok"
    assert answer["message"] == "Kính chào Đồng chí Phạm Thị Dung — ghế A1"
    assert answer["delegate"]["seat"] == "A1" and answer["checked_in_at"]


def test_a_double_scan_says_when_and_where_the_first_was(app, gate):
    first = scan(app, code=gate["code"], device="Cổng 1")
    second = scan(app, code=gate["code"], device="Cổng 2")
    assert second["status"] == "already_checked_in"
    assert second["checked_in_at"] == first["checked_in_at"] and second["device"] == "Cổng 1"
    assert "đã điểm danh lúc" in second["message"] and "tại Cổng 1" in second["message"]
    with app.app_context():
        assert db.session.get(Delegate, gate["delegate"].id).checked_in_device == "Cổng 1"


@pytest.mark.parametrize("mangle", [
    lambda c: c[:-3] + ("AAA" if c[-3:] != "AAA" else "BBB"),  # altered signature
    lambda c: c[:60],  # truncated
    lambda c: c.replace(".1.", ".2.", 1),  # version raised by hand
    lambda c: "NHK1.AAAAAAAA.BBBBBBBBBB.1." + c.rsplit(".", 1)[1],  # another event prefix, no real event
    lambda c: "xin chao",
])
def test_forged_truncated_or_altered_codes_are_invalid(app, gate, mangle):
    answer = scan(app, code=mangle(gate["code"]), device="Cổng 1")
    assert answer["status"] == "invalid" and answer["delegate"] is None
    with app.app_context():
        assert db.session.get(Delegate, gate["delegate"].id).checked_in_at is None


def test_a_code_of_another_event_is_wrong_event(app, gate):
    answer = scan(app, code=gate["other_code"], device="Cổng 1")
    assert answer["status"] == "wrong_event" and "Thôn Eo Lê" in answer["message"]


def test_a_reissued_badge_revokes_the_old_code(app, gate):
    with app.app_context():
        new_code = service.reissue_code(find_event("cam-tan"), gate["delegate"].id)
    assert scan(app, code=gate["code"])["status"] == "revoked"
    assert scan(app, code=new_code)["status"] == "ok"


def test_a_deleted_delegates_code_is_revoked(app, gate):
    with app.app_context():
        service.delete_delegate(find_event("cam-tan"), gate["delegate"].id)
    assert scan(app, code=gate["code"])["status"] == "revoked"


def test_the_same_scan_id_twice_makes_one_check_in_and_the_same_answer(app, gate):
    scan_id = str(uuid.uuid4())
    first = scan(app, code=gate["code"], device="Cổng 1", scan_id=scan_id)
    retry = scan(app, code=gate["code"], device="Cổng 1", scan_id=scan_id)
    assert first == retry and first["status"] == "ok"
    with app.app_context():
        assert db.session.query(CheckInScan).filter_by(scan_id=scan_id).count() == 1


def test_every_scan_is_recorded(app, gate):
    scan(app, code=gate["code"], device="Cổng 1")
    scan(app, code=gate["code"], device="Cổng 2")
    scan(app, code="rac", device="Cổng 2")
    with app.app_context():
        statuses = [s.status for s in db.session.query(CheckInScan).order_by(CheckInScan.id)]
    assert statuses == ["ok", "already_checked_in", "invalid"]


def race(app, attempts, work):
    barrier, outcomes, errors = threading.Barrier(len(attempts)), [], []

    def one(argument):
        try:
            with app.app_context():
                event = find_event("cam-tan")
                barrier.wait()
                outcomes.append(work(event, argument))
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported by the assertion
            errors.append(repr(error))

    threads = [threading.Thread(target=one, args=(a,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return outcomes


def test_many_tablets_scanning_one_code_make_exactly_one_check_in(app, gate):
    outcomes = race(app, [f"Cổng {n}" for n in range(12)],
                    lambda event, device: service.check_in(event, code=gate["code"], device=device)["status"])
    assert sorted(outcomes) == ["already_checked_in"] * 11 + ["ok"]


def test_a_retry_racing_itself_is_still_one_check_in(app, gate):
    scan_id = str(uuid.uuid4())
    outcomes = race(app, range(8), lambda event, _: service.check_in(event, code=gate["code"], device="Cổng 1",
                                                                     scan_id=scan_id)["status"])
    assert outcomes == ["ok"] * 8  # every retry gets the first answer
    with app.app_context():
        assert db.session.query(CheckInScan).filter_by(scan_id=scan_id).count() == 1


def test_check_in_by_name_and_stand_in(app, gate):
    answer = scan(app, delegate_id=gate["second"].id, device="Bàn đón tiếp", stand_in="Lê Văn Phúc")
    assert answer["status"] == "ok"
    assert answer["message"].startswith("Kính chào Lê Văn Phúc (dự thay Đồng chí Hoàng Văn Em)")
    with app.app_context():
        intro = service.introduction(find_event("cam-tan"))
    assert intro["groups"][0]["people"][0]["line"] == "Lê Văn Phúc, dự thay Đồng chí Hoàng Văn Em"


def test_a_delegate_of_another_event_is_not_found(app, gate):
    with app.app_context():
        outsider = make_delegates(find_event("eo-le"), ["Ngoại Lệ"])[0]
        with pytest.raises(service.DelegateError, match="Không tìm thấy"):
            service.check_in(find_event("cam-tan"), delegate_id=outsider.id)


def test_walk_in_is_registered_and_checked_in(app, gate):
    with app.app_context():
        answer = service.register_walk_in(find_event("cam-tan"), {"full_name": "Khách Vãng Lai", "level": "co_so"},
                                          device="Cổng 1")
        assert answer["status"] == "ok" and answer["delegate"]["invited"] is False
        assert service.attendance(find_event("cam-tan")) == {"invited": 2, "present": 1, "walk_ins": 1}
        with pytest.raises(service.DelegateError, match="Họ và tên"):
            service.register_walk_in(find_event("cam-tan"), {"full_name": "   "})


def test_undo_needs_a_reason_and_is_kept(app, gate):
    scan(app, code=gate["code"], device="Cổng 1")
    with app.app_context():
        event = find_event("cam-tan")
        with pytest.raises(service.DelegateError, match="lý do"):
            service.undo_check_in(event, gate["delegate"].id, reason=" ")
        service.undo_check_in(event, gate["delegate"].id, reason="Quét nhầm thẻ", actor="BTC")
        assert service.attendance(event)["present"] == 0
        undone = db.session.query(CheckInScan).filter_by(status="undone").one()
        assert undone.answer["reason"] == "Quét nhầm thẻ" and undone.answer["device"] == "Cổng 1"
    assert scan(app, code=gate["code"], device="Cổng 2")["status"] == "ok"


def test_attendance_detail_and_leaders_not_yet_arrived(app):
    with app.app_context():
        event = make_event("chi-tiet")
        from kiosk.delegates.service import add_delegate

        with writing():
            chair = add_delegate(event, full_name="Trần Văn Tỉnh", level="tinh", group="ubnd", position="Phó Chủ tịch UBND tỉnh")
            secretary = add_delegate(event, full_name="Lê Thị Huyện", level="huyen", group="party", position="Bí thư Huyện ủy")
            citizen = add_delegate(event, full_name="Nguyễn Văn Dân", level="co_so", group="citizen")
        service.check_in(event, delegate_id=secretary.id)
        service.check_in(event, delegate_id=citizen.id)
        detail = service.attendance_detail(event)
    assert {(row["level"], row["invited"], row["present"]) for row in detail["by_level"]} == \
        {("tinh", 1, 0), ("huyen", 1, 1), ("co_so", 1, 1)}
    assert [m["name"] for m in detail["leaders_missing"]] == ["Đồng chí Trần Văn Tỉnh"]
    assert sum(a["count"] for a in detail["arrivals"]) == 2
    assert chair.is_leader and secretary.is_leader and not citizen.is_leader


def test_introduction_follows_protocol_order_grouped_by_level(app):
    from kiosk.delegates.service import add_delegate

    with app.app_context():
        event = make_event("gioi-thieu")
        with writing():
            people = [
                add_delegate(event, full_name="Xã Viên", level="xa", group="ubnd", position="Chủ tịch UBND xã"),
                add_delegate(event, full_name="Phó Tỉnh", level="tinh", group="ubnd", position="Phó Chủ tịch UBND tỉnh"),
                add_delegate(event, full_name="Bí Thư Tỉnh", level="tinh", group="party", position="Phó Bí thư Tỉnh ủy"),
                add_delegate(event, full_name="Trung Ương", level="trung_uong", group="police", position="Phó Cục trưởng",
                             organization="Cục Xây dựng phong trào bảo vệ ANTQ"),
            ]
        for person in people:
            service.check_in(event, delegate_id=person.id)
        intro = service.introduction(event)
        assert [g["heading"] for g in intro["groups"]] == [
            "Về phía các cơ quan Trung ương, có:", "Về phía lãnh đạo tỉnh, có:", "Về phía lãnh đạo xã, có:"]
        assert intro["groups"][0]["people"][0]["line"] == \
            "Đồng chí Trung Ương, Phó Cục trưởng Cục Xây dựng phong trào bảo vệ ANTQ"
        assert [p["line"] for p in intro["groups"][1]["people"]] == [
            "Đồng chí Bí Thư Tỉnh, Phó Bí thư Tỉnh ủy", "Đồng chí Phó Tỉnh, Phó Chủ tịch UBND tỉnh"]
        # The organizer overrides protocol: the Vice-Chairman first.
        service.update_delegate(event, people[1].id, {"rank_override": 0})
        assert service.introduction(event)["groups"][1]["people"][0]["line"].startswith("Đồng chí Phó Tỉnh")
        service.mark_introduced(event, people[1].id)
        assert service.introduction(event)["groups"][1]["people"][0]["read"] is True


def test_search_ignores_diacritics_and_case(app):
    with app.app_context():
        event = make_event("tim")
        make_delegates(event, ["Nguyễn Văn A", "Đặng Thị Bích", "Nguyễn Thị Hằng"])
        assert [d.full_name for d in service.search(event, "nguyen van a")] == ["Nguyễn Văn A"]
        assert [d.full_name for d in service.search(event, "NGUYEN VAN A")] == ["Nguyễn Văn A"]
        assert [d.full_name for d in service.search(event, "dang bich")] == ["Đặng Thị Bích"]
        assert len(service.search(event, "nguyen")) == 2
        assert service.search(event, "%") == []


def test_names_are_kept_exactly(app):
    with app.app_context():
        event = make_event()
        decomposed = unicodedata.normalize("NFD", "  Nguyễn Thị Ánh Tuyết ")
        delegate = make_delegates(event, [decomposed])[0]
        stored = db.session.get(Delegate, delegate.id)
        assert stored.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Ánh Tuyết")
        assert stored.search_name == "nguyen thi anh tuyet"


def test_api_statuses_and_idempotency(app, client, gate):
    from tests.factories import login, make_user

    with app.app_context():
        desk = make_user("desk")
    login(client, desk)
    url = "/api/v1/events/cam-tan/checkins"
    scan_id = str(uuid.uuid4())
    first = client.post(url, json={"code": gate["code"], "device": "Cổng 1", "scan_id": scan_id})
    again = client.post(url, json={"code": gate["code"], "device": "Cổng 1", "scan_id": scan_id})
    assert first.status_code == again.status_code == 200 and first.json == again.json
    assert client.post(url, json={"code": gate["code"], "device": "Cổng 2"}).json["status"] == "already_checked_in"
    assert client.post(url, json={"code": gate["other_code"]}).json["status"] == "wrong_event"
    assert client.post(url, json={}).status_code == 400
    assert client.post(url, json={"code": gate["code"], "delegate_id": 1}).status_code == 400
    assert client.post(url, json={"delegate_id": 999999}).status_code == 404
    found = client.get("/api/v1/events/cam-tan/delegates?q=pham thi dung").json["delegates"]
    assert [d["full_name"] for d in found] == ["Phạm Thị Dung"] and found[0]["checked_in_device"] == "Cổng 1"
    assert client.post(f"/api/v1/events/cam-tan/checkins/{gate['delegate'].id}/undo",
                       json={"reason": "nhầm"}).status_code == 403  # a desk cannot undo
