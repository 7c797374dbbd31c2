from __future__ import annotations

from flask import g, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from kiosk import live, uploads
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.awards import documents, importer, service
from kiosk.awards.models import OUTCOMES
from kiosk.delegates.models import LEVELS
from kiosk.events.service import event_blueprint
from kiosk.web import file_response

bp = event_blueprint("awards", __name__)


@bp.route("/awards")
@requires(Permission.RUN_EVENT)
def index():
    """Planning: decisions, recipients, limits, batches."""
    forms = service.ensure_forms(g.event)
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
        leaders=service.presenter_pools(g.event), levels=LEVELS,
        mismatches=service.presenter_mismatches(g.event), outcomes=OUTCOMES)


@bp.route("/awards/stage")
@requires(Permission.AWARD_DESK)
def stage():
    """The stage marshal's tablet."""
    state = live.current_state(g.event, current_user)
    return render_template("awards/stage.html", event=g.event, state=state)


def plan_award_import(data: bytes, name: str):
    return importer.plan_import(g.event, data, name, decision_id=request.form.get("decision_id", type=int))


@bp.post("/awards/import")
@requires(Permission.RUN_EVENT)
@uploads.takes_upload("KIOSK_MAX_IMPORT_BYTES")
def upload_import():
    return uploads.preview("awards", plan_award_import, "awards/import_preview.html", "awards.index",
                           decision_id=request.form.get("decision_id", ""))


@bp.post("/awards/import/<token>")
@requires(Permission.RUN_EVENT)
def confirm_import(token: str):
    return uploads.confirm("awards", token, plan_award_import, importer.apply_import, "awards.index",
                           lambda created, updated: _("Đã nhập: %(created)d người nhận mới, %(updated)d cập nhật.",
                                                      created=created, updated=updated))


@bp.route("/awards/<kind>.pdf")
@requires(Permission.AWARD_DESK)
def print_documents(kind: str):
    if kind not in documents.KINDS:
        return ("", 404)
    return file_response(documents.render(g.event, kind), f"khen-thuong-{kind}-{g.event.slug}.pdf")
