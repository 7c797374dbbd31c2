"""The live channel: a screen connects, proves who it is, joins its event's
rooms and is sent the whole current state at once."""

from __future__ import annotations

from flask import g, request, session
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, emit, join_room

from kiosk import live
from kiosk.auth.access import DEVICE_REVOKED, principal_room, socket_requires
from kiosk.auth.roles import Permission
from kiosk.auth.service import link_for_key, user_for_token
from kiosk.events.service import find_event
from kiosk.extensions import socketio

STAFF_PERMISSIONS = (Permission.VIEW_DASHBOARD, Permission.WORK_DESK, Permission.READ_PROGRAMME)


def principal_for(auth: dict, event):
    """The session cookie's user, else an API token, else a screen link's key."""
    if current_user.is_authenticated:
        return current_user._get_current_object()
    if auth.get("token"):
        return user_for_token(str(auth["token"]))
    if auth.get("key"):
        return link_for_key(event, str(auth["key"]))
    return None


def audiences_of(principal, event) -> set[str]:
    audiences = {live.PUBLIC}
    if any(principal.can(p, event) for p in STAFF_PERMISSIONS):
        audiences.add(live.STAFF)
    return audiences


@socketio.on("connect")
def connect(auth=None):
    auth = auth if isinstance(auth, dict) else {}
    event = find_event(str(auth.get("event") or request.args.get("event") or ""))
    if event is None:
        raise ConnectionRefusedError("Không tìm thấy sự kiện.")
    principal = principal_for(auth, event)
    if principal is None and g.get("revoked_device") is not None:
        raise ConnectionRefusedError(DEVICE_REVOKED)
    if principal is None or not principal.can(Permission.VIEW_SCREEN, event):
        raise ConnectionRefusedError("Không có quyền xem sự kiện này.")
    audiences = audiences_of(principal, event)
    for audience in audiences:
        join_room(live.room(event.slug, audience))
    join_room(principal_room(principal.get_id()))  # so revoking a paired tablet closes this at once
    session["live"] = {"event": event.slug, "principal": principal.get_id(), "audiences": sorted(audiences)}
    emit("state", live.current_state(event, audiences))


@socketio.on("refresh")
@socket_requires(Permission.VIEW_SCREEN)
def refresh():
    """A screen asks again for everything (after waking from sleep, say)."""
    emit("state", live.current_state(g.event, audiences_of(g.principal, g.event)))
    return {"ok": True}
