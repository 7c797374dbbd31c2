"""The audit trail: every change on the day with who, which device, when and
what changed. Check-ins, hand-outs and programme commands already keep their
own logs; everything else writes an AuditEntry. The trail reads them all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select

from kiosk.awards.models import AwardHandout, AwardRecipient
from kiosk.delegates.models import CheckInScan, Delegate
from kiosk.extensions import db
from kiosk.gifts.models import GiftHandout, GiftRecipient
from kiosk.i18n import format_date, format_time
from kiosk.programme.models import ProgrammeCommand, ProgrammeItem
from kiosk.reports.models import AuditEntry
from kiosk.text import fold

AREAS = {"checkin": "Điểm danh", "programme": "Chương trình", "awards": "Khen thưởng", "gifts": "Tặng quà",
         "forum": "Ý kiến Nhân dân", "counters": "Phần hội", "devices": "Thiết bị", "accounts": "Tài khoản"}
# What the accounts area's actions say (kiosk.auth.service); other areas show their own words.
ACTIONS = {"user_added": "Thêm tài khoản", "user_disabled": "Khóa tài khoản", "user_enabled": "Mở khóa tài khoản",
           "password_reset": "Đặt lại mật khẩu", "token_issued": "Cấp mã API", "token_revoked": "Thu hồi mã API",
           "link_created": "Tạo đường dẫn", "link_revoked": "Thu hồi đường dẫn"}


def record(event, area: str, action: str, subject: str = "", details: dict | None = None, *, actor: str = "",
           device: str = "") -> None:
    """Add to the trail in the caller's transaction (it commits). `event` None:
    an installation-wide change (an account, an API token)."""
    db.session.add(AuditEntry(event_id=event.id if event is not None else None, area=area, action=action,
                              subject=subject[:300], details=details or {}, actor=actor[:200], device=device[:100]))


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
        zone = event.timezone if event is not None else None  # None: the venue's (installation-wide entries)
        return {"date": format_date(self.at, zone), "time": format_time(self.at, zone),
                "seconds": self.at.astimezone().strftime("%S"), "area": AREAS.get(self.area, self.area),
                "action": ACTIONS.get(self.action, self.action), "subject": self.subject, "actor": self.actor,
                "device": self.device, "details": self.details}


def describe(details: dict) -> str:
    return "; ".join(f"{key}: {value}" for key, value in details.items() if value not in (None, "", {}, []))


def conflict_of(status: str, answer: dict | None) -> str:
    """A hand-out made while a tablet was cut off that met another desk's: both, as told to the desk."""
    return (answer or {}).get("message", "") if status == "conflict" else ""


def trail(event, *, area: str | None = None, actor: str | None = None, query: str = "",
          installation: bool = False) -> list[Change]:
    """Every change of the event, newest first, filtered by area, person or words.
    With `installation` (for whoever manages the installation), the changes to
    accounts and API tokens too, which belong to no event."""
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
    mine = AuditEntry.event_id == event.id
    for entry in db.session.scalars(select(AuditEntry).where(or_(mine, AuditEntry.event_id.is_(None))
                                                             if installation else mine)):
        changes.append(Change(entry.at, entry.area, entry.action, entry.subject, entry.actor, entry.device,
                              describe(entry.details)))
    if area:
        changes = [c for c in changes if c.area == area]
    if actor:
        changes = [c for c in changes if fold(actor) in fold(c.actor)]
    for word in fold(query).split():
        changes = [c for c in changes if word in fold(" ".join([c.subject, c.action, c.details, c.device]))]
    return sorted(changes, key=lambda c: c.at, reverse=True)


def account_changes(limit: int | None = None) -> list[dict]:
    """The accounts area across the installation, newest first: accounts and API
    tokens (no event) and each event's screen and MC links, as rows with the
    event's place ("" for installation-wide ones)."""
    from kiosk.events.models import Event

    found = db.session.execute(select(AuditEntry, Event).outerjoin(Event, AuditEntry.event_id == Event.id)
                               .where(AuditEntry.area == "accounts")
                               .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit))
    return [{**Change(entry.at, entry.area, entry.action, entry.subject, entry.actor, entry.device,
                      describe(entry.details)).row(event), "event": event.place if event else ""}
            for entry, event in found]
