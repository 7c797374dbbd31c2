"""Role checks for pages, API calls and Socket.IO events.

Whoever calls is a Principal: a User (session cookie or API token), an
EventLink (a screen's unguessable link) or a PairedDevice (a tablet paired by
QR code, its session cookie). Pages and API routes of an event find
it in g.event, loaded from the slug in the URL before the check runs."""

from __future__ import annotations

from functools import wraps

from flask import Flask, abort, g, has_request_context, jsonify, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from kiosk.auth.models import ApiToken, EventLink, PairedDevice, User
from kiosk.auth.roles import Permission
from kiosk.extensions import db, login_manager
from kiosk.fields import text

DEVICE_REVOKED = "Thiết bị này đã bị thu hồi. Xin Ban Tổ chức ghép lại nếu cần dùng tiếp."


def init_login(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    login_manager.login_message_category = "info"

    login_manager.user_loader(load_principal)

    @login_manager.request_loader
    def load_from_bearer_token(req):
        from kiosk.auth.service import api_token

        header = req.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        found = api_token(token.strip())
        if found is None:
            return None
        g.authenticated_by_token = True
        return found.user

    @login_manager.unauthorized_handler
    def unauthorized():
        revoked = g.get("revoked_device")
        if revoked is not None:
            if is_api_request():
                return jsonify(error="device_revoked", message=DEVICE_REVOKED), 403
            return render_template("auth/device_revoked.html", device=revoked), 403
        if is_api_request():
            return jsonify(error="unauthorized", message="Cần đăng nhập hoặc mã API hợp lệ."), 401
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def load_principal(credential: str):
    """A credential back to a live principal: what a session keeps ("user:5:0"
    with its session generation, "link:3", "device:7") or what a live
    connection was made with ("token:12" too). None once it was revoked, the
    password changed or the account disabled; a revoked tablet is remembered
    in g, so it is told so."""
    kind, _, key = credential.partition(":")
    ident, _, generation = key.partition(":")
    if not ident.isdigit() or (generation and not generation.isdigit()):
        return None
    if kind == "user":
        user = db.session.get(User, int(ident))
        return user if user and user.active and user.session_generation == int(generation or 0) else None
    if kind == "token":
        token = db.session.get(ApiToken, int(ident))
        return token.user if token and token.revoked_at is None and token.user.active else None
    if kind == "link":
        link = db.session.get(EventLink, int(ident))
        return link if link and link.is_active else None
    if kind == "device":
        from kiosk.auth.service import note_seen

        device = db.session.get(PairedDevice, int(ident))
        if device is None:
            return None
        if not device.is_active:
            if device.revoked_at is not None and has_request_context():
                g.revoked_device = device
            return None
        note_seen(device)
        return device
    return None


def rooms_of(credential: str) -> list[str]:
    """The rooms a live connection made with `credential` joins, so that revoking
    closes it: its own credential's, and its principal's (a user's every
    connection, whatever it was made with: disabling the account closes them)."""
    kind, _, key = credential.partition(":")
    rooms = [credential_room(credential)]
    if kind == "token":
        token = db.session.get(ApiToken, int(key))
        rooms.append(f"principal:user:{token.user_id}")
    else:
        rooms.append(f"principal:{kind}:{key.partition(':')[0]}")
    return rooms


def credential_room(credential: str) -> str:
    return f"credential:{credential}"


def device_name(given) -> str:
    """Where a check-in or hand-out happened, as the audit shows it: a paired
    tablet is always its own name ("Cổng 1"); others say what their page sent."""
    if isinstance(current_user._get_current_object(), PairedDevice):
        return current_user.name
    return text(given, 100, "Tên thiết bị")


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def requires(permission: Permission):
    """Page or API route decorator: the caller must hold `permission` for g.event."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.can(permission, g.get("event")):
                abort(403)
            return view(*args, **kwargs)

        wrapped.required_permission = permission  # what tests/auth/test_role_matrix.py checks against GRANTS
        return wrapped

    return decorator


FORBIDDEN_SOCKET = {"ok": False, "error": "forbidden", "message": "Không có quyền thực hiện thao tác này."}


def socket_requires(permission: Permission):
    """Socket.IO handler decorator: the connection's principal (re-read, so a
    revoked link stops at once) must hold `permission` for its event. The
    handler finds them in g.principal and g.event."""

    def decorator(handler):
        @wraps(handler)
        def wrapped(*args):
            from kiosk.events.service import find_event

            joined = session.get("live") or {}
            principal = load_principal(joined.get("principal", ""))
            event = find_event(joined.get("event", ""))
            if principal is None or event is None or not principal.can(permission, event):
                return FORBIDDEN_SOCKET
            g.principal, g.event = principal, event
            return handler(*args)

        wrapped.required_permission = permission  # what tests/auth/test_role_matrix.py checks against GRANTS
        return wrapped

    return decorator
