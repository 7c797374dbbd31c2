"""Spreadsheet imports (kiosk/uploads.py) take only what they can read: at most
KIOSK_MAX_IMPORT_BYTES (10 MB), a real .xlsx (its bytes, not its name) or a
.csv; anything else is refused with a clear message and nothing is written.
Any other request stays under MAX_CONTENT_LENGTH; too large is a Vietnamese 413."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from kiosk.delegates.models import Delegate
from kiosk.extensions import db
from kiosk.gifts.models import GiftRecipient
from kiosk.uploads import size_text, spreadsheet_problem
from tests.factories import login, make_event, make_user

MB = 1024 * 1024
AREAS = {"delegates": Delegate, "gifts": GiftRecipient, "awards": None}


def workbook() -> bytes:
    book = Workbook()
    book.active.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Cấp"])
    book.active.append([1, "Nguyễn Văn An", "Trưởng thôn", "Thôn Eo Lê", "Xã"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def zipped(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb() -> bytes:
    """Looks like a workbook; unpacks to 120 MB of zeros (a few hundred KB packed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            chunk = b"\0" * MB
            for _ in range(120):
                sheet.write(chunk)
    return out.getvalue()


@pytest.fixture
def organizer(app, client):
    with app.app_context():
        make_event("cam-tan")
        login(client, make_user("organizer"))
    return client


def imports_folder(app) -> list[Path]:
    folder = Path(app.instance_path) / "imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def upload(client, area, data, name):
    return client.post(f"/e/cam-tan/{area}/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def rows_of(app, model) -> int:
    if model is None:
        return 0
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(model))


@pytest.mark.parametrize("area", list(AREAS))
def test_a_spreadsheet_over_10_mb_is_refused_before_it_is_read(app, organizer, area):
    too_big = workbook() + b"\0" * (10 * MB)
    response = upload(organizer, area, too_big, "danh-sach.xlsx")
    assert response.status_code == 413
    assert "Tệp tải lên quá lớn: tối đa 10 MB." in response.get_data(as_text=True)
    assert imports_folder(app) == [] and rows_of(app, AREAS[area]) == 0


NOT_A_WORKBOOK = "Tệp không phải tệp Excel (.xlsx) thật"


@pytest.mark.parametrize("data, message", [
    (b"STT,H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan\n1,Nguy\xe1\xbb\x85n V\xc4\x83n An\n", NOT_A_WORKBOOK),  # a CSV renamed
    (b"MZ\x90\x00" + b"\0" * 200, NOT_A_WORKBOOK),  # a program renamed
    (b"%PDF-1.7\n" + b"x" * 200, NOT_A_WORKBOOK),
    (zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}), NOT_A_WORKBOOK),  # a .docx
    (zipped({"anh.jpg": b"\xff\xd8\xff"}), NOT_A_WORKBOOK),  # any zip
    (b"PK\x03\x04" + b"\0" * 100, "Tệp Excel (.xlsx) bị hỏng"),
    (zip_bomb(), "Tệp Excel quá lớn khi giải nén"),
], ids=["csv", "exe", "pdf", "docx", "zip", "broken-zip", "zip-bomb"])
@pytest.mark.parametrize("area", list(AREAS))
def test_only_a_real_workbook_is_read(app, organizer, area, data, message):
    response = upload(organizer, area, data, "danh-sach.xlsx")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in page and "chưa nhập gì" in page
    assert f"/{area}/import/" not in page  # no way to confirm
    assert imports_folder(app) == [] and rows_of(app, AREAS[area]) == 0


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "Tệp .csv không phải tệp văn bản"),
    (workbook(), "thực ra là tệp Excel"),
], ids=["png", "xlsx-named-csv"])
def test_a_csv_must_be_text(app, organizer, data, message):
    page = upload(organizer, "delegates", data, "danh-sach.csv").get_data(as_text=True)
    assert message in page and "chưa nhập gì" in page
    assert imports_folder(app) == [] and rows_of(app, Delegate) == 0


def test_other_kinds_of_file_are_refused(app, organizer):
    page = upload(organizer, "delegates", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "cu.xls").get_data(as_text=True)
    assert "Excel 97-2003" in page and "chưa nhập gì" in page
    page = upload(organizer, "delegates", b"<html></html>", "trang.html").get_data(as_text=True)
    assert "Chỉ nhận tệp .xlsx hoặc .csv." in page
    assert imports_folder(app) == [] and rows_of(app, Delegate) == 0


def test_a_real_workbook_and_csv_still_go_through(app, organizer):
    preview = upload(organizer, "delegates", workbook(), "danh-sach.xlsx")
    assert preview.status_code == 200 and "Sẽ thêm 1 đại biểu" in preview.get_data(as_text=True)
    csv = "STT,Họ và tên,Chức vụ,Đơn vị,Cấp\n1,Trần Thị Bình,Bí thư,Đảng ủy xã,Xã\n".encode()
    preview = upload(organizer, "delegates", csv, "danh-sach.csv")
    assert preview.status_code == 200 and "Sẽ thêm 1 đại biểu" in preview.get_data(as_text=True)
    assert len(imports_folder(app)) == 2  # each waits for its confirmation


def test_every_import_route_names_its_limit(app):
    for area in AREAS:
        assert app.view_functions[f"{area}.upload_import"].upload_limit == "KIOSK_MAX_IMPORT_BYTES"
    assert app.view_functions["programme.upload_video"].upload_limit == "KIOSK_MAX_VIDEO_BYTES"
    assert app.config["KIOSK_MAX_IMPORT_BYTES"] == 10 * MB
    assert app.config["MAX_CONTENT_LENGTH"] == 16 * MB


def test_any_other_request_stays_under_its_limit(app, organizer):
    """Staff routes take up to 1 MB, anonymous ones (the citizens' pages) 64 KB. The JSON API
    answers 413 in JSON, in Vietnamese; a page, with the error page."""
    with app.app_context():
        token_user = make_user("organizer")
        from kiosk.auth.service import issue_token

        token = issue_token(token_user)
    big = b'{"full_name": "' + b"A" * (2 * MB) + b'"}'
    response = app.test_client().post("/api/v1/events/cam-tan/delegates", data=big,
                                      headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert response.status_code == 413
    assert response.json == {"error": "too_large", "message": "Nội dung gửi lên quá lớn: tối đa 1 MB."}
    page = organizer.post("/e/cam-tan/y-kien", data={"text": "A" * (100 * 1024)})
    assert page.status_code == 413 and "Nội dung gửi lên quá lớn: tối đa 64 KB." in page.get_data(as_text=True)
    assert rows_of(app, Delegate) == 0


def test_sizes_read_as_people_say_them():
    assert size_text(10 * MB) == "10 MB"
    assert size_text(1024 * MB) == "1 GB"
    assert size_text(1536 * MB) == "1536 MB"


def test_spreadsheet_problem_judges_only_xlsx():
    assert spreadsheet_problem(workbook(), ".xlsx") is None
    assert spreadsheet_problem(b"a,b\n", ".csv") is None  # the importer reads CSVs and says what is wrong
    assert spreadsheet_problem(b"a,b\n", ".xlsx").startswith(NOT_A_WORKBOOK)
