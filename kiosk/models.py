"""Imports every area's models, so the metadata Alembic compares is complete."""

from kiosk.auth.models import ApiToken, EventLink, PairedDevice, User  # noqa: F401
from kiosk.awards.models import (  # noqa: F401
    AwardBatch, AwardDecision, AwardForm, AwardHandout, AwardRecipient, AwardStage,
)
from kiosk.delegates.models import CheckInScan, Delegate  # noqa: F401
from kiosk.events.models import Event  # noqa: F401
from kiosk.forum.models import ForumSettings, Opinion, SurveyQuestion, SurveyResponse  # noqa: F401
from kiosk.gifts.models import GiftHandout, GiftPackage, GiftRecipient, GiftStage  # noqa: F401
from kiosk.offline.models import OfflineConflict  # noqa: F401
from kiosk.programme.models import (  # noqa: F401
    FestivalActivity, McMessage, ProgrammeCommand, ProgrammeItem, ProgrammeLive,
)
from kiosk.reports.models import ActivityCount, AuditEntry  # noqa: F401
