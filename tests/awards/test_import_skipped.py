"""Issue #17, point 7: an award list's preview names the rows it did not
import (title, headings, blank, numbered empty and totals rows) and why."""

from kiosk.awards.importing import parse_award_recipients
from kiosk.importing import Skipped
from tests.awards.test_importing import xlsx


def test_skipped_rows_of_an_award_list():
    data = xlsx([
        ["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"],  # 1
        ["STT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị"],  # 2
        ["I", "TẬP THỂ"],  # 3
        [1, "Công an xã Cẩm Tân"],  # 4
        [],  # 5
        [2, "Hội Phụ nữ xã Cẩm Tân"],  # 6
        ["II", "CÁ NHÂN"],  # 7
        [3, "Nguyễn Văn An", "Trưởng thôn", "Thôn 3"],  # 8
        [4],  # 9
        ["Tổng cộng: 3"],  # 10
    ])
    parsed = parse_award_recipients(data, "a.xlsx")
    assert parsed.problems == [] and [(row.row, row.kind) for row in parsed.rows] == [
        (4, "collective"), (6, "collective"), (8, "individual")]
    assert parsed.skipped == [
        Skipped(1, "Tiêu đề phía trên bảng: “DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG”."),
        Skipped(3, "Tiêu đề mục: “TẬP THỂ”."),
        Skipped(5, "Dòng trống."),
        Skipped(7, "Tiêu đề mục: “CÁ NHÂN”."),
        Skipped(9, "Chỉ có số thứ tự, chưa điền tên."),
        Skipped(10, "Dòng tổng cộng: “Tổng cộng: 3”."),
    ]
