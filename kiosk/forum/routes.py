from __future__ import annotations

import io
import secrets

import qrcode
import qrcode.image.svg
from flask import current_app, g, make_response, render_template, request, url_for
from flask_login import current_user

from kiosk import live
from kiosk.auth import service as accounts
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.events.service import event_blueprint
from kiosk.fields import KioskError
from kiosk.forum import documents, service
from kiosk.forum.models import SCALE, TOPICS
from kiosk.text import without_controls
from kiosk.web import file_response

bp = event_blueprint("forum", __name__)
DEVICE_COOKIE = "kiosk_device"


def device_key() -> str:
    """A random key kept in the sender's browser: the rate limits' idea of a device."""
    return request.cookies.get(DEVICE_COOKIE) or g.setdefault("new_device_key", secrets.token_hex(16))


def kiosk_mode() -> bool:
    """The shared tablet in the hall opens these pages with a screen link's key."""
    key = request.args.get("kiosk") or request.form.get("kiosk") or ""
    return bool(key) and accounts.link_for_key(g.event, key) is not None


def with_device(response):
    response = make_response(response)
    if DEVICE_COOKIE not in request.cookies:
        response.set_cookie(DEVICE_COOKIE, device_key(), max_age=365 * 86400, httponly=True, samesite="Lax",
                            secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


def refusal_status(error: KioskError) -> int:
    return 429 if isinstance(error, service.TooFast) else getattr(error, "status", 400)


@bp.route("/y-kien", methods=["GET", "POST"])
def opinion():
    """The citizens' page: on a kiosk tablet or their own phones. No login."""
    kiosk = kiosk_mode()
    if request.method == "POST":
        try:
            service.submit_opinion(g.event, request.form, device=device_key(), address=request.remote_addr or "",
                                   kiosk=kiosk, request_id=(request.form.get("request_id") or "")[:64] or None)
        except KioskError as error:
            return with_device((render_template("forum/opinion.html", event=g.event, topics=TOPICS, error=str(error),
                                                form=request.form, kiosk=kiosk), refusal_status(error)))
        return with_device(render_template("forum/thanks.html", event=g.event, kiosk=kiosk,
                                           name=without_controls(request.form.get("author_name", "")).strip()[:200],
                                           again=url_for("forum.opinion", kiosk=request.form.get("kiosk") or None)))
    return with_device(render_template("forum/opinion.html", event=g.event, topics=TOPICS, error="", form={},
                                       kiosk=kiosk))


@bp.route("/khao-sat", methods=["GET", "POST"])
def survey():
    """The satisfaction survey of the commune police. No login."""
    kiosk = kiosk_mode()
    asked = service.questions(g.event)
    if request.method == "POST":
        answers = {str(q.id): request.form.get(f"q{q.id}", type=int) for q in asked if request.form.get(f"q{q.id}")}
        try:
            service.submit_survey(g.event, answers, request.form.get("comment", ""), device=device_key(),
                                  address=request.remote_addr or "", kiosk=kiosk)
        except KioskError as error:
            return with_device((render_template("forum/survey.html", event=g.event, questions=asked, scale=SCALE,
                                                error=str(error), kiosk=kiosk), refusal_status(error)))
        return with_device(render_template("forum/thanks.html", event=g.event, kiosk=kiosk, survey=True,
                                           again=url_for("forum.survey", kiosk=request.form.get("kiosk") or None)))
    return with_device(render_template("forum/survey.html", event=g.event, questions=asked, scale=SCALE, error="",
                                       kiosk=kiosk))


@bp.route("/y-kien/qr.svg")
def opinion_qr():
    """The QR code the big screen shows, of the address phones in the hall can reach."""
    target = request.args.get("to", "opinion")
    url = url_for("forum.survey" if target == "survey" else "forum.opinion", _external=True)
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    out = io.BytesIO()
    image.save(out)
    response = make_response(out.getvalue())
    response.headers["Content-Type"] = "image/svg+xml"
    return response


@bp.route("/forum")
@requires(Permission.RUN_EVENT)
def moderation():
    state = live.current_state(g.event, current_user)
    return render_template("forum/moderation.html", event=g.event, state=state,
                           settings=service.settings(g.event), topics=TOPICS)


@bp.route("/forum/<kind>")
@requires(Permission.RUN_EVENT)
def export(kind: str):
    if kind == "poster.pdf":
        return file_response(documents.poster(g.event, url_for("forum.opinion", _external=True),
                                              url_for("forum.survey", _external=True)), f"poster-{g.event.slug}.pdf")
    if kind == "opinions.pdf":
        return file_response(documents.opinions_pdf(g.event), f"y-kien-{g.event.slug}.pdf")
    if kind == "opinions.xlsx":
        return file_response(documents.opinions_xlsx(g.event), f"y-kien-{g.event.slug}.xlsx")
    if kind == "survey.pdf":
        return file_response(documents.survey_pdf(g.event), f"khao-sat-{g.event.slug}.pdf")
    return ("", 404)
