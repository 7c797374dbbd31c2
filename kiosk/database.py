"""The declarative base, column types shared by every area, and the
per-connection settings that make SQLite safe for a venue day."""

from __future__ import annotations

from datetime import datetime, timezone

from flask_sqlalchemy.session import Session
from sqlalchemy import DateTime, MetaData, String, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapper
from sqlalchemy.types import TypeDecorator

from kiosk.text import CONTROLS, without_controls

# Stable constraint names, so Alembic migrations can alter them on SQLite and PostgreSQL alike.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Model(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class WritePathSession(Session):
    """In a write transaction (kiosk.transactions.writing) a row looked up by
    its key is read again even when the session holds it: the check it serves
    must see what the writer before this one committed."""

    def get(self, entity, ident, **options):
        if self.info.get("writing"):
            options.setdefault("populate_existing", True)
        return super().get(entity, ident, **options)


# On every mapper (listening on `Model` itself reaches no model: Flask-SQLAlchemy
# builds db.Model from it, and the mapped classes derive from that).
@event.listens_for(Mapper, "before_insert")
@event.listens_for(Mapper, "before_update")
def _no_control_characters(mapper, connection, target) -> None:
    """Whatever path a text took (a form, an import, the API, a script), no
    control character is stored: one would make every export of it fail for
    good (kiosk.fields cleans what people type; this is the last guard)."""
    for attribute in mapper.column_attrs:
        if isinstance(attribute.columns[0].type, String):
            value = target.__dict__.get(attribute.key)
            if isinstance(value, str) and CONTROLS.search(value):
                setattr(target, attribute.key, without_controls(value))


class UTCDateTime(TypeDecorator):
    """Stored as naive UTC (SQLite keeps no zone), always handed back aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware one (utcnow())")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """WAL so readers never wait for the writer; synchronous FULL so no write a
    tablet saw acknowledged is lost on power loss; foreign keys enforced."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn):
    """A transaction that will write starts with BEGIN IMMEDIATE, taking the
    write lock up front: a deferred one that later upgrades can fail at once
    with "database is locked" when another tablet wrote in between."""
    if conn.dialect.name != "sqlite":
        return
    if conn.get_execution_options().get("sqlite_immediate"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")
