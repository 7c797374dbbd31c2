"""The demo event is dated the day `kiosk demo` is run, so the demo is "today"
(its programme's clock, over/under and projected end behave as on the day)."""

from datetime import date

from sqlalchemy import select

from kiosk.awards.models import AwardDecision
from kiosk.demo import build_demo, today_in_vietnam
from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.programme import service as programme


def test_the_demo_is_today(app):
    with app.app_context():
        event = build_demo().event
        today = today_in_vietnam()
        assert event.event_date == today and event.year == today.year
        assert event.backdrop_middle.endswith(f"NĂM {today.year}")
        assert event.backdrop_bottom == f"Cẩm Tân, ngày {today:%d} tháng {today:%m} năm {today.year}"
        assert programme.on_the_day(event, programme.utcnow())


def test_the_demo_is_dated_the_day_it_is_made_and_moves_to_a_later_run(app):
    with app.app_context():
        event = build_demo(today=date(2027, 8, 19)).event
        assert event.event_date == date(2027, 8, 19) and event.year == 2027
        assert "kỷ niệm 82 năm Ngày truyền thống Công an nhân dân" in event.slogans[2]
        assert event.slogans[2].endswith("năm 2027")
        assert event.backdrop_bottom == "Cẩm Tân, ngày 19 tháng 08 năm 2027"
        signed = list(db.session.scalars(select(AwardDecision.signed_on).where(AwardDecision.event_id == event.id)))
        assert signed and all(date(2027, 8, 1) < d < date(2027, 8, 19) for d in signed)  # shortly before the day

        # `kiosk demo` again the next day (no --reset): the same event, dated that day.
        again = build_demo(today=date(2027, 8, 20)).event
        assert again.id == event.id
        moved = find_event("demo")
        assert moved.event_date == date(2027, 8, 20) and moved.backdrop_bottom.startswith("Cẩm Tân, ngày 20 tháng 08")
