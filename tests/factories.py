"""Short helpers that build what a test needs through the real services."""

from __future__ import annotations

from datetime import date
from itertools import count

from kiosk.auth import service as accounts
from kiosk.delegates.service import add_delegate
from kiosk.events import service as events
from kiosk.extensions import db

_serial = count(1)
PASSWORD = "mat-khau-thu-nghiem"


def make_event(slug: str | None = None, **fields):
    n = next(_serial)
    return events.create_event(
        slug=slug or f"diem-{n}",
        organizing_body=fields.pop("organizing_body", "Ban Chỉ đạo ANTT xã Cẩm Tân"),
        place=fields.pop("place", f"Thôn số {n}, xã Cẩm Tân"),
        event_date=fields.pop("event_date", date(2024, 8, 15)),
        **fields,
    )


def make_user(role: str, event=None, username: str | None = None):
    return accounts.add_user(username or f"{role}-{next(_serial)}", PASSWORD, role, event=event)


def login(client, user, password: str = PASSWORD):
    response = client.post("/login", data={"username": user.username, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def make_delegates(event, names: list[str], **fields):
    made = [add_delegate(event, full_name=name, **fields) for name in names]
    db.session.commit()
    return made
