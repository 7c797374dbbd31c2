"""Citizens' opinions for "Công an lắng nghe ý kiến Nhân dân"."""

from __future__ import annotations

from sqlalchemy import func, select

from kiosk import live
from kiosk.extensions import db
from kiosk.forum.models import Opinion


@live.state_part("opinions")
def opinions_summary(event) -> dict:
    total, new = db.session.execute(
        select(func.count(Opinion.id), func.count().filter(Opinion.status == "new"))
        .where(Opinion.event_id == event.id)
    ).one()
    return {"total": total, "new": new}
