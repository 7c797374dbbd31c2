"""Importing gift recipients: packages matched by name, stock respected, all
or nothing; and from the command line."""

import io

from click.testing import CliRunner
from openpyxl import Workbook

from kiosk.cli import main
from kiosk.events.service import find_event
from kiosk.gifts import importer, service
from tests.factories import make_event


def gift_list(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH HỘ ĐƯỢC NHẬN QUÀ"])
    sheet.append(["STT", "Họ và tên", "Đối tượng", "Địa chỉ", "Suất quà", "Số tiền"])
    for row in rows:
        sheet.append(row)
    sheet.append(["Cộng: %d suất" % len(rows)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def event_with_package(app, quantity=2):
    with app.app_context():
        event = make_event("cam-tan")
        service.create_package(event, {"name": "Suất quà của UBND xã", "unit_value": 500_000, "quantity": quantity})


def test_import_allocates_within_stock_all_or_nothing(app):
    event_with_package(app, quantity=2)
    rows = [[1, "Hộ bà Lê Thị Hoa", "Hộ nghèo", "Thôn Eo Lê", "Suất quà của UBND xã", "500.000"],
            [2, "Cháu Nguyễn Văn Nam", "Học sinh nghèo vượt khó", "Thôn Phiến Thôn", "Suất quà của UBND xã", 500000]]
    with app.app_context():
        event = find_event("cam-tan")
        plan = importer.plan_import(event, gift_list(rows), "ds.xlsx")
        assert plan.problems == [] and len(plan.creates) == 2
        over = importer.plan_import(event, gift_list(rows + [[3, "Hộ ông Ba", "Hộ nghèo", "Thôn Eo Lê",
                                                               "Suất quà của UBND xã", ""]]), "ds.xlsx")
        assert [(p.row, p.column) for p in over.problems] == [(5, "Suất quà")] and "đã phân bổ hết" in over.problems[0].message
        wrong = importer.plan_import(event, gift_list([[1, "Hộ X", "Hộ nghèo", "", "Suất quà của UBND xã", "300.000"],
                                                       [2, "Hộ Y", "Hộ nghèo", "", "Quà Tết", ""]]), "ds.xlsx")
        assert [p.row for p in wrong.problems] == [3, 4]
        importer.apply_import(event, plan)
        assert [(r.name, r.category, r.package.name) for r in service.recipients_of(event)] == [
            ("Hộ bà Lê Thị Hoa", "poor_household", "Suất quà của UBND xã"),
            ("Cháu Nguyễn Văn Nam", "poor_student", "Suất quà của UBND xã")]
        again = importer.plan_import(event, gift_list(rows), "ds.xlsx")
        assert again.unchanged == 2 and not again.creates


def test_cli_import_gift_recipients(app, database_url, tmp_path, monkeypatch):
    event_with_package(app)
    monkeypatch.setenv("KIOSK_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("KIOSK_DATABASE_URL", database_url)
    bad, good = tmp_path / "bad.xlsx", tmp_path / "good.xlsx"
    bad.write_bytes(gift_list([[1, "", "Hộ nghèo", "Thôn Eo Lê", "", ""]]))
    good.write_bytes(gift_list([[1, "Hộ bà Lê Thị Hoa", "Hộ nghèo", "Thôn Eo Lê", "Suất quà của UBND xã", ""]]))
    runner = CliRunner()
    refused = runner.invoke(main, ["import", "gift-recipients", str(bad), "--event", "cam-tan"])
    assert refused.exit_code == 1 and "dòng 3" in refused.output
    done = runner.invoke(main, ["import", "gift-recipients", str(good), "--event", "cam-tan"])
    assert done.exit_code == 0 and "Đã nhập: 1 mới" in done.output
