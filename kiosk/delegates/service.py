"""Delegates and check-in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update

from kiosk import live
from kiosk.database import utcnow
from kiosk.delegates.models import Delegate
from kiosk.extensions import db
from kiosk.transactions import begin_write


@live.state_part("attendance", audience=live.PUBLIC)
def attendance(event) -> dict:
    """Invited and present, for the dashboard and the big screen's figure."""
    invited, present = db.session.execute(
        select(
            func.count().filter(Delegate.invited),
            func.count(Delegate.checked_in_at),
        ).where(Delegate.event_id == event.id)
    ).one()
    return {"invited": invited, "present": present}


@dataclass
class CheckInResult:
    status: str  # ok, already_checked_in, not_found
    delegate: Delegate | None
    checked_in_at: datetime | None = None
    device: str = ""


def check_in(event, delegate_id: int, device: str) -> CheckInResult:
    """Mark a delegate present. A conditional UPDATE makes the first scan win
    and every later one (another tablet, a retry) answer already_checked_in."""
    begin_write()
    now = utcnow()
    won = db.session.execute(
        update(Delegate)
        .where(Delegate.id == delegate_id, Delegate.event_id == event.id, Delegate.checked_in_at.is_(None))
        .values(checked_in_at=now, checked_in_device=device)
    ).rowcount
    delegate = db.session.scalar(
        select(Delegate).where(Delegate.id == delegate_id, Delegate.event_id == event.id)
        .execution_options(populate_existing=True)
    )
    db.session.commit()
    if delegate is None:
        return CheckInResult("not_found", None)
    if won:
        live.publish_state(event, "attendance", "present_delegates")
        return CheckInResult("ok", delegate, now, device)
    return CheckInResult("already_checked_in", delegate, delegate.checked_in_at, delegate.checked_in_device)


# Offices read first within a level, by the words their position starts with.
POSITION_WEIGHTS = [
    ("bí thư", 0), ("chủ tịch", 10), ("trưởng ban", 20), ("giám đốc", 20), ("trưởng", 30),
    ("phó bí thư", 5), ("phó chủ tịch", 15), ("phó giám đốc", 25), ("phó trưởng", 35), ("phó", 40),
]
GROUP_ORDER = list(("party", "hdnd", "ubnd", "mttq", "police", "steering", "army", "mass_org",
                    "religious", "prestigious", "village", "former_cadre", "honoree", "press", "citizen"))


def protocol_rank(level: str, group: str, position: str) -> int:
    """Lễ tân order: level first (Trung ương before tỉnh ...), then the body
    (Đảng, HĐND, UBND, MTTQ, ...), then the office (Bí thư, Chủ tịch, Phó ...)."""
    from kiosk.delegates.models import LEVELS

    level_index = list(LEVELS).index(level) if level in LEVELS else len(LEVELS)
    group_index = GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER)
    lowered = position.strip().lower()
    # The longest matching prefix decides ("phó chủ tịch" is not "chủ tịch").
    matches = [(len(prefix), weight) for prefix, weight in POSITION_WEIGHTS if lowered.startswith(prefix)]
    office = max(matches)[1] if matches else 90
    return level_index * 10000 + group_index * 100 + office


def add_delegate(event, *, full_name: str, level: str = "xa", group: str = "citizen", position: str = "",
                 organization: str = "", honorific: str = "Đồng chí", seat: str = "", phone: str = "",
                 invited: bool = True) -> Delegate:
    delegate = Delegate(event_id=event.id, honorific=honorific, position=position, organization=organization,
                        level=level, group=group, seat=seat, phone=phone, invited=invited,
                        protocol_rank=protocol_rank(level, group, position))
    delegate.set_name(full_name)
    db.session.add(delegate)
    return delegate


@live.state_part("present_delegates")
def present_delegates(event) -> dict:
    """Delegates in the hall in protocol order, for the MC's introduction."""
    rows = db.session.scalars(
        select(Delegate).where(Delegate.event_id == event.id, Delegate.checked_in_at.is_not(None))
        .order_by(Delegate.protocol_rank, Delegate.id)
    )
    return {"delegates": [
        {"id": d.id, "line": " ".join(filter(None, [d.honorific, d.full_name])) + (f", {d.position}" if d.position else "")
         + (f" {d.organization}" if d.organization and d.organization not in d.position else ""), "level": d.level}
        for d in rows
    ]}
