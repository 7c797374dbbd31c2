"""Short helpers that build what a test needs through the real services."""

from __future__ import annotations

from datetime import date
from itertools import count

from kiosk.auth import service as accounts
from kiosk.delegates.service import add_delegate
from kiosk.events import service as events
from kiosk.transactions import writing

_serial = count(1)
PASSWORD = "mat-khau-thu-nghiem"


def make_event(slug: str | None = None, **fields):
    n = next(_serial)
    return events.create_event(
        slug=slug or f"diem-{n}",
        organizing_body=fields.pop("organizing_body", "Ban Chỉ đạo ANTT xã Cẩm Tân"),
        place=fields.pop("place", f"Thôn số {n}, xã Cẩm Tân"),
        event_date=fields.pop("event_date", date(2024, 8, 15)),
        **fields,
    )


def make_user(role: str, event=None, username: str | None = None):
    return accounts.add_user(username or f"{role}-{next(_serial)}", PASSWORD, role, event=event)


def bearer(role: str = "admin", event=None) -> dict:
    """The Authorization header of a new user's API token (token calls carry no CSRF token)."""
    return {"Authorization": f"Bearer {accounts.issue_token(make_user(role, event=event))}"}


def login(client, user, password: str = PASSWORD):
    response = client.post("/login", data={"username": user.username, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def make_delegates(event, names: list[str], **fields):
    with writing():
        return [add_delegate(event, full_name=name, **fields) for name in names]


def fill_event(event, text=lambda field: field) -> dict:
    """One of everything an organizer sets up, through the real services, every
    free-text field filled with text(field name) (tests/test_hostile_text.py
    passes hostile strings): the programme with its items, an MC message, the
    screen message, a phần hội activity, delegates (one checked in by a stand-in),
    an award decision with its recipients in a batch, a gift package with a
    recipient handed out to a relative, the forum's review words, survey
    questions and an approved opinion. Returns the ids a URL needs."""
    from kiosk.awards import service as awards
    from kiosk.delegates import service as delegates
    from kiosk.forum import service as forum
    from kiosk.gifts import service as gifts
    from kiosk.programme import service as programme
    from kiosk.reports import counters

    programme.apply_template(event, "cam-tan-2024")
    item = programme.add_item(event, {"title": text("item.title"), "kind": "speech", "speaker": text("item.speaker"),
                                      "script": text("item.script"), "cues": [text("item.cue")],
                                      "notes": text("item.notes")})
    message = programme.send_mc_message(event, text("mc_message"), author=text("mc_message.author"))
    programme.set_screen(event, message=text("screen_message"))
    activity = programme.add_activity(event, {"name": text("activity.name"), "place": text("activity.place"),
                                              "count_label": text("activity.count_label")})
    counters.count(event, activity.id, actor=text("counter.actor"), device=text("counter.device"))

    leader = delegates.create_delegate(event, {"full_name": text("delegate.full_name"), "level": "tinh",
                                               "position": "Phó Chủ tịch UBND tỉnh " + text("delegate.position"),
                                               "organization": text("delegate.organization"),
                                               "seat": text("delegate.seat")[:50], "notes": text("delegate.notes")})
    guest = delegates.create_delegate(event, {"full_name": text("guest.full_name"), "position": text("guest.position"),
                                              "organization": text("guest.organization")})
    delegates.check_in(event, delegate_id=leader.id, device=text("checkin.device")[:100],
                       stand_in=text("checkin.stand_in"), actor=text("checkin.actor"))

    form = awards.ensure_forms(event)[0]
    awards.update_form(event, form.id, {"name": text("award_form.name")})
    decision = awards.create_decision(event, {"number": text("decision.number")[:100], "signed_on": "2024-08-05",
                                              "authority": text("decision.authority"), "form_id": form.id})
    collective = awards.add_recipient(event, decision.id, {
        "kind": "collective", "name": text("award.collective"), "representative": text("award.representative"),
        "organization": text("award.organization"), "achievement": text("award.achievement")})
    individual = awards.add_recipient(event, decision.id, {
        "kind": "individual", "name": text("award.individual"), "job_title": text("award.job_title"),
        "delegate_id": guest.id})
    batch = awards.plan_batches(event)[0]
    awards.set_presenter(event, batch.id, presenter=text("batch.presenter"))

    package = gifts.create_package(event, {"name": text("package.name"), "unit_value": 500000, "quantity": 10,
                                           "presenter": text("package.presenter")})
    recipient = gifts.add_recipient(event, {"name": text("gift.name"), "address": text("gift.address"),
                                            "notes": text("gift.notes")})
    gifts.allocate(event, recipient.id, package.id)
    handed = gifts.add_recipient(event, {"name": text("gift.handed.name"), "address": text("gift.handed.address")})
    gifts.allocate(event, handed.id, package.id)
    gifts.handout(event, recipient_id=handed.id, desk=text("gift.desk")[:100], actor=text("gift.actor"),
                  received_by=text("gift.received_by"), relationship=text("gift.relationship")[:100])

    forum.update_settings(event, {"review_words": [text("forum.review_word")]})
    question = forum.set_questions(event, [text("survey.question")])[0]
    opinion = forum.submit_opinion(event, {"text": text("opinion.text"), "author_name": text("opinion.author"),
                                           "address": text("opinion.address")}, device="seed", address="10.0.0.1")
    forum.moderate(event, opinion.id, "approve", {"reviewed": True}, actor=text("opinion.moderator"))
    return {"item_id": item.id, "message_id": message.id, "activity_id": activity.id, "delegate_id": guest.id,
            "leader_id": leader.id, "form_id": form.id, "decision_id": decision.id, "batch_id": batch.id,
            "award_recipient_id": individual.id, "collective_id": collective.id, "package_id": package.id,
            "gift_recipient_id": recipient.id, "handed_recipient_id": handed.id, "opinion_id": opinion.id,
            "question_id": question.id}
