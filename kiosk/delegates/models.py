from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
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
    __table_args__ = (UniqueConstraint("event_id", "badge_id"),)

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
    protocol_rank: Mapped[int] = mapped_column(default=1000)  # derived: lower is introduced first
    rank_override: Mapped[int | None]  # set by the organizer when protocol says otherwise
    is_leader: Mapped[bool] = mapped_column(default=False)  # watched for on "not yet arrived"
    seat: Mapped[str] = mapped_column(String(50), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    invited: Mapped[bool] = mapped_column(default=True)  # False: walk-in guest
    badge_id: Mapped[str] = mapped_column(String(10))  # random, in the QR code
    code_version: Mapped[int] = mapped_column(default=1)  # +1 when a badge is reissued
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    checked_in_device: Mapped[str] = mapped_column(String(100), default="")
    stand_in_name: Mapped[str] = mapped_column(String(200), default="")  # người dự thay who came instead
    introduced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # ticked by the MC as read
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def rank(self) -> int:
        return self.rank_override if self.rank_override is not None else self.protocol_rank

    def set_name(self, name: str) -> None:
        self.full_name = nfc(name).strip()
        self.search_name = fold(self.full_name)


class CheckInScan(db.Model):
    """Every scan at the gate, whatever its outcome, with the answer given: a
    tablet that retries with the same scan_id gets the same answer, and the
    day's record shows who came when, and what was refused."""

    __tablename__ = "checkin_scans"
    __table_args__ = (UniqueConstraint("event_id", "scan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    scan_id: Mapped[str | None] = mapped_column(String(64))
    # What the request asked for (kiosk.transactions.request_digest): its key sent again with another request is refused.
    request_digest: Mapped[str | None] = mapped_column(String(64))
    code_tried: Mapped[str] = mapped_column(String(300), default="")  # a refused code, as it was read
    delegate_id: Mapped[int | None] = mapped_column(ForeignKey("delegates.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(30))  # ok, already_checked_in, invalid, revoked, wrong_event, undone
    device: Mapped[str] = mapped_column(String(100), default="")
    actor: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answer: Mapped[dict] = mapped_column(JSON, default=dict)
