from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.database import UTCDateTime, utcnow
from kiosk.extensions import db

TOPICS = {
    "security": "An ninh trật tự",
    "traffic": "Trật tự an toàn giao thông",
    "paperwork": "Thủ tục hành chính, CCCD, VNeID",
    "social_evils": "Tệ nạn xã hội",
    "police_conduct": "Thái độ phục vụ của Công an",
    "other": "Khác",
}


class Opinion(db.Model):
    """A citizen's opinion or question for "Công an lắng nghe ý kiến Nhân dân"."""

    __tablename__ = "opinions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(30), default="other")
    author_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    status: Mapped[str] = mapped_column(String(20), default="new")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
