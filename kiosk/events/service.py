"""Events: creating one, finding one by its slug, what screens show of it."""

from __future__ import annotations

import re
from datetime import date

from flask import Blueprint, abort, g
from sqlalchemy import select

from kiosk import live
from kiosk.delegates import codes
from kiosk.events.models import Event
from kiosk.extensions import db
from kiosk.transactions import writes
from kiosk.i18n import format_date
from kiosk.text import fold, nfc

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")

DEFAULT_SLOGANS = [
    "Bảo vệ Tổ quốc Việt Nam xã hội chủ nghĩa là sự nghiệp của toàn dân",
    "Tham gia phong trào toàn dân bảo vệ an ninh Tổ quốc là trách nhiệm và quyền lợi của toàn dân",
    "Phát huy tinh thần yêu nước và chủ nghĩa anh hùng cách mạng, "
    "bảo vệ vững chắc an ninh, trật tự của Tổ quốc",
]


class EventError(ValueError):
    """A refused event change; the message is for the person at the keyboard."""


def slug_for(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:80]


def backdrop_bottom(place: str, day: date) -> str:
    """"Cẩm Tân, ngày 15 tháng 8 năm 2024", as printed on the backdrop."""
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


@writes
def create_event(
    *,
    slug: str,
    organizing_body: str,
    place: str,
    event_date: date,
    title: str = "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    slogans: list[str] | None = None,
) -> Event:
    slug = slug.strip().lower()
    if not SLUG_PATTERN.match(slug):
        raise EventError("Mã sự kiện chỉ gồm chữ thường không dấu, số và dấu gạch ngang.")
    if not organizing_body.strip() or not place.strip():
        raise EventError("Cần nhập tên cơ quan, đơn vị tổ chức và địa điểm.")
    if db.session.scalar(select(Event.id).where(Event.slug == slug)):
        raise EventError(f"Mã sự kiện “{slug}” đã được dùng.")
    event = Event(
        slug=slug,
        organizing_body=nfc(organizing_body).strip(),
        title=nfc(title).strip(),
        year=event_date.year,
        place=nfc(place).strip(),
        event_date=event_date,
        backdrop_top=nfc(organizing_body).strip().upper(),
        backdrop_middle=f"NGÀY HỘI\nTOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM {event_date.year}",
        backdrop_bottom=backdrop_bottom(nfc(place).strip(), event_date),
        slogans=list(slogans if slogans is not None else DEFAULT_SLOGANS),
        code_prefix=codes.new_event_prefix(),
        code_seed=codes.new_seed(),
    )
    db.session.add(event)
    db.session.flush()  # its id, for what the same transaction adds to it (the demo's programme)
    return event


def find_event(slug: str) -> Event | None:
    if not isinstance(slug, str) or "\x00" in slug:  # no slug has one; PostgreSQL refuses NUL in a query
        return None
    return db.session.scalar(select(Event).where(Event.slug == slug))


def all_events() -> list[Event]:
    return list(db.session.scalars(select(Event).order_by(Event.event_date.desc(), Event.id)))


@live.state_part("event", audience=live.PUBLIC)
def event_details(event: Event) -> dict:
    return {
        "slug": event.slug,
        "title": event.title,
        "organizing_body": event.organizing_body,
        "place": event.place,
        "date": format_date(event.event_date),
        "year": event.year,
        "backdrop": {
            "top": event.backdrop_top,
            "middle": event.backdrop_middle,
            "bottom": event.backdrop_bottom,
        },
        "slogans": event.slogans,
        "timezone": event.timezone,
    }


def event_blueprint(name: str, import_name: str, url_prefix: str = "/e/<slug>") -> Blueprint:
    """A blueprint whose routes live under an event's slug: the event is loaded
    into g.event before the view (and its role check) runs; an unknown slug is 404."""
    bp = Blueprint(name, import_name, url_prefix=url_prefix)

    @bp.url_value_preprocessor
    def load_event(endpoint, values):
        if values and "slug" in values:
            g.event = find_event(values.pop("slug")) or abort(404)

    @bp.url_defaults
    def keep_slug(endpoint, values):
        if "slug" not in values and g.get("event") is not None:
            values["slug"] = g.event.slug

    return bp
