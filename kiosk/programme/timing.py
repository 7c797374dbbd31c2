"""The timing math of the run-of-show, pure: no database, no clock of its own.

Terms (as Ontime uses them):
- an item's *elapsed* time runs while it is current and not paused;
- its *remaining* time is its planned duration plus any added time, less
  elapsed; below zero the item is in overtime, which keeps counting;
- the ceremony's *projected end* is now + what is left of the current item +
  the planned durations of the items still to come;
- the *offset* (over/under) is projected end minus planned end, where the
  planned end counts the planned durations from when the ceremony actually
  started: positive means running late (over), negative early (under). It
  exists only once the ceremony has started; after the end it is the final
  over/under of the whole ceremony. Before the start there is none: a
  ceremony that has not begun is neither late nor early (a date long past
  would otherwise read as "late by a million minutes")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

IDLE, RUNNING, PAUSED, ENDED = "idle", "running", "paused", "ended"


@dataclass(frozen=True)
class PlannedItem:
    id: int
    planned_seconds: int
    status: str  # pending, current, done, skipped
    added_seconds: int = 0
    hard_start: datetime | None = None  # a fixed start ("the leader arrives at 09:30")


@dataclass(frozen=True)
class Clock:
    """The live clock of the current item and of the ceremony."""

    status: str = IDLE
    current_item_id: int | None = None
    clock_started_at: datetime | None = None  # when the current item's clock (re)started
    paused_at: datetime | None = None
    paused_seconds: float = 0.0  # pauses of the current item before paused_at
    ceremony_started_at: datetime | None = None
    ceremony_ended_at: datetime | None = None


@dataclass(frozen=True)
class Schedule:
    planned_end: datetime | None
    projected_end: datetime
    offset_seconds: float | None  # None before the ceremony starts
    projected_starts: dict[int, datetime]
    late_for_hard_start: list[int]  # items projected to start after their fixed time


def elapsed(clock: Clock, now: datetime) -> float:
    if clock.clock_started_at is None:
        return 0.0
    until = clock.paused_at if clock.status == PAUSED and clock.paused_at else now
    return max(0.0, (until - clock.clock_started_at).total_seconds() - clock.paused_seconds)


def duration(item: PlannedItem) -> int:
    return item.planned_seconds + item.added_seconds


def remaining(item: PlannedItem, clock: Clock, now: datetime) -> float:
    """Seconds left of the current item; negative is overtime."""
    return duration(item) - elapsed(clock, now)


def thresholds(planned_seconds: int) -> tuple[float, float]:
    """Seconds before the end at which the timer turns warning, then danger."""
    return min(120.0, planned_seconds * 0.25), min(30.0, planned_seconds * 0.1)


def phase(item: PlannedItem, clock: Clock, now: datetime) -> str:
    left = remaining(item, clock, now)
    warning, danger = thresholds(duration(item))
    if left < 0:
        return "overtime"
    if left <= danger:
        return "danger"
    if left <= warning:
        return "warning"
    return "normal"


def schedule(items: list[PlannedItem], clock: Clock, planned_start: datetime | None, now: datetime, *,
             on_the_day: bool = True) -> Schedule:
    """Planned and projected end of the ceremony, and when each item still to
    come is projected to start. Recomputed after every command.

    `on_the_day` says whether `now` falls on the event's day: before the start,
    on another day, the projection is the plan itself (from the planned start),
    never "from now"."""
    started = clock.ceremony_started_at if clock.status != IDLE else None
    anchor = started or planned_start
    planned_end = anchor + timedelta(seconds=sum(i.planned_seconds for i in items)) if anchor else None

    projected_starts: dict[int, datetime] = {}
    if clock.status == ENDED and clock.ceremony_ended_at:
        cursor = clock.ceremony_ended_at
    else:
        if clock.status == IDLE:
            if planned_start is None:
                cursor = now
            else:
                cursor = max(now, planned_start) if on_the_day else planned_start
        else:
            current = next((i for i in items if i.id == clock.current_item_id), None)
            left = remaining(current, clock, now) if current else 0.0
            cursor = now + timedelta(seconds=max(0.0, left))
        for item in items:
            if item.status != "pending":
                continue
            if item.hard_start and item.hard_start > cursor:
                cursor = item.hard_start  # cannot start before its fixed time
            projected_starts[item.id] = cursor
            cursor += timedelta(seconds=duration(item))
    late = [i.id for i in items if i.hard_start and i.id in projected_starts and projected_starts[i.id] > i.hard_start]
    offset = (cursor - planned_end).total_seconds() if started and planned_end else None
    return Schedule(planned_end, cursor, offset, projected_starts, late)
