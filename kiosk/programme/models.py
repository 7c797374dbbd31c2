from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.database import UTCDateTime
from kiosk.extensions import db

ITEM_KINDS = {
    "performance": "Văn nghệ",
    "flag_salute": "Chào cờ",
    "introduction": "Tuyên bố lý do, giới thiệu đại biểu",
    "speech": "Phát biểu, diễn văn",
    "video": "Trình chiếu",
    "discussion": "Tọa đàm, thảo luận",
    "awards": "Trao thưởng",
    "gifts": "Tặng quà",
    "signing": "Ký kết",
    "closing": "Bế mạc",
    "other": "Khác",
}


class ProgrammeItem(db.Model):
    """One item of the ceremony (phần lễ). Its number is its place in the
    order, never stored or typed."""

    __tablename__ = "programme_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="other")
    optional: Mapped[bool] = mapped_column(default=False)  # "nếu có"
    speaker: Mapped[str] = mapped_column(String(300), default="")
    planned_seconds: Mapped[int] = mapped_column(default=300)
    script: Mapped[str] = mapped_column(Text, default="")  # kịch bản dẫn of the MC
    cues: Mapped[list[str]] = mapped_column(JSON, default=list)  # music, flag, slides, microphone
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending/current/done/skipped
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
