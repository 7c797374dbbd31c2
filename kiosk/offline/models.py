from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.database import UTCDateTime, utcnow
from kiosk.extensions import db


class OfflineConflict(db.Model):
    """A hand-out made on a tablet while it was cut off that, when the tablet
    reconnected, another desk had already made: two desks gave the same gift
    (or marked the same award). Kept for the organizers to settle, never dropped;
    the hand-out log keeps its own row ("conflict") beside it."""

    __tablename__ = "offline_conflicts"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    area: Mapped[str] = mapped_column(String(20))  # gifts, awards
    subject: Mapped[str] = mapped_column(String(300), default="")  # the recipient's name
    gift_handout_id: Mapped[int | None] = mapped_column(ForeignKey("gift_handouts.id", ondelete="CASCADE"))
    award_handout_id: Mapped[int | None] = mapped_column(ForeignKey("award_handouts.id", ondelete="CASCADE"))
    # {"first": {"desk", "actor", "at"}, "offline": {"desk", "actor", "offline_at", "received_at"}}
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    message: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
