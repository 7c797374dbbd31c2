"""/api/v1/events/<slug>/gifts and the planning and desk calls around it."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_login import current_user

from kiosk.api.offline import made_offline
from kiosk.api.routes import event_api, json_body as body, refuse
from kiosk.auth.access import device_name, requires
from kiosk.auth.roles import Permission
from kiosk.gifts import service


def package_json(package) -> dict:
    return {"id": package.id, "name": package.name, "kind": package.kind, "unit_value": package.unit_value,
            "quantity": package.quantity, "funding_source": package.funding_source, "presenter": package.presenter}


def request_id_of(fields: dict):
    request_id = fields.get("request_id")
    if request_id is not None and (not isinstance(request_id, str) or not 0 < len(request_id) <= 64):
        return None, refuse(400, "bad_request", "request_id phải là một chuỗi (uuid) tối đa 64 ký tự.")
    return request_id, None


@event_api.get("/gifts")
@requires(Permission.GIFT_DESK)
def gifts():
    """Packages, recipients, allocation and hand-out state."""
    return jsonify(packages=[package_json(p) for p in service.packages_of(g.event)],
                   recipients=[service.recipient_json(g.event, r) for r in service.recipients_of(g.event)],
                   summary=service.gifts_summary(g.event))


@event_api.post("/gifts/<int:recipient_id>/handout")
@requires(Permission.GIFT_DESK)
def gift_handout(recipient_id: int):
    fields = body()
    request_id, refused = request_id_of(fields)
    made_at, refused_time = made_offline(fields)
    if refused or refused_time:
        return refused or refused_time
    return jsonify(service.handout(g.event, recipient_id=recipient_id, request_id=request_id,
                                   desk=device_name(fields.get("desk")), actor=current_user.name,
                                   received_by=fields.get("received_by") or "",
                                   relationship=fields.get("relationship") or "", made_at=made_at))


@event_api.post("/gifts/handout-by-code")
@requires(Permission.GIFT_DESK)
def gift_handout_by_code():
    """A desk scans a recipient's slip."""
    fields = body()
    request_id, refused = request_id_of(fields)
    made_at, refused_time = made_offline(fields)
    if refused or refused_time:
        return refused or refused_time
    code = fields.get("code")
    if not isinstance(code, str) or not code or len(code) > 500:
        return refuse(400, "bad_request", "Cần mã trên phiếu nhận quà (code).")
    return jsonify(service.handout(g.event, code=code, request_id=request_id, desk=device_name(fields.get("desk")),
                                   actor=current_user.name, made_at=made_at))


@event_api.post("/gifts/<int:recipient_id>/undo")
@requires(Permission.RUN_EVENT)
def gift_undo(recipient_id: int):
    recipient = service.undo_handout(g.event, recipient_id, reason=body().get("reason", ""), actor=current_user.name)
    return jsonify(service.recipient_json(g.event, recipient))


@event_api.get("/gift-recipients")
@requires(Permission.GIFT_DESK)
def gift_search_recipients():
    found = service.search(g.event, request.args.get("q", ""), min(max(request.args.get("limit", 30, type=int) or 30, 1), 500))
    return jsonify(recipients=[service.recipient_json(g.event, r) for r in found])


@event_api.post("/gift-recipients")
@requires(Permission.RUN_EVENT)
def gift_add_recipient():
    return jsonify(service.recipient_json(g.event, service.add_recipient(g.event, body()))), 201


@event_api.patch("/gift-recipients/<int:recipient_id>")
@requires(Permission.RUN_EVENT)
def gift_update_recipient(recipient_id: int):
    return jsonify(service.recipient_json(g.event, service.update_recipient(g.event, recipient_id, body())))


@event_api.delete("/gift-recipients/<int:recipient_id>")
@requires(Permission.RUN_EVENT)
def gift_delete_recipient(recipient_id: int):
    service.delete_recipient(g.event, recipient_id)
    return "", 204


@event_api.put("/gift-recipients/<int:recipient_id>/package")
@requires(Permission.RUN_EVENT)
def gift_allocate(recipient_id: int):
    return jsonify(service.recipient_json(g.event, service.allocate(g.event, recipient_id, body().get("package_id"))))


@event_api.post("/gift-packages")
@requires(Permission.RUN_EVENT)
def gift_create_package():
    return jsonify(package_json(service.create_package(g.event, body()))), 201


@event_api.patch("/gift-packages/<int:package_id>")
@requires(Permission.RUN_EVENT)
def gift_update_package(package_id: int):
    return jsonify(package_json(service.update_package(g.event, package_id, body())))


@event_api.delete("/gift-packages/<int:package_id>")
@requires(Permission.RUN_EVENT)
def gift_delete_package(package_id: int):
    service.delete_package(g.event, package_id)
    return "", 204


@event_api.post("/gift-stage/commands")
@requires(Permission.GIFT_DESK)
def gift_stage_command():
    fields = body()
    expected = fields.get("expected_batch")
    if not isinstance(expected, int) or isinstance(expected, bool):
        return refuse(400, "bad_request", "expected_batch phải là số đợt hiện tại (0 trước đợt đầu).")
    return jsonify(ok=True, stage=service.stage_command(g.event, str(fields.get("command") or ""),
                                                        expected_batch=expected))
