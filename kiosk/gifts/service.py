"""Gift packages, recipients and hand-outs."""

from __future__ import annotations

from sqlalchemy import func, select

from kiosk import live
from kiosk.extensions import db
from kiosk.gifts.models import GiftPackage, GiftRecipient


@live.state_part("gifts")
def gifts_summary(event) -> dict:
    planned, handed, planned_value, handed_value = db.session.execute(
        select(
            func.count(GiftRecipient.id),
            func.count(GiftRecipient.handed_at),
            func.coalesce(func.sum(GiftPackage.unit_value), 0),
            func.coalesce(func.sum(GiftPackage.unit_value).filter(GiftRecipient.handed_at.is_not(None)), 0),
        )
        .join(GiftPackage, GiftRecipient.package_id == GiftPackage.id)
        .where(GiftRecipient.event_id == event.id)
    ).one()
    return {
        "planned": planned,
        "handed": handed,
        "planned_value": int(planned_value),
        "handed_value": int(handed_value),
    }
