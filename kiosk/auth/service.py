"""Accounts, tokens and links: plain functions the CLI, pages and tests share."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import contains_eager, joinedload
from werkzeug.security import check_password_hash, generate_password_hash

from kiosk import live
from kiosk.auth.access import credential_room

from kiosk.auth.models import ApiToken, EventLink, PairedDevice, User, hash_token, new_token, password_hash
from kiosk.auth.roles import ROLE_LABELS, STATIONS, Role
from kiosk.database import utcnow
from kiosk.extensions import db
from kiosk.fields import text
from kiosk.transactions import writes, writing

PAIRING_MINUTES = 10  # a pairing QR code opens one tablet, within this time
MIN_PASSWORD = 8


class AccountError(ValueError):
    """A refused account change; the message is for the person at the keyboard."""


# ---------------------------------------------------------------- the audit of account changes
#
# Every change here is recorded in the audit trail (area "accounts") in its own
# write transaction: who made it (`actor`: a person's name, or "CLI (os user)"),
# what, and to whom, never a password or a token. Accounts and API tokens belong
# to the installation, so their entries have no event (shown to whoever manages
# the installation: the access page, and every event's trail for an admin); a
# screen or MC link belongs to its event, so its entries are that event's.

def audited(action: str, subject: str, details: dict | None = None, *, actor: str, event=None) -> None:
    from kiosk.reports import audit

    audit.record(event, "accounts", action, subject, details, actor=actor)


def account_label(user: User) -> str:
    """An account as the trail names it: "Ban Tổ chức (btc-cam-tan)"."""
    return f"{user.display_name} ({user.username})" if user.display_name else user.username


def role_label(role: str) -> str:
    return ROLE_LABELS.get(role, role)


def check_password_length(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự.")


# ---------------------------------------------------------------- accounts

def add_user(
    username: str, password: str, role: str, *, display_name: str = "", event=None, actor: str = ""
) -> User:
    username = text(username, 80, "Tên đăng nhập", required=True, error=AccountError)
    display_name = text(display_name, 200, "Tên hiển thị", error=AccountError)
    if role not in set(Role):
        raise AccountError(f"Vai trò không hợp lệ: {role}. Chọn một trong: {', '.join(Role)}.")
    check_password_length(password)
    hashed = password_hash(password)
    with writing():
        if db.session.scalar(select(User).where(User.username == username)):
            raise AccountError(f"Tên đăng nhập “{username}” đã có.")
        user = User(username=username, role=role, display_name=display_name, password_hash=hashed,
                    event_id=event.id if event else None)
        db.session.add(user)
        audited("user_added", account_label(user), {"vai trò": role_label(role),
                                                    "sự kiện": event.slug if event else "mọi sự kiện"}, actor=actor)
    return user


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == " ".join(str(username).split())))


def set_password(user: User, password: str, *, actor: str = "") -> None:
    """A new password: every session signed in with the old one (remember-me
    cookies too) stops opening anything, and their live connections close.
    (The account's API tokens keep working: revoke them one by one.)"""
    check_password_length(password)
    hashed = password_hash(password)
    with writing():
        user = db.session.get(User, user.id)
        old_sessions = user.get_id()
        user.password_hash = hashed
        user.session_generation += 1
        live.close_connections(credential_room(old_sessions))
        audited("password_reset", account_label(user), actor=actor)


def set_active(user: User, active: bool, *, actor: str = "", by: User | None = None) -> User:
    """Disable an account (its sessions, tokens and live connections stop at
    once) or enable it again. Refused: disabling the account `by` is signed
    in with, or the last active admin (nobody could manage accounts from the
    web page any more)."""
    active = bool(active)
    with writing():
        user = db.session.get(User, user.id)
        if not active and user.active:
            if by is not None and by.id == user.id:
                raise AccountError("Không thể tự khóa tài khoản mình đang dùng.")
            if user.role == Role.ADMIN and not db.session.scalar(
                    select(func.count()).select_from(User)
                    .where(User.role == Role.ADMIN, User.active, User.id != user.id)):
                raise AccountError("Đây là tài khoản quản trị cuối cùng còn hoạt động: "
                                   "hãy thêm hoặc mở khóa một tài khoản quản trị khác trước.")
        if user.active != active:
            user.active = active
            audited("user_enabled" if active else "user_disabled", account_label(user), actor=actor)
        if not active:
            live.close_connections(f"principal:user:{user.id}")
    return user


@dataclass
class AccountRow:
    user: User
    event: object | None  # the one event the account is limited to
    tokens: int  # API tokens that still open something


def list_users() -> list[AccountRow]:
    """Every account, by name, with its event and its live API tokens' count."""
    from kiosk.events.models import Event

    counts = dict(db.session.execute(select(ApiToken.user_id, func.count()).where(ApiToken.revoked_at.is_(None))
                                     .group_by(ApiToken.user_id)).all())
    events = {e.id: e for e in db.session.scalars(select(Event))}
    return [AccountRow(user, events.get(user.event_id), counts.get(user.id, 0))
            for user in db.session.scalars(select(User).order_by(User.username))]


# Checked instead of a password hash when the account is unknown or disabled, so
# that the answer takes as long as for a real account with a wrong password (how
# long login takes must not tell which account names exist). One per hash method.
_dummy_hashes: dict[str, str] = {}
_dummy_lock = threading.Lock()


def dummy_password_hash(method: str) -> str:
    with _dummy_lock:
        if method not in _dummy_hashes:
            _dummy_hashes[method] = generate_password_hash(new_token(), method=method)
        return _dummy_hashes[method]


def authenticate(username: str, password: str) -> User | None:
    """The user, or None without saying which part was wrong: neither by the
    answer nor by the time it takes (a hash is checked either way)."""
    from flask import current_app

    user = db.session.scalar(select(User).where(User.username == username.strip()))
    if user is not None and user.active:
        return user if check_password_hash(user.password_hash, password) else None
    check_password_hash(dummy_password_hash(current_app.config.get("KIOSK_PASSWORD_HASH", "scrypt")), password)
    return None


@writes
def note_login(user: User) -> None:
    """When the account last signed in with its password (the access page shows it)."""
    db.session.execute(update(User).where(User.id == user.id).values(last_login_at=utcnow()))


# ---------------------------------------------------------------- API tokens

@writes
def issue_token(user: User, label: str = "", *, actor: str = "") -> str:
    """A new API token for `user`; only its hash is kept, so show it once."""
    label = text(label, 100, "Ghi chú của mã", error=AccountError)
    token = new_token()
    issued = ApiToken(user_id=user.id, token_hash=hash_token(token), label=label)
    db.session.add(issued)
    db.session.flush()
    audited("token_issued", account_label(db.session.get(User, user.id)),
            {"mã": f"#{issued.id}", "ghi chú": label}, actor=actor)
    return token


def list_tokens(user: User | None = None) -> list[ApiToken]:
    """Tokens (of `user`, or everyone's) with their accounts: live ones first,
    newest first. Only hashes are kept: no token can be shown again."""
    query = select(ApiToken).options(joinedload(ApiToken.user))
    if user is not None:
        query = query.where(ApiToken.user_id == user.id)
    return list(db.session.scalars(query.order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(),
                                                  ApiToken.id.desc())))


def api_token(token: str) -> ApiToken | None:
    """The live token (its user loaded with it: one query, on every API call)."""
    return db.session.scalar(
        select(ApiToken).join(ApiToken.user).options(contains_eager(ApiToken.user))
        .where(ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None), User.active)
    )


def user_for_token(token: str) -> User | None:
    found = api_token(token)
    return found.user if found else None


def revoke_token(token_id: int, *, actor: str = "") -> ApiToken | None:
    """The token opens nothing from now on; its live connections close."""
    with writing():
        token = db.session.get(ApiToken, token_id)
        if token is None:
            return None
        if token.revoked_at is None:
            token.revoked_at = utcnow()
            audited("token_revoked", account_label(token.user), {"mã": f"#{token.id}", "ghi chú": token.label},
                    actor=actor)
        live.close_connections(credential_room(f"token:{token.id}"))
    return token


# ---------------------------------------------------------------- screen and MC links

@writes
def create_link(event, role: str, label: str = "", *, actor: str = "") -> str:
    """An unguessable key opening the event's big screen (role screen) or MC page
    (role mc). Returns the key; only its hash is kept."""
    if role not in (Role.SCREEN, Role.MC):
        raise AccountError("Đường dẫn chỉ dành cho màn hình hoặc người dẫn chương trình.")
    label = text(label, 100, "Ghi chú của đường dẫn", error=AccountError)
    key = new_token()
    link = EventLink(event_id=event.id, role=role, key_hash=hash_token(key), label=label)
    db.session.add(link)
    db.session.flush()
    audited("link_created", label or role_label(role), {"vai trò": role_label(role), "mã": f"#{link.id}"},
            actor=actor, event=event)
    return key


def link_event(link: EventLink):
    from kiosk.events.models import Event

    return db.session.get(Event, link.event_id)


def links_of(event) -> list[EventLink]:
    """The event's screen and MC links, live ones first, newest first."""
    return list(db.session.scalars(select(EventLink).where(EventLink.event_id == event.id)
                                   .order_by(EventLink.revoked_at.is_not(None), EventLink.created_at.desc(),
                                             EventLink.id.desc())))


def link_for_key(event, key: str) -> EventLink | None:
    return db.session.scalar(
        select(EventLink).where(
            EventLink.event_id == event.id,
            EventLink.key_hash == hash_token(key),
            EventLink.revoked_at.is_(None),
        )
    )


def revoke_link(link: EventLink | int, *, actor: str = "") -> EventLink | None:
    """The screen or MC link (or its id) opens nothing from now on; its live
    connections close. None if there is no such link."""
    with writing():
        link = db.session.get(EventLink, link if isinstance(link, int) else link.id)
        if link is None:
            return None
        if link.revoked_at is None:
            link.revoked_at = utcnow()
            audited("link_revoked", link.label or role_label(link.role),
                    {"vai trò": role_label(link.role), "mã": f"#{link.id}"}, actor=actor, event=link_event(link))
        live.close_connections(f"principal:link:{link.id}")
    return link


class PairingError(ValueError):
    """A pairing code that opens nothing; the message is for the person holding the tablet."""


def start_pairing(event, name: str, station: str, *, created_by: str = "") -> tuple[PairedDevice, str]:
    """A new tablet for `station` (a key of roles.STATIONS), named as its check-ins
    and hand-outs will record it ("Cổng 1"). Returns it with the one-time code
    its QR carries; only the code's hash is kept."""
    name = " ".join(name.split())
    if not name:
        raise AccountError("Đặt tên cho thiết bị (ví dụ: Cổng 1).")
    if len(name) > 100:
        raise AccountError("Tên thiết bị tối đa 100 ký tự.")
    work = STATIONS.get(station)
    if work is None:
        raise AccountError("Chọn việc của thiết bị.")
    code = new_token()
    with writing():
        device = PairedDevice(event_id=event.id, name=name, role=work.role, station=station,
                              pairing_code_hash=hash_token(code),
                              pairing_expires_at=utcnow() + timedelta(minutes=PAIRING_MINUTES),
                              created_by=created_by[:200])
        db.session.add(device)
    return device, code


@writes
def pair_device(event, code: str) -> PairedDevice:
    """The tablet that opened the pairing link becomes the device: once, before
    the code expires. A second tablet with the same code is refused."""
    from kiosk.reports import audit

    now = utcnow()
    device = db.session.scalar(select(PairedDevice).where(PairedDevice.event_id == event.id,
                                                          PairedDevice.pairing_code_hash == hash_token(code)))
    if device is None or device.revoked_at is not None:
        raise PairingError("Mã ghép thiết bị không đúng hoặc đã được dùng. Xin Ban Tổ chức tạo mã mới.")
    if device.pairing_expires_at <= now:
        raise PairingError("Mã ghép thiết bị đã hết hạn. Xin Ban Tổ chức tạo mã mới.")
    # The code is spent in the same statement that pairs: two tablets scanning
    # at once cannot both succeed (the second updates no row).
    claimed = db.session.execute(
        update(PairedDevice)
        .where(PairedDevice.id == device.id, PairedDevice.pairing_code_hash == hash_token(code),
               PairedDevice.paired_at.is_(None))
        .values(pairing_code_hash=None, paired_at=now, last_seen_at=now)
    ).rowcount
    if claimed != 1:
        raise PairingError("Mã ghép thiết bị không đúng hoặc đã được dùng. Xin Ban Tổ chức tạo mã mới.")
    audit.record(event, "devices", "paired", device.name, {"việc": device.work.label if device.work else ""},
                 actor=device.created_by, device=device.name)
    return device


def devices_of(event) -> list[PairedDevice]:
    """Newest first; paired, waiting, expired and revoked alike."""
    return list(db.session.scalars(select(PairedDevice).where(PairedDevice.event_id == event.id)
                                   .order_by(PairedDevice.created_at.desc(), PairedDevice.id.desc())))


def revoke_device(event, device_id: int, *, revoked_by: str = "") -> PairedDevice | None:
    """From now on the tablet opens nothing: its pages, API calls and live
    connection are refused. None if the event has no such device."""
    from kiosk.reports import audit

    with writing():
        device = db.session.get(PairedDevice, device_id)
        if device is None or device.event_id != event.id:
            return None
        if device.revoked_at is None:
            device.revoked_at = utcnow()
            device.revoked_by = revoked_by[:200]
            device.pairing_code_hash = None
            audit.record(event, "devices", "revoked", device.name, actor=revoked_by, device=device.name)
        live.close_connections(f"principal:device:{device.id}")
    return device


SEEN_EVERY = timedelta(minutes=1)


def note_seen(device: PairedDevice) -> None:
    """Keep "last seen" for the organizer's list, writing at most once a minute per tablet."""
    now = utcnow()
    if device.last_seen_at is not None and now - device.last_seen_at < SEEN_EVERY:
        return
    with writing():
        db.session.execute(update(PairedDevice).where(PairedDevice.id == device.id).values(last_seen_at=now))
