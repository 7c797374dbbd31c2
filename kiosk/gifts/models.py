from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.database import UTCDateTime
from kiosk.extensions import db

FUNDING_SOURCES = {
    "province": "Ngân sách tỉnh",
    "commune": "Ngân sách xã",
    "sponsor": "Nhà tài trợ",
}

RECIPIENT_CATEGORIES = {
    "policy_family": "Gia đình chính sách",
    "poor_household": "Hộ nghèo",
    "poor_student": "Học sinh nghèo vượt khó",
    "injured_volunteer": "Gia đình quần chúng bị thương, hy sinh",
    "security_force": "Lực lượng bảo vệ ANTT ở cơ sở",
    "collective": "Tập thể có thành tích",
    "other": "Khác",
}


class GiftPackage(db.Model):
    """A kind of gift package (suất quà) and how many there are."""

    __tablename__ = "gift_packages"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20), default="cash")  # cash, goods, both
    unit_value: Mapped[int] = mapped_column(BigInteger)  # đồng
    quantity: Mapped[int]
    funding_source: Mapped[str] = mapped_column(String(20), default="commune")
    presenter: Mapped[str] = mapped_column(String(300), default="")

    recipients: Mapped[list[GiftRecipient]] = relationship(back_populates="package")


class GiftRecipient(db.Model):
    __tablename__ = "gift_recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    package_id: Mapped[int | None] = mapped_column(ForeignKey("gift_packages.id"))
    name: Mapped[str] = mapped_column(String(200))
    search_name: Mapped[str] = mapped_column(String(200), index=True)
    category: Mapped[str] = mapped_column(String(30), default="other")
    address: Mapped[str] = mapped_column(String(300), default="")
    handed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    package: Mapped[GiftPackage | None] = relationship(back_populates="recipients")
