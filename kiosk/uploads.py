"""The two steps of every spreadsheet import on a tablet: upload and preview
(what will change, every problem by row), then confirm (all or nothing). The
file waits in the instance folder between the steps.

Also what every route that takes a file shares: its own size limit (a
spreadsheet is small, a reportage video is not; any other request stays under
MAX_CONTENT_LENGTH), and a look at the file's first bytes, not only its name."""

from __future__ import annotations

import io
import secrets
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from kiosk.fields import KioskError, text
from kiosk.importing import Problem
from kiosk.transactions import writing
from kiosk.web import instance_folder

SUFFIXES = (".xlsx", ".csv")

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, or an .xlsx with a password: the importer explains
# An .xlsx is a zip; what it unpacks to is read into memory. A real list of a few
# thousand people is a few MB unpacked: far more is a "zip bomb", not a list.
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ZIP_ENTRIES = 5000


def takes_upload(limit_setting: str):
    """Route decorator: the request body may be as large as the setting
    `limit_setting` (bytes) instead of MAX_CONTENT_LENGTH. Larger is refused
    with 413 before anything is read or written."""

    def decorator(view):
        view.upload_limit = limit_setting
        return view

    return decorator


def init_app(app: Flask) -> None:
    # First of all hooks: the CSRF check reads the form, and the limit must hold by then.
    app.before_request_funcs.setdefault(None, []).insert(0, apply_upload_limit)


def apply_upload_limit() -> None:
    """The route's own limit (kiosk.wsgi found it: an upload's setting, small for anonymous routes)."""
    limit = request.environ.get("kiosk.body_limit")
    if limit:
        request.max_content_length = limit


def size_text(size: int) -> str:
    """10485760 -> "10 MB", 1073741824 -> "1 GB", 65536 -> "64 KB"."""
    mb = 1024 * 1024
    if size >= 1024 * mb and size % (1024 * mb) == 0:
        return f"{size // (1024 * mb)} GB"
    if size < mb:
        return f"{max(1, round(size / 1024))} KB"
    return f"{max(1, round(size / mb))} MB"


def spreadsheet_problem(data: bytes, suffix: str) -> str | None:
    """Why the bytes of a file named *.xlsx are no workbook, or None. Other
    files (.csv, .xls...) are judged by the importer, which says what to do."""
    if suffix != ".xlsx" or data.startswith(OLE_MAGIC) or not data:
        return None
    if not data.startswith(ZIP_MAGIC):
        return _("Tệp không phải tệp Excel (.xlsx) thật (chỉ đổi đuôi tên tệp thì không đọc được). "
                 "Hãy mở bằng Excel và lưu lại kiểu Excel Workbook (.xlsx).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        return _("Tệp Excel (.xlsx) bị hỏng, không mở được. Hãy mở bằng Excel và lưu lại.")
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        return _("Tệp không phải tệp Excel (.xlsx) thật (chỉ đổi đuôi tên tệp thì không đọc được). "
                 "Hãy mở bằng Excel và lưu lại kiểu Excel Workbook (.xlsx).")
    if len(entries) > MAX_ZIP_ENTRIES or sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
        return _("Tệp Excel quá lớn khi giải nén: một danh sách không thể lớn như vậy. Hãy kiểm tra lại tệp.")
    return None


# The containers the big screen's browser plays. An MP4 opens with an "ftyp" box naming
# its brands; audio (M4A) and still images (HEIC, AVIF) use the same box with other brands.
VIDEO_BRANDS = {b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"iso8", b"iso9", b"mp41", b"mp42", b"avc1",
                b"M4V ", b"M4VH", b"M4VP", b"dash", b"mmp4", b"msnv", b"MSNV", b"XAVC", b"f4v ", b"3gp4", b"3gp5",
                b"3gp6", b"3g2a"}
NOT_VIDEO_BRANDS = {b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B ", b"heic", b"heix", b"hevc", b"hevx", b"mif1",
                    b"msf1", b"avif", b"avis", b"crx "}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"  # Matroska; WebM names its DocType "webm" in the header
VIDEO_HEAD_BYTES = 256


def video_kind(head: bytes) -> str | None:
    """".mp4" or ".webm" from a file's first bytes (VIDEO_HEAD_BYTES of them), else None."""
    if head[4:8] == b"ftyp":
        box_end = min(int.from_bytes(head[0:4], "big"), len(head))
        major = head[8:12]
        brands = {major} | {head[i:i + 4] for i in range(16, box_end - 3, 4)}
        if major not in NOT_VIDEO_BRANDS and brands & VIDEO_BRANDS:
            return ".mp4"
        return None
    if head.startswith(EBML_MAGIC) and b"\x42\x82" in head[:64] and b"webm" in head[:64]:
        return ".webm"
    return None


@dataclass
class Refused:
    """A file refused before it is read: the preview shows its one problem."""

    problems: list[Problem]
    creates: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    acceptable: bool = False


def waiting_file(area: str, token: str, suffix: str) -> Path | None:
    if not token.isalnum() or suffix not in SUFFIXES:
        return None
    path = instance_folder("imports") / f"{g.event.slug}-{area}-{token}{suffix}"
    return path if path.exists() else None


def original_name(given, *, suffix: str) -> str:
    """The uploaded file's own name, sent back by the preview's form: a plain
    name of at most 200 characters with the waiting file's suffix, else ""."""
    try:
        name = text(given, 200, "Tên tệp")
    except KioskError:
        return ""
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name if name.lower().endswith(suffix) else ""


def preview(area: str, plan: Callable, template: str, back: str, **context):
    """Step 1: read the uploaded file with `plan(data, filename)` and show the preview."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Chọn tệp .xlsx hoặc .csv để nhập."), "error")
        return redirect(url_for(back))
    suffix = Path(upload.filename).suffix.lower()
    data = upload.read()
    problem = spreadsheet_problem(data, suffix)
    if problem:
        return render_template("_import_preview.html", event=g.event, plan=Refused([Problem(None, None, problem)]),
                               token="", suffix=suffix, filename=upload.filename), 400
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
    data = path.read_bytes()
    # Planned again in the write transaction that applies it: what another
    # organizer imported or typed in the meantime is matched, never duplicated.
    with writing():
        # The name the person chose (the audit trail names the import by it), not the waiting copy's.
        result = plan(data, original_name(request.form.get("filename"), suffix=path.suffix) or path.name)
        if not result.acceptable:
            flash(_("Tệp có lỗi, chưa nhập gì."), "error")
            return redirect(url_for(back))
        created, updated = apply(g.event, result)
    path.unlink(missing_ok=True)
    flash(done(created, updated), "success")
    return redirect(url_for(back))
