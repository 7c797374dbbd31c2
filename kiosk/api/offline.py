"""/api/v1/events/<slug>: what a desk keeps for working while cut off from
the server (the signing key's public half, the delegate and recipient lists),
and the conflicts of offline hand-outs for the organizers to settle."""

from __future__ import annotations

from flask import g, jsonify
from flask_login import current_user

from kiosk.api.routes import event_api, json_body as body, refuse
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.database import utcnow
from kiosk.offline import service
from kiosk.offline.service import OfflineError, offline_time


def request_key(fields: dict, name: str = "request_id"):
    """(the idempotency key, None) or (None, the refusal to answer with)."""
    key = fields.get(name)
    if key is not None and (not isinstance(key, str) or not 0 < len(key) <= 64):
        return None, refuse(400, "bad_request", f"{name} phải là một chuỗi (uuid) tối đa 64 ký tự.")
    return key, None


def made_offline(fields: dict):
    """(when a queued action was made or None, None) or (None, the refusal)."""
    try:
        return offline_time(fields.get("offline_at")), None
    except OfflineError as error:
        return None, refuse(400, "bad_request", str(error))


@event_api.get("/code-key")
@requires(Permission.WORK_DESK)
def code_key():
    """The public key that verifies the event's badge and slip codes (Ed25519)."""
    return jsonify(service.code_key(g.event))


@event_api.get("/offline/delegates")
@requires(Permission.CHECK_IN)
def offline_delegates():
    """Every delegate, for a gate tablet to search and match scans while cut off."""
    return jsonify(delegates=service.delegates_for_desk(g.event), key=service.code_key(g.event),
                   generated_at=utcnow().isoformat())


@event_api.get("/offline/gift-recipients")
@requires(Permission.GIFT_DESK)
def offline_gift_recipients():
    """Every gift recipient, for a gift desk to search and match slips while cut off."""
    return jsonify(recipients=service.gift_recipients_for_desk(g.event), key=service.code_key(g.event),
                   generated_at=utcnow().isoformat())


@event_api.get("/offline-conflicts")
@requires(Permission.VIEW_DASHBOARD)
def offline_conflicts():
    return jsonify(service.conflicts_state(g.event))


@event_api.post("/offline-conflicts/<int:conflict_id>/resolve")
@requires(Permission.RUN_EVENT)
def resolve_offline_conflict(conflict_id: int):
    """Mark a conflict settled ("Đã xử lý"), with a note of what was done."""
    conflict = service.resolve_conflict(g.event, conflict_id, note=body().get("note", ""), actor=current_user.name)
    return jsonify(service.conflict_json(g.event, conflict))
