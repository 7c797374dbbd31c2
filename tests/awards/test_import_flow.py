"""Importing award recipients end to end: decisions matched by number, all or
nothing, re-import updates; the list's own signature block is not data."""

import io
import re

from click.testing import CliRunner
from openpyxl import Workbook

from kiosk.awards import importer, service
from kiosk.cli import main
from kiosk.events.service import find_event
from tests.awards.test_service import make_decision
from tests.factories import login, make_event, make_user


def award_list(rows, *, dated=True) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"])
    sheet.append(["STT", "Số quyết định", "Loại", "Họ và tên", "Chức vụ", "Đơn vị", "Lãnh đạo"])
    for row in rows:
        sheet.append(row)
    if dated:
        sheet.append(["Cẩm Tân, ngày 12 tháng 8 năm 2024"])
        sheet.append(["Người lập biểu"])
        sheet.append(["", "", "", "Lê Văn Ký"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


ROWS = [
    [1, "1856/QĐ-UBND ngày 05/8/2024", "Tập thể", "Công an xã Cẩm Tân", "", "", ""],
    [2, "1856/QĐ-UBND ngày 05/8/2024", "Cá nhân", "Nguyễn Văn An", "Trưởng Công an xã", "Công an xã Cẩm Tân", "x"],
    [3, "1856/QĐ-UBND ngày 05/8/2024", "Cá nhân", "Trần Thị Bình", "Công an viên", "Thôn Eo Lê", ""],
]


def setup_event(app):
    with app.app_context():
        event = make_event("cam-tan")
        make_decision(event, 5, "1856/QĐ-UBND", 0, 0)
        return make_user("organizer")


def test_preview_then_import_then_reimport(app, client):
    login(client, setup_event(app))
    upload = lambda data: client.post("/e/cam-tan/awards/import", data={"file": (io.BytesIO(data), "ds.xlsx")},
                                      content_type="multipart/form-data")
    preview = upload(award_list(ROWS))
    page = preview.get_data(as_text=True)
    assert "Sẽ thêm 3 người nhận, cập nhật 0, giữ nguyên 0." in page
    token = re.search(r"/awards/import/([0-9a-f]+)", page).group(1)
    assert client.post(f"/e/cam-tan/awards/import/{token}", data={"suffix": ".xlsx"}).status_code == 302
    with app.app_context():
        recipients = service.all_recipients(find_event("cam-tan"))
        assert [(r.kind, r.name, r.is_leader) for r in recipients] == [
            ("collective", "Công an xã Cẩm Tân", False), ("individual", "Nguyễn Văn An", True),
            ("individual", "Trần Thị Bình", False)]
    changed = [row[:] for row in ROWS]
    changed[2][4] = "Phó Trưởng Công an xã"
    assert "Sẽ thêm 0 người nhận, cập nhật 1, giữ nguyên 2." in upload(award_list(changed)).get_data(as_text=True)


def test_an_unknown_decision_or_a_broken_row_refuses_everything(app, client):
    login(client, setup_event(app))
    rows = ROWS + [[4, "9999/QĐ-UBND", "Cá nhân", "Lê Văn Cường", "", "", ""], [5, "1856/QĐ-UBND", "Cá nhân", "", "", "", ""]]
    page = client.post("/e/cam-tan/awards/import", data={"file": (io.BytesIO(award_list(rows)), "ds.xlsx")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "Tệp có 2 lỗi — chưa nhập gì." in page and "9999/QĐ-UBND chưa có trong sự kiện" in page
    with app.app_context():
        assert service.all_recipients(find_event("cam-tan")) == []


def test_cli_import_awards(app, database_url, tmp_path, monkeypatch):
    setup_event(app)
    monkeypatch.setenv("KIOSK_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("KIOSK_DATABASE_URL", database_url)
    path = tmp_path / "ds.xlsx"
    path.write_bytes(award_list([[1, "", "Cá nhân", "Phạm Văn Dũng", "Công an viên", "", ""]], dated=False))
    runner = CliRunner()
    refused = runner.invoke(main, ["import", "awards", str(path), "--event", "cam-tan"])
    assert refused.exit_code == 1 and "chọn quyết định" in refused.output
    done = runner.invoke(main, ["import", "awards", str(path), "--event", "cam-tan", "--decision", "1856/qđ-ubnd"])
    assert done.exit_code == 0, done.output
    with app.app_context():
        assert [r.name for r in service.all_recipients(find_event("cam-tan"))] == ["Phạm Văn Dũng"]
        plan = importer.plan_import(find_event("cam-tan"), path.read_bytes(), "ds.xlsx",
                                    decision_id=service.decisions_of(find_event("cam-tan"))[0].id)
        assert plan.unchanged == 1
