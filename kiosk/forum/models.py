from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

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

# new → approved or hidden → on_screen → answered, or written (to answer in writing); merged into another.
STATUSES = {
    "new": "Mới",
    "approved": "Đã duyệt",
    "hidden": "Đã ẩn",
    "on_screen": "Đang trên màn hình",
    "answered": "Đã trả lời",
    "written": "Trả lời bằng văn bản",
    "merged": "Đã gộp",
}

SCALE = ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"]
DEFAULT_QUESTIONS = [
    "Tinh thần, thái độ phục vụ",
    "Tác phong, lề lối làm việc",
    "Giải quyết thủ tục hành chính",
    "Kết quả bảo đảm an ninh trật tự",
    "Đánh giá chung về Công an xã",
]
DEFAULT_REVIEW_WORDS = ["giết", "chém", "bom", "đảo chính", "lật đổ", "phản động"]


class Opinion(db.Model):
    """A citizen's opinion or question for "Công an lắng nghe ý kiến Nhân dân"."""

    __tablename__ = "opinions"
    __table_args__ = (UniqueConstraint("event_id", "request_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)  # as shown (spelling may be edited)
    original_text: Mapped[str] = mapped_column(Text, default="")  # as sent, kept when edited
    topic: Mapped[str] = mapped_column(String(30), default="other")
    author_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    status: Mapped[str] = mapped_column(String(20), default="new")
    flagged: Mapped[bool] = mapped_column(default=False)  # contains a word on the review list
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("opinions.id", ondelete="SET NULL"))
    answered_by: Mapped[str] = mapped_column(String(200), default="")  # the officer who answered
    answer_note: Mapped[str] = mapped_column(Text, default="")
    responsible_unit: Mapped[str] = mapped_column(String(300), default="")  # for an answer in writing
    deadline: Mapped[date | None] = mapped_column(Date)
    device: Mapped[str] = mapped_column(String(64), default="")  # the sender's device key, for rate limits
    address_ip: Mapped[str] = mapped_column(String(64), default="")
    # Made once on the sender's tablet: an opinion queued there while the server
    # was out of reach and sent again on reconnecting is kept once.
    request_id: Mapped[str | None] = mapped_column(String(64))
    # What the request asked for (kiosk.transactions.request_digest): its key sent again with another request is refused.
    request_digest: Mapped[str | None] = mapped_column(String(64))
    # When the citizen pressed "Gửi" (a queued send arrives later): rate limits count by it.
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    via_kiosk: Mapped[bool] = mapped_column(default=False)  # from the hall's shared tablet (its own limit)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SurveyQuestion(db.Model):
    """A criterion of the satisfaction survey of the commune police, per event."""

    __tablename__ = "survey_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    text: Mapped[str] = mapped_column(String(300))


class SurveyResponse(db.Model):
    __tablename__ = "survey_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)  # question id (as text) -> 1..5
    comment: Mapped[str] = mapped_column(Text, default="")
    device: Mapped[str] = mapped_column(String(64), default="")
    address_ip: Mapped[str] = mapped_column(String(64), default="")
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    via_kiosk: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ForumSettings(db.Model):
    """What is on the big screen, and the event's limits and review words."""

    __tablename__ = "forum_settings"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    on_screen_id: Mapped[int | None] = mapped_column(ForeignKey("opinions.id", ondelete="SET NULL"))
    show_survey_on_screen: Mapped[bool] = mapped_column(default=False)
    review_words: Mapped[list[str]] = mapped_column(JSON, default=list)
    per_device_per_hour: Mapped[int] = mapped_column(default=10)
    per_address_per_hour: Mapped[int] = mapped_column(default=60)
    min_seconds_between: Mapped[int] = mapped_column(default=20)

    on_screen: Mapped[Opinion | None] = relationship(foreign_keys=[on_screen_id])
