"""Accounts, tokens and links: plain functions the CLI, pages and tests share."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from kiosk.auth.models import ApiToken, EventLink, PairedDevice, User, hash_token, new_token, password_hash
from kiosk.auth.roles import STATIONS, Role
from kiosk.database import utcnow
from kiosk.extensions import db
from kiosk.transactions import writes, writing

PAIRING_MINUTES = 10  # a pairing QR code opens one tablet, within this time


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
    hashed = password_hash(password)
    with writing():
        if db.session.scalar(select(User).where(User.username == username)):
            raise AccountError(f"Tên đăng nhập “{username}” đã có.")
        user = User(username=username, role=role, display_name=display_name.strip(), password_hash=hashed,
                    event_id=event.id if event else None)
        db.session.add(user)
    return user


def set_password(user: User, password: str) -> None:
    if len(password) < 8:
        raise AccountError("Mật khẩu phải có ít nhất 8 ký tự.")
    hashed = password_hash(password)
    with writing():
        user.password_hash = hashed


def authenticate(username: str, password: str) -> User | None:
    """The user, or None without saying which part was wrong."""
    user = db.session.scalar(select(User).where(User.username == username.strip()))
    if user is None or not user.active or not user.check_password(password):
        return None
    return user


@writes
def issue_token(user: User, label: str = "") -> str:
    """A new API token for `user`; only its hash is kept, so show it once."""
    token = new_token()
    db.session.add(ApiToken(user=user, token_hash=hash_token(token), label=label))
    return token


def user_for_token(token: str) -> User | None:
    # One query: this runs on every API call.
    return db.session.scalar(
        select(User).join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None), User.active)
    )


@writes
def create_link(event, role: str, label: str = "") -> str:
    """An unguessable key opening the event's big screen (role screen) or MC page
    (role mc). Returns the key; only its hash is kept."""
    if role not in (Role.SCREEN, Role.MC):
        raise AccountError("Đường dẫn chỉ dành cho màn hình hoặc người dẫn chương trình.")
    key = new_token()
    db.session.add(EventLink(event_id=event.id, role=role, key_hash=hash_token(key), label=label))
    return key


def link_for_key(event, key: str) -> EventLink | None:
    return db.session.scalar(
        select(EventLink).where(
            EventLink.event_id == event.id,
            EventLink.key_hash == hash_token(key),
            EventLink.revoked_at.is_(None),
        )
    )


@writes
def revoke_link(link: EventLink) -> None:
    link.revoked_at = utcnow()


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
    from kiosk.auth.access import disconnect_principal
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
        principal_id = device.get_id()
    disconnect_principal(principal_id)
    return device


SEEN_EVERY = timedelta(minutes=1)


def note_seen(device: PairedDevice) -> None:
    """Keep "last seen" for the organizer's list, writing at most once a minute per tablet."""
    now = utcnow()
    if device.last_seen_at is not None and now - device.last_seen_at < SEEN_EVERY:
        return
    with writing():
        db.session.execute(update(PairedDevice).where(PairedDevice.id == device.id).values(last_seen_at=now))
