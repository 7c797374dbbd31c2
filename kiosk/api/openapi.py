"""The OpenAPI description of /api/v1, served at /api/v1/openapi.json.

Precise enough for a property-based tester (tests/api/test_schemathesis.py runs
Schemathesis against it): every path and method; request bodies with the types,
enums and length limits the services enforce; every answer a route can give,
with its schema. Sections follow the areas of kiosk/api/.

What the routes themselves know is not repeated here but read from them when
the description is served (`described`): which permission each operation needs
and which roles hold it (kiosk/auth/roles.py). The answers every operation
shares (401/403 when it needs a login, 404 for an unknown event, 400 and 413 for
a request body, the security requirements) are added by `complete_operations`
when it is served, so an operation describes only what is its own."""

from __future__ import annotations

import copy

from kiosk.awards.models import OUTCOMES
from kiosk.delegates.models import GROUPS, LEVELS
from kiosk.forum.models import STATUSES, TOPICS
from kiosk.gifts.models import FUNDING_SOURCES, PACKAGE_KINDS, RECIPIENT_CATEGORIES, RECIPIENT_KINDS
from kiosk.programme.models import ACTIVITY_KINDS, ITEM_KINDS, ITEM_STATUSES

# ---------------------------------------------------------------- building blocks


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    """`schema` or null (OpenAPI 3.0: a $ref cannot carry `nullable` itself)."""
    if "$ref" in schema:
        return {"allOf": [schema], "nullable": True}
    return {**schema, "nullable": True}


def obj(properties: dict, required=(), **extra) -> dict:
    schema = {"type": "object", "properties": properties, **extra}
    if required:
        schema["required"] = list(required)
    return schema


def record(properties: dict, **extra) -> dict:
    """An answer's object: every listed key is always present."""
    return obj(properties, required=list(properties), **extra)


def text(max_length: int, *, required: bool = False, **extra) -> dict:
    """A text field: the service trims it and refuses it over `max_length`
    (and, when `required`, empty or only spaces)."""
    schema = {"type": "string", "maxLength": max_length, **extra}
    if required:
        schema.update(minLength=1, pattern=r"\S")
    return schema


def enum(values, **extra) -> dict:
    return {"type": "string", "enum": list(values), **extra}


def integer(**extra) -> dict:
    return {"type": "integer", **extra}


STRING = {"type": "string"}
BOOLEAN = {"type": "boolean"}
NUMBER = {"type": "number"}
DATE = {"type": "string", "format": "date", "example": "2024-08-15"}
DATE_TIME = {"type": "string", "format": "date-time"}
LOCAL_TIME = {"type": "string", "pattern": r"^(([01]?\d|2[0-3]):[0-5]\d)?$", "example": "07:30",
              "description": "HH:MM, the event's local time; \"\" or null: none"}
ROW_ID = integer(minimum=1, description="an id from this event's lists")
REQUEST_ID = {"type": "string", "minLength": 1, "maxLength": 64,
              "description": "a uuid made by the tablet: the same request sent again gets the first answer"}
OFFLINE_AT = nullable({"type": "string", "format": "date-time", "maxLength": 40,
                       "description": "when a tablet cut off from the server made this (ISO 8601); "
                                      "omitted for a request sent straight away"})
DEVICE = text(100, description="which tablet or desk, as the audit trail shows it", example="Cổng 1")

ERROR_TEXTS = {
    400: "Refused: bad input, or a change the event's state does not allow; `message` says which, in Vietnamese "
         "(`csrf_failed`: a cookie session's CSRF token is missing or stale)",
    401: "Not authenticated: no valid Bearer token or session",
    403: "The caller's role lacks the permission, or the account belongs to another event",
    404: "Unknown event, or nothing with this id in the event",
    409: "Another tablet moved on first: refused, with the current state; or (`key_reused`) the request's "
         "idempotency key was already used for a different request",
    413: "Request body too large",
    429: "Too many from this device or network: wait",
}


def error_responses(*codes: int) -> dict:
    return {str(code): {"description": ERROR_TEXTS[code], "content": {"application/json": {"schema": ref("Error")}}}
            for code in codes}


def json_body(schema: dict, required: bool = True) -> dict:
    return {"required": required, "content": {"application/json": {"schema": schema}}}


def json_response(description: str, schema: dict | None = None) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema or {"type": "object"}}}}


def id_param(name: str, description: str | None = None) -> dict:
    param = {"name": name, "in": "path", "required": True, "schema": integer(minimum=1)}
    if description:
        param["description"] = description
    return param


def query(name: str, schema: dict, description: str | None = None) -> dict:
    param = {"name": name, "in": "query", "required": False, "schema": schema}
    if description:
        param["description"] = description
    return param


SLUG = {"name": "slug", "in": "path", "required": True, "description": "The event's slug",
        "schema": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]{0,79}$", "example": "demo"}}
NO_CONTENT = {"description": "Done (no content)"}
ANSWER = json_response("Done")  # kept for sections that have no schema of their own yet


def op(summary: str, responses: dict, *, tag: str, params=(), body: dict | None = None, optional_body: bool = False,
       description: str | None = None, public: bool = False, event: bool = True) -> dict:
    """One operation. `body` is the JSON request body's schema."""
    operation = {"tags": [tag], "summary": summary,
                 "parameters": ([SLUG] if event else []) + list(params), "responses": dict(responses)}
    if description:
        operation["description"] = description
    if body is not None:
        operation["requestBody"] = json_body(body, required=not optional_body)
    if public:
        operation["security"] = []
    return operation


SPEC: dict = {
    "openapi": "3.0.3",
    "info": {
        "title": "Ngày hội Kiosk API",
        "version": "1",
        "description": "Event-day operations of a Ngày hội toàn dân bảo vệ an ninh Tổ quốc site. "
        "Authenticate with `Authorization: Bearer <token>` (`kiosk token NAME`), "
        "or the browser session cookie plus the `X-CSRFToken` header on changes. "
        "Every operation says which permission it needs (`x-kiosk-permission`) and the roles that hold it. "
        "Errors are `{\"error\": code, \"message\": \"<Vietnamese message>\"}`.",
    },
    "servers": [{"url": "/"}],
    "tags": [{"name": name} for name in ("events", "programme", "delegates", "awards", "gifts", "forum",
                                          "reports", "offline")],
    "components": {
        "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer", "description": "An API token: `kiosk token NAME`"},
            "session": {"type": "apiKey", "in": "cookie", "name": "session",
                        "description": "The kiosk's own pages: the login session (or a paired tablet's)"},
            "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRFToken",
                     "description": "With the session cookie, every change carries the page's CSRF token"},
        },
        "schemas": {
            "Error": obj({"error": {"type": "string", "description": "machine-readable code",
                                    "example": "bad_request"},
                          "message": {"type": "string", "description": "Vietnamese, for the person at the tablet"}},
                         required=["error", "message"]),
        },
    },
    "security": [{"bearer": []}, {"session": []}],
    "paths": {},
}
SCHEMAS = SPEC["components"]["schemas"]


# ---------------------------------------------------------------- events

SCHEMAS.update({
    "Event": record({
        "slug": STRING, "title": STRING, "organizing_body": STRING, "place": STRING,
        "date": {"type": "string", "description": "dd/mm/yyyy", "example": "15/08/2024"},
        "year": integer(),
        "backdrop": record({k: STRING for k in ("top", "middle", "bottom")},
                           description="the three lines of the backdrop (Điều 10 Nghị định 111/2018)"),
        "slogans": {"type": "array", "items": STRING},
        "timezone": {"type": "string", "example": "Asia/Ho_Chi_Minh"},
    }),
})
SPEC["paths"].update({
    "/api/v1/ping": {"get": op("Does nothing (the benchmarks' baseline)", {
        "200": json_response("Alive", record({"ok": enum([True], type="boolean")}))}, tag="events", public=True,
        event=False)},
    "/api/v1/events": {"get": op("Events the caller may see", {
        "200": json_response("Events", record({"events": {"type": "array", "items": ref("Event")}}))},
        tag="events", event=False)},
    "/api/v1/events/{slug}": {"get": op("One event: backdrop lines, slogans, date", {
        "200": json_response("The event", ref("Event"))}, tag="events")},
    "/api/v1/events/{slug}/dashboard": {"get": op(
        "Live figures: attendance, programme, awards, gifts, opinions, counters", {
            "200": json_response("Every part of the event's live state, as the organizers' screens get it",
                                 ref("Dashboard"))}, tag="events",
        description="The same parts the live channel pushes as `state`, all at once.")},
})


# ---------------------------------------------------------------- the programme

ITEM_FIELDS = {
    "title": text(300, required=True),
    "kind": enum(ITEM_KINDS),
    "optional": {"type": "boolean", "description": "“nếu có”: may be skipped"},
    "speaker": text(300),
    "speaker_delegate_id": nullable(ROW_ID),
    "planned_seconds": integer(minimum=1, maximum=4 * 3600, description="default 300"),
    "hard_start": nullable(LOCAL_TIME),
    "script": text(20000, description="the MC's script (kịch bản dẫn)"),
    "cues": {"type": "array", "items": {"type": "string", "maxLength": 100},
             "description": "stage cues (also accepted: one string, comma-separated)"},
    "notes": text(5000),
}
PROGRAMME_ITEM = record({
    "id": integer(), "position": integer(), "title": STRING, "kind": enum(ITEM_KINDS), "optional": BOOLEAN,
    "speaker": STRING, "speaker_delegate_id": nullable(integer()), "planned_seconds": integer(),
    "hard_start": nullable({"type": "string", "example": "09:30"}), "script": STRING,
    "cues": {"type": "array", "items": STRING}, "notes": STRING, "status": enum(ITEM_STATUSES),
})
NULLABLE_TIME = nullable(DATE_TIME)
SCHEMAS.update({
    "ProgrammeItemFields": obj(ITEM_FIELDS, additionalProperties=False),
    "ProgrammeItem": PROGRAMME_ITEM,
    "Programme": record({
        "items": {"type": "array", "items": record({
            "id": integer(), "number": integer(description="from the order, never stored"), "title": STRING,
            "kind": enum(ITEM_KINDS), "kind_label": STRING, "optional": BOOLEAN, "speaker": STRING,
            "planned_seconds": integer(), "added_seconds": integer(), "hard_start": nullable(STRING),
            "status": enum(ITEM_STATUSES), "started_at": NULLABLE_TIME, "ended_at": NULLABLE_TIME,
            "projected_start": NULLABLE_TIME, "late_for_hard_start": BOOLEAN, "video_url": nullable(STRING)})},
        "live": record({
            "status": enum(["idle", "running", "paused", "ended"]), "current_item_id": nullable(integer()),
            "clock_started_at": NULLABLE_TIME, "paused_at": NULLABLE_TIME, "paused_seconds": NUMBER,
            "ceremony_started_at": NULLABLE_TIME, "ceremony_ended_at": NULLABLE_TIME,
            "version": integer(description="+1 on every command")}),
        "timing": ref("ProgrammeTiming"),
        "server_now": {**DATE_TIME, "description": "the reference clock for timers (tablets' clocks are wrong)"},
        "summary": record({"total": integer(), "done": integer(), "current": nullable(STRING),
                           "ended_at": nullable({**STRING, "description": "HH:MM, local; null until the end"})}),
    }, description="Items in order with planned and actual times, the live state and the projected end."),
    "ProgrammeTiming": record({
        "planned_start": NULLABLE_TIME, "planned_end": NULLABLE_TIME, "projected_end": DATE_TIME,
        "offset_seconds": nullable({**NUMBER, "description": "positive: running late (over); negative: early; "
                                              "against the planned durations from the actual start; null "
                                              "before the start"}),
        "current_duration": nullable(integer()), "current_remaining": nullable(NUMBER),
        "warning_seconds": nullable(NUMBER), "danger_seconds": nullable(NUMBER)}),
    "ProgrammeCommand": obj({
        "command": enum(["start", "next", "previous", "goto", "pause", "resume", "add_time", "skip", "end"]),
        "expected_item": nullable(integer(description="the item the sender believes is current (null before the "
                                                      "start); a mismatch is refused with 409 and the current state")),
        "item": integer(minimum=1, description="goto: the target; skip: an optional item (default: the current one)"),
        "seconds": integer(minimum=-3600, maximum=3600, description="add_time: seconds to add, not 0 (negative "
                                                                    "removes)"),
    }, required=["command"]),
    "ScreenState": record({"message": STRING, "blackout": BOOLEAN}),
    "ProgrammeStaff": record({
        "scripts": {"type": "object", "additionalProperties": record({
            "script": STRING, "cues": {"type": "array", "items": STRING}, "notes": STRING}),
            "description": "by item id"},
        "messages": {"type": "array", "items": record({"id": integer(), "text": STRING, "author": STRING,
                                                         "created_at": DATE_TIME})}}),
    "Activities": record({"items": {"type": "array", "items": record({
        "id": integer(), "name": STRING, "place": STRING, "kind": enum(ACTIVITY_KINDS), "kind_label": STRING,
        "starts_at": NULLABLE_TIME, "ends_at": NULLABLE_TIME, "starts": STRING, "ends": STRING})}}),
})
PROGRAMME = ref("Programme")
ITEMS_IN_ORDER = json_response("Items in the new order", record({"items": {"type": "array",
                                                                          "items": ref("ProgrammeItem")}}))
SPEC["paths"].update({
    "/api/v1/events/{slug}/programme": {"get": op("The programme: items, live state, timing", {
        "200": json_response("The programme", PROGRAMME)}, tag="programme")},
    "/api/v1/events/{slug}/programme/commands": {"post": op(
        "A live command from the organizer's tablet", {
            "200": json_response("Applied; the new state", record({"ok": enum([True], type="boolean"),
                                                                   "programme": PROGRAMME})),
            "400": json_response("Refused (unknown command, nothing to go back to...)",
                                 {"allOf": [ref("Error")], "properties": {"ok": enum([False], type="boolean")}}),
            "409": json_response("Another tablet moved the programme on: refused, with the current state", obj(
                {"ok": enum([False], type="boolean"), "error": enum(["conflict"]), "message": STRING,
                 "programme": PROGRAMME}, required=["error", "message", "programme"])),
        }, tag="programme", body=ref("ProgrammeCommand"),
        description="Each command names the item it expects to leave (`expected_item`), so two organizers "
                    "pressing “next” together advance once.")},
    "/api/v1/events/{slug}/programme/items": {"post": op(
        "Add an item (at the end, or after `after_item`)", {"201": json_response("The item", ref("ProgrammeItem"))},
        tag="programme", body=obj({**ITEM_FIELDS, "after_item": nullable(ROW_ID)}, required=["title"],
                                  additionalProperties=False))},
    "/api/v1/events/{slug}/programme/items/{item_id}": {
        "patch": op("Edit an item", {"200": json_response("The item", ref("ProgrammeItem"))}, tag="programme",
                    params=[id_param("item_id")], body=ref("ProgrammeItemFields")),
        "delete": op("Remove an item (not the current one)", {"204": NO_CONTENT}, tag="programme",
                     params=[id_param("item_id")])},
    "/api/v1/events/{slug}/programme/items/{item_id}/move": {"post": op(
        "Move an item up (-1) or down (+1)", {"200": ITEMS_IN_ORDER}, tag="programme", params=[id_param("item_id")],
        body=obj({"offset": integer(enum=[-1, 1])}, required=["offset"]))},
    "/api/v1/events/{slug}/programme/order": {"put": op(
        "Set the whole order: every item exactly once", {"200": ITEMS_IN_ORDER}, tag="programme",
        body=obj({"items": {"type": "array", "items": integer(minimum=1), "uniqueItems": True}}, required=["items"]))},
    "/api/v1/events/{slug}/programme/template": {"post": op(
        "Replace the programme by a template of an official plan (before the ceremony starts)",
        {"200": json_response("The new items", record({"items": {"type": "array", "items": ref("ProgrammeItem")}}))},
        tag="programme", body=obj({"template": enum(["bac-giang-2024", "cam-tan-2024", "thanh-hoa-2023"])},
                                  required=["template"]))},
    "/api/v1/events/{slug}/programme/settings": {"put": op(
        "Planned start of the ceremony (HH:MM, local time)", {"200": json_response("The timing",
                                                                                   ref("ProgrammeTiming"))},
        tag="programme", body=obj({"ceremony_start": nullable(LOCAL_TIME)}))},
    "/api/v1/events/{slug}/mc-messages": {"post": op(
        "A message to the MC", {"201": json_response("Sent", record({"id": integer(), "text": STRING}))},
        tag="programme", body=obj({"text": text(500, required=True)}, required=["text"]))},
    "/api/v1/events/{slug}/mc-messages/{message_id}": {"delete": op(
        "Mark a message read", {"204": NO_CONTENT}, tag="programme", params=[id_param("message_id")])},
    "/api/v1/events/{slug}/screen": {"put": op(
        "The big screen: a full-screen message (\"\" clears it), black-out", {
            "200": json_response("The screen state", ref("ScreenState"))},
        tag="programme", body=obj({"message": nullable(text(500, description="absent or null: unchanged")),
                                   "blackout": nullable({**BOOLEAN, "description": "absent or null: unchanged"})}))},
    "/api/v1/events/{slug}/activities": {"post": op(
        "Add a phần hội activity or service station", {
            "201": json_response("Added", record({"id": integer(), "name": STRING}))},
        tag="programme", body=obj({
            "name": text(300, required=True), "place": text(300), "kind": enum(ACTIVITY_KINDS),
            "starts_at": nullable(LOCAL_TIME), "ends_at": nullable(LOCAL_TIME),
            "count_label": text(100, description="what its counter counts", example="người được khám")},
            required=["name"]))},
    "/api/v1/events/{slug}/activities/{activity_id}": {"delete": op(
        "Remove an activity", {"204": NO_CONTENT}, tag="programme", params=[id_param("activity_id")])},
})


# ---------------------------------------------------------------- delegates and check-in

DELEGATE_FIELDS = {
    "full_name": text(200, required=True), "honorific": text(50, example="Đồng chí"), "position": text(300),
    "organization": text(300), "level": enum(LEVELS), "group": enum(GROUPS), "seat": text(50),
    "phone": text(30), "notes": text(2000),
    "rank_override": nullable(integer(minimum=0, maximum=1_000_000,
                                      description="protocol order (lễ tân) by hand; null: derived")),
    "is_leader": BOOLEAN,
}
DELEGATE = record({
    "id": integer(), "full_name": STRING, "honorific": STRING, "position": STRING, "organization": STRING,
    "office": {**STRING, "description": "position and organization as the MC says them, e.g. "
                                        "\"Phó Chủ tịch UBND tỉnh Thanh Hóa\""},
    "seat": STRING, "level": enum(LEVELS), "invited": BOOLEAN, "stand_in_name": STRING,
    "checked_in_at": NULLABLE_TIME, "checked_in_device": STRING})
CHECK_IN_ANSWER = record({
    "status": enum(["ok", "already_checked_in", "invalid", "revoked", "wrong_event"]),
    "message": {"type": "string", "description": "Vietnamese, for the tablet"},
    "delegate": nullable(ref("Delegate")),
    "checked_in_at": nullable({**DATE_TIME, "description": "when the (first) check-in happened"}),
    "device": nullable({"type": "string", "description": "where the (first) check-in happened"})})
COUNTS = record({"invited": integer(), "present": integer()})
SCHEMAS.update({
    "Delegate": DELEGATE,
    "DelegateFields": obj({**DELEGATE_FIELDS, "invited": {**BOOLEAN, "description": "false: a walk-in"}},
                          additionalProperties=False),
    "CheckInAnswer": CHECK_IN_ANSWER,
    "Attendance": record({"invited": integer(), "present": integer(), "walk_ins": integer()}),
    "AttendanceDetail": record({
        "by_level": {"type": "array", "items": record({"level": enum(LEVELS), "label": STRING,
                                                       "invited": integer(), "present": integer()})},
        "by_group": {"type": "array", "items": record({"group": STRING, "label": STRING,
                                                       "invited": integer(), "present": integer()})},
        "arrivals": {"type": "array", "items": record({"at": {"type": "string", "example": "07:40"},
                                                       "count": integer()}),
                     "description": "check-ins per 10 minutes"},
        "leaders_missing": {"type": "array", "items": record({
            "id": integer(), "name": STRING, "position": STRING, "organization": STRING,
            "office": {**STRING, "description": "position and organization in one phrase"}})}}),
    "Introduction": record({
        "opening": STRING, "closing": STRING,
        "groups": {"type": "array", "items": record({
            "level": enum(LEVELS), "heading": STRING,
            "people": {"type": "array", "items": record({"id": integer(), "line": STRING, "read": BOOLEAN})}})}},
        description="The MC's introduction of the delegates present, by level in protocol order"),
})
DELEGATE_ID = id_param("delegate_id")
SPEC["paths"].update({
    "/api/v1/events/{slug}/checkins": {"post": op(
        "Check a delegate in from a scanned code or a chosen name",
        {"200": json_response("The outcome, in `status`", ref("CheckInAnswer"))}, tag="delegates",
        description="Exactly one of `code` and `delegate_id`. The same `scan_id` sent twice makes one check-in and "
                    "gets the same answer (tablets retry). An unknown `delegate_id` is 404.",
        body=obj({"code": {"type": "string", "maxLength": 500, "description": "the QR code's text"},
                  "delegate_id": ROW_ID, "device": DEVICE,
                  "scan_id": REQUEST_ID, "stand_in": text(200, description="người dự thay: who came instead"),
                  "offline_at": OFFLINE_AT},
                 oneOf=[{"required": ["code"]}, {"required": ["delegate_id"]}]))},
    "/api/v1/events/{slug}/checkins/{delegate_id}/undo": {"post": op(
        "Undo a check-in (organizers; the reason is kept)", {"200": json_response("The delegate", ref("Delegate"))},
        tag="delegates", params=[DELEGATE_ID], body=obj({"reason": text(500, required=True)}, required=["reason"]))},
    "/api/v1/events/{slug}/walk-ins": {"post": op(
        "Register a guest without invitation and check them in",
        {"201": json_response("The check-in answer", ref("CheckInAnswer"))}, tag="delegates",
        body=obj({**DELEGATE_FIELDS, "invited": BOOLEAN, "device": DEVICE, "request_id": REQUEST_ID,
                  "offline_at": OFFLINE_AT}, required=["full_name"], additionalProperties=False))},
    "/api/v1/events/{slug}/delegates": {
        "get": op("Delegates with their check-in state, in protocol order", {
            "200": json_response("Delegates", record({"delegates": {"type": "array", "items": ref("Delegate")}}))},
            tag="delegates", params=[query("q", STRING, "words of the name or organization, diacritics ignored"),
                                     query("limit", integer(minimum=1, maximum=1000, default=50))]),
        "post": op("Add a delegate", {"201": json_response("The delegate", ref("Delegate"))}, tag="delegates",
                   body={"allOf": [ref("DelegateFields")], "required": ["full_name"]})},
    "/api/v1/events/{slug}/delegates/{delegate_id}": {
        "patch": op("Edit a delegate", {"200": json_response("The delegate", ref("Delegate"))}, tag="delegates",
                    params=[DELEGATE_ID], body=ref("DelegateFields")),
        "delete": op("Remove a delegate", {"204": NO_CONTENT}, tag="delegates", params=[DELEGATE_ID])},
    "/api/v1/events/{slug}/delegates/{delegate_id}/reissue": {"post": op(
        "Reissue a badge: a new code; the old one is revoked",
        {"200": json_response("The new code", record({"code": {"type": "string", "example": "NHK1.…"}}))},
        tag="delegates", params=[DELEGATE_ID])},
    "/api/v1/events/{slug}/delegates/{delegate_id}/introduced": {"post": op(
        "The MC ticks a delegate as introduced (or not)", {"204": NO_CONTENT}, tag="delegates", params=[DELEGATE_ID],
        body=obj({"read": {**BOOLEAN, "default": True}}), optional_body=True)},
})


# ---------------------------------------------------------------- awards

AWARD_RECIPIENT = record({
    "id": integer(), "decision_id": integer(), "kind": enum(["collective", "individual"]), "name": STRING,
    "representative": STRING, "job_title": STRING, "organization": STRING, "is_leader": BOOLEAN,
    "achievement": STRING, "delegate_id": nullable(integer()), "batch_id": nullable(integer()),
    "batch_order": integer(), "outcome": enum(["", *OUTCOMES]), "stand_in_name": STRING,
    "handed_at": NULLABLE_TIME, "handed_by": STRING,
    "present": nullable({**BOOLEAN, "description": "is the delegate in the hall (null: not a delegate, or not "
                                                   "asked)"})})
RECIPIENT_FIELDS = {
    "kind": enum(["collective", "individual"]), "name": text(300, required=True),
    "representative": text(200, description="a collective's representative who goes up"), "job_title": text(300),
    "organization": text(300), "is_leader": BOOLEAN, "achievement": text(2000), "delegate_id": nullable(ROW_ID)}
DECISION_FIELDS = {
    "number": text(100, required=True, example="1856/QĐ-UBND"), "signed_on": DATE,
    "authority": text(300, required=True, example="Chủ tịch UBND huyện Cẩm Thủy"), "form_id": ROW_ID}
AWARD_BATCH = record({
    "id": integer(), "number": integer(), "presenter": STRING, "presenter_delegate_id": nullable(integer()),
    "presenter_present": nullable(BOOLEAN), "announcement": STRING, "decision_id": nullable(integer()),
    "people": {"type": "array", "items": {"allOf": [ref("AwardRecipient")],
                                          "properties": {"line": STRING}, "required": ["line"]},
               "description": "left to right on stage"}})
STAGE_NAMES = nullable({"type": "array", "items": obj({"line": STRING, "present": nullable(BOOLEAN),
                                                        "outcome": STRING}, required=["line", "outcome"])})
SCHEMAS.update({
    "AwardRecipient": AWARD_RECIPIENT,
    "AwardDecision": record({
        "id": integer(), "number": STRING, "signed_on": DATE, "authority": STRING, "form_id": integer(),
        "form": STRING, "announcement": {"type": "string", "description": "what the MC reads"},
        "recipients": {"type": "array", "items": ref("AwardRecipient")}}),
    "AwardBatch": AWARD_BATCH,
    "AwardStage": record({
        "version": integer(), "batch_count": integer(), "current": nullable(ref("AwardBatch")),
        "next": nullable(ref("AwardBatch")), "names": STAGE_NAMES, "announcement": STRING},
        description="The current batch on stage: presenter, announcement, people left to right"),
    "AwardsSummary": record({
        "planned": integer(), "handed": integer(),
        "by_form": {"type": "array", "items": record({"form": STRING, "planned": integer(), "handed": integer()})},
        "by_decision": {"type": "array", "items": record({"decision_id": integer(), "number": STRING,
                                                          "planned": integer(), "handed": integer()})},
        "warnings": {"type": "array", "items": STRING, "description": "limits exceeded, not yet acknowledged"}}),
    "AwardForm": record({
        "id": integer(), "name": STRING, "max_collectives": nullable(integer()),
        "max_individuals": nullable(integer()), "max_leader_share": nullable(NUMBER)}),
    "AwardHandoutAnswer": obj({
        "status": enum(["ok", "already_recorded", "conflict"]), "message": STRING,
        "recipient": ref("AwardRecipient"),
        "conflict": {"type": "object", "description": "status conflict: `first`, what the other tablet recorded; "
                                                      "`offline`, what this one did while cut off"}},
        required=["status", "message", "recipient"]),
})
RECIPIENT_ID = id_param("recipient_id")
STAGE = ref("AwardStage")
LIMIT = integer(minimum=0, maximum=100_000)
SPEC["paths"].update({
    "/api/v1/events/{slug}/awards": {"get": op("Decisions with their recipients and hand-out state", {
        "200": json_response("Awards", record({"decisions": {"type": "array", "items": ref("AwardDecision")},
                                               "summary": ref("AwardsSummary"), "stage": STAGE}))}, tag="awards")},
    "/api/v1/events/{slug}/awards/{recipient_id}/handout": {"post": op(
        "Mark a recipient on stage: handed, absent, stand-in or later",
        {"200": json_response("The outcome, in `status`", ref("AwardHandoutAnswer"))}, tag="awards",
        description="Recorded once: a second mark answers `already_recorded` with when and by whom. The same "
                    "`request_id` twice gets the same answer. `stand_in_name` is required for `stand_in`.",
        params=[RECIPIENT_ID], body=obj({
            "outcome": enum(OUTCOMES), "stand_in_name": text(200), "request_id": REQUEST_ID, "device": DEVICE,
            "offline_at": OFFLINE_AT}, required=["outcome"]))},
    "/api/v1/events/{slug}/awards/{recipient_id}/undo": {"post": op(
        "Undo a hand-out (organizers; the reason is kept)", {
            "200": json_response("The recipient", ref("AwardRecipient"))}, tag="awards", params=[RECIPIENT_ID],
        body=obj({"reason": text(500, required=True)}, required=["reason"]))},
    "/api/v1/events/{slug}/award-decisions": {"post": op(
        "Add a decision", {"201": json_response("The decision", ref("AwardDecision"))}, tag="awards",
        body=obj(DECISION_FIELDS, required=list(DECISION_FIELDS)))},
    "/api/v1/events/{slug}/award-decisions/{decision_id}": {
        "patch": op("Edit a decision", {"200": json_response("The decision", ref("AwardDecision"))}, tag="awards",
                    params=[id_param("decision_id")], body=obj(DECISION_FIELDS)),
        "delete": op("Remove a decision (none handed yet)", {"204": NO_CONTENT}, tag="awards",
                     params=[id_param("decision_id")])},
    "/api/v1/events/{slug}/award-decisions/{decision_id}/recipients": {"post": op(
        "Add a collective or an individual to a decision", {
            "201": json_response("The recipient", ref("AwardRecipient"))}, tag="awards",
        params=[id_param("decision_id")], body=obj(RECIPIENT_FIELDS, required=["kind", "name"]))},
    "/api/v1/events/{slug}/award-recipients/{recipient_id}": {
        "patch": op("Edit a recipient", {"200": json_response("The recipient", ref("AwardRecipient"))},
                    tag="awards", params=[RECIPIENT_ID], body=obj(RECIPIENT_FIELDS)),
        "delete": op("Remove a recipient (not yet handed)", {"204": NO_CONTENT}, tag="awards",
                     params=[RECIPIENT_ID])},
    "/api/v1/events/{slug}/award-recipients/{recipient_id}/move": {"post": op(
        "Put a recipient in a batch (refused beyond the stage's width)", {"200": json_response("The stage", STAGE)},
        tag="awards", params=[RECIPIENT_ID], body=obj({
            "batch_id": ROW_ID, "order": nullable(integer(minimum=1, description="place from the left; null: last"))},
            required=["batch_id"]))},
    "/api/v1/events/{slug}/award-forms/{form_id}": {"patch": op(
        "Edit a form's limits (seed 004)", {"200": json_response("The form", ref("AwardForm"))}, tag="awards",
        params=[id_param("form_id")], body=obj({
            "name": text(300, required=True), "max_collectives": nullable(LIMIT), "max_individuals": nullable(LIMIT),
            "max_leader_share": nullable({**NUMBER, "minimum": 0, "maximum": 1, "example": 0.4})}))},
    "/api/v1/events/{slug}/award-forms/{form_id}/acknowledge": {"post": op(
        "Acknowledge the limit warnings of a form as they stand", {"204": NO_CONTENT}, tag="awards",
        params=[id_param("form_id")])},
    "/api/v1/events/{slug}/award-batches/plan": {"post": op(
        "Plan the stage batches automatically", {
            "200": json_response("How many batches, and the stage", record({"batches": integer(), "stage": STAGE}))},
        tag="awards", body=obj({"width": nullable(integer(minimum=1, maximum=30,
                                                          description="people per batch: the stage's width"))}),
        optional_body=True,
        description="Refused while a limit warning is unacknowledged, or once hand-outs have begun.")},
    "/api/v1/events/{slug}/award-batches/{batch_id}": {"patch": op(
        "Set a batch's presenter: a delegate, or a name", {"200": json_response("The stage", STAGE)}, tag="awards",
        params=[id_param("batch_id")], body=obj({"presenter_delegate_id": nullable(ROW_ID),
                                                 "presenter": nullable(text(300))}))},
    "/api/v1/events/{slug}/award-stage/commands": {"post": op(
        "Move the stage to the next, previous or a chosen batch", {
            "200": json_response("The stage", record({"ok": enum([True], type="boolean"), "stage": STAGE})),
            "409": json_response("Another tablet moved the stage first: refused, with the current stage", obj(
                {"error": enum(["conflict"]), "message": STRING, "stage": STAGE}, required=["error", "message",
                                                                                         "stage"]))},
        tag="awards", body=obj({
            "command": enum(["next", "previous", "goto"]),
            "expected_batch": nullable(integer(description="the batch the sender believes is current (null before "
                                                           "the first)")),
            "batch": integer(minimum=1, description="goto: the target batch's id")}, required=["command"]))},
})


# ---------------------------------------------------------------- gifts

GIFT_RECIPIENT = record({
    "id": integer(), "name": STRING, "kind": enum(RECIPIENT_KINDS), "category": enum(RECIPIENT_CATEGORIES),
    "category_label": STRING, "address": STRING, "package_id": nullable(integer()), "package": nullable(STRING),
    "value": nullable(integer(description="đồng")), "handed_at": NULLABLE_TIME, "handed_desk": STRING,
    "handed_by": STRING, "received_by": STRING, "relationship": STRING})
GIFT_RECIPIENT_FIELDS = {
    "name": text(200, required=True), "kind": enum(RECIPIENT_KINDS), "category": enum(RECIPIENT_CATEGORIES),
    "address": text(300), "id_number": text(20, description="số CCCD"), "phone": text(30), "notes": text(2000)}
PACKAGE_FIELDS = {
    "name": text(300, required=True), "unit_value": integer(minimum=1, maximum=10**12, description="đồng per package"),
    "quantity": integer(minimum=1, maximum=100_000), "kind": enum(PACKAGE_KINDS),
    "funding_source": enum(FUNDING_SOURCES), "presenter": text(300)}
MONEY = integer(description="đồng")
SCHEMAS.update({
    "GiftRecipient": GIFT_RECIPIENT,
    "GiftPackage": record({"id": integer(), "name": STRING, "kind": enum(PACKAGE_KINDS), "unit_value": MONEY,
                           "quantity": integer(), "funding_source": enum(FUNDING_SOURCES), "presenter": STRING}),
    "GiftAnswer": obj({
        "status": enum(["ok", "already_handed", "not_allocated", "invalid", "wrong_event", "conflict"]),
        "message": STRING, "recipient": nullable(ref("GiftRecipient")),
        "conflict": {"type": "object", "description": "status conflict: `first`, the desk that handed it first; "
                                                      "`offline`, this desk while cut off"}},
        required=["status", "message", "recipient"]),
    "GiftsSummary": record({
        **{key: integer() for key in ("quantity", "planned", "handed", "remaining")},
        **{key: MONEY for key in ("planned_value", "handed_value", "remaining_value")},
        "by_package": {"type": "array", "items": record({
            "package_id": integer(), "name": STRING, "funding_source": enum(FUNDING_SOURCES), "funding_label": STRING,
            "unit_value": MONEY, "quantity": integer(), "planned": integer(), "handed": integer(),
            "remaining": integer(), "planned_value": MONEY, "handed_value": MONEY, "remaining_value": MONEY})},
        "by_source": {"type": "array", "items": record({
            "funding_source": enum(FUNDING_SOURCES), "label": STRING, "planned": integer(), "handed": integer(),
            "planned_value": MONEY, "handed_value": MONEY})},
        "handed_value_text": {"type": "string", "example": "1.500.000 đ"}},
        description="Planned, handed and remaining, in packages and đồng: the accountant's reconciliation"),
    "GiftStage": obj({
        "current_batch": integer(description="1-based; 0 before the first"), "batch_count": integer(),
        "announcement": STRING, "people": {"type": "array", "items": ref("GiftRecipient")},
        "names": nullable({"type": "array", "items": record({"line": STRING, "outcome": enum(["", "handed"])})})},
        required=["current_batch", "batch_count", "announcement", "people", "names"]),
})
HANDOUT_FIELDS = {"request_id": REQUEST_ID, "desk": text(100, example="Bàn 2"), "offline_at": OFFLINE_AT}
GIFT_ANSWER = json_response("The outcome, in `status`", ref("GiftAnswer"))
GIFT_RECIPIENT_RESPONSE = json_response("The recipient", ref("GiftRecipient"))
SPEC["paths"].update({
    "/api/v1/events/{slug}/gifts": {"get": op("Packages, recipients, allocation and hand-out state", {
        "200": json_response("Gifts", record({"packages": {"type": "array", "items": ref("GiftPackage")},
                                              "recipients": {"type": "array", "items": ref("GiftRecipient")},
                                              "summary": ref("GiftsSummary")}))}, tag="gifts")},
    "/api/v1/events/{slug}/gifts/{recipient_id}/handout": {"post": op(
        "Hand a recipient their package at a desk or on stage", {"200": GIFT_ANSWER}, tag="gifts",
        description="Never twice: a second desk gets `already_handed` with when and where. The same `request_id` "
                    "twice gets the same answer. Someone receiving for the recipient needs `relationship`.",
        params=[RECIPIENT_ID], body=obj({**HANDOUT_FIELDS, "received_by": text(200), "relationship": text(100)}),
        optional_body=True)},
    "/api/v1/events/{slug}/gifts/handout-by-code": {"post": op(
        "Hand out by scanning the recipient's slip", {"200": GIFT_ANSWER}, tag="gifts",
        body=obj({**HANDOUT_FIELDS, "code": {"type": "string", "minLength": 1, "maxLength": 500}},
                 required=["code"]))},
    "/api/v1/events/{slug}/gifts/{recipient_id}/undo": {"post": op(
        "Undo a hand-out (organizers; the reason is kept)", {"200": GIFT_RECIPIENT_RESPONSE}, tag="gifts",
        params=[RECIPIENT_ID], body=obj({"reason": text(500, required=True)}, required=["reason"]))},
    "/api/v1/events/{slug}/gift-recipients": {
        "get": op("Find recipients by name, ignoring diacritics", {
            "200": json_response("Recipients", record({"recipients": {"type": "array",
                                                                      "items": ref("GiftRecipient")}}))},
            tag="gifts", params=[query("q", STRING), query("limit", integer(minimum=1, maximum=500, default=30))]),
        "post": op("Add a recipient (and allocate a package)", {"201": GIFT_RECIPIENT_RESPONSE}, tag="gifts",
                   body=obj({**GIFT_RECIPIENT_FIELDS, "package_id": nullable(ROW_ID)}, required=["name"]))},
    "/api/v1/events/{slug}/gift-recipients/{recipient_id}": {
        "patch": op("Edit a recipient (the package: PUT …/package)", {"200": GIFT_RECIPIENT_RESPONSE}, tag="gifts",
                    params=[RECIPIENT_ID], body=obj(GIFT_RECIPIENT_FIELDS)),
        "delete": op("Remove a recipient (not yet handed)", {"204": NO_CONTENT}, tag="gifts", params=[RECIPIENT_ID])},
    "/api/v1/events/{slug}/gift-recipients/{recipient_id}/package": {"put": op(
        "Allocate a package (null: none); refused beyond its stock", {"200": GIFT_RECIPIENT_RESPONSE}, tag="gifts",
        params=[RECIPIENT_ID], body=obj({"package_id": nullable(ROW_ID)}))},
    "/api/v1/events/{slug}/gift-packages": {"post": op(
        "Add a package", {"201": json_response("The package", ref("GiftPackage"))}, tag="gifts",
        body=obj(PACKAGE_FIELDS, required=["name", "unit_value", "quantity"]))},
    "/api/v1/events/{slug}/gift-packages/{package_id}": {
        "patch": op("Edit a package (not below what is allocated)", {
            "200": json_response("The package", ref("GiftPackage"))}, tag="gifts", params=[id_param("package_id")],
            body=obj(PACKAGE_FIELDS)),
        "delete": op("Remove a package (none handed)", {"204": NO_CONTENT}, tag="gifts",
                     params=[id_param("package_id")])},
    "/api/v1/events/{slug}/gift-stage/commands": {"post": op(
        "Move the gift stage to the next or previous batch", {
            "200": json_response("The stage", record({"ok": enum([True], type="boolean"), "stage": ref("GiftStage")}))},
        tag="gifts", description="Refused (400) when another tablet moved the stage first.",
        body=obj({"command": enum(["next", "previous"]),
                  "expected_batch": integer(minimum=0, description="the current batch (0 before the first)")},
                 required=["command", "expected_batch"]))},
})


# ---------------------------------------------------------------- the forum and the survey

OPINION = record({
    "id": integer(), "text": STRING, "topic": enum(TOPICS), "topic_label": STRING,
    "author": {"type": "string", "description": "“Ẩn danh” when not given"}, "address": STRING,
    "status": enum(STATUSES), "status_label": STRING, "time": {"type": "string", "example": "09:12"}})
OPINION_STAFF = {"allOf": [ref("Opinion"), record({
    "original_text": STRING, "edited": BOOLEAN, "phone": STRING, "flagged": BOOLEAN,
    "merged_into_id": nullable(integer()), "answered_by": STRING, "answer_note": STRING, "responsible_unit": STRING,
    "deadline": {"type": "string", "description": "dd/mm/yyyy or \"\""}, "merged_count": integer()})]}
SURVEY_RESULTS = obj({
    "responses": integer(), "scale": {"type": "array", "items": STRING},
    "questions": {"type": "array", "items": record({
        "id": integer(), "text": STRING, "counts": {"type": "array", "items": integer(), "minItems": 5, "maxItems": 5},
        "satisfied": nullable({**NUMBER, "minimum": 0, "maximum": 1})})},
    "satisfied": nullable({**NUMBER, "minimum": 0, "maximum": 1,
                           "description": "share of “Hài lòng” and “Rất hài lòng” over all answers"}),
    "comments": {"type": "array", "items": STRING}}, required=["responses", "scale", "questions", "satisfied"])
SCHEMAS.update({
    "Opinion": OPINION,
    "OpinionStaff": OPINION_STAFF,
    "SurveyResults": SURVEY_RESULTS,
    "ForumSettings": record({
        "review_words": {"type": "array", "items": STRING}, "per_device_per_hour": integer(),
        "per_address_per_hour": integer(), "min_seconds_between": integer(), "show_survey_on_screen": BOOLEAN}),
    "OpinionsSummary": record({"total": integer(), "new": integer(), "answered": integer(), "written": integer(),
                               "by_status": {"type": "object", "additionalProperties": integer()}}),
    "ForumScreen": record({"current": nullable(ref("Opinion")), "next": {"type": "array", "items": ref("Opinion")},
                           "survey": nullable(ref("SurveyResults"))}),
})
OPINION_ID = id_param("opinion_id")
STAFF_OPINION = json_response("The opinion", ref("OpinionStaff"))
DEVICE_HEADER = {"name": "X-Kiosk-Device", "in": "header", "required": False,
                 "schema": {"type": "string", "maxLength": 64},
                 "description": "the sender's device key (else the `kiosk_device` cookie), for the rate limits"}
TOO_MANY = error_responses(429)
SPEC["paths"].update({
    "/api/v1/events/{slug}/opinions": {
        "post": op("A citizen's opinion or question (public, no login)", {
            "201": json_response("Received: a thank-you message", record({
                "id": integer(), "status": enum(STATUSES), "message": STRING})), **TOO_MANY},
            tag="forum", public=True, params=[DEVICE_HEADER],
            description="Kept exactly as typed (shown as text, never run). A `request_id` sent again (a tablet that "
                        "queued it while cut off) keeps it once. `kiosk`: a screen link's key, marking the shared "
                        "tablet in the hall (only its network is limited).",
            body=obj({"text": text(2000, required=True), "topic": enum(TOPICS),
                      "author_name": text(200), "address": text(300),
                      "phone": text(30, pattern=r"^[0-9 +.\-]*$"), "request_id": REQUEST_ID,
                      "offline_at": OFFLINE_AT, "kiosk": {"type": "string", "maxLength": 200}}, required=["text"])),
        "get": op("The opinions, for moderation", {
            "200": json_response("Opinions, oldest first", record({"opinions": {"type": "array",
                                                                               "items": ref("OpinionStaff")}}))},
            tag="forum")},
    "/api/v1/events/{slug}/opinions/{opinion_id}": {"patch": op(
        "Correct spelling; the original text is kept", {"200": STAFF_OPINION}, tag="forum", params=[OPINION_ID],
        body=obj({"text": text(2000, required=True)}, required=["text"]))},
    "/api/v1/events/{slug}/opinions/{opinion_id}/moderate": {"post": op(
        "Moderate: approve, hide, show (on the big screen), answer, written, reopen", {"200": STAFF_OPINION},
        tag="forum", params=[OPINION_ID],
        description="new → approved or hidden → on the screen → answered (`answered_by` required) or to answer in "
                    "writing (`responsible_unit` and `deadline` required). A flagged opinion needs `reviewed` to be "
                    "approved or shown.",
        body=obj({
            "action": enum(["approve", "hide", "show", "answer", "written", "reopen"]),
            "reviewed": {**BOOLEAN, "description": "approving a flagged opinion"},
            "answered_by": text(200), "answer_note": text(2000), "responsible_unit": text(300),
            "deadline": DATE}, required=["action"]))},
    "/api/v1/events/{slug}/opinions/{opinion_id}/merge": {"post": op(
        "Merge a duplicate into another opinion", {"200": STAFF_OPINION}, tag="forum", params=[OPINION_ID],
        body=obj({"into": ROW_ID}, required=["into"]))},
    "/api/v1/events/{slug}/forum/settings": {"put": op(
        "Review words, rate limits, survey results on the big screen", {
            "200": json_response("The settings", ref("ForumSettings"))}, tag="forum",
        body=obj({
            "review_words": {"type": "array", "items": {"type": "string", "maxLength": 200}, "maxItems": 200,
                             "description": "an opinion with one of these is flagged for a second look"},
            "per_device_per_hour": integer(minimum=0, maximum=10000),
            "per_address_per_hour": integer(minimum=0, maximum=10000),
            "min_seconds_between": integer(minimum=0, maximum=10000), "show_survey_on_screen": BOOLEAN}))},
    "/api/v1/events/{slug}/survey": {"get": op(
        "The satisfaction survey's questions and scale (public)", {
            "200": json_response("Questions", record({
                "questions": {"type": "array", "items": record({"id": integer(), "text": STRING})},
                "scale": {"type": "array", "items": STRING, "minItems": 5, "maxItems": 5}}))},
        tag="forum", public=True)},
    "/api/v1/events/{slug}/survey/responses": {"post": op(
        "One answered questionnaire (public, no login)", {
            "201": json_response("Received", record({"message": STRING})), **TOO_MANY},
        tag="forum", public=True, params=[DEVICE_HEADER],
        body=obj({
            "answers": {"type": "object", "minProperties": 1,
                        "additionalProperties": integer(minimum=1, maximum=5),
                        "description": "question id → 1 (Rất không hài lòng) … 5 (Rất hài lòng)",
                        "example": {"1": 5, "2": 4}},
            "comment": text(2000)}, required=["answers"]))},
    "/api/v1/events/{slug}/survey/results": {"get": op(
        "Survey results: counts per level, share satisfied, comments", {
            "200": json_response("Results", ref("SurveyResults"))}, tag="forum")},
})


# ---------------------------------------------------------------- phần hội counters and the audit trail

SCHEMAS.update({
    "Counters": record({"activities": {"type": "array", "items": record({
        "id": integer(), "name": STRING, "place": STRING, "label": STRING, "total": integer()})}, "total": integer()}),
    "AuditChange": record({
        "date": {"type": "string", "example": "15/08/2024"}, "time": {"type": "string", "example": "07:42"},
        "seconds": STRING, "area": STRING, "action": STRING, "subject": STRING, "actor": STRING, "device": STRING,
        "details": STRING, "area_code": STRING, "action_code": STRING}),
})
SPEC["paths"].update({
    "/api/v1/events/{slug}/counters/{activity_id}": {"post": op(
        "One tap at a phần hội station: +1 (or -1 to undo); retries with the same request_id count once", {
            "200": json_response("The station's total", record({"activity_id": integer(), "total": integer()}))},
        tag="reports", params=[id_param("activity_id")], optional_body=True,
        body=obj({"delta": integer(enum=[1, -1], default=1), "request_id": REQUEST_ID, "device": DEVICE,
                  "offline_at": OFFLINE_AT}))},
    "/api/v1/events/{slug}/audit": {"get": op(
        "Every change of the day: who, which device, when, what (for an admin, changes to accounts and API "
        "tokens too)", {
            "200": json_response("Changes, newest first (at most 2000; `count`: all that match)", record({
                "changes": {"type": "array", "items": ref("AuditChange")}, "count": integer()}))},
        tag="reports", params=[
            query("area", enum(["checkin", "delegates", "programme", "awards", "gifts", "forum", "counters", "devices",
                                "accounts"])),
            query("action", STRING, "an action code of the area (action_code), e.g. invalid, next, imported"),
            query("actor", STRING, "part of the person's name, diacritics ignored"),
            query("q", STRING, "words of what changed, diacritics ignored")])},
})


# ---------------------------------------------------------------- offline tablets

CONFLICT = record({
    "id": integer(), "area": enum(["gifts", "awards"]), "area_label": STRING,
    "subject": {"type": "string", "description": "the recipient's name"}, "message": STRING,
    "details": {"type": "object", "description": "`first`: the desk that recorded it first; "
                                                 "`offline`: the desk that made it while cut off"},
    "created_at": DATE_TIME, "time": {"type": "string", "example": "09:12"}, "resolved": BOOLEAN,
    "resolved_at": NULLABLE_TIME, "resolved_by": STRING, "note": STRING})
CODE_KEY = record({
    "algorithm": enum(["Ed25519"]),
    "public_key": {"type": "string", "description": "raw 32-byte public key, base64url without padding"},
    "event_prefix": STRING, "schemes": record({"badge": STRING, "gift_slip": STRING}), "signed_text": STRING,
    "encoding": STRING})
SCHEMAS.update({
    "OfflineConflict": CONFLICT,
    "OfflineConflicts": record({"open": integer(), "items": {"type": "array", "items": ref("OfflineConflict")}}),
    "CodeKey": CODE_KEY,
})
SPEC["paths"].update({
    "/api/v1/events/{slug}/code-key": {"get": op(
        "The public key that verifies the event's badge (NHK1) and slip (NHQ1) codes", {
            "200": json_response("The key", ref("CodeKey"))}, tag="offline",
        description="A code is `<scheme>.<event_prefix>.<id>.<version>.<signature>`; the signature is Ed25519 over "
                    "the text before the last dot. Tablets verify scans with it while cut off from the server.")},
    "/api/v1/events/{slug}/offline/delegates": {"get": op(
        "Every delegate with badge id and code version, for a gate tablet working while cut off", {
            "200": json_response("Delegates and the code key", record({
                "delegates": {"type": "array", "items": {"allOf": [ref("Delegate"), record({
                    "search_name": STRING, "badge_id": STRING, "code_version": integer()})]}},
                "key": ref("CodeKey"), "generated_at": DATE_TIME}))}, tag="offline")},
    "/api/v1/events/{slug}/offline/gift-recipients": {"get": op(
        "Every gift recipient with slip id, for a gift desk working while cut off", {
            "200": json_response("Recipients and the code key", record({
                "recipients": {"type": "array", "items": {"allOf": [ref("GiftRecipient"), record({
                    "search_name": STRING, "slip_id": STRING})]}},
                "key": ref("CodeKey"), "generated_at": DATE_TIME}))}, tag="offline")},
    "/api/v1/events/{slug}/offline-conflicts": {"get": op(
        "Hand-outs made while a tablet was cut off that another desk had already made", {
            "200": json_response("Open count and the list, open first", ref("OfflineConflicts"))}, tag="offline",
        description="A queued hand-out carries `offline_at` (when it was made on the tablet). If another desk had "
                    "made it meanwhile, the hand-out answers `status: conflict` and is listed here until an "
                    "organizer marks it settled.")},
    "/api/v1/events/{slug}/offline-conflicts/{conflict_id}/resolve": {"post": op(
        "Mark a conflict settled (“Đã xử lý”) with a note", {
            "200": json_response("The conflict", ref("OfflineConflict"))}, tag="offline",
        params=[id_param("conflict_id")], body=obj({"note": text(1000, required=True)}, required=["note"]))},
})


# ---------------------------------------------------------------- the dashboard: every live part

SCHEMAS["Dashboard"] = obj({
    "event": ref("Event"), "programme": PROGRAMME, "programme_staff": ref("ProgrammeStaff"),
    "screen": ref("ScreenState"), "activities": ref("Activities"), "attendance": ref("Attendance"),
    "attendance_detail": ref("AttendanceDetail"), "introduction": ref("Introduction"),
    "awards": ref("AwardsSummary"), "stage_awards": STAGE, "gifts": ref("GiftsSummary"),
    "stage_gifts": ref("GiftStage"), "opinions": ref("OpinionsSummary"),
    "forum_queue": record({"opinions": {"type": "array", "items": ref("OpinionStaff")}}),
    "forum_screen": ref("ForumScreen"), "survey": ref("SurveyResults"), "counters": ref("Counters"),
    "offline_conflicts": ref("OfflineConflicts"),
}, required=["event", "programme", "attendance"], additionalProperties={"type": "object"},
    description="Each part of the live state by name (kiosk/live.py); areas may add parts.")


# ---------------------------------------------------------------- what every operation shares

METHODS = ("get", "put", "post", "patch", "delete")


def takes_idempotency_key(operation: dict) -> bool:
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    return bool({"request_id", "scan_id"} & set(schema.get("properties", {})))


def complete_operations(spec: dict) -> None:
    """The answers and security every operation shares, from what it is: an
    event's (404 for an unknown slug), protected (401, 403; Bearer token or
    session, plus the CSRF header on changes), taking a body (400, 413)."""
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if method not in METHODS:
                continue
            responses = operation.setdefault("responses", {})
            codes = set()
            public = operation.get("security") == []
            if "{slug}" in path or any(p.get("in") == "path" for p in operation.get("parameters", [])):
                codes.add(404)
            if not public:
                codes |= {401, 403}
                operation["security"] = ([{"bearer": []}, {"session": []}] if method == "get"
                                         else [{"bearer": []}, {"session": [], "csrf": []}])
            if method != "get" or any(p.get("in") == "query" for p in operation.get("parameters", [])):
                codes.add(400)  # a refused change, (cookie sessions) a missing CSRF token, a NUL in the query
            if "requestBody" in operation:
                codes |= {400, 413}
                if takes_idempotency_key(operation):
                    codes.add(409)  # the key sent again with another request: key_reused
            for code, response in error_responses(*sorted(codes)).items():
                responses.setdefault(code, response)


def described(app=None) -> dict:
    """The description as served: SPEC with what every operation shares
    (complete_operations) and, given the app, the permission each route
    requires and the roles that hold it (kiosk.auth.access.requires)."""
    import re

    from kiosk.auth import roles as matrix

    spec = copy.deepcopy(SPEC)
    complete_operations(spec)
    if app is None:
        return spec
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1/"):
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        permission = getattr(app.view_functions.get(rule.endpoint), "required_permission", None)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            operation = spec["paths"].get(path, {}).get(method.lower())
            if operation is None or permission is None:
                continue
            roles = [str(role) for role, granted in matrix.GRANTS.items() if permission in granted]
            stations = [name for name, station in getattr(matrix, "STATIONS", {}).items()
                        if permission in station.permissions]
            operation["x-kiosk-permission"] = str(permission)
            operation["x-kiosk-roles"] = roles
            operation["x-kiosk-stations"] = stations
            needs = f"Needs `{permission}`: roles {', '.join(roles)}" + (
                f"; paired tablets at {', '.join(stations)}." if stations else ".")
            operation["description"] = f"{operation['description']}\n\n{needs}" if operation.get("description") \
                else needs
    return spec
