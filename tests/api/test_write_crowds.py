"""Every write operation of /api/v1 under a crowd: eight tablets sending it valid
requests in the same instant, on a SQLite file and on PostgreSQL.

What is walked
    Every post, put, patch and delete of the OpenAPI description the app serves
    (GET /api/v1/openapi.json): a new write route is covered without editing
    this file. tests/test_openapi.py keeps the description complete.

The event
    Each operation meets a fresh event, set up through the real services:
    tests/factories.fill_event, plus what it lacks (`set_up`): an opinion still
    new, an offline conflict, a gift recipient without a package, a package
    nobody has received yet. A fresh event costs about 0.15 s (SQLite) or 0.3 s
    (PostgreSQL), and every operation then meets the same state whatever ran
    before it (no delete or template wiping out the rows another operation
    names, no need to order deletes last). The one operation whose
    precondition another's contradicts gets it in `PREPARE`.

The request, made from the operation alone (`Builder`)
    - path parameters and body fields that name a row (`*_id`, a ROW_ID, and
      `ROW_NAMES`: after_item, into, item, batch) get the id of one of the
      event's rows, by name (`ROWS`). A name first looks for the row of its
      area, the operation's tag (`recipient_id` under "awards" is an award
      recipient, under "gifts" a gift recipient); `PATH_ROWS` names the few
      places where the same name must be another row (an undo needs a handed
      one);
    - request_id and scan_id: a new uuid for every request (8 distinct keys);
    - code: a real signed code of the area (a badge, a gift slip);
    - expected_* (the state the sender believes current): null if the schema
      allows it, else its minimum: the state of a stage never moved;
    - the rest from the schema: its example, default or first enum value, else
      a text within maxLength matching its pattern, the integer 10 held within
      [minimum, maximum], true, a date-time two minutes ago (offline_at: a
      queued action), one-element arrays, every property of an object
      (nullable ones not null; of a oneOf of required lists, the first).
    Even-numbered requests send that full body; odd ones only what is required
    (and the key): online and offline tablets, full forms and bare ones, in the
    same crowd. `FIELD_VALUES` and `OPERATION_VALUES` hold what a schema cannot
    tell (a survey's answers are keyed by the event's question ids; an activity
    ends after it starts; a new order names every item). The bodies are
    validated against their schema before they are sent: an operation nobody
    has seen yet still gets schema-valid requests, and a bad one is reported as
    this test's bug ("TEST BUG"), not the app's.

The crowd
    8 threads, each with its own Flask test client, released together by a
    threading.Barrier. Protected operations carry an admin's API token (Bearer:
    no CSRF); public ones (security: []) carry none and come from 8 addresses
    and 8 devices (X-Kiosk-Device), each sender within the forum's limits.
    The app answers crashes as a tablet would get them (PROPAGATE_EXCEPTIONS
    off); their tracebacks are caught through got_request_exception.

What is checked: every failure of every operation is collected and reported at
the end (operation, request, status, answer, traceback), never only the first.
    0. No 5xx, no exception, no status the operation's description does not list.
    Every row of every table is read before and after the crowd (row counts, a
    digest of the rows, and the rows by primary key, for the checks below).
    a. Refused, all 8 (4xx): no table changed at all. Tables that keep
       refusals are left out (`LOGS_REFUSALS`): login_attempts. (checkin_scans
       logs refused scans too, but answers them 200, so it is not left out.)
    b. Created (201): the new rows of some table are exactly the created ids
       of the answers (an answer's `id`, else the `id` of its object: a
       walk-in's delegate), so their number is the number of distinct created
       ids; for answers without an id, some table grew by the number of 201s.
    c. Idempotency keys: the key of each 2xx answer is stored exactly once in
       the new rows (any table, any column named request_id or scan_id); the
       key of a refused request never.
    d. Delete: when the row a delete names is gone, one request only was told 2xx.
    e. The stored rows equal the answers: a 2xx answer carrying a row's `id`
       agrees with that row on each field the request sent that the answer
       echoes and the table has (a text, number or truth value of both).
    f. First write wins: where an answer's `status` may say "ok" or
       "already_…" (a hand-out), one request at most is told "ok" for one row.
    Two more passes for each operation taking request_id or scan_id, each on a
    fresh event, the 8 requests sharing one key:
    - one key, one body (a tablet's retries racing): all 8 answers are equal
      (status and body);
    - one key, two bodies (even requests full, odd ones bare): every 2xx
      answer is the same replay, the others are refused;
    and in both, no table gains more than one row, and 0, a, b (one created
    row) and c (the key stored once) hold.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
import traceback
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import jsonschema
from flask import got_request_exception
from sqlalchemy import MetaData, select

from kiosk.api.openapi import ROW_ID
from kiosk.awards import service as awards
from kiosk.database import utcnow
from kiosk.delegates import service as delegates
from kiosk.delegates.models import Delegate
from kiosk.extensions import db
from kiosk.forum import service as forum
from kiosk.gifts import service as gifts
from kiosk.gifts.models import GiftRecipient
from kiosk.offline.models import OfflineConflict
from kiosk.programme import service as programme
from tests.conftest import make_test_app
from tests.factories import bearer, fill_event, make_event

CROWD = 8
DISTINCT, ONE_KEY, TWO_BODIES = "8 keys", "one key ×8", "one key, two bodies"
WRITES = ("post", "put", "patch", "delete")
KEY_FIELDS = ("request_id", "scan_id")
EVENT_PATH = "/api/v1/events/{slug}"
LOGS_REFUSALS = {"login_attempts"}  # tables that change when a request is refused

# Ids named otherwise than *_id.
ROW_NAMES = {"after_item", "into", "item", "batch"}
# The event's row each id names (keys of the dict `set_up` returns). A name is
# first looked up as "<area>_<name>" (area: the operation's tag, singular),
# then here, then as itself.
ROWS = {
    "after_item": "item_id", "item": "item_id", "batch": "batch_id",
    "speaker_delegate_id": "delegate_id", "presenter_delegate_id": "delegate_id",
    "opinion_id": "new_opinion_id",  # moderation has a step to take from "new"
    "into": "opinion_id",  # merge the new opinion into fill_event's approved one
}
# (path after the event's, name): where the same name must name another row.
PATH_ROWS = {
    ("/checkins/{delegate_id}/undo", "delegate_id"): "leader_id",  # checked in by fill_event
    ("/gifts/{recipient_id}/undo", "recipient_id"): "handed_recipient_id",
    ("/gift-recipients/{recipient_id}/package", "recipient_id"): "spare_gift_recipient_id",  # no package yet
    ("/gift-packages/{package_id}", "package_id"): "spare_package_id",  # fill_event's has been handed: not deletable
}
# Values no schema can tell, by field name: fn(builder) -> value.
FIELD_VALUES = {
    # question id -> a level; the schema's example names questions 1 and 2, not this event's
    "answers": lambda b: {str(question): 4 for question in b.rows["question_ids"]},
    # an activity ends after it starts (both are plain HH:MM to the schema)
    "ends_at": lambda b: "11:30",
}
# By operation (method, path after the event's): {field: fn(builder)}.
OPERATION_VALUES = {
    ("put", "/programme/order"): {"items": lambda b: list(reversed(b.rows["item_ids"]))},  # every item, once
}
# Preconditions one operation needs and another's contradicts, made before its crowd.
PREPARE = {
    # an undo needs a handed award; fill_event hands none out (planning batches refuses once one is)
    ("post", "/awards/{recipient_id}/undo"):
        lambda event, rows: awards.handout(event, rows["award_recipient_id"], outcome="handed", actor="setup"),
}


# ---------------------------------------------------------------- the event

def set_up(event) -> dict:
    """fill_event's rows and codes, and what it lacks for every operation to
    have something to act on. Returns ids (and codes) by name."""
    rows = fill_event(event)
    opinion = forum.submit_opinion(event, {"text": "Đề nghị lắp thêm đèn đường ở thôn 3"}, device="setup-phone",
                                   address="10.0.0.2")
    rows["new_opinion_id"] = opinion.id
    # A desk cut off from the server handed the already handed package again: a conflict.
    gifts.handout(event, recipient_id=rows["handed_recipient_id"], desk="Bàn 9", actor="setup",
                  made_at=utcnow() - timedelta(minutes=5))
    rows["conflict_id"] = db.session.scalar(select(OfflineConflict.id).where(OfflineConflict.event_id == event.id))
    rows["spare_gift_recipient_id"] = gifts.add_recipient(event, {"name": "Hộ chưa phân bổ quà"}).id
    spare = gifts.create_package(event, {"name": "Suất quà dự phòng", "unit_value": 300000, "quantity": 5})
    gifts.add_recipient(event, {"name": "Hộ nhận quà dự phòng", "package_id": spare.id})
    rows["spare_package_id"] = spare.id
    rows["question_ids"] = [q.id for q in forum.questions(event)]
    rows["item_ids"] = [i.id for i in programme.items(event)]
    rows["codes"] = {
        "delegates": delegates.code_for(event, db.session.get(Delegate, rows["delegate_id"])),
        "gifts": gifts.code_for(event, db.session.get(GiftRecipient, rows["gift_recipient_id"])),
    }
    return rows


# ---------------------------------------------------------------- the operations

@dataclass
class Operation:
    method: str
    path: str
    spec: dict  # the operation's object
    document: dict  # the whole description, for $ref

    @property
    def label(self) -> str:
        return f"{self.method.upper()} {self.path}"

    @property
    def short(self) -> str:
        return self.path.removeprefix(EVENT_PATH)

    @property
    def public(self) -> bool:
        return self.spec.get("security") == []

    @property
    def tag(self) -> str:
        return (self.spec.get("tags") or [""])[0]

    @property
    def body_schema(self) -> dict | None:
        content = self.spec.get("requestBody", {}).get("content", {}).get("application/json")
        return content["schema"] if content else None

    @property
    def key_field(self) -> str | None:
        """The idempotency key the body takes, if any."""
        if self.body_schema is None:
            return None
        properties = resolved(self.body_schema, self.document).get("properties", {})
        return next((name for name in KEY_FIELDS if name in properties), None)


def write_operations(document: dict) -> list[Operation]:
    return [Operation(method, path, operation, document)
            for path, operations in document["paths"].items()
            for method, operation in operations.items() if method in WRITES]


def resolved(schema: dict, document: dict) -> dict:
    """The schema with its $ref followed and its allOf merged into one."""
    while "$ref" in schema:
        target = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    if "allOf" in schema:
        merged = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema["allOf"]:
            for key, value in resolved(part, document).items():
                if key == "properties":
                    merged["properties"] = {**value, **merged.get("properties", {})}
                elif key == "required":
                    merged["required"] = sorted(set(merged.get("required", [])) | set(value))
                else:
                    merged.setdefault(key, value)
        schema = merged
    return schema


def json_schema(schema: dict, document: dict) -> dict:
    """The OpenAPI 3.0 schema as plain JSON Schema (refs inlined, nullable as a null alternative)."""
    schema = dict(resolved(schema, document))
    nullable = schema.pop("nullable", False)
    schema.pop("example", None)
    for key in ("properties",):
        if key in schema:
            schema[key] = {name: json_schema(sub, document) for name, sub in schema[key].items()}
    for key in ("items",):
        if isinstance(schema.get(key), dict):
            schema[key] = json_schema(schema[key], document)
    if isinstance(schema.get("additionalProperties"), dict):
        schema["additionalProperties"] = json_schema(schema["additionalProperties"], document)
    for key in ("oneOf", "anyOf"):
        if key in schema:
            schema[key] = [json_schema(sub, document) for sub in schema[key]]
    return {"anyOf": [{"type": "null"}, schema]} if nullable else schema


# ---------------------------------------------------------------- the requests

def is_row_id(name: str, schema: dict) -> bool:
    return (name.endswith("_id") or name in ROW_NAMES or schema.get("description") == ROW_ID["description"]) \
        and schema.get("type") == "integer"


def clamp(value, schema: dict):
    if "minimum" in schema:
        value = max(value, schema["minimum"])
    if "maximum" in schema:
        value = min(value, schema["maximum"])
    return value


@dataclass
class Builder:
    """Makes one request of an operation for the event set up (`rows`)."""

    operation: Operation
    slug: str
    rows: dict
    key: str | None = None

    def row_id(self, name: str) -> int:
        area = self.operation.tag.removesuffix("s")
        for candidate in (PATH_ROWS.get((self.operation.short, name)), f"{area}_{name}", ROWS.get(name), name):
            if candidate and isinstance(self.rows.get(candidate), int):
                return self.rows[candidate]
        return 1  # an id nothing here knows: still schema-valid (and answered 404)

    def value(self, schema: dict, name: str = ""):
        schema = resolved(schema, self.operation.document)
        overrides = {**FIELD_VALUES, **OPERATION_VALUES.get((self.operation.method, self.operation.short), {})}
        if name in overrides:
            return overrides[name](self)
        if name in KEY_FIELDS:
            return self.key
        if name == "code":
            return self.rows["codes"].get(self.operation.tag) or next(iter(self.rows["codes"].values()))
        if name.startswith("expected_"):
            return None if schema.get("nullable") else schema.get("minimum", 0)
        if is_row_id(name, schema):
            return self.row_id(name)
        for source in ("example", "default"):
            if source in schema:
                return schema[source]
        if "enum" in schema:
            return schema["enum"][0]
        kind = schema.get("type") or ("object" if "properties" in schema else None)
        if kind == "string":
            return self.text(schema, name)
        if kind == "integer":
            return clamp(10, schema)
        if kind == "number":
            return clamp(0.5, schema)
        if kind == "boolean":
            return True
        if kind == "array":
            return [self.value(schema.get("items", {}), name) for _ in range(max(1, schema.get("minItems", 1)))]
        if kind == "object":
            return self.object(schema)
        return None

    def object(self, schema: dict) -> dict:
        properties = dict(schema.get("properties", {}))
        alternatives = [set(alt.get("required", [])) for alt in schema.get("oneOf", [])]
        if alternatives:  # the first alternative; a field only another one requires is left out
            for name in set().union(*alternatives[1:]) - alternatives[0]:
                properties.pop(name, None)
        made = {name: self.value(sub, name) for name, sub in properties.items()}
        extra = schema.get("additionalProperties")
        if not properties and isinstance(extra, dict):
            made = {"1": self.value(extra)}
        return made

    @staticmethod
    def text(schema: dict, name: str) -> str:
        if schema.get("format") == "date-time":
            return (utcnow() - timedelta(minutes=2)).isoformat()  # a tablet's queued action
        if schema.get("format") == "date":
            return "2024-08-15"
        low, high = schema.get("minLength", 0), schema.get("maxLength", 10_000)
        for candidate in (f"Thử {name} Ngày hội", "0912 345 678", "07:30", "2024-08-15", "a"):
            candidate = candidate[:high].ljust(low, "x")
            if not schema.get("pattern") or re.search(schema["pattern"], candidate):
                return candidate
        from hypothesis import find, strategies

        return find(strategies.from_regex(schema["pattern"]), lambda s: low <= len(s) <= high)

    def request(self, n: int, *, minimal: bool = False) -> dict:
        """Request n; `minimal`: its body only what is required (and the key)."""
        operation = self.operation
        path = operation.path
        headers, query = {}, {}
        for param in operation.spec.get("parameters", []):
            name, place = param["name"], param["in"]
            value = self.slug if name == "slug" else self.value(param.get("schema", {}), name)
            if place == "path":
                path = path.replace("{" + name + "}", str(value))
            elif place == "header":
                headers[name] = f"crowd-{n}-{name}"[: param.get("schema", {}).get("maxLength", 64)]
            elif place == "query" and param.get("required"):
                query[name] = value
        if operation.public:
            headers["X-Kiosk-Device"] = f"crowd-phone-{n}"
        else:
            headers.update(self.rows["auth"])
        body = self.value(operation.body_schema) if operation.body_schema is not None else None
        if minimal and isinstance(body, dict):
            schema = resolved(operation.body_schema, operation.document)
            kept = {*schema.get("required", []), *KEY_FIELDS, *(schema.get("oneOf") or [{}])[0].get("required", [])}
            body = {name: value for name, value in body.items() if name in kept}
        return {"path": path, "method": operation.method.upper(), "headers": headers, "query_string": query,
                "json": body, "environ_base": {"REMOTE_ADDR": f"10.1.0.{n + 1}"}}


# ---------------------------------------------------------------- the crowd

@dataclass
class Answer:
    n: int
    request: dict
    key: str | None
    status: int = 0
    json: Any = None
    text: str = ""
    error: str = ""  # a traceback: the client raised, or the app crashed (got_request_exception)

    def shown(self) -> str:
        body = json.dumps(self.json, ensure_ascii=False) if self.json is not None else self.text
        return f"request {self.n} → {self.status} {body[:600]}" + (f"\n{self.error}" if self.error else "")


def together(app, requests: list[dict], keys: list, crashes: dict) -> list[Answer]:
    """Every request from its own thread and test client, released at the same instant."""
    start = threading.Barrier(len(requests), timeout=60)
    answers = [Answer(n, request, keys[n]) for n, request in enumerate(requests)]

    def run(answer: Answer) -> None:
        client = app.test_client()
        try:
            start.wait()
            request = answer.request
            response = client.open(request["path"], method=request["method"], headers=request["headers"],
                                   query_string=request["query_string"], environ_base=request["environ_base"],
                                   **({"json": request["json"]} if request["json"] is not None else {}))
            answer.status, answer.text = response.status_code, response.get_data(as_text=True)
            answer.json = response.get_json(silent=True)
        except BaseException:  # noqa: BLE001 - reported with the others
            answer.error = traceback.format_exc()
        answer.error += "".join(crashes.pop(threading.current_thread().name, []))

    threads = [threading.Thread(target=run, args=(answer,), name=f"crowd-{uuid.uuid4().hex[:8]}-{answer.n}")
               for answer in answers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        if thread.is_alive():
            answers[threads.index(thread)].error += "still running after 120 s (a writer stuck?)"
    return answers


# ---------------------------------------------------------------- the tables

@dataclass
class Table:
    name: str
    columns: list[str]
    key: list[str]
    rows: dict = field(default_factory=dict)  # primary key -> {column: value}

    @property
    def digest(self) -> str:
        canonical = json.dumps(sorted(self.rows.items(), key=lambda kv: str(kv[0])), default=str, sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def row(self, row_id):
        return self.rows.get((row_id,))


def snapshot(app, metadata: MetaData) -> dict[str, Table]:
    """Every row of every table."""
    tables = {}
    with app.app_context():
        for table in metadata.sorted_tables:
            key = [c.name for c in table.primary_key.columns] or [c.name for c in table.columns]
            found = Table(table.name, [c.name for c in table.columns], key)
            for row in db.session.execute(select(table)).mappings():
                found.rows[tuple(row[k] for k in key)] = dict(row)
            tables[table.name] = found
        db.session.rollback()
    return tables


def new_rows(before: dict[str, Table], after: dict[str, Table]) -> dict[str, list]:
    return {name: [k for k in table.rows if k not in before[name].rows] for name, table in after.items()}


def changes(before: dict[str, Table], after: dict[str, Table], ignore=()) -> dict[str, str]:
    """Tables whose rows differ: what changed, in a few words."""
    found = {}
    for name, table in after.items():
        if name in ignore or table.digest == before[name].digest:
            continue
        old = before[name].rows
        added = [k for k in table.rows if k not in old]
        removed = [k for k in old if k not in table.rows]
        edited = [k for k in table.rows if k in old and table.rows[k] != old[k]]
        columns = sorted({c for k in edited for c in table.columns if table.rows[k][c] != old[k][c]})
        found[name] = (f"{len(old)} → {len(table.rows)} rows; added {added[:8]}, removed {removed[:8]}, "
                       f"edited {edited[:8]} ({', '.join(columns)})")
    return found


# ---------------------------------------------------------------- the checks

def created_id(answer: Any):
    """The id of what a 201 answer says it created: its `id`, else its object's."""
    if not isinstance(answer, dict):
        return None
    if isinstance(answer.get("id"), int):
        return answer["id"]
    return next((value["id"] for value in answer.values() if isinstance(value, dict)
                 and isinstance(value.get("id"), int)), None)


def check_crowd(operation: Operation, answers: list[Answer], before, after, *, mode: str = DISTINCT) -> list[str]:
    shared_key = mode != DISTINCT
    failures = []
    documented = set(operation.spec.get("responses", {}))

    # 0. No 5xx, no crash, nothing undocumented.
    for answer in answers:
        if answer.error or answer.status >= 500 or answer.status == 0:
            failures.append(f"5xx or crash: {answer.shown()}")
        elif str(answer.status) not in documented:
            failures.append(f"status {answer.status} not in the description ({sorted(documented)}): {answer.shown()}")
    if any(answer.status == 0 for answer in answers):
        return failures
    succeeded = [a for a in answers if 200 <= a.status < 300]
    grown = new_rows(before, after)

    # a. All refused: nothing changed.
    if not succeeded and all(400 <= a.status < 500 for a in answers):
        for table, what in changes(before, after, ignore=LOGS_REFUSALS).items():
            failures.append(f"all {len(answers)} refused, yet {table} changed: {what}")

    # b. Created rows are the created ids.
    created = [a for a in succeeded if a.status == 201]
    if created:
        ids = {created_id(a.json) for a in created}
        if None in ids:
            expected = 1 if shared_key else len(created)
            if not any(len(keys) == expected for keys in grown.values()):
                failures.append(f"{len(created)} answers 201 without an id: no table grew by {expected}; "
                                f"new rows: { {t: len(k) for t, k in grown.items() if k} }")
        elif not any({k[0] for k in keys} == ids for keys in grown.values()):
            failures.append(f"created ids {sorted(ids)} in the answers, but no table's new rows are these: "
                            f"new rows: { {t: [k[0] for k in keys] for t, keys in grown.items() if keys} }")

    # c. Each key stored once if answered 2xx, never if refused.
    stored = Counter(after[table].rows[k][column] for table, keys in grown.items() for k in keys
                     for column in KEY_FIELDS if column in after[table].columns and after[table].rows[k][column])
    for key in {a.key for a in answers if a.key}:
        expected = 1 if any(a.key == key and 200 <= a.status < 300 for a in answers) else 0
        if stored[key] != expected:
            failures.append(f"key {key}: stored {stored[key]} times, expected {expected} "
                            f"(answers {[a.status for a in answers if a.key == key]})")

    # d. A row deleted: one request told so.
    if operation.method == "delete" and len(succeeded) > 1:
        row_id = int(answers[0].request["path"].rstrip("/").rsplit("/", 1)[-1])
        gone = [t for t, table in before.items() if table.row(row_id) is not None and after[t].row(row_id) is None]
        if gone:
            failures.append(f"{len(succeeded)} requests told 2xx for deleting row {row_id} of {gone}")

    # e. The answers agree with the stored rows on the fields the request set.
    for answer in succeeded:
        sent = answer.request["json"] if isinstance(answer.request["json"], dict) else {}
        if not isinstance(answer.json, dict) or not isinstance(answer.json.get("id"), int):
            continue
        echoed = [f for f in sent if f in answer.json and f != "id"]
        table, row = stored_row(after, grown, answer.json["id"], echoed)
        if row is None:
            continue
        for name in echoed:
            told, kept = answer.json[name], row[name]
            if type(told) is type(kept) and isinstance(told, (str, int, float, bool)) and told != kept:
                failures.append(f"request {answer.n} was told {name}={told!r}, {table} keeps {kept!r}")

    # f. First write wins: of 8 tablets handing out the same thing, one is told "ok".
    if mode == DISTINCT and claims(operation):
        told_ok: dict = {}  # the row handed out (the answer's delegate, recipient) -> requests told "ok"
        for a in succeeded:
            if isinstance(a.json, dict) and a.json.get("status") == "ok":
                told_ok.setdefault(created_id(a.json), []).append(a.n)
        for row_id, told in told_ok.items():
            if len(told) > 1:
                failures.append(f"requests {told} were all told \"ok\" for the same hand-out (row {row_id}):\n  "
                                + "\n  ".join(a.shown() for a in answers if a.n in told))

    # The other passes: one key, one outcome.
    if shared_key:
        compared = answers if mode == ONE_KEY else succeeded  # TWO_BODIES: the other body may be refused (409)
        if len({(a.status, json.dumps(a.json, sort_keys=True), a.text if a.json is None else "")
                for a in compared}) > 1:
            failures.append(f"one key ({mode}), yet different answers:\n  " + "\n  ".join(a.shown() for a in compared))
        for table, keys in grown.items():
            if len(keys) > 1:
                failures.append(f"one key ({mode}), yet {table} gained {len(keys)} rows: {keys}")
    return failures


def claims(operation: Operation) -> bool:
    """Is the operation a hand-out: may its answer's `status` say "ok" or "already_…"?"""
    for code, response in operation.spec.get("responses", {}).items():
        schema = response.get("content", {}).get("application/json", {}).get("schema")
        if code.startswith("2") and schema:
            status = resolved(resolved(schema, operation.document).get("properties", {}).get("status", {}),
                              operation.document)
            values = status.get("enum", [])
            if "ok" in values and any(str(v).startswith("already") for v in values):
                return True
    return False


def stored_row(after: dict[str, Table], grown: dict, row_id: int, fields: list[str]):
    """The row an answer describes: of the tables holding a row with this id, the
    new one if a table made it now, else the one sharing most of the fields."""
    candidates = [(name, table.row(row_id)) for name, table in after.items()
                  if table.key == ["id"] and table.row(row_id) is not None]
    fresh = [(name, row) for name, row in candidates if (row_id,) in grown[name]]
    if fresh:
        candidates = fresh
    scored = sorted(((sum(f in row for f in fields), name, row) for name, row in candidates), reverse=True)
    if not scored or scored[0][0] == 0:
        return None, None
    return scored[0][1], scored[0][2]


# ---------------------------------------------------------------- the test

@dataclass
class Run:
    operation: Operation
    mode: str
    statuses: Counter
    seconds: float
    failures: list[str]

    @property
    def label(self) -> str:
        return self.operation.label + (f" [{self.mode}]" if self.mode != DISTINCT else "")


def crowd(app, metadata, operation: Operation, auth: dict, crashes: dict, *, mode: str = DISTINCT) -> Run:
    began = time.monotonic()
    with app.app_context():
        event = make_event()
        rows = set_up(event)
        prepare = PREPARE.get((operation.method, operation.short))
        if prepare:
            prepare(event, rows)
        slug = event.slug
    rows["auth"] = auth
    one_key = str(uuid.uuid4())
    keys = [(str(uuid.uuid4()) if mode == DISTINCT else one_key) if operation.key_field else None
            for _ in range(CROWD)]
    # Online and offline tablets, full forms and bare ones: odd requests send only
    # what is required (and the key); with one key (ONE_KEY), every body is the same.
    requests = [Builder(operation, slug, rows, keys[n]).request(n, minimal=n % 2 == 1 and mode != ONE_KEY)
                for n in range(CROWD)]

    if operation.body_schema is not None:  # a bad request is this test's bug, not the app's
        validator = jsonschema.Draft7Validator(json_schema(operation.body_schema, operation.document),
                                               format_checker=jsonschema.FormatChecker())
        errors = [f"{request['json']}: {e.message}" for request in requests[:2]
                  for e in validator.iter_errors(request["json"])]
        if errors:
            return Run(operation, mode, Counter(), 0.0, [f"TEST BUG: a generated body breaks its schema: {errors}"])

    before = snapshot(app, metadata)
    answers = together(app, requests, keys, crashes)
    after = snapshot(app, metadata)
    failures = check_crowd(operation, answers, before, after, mode=mode)
    return Run(operation, mode, Counter(a.status for a in answers), time.monotonic() - began, failures)


def test_every_write_operation_under_a_crowd(database_url, tmp_path):
    began = time.monotonic()
    app = make_test_app(database_url, tmp_path, PROPAGATE_EXCEPTIONS=False)
    crashes: dict[str, list[str]] = {}

    def crashed(sender, exception, **extra):
        crashes.setdefault(threading.current_thread().name, []).append(
            "".join(traceback.format_exception(exception)))

    got_request_exception.connect(crashed, app)
    try:
        document = app.test_client().get("/api/v1/openapi.json").get_json()
        operations = write_operations(document)
        assert operations, "the description has no write operation"
        with app.app_context():
            auth = bearer("admin")
            metadata = MetaData()
            metadata.reflect(bind=db.engine)
        runs = []
        for operation in operations:
            for mode in (DISTINCT, ONE_KEY, TWO_BODIES) if operation.key_field else (DISTINCT,):
                runs.append(crowd(app, metadata, operation, auth, crashes, mode=mode))
    finally:
        got_request_exception.disconnect(crashed, app)
        with app.app_context():
            for engine in db.engines.values():
                engine.dispose()

    database = database_url.split(":", 1)[0]
    summary = [f"{run.label:85} {dict(sorted(run.statuses.items()))} {run.seconds:.2f}s" for run in runs]
    print(f"\n{database}: {len(operations)} write operations, {len(runs)} crowds of {CROWD}, "
          f"{time.monotonic() - began:.1f}s\n" + "\n".join(summary))
    failed = [run for run in runs if run.failures]
    report = "\n\n".join(f"{run.label} {dict(run.statuses)}:\n  " + "\n  ".join(run.failures) for run in failed)
    assert not failed, f"{len(failed)} of {len(runs)} crowds failed on {database}:\n\n{report}"
