"""Accounts, tokens and links: plain functions the CLI, pages and tests share."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.auth.models import ApiToken, EventLink, User, hash_token, new_token
from kiosk.auth.roles import Role
from kiosk.database import utcnow
from kiosk.extensions import db


class AccountError(ValueError):
    """A refused account change; the message is for the person at the keyboard."""


def add_user(
    username: str, password: str, role: str, *, display_name: str = "", event=None
) -> User:
    username = username.strip()
    if not username:
        raise AccountError("Tên đăng nhập không được để trống.")
    if role not in set(Role):
        raise AccountError(f"Vai trò không hợp lệ: {role}. Chọn một trong: {', '.join(Role)}.")
    if len(password) < 8:
        raise AccountError("Mật khẩu phải có ít nhất 8 ký tự.")
    if db.session.scalar(select(User).where(User.username == username)):
        raise AccountError(f"Tên đăng nhập “{username}” đã có.")
    user = User(username=username, role=role, display_name=display_name.strip(),
                event_id=event.id if event else None)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def set_password(user: User, password: str) -> None:
    if len(password) < 8:
        raise AccountError("Mật khẩu phải có ít nhất 8 ký tự.")
    user.set_password(password)
    db.session.commit()


def authenticate(username: str, password: str) -> User | None:
    """The user, or None without saying which part was wrong."""
    user = db.session.scalar(select(User).where(User.username == username.strip()))
    if user is None or not user.active or not user.check_password(password):
        return None
    return user


def issue_token(user: User, label: str = "") -> str:
    """A new API token for `user`; only its hash is kept, so show it once."""
    token = new_token()
    db.session.add(ApiToken(user=user, token_hash=hash_token(token), label=label))
    db.session.commit()
    return token


def user_for_token(token: str) -> User | None:
    row = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None))
    )
    if row is None or not row.user.active:
        return None
    return row.user


def create_link(event, role: str, label: str = "") -> str:
    """An unguessable key opening the event's big screen (role screen) or MC page
    (role mc). Returns the key; only its hash is kept."""
    if role not in (Role.SCREEN, Role.MC):
        raise AccountError("Đường dẫn chỉ dành cho màn hình hoặc người dẫn chương trình.")
    key = new_token()
    db.session.add(EventLink(event_id=event.id, role=role, key_hash=hash_token(key), label=label))
    db.session.commit()
    return key


def link_for_key(event, key: str) -> EventLink | None:
    return db.session.scalar(
        select(EventLink).where(
            EventLink.event_id == event.id,
            EventLink.key_hash == hash_token(key),
            EventLink.revoked_at.is_(None),
        )
    )


def revoke_link(link: EventLink) -> None:
    link.revoked_at = utcnow()
    db.session.commit()
