"""Live commands over Socket.IO: the organizer's tablet gets its answer in the
acknowledgement, every screen gets the new state from kiosk.live."""

from __future__ import annotations

from flask import g

from kiosk.auth.access import socket_requires
from kiosk.auth.roles import Permission
from kiosk.extensions import socketio
from kiosk.programme import service


def command_from(payload: dict) -> dict:
    """The fields of a command, the same for the API and Socket.IO."""
    return {
        "command": str(payload.get("command") or ""),
        "expected_item": payload.get("expected_item"),
        "item_id": payload.get("item"),
        "seconds": payload.get("seconds"),
    }


def run(event, principal, payload) -> tuple[int, dict]:
    """(HTTP-like status, answer) for one command."""
    if not isinstance(payload, dict):
        return 400, {"ok": False, "error": "bad_request", "message": "Lệnh phải là một đối tượng JSON."}
    fields = command_from(payload)
    try:
        state = service.run_command(event, fields.pop("command"), actor=principal.name, **fields)
    except service.CommandRefused as refused:
        return 409, {"ok": False, "error": "conflict", "message": refused.message, "programme": refused.state}
    except service.ProgrammeError as error:
        return 400, {"ok": False, "error": "bad_request", "message": str(error)}
    return 200, {"ok": True, "programme": state}


@socketio.on("programme:command")
@socket_requires(Permission.RUN_EVENT)
def on_command(payload):
    status, answer = run(g.event, g.principal, payload)
    return answer
