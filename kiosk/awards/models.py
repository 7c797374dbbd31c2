from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.database import UTCDateTime, utcnow
from kiosk.extensions import db

# The forms of award, highest first (DOMAIN.md), each with the limits of seed
# 004 where there are some: (name, max collectives, max individuals, max share of leaders).
DEFAULT_AWARD_FORMS = [
    ("Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”", None, None, None),
    ("Bằng khen của Bộ trưởng Bộ Công an", None, None, None),
    ("Bằng khen của Chủ tịch UBND tỉnh", 30, 15, 0.4),
    ("Giấy khen của Giám đốc Công an tỉnh", None, None, None),
    ("Giấy khen của Chủ tịch UBND huyện, xã", None, None, None),
]

OUTCOMES = {
    "handed": "Đã trao",
    "absent": "Vắng",
    "stand_in": "Nhận thay",
    "later": "Trao sau",
}


class AwardForm(db.Model):
    __tablename__ = "award_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    rank: Mapped[int]  # 1 is the highest
    max_collectives: Mapped[int | None]
    max_individuals: Mapped[int | None]
    max_leader_share: Mapped[float | None]  # of the individuals, e.g. 0.4
    # The warnings the organizer acknowledged, as text: new warnings need a new acknowledgement.
    acknowledged_warnings: Mapped[str] = mapped_column(Text, default="")
    acknowledged_by: Mapped[str] = mapped_column(String(200), default="")


class AwardDecision(db.Model):
    """A decision (quyết định) under which awards are handed."""

    __tablename__ = "award_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("award_forms.id"))
    number: Mapped[str] = mapped_column(String(100))  # "125/QĐ-UBND"
    signed_on: Mapped[date] = mapped_column(Date)
    authority: Mapped[str] = mapped_column(String(300))  # issuing authority

    form: Mapped[AwardForm] = relationship()
    recipients: Mapped[list[AwardRecipient]] = relationship(
        back_populates="decision", order_by="AwardRecipient.position", cascade="all, delete-orphan"
    )


class AwardBatch(db.Model):
    """A batch (đợt) of recipients on stage at once, with its presenting delegate."""

    __tablename__ = "award_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    presenter: Mapped[str] = mapped_column(String(300), default="")
    presenter_delegate_id: Mapped[int | None] = mapped_column(ForeignKey("delegates.id", ondelete="SET NULL"))


class AwardRecipient(db.Model):
    __tablename__ = "award_recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("award_decisions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(20))  # collective (tập thể) or individual (cá nhân)
    name: Mapped[str] = mapped_column(String(300))
    representative: Mapped[str] = mapped_column(String(200), default="")  # who goes up for a collective
    job_title: Mapped[str] = mapped_column(String(300), default="")
    organization: Mapped[str] = mapped_column(String(300), default="")
    is_leader: Mapped[bool] = mapped_column(default=False)
    achievement: Mapped[str] = mapped_column(Text, default="")
    delegate_id: Mapped[int | None] = mapped_column(ForeignKey("delegates.id", ondelete="SET NULL"))
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("award_batches.id", ondelete="SET NULL"), index=True)
    batch_order: Mapped[int] = mapped_column(default=0)  # left to right on stage
    # The hand-out, as it stands (the history is in AwardHandout).
    outcome: Mapped[str] = mapped_column(String(20), default="")  # "", handed, absent, stand_in, later
    stand_in_name: Mapped[str] = mapped_column(String(200), default="")
    handed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handed_by: Mapped[str] = mapped_column(String(200), default="")

    decision: Mapped[AwardDecision] = relationship(back_populates="recipients")


class AwardHandout(db.Model):
    """Every mark on the marshal's tablet, and every undo with its reason."""

    __tablename__ = "award_handouts"
    __table_args__ = (UniqueConstraint("event_id", "request_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("award_recipients.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[str | None] = mapped_column(String(64))
    # What the request asked for (kiosk.transactions.request_digest): its key sent again with another request is refused.
    request_digest: Mapped[str | None] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(20))  # handed, absent, stand_in, later, undone
    stand_in_name: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")  # of an undo
    actor: Mapped[str] = mapped_column(String(200), default="")
    device: Mapped[str] = mapped_column(String(100), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answer: Mapped[dict] = mapped_column(db.JSON, default=dict)


class AwardStage(db.Model):
    """Where the hand-out on stage is: the current batch. One row per event."""

    __tablename__ = "award_stage"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    current_batch_id: Mapped[int | None] = mapped_column(ForeignKey("award_batches.id", ondelete="SET NULL"))
    stage_width: Mapped[int] = mapped_column(default=10)  # people side by side on the stage
    version: Mapped[int] = mapped_column(default=0)
