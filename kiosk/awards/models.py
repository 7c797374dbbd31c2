from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.database import UTCDateTime
from kiosk.extensions import db

# The forms of award, highest first (DOMAIN.md); each event keeps its own editable copy.
DEFAULT_AWARD_FORMS = [
    "Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”",
    "Bằng khen của Bộ trưởng Bộ Công an",
    "Bằng khen của Chủ tịch UBND tỉnh",
    "Giấy khen của Giám đốc Công an tỉnh",
    "Giấy khen của Chủ tịch UBND huyện, xã",
]


class AwardForm(db.Model):
    __tablename__ = "award_forms"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    rank: Mapped[int]  # 1 is the highest


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
    handed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    decision: Mapped[AwardDecision] = relationship(back_populates="recipients")
