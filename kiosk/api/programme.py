"""/api/v1/events/<slug>/programme, mc-messages, screen, activities."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_login import current_user

from kiosk.api.routes import event_api, json_body as body, refuse
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.programme import service
from kiosk.programme import sockets as commands
from kiosk.programme.models import ProgrammeItem


def item_json(item: ProgrammeItem) -> dict:
    return {
        "id": item.id, "position": item.position, "title": item.title, "kind": item.kind,
        "optional": item.optional, "speaker": item.speaker, "speaker_delegate_id": item.speaker_delegate_id,
        "planned_seconds": item.planned_seconds, "hard_start": item.hard_start.strftime("%H:%M") if item.hard_start else None,
        "script": item.script, "cues": item.cues, "notes": item.notes, "status": item.status,
    }


@event_api.get("/programme")
@requires(Permission.VIEW_SCREEN)
def programme():
    return jsonify(service.programme_state(g.event))


@event_api.post("/programme/commands")
@requires(Permission.RUN_EVENT)
def programme_command():
    status, answer = commands.run(g.event, current_user, request.get_json(silent=True))
    return jsonify(answer), status


@event_api.post("/programme/items")
@requires(Permission.RUN_EVENT)
def add_item():
    fields = body()
    after = fields.pop("after_item", None)
    return jsonify(item_json(service.add_item(g.event, fields, after_item=after))), 201


@event_api.patch("/programme/items/<int:item_id>")
@requires(Permission.RUN_EVENT)
def update_item(item_id: int):
    return jsonify(item_json(service.update_item(g.event, item_id, body())))


@event_api.delete("/programme/items/<int:item_id>")
@requires(Permission.RUN_EVENT)
def delete_item(item_id: int):
    service.delete_item(g.event, item_id)
    return "", 204


@event_api.put("/programme/order")
@requires(Permission.RUN_EVENT)
def reorder():
    ordered = service.reorder(g.event, body().get("items"))
    return jsonify(items=[item_json(i) for i in ordered])


@event_api.post("/programme/items/<int:item_id>/move")
@requires(Permission.RUN_EVENT)
def move_item(item_id: int):
    offset = body().get("offset")
    if offset not in (-1, 1) or not isinstance(offset, int) or isinstance(offset, bool):  # not 1.0 nor true
        return refuse(400, "bad_request", "offset phải là -1 (lên) hoặc 1 (xuống).")
    return jsonify(items=[item_json(i) for i in service.move_item(g.event, item_id, offset)])


@event_api.post("/programme/template")
@requires(Permission.RUN_EVENT)
def apply_template():
    created = service.apply_template(g.event, str(body().get("template") or ""))
    return jsonify(items=[item_json(i) for i in created])


@event_api.put("/programme/settings")
@requires(Permission.RUN_EVENT)
def programme_settings():
    service.set_ceremony_start(g.event, body().get("ceremony_start"))
    return jsonify(service.programme_state(g.event)["timing"])


@event_api.post("/mc-messages")
@requires(Permission.RUN_EVENT)
def send_mc_message():
    message = service.send_mc_message(g.event, body().get("text"), author=current_user.name)
    return jsonify(id=message.id, text=message.text), 201


@event_api.delete("/mc-messages/<int:message_id>")
@requires(Permission.READ_PROGRAMME)
def dismiss_mc_message(message_id: int):
    service.dismiss_mc_message(g.event, message_id)
    return "", 204


@event_api.put("/screen")
@requires(Permission.RUN_EVENT)
def screen():
    fields = body()
    return jsonify(service.set_screen(g.event, message=fields.get("message"), blackout=fields.get("blackout")))


@event_api.post("/activities")
@requires(Permission.RUN_EVENT)
def add_activity():
    activity = service.add_activity(g.event, body())
    return jsonify(id=activity.id, name=activity.name), 201


@event_api.delete("/activities/<int:activity_id>")
@requires(Permission.RUN_EVENT)
def delete_activity(activity_id: int):
    service.delete_activity(g.event, activity_id)
    return "", 204
