"""The timing math of the run-of-show, pure: no database, no clock of its own.

Terms (as Ontime uses them):
- an item's *elapsed* time runs while it is current and not paused;
- its *remaining* time is its planned duration plus any added time, less
  elapsed; below zero the item is in overtime, which keeps counting;
- the ceremony's *projected end* is now + what is left of the current item +
  the planned durations of the items still to come;
- the *offset* is projected end minus planned end: positive means running
  late (over), negative early (under)."""

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
    offset_seconds: float | None  # None when there is no planned start to compare with
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


def schedule(items: list[PlannedItem], clock: Clock, planned_start: datetime | None, now: datetime) -> Schedule:
    """Planned and projected end of the ceremony, and when each item still to
    come is projected to start. Recomputed after every command."""
    start = planned_start or clock.ceremony_started_at
    planned_end = start + timedelta(seconds=sum(i.planned_seconds for i in items)) if start else None

    projected_starts: dict[int, datetime] = {}
    if clock.status == ENDED and clock.ceremony_ended_at:
        cursor = clock.ceremony_ended_at
    else:
        if clock.status == IDLE:
            cursor = max(now, planned_start) if planned_start else now
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
    offset = (cursor - planned_end).total_seconds() if planned_end else None
    return Schedule(planned_end, cursor, offset, projected_starts, late)
