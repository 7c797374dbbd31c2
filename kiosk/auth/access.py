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

from kiosk.auth.models import EventLink, PairedDevice, User
from kiosk.auth.roles import Permission
from kiosk.extensions import db, login_manager, socketio

DEVICE_REVOKED = "Thiết bị này đã bị thu hồi. Xin Ban Tổ chức ghép lại nếu cần dùng tiếp."


def init_login(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Vui lòng đăng nhập để tiếp tục.")
    login_manager.login_message_category = "info"

    login_manager.user_loader(load_principal)

    @login_manager.request_loader
    def load_from_bearer_token(req):
        from kiosk.auth.service import user_for_token

        header = req.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        user = user_for_token(token.strip())
        if user is not None:
            g.authenticated_by_token = True
        return user

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


def load_principal(principal_id: str):
    """"user:5", "link:3" or "device:7" (what the session keeps) back to a live
    principal. A revoked tablet is remembered in g, so it is told so."""
    kind, _, key = principal_id.partition(":")
    if not key.isdigit():
        return None
    if kind == "user":
        user = db.session.get(User, int(key))
        return user if user and user.active else None
    if kind == "link":
        link = db.session.get(EventLink, int(key))
        return link if link and link.is_active else None
    if kind == "device":
        from kiosk.auth.service import note_seen

        device = db.session.get(PairedDevice, int(key))
        if device is None:
            return None
        if not device.is_active:
            if device.revoked_at is not None and has_request_context():
                g.revoked_device = device
            return None
        note_seen(device)
        return device
    return None


def device_name(given) -> str:
    """Where a check-in or hand-out happened, as the audit shows it: a paired
    tablet is always its own name ("Cổng 1"); others say what their page sent."""
    if isinstance(current_user._get_current_object(), PairedDevice):
        return current_user.name
    return str(given or "")[:100]


def principal_room(principal_id: str) -> str:
    """Each live connection also joins its principal's room, so revoking a
    tablet can close its connections at once."""
    return f"principal:{principal_id}"


def disconnect_principal(principal_id: str, namespace: str = "/") -> None:
    manager = socketio.server.manager if socketio.server else None
    if manager is None:
        return
    room = principal_room(principal_id)
    for sid, _eio_sid in list(manager.get_participants(namespace, room)):
        socketio.server.disconnect(sid, namespace=namespace)


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
