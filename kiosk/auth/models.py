from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from kiosk.auth.roles import STATIONS, Permission, Role, Station, role_has
from kiosk.database import UTCDateTime, utcnow
from kiosk.extensions import db


def password_hash(password: str) -> str:
    """Slow on purpose (scrypt): made before a write transaction, never inside one."""
    return generate_password_hash(password, method=current_app.config.get("KIOSK_PASSWORD_HASH", "scrypt"))


def hash_token(token: str) -> str:
    """Tokens and link keys are stored hashed: a copied database opens nothing."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Principal:
    """What role checks need from whoever is calling: a user or a screen link."""

    role: str
    event_id: int | None  # None: every event of the installation
    paired_device = False  # a tablet paired by QR code: its name is where its actions happened

    def can(self, permission: Permission, event=None) -> bool:
        if not role_has(self.role, permission):
            return False
        if event is None or self.event_id is None or self.role == Role.ADMIN:
            return True
        return self.event_id == event.id


class User(Principal, UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    # An account may be limited to one event (one site's team); None means all.
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Part of what a session (and a remember-me cookie) keeps: a new password
    # moves it on, and every session signed in before no longer opens anything.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # with a password, on the login page

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user", cascade="all, delete-orphan")

    def set_password(self, password: str) -> None:
        self.password_hash = password_hash(password)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        return f"user:{self.id}:{self.session_generation}"

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def name(self) -> str:
        return self.display_name or self.username


class ApiToken(db.Model):
    """A per-user token for the JSON API and Socket.IO (Authorization: Bearer ...)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="tokens")


class LoginAttempt(db.Model):
    """A login tried with this account name from this address, counted as failed
    until the password is found right (then deleted): kiosk.auth.limits."""

    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_account_address_at", "account", "address", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(200))  # as typed, case and spaces folded
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EventLink(Principal, UserMixin, db.Model):
    """An unguessable link that opens one event's big screen or MC page on a TV
    or tablet without typing a password. Revocable."""

    __tablename__ = "event_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))  # screen or mc
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    def get_id(self) -> str:
        return f"link:{self.id}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def name(self) -> str:
        return self.label or self.role


class PairedDevice(Principal, UserMixin, db.Model):
    """A tablet paired from the organizer's page by scanning a QR code: it works
    as one station (the gate "Cổng 1", a gift desk, the MC...) with that
    station's share of a role's permissions, until it is revoked.

    The pairing code is single-use and short-lived, and only its hash is kept;
    once paired the tablet is known by its signed session cookie ("device:N")."""

    __tablename__ = "paired_devices"
    paired_device = True

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))  # recorded as the device of its check-ins and hand-outs
    role: Mapped[str] = mapped_column(String(20))
    station: Mapped[str] = mapped_column(String(20), default="", server_default="")  # a key of STATIONS
    pairing_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)  # None once used
    pairing_expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    paired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by: Mapped[str] = mapped_column(String(200), default="", server_default="")

    def get_id(self) -> str:
        return f"device:{self.id}"

    @property
    def is_active(self) -> bool:
        return self.paired_at is not None and self.revoked_at is None

    @property
    def work(self) -> Station | None:
        return STATIONS.get(self.station)

    def can(self, permission: Permission, event=None) -> bool:
        """Only its station's permissions, only for its own event, only while paired."""
        work = self.work
        if not self.is_active or work is None or permission not in work.permissions:
            return False
        return event is None or event.id == self.event_id

    def status(self, now: datetime) -> str:
        """revoked, paired, waiting (for its QR code to be scanned) or expired."""
        if self.revoked_at is not None:
            return "revoked"
        if self.paired_at is not None:
            return "paired"
        return "waiting" if self.pairing_expires_at > now else "expired"
