"""Schemathesis against /api/v1: requests generated from the OpenAPI description
(valid ones and, in the coverage phase, invalid ones) sent to the app in-process
over a real SQLite file with the demo event, as its organizer. No answer may be
a 5xx, and every answer must be one the description lists, with its content
type and schema.

The run is repeatable (fixed seed, no example database): about 3,600 requests
over the 71 operations. To shake out more, run it with many more examples, another
seed, or on PostgreSQL:

    KIOSK_SCHEMATHESIS_EXAMPLES=200 KIOSK_SCHEMATHESIS_SEED=7 KIOSK_SCHEMATHESIS_DATABASE=postgresql \
        .venv/bin/python -m pytest tests/api/test_schemathesis.py

(The schema is loaded at import and parametrized, not through
schemathesis.pytest.from_fixture, whose loader does not run on pytest 9.)
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.config import SchemathesisConfig

from kiosk.api.openapi import described
from kiosk.auth import service as accounts
from kiosk.auth.roles import Role
from kiosk.awards import service as awards
from kiosk.demo import SLUG, build_demo
from kiosk.extensions import db
from kiosk.forum import service as forum
from kiosk.programme.service import send_mc_message
from tests.conftest import drop_postgres_schema, make_test_app, postgres_schema_url, postgres_unreachable_reason

EXAMPLES = int(os.environ.get("KIOSK_SCHEMATHESIS_EXAMPLES", "8"))
SEED = int(os.environ.get("KIOSK_SCHEMATHESIS_SEED", "20240815"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# Path parameters and body fields that name a row: mostly one of the demo's
# rows (a fresh database numbers them from 1), so that requests reach the
# services, sometimes whatever is generated (unknown ids must give 404).
ROW_IDS = {"item_id": 15, "message_id": 3, "activity_id": 8, "delegate_id": 200, "decision_id": 4,
           "form_id": 8, "batch_id": 8, "recipient_id": 40, "opinion_id": 8, "package_id": 4, "conflict_id": 3,
           "into": 8, "after_item": 15, "speaker_delegate_id": 200, "presenter_delegate_id": 200}
CONFIG = SchemathesisConfig.from_dict({
    "seed": SEED,
    "dictionaries": {name: {"values": list(range(1, top + 1))} for name, top in ROW_IDS.items()},
    "parameters": {
        "path.slug": SLUG,
        **{f"path.{name}": {"dictionary": name, "probability": 0.8} for name in ROW_IDS},
        **{f"body.{name}": {"dictionary": name, "probability": 0.5} for name in ROW_IDS},
    },
    "generation": {"mode": "all", "max-examples": EXAMPLES, "deterministic": True, "database": "none",
                   "with-security-parameters": False},
    # The coverage phase's unexpected methods only meet Flask's 405, which no check here looks at.
    "phases": {"stateful": {"enabled": False}, "coverage": {"unexpected-methods": []}},
})
schema = schemathesis.openapi.from_dict(described(), config=CONFIG)


@pytest.fixture(scope="module")
def demo_api(tmp_path_factory):
    """The app over a SQLite file (KIOSK_SCHEMATHESIS_DATABASE=postgresql: a
    schema of the test PostgreSQL) holding the demo event with its award
    batches planned, and an organizer's token."""
    folder = database_folder = tmp_path_factory.mktemp("schemathesis")
    postgres_schema = None
    if os.environ.get("KIOSK_SCHEMATHESIS_DATABASE") == "postgresql":
        if postgres_unreachable_reason():
            pytest.skip(postgres_unreachable_reason())
        url, postgres_schema = postgres_schema_url()
    else:
        # The SQLite file in memory-backed /dev/shm where there is one: the same
        # database, without waiting for the disk at every commit (synchronous=FULL).
        memory = Path("/dev/shm")
        if memory.is_dir() and os.access(memory, os.W_OK):
            database_folder = Path(tempfile.mkdtemp(prefix="kiosk-schemathesis-", dir=memory))
        url = f"sqlite:///{database_folder / 'kiosk.sqlite3'}"
    # A 5xx comes back as the response a tablet would get, for the checks to see.
    app = make_test_app(url, folder, PROPAGATE_EXCEPTIONS=False)
    with app.app_context():
        event = build_demo().event
        send_mc_message(event, "Chuẩn bị mời đại biểu lên trao thưởng")
        for form_id in awards.limit_warnings(event):
            awards.acknowledge_warnings(event, form_id, "Ban Tổ chức")
        awards.plan_batches(event, 8)
        # Citizens' calls get through the rate limits, so their fields are checked too.
        forum.update_settings(event, {"per_device_per_hour": 10000, "per_address_per_hour": 10000,
                                      "min_seconds_between": 0})
        organizer = accounts.add_user("st-btc", "mat-khau-thu-nghiem", Role.ORGANIZER, event=event)
        token = accounts.issue_token(organizer, "schemathesis")
    yield app, {"Authorization": f"Bearer {token}"}
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()
    if postgres_schema:
        drop_postgres_schema(postgres_schema)
    if database_folder != folder:
        shutil.rmtree(database_folder, ignore_errors=True)


@schema.parametrize()
def test_api_conforms_to_its_description(case, demo_api):
    app, headers = demo_api
    case.call_and_validate(app=app, headers=headers, checks=CHECKS)
