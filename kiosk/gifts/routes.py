from __future__ import annotations

from flask import g, render_template
from flask_babel import gettext as _
from flask_login import current_user

from kiosk import live, uploads
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.events.service import event_blueprint
from kiosk.gifts import documents, importer, service
from kiosk.offline import service as offline
from kiosk.gifts.models import FUNDING_SOURCES, PACKAGE_KINDS, RECIPIENT_CATEGORIES, RECIPIENT_KINDS
from kiosk.web import file_response

bp = event_blueprint("gifts", __name__)


@bp.route("/gifts")
@requires(Permission.RUN_EVENT)
def index():
    """Planning: packages, recipients and their allocation, reconciliation."""
    return render_template(
        "gifts/index.html", event=g.event, packages=service.packages_of(g.event),
        recipients=service.recipients_of(g.event), summary=service.gifts_summary(g.event),
        categories=RECIPIENT_CATEGORIES, kinds=RECIPIENT_KINDS, package_kinds=PACKAGE_KINDS,
        sources=FUNDING_SOURCES, conflicts=offline.conflicts_state(g.event))


@bp.route("/gifts/desk")
@requires(Permission.GIFT_DESK)
def desk():
    """A gift desk: search or scan the slip, hand out; the stage's batch."""
    state = live.current_state(g.event, current_user)
    return render_template("gifts/desk.html", event=g.event, state=state, code_key=offline.code_key(g.event))


@bp.post("/gifts/import")
@requires(Permission.RUN_EVENT)
@uploads.takes_upload("KIOSK_MAX_IMPORT_BYTES")
def upload_import():
    return uploads.preview("gifts", lambda data, name: importer.plan_import(g.event, data, name),
                           "gifts/import_preview.html", "gifts.index")


@bp.post("/gifts/import/<token>")
@requires(Permission.RUN_EVENT)
def confirm_import(token: str):
    return uploads.confirm("gifts", token, lambda data, name: importer.plan_import(g.event, data, name),
                           importer.apply_import, "gifts.index",
                           lambda created, updated: _("Đã nhập: %(created)d người nhận mới, %(updated)d cập nhật.",
                                                      created=created, updated=updated))


@bp.route("/gifts/<kind>.pdf")
@requires(Permission.GIFT_DESK)
def print_documents(kind: str):
    if kind not in documents.KINDS:
        return ("", 404)
    return file_response(documents.render(g.event, kind), f"qua-{kind}-{g.event.slug}.pdf")


@bp.route("/gifts/receipts.xlsx")
@requires(Permission.GIFT_DESK)
def receipts_xlsx():
    return file_response(documents.receipts_xlsx(g.event), f"danh-sach-ky-nhan-{g.event.slug}.xlsx")
