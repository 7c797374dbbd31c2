"""Issue #17, point 7: a gift list's preview names the rows it did not
import (title, headings, blank, totals rows, the signature block) and why."""

import io

from kiosk.events.service import find_event
from kiosk.gifts import importer
from kiosk.gifts.importing import parse_gift_recipients
from kiosk.importing import Skipped
from tests.factories import login, make_event, make_user
from tests.gifts.test_importing import xlsx


GIFTS = [
    ["DANH SÁCH TẶNG QUÀ"],  # 1
    ["STT", "Họ và tên", "Địa chỉ"],  # 2
    ["I", "GIA ĐÌNH CHÍNH SÁCH"],  # 3
    [1, "Nguyễn Văn An", "Thôn 3"],  # 4
    [],  # 5
    [2, "Lê Thị Bình", "Thôn 4"],  # 6
    ["Cộng", "2 suất"],  # 7
    [None, "Người lập biểu"],  # 8
]


def test_skipped_rows_of_a_gift_list():
    parsed = parse_gift_recipients(xlsx(GIFTS), "a.xlsx")
    assert parsed.problems == [] and [row.row for row in parsed.rows] == [4, 6]
    assert parsed.skipped == [
        Skipped(1, "Tiêu đề phía trên bảng: “DANH SÁCH TẶNG QUÀ”."),
        Skipped(3, "Tiêu đề mục: “I GIA ĐÌNH CHÍNH SÁCH”."),
        Skipped(5, "Dòng trống."),
        Skipped(7, "Dòng tổng cộng: “Cộng 2 suất”."),
        Skipped(8, "Phần ký tên cuối danh sách: không đọc từ dòng này trở xuống."),
    ]


def test_the_shared_preview_lists_them(app, client):
    with app.app_context():
        make_event("cam-tan")
        organizer = make_user("organizer")
        assert len(importer.plan_import(find_event("cam-tan"), xlsx(GIFTS), "a.xlsx").skipped) == 5
    login(client, organizer)
    page = client.post("/e/cam-tan/gifts/import", data={"file": (io.BytesIO(xlsx(GIFTS)), "qua.xlsx")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "Các dòng không nhập (5)" in page
    assert "<td>7</td><td>Dòng tổng cộng: “Cộng 2 suất”.</td>" in page
    assert "Cần xem lại" not in page  # gift lists have no warnings yet
