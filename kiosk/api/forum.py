"""/api/v1/events/<slug>/opinions and survey: public sending, organizers' moderation."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_login import current_user

from kiosk.api.offline import made_offline, request_key
from kiosk.api.routes import event_api, json_body as body, public, refuse
from kiosk.auth import service as accounts
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.forum import service


def sender() -> dict:
    device = request.headers.get("X-Kiosk-Device", "")[:64] or request.cookies.get("kiosk_device", "")[:64]
    return {"device": device.replace("\x00", ""), "address": request.remote_addr or ""}


def hall_kiosk(fields: dict) -> bool:
    """Sent from the hall's shared tablet: `kiosk` is a screen link's key."""
    return bool(fields.get("kiosk")) and accounts.link_for_key(g.event, str(fields["kiosk"])) is not None


@event_api.post("/opinions")
@public
def send_opinion():
    """A citizen's opinion or question; no login. A `request_id` made on the
    tablet keeps it once however often it is sent (a tablet that queued it while
    cut off); `kiosk`, a screen link's key, marks the shared tablet in the hall."""
    fields = body()
    request_id, refused = request_key(fields)
    queued, refused_time = made_offline(fields)
    if refused or refused_time:
        return refused or refused_time
    try:
        opinion = service.submit_opinion(g.event, fields, **sender(), kiosk=hall_kiosk(fields),
                                         request_id=request_id, made_at=queued)
    except service.TooFast as error:
        return refuse(429, "too_many", str(error))
    return jsonify(id=opinion.id, status=opinion.status,
                   message="Ý kiến của ông/bà đã được gửi tới Ban Tổ chức và sẽ được Công an trả lời tại hội nghị "
                           "hoặc bằng văn bản."), 201


@event_api.post("/survey/responses")
@public
def send_survey():
    """One answered questionnaire; no login."""
    fields = body()
    try:
        service.submit_survey(g.event, fields.get("answers") or {}, fields.get("comment") or "", **sender(),
                              kiosk=hall_kiosk(fields))
    except service.TooFast as error:
        return refuse(429, "too_many", str(error))
    return jsonify(message="Trân trọng cảm ơn ông/bà đã đánh giá."), 201


@event_api.get("/survey")
@public
def survey_questions():
    return jsonify(questions=[{"id": q.id, "text": q.text} for q in service.questions(g.event)],
                   scale=service.SCALE)


@event_api.get("/survey/results")
@requires(Permission.VIEW_DASHBOARD)
def survey_results():
    return jsonify(service.survey_results(g.event))


@event_api.get("/opinions")
@requires(Permission.RUN_EVENT)
def list_opinions():
    return jsonify(opinions=[service.opinion_json(g.event, o, staff=True) for o in service.opinions_of(g.event)])


@event_api.post("/opinions/<int:opinion_id>/moderate")
@requires(Permission.RUN_EVENT)
def moderate(opinion_id: int):
    fields = body()
    opinion = service.moderate(g.event, opinion_id, str(fields.pop("action", "") or ""), fields,
                               actor=current_user.name)
    return jsonify(service.opinion_json(g.event, opinion, staff=True))


@event_api.patch("/opinions/<int:opinion_id>")
@requires(Permission.RUN_EVENT)
def edit_opinion(opinion_id: int):
    return jsonify(service.opinion_json(g.event, service.edit_text(g.event, opinion_id, body().get("text"), actor=current_user.name), staff=True))


@event_api.post("/opinions/<int:opinion_id>/merge")
@requires(Permission.RUN_EVENT)
def merge_opinion(opinion_id: int):
    return jsonify(service.opinion_json(g.event, service.merge(g.event, opinion_id, body().get("into"), actor=current_user.name), staff=True))


@event_api.put("/forum/settings")
@requires(Permission.RUN_EVENT)
def forum_settings():
    fields = body()
    if "show_survey_on_screen" in fields:
        service.show_survey_on_screen(g.event, bool(fields.pop("show_survey_on_screen")))
    forum = service.update_settings(g.event, fields)
    return jsonify(review_words=forum.review_words, per_device_per_hour=forum.per_device_per_hour,
                   per_address_per_hour=forum.per_address_per_hour, min_seconds_between=forum.min_seconds_between,
                   show_survey_on_screen=forum.show_survey_on_screen)
