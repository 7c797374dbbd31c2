from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.database import UTCDateTime, utcnow
from kiosk.extensions import db


class ActivityCount(db.Model):
    """One tap on a phần hội station's tablet: people served or items received
    (+1), or an undo (-1). The station's figure is their sum."""

    __tablename__ = "activity_counts"
    __table_args__ = (UniqueConstraint("event_id", "request_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("festival_activities.id", ondelete="CASCADE"), index=True)
    delta: Mapped[int]
    request_id: Mapped[str | None] = mapped_column(String(64))
    # What the request asked for (kiosk.transactions.request_digest): its key sent again with another request is refused.
    request_digest: Mapped[str | None] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(200), default="")
    device: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEntry(db.Model):
    """A change on the day that has no log of its own (moderation, counters,
    edits): who, from which device, when, and what changed. With no event: a
    change to the installation's accounts or API tokens (kiosk.auth.service),
    shown to whoever manages the installation."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    area: Mapped[str] = mapped_column(String(30))  # forum, counters, ...
    action: Mapped[str] = mapped_column(String(50))
    subject: Mapped[str] = mapped_column(String(300), default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    actor: Mapped[str] = mapped_column(String(200), default="")
    device: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
