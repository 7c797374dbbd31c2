"""/api/v1/events/<slug>/counters and the audit trail."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_login import current_user

from kiosk.api.offline import made_offline
from kiosk.api.routes import event_api, json_body as body, refuse
from kiosk.auth.access import device_name, requires
from kiosk.auth.roles import Permission
from kiosk.reports import audit, counters


@event_api.post("/counters/<int:activity_id>")
@requires(Permission.COUNT_VISITORS)
def count(activity_id: int):
    """One tap at a phần hội station (+1), or an undo (-1)."""
    fields = body()
    request_id = fields.get("request_id")
    if request_id is not None and (not isinstance(request_id, str) or not 0 < len(request_id) <= 64):
        return refuse(400, "bad_request", "request_id phải là một chuỗi (uuid) tối đa 64 ký tự.")
    made_at, refused = made_offline(fields)
    if refused:
        return refused
    return jsonify(counters.count(g.event, activity_id, delta=fields.get("delta", 1), request_id=request_id,
                                  actor=current_user.name, device=device_name(fields.get("device")),
                                  made_at=made_at))


@event_api.get("/audit")
@requires(Permission.RUN_EVENT)
def audit_trail():
    """Every change of the day, newest first; filter by area, action (codes), person or words."""
    changes = audit.trail(g.event, area=request.args.get("area") or None, action=request.args.get("action") or None,
                          actor=request.args.get("actor") or None,
                          query=request.args.get("q", ""), installation=current_user.can(Permission.MANAGE_INSTALLATION))
    return jsonify(changes=[c.row(g.event) for c in changes[:2000]], count=len(changes))
