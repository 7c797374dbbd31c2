"""Write transactions that do not trip over each other on SQLite."""

from __future__ import annotations

import os
import threading

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from kiosk.extensions import db

try:
    import fcntl
except ImportError:  # Windows: one process, the thread lock alone
    fcntl = None


def begin_write() -> None:
    """Start the session's next transaction as a writer.

    On SQLite this is BEGIN IMMEDIATE (see kiosk.database): the write lock is
    taken first, so two tablets writing at once queue instead of one failing
    with "database is locked". A read-only transaction the route may have
    opened (loading the event) is ended first. On PostgreSQL it is a plain BEGIN."""
    session = db.session()
    if session.in_transaction():
        session.commit()
    gate = write_gate(session)
    if gate is not None:
        gate.acquire()
        session.info["write_gate"] = gate
    try:
        session.connection(execution_options={"sqlite_immediate": True})
    except BaseException:
        session.rollback()
        raise


class WriteGate:
    """Writers to one SQLite file take turns here, before BEGIN IMMEDIATE.

    SQLite itself makes a second writer sleep and retry (1, 2, 5 ... 100 ms
    steps), so under a burst of check-ins most of the time went to sleeping.
    Here a writer waits on a lock instead and starts the moment the previous
    one commits: a thread lock within the process, and an flock on a file
    beside the database between processes (several workers on one machine)."""

    def __init__(self, database_path: str):
        self.lock_path = database_path + ".writer-lock"
        self.threads = threading.Lock()
        self.file = None
        self.pid = None

    def acquire(self) -> None:
        self.threads.acquire()
        if fcntl is None:
            return
        try:
            if self.pid != os.getpid():  # a worker forked with its parent's file
                self.file, self.pid = open(self.lock_path, "a+b"), os.getpid()  # noqa: SIM115
            fcntl.flock(self.file, fcntl.LOCK_EX)
        except BaseException:
            self.threads.release()
            raise

    def release(self) -> None:
        try:
            if fcntl is not None and self.file is not None:
                fcntl.flock(self.file, fcntl.LOCK_UN)
        finally:
            self.threads.release()


_gates: dict[str, WriteGate] = {}
_gates_lock = threading.Lock()


def write_gate(session) -> WriteGate | None:
    """The gate of the session's SQLite file; None for PostgreSQL (it queues writers itself)."""
    url = session.get_bind().url
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    path = os.path.abspath(url.database)
    with _gates_lock:
        return _gates.setdefault(path, WriteGate(path))


@event.listens_for(Session, "after_transaction_end")
def _open_gate(session, transaction) -> None:
    """The write transaction is over (committed or rolled back): the next writer may go."""
    if transaction.parent is None:
        gate = session.info.pop("write_gate", None)
        if gate is not None:
            gate.release()


def earlier_answer(log_model, key_column, event, key: str | None):
    """The answer a retried request (same scan_id / request_id) got the first
    time, from the log that keeps every attempt; None for a new request."""
    if not key:
        return None
    return db.session.scalar(select(log_model.answer).where(log_model.event_id == event.id, key_column == key))
