"""Issue #17, point 7: the import preview tells what it skipped (title,
blank, repeated header, totals rows) and why, and warns without refusing:
a name twice, a namesake already in the event, a name in capitals (imported
in proper case only when the organizer ticks it), a delegate the MC will
introduce by bare name. Also the standing deputy's place in protocol order."""

import re
import unicodedata

import pytest

from kiosk.delegates import importer, service
from kiosk.delegates.importing import in_capitals, parse_delegates, proper_case
from kiosk.delegates.models import Delegate
from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.importing import Problem, Skipped
from kiosk.transactions import writing
from tests.delegates.test_import_flow import upload
from tests.delegates.test_importing import xlsx
from tests.factories import make_event

HEADER = ["STT", "Họ và tên", "Danh xưng", "Chức vụ", "Đơn vị", "Cấp"]
TITLE = "DANH SÁCH ĐẠI BIỂU DỰ NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC"


def csv(lines) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


def confirm(client, preview, **form):
    token = re.search(r"/delegates/import/([0-9a-f]+)", preview.get_data(as_text=True)).group(1)
    return client.post(f"/e/cam-tan/delegates/import/{token}", data={"suffix": ".xlsx", **form})


def stored(app):
    with app.app_context():
        return [(d.full_name, d.organization) for d in service.delegates_in_order(find_event("cam-tan"))]


def plan(app, data, name="dai-bieu.xlsx", **options):
    with app.app_context():
        return importer.plan_import(find_event("cam-tan"), data, name, **options)


# --- skipped rows -------------------------------------------------------------

def test_skipped_rows_are_listed_with_their_row_and_why():
    data = xlsx([
        [TITLE],  # 1, merged across
        ["(Kèm theo Kế hoạch số 45/KH-UBND ngày 01/7/2024)"],  # 2
        [],  # 3: blank above the header, no news
        HEADER,  # 4
        [1, "Nguyễn Văn An", "Đồng chí", "Chủ tịch UBND xã", "UBND xã Cẩm Tân"],  # 5
        [],  # 6
        [],  # 7
        ["I. ĐẠI BIỂU CẤP HUYỆN"],  # 8
        [2, "Lê Văn Cường", "Đồng chí", "Trưởng Công an huyện", "Công an huyện Cẩm Thủy"],  # 9
        HEADER,  # 10: the header again on the second printed page
        [3, "Trần Thị Bình", "Bà", "Người có uy tín", "Thôn Eo Lê"],  # 11
        [4],  # 12: the template's numbered empty line
        ["Tổng cộng: 3 đại biểu"],  # 13
        [],  # 14
        [None, None, None, "Cẩm Tân, ngày 10 tháng 8 năm 2024"],  # 15
        [None, None, None, "Người lập biểu"],  # 16
        [],  # 17: after the end, no news
    ], merges=["A1:F1"])

    parsed = parse_delegates(data, "a.xlsx")

    assert parsed.problems == []
    assert [row.row for row in parsed.rows] == [5, 9, 11]
    assert parsed.skipped == [
        Skipped(1, "Tiêu đề phía trên bảng: “DANH SÁCH ĐẠI BIỂU DỰ NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ Q…”."),
        Skipped(2, "Tiêu đề phía trên bảng: “(Kèm theo Kế hoạch số 45/KH-UBND ngày 01/7/2024)”."),
        Skipped(6, "Các dòng trống.", 7),
        Skipped(8, "Tiêu đề mục: “I. ĐẠI BIỂU CẤP HUYỆN”."),
        Skipped(10, "Dòng tên cột lặp lại (thường do in sang trang mới)."),
        Skipped(12, "Chỉ có số thứ tự, chưa điền họ tên."),
        Skipped(13, "Dòng tổng cộng: “Tổng cộng: 3 đại biểu”."),
        Skipped(14, "Dòng trống."),
        Skipped(15, "Phần ký tên cuối danh sách: không đọc từ dòng này trở xuống."),
    ]


def test_a_csv_with_a_blank_line_and_a_short_totals_row():
    data = csv(["STT;Họ và tên;Chức vụ;Đơn vị", "1;Lê Văn Cường;Trưởng thôn;Thôn 1", "",
                "2;Phạm Thị Dung;Chủ tịch Hội Phụ nữ;Hội LHPN xã Cẩm Tân", "Cộng;2;;"])
    parsed = parse_delegates(data, "a.csv")
    assert [row.full_name for row in parsed.rows] == ["Lê Văn Cường", "Phạm Thị Dung"]
    assert parsed.skipped == [Skipped(3, "Dòng trống."), Skipped(5, "Dòng tổng cộng: “Cộng 2”.")]


# --- warnings -----------------------------------------------------------------

def test_the_same_name_twice_warns_more_strongly_when_the_office_is_the_same_too():
    data = xlsx([
        HEADER,
        [1, "Nguyễn Văn An", "Đồng chí", "Trưởng thôn", "Thôn 3"],  # 2
        [2, "Nguyen Van An", "Ông", "Người có uy tín", "Thôn 4"],  # 3: same name, diacritics aside
        [3, "Nguyễn Văn An", "Đồng chí", "Trưởng thôn", "Thôn 3"],  # 4: same name and organization
    ])
    parsed = parse_delegates(data, "a.xlsx")
    assert parsed.problems == [] and len(parsed.rows) == 3  # warned, never refused
    assert parsed.warnings == [
        Problem(3, "Họ và tên", "Trùng họ tên với dòng 2 (khác đơn vị): xem lại có phải cùng một người không."),
        Problem(4, "Họ và tên", "Trùng cả họ tên và đơn vị với dòng 2: có thể một người bị ghi hai lần."),
    ]


def test_a_namesake_already_in_the_event_in_another_organization(app):
    with app.app_context():
        event = make_event("cam-tan")
        with writing():
            service.add_delegate(event, full_name="Nguyễn Văn An", organization="UBND xã Cẩm Tân")
            service.add_delegate(event, full_name="Trần Thị Bình", organization="Thôn Eo Lê")
    data = xlsx([HEADER,
                 [1, "Nguyễn Văn An", "Đồng chí", "Bí thư Chi bộ", "Chi bộ thôn 3"],  # 2: another person?
                 [2, "Trần Thị Bình", "Bà", "", "Thôn Eo Lê"]])  # 3: the same person: an update, no warning
    result = plan(app, data)
    assert result.acceptable
    assert result.warnings == [Problem(2, "Họ và tên", "Đã có đại biểu cùng họ tên ở đơn vị “UBND xã Cẩm Tân” "
                                                       "trong danh sách: sẽ thêm một người mới.")]
    assert [row.row for row in result.creates] == [2] and [c.row.row for c in result.updates] == [3]


def test_a_name_in_capitals_is_warned_with_its_proper_form():
    data = xlsx([HEADER, [1, "NGUYỄN VĂN AN", "Đồng chí", "Chủ tịch UBND xã", "UBND xã Cẩm Tân"],
                 [2, "ĐỖ THỊ HỒNG NHUNG", "Bà", "", "Thôn 1"], [3, "Lê Văn A", "Ông", "", "Thôn 2"]])
    parsed = parse_delegates(data, "a.xlsx")
    assert parsed.warnings == [
        Problem(2, "Họ và tên", "Họ tên viết hoa toàn bộ: có thể nhập thành “Nguyễn Văn An”."),
        Problem(3, "Họ và tên", "Họ tên viết hoa toàn bộ: có thể nhập thành “Đỗ Thị Hồng Nhung”."),
    ]
    assert [row.full_name for row in parsed.rows] == ["NGUYỄN VĂN AN", "ĐỖ THỊ HỒNG NHUNG", "Lê Văn A"]


@pytest.mark.parametrize("typed, proper", [
    ("NGUYỄN VĂN AN", "Nguyễn Văn An"),
    (unicodedata.normalize("NFD", "PHẠM THỊ NGỌC ÁNH"), "Phạm Thị Ngọc Ánh"),  # decomposed: NFC out
    ("H'HEN NIÊ", "H'Hen Niê"),
    ("KSOR Y PHƯỚC", "Ksor Y Phước"),
    ("LÊ THỊ THU-HÀ", "Lê Thị Thu-Hà"),
])
def test_proper_case_keeps_the_diacritics(typed, proper):
    assert in_capitals(typed)
    assert proper_case(typed) == proper
    assert unicodedata.is_normalized("NFC", proper_case(typed))


@pytest.mark.parametrize("name", ["Nguyễn Văn An", "Nguyễn Văn AN", "A", "Lê Văn B"])
def test_names_not_in_capitals(name):
    assert not in_capitals(name)


def test_a_delegate_without_honorific_is_warned_about(app):
    with app.app_context():
        make_event("cam-tan")
    data = xlsx([HEADER,
                 [1, "Nguyễn Văn An", None, "Chủ tịch UBND xã", "UBND xã Cẩm Tân"],  # 2: "Đồng chí" by office
                 [2, "Trần Văn Bảy", None, "", "Thôn Eo Lê"],  # 3: a citizen, bare name
                 [3, "Hòa thượng Thích Thanh Tứ", None, "Trụ trì", "Chùa Quán Sứ"],  # 4: titled in the name
                 [4, "Lê Thị Hoa", "Bà", "", "Thôn 2"]])  # 5
    result = plan(app, data)
    assert result.acceptable
    assert result.warnings == [Problem(3, "Danh xưng", "Không có danh xưng (Đồng chí, Ông, Bà…): người dẫn "
                                                       "chương trình sẽ chỉ đọc họ tên.")]


def test_an_existing_honorific_is_kept_so_no_warning(app):
    with app.app_context():
        event = make_event("cam-tan")
        with writing():
            service.add_delegate(event, full_name="Trần Văn Bảy", organization="Thôn Eo Lê", honorific="Ông",
                                 level="co_so", group="citizen")
    result = plan(app, xlsx([HEADER, [1, "Trần Văn Bảy", None, "", "Thôn Eo Lê"]]))
    assert result.warnings == [] and result.unchanged == 1


# --- the preview and the confirm ------------------------------------------------

WARNED = [
    [TITLE],  # 1
    HEADER,  # 2
    [1, "NGUYỄN VĂN AN", "Đồng chí", "Chủ tịch UBND xã", "UBND xã Cẩm Tân", "Xã"],  # 3
    [],  # 4
    [2, "Trần Văn Bảy", None, "", "Thôn Eo Lê", "Thôn"],  # 5
    [3, "Trần Văn Bảy", None, "", "Thôn Đông", "Thôn"],  # 6
    ["Cộng: 3"],  # 7
]


def test_the_preview_shows_warnings_skipped_rows_and_the_choice_yet_can_be_confirmed(app, organizer_client):
    page = upload(organizer_client, xlsx(WARNED)).get_data(as_text=True)
    assert "Sẽ thêm 3 đại biểu" in page and "chưa nhập gì" not in page
    assert "Cần xem lại 4 chỗ — vẫn nhập được" in page
    assert "<td>6</td><td>Họ và tên</td><td>Trùng họ tên với dòng 5 (khác đơn vị)" in page
    assert "Họ tên viết hoa toàn bộ: có thể nhập thành “Nguyễn Văn An”." in page
    assert "Các dòng không nhập (3)" in page
    assert "<td>4</td><td>Dòng trống.</td>" in page and "<td>7</td><td>Dòng tổng cộng: “Cộng: 3”.</td>" in page
    assert 'name="proper_case" value="1"' in page
    assert "“NGUYỄN VĂN AN” thành “Nguyễn Văn An”" in page
    assert stored(app) == []  # a preview writes nothing


def test_capitals_stay_as_typed_unless_proper_case_is_ticked(app, organizer_client):
    confirm(organizer_client, upload(organizer_client, xlsx(WARNED)))
    assert ("NGUYỄN VĂN AN", "UBND xã Cẩm Tân") in stored(app)


def test_proper_case_when_ticked(app, organizer_client):
    response = confirm(organizer_client, upload(organizer_client, xlsx(WARNED)), proper_case="1")
    assert response.status_code == 302
    names = [name for name, _ in stored(app)]
    assert names == ["Nguyễn Văn An", "Trần Văn Bảy", "Trần Văn Bảy"]
    assert all(unicodedata.is_normalized("NFC", name) for name in names)
    with app.app_context():
        an = db.session.scalar(db.select(Delegate).filter_by(full_name="Nguyễn Văn An"))
        assert an.search_name == "nguyen van an"  # found by search as before

    # The same list sent again in capitals matches the delegate, diacritics and case aside.
    again = plan(app, xlsx(WARNED))
    assert again.creates == [] and again.updates[0].fields == {"full_name": ("Nguyễn Văn An", "NGUYỄN VĂN AN")}
    assert plan(app, xlsx(WARNED), proper_case=True).updates == []


def test_no_choice_offered_without_capitals(app, organizer_client):
    page = upload(organizer_client, xlsx([HEADER, [1, "Lê Văn An", "Ông", "", "Thôn 1"]])).get_data(as_text=True)
    assert "proper_case" not in page and "Cần xem lại" not in page


def test_a_broken_row_still_refuses_everything_and_shows_the_warnings(app, organizer_client):
    broken = WARNED[:-1] + [[4, "", "Cán bộ", "Công an xã", "Xã"]]
    page = upload(organizer_client, xlsx(broken)).get_data(as_text=True)
    assert "Tệp có 1 lỗi — chưa nhập gì." in page and "/delegates/import/" not in page
    assert "Cần xem lại" in page
    assert stored(app) == []


def test_nothing_is_half_imported_when_writing_fails(app, organizer_client, monkeypatch):
    preview = upload(organizer_client, xlsx(WARNED))
    real_add = service.add_delegate
    added = []

    def add_then_fail(event, **fields):
        added.append(fields["full_name"])
        if len(added) == 2:
            raise RuntimeError("the disk is full")
        return real_add(event, **fields)

    monkeypatch.setattr(service, "add_delegate", add_then_fail)
    with pytest.raises(RuntimeError):
        confirm(organizer_client, preview, proper_case="1")
    assert added == ["Nguyễn Văn An", "Trần Văn Bảy"]
    assert stored(app) == []


# --- protocol order ---------------------------------------------------------------

def test_the_standing_deputy_comes_between_the_chairman_and_the_deputies():
    chairman = service.protocol_rank("tinh", "ubnd", "Chủ tịch UBND tỉnh")
    standing = service.protocol_rank("tinh", "ubnd", "Phó Chủ tịch TT UBND tỉnh")
    standing_in_words = service.protocol_rank("tinh", "ubnd", "Phó Chủ tịch Thường trực UBND tỉnh")
    deputy = service.protocol_rank("tinh", "ubnd", "Phó Chủ tịch UBND tỉnh")
    assert chairman < standing == standing_in_words < deputy
    assert service.office_weight("Bí thư Tỉnh ủy") < service.office_weight("Phó Bí thư Thường trực Tỉnh ủy") \
        < service.office_weight("Phó Bí thư Tỉnh ủy")
    # "TT" must be a word of its own; a district deputy still comes after a provincial one.
    assert service.office_weight("Phó Chủ tịch TTX") == service.office_weight("Phó Chủ tịch")
    assert deputy < service.protocol_rank("huyen", "ubnd", "Phó Chủ tịch TT UBND huyện")
    assert service.leads("tinh", "Phó Chủ tịch TT UBND tỉnh")


def test_an_imported_list_is_read_in_that_order(app, organizer_client):
    data = xlsx([HEADER,
                 [1, "Lê Văn Cường", "Đồng chí", "Phó Chủ tịch UBND tỉnh", "UBND tỉnh Thanh Hóa", "Tỉnh"],
                 [2, "Trần Thị Bình", "Đồng chí", "Phó Chủ tịch TT UBND tỉnh", "UBND tỉnh Thanh Hóa", "Tỉnh"],
                 [3, "Nguyễn Văn An", "Đồng chí", "Chủ tịch UBND tỉnh", "UBND tỉnh Thanh Hóa", "Tỉnh"]])
    confirm(organizer_client, upload(organizer_client, data))
    assert [name for name, _ in stored(app)] == ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"]
