"""Checking what people type, the same way in every area: text cleaned (NFC,
spaces collapsed) within its limit, whole numbers, and ids that must name a
row of the event at hand. Each area raises its own error class (a
KioskError), which its API turns into a 400 with the message."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.extensions import db
from kiosk.text import nfc, without_controls


class KioskError(ValueError):
    """A refused change; the message is Vietnamese, for the person at the tablet."""


def text(value, limit: int, label: str, *, required: bool = False, lines: bool = False,
         error: type[KioskError] = KioskError) -> str:
    """What a person typed: a string (anything else is refused, not stored as
    Python's text of it), NFC, without control characters; one line with
    spaces collapsed, or (`lines`) its line breaks kept and its ends trimmed."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise error(f"{label} phải là một đoạn chữ.")
    value = without_controls(nfc(value))
    if lines:
        cleaned = "\n".join(line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").split("\n")).strip()
    else:
        cleaned = " ".join(value.split())
    if required and not cleaned:
        raise error(f"{label} không được để trống.")
    if len(cleaned) > limit:
        raise error(f"{label} dài quá {limit} ký tự.")
    return cleaned


# The largest number a column of whole numbers keeps on every database (PostgreSQL's INTEGER).
MAX_INT = 2**31 - 1


def positive_int(value, label: str, *, maximum: int = MAX_INT, error: type[KioskError] = KioskError) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise error(f"{label} phải là số nguyên lớn hơn 0.")
    if value > maximum:
        raise error(f"{label} không được lớn hơn {maximum}.")
    return value


def choice(value, options, message: str, *, error: type[KioskError] = KioskError) -> str:
    """`value` if it is one of `options` (the codes of a label table), else refused
    with `message` (whatever was sent: a list or an object too)."""
    if not isinstance(value, str) or value not in options:
        raise error(message)
    return value


def is_row_id(value) -> bool:
    """Could `value` be a row's id: a whole number within the ids' INTEGER? A
    larger one is not looked up (the databases refuse it in the query)."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_INT


def event_row(model, event, row_id, not_found: str, *, error: type[KioskError] = KioskError,
              event_id_of: Callable = lambda row: row.event_id):
    """The row of `model` with this id if it belongs to the event; else refused
    (another event's id is treated as unknown)."""
    row = db.session.get(model, row_id) if is_row_id(row_id) else None
    if row is None or event_id_of(row) != event.id:
        raise error(not_found)
    return row
