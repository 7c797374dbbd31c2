"""What a tablet needs to work while cut off from the server, and the
conflicts its queued actions may meet when it reconnects.

A desk queues each action with its idempotency key (scan_id, request_id) made
when the action was made, and `offline_at`, the moment it was made (the
tablet's clock corrected by the server's Date header). The services apply
each queued action exactly once, with its real time; a hand-out that another
desk had already made meanwhile is recorded here as a conflict for the
organizers to settle."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import case, select

from kiosk import live
from kiosk.auth.roles import Permission
from kiosk.database import utcnow
from kiosk.delegates import codes
from kiosk.extensions import db
from kiosk.transactions import writes
from kiosk.fields import KioskError, event_row, text
from kiosk.i18n import format_time
from kiosk.offline.models import OfflineConflict
from kiosk.reports.audit import record

# An action queued longer ago than this (or a tablet clock far off) is dated
# when it arrives: its own time would be a guess.
OLDEST_OFFLINE = timedelta(hours=12)
AREAS = {"gifts": "Tặng quà", "awards": "Khen thưởng"}


class OfflineError(KioskError):
    """A refused request; the message is for the person at the tablet."""


def offline_time(value) -> datetime | None:
    """When a queued action was made, from its `offline_at` (ISO 8601); None
    for an action sent straight away. Never later than now, nor earlier than
    OLDEST_OFFLINE ago (then: now): tablets' clocks are wrong."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or len(value) > 40:
        raise OfflineError("offline_at phải là thời điểm theo ISO 8601.")
    try:
        made = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise OfflineError("offline_at phải là thời điểm theo ISO 8601.") from None
    if made.tzinfo is None:
        made = made.replace(tzinfo=timezone.utc)
    now = utcnow()
    return made if now - OLDEST_OFFLINE <= made <= now else now


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


# ---------------------------------------------------------------- conflicts

def record_conflict(event, area: str, subject: str, *, details: dict, message: str,
                    gift_handout_id: int | None = None, award_handout_id: int | None = None) -> OfflineConflict:
    """Add a conflict in the caller's transaction (it commits, then publishes)."""
    conflict = OfflineConflict(event_id=event.id, area=area, subject=subject[:300], details=details, message=message,
                               gift_handout_id=gift_handout_id, award_handout_id=award_handout_id)
    db.session.add(conflict)
    return conflict


def publish(event) -> None:
    live.publish_state(event, "offline_conflicts")


@writes
def resolve_conflict(event, conflict_id, *, note: str, actor: str = "") -> OfflineConflict:
    """An organizer has settled a conflict ("Đã xử lý"), with a note of what was done."""
    note = text(note, 1000, "Ghi chú cách xử lý", required=True, error=OfflineError)
    conflict = event_row(OfflineConflict, event, conflict_id, "Không tìm thấy xung đột này.", error=OfflineError)
    if conflict.resolved_at is not None:
        raise OfflineError(f"Xung đột này đã được xử lý lúc {format_time(conflict.resolved_at, event.timezone)}"
                           + (f" bởi {conflict.resolved_by}" if conflict.resolved_by else "") + ".")
    conflict.resolved_at, conflict.resolved_by, conflict.note = utcnow(), actor[:200], note
    record(event, conflict.area, "conflict_resolved", conflict.subject,
           {"conflict": conflict.message, "note": note}, actor=actor)
    publish(event)
    return conflict


def conflict_json(event, conflict: OfflineConflict) -> dict:
    return {"id": conflict.id, "area": conflict.area, "area_label": AREAS.get(conflict.area, conflict.area),
            "subject": conflict.subject, "message": conflict.message, "details": conflict.details,
            "created_at": iso(conflict.created_at), "time": format_time(conflict.created_at, event.timezone),
            "resolved": conflict.resolved_at is not None, "resolved_at": iso(conflict.resolved_at),
            "resolved_by": conflict.resolved_by, "note": conflict.note}


def conflicts_of(event) -> list[OfflineConflict]:
    """Open ones first, newest first."""
    return list(db.session.scalars(
        select(OfflineConflict).where(OfflineConflict.event_id == event.id)
        .order_by(case((OfflineConflict.resolved_at.is_(None), 0), else_=1), OfflineConflict.id.desc())))


@live.state_part("offline_conflicts", audience=Permission.VIEW_DASHBOARD)
def conflicts_state(event) -> dict:
    """The organizers' list "Xung đột khi mất kết nối", live."""
    conflicts = conflicts_of(event)
    return {"open": sum(c.resolved_at is None for c in conflicts),
            "items": [conflict_json(event, c) for c in conflicts[:200]]}


# ---------------------------------------------------------------- what a desk keeps for offline use

def code_key(event) -> dict:
    """The public half of the event's signing key: a tablet verifies codes with
    it while cut off. The private seed never leaves the server."""
    return {"algorithm": "Ed25519", "public_key": codes.public_key_b64(event.code_seed),
            "event_prefix": event.code_prefix, "schemes": {"badge": codes.BADGE, "gift_slip": codes.GIFT_SLIP},
            "signed_text": "<scheme>.<event_prefix>.<id>.<version>", "encoding": "base64url, no padding"}


def delegates_for_desk(event) -> list[dict]:
    """Every delegate with what an offline gate needs: the folded name for
    search, the badge id and version a scanned code is matched against."""
    from kiosk.delegates.models import Delegate
    from kiosk.delegates.service import delegate_json, delegates_in_order

    rows: list[Delegate] = delegates_in_order(event)
    return [{**delegate_json(event, d), "search_name": d.search_name, "badge_id": d.badge_id,
             "code_version": d.code_version} for d in rows]


def gift_recipients_for_desk(event) -> list[dict]:
    """Every gift recipient with the folded name and the slip id."""
    from kiosk.gifts.service import recipient_json, recipients_of

    return [{**recipient_json(event, r), "search_name": r.search_name, "slip_id": r.slip_id}
            for r in recipients_of(event)]
