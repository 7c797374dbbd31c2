"""The one way state reaches screens.

Services call publish() (or publish_state()), and inside a write transaction
the push waits for its commit (kiosk.transactions.after_write); Socket.IO
carries it, in-process or through Redis when several server processes share
KIOSK_MESSAGE_QUEUE. Every connection joins its event's "public" room (what
the big screen may show); staff connections also join "staff" (names,
figures, scripts).

Each area registers the parts of an event's live state it owns with
@state_part; a screen that connects or reconnects is sent all the parts it may
see at once, so it never shows a stale item."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from flask import current_app

from kiosk.extensions import socketio
from kiosk.transactions import after_write

PUBLIC = "public"
STAFF = "staff"

_parts: dict[str, tuple[str, Callable[[Any], dict]]] = {}


def room(event_slug: str, audience: str) -> str:
    return f"event:{event_slug}:{audience}"


def publish(event_slug: str, topic: str, payload: dict, *, audience: str = STAFF) -> None:
    """Send `payload` as Socket.IO event `topic` to the event's `audience`
    (once the write transaction under way, if any, has committed)."""
    after_write(lambda: socketio.emit(topic, payload, to=room(event_slug, audience)))


def state_part(name: str, *, audience: str = STAFF):
    """Register `fn(event) -> dict` as the part `name` of the event's live state."""

    def register(fn: Callable[[Any], dict]):
        _parts[name] = (audience, fn)
        return fn

    return register


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
    by_audience: dict[str, dict] = {}
    for name in names:
        audience, compute = _parts[name]
        by_audience.setdefault(audience, {})[name] = compute(event)
    for audience, parts in by_audience.items():
        publish(event.slug, "state", parts, audience=audience)


def current_state(event, audiences: set[str]) -> dict:
    """Every part the given audiences may see: what a (re)connecting screen gets."""
    return {name: compute(event) for name, (audience, compute) in _parts.items() if audience in audiences}


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
