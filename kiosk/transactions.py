"""Write transactions that do not trip over each other on SQLite."""

from sqlalchemy import select

from kiosk.extensions import db


def begin_write() -> None:
    """Start the session's next transaction as a writer.

    On SQLite this is BEGIN IMMEDIATE (see kiosk.database): the write lock is
    taken first, so two tablets writing at once queue instead of one failing
    with "database is locked". A read-only transaction the route may have
    opened (loading the event) is ended first. On PostgreSQL it is a plain BEGIN."""
    session = db.session()
    if session.in_transaction():
        session.commit()
    session.connection(execution_options={"sqlite_immediate": True})


def earlier_answer(log_model, key_column, event, key: str | None):
    """The answer a retried request (same scan_id / request_id) got the first
    time, from the log that keeps every attempt; None for a new request."""
    if not key:
        return None
    return db.session.scalar(select(log_model.answer).where(log_model.event_id == event.id, key_column == key))
