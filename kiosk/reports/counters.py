"""Phần hội counters: at each activity or Dân vận khéo station, staff tap once
for each person served or item received, with undo; live on the dashboard."""

from __future__ import annotations

from functools import partial

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from kiosk import live
from kiosk.auth.roles import Permission
from kiosk.extensions import db
from kiosk.fields import KioskError, event_row
from kiosk.programme.models import FestivalActivity
from kiosk.reports.audit import record
from kiosk.reports.models import ActivityCount
from kiosk.transactions import KeyReused, request_digest, writing


class CounterError(KioskError):
    """A refused tap; the message is for the person at the station."""


owned = partial(event_row, error=CounterError)


def total(event, activity_id: int) -> int:
    return db.session.scalar(select(func.coalesce(func.sum(ActivityCount.delta), 0))
                             .where(ActivityCount.event_id == event.id, ActivityCount.activity_id == activity_id))


def count(event, activity_id, *, delta: int = 1, request_id: str | None = None, actor: str = "",
          device: str = "", made_at=None) -> dict:
    """One tap (+1), or an undo (-1, never below zero). Retries with the same
    request_id count once (a tablet cut off from the server queues its taps and
    sends them again on reconnecting); `made_at` dates a queued tap."""
    if delta not in (1, -1) or not isinstance(delta, int) or isinstance(delta, bool):  # not 1.0 nor true
        raise CounterError("Mỗi lần bấm chỉ thêm hoặc bớt 1.")
    activity = owned(FestivalActivity, event, activity_id, "Không tìm thấy hoạt động này.")
    digest = request_digest({"activity_id": activity.id, "delta": delta})
    try:
        with writing():
            if request_id:
                earlier = db.session.scalar(select(ActivityCount.request_digest).where(
                    ActivityCount.event_id == event.id, ActivityCount.request_id == request_id))
                if earlier is not None:
                    if earlier and earlier != digest:
                        raise KeyReused()
                    return {"activity_id": activity.id, "total": total(event, activity.id)}  # counted the first time
            now_total = total(event, activity.id)
            if delta < 0 and now_total <= 0:
                raise CounterError("Số đếm đang là 0, không bớt được.")
            db.session.add(ActivityCount(event_id=event.id, activity_id=activity.id, delta=delta,
                                         request_id=request_id or None, request_digest=digest, actor=actor,
                                         device=device, **({"at": made_at} if made_at else {})))
            record(event, "counters", "counted" if delta > 0 else "uncounted", activity.name,
                   {"total": now_total + delta}, actor=actor, device=device)
            live.publish_state(event, "counters")
    except IntegrityError:  # the same request raced in on another connection
        return {"activity_id": activity.id, "total": total(event, activity.id)}
    return {"activity_id": activity.id, "total": now_total + delta}


@live.state_part("counters", audience=(Permission.COUNT_VISITORS, Permission.VIEW_DASHBOARD))
def counters(event) -> dict:
    totals = dict(db.session.execute(select(ActivityCount.activity_id, func.sum(ActivityCount.delta))
                                     .where(ActivityCount.event_id == event.id)
                                     .group_by(ActivityCount.activity_id)).all())
    activities = db.session.scalars(select(FestivalActivity).where(FestivalActivity.event_id == event.id)
                                    .order_by(FestivalActivity.starts_at, FestivalActivity.id))
    rows = [{"id": a.id, "name": a.name, "place": a.place, "label": a.count_label or "lượt người được phục vụ",
             "total": int(totals.get(a.id) or 0)} for a in activities]
    return {"activities": rows, "total": sum(r["total"] for r in rows)}
