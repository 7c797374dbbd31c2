"""The OpenAPI description of /api/v1, served at /api/v1/openapi.json."""

ERROR = {
    "type": "object",
    "required": ["error", "message"],
    "properties": {
        "error": {"type": "string", "description": "Machine-readable code"},
        "message": {"type": "string", "description": "Vietnamese message for the person using the tablet"},
    },
}


def error_responses(*codes: int) -> dict:
    texts = {400: "Bad input", 401: "Not authenticated", 403: "Role lacks the right", 404: "Unknown event or item"}
    return {
        str(code): {"description": texts[code], "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for code in codes
    }


SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}, "description": "Event slug"}

SPEC = {
    "openapi": "3.0.3",
    "info": {
        "title": "Ngày hội Kiosk API",
        "version": "1",
        "description": "Event-day operations of a Ngày hội toàn dân bảo vệ an ninh Tổ quốc site. "
        "Authenticate with `Authorization: Bearer <token>` (`kiosk token NAME`), "
        "or the browser session plus the `X-CSRFToken` header.",
    },
    "servers": [{"url": "/"}],
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Error": ERROR,
            "Event": {
                "type": "object",
                "properties": {
                    "slug": {"type": "string"},
                    "title": {"type": "string"},
                    "organizing_body": {"type": "string"},
                    "place": {"type": "string"},
                    "date": {"type": "string", "description": "dd/mm/yyyy"},
                    "year": {"type": "integer"},
                    "backdrop": {
                        "type": "object",
                        "properties": {k: {"type": "string"} for k in ("top", "middle", "bottom")},
                    },
                    "slogans": {"type": "array", "items": {"type": "string"}},
                    "timezone": {"type": "string"},
                },
            },
        },
    },
    "security": [{"bearer": []}],
    "paths": {
        "/api/v1/events": {
            "get": {
                "summary": "Events the caller may see",
                "responses": {
                    "200": {"description": "Events", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {"events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}}},
                    }}}},
                    **error_responses(401, 403),
                },
            }
        },
        "/api/v1/events/{slug}": {
            "get": {
                "summary": "One event: backdrop lines, slogans, date",
                "parameters": [SLUG],
                "responses": {
                    "200": {"description": "The event", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
                    **error_responses(401, 403, 404),
                },
            }
        },
        "/api/v1/events/{slug}/dashboard": {
            "get": {
                "summary": "Live figures: attendance, programme, awards, gifts, opinions",
                "parameters": [SLUG],
                "responses": {
                    "200": {"description": "Figures by area", "content": {"application/json": {"schema": {"type": "object"}}}},
                    **error_responses(401, 403, 404),
                },
            }
        },
    },
}


# ---------------------------------------------------------------- the programme

def json_body(schema: dict, required: bool = True) -> dict:
    return {"required": required, "content": {"application/json": {"schema": schema}}}


def json_response(description: str, schema: dict | None = None) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema or {"type": "object"}}}}


ITEM_ID = {"name": "item_id", "in": "path", "required": True, "schema": {"type": "integer"}}
NO_CONTENT = {"description": "Done"}
ITEM_FIELDS = {
    "type": "object",
    "properties": {
        "title": {"type": "string", "minLength": 1, "maxLength": 300},
        "kind": {"type": "string", "enum": ["performance", "flag_salute", "introduction", "speech", "video",
                                            "discussion", "awards", "gifts", "signing", "closing", "other"]},
        "optional": {"type": "boolean", "description": "“nếu có”"},
        "speaker": {"type": "string", "maxLength": 300},
        "speaker_delegate_id": {"type": "integer", "nullable": True},
        "planned_seconds": {"type": "integer", "minimum": 1, "maximum": 14400},
        "hard_start": {"type": "string", "nullable": True, "pattern": "^\\d{1,2}:\\d{2}$", "example": "09:30"},
        "script": {"type": "string", "maxLength": 20000, "description": "the MC's script (kịch bản dẫn)"},
        "cues": {"type": "array", "items": {"type": "string", "maxLength": 100}},
        "notes": {"type": "string", "maxLength": 5000},
    },
}
SPEC["components"]["schemas"].update({
    "ProgrammeItemFields": ITEM_FIELDS,
    "ProgrammeItem": {"allOf": [ITEM_FIELDS, {"type": "object", "properties": {
        "id": {"type": "integer"}, "position": {"type": "integer"},
        "status": {"type": "string", "enum": ["pending", "current", "done", "skipped"]}}}]},
    "Programme": {
        "type": "object",
        "description": "Items in order (number from the order) with planned and actual times, the live state and "
                       "the projected end. `server_now` is the reference clock for timers.",
        "properties": {
            "items": {"type": "array", "items": {"type": "object", "properties": {
                "id": {"type": "integer"}, "number": {"type": "integer"}, "title": {"type": "string"},
                "kind": {"type": "string"}, "optional": {"type": "boolean"}, "status": {"type": "string"},
                "planned_seconds": {"type": "integer"}, "added_seconds": {"type": "integer"},
                "hard_start": {"type": "string", "nullable": True},
                "started_at": {"type": "string", "format": "date-time", "nullable": True},
                "ended_at": {"type": "string", "format": "date-time", "nullable": True},
                "projected_start": {"type": "string", "format": "date-time", "nullable": True},
                "late_for_hard_start": {"type": "boolean"},
                "video_url": {"type": "string", "nullable": True}}}},
            "live": {"type": "object", "properties": {
                "status": {"type": "string", "enum": ["idle", "running", "paused", "ended"]},
                "current_item_id": {"type": "integer", "nullable": True},
                "clock_started_at": {"type": "string", "format": "date-time", "nullable": True},
                "paused_at": {"type": "string", "format": "date-time", "nullable": True},
                "paused_seconds": {"type": "number"},
                "version": {"type": "integer"}}},
            "timing": {"type": "object", "properties": {
                "planned_end": {"type": "string", "format": "date-time", "nullable": True},
                "projected_end": {"type": "string", "format": "date-time"},
                "offset_seconds": {"type": "number", "nullable": True,
                                   "description": "positive: running late (over); negative: early (under)"},
                "current_remaining": {"type": "number", "nullable": True}}},
            "server_now": {"type": "string", "format": "date-time"},
        },
    },
    "ProgrammeCommand": {
        "type": "object",
        "required": ["command"],
        "properties": {
            "command": {"type": "string", "enum": ["start", "next", "previous", "goto", "pause", "resume",
                                                   "add_time", "skip", "end"]},
            "expected_item": {"type": "integer", "nullable": True,
                              "description": "the item the sender believes is current (null before the start); "
                                             "a mismatch is refused with 409 and the current state"},
            "item": {"type": "integer", "description": "goto: the target; skip: an optional item (default current)"},
            "seconds": {"type": "integer", "description": "add_time: seconds to add (negative removes)"},
        },
    },
})
PROGRAMME = {"$ref": "#/components/schemas/Programme"}
COMMAND_RESULT = {"type": "object", "properties": {"ok": {"type": "boolean"}, "programme": PROGRAMME}}
SPEC["paths"].update({
    "/api/v1/events/{slug}/programme": {"get": {
        "summary": "The programme: items, live state, timing", "parameters": [SLUG],
        "responses": {"200": json_response("The programme", PROGRAMME), **error_responses(401, 403, 404)}}},
    "/api/v1/events/{slug}/programme/commands": {"post": {
        "summary": "A live command from the organizer's tablet", "parameters": [SLUG],
        "requestBody": json_body({"$ref": "#/components/schemas/ProgrammeCommand"}),
        "responses": {
            "200": json_response("Applied; the new state", COMMAND_RESULT),
            "409": json_response("Another tablet moved the programme on: refused, with the current state", {
                "type": "object", "properties": {"error": {"type": "string"}, "message": {"type": "string"},
                                                 "programme": PROGRAMME}}),
            **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/programme/items": {"post": {
        "summary": "Add an item (at the end, or after `after_item`)", "parameters": [SLUG],
        "requestBody": json_body({"allOf": [{"$ref": "#/components/schemas/ProgrammeItemFields"},
                                            {"type": "object", "properties": {"after_item": {"type": "integer"}}}]}),
        "responses": {"201": json_response("The item", {"$ref": "#/components/schemas/ProgrammeItem"}),
                      **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/programme/items/{item_id}": {
        "patch": {"summary": "Edit an item", "parameters": [SLUG, ITEM_ID],
                  "requestBody": json_body({"$ref": "#/components/schemas/ProgrammeItemFields"}),
                  "responses": {"200": json_response("The item", {"$ref": "#/components/schemas/ProgrammeItem"}),
                                **error_responses(400, 401, 403, 404)}},
        "delete": {"summary": "Remove an item (not the current one)", "parameters": [SLUG, ITEM_ID],
                   "responses": {"204": NO_CONTENT, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/programme/items/{item_id}/move": {"post": {
        "summary": "Move an item up (-1) or down (+1)", "parameters": [SLUG, ITEM_ID],
        "requestBody": json_body({"type": "object", "required": ["offset"],
                                  "properties": {"offset": {"type": "integer", "enum": [-1, 1]}}}),
        "responses": {"200": json_response("Items in the new order"), **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/programme/order": {"put": {
        "summary": "Set the whole order: every item exactly once", "parameters": [SLUG],
        "requestBody": json_body({"type": "object", "required": ["items"],
                                  "properties": {"items": {"type": "array", "items": {"type": "integer"}}}}),
        "responses": {"200": json_response("Items in the new order"), **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/programme/template": {"post": {
        "summary": "Replace the programme by a template (before the ceremony starts)", "parameters": [SLUG],
        "requestBody": json_body({"type": "object", "properties": {"template": {
            "type": "string", "enum": ["bac-giang-2024", "cam-tan-2024", "thanh-hoa-2023"]}}}),
        "responses": {"200": json_response("The new items"), **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/programme/settings": {"put": {
        "summary": "Planned start of the ceremony (HH:MM, local time)", "parameters": [SLUG],
        "requestBody": json_body({"type": "object", "properties": {"ceremony_start": {"type": "string", "nullable": True}}}),
        "responses": {"200": json_response("The timing"), **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/mc-messages": {"post": {
        "summary": "A message to the MC", "parameters": [SLUG],
        "requestBody": json_body({"type": "object", "required": ["text"],
                                  "properties": {"text": {"type": "string", "maxLength": 500}}}),
        "responses": {"201": json_response("Sent"), **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/mc-messages/{message_id}": {"delete": {
        "summary": "Mark a message read", "parameters": [SLUG, {"name": "message_id", "in": "path", "required": True,
                                                               "schema": {"type": "integer"}}],
        "responses": {"204": NO_CONTENT, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/screen": {"put": {
        "summary": "The big screen: a full-screen message (\"\" clears it), black-out", "parameters": [SLUG],
        "requestBody": json_body({"type": "object", "properties": {"message": {"type": "string", "maxLength": 500},
                                                                   "blackout": {"type": "boolean"}}}),
        "responses": {"200": json_response("The screen state"), **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/activities": {"post": {
        "summary": "Add a phần hội activity or service station", "parameters": [SLUG],
        "requestBody": json_body({"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string"}, "place": {"type": "string"}, "kind": {"type": "string"},
            "starts_at": {"type": "string", "nullable": True}, "ends_at": {"type": "string", "nullable": True}}}),
        "responses": {"201": json_response("Added"), **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/activities/{activity_id}": {"delete": {
        "summary": "Remove an activity", "parameters": [SLUG, {"name": "activity_id", "in": "path", "required": True,
                                                              "schema": {"type": "integer"}}],
        "responses": {"204": NO_CONTENT, **error_responses(400, 401, 403, 404)}}},
})


# ---------------------------------------------------------------- delegates and check-in

DELEGATE_ID = {"name": "delegate_id", "in": "path", "required": True, "schema": {"type": "integer"}}
LEVEL_ENUM = ["trung_uong", "tinh", "huyen", "xa", "co_so"]
GROUP_ENUM = ["party", "hdnd", "ubnd", "mttq", "police", "steering", "mass_org", "village", "prestigious",
              "religious", "army", "former_cadre", "honoree", "press", "citizen"]
DELEGATE_FIELDS = {"type": "object", "properties": {
    "full_name": {"type": "string", "minLength": 1, "maxLength": 200},
    "honorific": {"type": "string", "maxLength": 50}, "position": {"type": "string", "maxLength": 300},
    "organization": {"type": "string", "maxLength": 300}, "level": {"type": "string", "enum": LEVEL_ENUM},
    "group": {"type": "string", "enum": GROUP_ENUM}, "seat": {"type": "string", "maxLength": 50},
    "phone": {"type": "string", "maxLength": 30}, "notes": {"type": "string", "maxLength": 2000},
    "rank_override": {"type": "integer", "minimum": 0, "nullable": True}, "is_leader": {"type": "boolean"}}}
DELEGATE = {"type": "object", "properties": {
    "id": {"type": "integer"}, "full_name": {"type": "string"}, "honorific": {"type": "string"},
    "position": {"type": "string"}, "organization": {"type": "string"}, "seat": {"type": "string"},
    "level": {"type": "string"}, "invited": {"type": "boolean"}, "stand_in_name": {"type": "string"},
    "checked_in_at": {"type": "string", "format": "date-time", "nullable": True},
    "checked_in_device": {"type": "string"}}}
CHECK_IN_ANSWER = {"type": "object", "required": ["status", "message"], "properties": {
    "status": {"type": "string", "enum": ["ok", "already_checked_in", "invalid", "revoked", "wrong_event"]},
    "message": {"type": "string", "description": "Vietnamese, for the tablet"},
    "delegate": {"allOf": [DELEGATE], "nullable": True},
    "checked_in_at": {"type": "string", "format": "date-time", "nullable": True,
                      "description": "when the (first) check-in happened"},
    "device": {"type": "string", "nullable": True, "description": "where the (first) check-in happened"}}}
SPEC["components"]["schemas"].update({"Delegate": DELEGATE, "DelegateFields": DELEGATE_FIELDS,
                                      "CheckInAnswer": CHECK_IN_ANSWER})
SPEC["paths"].update({
    "/api/v1/events/{slug}/checkins": {"post": {
        "summary": "Check a delegate in from a scanned code or a chosen name",
        "description": "The same `scan_id` sent twice makes one check-in and gets the same answer (tablets retry).",
        "parameters": [SLUG],
        "requestBody": json_body({"type": "object", "properties": {
            "code": {"type": "string", "maxLength": 500, "description": "the QR code's text"},
            "delegate_id": {"type": "integer"},
            "device": {"type": "string", "maxLength": 100, "example": "Cổng 1"},
            "scan_id": {"type": "string", "maxLength": 64, "description": "a uuid made by the tablet"},
            "stand_in": {"type": "string", "maxLength": 200, "description": "người dự thay: who came instead"}}}),
        "responses": {"200": json_response("The outcome, in `status`", {"$ref": "#/components/schemas/CheckInAnswer"}),
                      **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/checkins/{delegate_id}/undo": {"post": {
        "summary": "Undo a check-in (organizers; the reason is kept)", "parameters": [SLUG, DELEGATE_ID],
        "requestBody": json_body({"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}}),
        "responses": {"200": json_response("The delegate", {"$ref": "#/components/schemas/Delegate"}),
                      **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/walk-ins": {"post": {
        "summary": "Register a guest without invitation and check them in", "parameters": [SLUG],
        "requestBody": json_body({"allOf": [{"$ref": "#/components/schemas/DelegateFields"},
                                            {"type": "object", "properties": {"device": {"type": "string"}}}]}),
        "responses": {"201": json_response("The check-in answer", {"$ref": "#/components/schemas/CheckInAnswer"}),
                      **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/delegates": {
        "get": {"summary": "Delegates with their check-in state; `q` matches names ignoring diacritics",
                "parameters": [SLUG, {"name": "q", "in": "query", "schema": {"type": "string"}},
                               {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}],
                "responses": {"200": json_response("Delegates", {"type": "object", "properties": {
                    "delegates": {"type": "array", "items": {"$ref": "#/components/schemas/Delegate"}}}}),
                    **error_responses(401, 403, 404)}},
        "post": {"summary": "Add a delegate", "parameters": [SLUG],
                 "requestBody": json_body({"$ref": "#/components/schemas/DelegateFields"}),
                 "responses": {"201": json_response("The delegate", {"$ref": "#/components/schemas/Delegate"}),
                               **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/delegates/{delegate_id}": {
        "patch": {"summary": "Edit a delegate", "parameters": [SLUG, DELEGATE_ID],
                  "requestBody": json_body({"$ref": "#/components/schemas/DelegateFields"}),
                  "responses": {"200": json_response("The delegate", {"$ref": "#/components/schemas/Delegate"}),
                                **error_responses(400, 401, 403, 404)}},
        "delete": {"summary": "Remove a delegate", "parameters": [SLUG, DELEGATE_ID],
                   "responses": {"204": NO_CONTENT, **error_responses(401, 403, 404)}}},
    "/api/v1/events/{slug}/delegates/{delegate_id}/reissue": {"post": {
        "summary": "Reissue a badge: a new code; the old one is revoked", "parameters": [SLUG, DELEGATE_ID],
        "responses": {"200": json_response("The new code", {"type": "object", "properties": {"code": {"type": "string"}}}),
                      **error_responses(401, 403, 404)}}},
    "/api/v1/events/{slug}/delegates/{delegate_id}/introduced": {"post": {
        "summary": "The MC ticks a delegate as introduced (or not)", "parameters": [SLUG, DELEGATE_ID],
        "requestBody": json_body({"type": "object", "properties": {"read": {"type": "boolean"}}}, required=False),
        "responses": {"204": NO_CONTENT, **error_responses(401, 403, 404)}}},
})


# ---------------------------------------------------------------- awards

def id_param(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}}


AWARD_RECIPIENT = {"type": "object", "properties": {
    "id": {"type": "integer"}, "decision_id": {"type": "integer"},
    "kind": {"type": "string", "enum": ["collective", "individual"]}, "name": {"type": "string"},
    "representative": {"type": "string"}, "job_title": {"type": "string"}, "organization": {"type": "string"},
    "is_leader": {"type": "boolean"}, "achievement": {"type": "string"}, "delegate_id": {"type": "integer", "nullable": True},
    "batch_id": {"type": "integer", "nullable": True}, "batch_order": {"type": "integer"},
    "outcome": {"type": "string", "enum": ["", "handed", "absent", "stand_in", "later"]},
    "stand_in_name": {"type": "string"}, "handed_at": {"type": "string", "format": "date-time", "nullable": True},
    "handed_by": {"type": "string"}, "present": {"type": "boolean", "nullable": True}}}
RECIPIENT_FIELDS = {"type": "object", "properties": {
    "kind": {"type": "string", "enum": ["collective", "individual"]}, "name": {"type": "string", "maxLength": 300},
    "representative": {"type": "string"}, "job_title": {"type": "string"}, "organization": {"type": "string"},
    "is_leader": {"type": "boolean"}, "achievement": {"type": "string"}, "delegate_id": {"type": "integer", "nullable": True}}}
DECISION_FIELDS = {"type": "object", "properties": {
    "number": {"type": "string", "maxLength": 100, "example": "1856/QĐ-UBND"},
    "signed_on": {"type": "string", "format": "date"}, "authority": {"type": "string", "maxLength": 300},
    "form_id": {"type": "integer"}}}
STAGE = {"type": "object", "description": "The current batch on stage: presenter, announcement, people left to right"}
SPEC["components"]["schemas"].update({"AwardRecipient": AWARD_RECIPIENT})
ANSWER = json_response("Done")
SPEC["paths"].update({
    "/api/v1/events/{slug}/awards": {"get": {
        "summary": "Decisions with their recipients and hand-out state", "parameters": [SLUG],
        "responses": {"200": json_response("Awards", {"type": "object", "properties": {
            "decisions": {"type": "array", "items": {"type": "object"}}, "summary": {"type": "object"}, "stage": STAGE}}),
            **error_responses(401, 403, 404)}}},
    "/api/v1/events/{slug}/awards/{recipient_id}/handout": {"post": {
        "summary": "Mark a recipient on stage: handed, absent, stand-in or later",
        "description": "Recorded once: a second mark answers `already_recorded` with when and by whom. "
                       "The same `request_id` twice gets the same answer.",
        "parameters": [SLUG, id_param("recipient_id")],
        "requestBody": json_body({"type": "object", "required": ["outcome"], "properties": {
            "outcome": {"type": "string", "enum": ["handed", "absent", "stand_in", "later"]},
            "stand_in_name": {"type": "string", "maxLength": 200}, "request_id": {"type": "string", "maxLength": 64},
            "device": {"type": "string", "maxLength": 100}}}),
        "responses": {"200": json_response("The outcome", {"type": "object", "properties": {
            "status": {"type": "string", "enum": ["ok", "already_recorded"]}, "message": {"type": "string"},
            "recipient": {"$ref": "#/components/schemas/AwardRecipient"}}}), **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/awards/{recipient_id}/undo": {"post": {
        "summary": "Undo a hand-out (organizers; the reason is kept)", "parameters": [SLUG, id_param("recipient_id")],
        "requestBody": json_body({"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}}),
        "responses": {"200": json_response("The recipient", {"$ref": "#/components/schemas/AwardRecipient"}),
                      **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/award-decisions": {"post": {
        "summary": "Add a decision", "parameters": [SLUG], "requestBody": json_body(DECISION_FIELDS),
        "responses": {"201": ANSWER, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/award-decisions/{decision_id}": {
        "patch": {"summary": "Edit a decision", "parameters": [SLUG, id_param("decision_id")],
                  "requestBody": json_body(DECISION_FIELDS), "responses": {"200": ANSWER, **error_responses(400, 401, 403, 404)}},
        "delete": {"summary": "Remove a decision (none handed yet)", "parameters": [SLUG, id_param("decision_id")],
                   "responses": {"204": NO_CONTENT, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/award-decisions/{decision_id}/recipients": {"post": {
        "summary": "Add a collective or an individual to a decision", "parameters": [SLUG, id_param("decision_id")],
        "requestBody": json_body(RECIPIENT_FIELDS),
        "responses": {"201": json_response("The recipient", {"$ref": "#/components/schemas/AwardRecipient"}),
                      **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/award-recipients/{recipient_id}": {
        "patch": {"summary": "Edit a recipient", "parameters": [SLUG, id_param("recipient_id")],
                  "requestBody": json_body(RECIPIENT_FIELDS),
                  "responses": {"200": json_response("The recipient", {"$ref": "#/components/schemas/AwardRecipient"}),
                                **error_responses(400, 401, 403, 404)}},
        "delete": {"summary": "Remove a recipient (not yet handed)", "parameters": [SLUG, id_param("recipient_id")],
                   "responses": {"204": NO_CONTENT, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/award-recipients/{recipient_id}/move": {"post": {
        "summary": "Put a recipient in a batch (refused beyond the stage's width)",
        "parameters": [SLUG, id_param("recipient_id")],
        "requestBody": json_body({"type": "object", "required": ["batch_id"], "properties": {
            "batch_id": {"type": "integer"}, "order": {"type": "integer", "minimum": 1}}}),
        "responses": {"200": json_response("The stage", STAGE), **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/award-forms/{form_id}": {"patch": {
        "summary": "Edit a form's limits (seed 004)", "parameters": [SLUG, id_param("form_id")],
        "requestBody": json_body({"type": "object", "properties": {
            "name": {"type": "string"}, "max_collectives": {"type": "integer", "nullable": True, "minimum": 0},
            "max_individuals": {"type": "integer", "nullable": True, "minimum": 0},
            "max_leader_share": {"type": "number", "nullable": True, "minimum": 0, "maximum": 1}}}),
        "responses": {"200": ANSWER, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/award-forms/{form_id}/acknowledge": {"post": {
        "summary": "Acknowledge the limit warnings of a form as they stand", "parameters": [SLUG, id_param("form_id")],
        "responses": {"204": NO_CONTENT, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/award-batches/plan": {"post": {
        "summary": "Plan the stage batches automatically", "parameters": [SLUG],
        "requestBody": json_body({"type": "object", "properties": {"width": {"type": "integer", "minimum": 1, "maximum": 30}}},
                                 required=False),
        "responses": {"200": ANSWER, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/award-batches/{batch_id}": {"patch": {
        "summary": "Set a batch's presenting delegate", "parameters": [SLUG, id_param("batch_id")],
        "requestBody": json_body({"type": "object", "properties": {
            "presenter_delegate_id": {"type": "integer", "nullable": True}, "presenter": {"type": "string"}}}),
        "responses": {"200": json_response("The stage", STAGE), **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/award-stage/commands": {"post": {
        "summary": "Move the stage to the next, previous or a chosen batch", "parameters": [SLUG],
        "requestBody": json_body({"type": "object", "required": ["command"], "properties": {
            "command": {"type": "string", "enum": ["next", "previous", "goto"]},
            "expected_batch": {"type": "integer", "nullable": True}, "batch": {"type": "integer"}}}),
        "responses": {"200": json_response("The stage", {"type": "object", "properties": {"ok": {"type": "boolean"}, "stage": STAGE}}),
                      "409": json_response("Another tablet moved the stage first"), **error_responses(400, 401, 403, 404)}}},
})


# ---------------------------------------------------------------- gifts

GIFT_RECIPIENT = {"type": "object", "properties": {
    "id": {"type": "integer"}, "name": {"type": "string"},
    "kind": {"type": "string", "enum": ["individual", "household", "collective"]},
    "category": {"type": "string"}, "category_label": {"type": "string"}, "address": {"type": "string"},
    "package_id": {"type": "integer", "nullable": True}, "package": {"type": "string", "nullable": True},
    "value": {"type": "integer", "nullable": True},
    "handed_at": {"type": "string", "format": "date-time", "nullable": True}, "handed_desk": {"type": "string"},
    "handed_by": {"type": "string"}, "received_by": {"type": "string"}, "relationship": {"type": "string"}}}
GIFT_ANSWER = {"type": "object", "required": ["status", "message"], "properties": {
    "status": {"type": "string", "enum": ["ok", "already_handed", "not_allocated", "invalid", "wrong_event"]},
    "message": {"type": "string"}, "recipient": {"allOf": [{"$ref": "#/components/schemas/GiftRecipient"}], "nullable": True}}}
PACKAGE_FIELDS = {"type": "object", "properties": {
    "name": {"type": "string", "maxLength": 300}, "unit_value": {"type": "integer", "minimum": 1},
    "quantity": {"type": "integer", "minimum": 1}, "kind": {"type": "string", "enum": ["cash", "goods", "both"]},
    "funding_source": {"type": "string", "enum": ["province", "district", "commune", "sponsor"]},
    "presenter": {"type": "string", "maxLength": 300}}}
GIFT_RECIPIENT_FIELDS = {"type": "object", "properties": {
    "name": {"type": "string", "maxLength": 200}, "kind": {"type": "string", "enum": ["individual", "household", "collective"]},
    "category": {"type": "string", "enum": ["policy_family", "poor_household", "poor_student", "injured_volunteer",
                                            "security_force", "collective", "other"]},
    "address": {"type": "string"}, "id_number": {"type": "string"}, "phone": {"type": "string"}, "notes": {"type": "string"},
    "package_id": {"type": "integer", "nullable": True}}}
HANDOUT_FIELDS = {"request_id": {"type": "string", "maxLength": 64}, "desk": {"type": "string", "maxLength": 100}}
SPEC["components"]["schemas"].update({"GiftRecipient": GIFT_RECIPIENT, "GiftAnswer": GIFT_ANSWER})
GIFT_ANSWER_RESPONSE = json_response("The outcome, in `status`", {"$ref": "#/components/schemas/GiftAnswer"})
SPEC["paths"].update({
    "/api/v1/events/{slug}/gifts": {"get": {
        "summary": "Packages, recipients, allocation and hand-out state", "parameters": [SLUG],
        "responses": {"200": json_response("Gifts"), **error_responses(401, 403, 404)}}},
    "/api/v1/events/{slug}/gifts/{recipient_id}/handout": {"post": {
        "summary": "Hand a recipient their package at a desk or on stage",
        "description": "Never twice: a second desk gets `already_handed` with when and where. "
                       "The same `request_id` twice gets the same answer.",
        "parameters": [SLUG, id_param("recipient_id")],
        "requestBody": json_body({"type": "object", "properties": {
            **HANDOUT_FIELDS, "received_by": {"type": "string", "maxLength": 200},
            "relationship": {"type": "string", "maxLength": 100}}}, required=False),
        "responses": {"200": GIFT_ANSWER_RESPONSE, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/gifts/handout-by-code": {"post": {
        "summary": "Hand out by scanning the recipient's slip", "parameters": [SLUG],
        "requestBody": json_body({"type": "object", "required": ["code"], "properties": {
            **HANDOUT_FIELDS, "code": {"type": "string", "maxLength": 500}}}),
        "responses": {"200": GIFT_ANSWER_RESPONSE, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/gifts/{recipient_id}/undo": {"post": {
        "summary": "Undo a hand-out (organizers; the reason is kept)", "parameters": [SLUG, id_param("recipient_id")],
        "requestBody": json_body({"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}}),
        "responses": {"200": json_response("The recipient", {"$ref": "#/components/schemas/GiftRecipient"}),
                      **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/gift-recipients": {
        "get": {"summary": "Find recipients by name, ignoring diacritics",
                "parameters": [SLUG, {"name": "q", "in": "query", "schema": {"type": "string"}},
                               {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}}],
                "responses": {"200": json_response("Recipients"), **error_responses(401, 403, 404)}},
        "post": {"summary": "Add a recipient (and allocate a package)", "parameters": [SLUG],
                 "requestBody": json_body(GIFT_RECIPIENT_FIELDS),
                 "responses": {"201": json_response("The recipient", {"$ref": "#/components/schemas/GiftRecipient"}),
                               **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/gift-recipients/{recipient_id}": {
        "patch": {"summary": "Edit a recipient", "parameters": [SLUG, id_param("recipient_id")],
                  "requestBody": json_body(GIFT_RECIPIENT_FIELDS),
                  "responses": {"200": json_response("The recipient", {"$ref": "#/components/schemas/GiftRecipient"}),
                                **error_responses(400, 401, 403, 404)}},
        "delete": {"summary": "Remove a recipient (not yet handed)", "parameters": [SLUG, id_param("recipient_id")],
                   "responses": {"204": NO_CONTENT, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/gift-recipients/{recipient_id}/package": {"put": {
        "summary": "Allocate a package (null: none); refused beyond its stock", "parameters": [SLUG, id_param("recipient_id")],
        "requestBody": json_body({"type": "object", "properties": {"package_id": {"type": "integer", "nullable": True}}}),
        "responses": {"200": json_response("The recipient", {"$ref": "#/components/schemas/GiftRecipient"}),
                      **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/gift-packages": {"post": {
        "summary": "Add a package", "parameters": [SLUG], "requestBody": json_body(PACKAGE_FIELDS),
        "responses": {"201": ANSWER, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/gift-packages/{package_id}": {
        "patch": {"summary": "Edit a package", "parameters": [SLUG, id_param("package_id")],
                  "requestBody": json_body(PACKAGE_FIELDS), "responses": {"200": ANSWER, **error_responses(400, 401, 403, 404)}},
        "delete": {"summary": "Remove a package (none handed)", "parameters": [SLUG, id_param("package_id")],
                   "responses": {"204": NO_CONTENT, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/gift-stage/commands": {"post": {
        "summary": "Move the gift stage to the next or previous batch", "parameters": [SLUG],
        "requestBody": json_body({"type": "object", "required": ["command", "expected_batch"], "properties": {
            "command": {"type": "string", "enum": ["next", "previous"]}, "expected_batch": {"type": "integer"}}}),
        "responses": {"200": ANSWER, **error_responses(400, 401, 403, 404)}}},
})


# ---------------------------------------------------------------- the forum and the survey

OPINION_FIELDS = {"type": "object", "required": ["text"], "properties": {
    "text": {"type": "string", "minLength": 1, "maxLength": 2000},
    "topic": {"type": "string", "enum": ["security", "traffic", "paperwork", "social_evils", "police_conduct", "other"]},
    "author_name": {"type": "string", "maxLength": 200}, "address": {"type": "string", "maxLength": 300},
    "phone": {"type": "string", "maxLength": 30}}}
PUBLIC = {"security": []}
TOO_MANY = {"description": "Too many from this device or address: wait", "content": {"application/json": {
    "schema": {"$ref": "#/components/schemas/Error"}}}}
SPEC["paths"].update({
    "/api/v1/events/{slug}/opinions": {
        "post": {"summary": "A citizen's opinion or question (public, no login)", "parameters": [SLUG], **PUBLIC,
                 "requestBody": json_body(OPINION_FIELDS),
                 "responses": {"201": json_response("Received: a thank-you message"), "429": TOO_MANY,
                               **error_responses(400, 404)}},
        "get": {"summary": "The opinions, for moderation", "parameters": [SLUG],
                "responses": {"200": json_response("Opinions"), **error_responses(401, 403, 404)}}},
    "/api/v1/events/{slug}/opinions/{opinion_id}": {"patch": {
        "summary": "Correct spelling; the original text is kept", "parameters": [SLUG, id_param("opinion_id")],
        "requestBody": json_body({"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}),
        "responses": {"200": ANSWER, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/opinions/{opinion_id}/moderate": {"post": {
        "summary": "Moderate: approve, hide, show (on the big screen), answer, written, reopen",
        "parameters": [SLUG, id_param("opinion_id")],
        "requestBody": json_body({"type": "object", "required": ["action"], "properties": {
            "action": {"type": "string", "enum": ["approve", "hide", "show", "answer", "written", "reopen"]},
            "reviewed": {"type": "boolean", "description": "approving a flagged opinion"},
            "answered_by": {"type": "string"}, "answer_note": {"type": "string"},
            "responsible_unit": {"type": "string"}, "deadline": {"type": "string", "format": "date"}}}),
        "responses": {"200": ANSWER, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/opinions/{opinion_id}/merge": {"post": {
        "summary": "Merge a duplicate into another opinion", "parameters": [SLUG, id_param("opinion_id")],
        "requestBody": json_body({"type": "object", "required": ["into"], "properties": {"into": {"type": "integer"}}}),
        "responses": {"200": ANSWER, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/forum/settings": {"put": {
        "summary": "Review words, rate limits, survey results on the big screen", "parameters": [SLUG],
        "requestBody": json_body({"type": "object", "properties": {
            "review_words": {"type": "array", "items": {"type": "string"}},
            "per_device_per_hour": {"type": "integer", "minimum": 0}, "per_address_per_hour": {"type": "integer", "minimum": 0},
            "min_seconds_between": {"type": "integer", "minimum": 0}, "show_survey_on_screen": {"type": "boolean"}}}),
        "responses": {"200": ANSWER, **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/survey": {"get": {
        "summary": "The satisfaction survey's questions and scale (public)", "parameters": [SLUG], **PUBLIC,
        "responses": {"200": json_response("Questions"), **error_responses(404)}}},
    "/api/v1/events/{slug}/survey/responses": {"post": {
        "summary": "One answered questionnaire (public, no login)", "parameters": [SLUG], **PUBLIC,
        "requestBody": json_body({"type": "object", "required": ["answers"], "properties": {
            "answers": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 5},
                        "description": "question id → 1 (Rất không hài lòng) … 5 (Rất hài lòng)"},
            "comment": {"type": "string", "maxLength": 2000}}}),
        "responses": {"201": json_response("Received"), "429": TOO_MANY, **error_responses(400, 404)}}},
    "/api/v1/events/{slug}/survey/results": {"get": {
        "summary": "Survey results: counts per level, share satisfied", "parameters": [SLUG],
        "responses": {"200": json_response("Results"), **error_responses(401, 403, 404)}}},
})


# ---------------------------------------------------------------- phần hội counters and the audit trail

SPEC["paths"].update({
    "/api/v1/events/{slug}/counters/{activity_id}": {"post": {
        "summary": "One tap at a phần hội station: +1 (or -1 to undo); retries with the same request_id count once",
        "parameters": [SLUG, id_param("activity_id")],
        "requestBody": json_body({"type": "object", "properties": {
            "delta": {"type": "integer", "enum": [1, -1]}, "request_id": {"type": "string", "maxLength": 64},
            "device": {"type": "string", "maxLength": 100}}}, required=False),
        "responses": {"200": json_response("The station's total", {"type": "object", "properties": {
            "activity_id": {"type": "integer"}, "total": {"type": "integer"}}}), **error_responses(400, 401, 403, 404)}}},
    "/api/v1/events/{slug}/audit": {"get": {
        "summary": "Every change of the day: who, which device, when, what",
        "parameters": [SLUG, {"name": "area", "in": "query", "schema": {"type": "string"}},
                       {"name": "actor", "in": "query", "schema": {"type": "string"}},
                       {"name": "q", "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": json_response("Changes, newest first"), **error_responses(401, 403, 404)}}},
})
