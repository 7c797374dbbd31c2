from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.database import UTCDateTime, utcnow
from kiosk.extensions import db
from kiosk.text import fold, nfc

# Levels in protocol order (lễ tân): the higher level is introduced first.
LEVELS = {
    "trung_uong": "Trung ương",
    "tinh": "Tỉnh",
    "huyen": "Huyện",
    "xa": "Xã",
    "co_so": "Thôn, cơ sở",
}

GROUPS = {
    "party": "Cấp ủy Đảng",
    "hdnd": "Hội đồng nhân dân",
    "ubnd": "Ủy ban nhân dân",
    "mttq": "Mặt trận Tổ quốc",
    "police": "Công an",
    "steering": "Ban Chỉ đạo",
    "mass_org": "Đoàn thể",
    "village": "Trưởng thôn, Bí thư chi bộ",
    "prestigious": "Người có uy tín",
    "religious": "Chức sắc tôn giáo",
    "army": "Quân đội",
    "former_cadre": "Cán bộ hưu trí",
    "honoree": "Điển hình tiên tiến",
    "press": "Báo chí",
    "citizen": "Nhân dân",
}


class Delegate(db.Model):
    """An invited delegate (đại biểu), or a guest registered on the spot."""

    __tablename__ = "delegates"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    # Diacritic-free, lower-case copy of the name for search ("nguyen van a").
    search_name: Mapped[str] = mapped_column(String(200), index=True)
    honorific: Mapped[str] = mapped_column(String(50), default="Đồng chí")
    position: Mapped[str] = mapped_column(String(300), default="")  # chức vụ
    organization: Mapped[str] = mapped_column(String(300), default="")  # đơn vị
    level: Mapped[str] = mapped_column(String(20), default="xa")
    group: Mapped[str] = mapped_column(String(20), default="citizen")
    protocol_rank: Mapped[int] = mapped_column(default=1000)  # lower is introduced first
    seat: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    invited: Mapped[bool] = mapped_column(default=True)  # False: walk-in guest
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_device: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def set_name(self, name: str) -> None:
        self.full_name = nfc(name).strip()
        self.search_name = fold(self.full_name)
