from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kiosk.database import UTCDateTime, utcnow
from kiosk.extensions import db

FUNDING_SOURCES = {
    "province": "Ngân sách tỉnh",
    "district": "Ngân sách huyện",
    "commune": "Ngân sách xã",
    "sponsor": "Nhà tài trợ",
}

PACKAGE_KINDS = {"cash": "Tiền mặt", "goods": "Hiện vật", "both": "Tiền mặt và hiện vật"}

RECIPIENT_KINDS = {"individual": "Cá nhân", "household": "Hộ gia đình", "collective": "Tập thể"}

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
    presenter_delegate_id: Mapped[int | None] = mapped_column(ForeignKey("delegates.id", ondelete="SET NULL"))
    position: Mapped[int] = mapped_column(default=0)

    recipients: Mapped[list[GiftRecipient]] = relationship(back_populates="package")


class GiftRecipient(db.Model):
    """Someone listed to receive a package: a person, a household or a collective."""

    __tablename__ = "gift_recipients"
    __table_args__ = (UniqueConstraint("event_id", "slip_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    package_id: Mapped[int | None] = mapped_column(ForeignKey("gift_packages.id"))  # the allocation
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    search_name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="individual")
    category: Mapped[str] = mapped_column(String(30), default="other")
    address: Mapped[str] = mapped_column(String(300), default="")
    id_number: Mapped[str] = mapped_column(String(20), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    slip_id: Mapped[str] = mapped_column(String(10))  # random, in the slip's QR code
    # The hand-out, as it stands (the history is in GiftHandout).
    handed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handed_desk: Mapped[str] = mapped_column(String(100), default="")
    handed_by: Mapped[str] = mapped_column(String(200), default="")
    received_by: Mapped[str] = mapped_column(String(200), default="")  # a relative, when not the recipient
    relationship_to_recipient: Mapped[str] = mapped_column(String(100), default="")

    package: Mapped[GiftPackage | None] = relationship(back_populates="recipients")


class GiftHandout(db.Model):
    """Every hand-out attempt at a desk or on stage, and every undo with its reason."""

    __tablename__ = "gift_handouts"
    __table_args__ = (UniqueConstraint("event_id", "request_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("gift_recipients.id", ondelete="CASCADE"), index=True)
    request_id: Mapped[str | None] = mapped_column(String(64))
    # What the request asked for (kiosk.transactions.request_digest): its key sent again with another request is refused.
    request_digest: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20))  # handed, already_handed, not_allocated, conflict, undone
    desk: Mapped[str] = mapped_column(String(100), default="")
    actor: Mapped[str] = mapped_column(String(200), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answer: Mapped[dict] = mapped_column(JSON, default=dict)


class GiftStage(db.Model):
    """The gift item on stage: which batch of recipients is up. One row per event."""

    __tablename__ = "gift_stage"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    current_batch: Mapped[int] = mapped_column(default=0)  # 1-based; 0 before the first
    stage_width: Mapped[int] = mapped_column(default=10)
    version: Mapped[int] = mapped_column(default=0)
