from __future__ import annotations

from flask import g, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from kiosk import live, uploads
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.delegates import documents, importer, service
from kiosk.delegates.models import GROUPS, LEVELS
from kiosk.events.service import event_blueprint
from kiosk.offline import service as offline
from kiosk.web import file_response

bp = event_blueprint("delegates", __name__)


@bp.route("/checkin")
@requires(Permission.CHECK_IN)
def checkin():
    """The gate tablet; ?self=1 is the self-service entrance kiosk."""
    state = live.current_state(g.event, None)
    return render_template("delegates/checkin.html", event=g.event, state=state, levels=LEVELS,
                           self_service=request.args.get("self") == "1", code_key=offline.code_key(g.event))


@bp.route("/delegates")
@requires(Permission.RUN_EVENT)
def index():
    query = request.args.get("q", "")
    delegates = service.search(g.event, query, limit=5000) if query else service.delegates_in_order(g.event)
    state = live.current_state(g.event, current_user)
    return render_template("delegates/index.html", event=g.event, delegates=delegates, query=query, state=state,
                           levels=LEVELS, groups=GROUPS)


@bp.post("/delegates/import")
@requires(Permission.RUN_EVENT)
@uploads.takes_upload("KIOSK_MAX_IMPORT_BYTES")
def upload_import():
    """Step 1: read the file and show what would change, and every problem by row."""
    return uploads.preview("delegates", lambda data, name: importer.plan_import(g.event, data, name),
                           "delegates/import_preview.html", "delegates.index", levels=LEVELS, groups=GROUPS)


@bp.post("/delegates/import/<token>")
@requires(Permission.RUN_EVENT)
def confirm_import(token: str):
    """Step 2: apply the previewed file, all of it or nothing."""
    # The preview's checkbox: names typed in capitals go in as "Nguyễn Văn An".
    proper_case = request.form.get("proper_case") == "1"
    return uploads.confirm("delegates", token,
                           lambda data, name: importer.plan_import(g.event, data, name, proper_case=proper_case),
                           importer.apply_import, "delegates.index",
                           lambda created, updated: _("Đã nhập: %(created)d đại biểu mới, %(updated)d cập nhật.",
                                                      created=created, updated=updated))


@bp.route("/delegates/template.xlsx")
@requires(Permission.RUN_EVENT)
def import_template():
    return file_response(importer.template_xlsx(), "mau-danh-sach-dai-bieu.xlsx")


@bp.route("/delegates/export.xlsx")
@requires(Permission.RUN_EVENT)
def export():
    return file_response(importer.export_xlsx(g.event), f"dai-bieu-{g.event.slug}.xlsx")


@bp.route("/delegates/<kind>.pdf")
@requires(Permission.RUN_EVENT)
def print_documents(kind: str):
    """Badges, invitations, table cards, or the introduction of those present."""
    if kind not in documents.KINDS:
        return ("", 404)
    return file_response(documents.render(g.event, kind), f"{kind}-{g.event.slug}.pdf")
