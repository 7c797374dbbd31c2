"""The award papers: the stage call sheet per batch, the hand-out register
with a signature column, and the awards still to hand over."""

from __future__ import annotations

from printing.awards import AwardLine, StageBatch, call_sheet_pdf, register_pdf, remaining_pdf

from kiosk.awards import service
from kiosk.delegates.documents import event_info
from kiosk.i18n import format_time
from kiosk.offices import office

KINDS = ("call-sheet", "register", "remaining")


def line_for(event, recipient, present: set[int]) -> AwardLine:
    decision = recipient.decision
    return AwardLine(name=recipient.name, kind=recipient.kind, representative=recipient.representative,
                     job_title=recipient.job_title, organization=recipient.organization, form=decision.form.name,
                     decision=service.decision_label(decision), achievement=recipient.achievement,
                     present=(recipient.delegate_id in present) if recipient.delegate_id else None,
                     outcome=recipient.outcome, stand_in_name=recipient.stand_in_name,
                     handed_at=format_time(recipient.handed_at, event.timezone),
                     office=office(recipient.job_title, recipient.organization))


def render(event, kind: str) -> bytes:
    present = service.present_delegate_ids(event)
    info = event_info(event)
    if kind == "call-sheet":
        batches = []
        for batch in service.batches_of(event):
            people = service.recipients_in_batch(batch.id)
            batches.append(StageBatch(
                number=batch.position, presenter=batch.presenter,
                presenter_present=(batch.presenter_delegate_id in present) if batch.presenter_delegate_id else None,
                announcement=service.announcement(people[0].decision) if people else "",
                lines=[line_for(event, r, present) for r in people]))
        return call_sheet_pdf(info, batches)
    lines = [line_for(event, r, present) for r in service.all_recipients(event)]
    return (register_pdf if kind == "register" else remaining_pdf)(info, lines)
