"""Role checks for pages, API calls and Socket.IO events.

Whoever calls is a Principal: a User (session cookie or API token) or an
EventLink (a screen's unguessable link). Pages and API routes of an event find
it in g.event, loaded from the slug in the URL before the check runs."""

from __future__ import annotations

from functools import wraps

from flask import Flask, abort, g, jsonify, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from kiosk.auth.models import EventLink, User
from kiosk.auth.roles import Permission
from kiosk.extensions import db, login_manager


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
        if is_api_request():
            return jsonify(error="unauthorized", message="Cần đăng nhập hoặc mã API hợp lệ."), 401
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def load_principal(principal_id: str):
    """"user:5" or "link:3" (what the session keeps) back to a live principal."""
    kind, _, key = principal_id.partition(":")
    if not key.isdigit():
        return None
    if kind == "user":
        user = db.session.get(User, int(key))
        return user if user and user.active else None
    if kind == "link":
        link = db.session.get(EventLink, int(key))
        return link if link and link.is_active else None
    return None


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

        wrapped.required_permission = permission
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

        return wrapped

    return decorator
