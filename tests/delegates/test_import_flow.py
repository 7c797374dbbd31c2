"""Importing delegate lists end to end: preview, all-or-nothing, re-import
updates, the template and the export read back, and the CLI."""

import io
import re

from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from kiosk.cli import main
from kiosk.delegates import importer, service
from kiosk.delegates.models import Delegate
from kiosk.events.service import find_event
from kiosk.extensions import db
from tests.factories import login, make_event, make_user


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐẠI BIỂU DỰ NGÀY HỘI"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Cấp", "Số điện thoại"])
    for row in rows:
        sheet.append(row)
    sheet.append(["Tổng cộng: %d đại biểu" % len(rows)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD = [
    [1, "Nguyễn Văn An", "Phó Chủ tịch UBND tỉnh", "UBND tỉnh Thanh Hóa", "Tỉnh", 912345678],
    [2, "Trần Thị Bình", "Bí thư Đảng ủy xã", "Đảng ủy xã Cẩm Tân", "Xã", "0987654321"],
    [3, "Lê Văn Cường", "Trưởng thôn", "Thôn Eo Lê", "", ""],
]


def upload(client, data, name="dai-bieu.xlsx"):
    return client.post("/e/cam-tan/delegates/import", data={"file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


def confirm(client, preview):
    page = preview.get_data(as_text=True)
    token = re.search(r"/delegates/import/([0-9a-f]+)", page).group(1)
    return client.post(f"/e/cam-tan/delegates/import/{token}", data={"suffix": ".xlsx"})


def names(app):
    with app.app_context():
        return sorted(d.full_name for d in service.delegates_in_order(find_event("cam-tan")))


def test_preview_then_import_then_reimport_updates(app, organizer_client):
    preview = upload(organizer_client, xlsx(GOOD))
    assert "Sẽ thêm 3 đại biểu, cập nhật 0, giữ nguyên 0." in preview.get_data(as_text=True)
    assert names(app) == []  # a preview writes nothing
    assert confirm(organizer_client, preview).status_code == 302
    assert names(app) == ["Lê Văn Cường", "Nguyễn Văn An", "Trần Thị Bình"]
    with app.app_context():
        an = db.session.scalar(db.select(Delegate).filter_by(full_name="Nguyễn Văn An"))
        assert (an.level, an.group, an.phone, an.is_leader) == ("tinh", "ubnd", "0912345678", True)

    changed = [row[:] for row in GOOD]
    changed[0][2] = "Chủ tịch UBND tỉnh"
    changed.append([4, "Phạm Thị Dung", "Chủ tịch Hội Phụ nữ", "Hội LHPN xã Cẩm Tân", "Xã", ""])
    preview = upload(organizer_client, xlsx(changed))
    assert "Sẽ thêm 1 đại biểu, cập nhật 1, giữ nguyên 2." in preview.get_data(as_text=True)
    confirm(organizer_client, preview)
    assert len(names(app)) == 4  # updated, not duplicated
    with app.app_context():
        assert db.session.scalar(db.select(Delegate.position).filter_by(full_name="Nguyễn Văn An")) == "Chủ tịch UBND tỉnh"


def test_a_broken_row_refuses_the_whole_file(app, organizer_client):
    broken = GOOD + [[4, "", "Cán bộ", "Công an xã", "Xã", ""], [5, "Vũ Văn Em", "", "", "Liên hợp quốc", ""]]
    preview = upload(organizer_client, xlsx(broken))
    page = preview.get_data(as_text=True)
    assert "Tệp có 2 lỗi — chưa nhập gì." in page
    assert "<td>7</td><td>Họ và tên</td>" in page  # Excel row 7: 3 title/header rows, then rows 4..8
    assert "/delegates/import/" not in page  # no way to confirm
    assert names(app) == []


def test_not_a_spreadsheet(app, organizer_client):
    page = upload(organizer_client, b"hello", "danh-sach.docx").get_data(as_text=True)
    assert "chưa nhập gì" in page and names(app) == []


def test_export_reads_back_unchanged_and_the_template_is_importable(app, organizer_client):
    confirm(organizer_client, upload(organizer_client, xlsx(GOOD)))
    exported = organizer_client.get("/e/cam-tan/delegates/export.xlsx")
    assert exported.headers["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(exported.data)).active
    assert sheet["B2"].value == "Họ và tên" and sheet["B3"].value == "Nguyễn Văn An"
    with app.app_context():
        plan = importer.plan_import(find_event("cam-tan"), exported.data, "export.xlsx")
    assert plan.problems == [] and plan.creates == [] and plan.updates == [] and plan.unchanged == 3
    template = organizer_client.get("/e/cam-tan/delegates/template.xlsx").data
    with app.app_context():
        plan = importer.plan_import(find_event("cam-tan"), template, "mau.xlsx")
    assert plan.problems == [] and [r.full_name for r in plan.creates] == ["Nguyễn Văn A"]


def test_import_needs_the_organizer_role(app, client):
    with app.app_context():
        make_event("cam-tan")
        desk = make_user("desk")
    login(client, desk)
    assert upload(client, xlsx(GOOD)).status_code == 403
    assert names(app) == []


def test_cli_import_dry_run_refusal_and_import(app, database_url, tmp_path, monkeypatch):
    with app.app_context():
        make_event("cam-tan")
    monkeypatch.setenv("KIOSK_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("KIOSK_DATABASE_URL", database_url)
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(xlsx(GOOD))
    bad.write_bytes(xlsx(GOOD + [[4, "", "Cán bộ", "Công an xã", "Xã", ""]]))
    runner = CliRunner()
    dry = runner.invoke(main, ["import", "delegates", str(good), "--event", "cam-tan", "--dry-run"])
    assert dry.exit_code == 0 and "Thêm mới: 3" in dry.output and "Chạy thử" in dry.output
    assert names(app) == []
    refused = runner.invoke(main, ["import", "delegates", str(bad), "--event", "cam-tan"])
    assert refused.exit_code == 1 and "dòng 7" in refused.output and "chưa nhập gì" in refused.output
    assert names(app) == []
    done = runner.invoke(main, ["import", "delegates", str(good), "--event", "cam-tan"])
    assert done.exit_code == 0 and "Đã nhập: 3 mới, 0 cập nhật." in done.output
    assert len(names(app)) == 3
