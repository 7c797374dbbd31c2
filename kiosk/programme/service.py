"""The ceremony's programme (run-of-show)."""

from __future__ import annotations

from sqlalchemy import select

from kiosk import live
from kiosk.extensions import db
from kiosk.programme.models import ProgrammeItem


def items(event) -> list[ProgrammeItem]:
    return list(
        db.session.scalars(
            select(ProgrammeItem).where(ProgrammeItem.event_id == event.id).order_by(ProgrammeItem.position)
        )
    )


def numbered(event) -> list[tuple[int, ProgrammeItem]]:
    """Items with their number, which comes from the order and is never stored."""
    return list(enumerate(items(event), start=1))


@live.state_part("programme", audience=live.PUBLIC)
def programme_summary(event) -> dict:
    all_items = items(event)
    current = next((i for i in all_items if i.status == "current"), None)
    return {
        "items": len(all_items),
        "done": sum(1 for i in all_items if i.status in ("done", "skipped")),
        "current": current.title if current else None,
    }


def replace_items(event, new_items: list[dict]) -> list[ProgrammeItem]:
    """Fill the programme from a list of item fields (a template), in order."""
    for old in items(event):
        db.session.delete(old)
    created = []
    for position, fields in enumerate(new_items, start=1):
        item = ProgrammeItem(event_id=event.id, position=position, **fields)
        db.session.add(item)
        created.append(item)
    db.session.commit()
    return created


def apply_template(event, template_key: str) -> list[ProgrammeItem]:
    from kiosk.programme.templates import PROGRAMME_TEMPLATES

    return replace_items(event, [dict(i) for i in PROGRAMME_TEMPLATES[template_key]["items"]])
