"""The delegates' printed papers: badges, invitations, table cards, and the
MC's introduction. Gathers the data; printing/ draws it."""

from __future__ import annotations

from printing.delegates import DelegateCard, EventInfo, badges_pdf, invitations_pdf, table_cards_pdf
from printing.introduction import IntroductionGroup, introduction_pdf

from kiosk.delegates import service
from kiosk.delegates.models import LEVELS
from kiosk.i18n import format_date
from kiosk.offices import office

KINDS = ("badges", "invitations", "cards", "introduction")


def event_info(event) -> EventInfo:
    return EventInfo(organizing_body=event.organizing_body, title=event.title, year=event.year, place=event.place,
                     date_text=format_date(event.event_date),
                     time_text=event.ceremony_start.strftime("%H:%M") if event.ceremony_start else "",
                     backdrop_bottom=event.backdrop_bottom)


def cards(event, delegates=None) -> list[DelegateCard]:
    """Delegates in protocol order, each with the code its badge carries."""
    return [DelegateCard(full_name=d.full_name, honorific=d.honorific, position=d.position,
                         organization=d.organization, level=d.level, level_label=LEVELS.get(d.level, d.level),
                         seat=d.seat, code=service.code_for(event, d), office=office(d.position, d.organization))
            for d in (delegates if delegates is not None else service.delegates_in_order(event))]


def render(event, kind: str, delegates=None) -> bytes:
    info = event_info(event)
    if kind == "introduction":
        intro = service.introduction(event)
        groups = [IntroductionGroup(g["heading"], [p["line"] for p in g["people"]]) for g in intro["groups"]]
        return introduction_pdf(info, intro["opening"], groups, intro["closing"])
    draw = {"badges": badges_pdf, "invitations": invitations_pdf, "cards": table_cards_pdf}[kind]
    return draw(info, cards(event, delegates))
