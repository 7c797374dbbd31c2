from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from kiosk import live
from kiosk.auth import service as accounts
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission, Role
from kiosk.events import service
from kiosk.programme.templates import PROGRAMME_TEMPLATES

bp = Blueprint("events", __name__)
event_bp = service.event_blueprint("event", __name__)


@bp.route("/")
@requires(Permission.VIEW_SCREEN)  # every role; the list shows the events the caller may see
def index():
    events = [e for e in service.all_events() if current_user.can(Permission.VIEW_SCREEN, e)]
    return render_template("events/index.html", events=events, templates=PROGRAMME_TEMPLATES)


@bp.post("/events")
@requires(Permission.MANAGE_INSTALLATION)
def create():
    from kiosk.programme.service import apply_template

    form = request.form
    try:
        event_date = date.fromisoformat(form.get("event_date", ""))
    except ValueError:
        flash(_("Ngày tổ chức không hợp lệ."), "error")
        return redirect(url_for("events.index"))
    try:
        event = service.create_event(
            slug=form.get("slug") or service.slug_for(form.get("place", "")),
            organizing_body=form.get("organizing_body", ""),
            place=form.get("place", ""),
            event_date=event_date,
        )
    except service.EventError as error:
        flash(str(error), "error")
        return redirect(url_for("events.index"))
    if form.get("template") in PROGRAMME_TEMPLATES:
        apply_template(event, form["template"])
    flash(_("Đã tạo sự kiện."), "success")
    return redirect(url_for("event.dashboard", slug=event.slug))


@event_bp.route("/")
@requires(Permission.VIEW_DASHBOARD)
def dashboard():
    state = live.current_state(g.event, current_user)
    return render_template("events/dashboard.html", event=g.event, state=state)


@event_bp.route("/screen")
@requires(Permission.VIEW_SCREEN)
def screen():
    state = live.current_state(g.event, None)
    return render_template("events/screen.html", event=g.event, state=state)


@event_bp.route("/link/<key>")
def open_link(key: str):
    """A TV or the MC's tablet opens its page from this link with no typing."""
    link = accounts.link_for_key(g.event, key)
    if link is None:
        abort(404)
    login_user(link, remember=True)
    if link.role == Role.MC:
        return redirect(url_for("programme.mc", slug=g.event.slug))
    return redirect(url_for("event.screen", slug=g.event.slug))
