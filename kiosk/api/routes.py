from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, request
from flask_login import current_user

from kiosk import live
from kiosk.api.openapi import SPEC
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.events import service as events
from kiosk.extensions import csrf
from kiosk.fields import KioskError

api = Blueprint("api", __name__, url_prefix="/api/v1")
event_api = events.event_blueprint("event_api", __name__, url_prefix="/api/v1/events/<slug>")


def public(view):
    """An API route anyone may call (a citizen's opinion, the survey): no login,
    and no CSRF token either, since there is no session to ride on."""
    view.public = True
    return view


def protect_cookie_sessions():
    """A call made with the browser's session cookie must carry the page's CSRF
    token; a call with a Bearer token cannot be forged by another site."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not current_app.config["WTF_CSRF_ENABLED"]:
        return
    if getattr(current_app.view_functions.get(request.endpoint), "public", False):
        return
    if request.headers.get("Authorization", "").lower().startswith("bearer "):
        return
    csrf.protect()


api.before_request(protect_cookie_sessions)
event_api.before_request(protect_cookie_sessions)


def json_body() -> dict:
    """The request's JSON object, or {} (fields are then refused one by one)."""
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


def refuse(status: int, error: str, message: str):
    return jsonify(error=error, message=message), status


@event_api.errorhandler(KioskError)
def refused_change(error):
    """A service refused: 404 when what was named does not exist in the event, else 400."""
    if str(error).startswith("Không tìm thấy"):
        return refuse(404, "not_found", str(error))
    return refuse(400, "bad_request", str(error))


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
