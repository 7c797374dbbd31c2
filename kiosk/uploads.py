"""The two steps of every spreadsheet import on a tablet: upload and preview
(what will change, every problem by row), then confirm (all or nothing). The
file waits in the instance folder between the steps."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from kiosk.web import instance_folder

SUFFIXES = (".xlsx", ".csv")


def waiting_file(area: str, token: str, suffix: str) -> Path | None:
    if not token.isalnum() or suffix not in SUFFIXES:
        return None
    path = instance_folder("imports") / f"{g.event.slug}-{area}-{token}{suffix}"
    return path if path.exists() else None


def preview(area: str, plan: Callable, template: str, back: str, **context):
    """Step 1: read the uploaded file with `plan(data, filename)` and show the preview."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Chọn tệp .xlsx hoặc .csv để nhập."), "error")
        return redirect(url_for(back))
    suffix = Path(upload.filename).suffix.lower()
    data = upload.read()
    result = plan(data, upload.filename)
    token = ""
    if result.acceptable:
        token = secrets.token_hex(16)
        (instance_folder("imports") / f"{g.event.slug}-{area}-{token}{suffix}").write_bytes(data)
    return render_template(template, event=g.event, plan=result, token=token, suffix=suffix,
                           filename=upload.filename, **context)


def confirm(area: str, token: str, plan: Callable, apply: Callable, back: str, done: Callable[[int, int], str]):
    """Step 2: read the waiting file again and apply it, all of it or nothing."""
    path = waiting_file(area, token, request.form.get("suffix", ""))
    if path is None:
        flash(_("Tệp nhập đã hết hạn, vui lòng tải lên lại."), "error")
        return redirect(url_for(back))
    result = plan(path.read_bytes(), path.name)
    if not result.acceptable:
        flash(_("Tệp có lỗi, chưa nhập gì."), "error")
        return redirect(url_for(back))
    created, updated = apply(g.event, result)
    path.unlink(missing_ok=True)
    flash(done(created, updated), "success")
    return redirect(url_for(back))
