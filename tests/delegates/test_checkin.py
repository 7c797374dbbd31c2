"""Check-in: the first scan wins, every other one is told when and where."""

import threading

from kiosk.delegates import service
from kiosk.delegates.models import Delegate
from kiosk.events.service import find_event
from kiosk.extensions import db
from tests.factories import make_delegates, make_event


def test_second_check_in_says_when_and_where(app):
    with app.app_context():
        event = make_event()
        delegate = make_delegates(event, ["Phạm Thị Dung"])[0]
        first = service.check_in(event, delegate.id, "Cổng 1")
        second = service.check_in(event, delegate.id, "Cổng 2")
    assert first.status == "ok"
    assert second.status == "already_checked_in"
    assert second.device == "Cổng 1" and second.checked_in_at == first.checked_in_at


def test_a_delegate_of_another_event_is_not_found(app):
    with app.app_context():
        event, other = make_event(), make_event()
        delegate = make_delegates(other, ["Hoàng Văn Em"])[0]
        assert service.check_in(event, delegate.id, "Cổng 1").status == "not_found"
        assert db.session.get(Delegate, delegate.id).checked_in_at is None


def test_many_tablets_scanning_at_once_make_exactly_one_check_in(app):
    """Twelve threads, each with its own connection, race on one delegate."""
    with app.app_context():
        event = make_event("dua")
        delegate_id = make_delegates(event, ["Vũ Văn Giang"])[0].id

    barrier = threading.Barrier(12)
    outcomes, errors = [], []

    def scan(n):
        try:
            with app.app_context():
                target = find_event("dua")
                barrier.wait()
                outcomes.append(service.check_in(target, delegate_id, f"Cổng {n}").status)
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(repr(error))

    threads = [threading.Thread(target=scan, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(outcomes) == ["already_checked_in"] * 11 + ["ok"]


def test_attendance_counts_invited_and_present(app):
    from kiosk.delegates.service import add_delegate

    with app.app_context():
        event = make_event()
        invited = make_delegates(event, ["A Lâm", "B Lâm"])
        walk_in = add_delegate(event, full_name="Khách Vãng Lai", invited=False)
        db.session.commit()
        service.check_in(event, invited[0].id, "Cổng 1")
        service.check_in(event, walk_in.id, "Cổng 1")
        assert service.attendance(event) == {"invited": 2, "present": 2}


def test_names_are_kept_exactly_and_found_without_marks(app):
    import unicodedata

    with app.app_context():
        event = make_event()
        decomposed = unicodedata.normalize("NFD", "  Nguyễn Thị Ánh Tuyết ")
        delegate = make_delegates(event, [decomposed])[0]
        stored = db.session.get(Delegate, delegate.id)
        assert stored.full_name == unicodedata.normalize("NFC", "Nguyễn Thị Ánh Tuyết")
        assert stored.search_name == "nguyen thi anh tuyet"
