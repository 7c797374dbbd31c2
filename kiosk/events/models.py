from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import JSON, Date, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.database import UTCDateTime, utcnow
from kiosk.extensions import db


class Event(db.Model):
    """One Ngày hội site ("điểm"): a commune, village, agency or school's day."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    organizing_body: Mapped[str] = mapped_column(String(300))  # cơ quan, đơn vị tổ chức
    title: Mapped[str] = mapped_column(
        String(300), default="Ngày hội toàn dân bảo vệ an ninh Tổ quốc"
    )
    year: Mapped[int]
    place: Mapped[str] = mapped_column(String(300))  # địa danh, địa điểm
    event_date: Mapped[date] = mapped_column(Date)
    # The backdrop (phông, Điều 10 Nghị định 111/2018/NĐ-CP): three lines.
    backdrop_top: Mapped[str] = mapped_column(String(300), default="")
    backdrop_middle: Mapped[str] = mapped_column(Text, default="")
    backdrop_bottom: Mapped[str] = mapped_column(String(300), default="")
    slogans: Mapped[list[str]] = mapped_column(JSON, default=list)  # khẩu hiệu
    ceremony_start: Mapped[time | None] = mapped_column(Time)  # planned start of the phần lễ
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Ho_Chi_Minh")
    # Invitation and badge codes: the event's public prefix and its signing key
    # (an Ed25519 seed), kept with the event so its codes work wherever it goes.
    code_prefix: Mapped[str] = mapped_column(String(8), unique=True)
    code_seed: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def __repr__(self) -> str:
        return f"<Event {self.slug}>"
