"""The one way state reaches screens.

Services call publish() (or publish_state()) after they commit; Socket.IO
carries it, in-process or through Redis when several server processes share
KIOSK_MESSAGE_QUEUE. Every connection joins its event's "public" room (what
the big screen may show); staff connections also join "staff" (names,
figures, scripts).

Each area registers the parts of an event's live state it owns with
@state_part; a screen that connects or reconnects is sent all the parts it may
see at once, so it never shows a stale item."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk.extensions import socketio

PUBLIC = "public"
STAFF = "staff"

_parts: dict[str, tuple[str, Callable[[Any], dict]]] = {}


def room(event_slug: str, audience: str) -> str:
    return f"event:{event_slug}:{audience}"


def publish(event_slug: str, topic: str, payload: dict, *, audience: str = STAFF) -> None:
    """Send `payload` as Socket.IO event `topic` to the event's `audience`."""
    socketio.emit(topic, payload, to=room(event_slug, audience))


def state_part(name: str, *, audience: str = STAFF):
    """Register `fn(event) -> dict` as the part `name` of the event's live state."""

    def register(fn: Callable[[Any], dict]):
        _parts[name] = (audience, fn)
        return fn

    return register


def publish_state(event, *names: str) -> None:
    """Recompute the named parts and push each to its audience as topic "state"."""
    by_audience: dict[str, dict] = {}
    for name in names:
        audience, compute = _parts[name]
        by_audience.setdefault(audience, {})[name] = compute(event)
    for audience, parts in by_audience.items():
        publish(event.slug, "state", parts, audience=audience)


def current_state(event, audiences: set[str]) -> dict:
    """Every part the given audiences may see: what a (re)connecting screen gets."""
    return {name: compute(event) for name, (audience, compute) in _parts.items() if audience in audiences}
