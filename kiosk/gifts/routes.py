from __future__ import annotations

import secrets
from pathlib import Path

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from kiosk import live
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.events.service import event_blueprint
from kiosk.gifts import documents, importer, service
from kiosk.gifts.models import FUNDING_SOURCES, PACKAGE_KINDS, RECIPIENT_CATEGORIES, RECIPIENT_KINDS
from kiosk.web import file_response, instance_folder

bp = event_blueprint("gifts", __name__)


@bp.route("/gifts")
@requires(Permission.RUN_EVENT)
def index():
    """Planning: packages, recipients and their allocation, reconciliation."""
    return render_template(
        "gifts/index.html", event=g.event, packages=service.packages_of(g.event),
        recipients=service.recipients_of(g.event), summary=service.gifts_summary(g.event),
        categories=RECIPIENT_CATEGORIES, kinds=RECIPIENT_KINDS, package_kinds=PACKAGE_KINDS,
        sources=FUNDING_SOURCES)


@bp.route("/gifts/desk")
@requires(Permission.WORK_DESK)
def desk():
    """A gift desk: search or scan the slip, hand out; the stage's batch."""
    state = live.current_state(g.event, {live.PUBLIC, live.STAFF})
    return render_template("gifts/desk.html", event=g.event, state=state)


@bp.post("/gifts/import")
@requires(Permission.RUN_EVENT)
def upload_import():
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Chọn tệp .xlsx hoặc .csv để nhập."), "error")
        return redirect(url_for("gifts.index"))
    suffix = Path(upload.filename).suffix.lower()
    data = upload.read()
    plan = importer.plan_import(g.event, data, upload.filename)
    token = ""
    if plan.acceptable:
        token = secrets.token_hex(16)
        (instance_folder("imports") / f"{g.event.slug}-gifts-{token}{suffix}").write_bytes(data)
    return render_template("gifts/import_preview.html", event=g.event, plan=plan, token=token, suffix=suffix,
                           filename=upload.filename)


@bp.post("/gifts/import/<token>")
@requires(Permission.RUN_EVENT)
def confirm_import(token: str):
    suffix = request.form.get("suffix", "")
    path = instance_folder("imports") / f"{g.event.slug}-gifts-{token}{suffix}"
    if not token.isalnum() or suffix not in (".xlsx", ".csv") or not path.exists():
        flash(_("Tệp nhập đã hết hạn, vui lòng tải lên lại."), "error")
        return redirect(url_for("gifts.index"))
    plan = importer.plan_import(g.event, path.read_bytes(), path.name)
    if not plan.acceptable:
        flash(_("Tệp có lỗi, chưa nhập gì."), "error")
        return redirect(url_for("gifts.index"))
    created, updated = importer.apply_import(g.event, plan)
    path.unlink(missing_ok=True)
    flash(_("Đã nhập: %(created)d người nhận mới, %(updated)d cập nhật.", created=created, updated=updated), "success")
    return redirect(url_for("gifts.index"))


@bp.route("/gifts/<kind>.pdf")
@requires(Permission.WORK_DESK)
def print_documents(kind: str):
    if kind not in documents.KINDS:
        return ("", 404)
    return file_response(documents.render(g.event, kind), f"qua-{kind}-{g.event.slug}.pdf")


@bp.route("/gifts/receipts.xlsx")
@requires(Permission.WORK_DESK)
def receipts_xlsx():
    return file_response(documents.receipts_xlsx(g.event), f"danh-sach-ky-nhan-{g.event.slug}.xlsx")
