"""The audit trail: every change on the day with who, which device, when and
what changed. Check-ins, hand-outs and programme commands already keep their
own logs; everything else writes an AuditEntry. The trail reads them all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from kiosk.awards.models import AwardHandout, AwardRecipient
from kiosk.delegates.models import CheckInScan, Delegate
from kiosk.extensions import db
from kiosk.gifts.models import GiftHandout, GiftRecipient
from kiosk.i18n import format_date, format_time
from kiosk.programme.models import ProgrammeCommand, ProgrammeItem
from kiosk.reports.models import AuditEntry
from kiosk.text import fold

AREAS = {"checkin": "Điểm danh", "programme": "Chương trình", "awards": "Khen thưởng", "gifts": "Tặng quà",
         "forum": "Ý kiến Nhân dân", "counters": "Phần hội", "devices": "Thiết bị"}


def record(event, area: str, action: str, subject: str = "", details: dict | None = None, *, actor: str = "",
           device: str = "") -> None:
    """Add to the trail in the caller's transaction (it commits)."""
    db.session.add(AuditEntry(event_id=event.id, area=area, action=action, subject=subject[:300],
                              details=details or {}, actor=actor[:200], device=device[:100]))


@dataclass
class Change:
    at: datetime
    area: str
    action: str
    subject: str
    actor: str
    device: str
    details: str

    def row(self, event) -> dict:
        return {"date": format_date(self.at, event.timezone), "time": format_time(self.at, event.timezone),
                "seconds": self.at.astimezone().strftime("%S"), "area": AREAS.get(self.area, self.area),
                "action": self.action, "subject": self.subject, "actor": self.actor, "device": self.device,
                "details": self.details}


def describe(details: dict) -> str:
    return "; ".join(f"{key}: {value}" for key, value in details.items() if value not in (None, "", {}, []))


def conflict_of(status: str, answer: dict | None) -> str:
    """A hand-out made while a tablet was cut off that met another desk's: both, as told to the desk."""
    return (answer or {}).get("message", "") if status == "conflict" else ""


def trail(event, *, area: str | None = None, actor: str | None = None, query: str = "") -> list[Change]:
    """Every change of the event, newest first, filtered by area, person or words."""
    changes: list[Change] = []
    scans = db.session.execute(select(CheckInScan, Delegate.full_name).outerjoin(Delegate, CheckInScan.delegate_id == Delegate.id)
                               .where(CheckInScan.event_id == event.id))
    for scan, name in scans:
        changes.append(Change(scan.created_at, "checkin", scan.status, name or "", scan.actor, scan.device,
                              describe({"lý do": scan.answer.get("reason")} if scan.status == "undone" else {})))
    commands = db.session.execute(select(ProgrammeCommand, ProgrammeItem.title)
                                  .outerjoin(ProgrammeItem, ProgrammeCommand.item_id == ProgrammeItem.id)
                                  .where(ProgrammeCommand.event_id == event.id))
    for command, title in commands:
        changes.append(Change(command.at, "programme", command.command, title or "", command.actor, "",
                              describe(command.details)))
    awards = db.session.execute(select(AwardHandout, AwardRecipient.name)
                                .join(AwardRecipient, AwardHandout.recipient_id == AwardRecipient.id)
                                .where(AwardHandout.event_id == event.id))
    for handout, name in awards:
        changes.append(Change(handout.at, "awards", handout.outcome, name, handout.actor, handout.device,
                              describe({"nhận thay": handout.stand_in_name, "lý do": handout.reason,
                                        "xung đột": conflict_of(handout.outcome, handout.answer)})))
    gifts = db.session.execute(select(GiftHandout, GiftRecipient.name)
                               .join(GiftRecipient, GiftHandout.recipient_id == GiftRecipient.id)
                               .where(GiftHandout.event_id == event.id))
    for handout, name in gifts:
        changes.append(Change(handout.at, "gifts", handout.status, name, handout.actor, handout.desk,
                              describe({"lý do": handout.reason, "xung đột": conflict_of(handout.status, handout.answer)})))
    for entry in db.session.scalars(select(AuditEntry).where(AuditEntry.event_id == event.id)):
        changes.append(Change(entry.at, entry.area, entry.action, entry.subject, entry.actor, entry.device,
                              describe(entry.details)))
    if area:
        changes = [c for c in changes if c.area == area]
    if actor:
        changes = [c for c in changes if fold(actor) in fold(c.actor)]
    for word in fold(query).split():
        changes = [c for c in changes if word in fold(" ".join([c.subject, c.action, c.details, c.device]))]
    return sorted(changes, key=lambda c: c.at, reverse=True)
