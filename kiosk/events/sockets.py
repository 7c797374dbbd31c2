"""The live channel: a screen connects, proves who it is, joins its event's
rooms and is sent the whole current state at once."""

from __future__ import annotations

from flask import g, request, session
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, emit, join_room

from kiosk import live
from kiosk.auth.access import DEVICE_REVOKED, rooms_of, socket_requires
from kiosk.auth.roles import Permission
from kiosk.auth.service import api_token, link_for_key
from kiosk.events.service import find_event
from kiosk.extensions import socketio


def principal_for(auth: dict, event):
    """(principal, credential): the session cookie's principal, else an API
    token, else a screen link's key. The credential ("user:5:0", "token:12",
    "link:3", "device:7") is what the connection was made with: it is checked
    again on every event the connection sends, and revoking it closes the
    connection (kiosk.auth.access.rooms_of)."""
    if current_user.is_authenticated:
        principal = current_user._get_current_object()
        return principal, principal.get_id()
    if auth.get("token"):
        token = api_token(str(auth["token"]))
        return (token.user, f"token:{token.id}") if token else (None, None)
    if auth.get("key"):
        link = link_for_key(event, str(auth["key"]))
        return (link, link.get_id()) if link else (None, None)
    return None, None


@socketio.on("connect")
def connect(auth=None):
    auth = auth if isinstance(auth, dict) else {}
    event = find_event(str(auth.get("event") or request.args.get("event") or ""))
    if event is None:
        raise ConnectionRefusedError("Không tìm thấy sự kiện.")
    principal, credential = principal_for(auth, event)
    if principal is None and g.get("revoked_device") is not None:
        raise ConnectionRefusedError(DEVICE_REVOKED)
    if principal is None or not principal.can(Permission.VIEW_SCREEN, event):
        raise ConnectionRefusedError("Không có quyền xem sự kiện này.")
    for audience in live.audiences_of(principal, event):
        join_room(live.room(event.slug, audience))
    for name in rooms_of(credential):  # so revoking the credential closes this at once
        join_room(name)
    session["live"] = {"event": event.slug, "principal": credential}
    emit("state", live.current_state(event, principal))


@socketio.on("refresh")
@socket_requires(Permission.VIEW_SCREEN)
def refresh():
    """A screen asks again for everything (after waking from sleep, say)."""
    emit("state", live.current_state(g.event, g.principal))
    return {"ok": True}
