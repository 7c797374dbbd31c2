"""/api/v1/events/<slug>/delegates, checkins, walk-ins."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_login import current_user

from kiosk.api.offline import made_offline, request_key
from kiosk.api.routes import event_api, json_body as body, refuse
from kiosk.auth.access import device_name, requires
from kiosk.auth.roles import Permission
from kiosk.delegates import service


@event_api.post("/checkins")
@requires(Permission.CHECK_IN)
def check_in():
    """One scan at the gate; the answer's `status` says what happened."""
    fields = body()
    code, delegate_id, scan_id = fields.get("code"), fields.get("delegate_id"), fields.get("scan_id")
    if (code is None) == (delegate_id is None):
        return refuse(400, "bad_request", "Cần đúng một trong hai: mã QR (code) hoặc mã đại biểu (delegate_id).")
    if code is not None and (not isinstance(code, str) or len(code) > 500):
        return refuse(400, "bad_request", "Mã QR phải là một chuỗi ký tự.")
    if delegate_id is not None and (not isinstance(delegate_id, int) or isinstance(delegate_id, bool)):
        return refuse(400, "bad_request", "Mã đại biểu (delegate_id) phải là một số.")
    if scan_id is not None and (not isinstance(scan_id, str) or not 0 < len(scan_id) <= 64):
        return refuse(400, "bad_request", "scan_id phải là một chuỗi (uuid) tối đa 64 ký tự.")
    made_at, refused = made_offline(fields)
    if refused:
        return refused
    answer = service.check_in(g.event, code=code, delegate_id=delegate_id, scan_id=scan_id,
                              device=device_name(fields.get("device")), stand_in=fields.get("stand_in"),
                              actor=current_user.name, made_at=made_at)
    return jsonify(answer)


@event_api.post("/checkins/<int:delegate_id>/undo")
@requires(Permission.RUN_EVENT)
def undo_check_in(delegate_id: int):
    delegate = service.undo_check_in(g.event, delegate_id, reason=body().get("reason", ""), actor=current_user.name)
    return jsonify(service.delegate_json(g.event, delegate))


@event_api.post("/walk-ins")
@requires(Permission.CHECK_IN)
def walk_in():
    """A guest registered and checked in on the spot; `request_id` keeps a resent one once."""
    fields = body()
    device = device_name(fields.pop("device", ""))
    request_id, refused = request_key(fields)
    made_at, refused_time = made_offline(fields)
    if refused or refused_time:
        return refused or refused_time
    for name in ("request_id", "offline_at"):
        fields.pop(name, None)
    return jsonify(service.register_walk_in(g.event, fields, device=device, actor=current_user.name,
                                            request_id=request_id, made_at=made_at)), 201


@event_api.get("/delegates")
@requires(Permission.CHECK_IN)
def list_delegates():
    query = request.args.get("q", "")
    limit = min(max(request.args.get("limit", 50, type=int) or 50, 1), 1000)
    return jsonify(delegates=[service.delegate_json(g.event, d) for d in service.search(g.event, query, limit)])


@event_api.post("/delegates")
@requires(Permission.RUN_EVENT)
def create_delegate():
    return jsonify(service.delegate_json(g.event, service.create_delegate(g.event, body()))), 201


@event_api.patch("/delegates/<int:delegate_id>")
@requires(Permission.RUN_EVENT)
def update_delegate(delegate_id: int):
    return jsonify(service.delegate_json(g.event, service.update_delegate(g.event, delegate_id, body())))


@event_api.delete("/delegates/<int:delegate_id>")
@requires(Permission.RUN_EVENT)
def delete_delegate(delegate_id: int):
    service.delete_delegate(g.event, delegate_id)
    return "", 204


@event_api.post("/delegates/<int:delegate_id>/reissue")
@requires(Permission.RUN_EVENT)
def reissue(delegate_id: int):
    """A new code for a lost badge; the old one answers `revoked` from now on."""
    return jsonify(code=service.reissue_code(g.event, delegate_id))


@event_api.post("/delegates/<int:delegate_id>/introduced")
@requires(Permission.READ_PROGRAMME)
def introduced(delegate_id: int):
    service.mark_introduced(g.event, delegate_id, bool(body().get("read", True)))
    return "", 204
