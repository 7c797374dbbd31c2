from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import JSON, ForeignKey, String, Text, Time
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.database import UTCDateTime, utcnow
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

ITEM_STATUSES = {
    "pending": "Chưa diễn ra",
    "current": "Đang diễn ra",
    "done": "Đã xong",
    "skipped": "Đã bỏ qua",
}

ACTIVITY_KINDS = {
    "culture": "Văn hóa, văn nghệ",
    "sport": "Thể dục, thể thao",
    "quiz": "Thi tìm hiểu pháp luật",
    "service": "Điểm phục vụ “Dân vận khéo”",
    "forum": "Lắng nghe ý kiến Nhân dân",
    "gifts": "Tặng quà",
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
    speaker_delegate_id: Mapped[int | None] = mapped_column(ForeignKey("delegates.id", ondelete="SET NULL"))
    planned_seconds: Mapped[int] = mapped_column(default=300)
    hard_start: Mapped[time | None] = mapped_column(Time)  # local time it must start at, if any
    script: Mapped[str] = mapped_column(Text, default="")  # kịch bản dẫn of the MC
    cues: Mapped[list[str]] = mapped_column(JSON, default=list)  # music, flag, slides, microphone
    notes: Mapped[str] = mapped_column(Text, default="")
    video_file: Mapped[str | None] = mapped_column(String(200))  # in the instance folder's media/
    status: Mapped[str] = mapped_column(String(20), default="pending")  # pending/current/done/skipped
    added_seconds: Mapped[int] = mapped_column(default=0)  # minutes added or removed on the day
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ProgrammeLive(db.Model):
    """The live state of an event's ceremony: one row per event, locked by
    every command so two tablets cannot both advance it."""

    __tablename__ = "programme_live"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="idle")  # idle, running, paused, ended
    current_item_id: Mapped[int | None] = mapped_column(ForeignKey("programme_items.id", ondelete="SET NULL"))
    clock_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused_seconds: Mapped[float] = mapped_column(default=0.0)
    ceremony_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ceremony_ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(default=0)  # +1 on every change
    # The big screen: a full-screen message, or black.
    screen_message: Mapped[str] = mapped_column(Text, default="")
    screen_blackout: Mapped[bool] = mapped_column(default=False)


class ProgrammeCommand(db.Model):
    """Every live-control action, with the time it really happened."""

    __tablename__ = "programme_commands"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    command: Mapped[str] = mapped_column(String(20))
    item_id: Mapped[int | None] = mapped_column(ForeignKey("programme_items.id", ondelete="SET NULL"))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    actor: Mapped[str] = mapped_column(String(200), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class McMessage(db.Model):
    """A note from the organizers to the MC ("Đồng chí Phó Chủ tịch tỉnh vừa đến")."""

    __tablename__ = "mc_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    dismissed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class FestivalActivity(db.Model):
    """An activity or service station of the festival part (phần hội)."""

    __tablename__ = "festival_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    place: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[str] = mapped_column(String(20), default="other")
    starts_at: Mapped[time | None] = mapped_column(Time)
    ends_at: Mapped[time | None] = mapped_column(Time)
    count_label: Mapped[str] = mapped_column(String(100), default="")  # "người được kích hoạt VNeID": what staff count
