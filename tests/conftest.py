"""Fixtures: an app over a real database (a SQLite file always, the local
PostgreSQL when reachable), its test client, a Socket.IO test client, the CLI
runner, and factory helpers (tests/factories.py)."""

from __future__ import annotations

import os
import uuid
from functools import lru_cache

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from kiosk import create_app
from kiosk.extensions import db, socketio

POSTGRES_URL = os.environ.get("KIOSK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@lru_cache
def postgres_unreachable_reason() -> str | None:
    try:
        engine = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as error:  # noqa: BLE001 - any failure means: skip, and say why
        return f"PostgreSQL at {make_url(POSTGRES_URL).render_as_string(hide_password=True)} unreachable: {error}"


def postgres_schema_url() -> tuple[str, str]:
    """A fresh schema of the test database, and a URL whose connections use it."""
    schema = f"kiosk_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False), schema


def drop_postgres_schema(schema: str) -> None:
    engine = create_engine(POSTGRES_URL)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Every test that uses the database runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
        return
    reason = postgres_unreachable_reason()
    if reason:
        if os.environ.get("KIOSK_REQUIRE_POSTGRES"):
            pytest.fail(reason)
        pytest.skip(f"skipped on PostgreSQL: {reason}")
    url, schema = postgres_schema_url()
    yield url
    drop_postgres_schema(schema)


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"


def make_test_app(database_url: str, tmp_path, **overrides):
    config = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "KIOSK_MESSAGE_QUEUE": None,
        "KIOSK_LIVE_COALESCE": 0,  # pushes at once; tests/events/test_live.py covers the coalescing
        # The real hash is scrypt; a cheap one keeps the suite fast.
        "KIOSK_PASSWORD_HASH": "pbkdf2:sha256:1000",
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture
def app(database_url, tmp_path):
    """The app, with no context pushed: each request gets its own, as in the
    server. Tests prepare data inside `with app.app_context():`."""
    app = make_test_app(database_url, tmp_path)
    yield app
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def socket_client(app, client):
    """socket_client(auth=...) connects a Socket.IO test client (sharing the
    Flask test client's cookies); all are disconnected at the end."""
    made = []

    def connect(auth=None, flask_client=None):
        sio = socketio.test_client(app, flask_test_client=flask_client or client, auth=auth)
        made.append(sio)
        return sio

    yield connect
    for sio in made:
        if sio.is_connected():
            sio.disconnect()
