from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, request
from flask_login import current_user

from kiosk import live
from kiosk.api.openapi import described
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
    token; a call with a valid Bearer token cannot be forged by another site.
    Any Bearer header is not enough: another site can send a made-up one
    beside the victim's cookie (Flask-Login then never reads the header), so
    the token itself must open an account."""
    if request.method in ("GET", "HEAD", "OPTIONS") or not current_app.config["WTF_CSRF_ENABLED"]:
        return
    if getattr(current_app.view_functions.get(request.endpoint), "public", False):
        return
    if g.get("authenticated_by_token"):
        return
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        from kiosk.auth.service import user_for_token

        if user_for_token(token.strip()) is not None:
            return
    csrf.protect()


def storable(value) -> bool:
    """Can a database keep every text in `value` (a parsed JSON document)? Not
    a NUL character (PostgreSQL refuses it) nor half of a UTF-16 surrogate pair
    ("\\ud800" in JSON: no UTF-8 database can store it)."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            if "\x00" in item:
                return False
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                return False
    return True


def refuse_unstorable_input():
    """What no service could keep is refused up front with a clear 400, in the
    query string and in the JSON body alike; so is JSON nested too deep to read."""
    if not storable([[name, *values] for name, values in request.args.lists()]):
        return refuse(400, "bad_request", "Nội dung gửi lên có ký tự không hợp lệ.")
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return None
    try:
        data = request.get_json(silent=True)
    except RecursionError:
        return refuse(400, "bad_request", "Dữ liệu JSON lồng nhau quá sâu.")
    if not storable(data):
        return refuse(400, "bad_request", "Nội dung gửi lên có ký tự không hợp lệ.")
    return None


for blueprint in (api, event_api):
    blueprint.before_request(protect_cookie_sessions)
    blueprint.before_request(refuse_unstorable_input)


def json_body() -> dict:
    """The request's JSON object, or {} (fields are then refused one by one)."""
    data = request.get_json(silent=True)
    return data if isinstance(data, dict) else {}


def refuse(status: int, error: str, message: str):
    return jsonify(error=error, message=message), status


@event_api.errorhandler(KioskError)
def refused_change(error):
    """A service refused: its own status (409 for a reused idempotency key), 404 when
    what was named does not exist in the event, else 400."""
    if getattr(error, "status", None):
        return refuse(error.status, error.code, str(error))
    if str(error).startswith("Không tìm thấy"):
        return refuse(404, "not_found", str(error))
    return refuse(400, "bad_request", str(error))


@api.get("/ping")
def ping():
    """Does nothing: the baseline the benchmarks measure the real routes against."""
    return jsonify(ok=True)


@api.get("/openapi.json")
def openapi():
    """The description, with each route's permission read from the routes (made once per app)."""
    spec = current_app.extensions.get("kiosk.openapi")
    if spec is None:
        spec = current_app.extensions["kiosk.openapi"] = described(current_app)
    return jsonify(spec)


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
    return jsonify(live.current_state(g.event, current_user))
