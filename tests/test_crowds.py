"""The day's crowd, at once: every check-then-write holds when many tablets and
phones write in the same instant, on SQLite and on PostgreSQL, each race with
its exact expected count. (Every write route of the API under 8 concurrent
clients: tests/api/test_write_crowds.py.)"""

from __future__ import annotations

import threading
import uuid
from collections import Counter

import pytest
from sqlalchemy import func, select

from kiosk.delegates.models import CheckInScan, Delegate
from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.forum import service as forum
from kiosk.forum.models import Opinion
from kiosk.gifts import service as gifts
from kiosk.gifts.models import GiftRecipient
from tests.factories import PASSWORD, bearer, make_event, make_user


def together(app, count: int, request) -> list:
    """`request(client, n)` from `count` threads released at the same instant,
    each with its own client (its own cookies); the answers in thread order."""
    start = threading.Barrier(count)
    answers: list = [None] * count

    def run(n: int) -> None:
        client = app.test_client()
        start.wait()
        try:
            answers[n] = request(client, n)
        except BaseException as error:  # noqa: BLE001 - reported by the test, not lost in the thread
            answers[n] = error

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    failed = [a for a in answers if isinstance(a, BaseException)]
    assert not failed, failed
    return answers


@pytest.fixture
def venue(app):
    """An event with an admin's API token."""
    with app.app_context():
        return {"slug": make_event("cam-tan").slug, "auth": bearer()}


def api(venue, path: str) -> str:
    return f"/api/v1/events/{venue['slug']}{path}"


def test_twelve_allocations_to_a_package_of_three_give_three(app, venue):
    with app.app_context():
        event = find_event("cam-tan")
        package = gifts.create_package(event, {"name": "Quà hộ nghèo", "unit_value": 500_000, "quantity": 3})
        people = [gifts.add_recipient(event, {"name": f"Hộ {n}"}).id for n in range(12)]

    answers = together(app, 12, lambda client, n: client.put(
        api(venue, f"/gift-recipients/{people[n]}/package"), json={"package_id": package.id}, headers=venue["auth"]))
    statuses = Counter(a.status_code for a in answers)
    assert statuses == {200: 3, 400: 9}, statuses
    refused = next(a for a in answers if a.status_code == 400)
    assert "chỉ có 3 suất, đã phân bổ hết" in refused.get_json()["message"]
    with app.app_context():
        assert db.session.scalar(select(func.count()).where(GiftRecipient.package_id == package.id)) == 3


def test_a_walk_in_retried_from_several_threads_is_one_delegate(app, venue):
    key = str(uuid.uuid4())
    guest = {"full_name": "Nguyễn Văn Khách", "organization": "Báo Thanh Hóa", "request_id": key}
    answers = together(app, 8, lambda client, n: client.post(api(venue, "/walk-ins"), json=guest,
                                                             headers=venue["auth"]))
    assert {a.status_code for a in answers} == {201}
    assert len({str(a.get_json()) for a in answers}) == 1  # every retry told what the first was told
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Delegate)) == 1
        assert db.session.scalar(select(func.count()).select_from(CheckInScan)) == 1


def test_a_hundred_opinions_from_one_address_never_pass_its_limit_of_sixty(app, venue):
    with app.app_context():
        forum.update_settings(find_event("cam-tan"), {"per_address_per_hour": 60, "per_device_per_hour": 10,
                                                       "min_seconds_between": 20})

    def send(client, n):
        return client.post(api(venue, "/opinions"), json={"text": f"Ý kiến số {n}", "request_id": str(uuid.uuid4())},
                           headers={"X-Kiosk-Device": f"phone-{n}"}, environ_base={"REMOTE_ADDR": "10.0.0.9"})

    answers = together(app, 100, send)
    statuses = Counter(a.status_code for a in answers)
    assert statuses == {201: 60, 429: 40}, statuses
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Opinion)) == 60


def test_one_phone_sending_at_once_gets_one_opinion_in(app, venue):
    """Eight sends from one phone in the same instant: the spacing holds for all but the first."""
    def send(client, n):
        return client.post(api(venue, "/opinions"), json={"text": f"Lần {n}", "request_id": str(uuid.uuid4())},
                           headers={"X-Kiosk-Device": "phone-1"}, environ_base={"REMOTE_ADDR": f"10.0.1.{n}"})

    statuses = Counter(a.status_code for a in together(app, 8, send))
    assert statuses == {201: 1, 429: 7}, statuses


def test_forty_wrong_passwords_at_once_are_limited_like_forty_in_a_row(app):
    with app.app_context():
        user = make_user("organizer")

    def attempt(client, n):
        return client.post("/login", data={"username": user.username, "password": f"sai-{n}"},
                           environ_base={"REMOTE_ADDR": "10.0.0.7"})

    statuses = Counter(a.status_code for a in together(app, 40, attempt))
    assert statuses == {401: 10, 429: 30}, statuses
    # And the right password now waits too, as after ten typos in a row.
    right = app.test_client().post("/login", data={"username": user.username, "password": PASSWORD},
                                   environ_base={"REMOTE_ADDR": "10.0.0.7"})
    assert right.status_code == 429
