"""One event as one file: prepared on the office laptop, run on the venue
laptop, brought back. Every row of the event (delegates, programme, awards,
gifts, opinions, check-ins, hand-outs, the audit trail...) with its signing
key, so printed badges keep working; ids are renumbered on import. Accounts,
API tokens and screen links stay with their installation."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timezone

from sqlalchemy import Date, DateTime, Time, delete, insert, select, update

from kiosk.database import UTCDateTime
from kiosk.events.models import Event
from kiosk.extensions import db
from kiosk.transactions import writing
from kiosk.fields import KioskError
from kiosk.migrate import current_revision

FORMAT = "ngayhoi-kiosk-event"
SKIPPED = {"users", "api_tokens", "event_links", "alembic_version"}
# Tables that reach their event through a parent rather than an event_id column.
THROUGH = {"award_recipients": ("decision_id", "award_decisions")}


class TransferError(KioskError):
    """A refused import; nothing was written."""


def event_tables():
    for table in db.metadata.sorted_tables:  # parents before children
        if table.name in SKIPPED:
            continue
        if table.name == "events" or "event_id" in table.c or table.name in THROUGH:
            yield table


def encode(value):
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, (date, time)):
        return value.isoformat()
    return value


def decode(column, value):
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, UTCDateTime):
        parsed = datetime.fromisoformat(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(kind, Date):
        return date.fromisoformat(value)
    if isinstance(kind, Time):
        return time.fromisoformat(value)
    return value


def export_event(event) -> bytes:
    tables: dict[str, list[dict]] = {}
    ids: dict[str, set] = {}
    for table in event_tables():
        if table.name == "events":
            statement = select(table).where(table.c.id == event.id)
        elif table.name in THROUGH:
            column, parent = THROUGH[table.name]
            statement = select(table).where(table.c[column].in_(ids.get(parent, set()) or {-1}))
        else:
            statement = select(table).where(table.c.event_id == event.id)
        rows = [dict(row._mapping) for row in db.session.execute(statement)]
        if "id" in table.c:
            ids[table.name] = {row["id"] for row in rows}
        tables[table.name] = [{key: encode(value) for key, value in row.items()} for row in rows]
    document = {"format": FORMAT, "schema": current_revision(), "slug": event.slug,
                "exported_at": datetime.now(timezone.utc).isoformat(), "tables": tables}
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def read(data: bytes) -> dict:
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise TransferError("Tệp không phải tệp sự kiện của Ngày hội Kiosk.") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT or "tables" not in document:
        raise TransferError("Tệp không phải tệp sự kiện của Ngày hội Kiosk.")
    from kiosk.reports.backups import known_revisions

    if document.get("schema") not in known_revisions():
        raise TransferError("Tệp được tạo bởi phiên bản Ngày hội Kiosk mới hơn. Hãy cập nhật phần mềm trước khi nhập.")
    return document


def import_event(data: bytes, *, replace: bool = False) -> Event:
    """Add the file's event to this installation, renumbering every id. With
    `replace`, an event with the same code (the one it was prepared from) is
    replaced: that is bringing the day's records back to the office."""
    document = read(data)
    if document.get("schema") != current_revision():
        raise TransferError("Tệp từ phiên bản cũ hơn: hãy mở bằng phiên bản đã tạo ra nó, hoặc nâng cấp nó trước.")
    (source,) = document["tables"]["events"]
    existing = db.session.scalar(select(Event).where((Event.slug == source["slug"]) | (Event.code_prefix == source["code_prefix"])))
    if existing is not None and not replace:
        raise TransferError(f"Đã có sự kiện “{existing.slug}” (cùng mã hoặc cùng khóa). Dùng --replace để thay bằng tệp này.")
    try:
        with writing():
            if existing is not None:
                db.session.execute(delete(Event).where(Event.id == existing.id))
            new_ids: dict[str, dict] = {}
            later: list[tuple] = []  # references to rows of the same table inserted afterwards
            for table in event_tables():
                rows = document["tables"].get(table.name, [])
                mapping = new_ids.setdefault(table.name, {})
                for row in rows:
                    values = {}
                    for name, value in row.items():
                        if name not in table.c or name == "id" and "id" in table.c and table.c.id.primary_key:
                            continue
                        column = table.c[name]
                        target = next((fk.column.table.name for fk in column.foreign_keys), None)
                        if target == table.name and value is not None:
                            later.append((table, row["id"], name, value))
                            value = None
                        elif target is not None and value is not None:
                            value = new_ids.get(target, {}).get(value)
                        values[name] = decode(column, value)
                    result = db.session.execute(insert(table).values(**values))
                    if "id" in table.c and table.c.id.primary_key:
                        mapping[row["id"]] = result.inserted_primary_key[0]
            for table, old_id, name, old_value in later:
                db.session.execute(update(table).where(table.c.id == new_ids[table.name][old_id])
                                   .values({name: new_ids[table.name].get(old_value)}))
    except TransferError:
        raise
    except Exception as error:
        raise TransferError(f"Không nhập được tệp sự kiện: {error}. Chưa ghi gì.") from error
    return db.session.get(Event, new_ids["events"][source["id"]])
