"""/api/v1/events/<slug>/awards and the planning and stage calls around it."""

from __future__ import annotations

from flask import g, jsonify
from flask_login import current_user

from kiosk.api.offline import made_offline
from kiosk.api.routes import event_api, json_body as body, refuse
from kiosk.auth.access import device_name, requires
from kiosk.auth.roles import Permission
from kiosk.awards import service


@event_api.errorhandler(service.StageMoved)
def stage_moved(moved):
    return jsonify(error="conflict", message=str(moved), stage=moved.state), 409


def decision_json(event, decision, present) -> dict:
    return {"id": decision.id, "number": decision.number, "signed_on": decision.signed_on.isoformat(),
            "authority": decision.authority, "form_id": decision.form_id, "form": decision.form.name,
            "announcement": service.announcement(decision),
            "recipients": [service.recipient_json(event, r, present) for r in decision.recipients]}


@event_api.get("/awards")
@requires(Permission.AWARD_DESK)
def awards():
    """Decisions with their recipients and hand-out state."""
    present = service.present_delegate_ids(g.event)
    return jsonify(decisions=[decision_json(g.event, d, present) for d in service.decisions_of(g.event)],
                   summary=service.awards_summary(g.event), stage=service.stage_state(g.event))


@event_api.post("/awards/<int:recipient_id>/handout")
@requires(Permission.AWARD_DESK)
def handout(recipient_id: int):
    fields = body()
    request_id = fields.get("request_id")
    if request_id is not None and (not isinstance(request_id, str) or not 0 < len(request_id) <= 64):
        return refuse(400, "bad_request", "request_id phải là một chuỗi (uuid) tối đa 64 ký tự.")
    made_at, refused = made_offline(fields)
    if refused:
        return refused
    answer = service.handout(g.event, recipient_id, outcome=str(fields.get("outcome") or ""), request_id=request_id,
                             stand_in_name=fields.get("stand_in_name") or "", actor=current_user.name,
                             device=device_name(fields.get("device")), made_at=made_at)
    return jsonify(answer)


@event_api.post("/awards/<int:recipient_id>/undo")
@requires(Permission.RUN_EVENT)
def undo(recipient_id: int):
    recipient = service.undo_handout(g.event, recipient_id, reason=body().get("reason", ""), actor=current_user.name)
    return jsonify(service.recipient_json(g.event, recipient))


@event_api.post("/award-decisions")
@requires(Permission.RUN_EVENT)
def create_decision():
    decision = service.create_decision(g.event, body())
    return jsonify(decision_json(g.event, decision, set())), 201


@event_api.patch("/award-decisions/<int:decision_id>")
@requires(Permission.RUN_EVENT)
def update_decision(decision_id: int):
    return jsonify(decision_json(g.event, service.update_decision(g.event, decision_id, body()), set()))


@event_api.delete("/award-decisions/<int:decision_id>")
@requires(Permission.RUN_EVENT)
def delete_decision(decision_id: int):
    service.delete_decision(g.event, decision_id)
    return "", 204


@event_api.post("/award-decisions/<int:decision_id>/recipients")
@requires(Permission.RUN_EVENT)
def add_recipient(decision_id: int):
    return jsonify(service.recipient_json(g.event, service.add_recipient(g.event, decision_id, body()))), 201


@event_api.patch("/award-recipients/<int:recipient_id>")
@requires(Permission.RUN_EVENT)
def update_recipient(recipient_id: int):
    return jsonify(service.recipient_json(g.event, service.update_recipient(g.event, recipient_id, body())))


@event_api.delete("/award-recipients/<int:recipient_id>")
@requires(Permission.RUN_EVENT)
def delete_recipient(recipient_id: int):
    service.delete_recipient(g.event, recipient_id)
    return "", 204


@event_api.post("/award-recipients/<int:recipient_id>/move")
@requires(Permission.RUN_EVENT)
def move_recipient(recipient_id: int):
    fields = body()
    service.move_recipient(g.event, recipient_id, fields.get("batch_id"), fields.get("order"))
    return jsonify(service.stage_state(g.event))


@event_api.patch("/award-forms/<int:form_id>")
@requires(Permission.RUN_EVENT)
def update_form(form_id: int):
    form = service.update_form(g.event, form_id, body())
    return jsonify(id=form.id, name=form.name, max_collectives=form.max_collectives,
                   max_individuals=form.max_individuals, max_leader_share=form.max_leader_share)


@event_api.post("/award-forms/<int:form_id>/acknowledge")
@requires(Permission.RUN_EVENT)
def acknowledge(form_id: int):
    service.acknowledge_warnings(g.event, form_id, current_user.name)
    return "", 204


@event_api.post("/award-batches/plan")
@requires(Permission.RUN_EVENT)
def plan():
    batches = service.plan_batches(g.event, body().get("width"))
    return jsonify(batches=len(batches), stage=service.stage_state(g.event))


@event_api.patch("/award-batches/<int:batch_id>")
@requires(Permission.RUN_EVENT)
def update_batch(batch_id: int):
    fields = body()
    service.set_presenter(g.event, batch_id, delegate_id=fields.get("presenter_delegate_id"),
                          presenter=fields.get("presenter"))
    return jsonify(service.stage_state(g.event))


@event_api.post("/award-stage/commands")
@requires(Permission.AWARD_DESK)
def stage_command():
    fields = body()
    state = service.stage_command(g.event, str(fields.get("command") or ""), expected_batch=fields.get("expected_batch"),
                                  batch_id=fields.get("batch"))
    return jsonify(ok=True, stage=state)
