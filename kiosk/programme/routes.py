from __future__ import annotations

import secrets
from datetime import timedelta
from zoneinfo import ZoneInfo

from flask import flash, g, redirect, render_template, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from kiosk import live, uploads
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.events.service import event_blueprint
from kiosk.extensions import db
from kiosk.i18n import format_date
from kiosk.programme import service
from kiosk.programme.models import ACTIVITY_KINDS, ITEM_KINDS, ProgrammeItem
from kiosk.programme.templates import PROGRAMME_TEMPLATES
from kiosk.web import file_response, instance_folder

bp = event_blueprint("programme", __name__)



@bp.route("/programme")
@requires(Permission.RUN_EVENT)
def control():
    """The organizer's tablet: live control, editing, MC messages, the big screen."""
    state = live.current_state(g.event, current_user)
    return render_template("programme/control.html", event=g.event, state=state, kinds=ITEM_KINDS,
                           activity_kinds=ACTIVITY_KINDS, templates=PROGRAMME_TEMPLATES)


@bp.route("/mc")
@requires(Permission.READ_PROGRAMME)
def mc():
    state = live.current_state(g.event, current_user)
    return render_template("programme/mc.html", event=g.event, state=state)


@bp.post("/programme/items/<int:item_id>/video")
@requires(Permission.RUN_EVENT)
@uploads.takes_upload("KIOSK_MAX_VIDEO_BYTES")
def upload_video(item_id: int):
    """The reportage (phóng sự) the big screen plays, uploaded beforehand and
    served by the kiosk itself: the venue has no internet. An MP4 or WebM video,
    told by its first bytes (a renamed file is refused), under KIOSK_MAX_VIDEO_BYTES."""
    upload = request.files.get("video")
    if upload is None or not upload.filename:
        flash(_("Chọn tệp video .mp4 hoặc .webm để tải lên."), "error")
        return redirect(url_for("programme.control"))
    suffix = uploads.video_kind(upload.stream.read(uploads.VIDEO_HEAD_BYTES))
    upload.stream.seek(0)
    if suffix is None:
        flash(_("Chỉ nhận tệp video .mp4 hoặc .webm (tệp này không phải video, hoặc chỉ được đổi đuôi tên)."),
              "error")
        return redirect(url_for("programme.control"))
    service.get_item(g.event, item_id)  # refuses another event's item before anything is written
    name = f"{g.event.slug}-{item_id}-{secrets.token_hex(6)}{suffix}"
    upload.save(instance_folder("media") / name)
    service.attach_video(g.event, item_id, name)
    flash(_("Đã tải video lên."), "success")
    return redirect(url_for("programme.control"))


@bp.route("/media/<path:name>")
@requires(Permission.VIEW_SCREEN)
def media(name: str):
    """A video of this event: only a file one of its items names. Not a test of
    the name's start: another event's slug may begin with this one's ("cam-tan",
    "cam-tan-2"), and its files with "cam-tan-"."""
    owned = db.session.scalar(select(ProgrammeItem.id).where(ProgrammeItem.event_id == g.event.id,
                                                             ProgrammeItem.video_file == name).limit(1))
    if owned is None:
        return ("", 404)
    return send_from_directory(instance_folder("media"), name, conditional=True)


def programme_document(event, with_names: bool = False):
    """The programme as printing/ wants it: planned starts run on from the
    ceremony's planned start (or an item's fixed time), actual times as recorded.
    `with_names`: the introduction item carries the names the MC reads (those
    present, or the invited list marked as such while nobody has checked in)."""
    from printing.programme import ProgrammeDocument, ProgrammeLine, ScriptNames

    from kiosk.delegates.service import printed_introduction

    names = None
    if with_names:
        printed = printed_introduction(event)
        names = ScriptNames(groups=[(g["heading"], [p["line"] for p in g["people"]]) for g in printed["groups"]],
                            note=printed["note"], closing=printed["closing"])

    tz = ZoneInfo(event.timezone)
    cursor = service.local_datetime(event, event.ceremony_start)
    lines = []
    for number, item in service.numbered(event):
        start = service.local_datetime(event, item.hard_start) or cursor
        lines.append(ProgrammeLine(
            number=number, title=item.title, kind_label=ITEM_KINDS.get(item.kind, item.kind),
            optional=item.optional, speaker=item.speaker, planned_seconds=item.planned_seconds,
            planned_start=start.astimezone(tz) if start else None,
            actual_start=item.started_at, actual_end=item.ended_at, status=item.status,
            script=item.script, cues=list(item.cues or []), notes=item.notes,
            names=names if item.kind == "introduction" else None,
        ))
        cursor = start + timedelta(seconds=item.planned_seconds) if start else None
    return ProgrammeDocument(organizing_body=event.organizing_body, title=event.title, year=event.year,
                             place=event.place, date_text=format_date(event.event_date), lines=lines)


@bp.route("/programme.pdf")
@requires(Permission.READ_PROGRAMME)
def programme_pdf():
    from printing.programme import programme_pdf

    return file_response(programme_pdf(programme_document(g.event)), f"chuong-trinh-{g.event.slug}.pdf")


@bp.route("/programme/script.pdf")
@requires(Permission.READ_PROGRAMME)
def script_pdf():
    from printing.programme import mc_script_pdf

    return file_response(mc_script_pdf(programme_document(g.event, with_names=True)), f"kich-ban-{g.event.slug}.pdf")


@bp.route("/programme/rundown.pdf")
@requires(Permission.READ_PROGRAMME)
def rundown_pdf():
    from printing.programme import rundown_pdf

    return file_response(rundown_pdf(programme_document(g.event)), f"dien-bien-{g.event.slug}.pdf")
