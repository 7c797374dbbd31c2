from __future__ import annotations

import secrets
from pathlib import Path

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from kiosk import live
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.awards import documents, importer, service
from kiosk.awards.models import OUTCOMES
from kiosk.events.service import event_blueprint
from kiosk.extensions import db
from kiosk.web import file_response, instance_folder

bp = event_blueprint("awards", __name__)


@bp.route("/awards")
@requires(Permission.RUN_EVENT)
def index():
    """Planning: decisions, recipients, limits, batches."""
    forms = service.ensure_forms(g.event)
    db.session.commit()
    decisions = service.decisions_of(g.event)
    stage = service.stage_state(g.event)
    present = service.present_delegate_ids(g.event)
    batches = [service.stage_state_batch(g.event, batch, present) for batch in service.batches_of(g.event)]
    return render_template(
        "awards/index.html", event=g.event, forms=forms, decisions=decisions,
        announcements={d.id: service.announcement(d) for d in decisions},
        warnings=service.limit_warnings(g.event), unacknowledged=service.unacknowledged_warnings(g.event),
        summary=service.awards_summary(g.event), batches=batches,
        batch_numbers={b["id"]: b["number"] for b in batches}, stage=stage,
        stage_width=service.stage_row(g.event).stage_width, present=present,
        leaders=service.leading_delegates(g.event), outcomes=OUTCOMES)


@bp.route("/awards/stage")
@requires(Permission.WORK_DESK)
def stage():
    """The stage marshal's tablet."""
    state = live.current_state(g.event, {live.PUBLIC, live.STAFF})
    return render_template("awards/stage.html", event=g.event, state=state)


@bp.post("/awards/import")
@requires(Permission.RUN_EVENT)
def upload_import():
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Chọn tệp .xlsx hoặc .csv để nhập."), "error")
        return redirect(url_for("awards.index"))
    decision_id = request.form.get("decision_id", type=int)
    suffix = Path(upload.filename).suffix.lower()
    data = upload.read()
    plan = importer.plan_import(g.event, data, upload.filename, decision_id=decision_id)
    token = ""
    if plan.acceptable:
        token = secrets.token_hex(16)
        (instance_folder("imports") / f"{g.event.slug}-awards-{token}{suffix}").write_bytes(data)
    return render_template("awards/import_preview.html", event=g.event, plan=plan, token=token, suffix=suffix,
                           filename=upload.filename, decision_id=decision_id or "")


@bp.post("/awards/import/<token>")
@requires(Permission.RUN_EVENT)
def confirm_import(token: str):
    suffix = request.form.get("suffix", "")
    path = instance_folder("imports") / f"{g.event.slug}-awards-{token}{suffix}"
    if not token.isalnum() or suffix not in (".xlsx", ".csv") or not path.exists():
        flash(_("Tệp nhập đã hết hạn, vui lòng tải lên lại."), "error")
        return redirect(url_for("awards.index"))
    plan = importer.plan_import(g.event, path.read_bytes(), path.name,
                                decision_id=request.form.get("decision_id", type=int))
    if not plan.acceptable:
        flash(_("Tệp có lỗi, chưa nhập gì."), "error")
        return redirect(url_for("awards.index"))
    created, updated = importer.apply_import(g.event, plan)
    path.unlink(missing_ok=True)
    flash(_("Đã nhập: %(created)d người nhận mới, %(updated)d cập nhật.", created=created, updated=updated), "success")
    return redirect(url_for("awards.index"))


@bp.route("/awards/<kind>.pdf")
@requires(Permission.WORK_DESK)
def print_documents(kind: str):
    if kind not in documents.KINDS:
        return ("", 404)
    return file_response(documents.render(g.event, kind), f"khen-thuong-{kind}-{g.event.slug}.pdf")
