"""The run-of-show timing math: elapsed, remaining, colours, over/under, projected end."""

from datetime import datetime, timedelta, timezone

from kiosk.programme.timing import (
    ENDED, IDLE, PAUSED, RUNNING, Clock, PlannedItem, elapsed, phase, remaining, schedule,
)

T0 = datetime(2024, 8, 15, 0, 30, tzinfo=timezone.utc)  # 07:30 in Việt Nam


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def programme(*statuses, minutes=(10, 5, 15)):
    return [PlannedItem(id=n + 1, planned_seconds=m * 60, status=s) for n, (m, s) in enumerate(zip(minutes, statuses))]


def test_elapsed_and_remaining_while_running():
    item = PlannedItem(1, 600, "current")
    clock = Clock(RUNNING, 1, clock_started_at=at(0))
    assert elapsed(clock, at(4)) == 240
    assert remaining(item, clock, at(4)) == 360
    assert remaining(item, clock, at(12)) == -120  # overtime keeps counting


def test_pause_stops_the_clock_and_resume_goes_on():
    clock = Clock(PAUSED, 1, clock_started_at=at(0), paused_at=at(3), paused_seconds=0)
    assert elapsed(clock, at(3)) == elapsed(clock, at(9)) == 180
    resumed = Clock(RUNNING, 1, clock_started_at=at(0), paused_seconds=6 * 60)
    assert elapsed(resumed, at(10)) == 240


def test_added_time_extends_the_item():
    item = PlannedItem(1, 600, "current", added_seconds=120)
    clock = Clock(RUNNING, 1, clock_started_at=at(0))
    assert remaining(item, clock, at(10)) == 120


def test_colours_before_the_end():
    item = PlannedItem(1, 600, "current")  # warning at 120 s left, danger at 30 s left
    clock = Clock(RUNNING, 1, clock_started_at=at(0))
    assert phase(item, clock, at(7)) == "normal"
    assert phase(item, clock, at(8.5)) == "warning"
    assert phase(item, clock, at(9.6)) == "danger"
    assert phase(item, clock, at(10.5)) == "overtime"


def test_short_items_scale_their_thresholds():
    item = PlannedItem(1, 60, "current")  # 15 s warning, 6 s danger
    clock = Clock(RUNNING, 1, clock_started_at=at(0))
    assert phase(item, clock, at(40 / 60)) == "normal"
    assert phase(item, clock, at(50 / 60)) == "warning"
    assert phase(item, clock, at(55 / 60)) == "danger"


def test_before_start_the_projection_is_the_plan():
    items = programme("pending", "pending", "pending")
    result = schedule(items, Clock(IDLE), planned_start=at(0), now=at(-20))
    assert result.planned_end == at(30) and result.projected_end == at(30)
    assert result.offset_seconds is None  # not started: neither late nor early
    late_start = schedule(items, Clock(IDLE), planned_start=at(0), now=at(7))
    assert late_start.projected_end == at(37) and late_start.offset_seconds is None


def test_before_start_on_another_day_the_projection_is_the_plan_not_now():
    """The event's date long past (or to come): no projection "from now", no
    over/under counted in days."""
    items = programme("pending", "pending", "pending")
    years_later = at(60 * 24 * 842)
    result = schedule(items, Clock(IDLE), planned_start=at(0), now=years_later, on_the_day=False)
    assert result.projected_end == at(30) and result.offset_seconds is None
    assert result.projected_starts == {1: at(0), 2: at(10), 3: at(15)}


def test_over_under_counts_from_the_actual_start():
    """Started 12 minutes after the planned time, then on time item by item: not late."""
    items = programme("done", "current", "pending")
    clock = Clock(RUNNING, 2, clock_started_at=at(22), ceremony_started_at=at(12))
    result = schedule(items, clock, planned_start=at(0), now=at(24))
    assert result.planned_end == at(42) and result.projected_end == at(42)
    assert result.offset_seconds == 0
    # Started on another day altogether (the date long past): still minutes, not days.
    far = timedelta(days=842)
    moved = Clock(RUNNING, 2, clock_started_at=at(22) + far, ceremony_started_at=at(12) + far)
    over = schedule(items, moved, planned_start=at(0), now=at(29) + far, on_the_day=False)
    assert over.offset_seconds == 2 * 60  # item 2 (5 min) is at 7 min


def test_running_over_and_under():
    items = programme("done", "current", "pending")
    # Started on time, item 1 ran 10 min, item 2 started at 10 and is now at 12 of 5.
    clock = Clock(RUNNING, 2, clock_started_at=at(10), ceremony_started_at=at(0))
    on_time = schedule(items, clock, planned_start=at(0), now=at(12))
    assert on_time.projected_end == at(30) and on_time.offset_seconds == 0
    assert on_time.projected_starts[3] == at(15)
    # Item 2 runs 3 minutes over: the whole ceremony is 3 minutes late.
    over = schedule(items, clock, planned_start=at(0), now=at(18))
    assert over.projected_end == at(33) and over.offset_seconds == 180


def test_projection_across_a_pause():
    items = programme("current", "pending", "pending")
    paused = Clock(PAUSED, 1, clock_started_at=at(0), paused_at=at(4), ceremony_started_at=at(0))
    result = schedule(items, paused, planned_start=at(0), now=at(9))
    # 6 minutes of item 1 left whenever it resumes, from now: 9 + 6 + 5 + 15.
    assert result.projected_end == at(35) and result.offset_seconds == 300


def test_added_time_and_skipped_items():
    items = [
        PlannedItem(1, 600, "current", added_seconds=120),
        PlannedItem(2, 300, "skipped"),
        PlannedItem(3, 900, "pending"),
    ]
    clock = Clock(RUNNING, 1, clock_started_at=at(0), ceremony_started_at=at(0))
    result = schedule(items, clock, planned_start=at(0), now=at(1))
    # 11 minutes left of item 1 (10 + 2 added - 1), item 2 skipped, item 3 15 minutes.
    assert result.projected_end == at(27)
    assert result.offset_seconds == -180  # 2 minutes added, 5 saved by the skip
    assert 2 not in result.projected_starts


def test_without_a_planned_start_the_actual_start_is_the_reference():
    items = programme("current", "pending", "pending")
    clock = Clock(RUNNING, 1, clock_started_at=at(2), ceremony_started_at=at(2))
    result = schedule(items, clock, planned_start=None, now=at(5))
    assert result.planned_end == at(32) and result.offset_seconds == 0
    idle = schedule(programme("pending", "pending", "pending"), Clock(IDLE), planned_start=None, now=at(0))
    assert idle.offset_seconds is None and idle.projected_end == at(30)


def test_hard_start_holds_the_item_and_flags_a_late_one():
    items = [
        PlannedItem(1, 600, "current"),
        PlannedItem(2, 300, "pending", hard_start=at(20)),
        PlannedItem(3, 300, "pending", hard_start=at(12)),
    ]
    clock = Clock(RUNNING, 1, clock_started_at=at(0), ceremony_started_at=at(0))
    result = schedule(items, clock, planned_start=at(0), now=at(1))
    assert result.projected_starts[2] == at(20)  # waits for its fixed time
    assert result.projected_starts[3] == at(25)
    assert result.late_for_hard_start == [3]


def test_after_the_end():
    items = programme("done", "done", "skipped")
    clock = Clock(ENDED, None, ceremony_started_at=at(0), ceremony_ended_at=at(14))
    result = schedule(items, clock, planned_start=at(0), now=at(60))
    assert result.projected_end == at(14) and result.offset_seconds == -16 * 60
    # The final over/under stays what it was, however much later it is read.
    days_later = schedule(items, clock, planned_start=at(0), now=at(60 * 24 * 900), on_the_day=False)
    assert days_later.projected_end == at(14) and days_later.offset_seconds == -16 * 60
