"""The one write path: every transaction that changes the database goes through
writing() (or a service decorated with @writes), and nothing else can write.

On the day many people write at once: four gates, two organizers, a hall full
of phones. Writers take turns, in the order they arrive, and each check they
make ("is there stock left", "was this key used", "how many sends this hour")
sees every write committed before theirs:
- SQLite: a gate (a thread lock, and an flock between processes) and then
  BEGIN IMMEDIATE, so a writer never meets "database is locked";
- PostgreSQL: a transaction-scoped advisory lock, so a check and the write it
  allows cannot interleave with another writer's (no check-then-write races).

A session flush, an INSERT, UPDATE or DELETE outside writing() raises
WriteOutsidePath: a service that forgets fails its first test, not the day.

Live pushes asked for inside a write transaction are sent after it commits
(never for a change that was rolled back), and without holding the writers up.

redeem() is the shape of every hand-out (check-in, award, gift): first write
wins, keyed by the tablet's idempotency key, logged with its answer, replayed."""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from sqlalchemy import event, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.sql.elements import TextClause

from kiosk.extensions import db
from kiosk.fields import KioskError

try:
    import fcntl
except ImportError:  # Windows: one process, the thread lock alone
    fcntl = None

# The PostgreSQL advisory lock every writer takes (any constant: "NHK" for Ngày hội Kiosk).
POSTGRES_WRITE_LOCK = 0x4E484B


class WriteOutsidePath(RuntimeError):
    """A programming error: a change reached the database outside writing()."""


# ---------------------------------------------------------------- writing()

def in_write() -> bool:
    return bool(db.session().info.get("writing"))


@contextmanager
def writing() -> Iterator[None]:
    """One write transaction: wait for the turn, run the block, commit (or roll
    back on any exception and re-raise), then send the live pushes it asked for.
    Inside another writing() block it is part of the outer transaction."""
    session = db.session()
    if session.info.get("writing"):
        yield
        return
    begin(session)
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        session.info.pop("after_write", None)
        raise
    for action in session.info.pop("after_write", []):
        action()


def writes(service: Callable) -> Callable:
    """A service function whose whole body is one write transaction."""

    @wraps(service)
    def wrapped(*args, **kwargs):
        with writing():
            return service(*args, **kwargs)

    return wrapped


def after_write(action: Callable[[], None]) -> None:
    """Run `action` once the current write transaction has committed (at once
    outside one). Live pushes go this way: screens never hear of a change that
    was rolled back, and writers are not held up while parts are recomputed."""
    session = db.session()
    if session.info.get("writing"):
        session.info.setdefault("after_write", []).append(action)
    else:
        action()


def begin(session: Session) -> None:
    """Start the session's next transaction as a writer. A read-only
    transaction the request opened (loading the event, the user) ends first.
    What the writer reads from here on is read afresh, objects the session
    already holds included (database.WritePathSession, _statements_in_write_path):
    another writer may have changed them while this one waited for its turn."""
    if session.in_transaction():
        session.commit()  # nothing to flush: a change made outside writing() has raised already
    gate = write_gate(session)
    if gate is not None:
        gate.acquire()
        session.info["write_gate"] = gate
    try:
        connection = session.connection(execution_options={"sqlite_immediate": True})
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": POSTGRES_WRITE_LOCK})
    except BaseException:
        session.rollback()
        raise
    session.info["writing"] = True


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
    """The gate of the session's SQLite file; None for PostgreSQL (the advisory lock queues writers)."""
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
        session.info.pop("writing", None)
        gate = session.info.pop("write_gate", None)
        if gate is not None:
            gate.release()


# ---------------------------------------------------------------- the guard

@event.listens_for(Session, "before_flush")
def _refuse_flush_outside(session, flush_context, instances) -> None:
    if session.info.get("writing"):
        return
    if session.new or session.deleted or any(session.is_modified(obj) for obj in session.dirty):
        changed = [type(obj).__name__ for obj in [*session.new, *session.deleted, *session.dirty]]
        raise WriteOutsidePath(f"changes to {', '.join(sorted(set(changed)))} outside writing()")


DML = re.compile(r"^\s*(insert|update|delete|replace|merge)\b", re.IGNORECASE)


@event.listens_for(Session, "do_orm_execute")
def _statements_in_write_path(state) -> None:
    """Inside the write path every ORM read refreshes the objects it finds (a
    check must see what the writer before committed); outside it, no write."""
    if state.session.info.get("writing"):
        if state.is_select:
            state.update_execution_options(populate_existing=True)
        return
    statement = state.statement
    if state.is_insert or state.is_update or state.is_delete or (
            isinstance(statement, TextClause) and DML.match(statement.text)):
        raise WriteOutsidePath(f"{str(statement).split()[0]} outside writing()")


# ---------------------------------------------------------------- idempotency keys

class KeyReused(KioskError):
    """A tablet's idempotency key came back with a different request: refused,
    never answered with what another request was told."""

    status = 409
    code = "key_reused"

    def __init__(self, message: str = "Mã thao tác (request_id) này đã được dùng cho một thao tác khác. "
                                      "Tải lại trang rồi thực hiện lại."):
        super().__init__(message)


def request_digest(request: dict) -> str:
    """What a request asked for, as a short fingerprint kept beside its key."""
    canonical = json.dumps(request, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def earlier_answer(log_model, key_column, event, key: str | None, digest: str | None = None):
    """The answer a retried request (same scan_id / request_id) got the first
    time, from the log that keeps every attempt; None for a new request. The
    same key with another request (`digest` differs) is refused with KeyReused."""
    if not key:
        return None
    row = db.session.execute(select(log_model.answer, log_model.request_digest)
                             .where(log_model.event_id == event.id, key_column == key)).first()
    if row is None:
        return None
    if digest and row.request_digest and row.request_digest != digest:
        raise KeyReused()
    return row.answer


# ---------------------------------------------------------------- first write wins

@dataclass
class Claim:
    """UPDATE row SET values WHERE row is still `unclaimed`: of two tablets
    racing, exactly one changes the row."""

    row: Any
    unclaimed: list
    values: dict


@dataclass
class Settled:
    """What the service makes of the claim: the answer, the log row's other
    columns, and anything else to add in the same transaction (`also`, given
    the flushed log row: a conflict record)."""

    answer: dict
    log: dict = field(default_factory=dict)
    also: Callable[[Any], None] | None = None


def redeem(event, *, log_model, key_column, key: str | None, request: dict, claim: Claim | None,
           settle: Callable[[bool], Settled], publish: Callable[[], None] | None = None) -> dict:
    """A hand-out, the way pretix checks a ticket in: in one write transaction,
    a key seen before gets the answer it got (KeyReused if it asked for
    something else); the claim is tried (None: refused before any claim, a
    forged code); `settle(won)` builds the answer, which the log row keeps with
    the key; `publish` runs after the commit when the claim was won. A retry
    that raced in on another connection (IntegrityError on the key) is answered
    as the first was."""
    digest = request_digest(request)
    try:
        with writing():
            earlier = earlier_answer(log_model, key_column, event, key, digest)
            if earlier is not None:
                return earlier
            won = claim is not None and take(claim)
            settled = settle(won)
            log = log_model(event_id=event.id, answer=settled.answer, request_digest=digest,
                            **{key_column.key: key or None}, **settled.log)
            db.session.add(log)
            if settled.also is not None:
                db.session.flush()
                settled.also(log)
            if won and publish is not None:
                after_write(publish)
    except IntegrityError:
        replay = earlier_answer(log_model, key_column, event, key, digest) if key else None
        if replay is None:
            raise
        return replay
    return settled.answer


def take(claim: Claim) -> bool:
    """The conditional UPDATE; the row object is given what was written without reading it back."""
    model = type(claim.row)
    won = db.session.execute(
        update(model).where(model.id == claim.row.id, *claim.unclaimed).values(**claim.values)
        .execution_options(synchronize_session=False)
    ).rowcount == 1
    if won:
        for name, value in claim.values.items():
            set_committed_value(claim.row, name, value)
    else:
        db.session.refresh(claim.row)
    return won


def made_once(model, key, make: Callable[[], Any]):
    """The row of `model` with primary key `key`, made by `make()` the first
    time anyone asks (a settings row, a stage): several screens asking at once
    make it once, in the write path."""
    row = db.session.get(model, key)
    if row is None:
        with writing():
            row = db.session.get(model, key)
            if row is None:
                row = make()
                db.session.add(row)
                db.session.flush()
    return row
