"""Award decisions, recipients and the hand-out on stage."""

from __future__ import annotations

from sqlalchemy import func, select

from kiosk import live
from kiosk.awards.models import AwardDecision, AwardRecipient
from kiosk.extensions import db


@live.state_part("awards")
def awards_summary(event) -> dict:
    planned, handed = db.session.execute(
        select(func.count(AwardRecipient.id), func.count(AwardRecipient.handed_at))
        .join(AwardDecision)
        .where(AwardDecision.event_id == event.id)
    ).one()
    return {"planned": planned, "handed": handed}
