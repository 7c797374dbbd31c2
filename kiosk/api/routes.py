from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, request
from flask_login import current_user

from kiosk import live
from kiosk.api.openapi import SPEC
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.delegates import service as delegates
from kiosk.events import service as events
from kiosk.extensions import csrf
from kiosk.i18n import format_time

api = Blueprint("api", __name__, url_prefix="/api/v1")
event_api = events.event_blueprint("event_api", __name__, url_prefix="/api/v1/events/<slug>")


def protect_cookie_sessions():
    """A call made with the browser's session cookie must carry the page's CSRF
    token; a call with a Bearer token cannot be forged by another site."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not current_app.config["WTF_CSRF_ENABLED"]:
        return
    if request.headers.get("Authorization", "").lower().startswith("bearer "):
        return
    csrf.protect()


api.before_request(protect_cookie_sessions)
event_api.before_request(protect_cookie_sessions)


def refuse(status: int, error: str, message: str):
    return jsonify(error=error, message=message), status


@api.get("/openapi.json")
def openapi():
    return jsonify(SPEC)


@api.get("/events")
@requires(Permission.VIEW_SCREEN)
def list_events():
    visible = [e for e in events.all_events() if current_user.can(Permission.VIEW_SCREEN, e)]
    return jsonify(events=[events.event_details(e) for e in visible])


@event_api.get("")
@requires(Permission.VIEW_SCREEN)
def event_detail():
    return jsonify(events.event_details(g.event))


@event_api.get("/dashboard")
@requires(Permission.VIEW_DASHBOARD)
def dashboard():
    return jsonify(live.current_state(g.event, {live.PUBLIC, live.STAFF}))


@event_api.post("/checkins")
@requires(Permission.WORK_DESK)
def check_in():
    body = request.get_json(silent=True) or {}
    delegate_id = body.get("delegate_id")
    if not isinstance(delegate_id, int) or isinstance(delegate_id, bool):
        return refuse(400, "bad_request", "Cần mã đại biểu (delegate_id) là một số.")
    device = str(body.get("device") or "")[:100]
    result = delegates.check_in(g.event, delegate_id, device)
    if result.status == "not_found":
        return refuse(404, "not_found", "Không tìm thấy đại biểu trong sự kiện này.")
    delegate = result.delegate
    if result.status == "ok":
        message = f"Kính chào {delegate.honorific} {delegate.full_name}"
    else:
        message = (
            f"{delegate.full_name} đã điểm danh lúc {format_time(result.checked_in_at, g.event.timezone)}"
            + (f" tại {result.device}" if result.device else "")
        )
    return jsonify(
        status=result.status,
        message=message,
        delegate={"id": delegate.id, "full_name": delegate.full_name, "seat": delegate.seat},
        checked_in_at=result.checked_in_at.isoformat() if result.checked_in_at else None,
        device=result.device,
    ), 201 if result.status == "ok" else 200

