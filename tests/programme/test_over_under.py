"""Over/under (chậm/sớm) and the projected end as the screens get them, with
the server's clock under the test's control: nothing before the start, minutes
counted from the actual start during the ceremony, the final figure after the
end — never "Chậm 1212594 phút" for an event dated years ago. And the
dashboard says when the ceremony ended."""

from datetime import date, datetime, timedelta, timezone

import pytest

from kiosk.events.service import find_event
from kiosk.programme import service
from tests.factories import login, make_event, make_user

VN = timezone(timedelta(hours=7))


class Clock:
    """The server's clock, moved by the test."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now.astimezone(timezone.utc)

    def at(self, when: datetime) -> None:
        self.now = when

    def forward(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    fake = Clock(datetime(2026, 12, 5, 8, 0, tzinfo=VN))
    monkeypatch.setattr(service, "utcnow", fake)
    return fake


def make_ceremony(app, event_date: date, ceremony_start="07:30", hard_start=None):
    """The Cẩm Tân programme (12 items, 120 minutes planned) on `event_date`."""
    with app.app_context():
        event = make_event("cam-tan", event_date=event_date)
        service.apply_template(event, "cam-tan-2024")
        service.set_ceremony_start(event, ceremony_start)
        if hard_start:
            item = service.items(event)[4]
            service.update_item(event, item.id, {"hard_start": hard_start})
        return [(i.id, i.planned_seconds) for i in service.items(event)]


def command(app, name, expected):
    with app.app_context():
        return service.run_command(find_event("cam-tan"), name, expected_item=expected, actor="BTC")


def state(app):
    with app.app_context():
        return service.programme_state(find_event("cam-tan"))


def local(iso: str) -> datetime:
    return datetime.fromisoformat(iso).astimezone(VN)


def test_an_event_dated_years_ago_is_never_a_million_minutes_late(app, clock):
    """The issue: the demo dated 15/08/2024 run on 05/12/2026 read "Chậm 1212594 phút"
    before, during and after the ceremony."""
    items = make_ceremony(app, date(2024, 8, 15), hard_start="08:00")  # item 5, on time
    before = state(app)["timing"]
    assert before["offset_seconds"] is None
    assert local(before["projected_end"]) == datetime(2024, 8, 15, 9, 30, tzinfo=VN)  # the plan: 07:30 + 120 min

    command(app, "start", None)
    during = state(app)
    assert during["timing"]["offset_seconds"] == 0
    assert local(during["timing"]["projected_end"]) == clock.now + timedelta(minutes=120)
    # A fixed time of day on 15/08/2024 does not hold an item run on another day.
    fifth = during["items"][4]
    assert not fifth["late_for_hard_start"]
    assert local(fifth["projected_start"]).date() == clock.now.date()

    first_id, first_seconds = items[0]
    clock.forward(seconds=first_seconds + 180)  # item 1 runs 3 minutes over
    assert state(app)["timing"]["offset_seconds"] == 180
    command(app, "next", first_id)
    clock.forward(minutes=1)
    assert state(app)["timing"]["offset_seconds"] == 180

    command(app, "end", items[1][0])  # the rest cut short: ended after 19 minutes of 120
    ended_at = clock.now
    clock.forward(days=3)  # read days later
    after = state(app)
    assert after["timing"]["offset_seconds"] == pytest.approx(-(120 - 19) * 60)
    assert local(after["timing"]["projected_end"]) == ended_at
    assert after["summary"]["ended_at"] == ended_at.strftime("%H:%M")


def test_on_the_day_before_during_and_after(app, clock):
    items = make_ceremony(app, date(2026, 12, 5))
    clock.at(datetime(2026, 12, 5, 7, 0, tzinfo=VN))
    before = state(app)["timing"]
    assert before["offset_seconds"] is None  # nothing to say before the start
    assert local(before["planned_start"]) == datetime(2026, 12, 5, 7, 30, tzinfo=VN)
    assert local(before["projected_end"]) == datetime(2026, 12, 5, 9, 30, tzinfo=VN)
    assert state(app)["summary"]["ended_at"] is None

    clock.at(datetime(2026, 12, 5, 7, 42, tzinfo=VN))  # starts 12 minutes after the planned time
    command(app, "start", None)
    assert state(app)["timing"]["offset_seconds"] == 0  # counted from the actual start
    clock.forward(seconds=items[0][1] - 120)  # item 1 handed over 2 minutes early
    command(app, "next", items[0][0])
    during = state(app)["timing"]
    assert during["offset_seconds"] == -120
    assert local(during["projected_end"]) == datetime(2026, 12, 5, 9, 40, tzinfo=VN)

    for item_id, seconds in items[1:-1]:
        clock.forward(seconds=seconds)
        command(app, "next", item_id)
    clock.forward(seconds=items[-1][1] + 60)
    command(app, "end", items[-1][0])
    final = state(app)
    assert final["timing"]["offset_seconds"] == -60  # 2 minutes early, 1 minute over on the last item
    assert final["summary"]["ended_at"] == "09:41"


def test_the_dashboard_says_when_the_ceremony_ended(app, client, clock):
    items = make_ceremony(app, date(2026, 12, 5))
    with app.app_context():
        organizer = make_user("organizer")
    login(client, organizer)
    page = client.get("/e/cam-tan/").get_data(as_text=True)
    assert '<span class="programme-ended" hidden>' in page and "chưa bắt đầu</span>" in page

    clock.at(datetime(2026, 12, 5, 7, 31, tzinfo=VN))
    command(app, "start", None)
    page = client.get("/e/cam-tan/").get_data(as_text=True)
    assert "Văn nghệ chào mừng</span>" in page and '<span class="programme-ended" hidden>' in page

    clock.at(datetime(2026, 12, 5, 9, 42, tzinfo=VN))
    command(app, "end", items[0][0])
    page = client.get("/e/cam-tan/").get_data(as_text=True)
    assert "Phần lễ đã kết thúc lúc 09:42" in page
    assert '<span class="programme-running" hidden>' in page  # not "Đang diễn ra: chưa bắt đầu"
    assert 'data-ended="Phần lễ đã kết thúc lúc {time}"' in page  # for the live update
