"""The one way state reaches screens.

Services call publish() (or publish_state()), and inside a write transaction
the push waits for its commit (kiosk.transactions.after_write); Socket.IO
carries it, in-process or through Redis when several server processes share
KIOSK_MESSAGE_QUEUE.

Each area registers the parts of an event's live state it owns with
@state_part, naming who may see each: the public (the big screen), or the
holders of a permission, exactly as the HTTP API would answer them (the
moderation queue only to those who may moderate). A connection joins its
event's public room and one room per permission its principal holds; a screen
that connects or reconnects is sent all the parts it may see at once, so it
never shows a stale item.

close_connections() ends the live connections of a revoked credential, in
every server process."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import socketio as python_socketio
from flask import current_app

from kiosk.auth.roles import Permission
from kiosk.extensions import socketio
from kiosk.transactions import after_write

PUBLIC = "public"

# name -> (the audiences that may see it: PUBLIC or permissions, any of; fn(event) -> dict)
_parts: dict[str, tuple[tuple[str, ...], Callable[[Any], dict]]] = {}


def room(event_slug: str, audience: str) -> str:
    return f"event:{event_slug}:{audience}"


def publish(event_slug: str, topic: str, payload: dict, *, audience: str | tuple[str, ...] = PUBLIC) -> None:
    """Send `payload` as Socket.IO event `topic` to the event's `audience` (PUBLIC,
    a permission, or several: each connection gets it once), once the write
    transaction under way, if any, has committed."""
    audiences = (audience,) if isinstance(audience, str) else audience
    rooms = [room(event_slug, a) for a in audiences]
    after_write(lambda: socketio.emit(topic, payload, to=rooms if len(rooms) > 1 else rooms[0]))


def state_part(name: str, *, audience: str | Permission | tuple[Permission, ...]):
    """Register `fn(event) -> dict` as the part `name` of the event's live state,
    seen by `audience`: PUBLIC, or the holders of a permission (any of several)."""
    audiences = (audience,) if isinstance(audience, str) else tuple(audience)

    def register(fn: Callable[[Any], dict]):
        _parts[name] = (tuple(str(a) for a in audiences), fn)
        return fn

    return register


def audiences_of(principal, event) -> set[str]:
    """PUBLIC and every permission of a part's audience that `principal` holds for `event`."""
    found = {PUBLIC}
    if principal is None:
        return found
    wanted = {a for audiences, _ in _parts.values() for a in audiences if a != PUBLIC}
    return found | {a for a in wanted if principal.can(Permission(a), event)}


def publish_state(event, *names: str) -> None:
    """Push the named parts, recomputed, to their audiences as topic "state".

    Parts are coalesced: a burst of check-ins marks "attendance" stale a
    hundred times, and screens get it recomputed once per KIOSK_LIVE_COALESCE
    seconds (0: at once, as the unit tests want). The request that changed
    the state never waits for the recomputation. Asked for inside a write
    transaction, the push waits for its commit."""
    after_write(lambda: _push_or_mark(event, names))


def _push_or_mark(event, names) -> None:
    delay = current_app.config.get("KIOSK_LIVE_COALESCE", 0)
    if not delay:
        push_parts(event, names)
        return
    _coalescer(current_app._get_current_object(), delay).mark(event.id, names)


def push_parts(event, names) -> None:
    by_audience: dict[tuple[str, ...], dict] = {}
    for name in names:
        audiences, compute = _parts[name]
        by_audience.setdefault(audiences, {})[name] = compute(event)
    for audiences, parts in by_audience.items():
        publish(event.slug, "state", parts, audience=audiences)


def current_state(event, principal) -> dict:
    """Every part `principal` may see (None: what the public sees): what a
    (re)connecting screen gets, and what a page starts from."""
    mine = audiences_of(principal, event)
    return {name: compute(event) for name, (audiences, compute) in _parts.items() if mine & set(audiences)}


class Coalescer:
    """One background thread per server process that pushes stale parts.

    It waits `delay` after the first change, so a burst becomes one push, and
    rests twice as long as the last recomputation took, so a large event's
    lists never take more than about a third of a core."""

    def __init__(self, app, delay: float):
        self.app, self.delay = app, delay
        self.stale: dict[int, set[str]] = {}
        self.lock = threading.Lock()
        self.changed = threading.Event()
        socketio.start_background_task(self.run)

    def mark(self, event_id: int, names) -> None:
        with self.lock:
            self.stale.setdefault(event_id, set()).update(names)
        self.changed.set()

    def run(self) -> None:
        while True:
            self.changed.wait()
            time.sleep(self.delay)
            with self.lock:
                batch, self.stale = self.stale, {}
                self.changed.clear()
            started = time.monotonic()
            try:
                self.push(batch)
            except Exception:  # noqa: BLE001 - a failed push must not stop the next ones
                self.app.logger.exception("live push failed")
            time.sleep(2 * (time.monotonic() - started))

    def push(self, batch: dict[int, set[str]]) -> None:
        from kiosk.events.models import Event
        from kiosk.extensions import db

        with self.app.app_context():
            try:
                for event_id, names in batch.items():
                    event = db.session.get(Event, event_id)
                    if event is not None:
                        push_parts(event, sorted(names))
            finally:
                db.session.remove()


_coalescers: dict[int, Coalescer] = {}
_coalescers_lock = threading.Lock()


def _coalescer(app, delay: float) -> Coalescer:
    with _coalescers_lock:
        if id(app) not in _coalescers:
            _coalescers[id(app)] = Coalescer(app, delay)
        return _coalescers[id(app)]


# ---------------------------------------------------------------- closing connections

def close_connections(room_name: str) -> None:
    """Disconnect every live connection in `room_name` (a revoked credential's),
    in this process and, through the message queue, in the others; after the
    write transaction under way has committed."""
    after_write(lambda: _close(room_name))


def _close(room_name: str) -> None:
    manager = socketio.server.manager if socketio.server else None
    if manager is None:
        return
    if isinstance(manager, ClosingRedisManager):
        manager.disconnect_room(room_name, "/")
    else:
        disconnect_here(manager, room_name, "/")


def disconnect_here(manager, room_name: str, namespace: str) -> None:
    for sid, _eio_sid in list(manager.get_participants(namespace, room_name)):
        manager.server.disconnect(sid, namespace=namespace, ignore_queue=True)


class ClosingRedisManager(python_socketio.RedisManager):
    """python-socketio's Redis manager, which can also disconnect everyone in a
    room across processes (it only knows the participants of its own process):
    the request travels as a close_room message marked for disconnecting."""

    def disconnect_room(self, room_name: str, namespace: str) -> None:
        disconnect_here(self, room_name, namespace)
        self._publish({"method": "close_room", "room": room_name, "namespace": namespace, "host_id": self.host_id,
                       "kiosk_disconnect": True})

    def _handle_close_room(self, message):
        if message.get("kiosk_disconnect"):
            disconnect_here(self, message.get("room"), message.get("namespace") or "/")
        else:
            super()._handle_close_room(message)
