"""Delegate lists as offices send them: what each row becomes, what is
inferred (level, group, honorific, a phone's lost 0), and the problems
reported with the Excel row and the column's Vietnamese label."""

import unicodedata
from io import BytesIO

import pytest
from openpyxl import Workbook

from kiosk.delegates.importing import (
    DELEGATE_COLUMNS,
    DelegateRow,
    group_from_text,
    honorific_default,
    level_from_text,
    parse_delegates,
)
from kiosk.delegates.models import GROUPS, LEVELS
from kiosk.importing import Problem
from tests.test_importing import cp1258

NBSP = "\u00a0"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def xlsx(rows, merges=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row_number, row in enumerate(rows, start=1):
        for column_number, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row_number, column_number, value)
    for merged in merges:
        sheet.merge_cells(merged)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def delegate(row, name, *, honorific="", position="", organization="", level="xa", group="citizen", seat="",
             phone="", notes=""):
    return DelegateRow(row=row, full_name=name, honorific=honorific, position=position, organization=organization,
                       level=level, group=group, seat=seat, phone=phone, notes=notes)


HEADER = ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Số điện thoại", "Ghi chú"]


def test_a_messy_list_from_a_commune_office():
    data = xlsx([
        ["DANH SÁCH ĐẠI BIỂU DỰ NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC"],  # 1, merged
        ["(Kèm theo Kế hoạch số 12/KH-UBND ngày 01/8/2024)"],  # 2
        [],  # 3
        ["STT", "Họ và\ntên", "Chức vụ", "Đơn vị", "Cấp", "SĐT", "Ghi chú"],  # 4
        [1.0, nfd("Nguyễn Văn Đức"), "Bí thư Đảng ủy", "Xã Cẩm Tân", None, 912345678, None],  # 5
        [2.0, f" Trần{NBSP}Thị  Hồng", "Chủ tịch UBND", None, "Xã", "0912.345.679", None],  # 6
        [3.0, "Lê Văn Bình", "Trưởng Công an", None, None, None, "Ngồi hàng đầu"],  # 7: D5:D7 merged
        [],  # 8
        HEADER[:4] + ["Cấp", "SĐT", "Ghi chú"],  # 9: repeated header
        [4, "Phạm Thị Dung", "Bí thư Chi bộ", "Thôn 3", None, None, None],  # 10
        [5, nfd("Hòa thượng Thích Thanh Tịnh"), "Trụ trì", "Chùa Cẩm Tân", None, None, None],  # 11
        [6, "Hoàng Văn Em", "Phó Giám đốc", "Công an tỉnh Thanh Hóa", "Tỉnh", None, None],  # 12
        ["Tổng cộng: 6 đại biểu"],  # 13, merged A13:C13
        [None, "Người lập biểu", None, None, "TM. ỦY BAN NHÂN DÂN"],  # 14
        [None, "Trần Văn Ký", None, None, "Lê Văn Chủ"],  # 15
    ], merges=["A1:G1", "D5:D7", "A13:C13"])

    parsed = parse_delegates(data, "dai bieu.xlsx")

    assert parsed.problems == []
    assert parsed.rows == [
        delegate(5, "Nguyễn Văn Đức", honorific="Đồng chí", position="Bí thư Đảng ủy", organization="Xã Cẩm Tân",
                 group="party", phone="0912345678"),
        delegate(6, "Trần Thị Hồng", honorific="Đồng chí", position="Chủ tịch UBND", organization="Xã Cẩm Tân",
                 group="ubnd", phone="0912345679"),
        delegate(7, "Lê Văn Bình", honorific="Đồng chí", position="Trưởng Công an", organization="Xã Cẩm Tân",
                 group="police", notes="Ngồi hàng đầu"),
        delegate(10, "Phạm Thị Dung", honorific="Đồng chí", position="Bí thư Chi bộ", organization="Thôn 3",
                 level="co_so", group="village"),
        delegate(11, "Hòa thượng Thích Thanh Tịnh", position="Trụ trì", organization="Chùa Cẩm Tân",
                 group="religious"),
        delegate(12, "Hoàng Văn Em", honorific="Đồng chí", position="Phó Giám đốc",
                 organization="Công an tỉnh Thanh Hóa", level="tinh", group="police"),
    ]
    assert all(unicodedata.is_normalized("NFC", row.full_name) for row in parsed.rows)


def test_problems_name_the_excel_row_and_the_column():
    data = xlsx([
        ["DANH SÁCH ĐẠI BIỂU"],  # 1
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Cấp", "Nhóm", "Điện thoại"],  # 2
        [1, "Nguyễn Văn A", "Chủ tịch", "UBND xã Cẩm Tân", "Xã", None, None],  # 3
        [2, None, "Phó Chủ tịch", "UBND xã Cẩm Tân", None, None, None],  # 4: no name
        [3, "Trần Văn B", "Trưởng thôn", "Thôn 1", "abc", None, None],  # 5: unknown level
        [4, "Lê Văn C", "Công chức", "UBND xã Cẩm Tân", None, "Khách VIP", None],  # 6: unknown group
        [5, "Phạm Văn D", None, None, None, None, "ĐT: 0912 345 678"],  # 7: letters in the phone
        [6, nfd("Nguyen Van A").replace("Nguyen", "NGUYỄN"), "Chủ tịch", "Ubnd xa Cam Tan", None, None, None],  # 8
        [7, "x" * 201, None, None, None, None, None],  # 9: too long
        [8, "Hoàng Văn E", "Bí thư", "Đảng ủy xã", None, "Công an", "0987654321"],  # 10
    ])

    parsed = parse_delegates(data, "a.xlsx")

    assert parsed.problems == [
        Problem(4, "Họ và tên", "Thiếu họ và tên."),
        Problem(5, "Cấp", "Cấp “abc” không hợp lệ: dùng Trung ương, Tỉnh, Huyện, Xã hoặc Thôn."),
        Problem(6, "Nhóm", "Nhóm “Khách VIP” không hợp lệ: dùng một trong các nhóm " + ", ".join(GROUPS.values())
                + "."),
        Problem(7, "Số điện thoại", "Số điện thoại “ĐT: 0912 345 678” không hợp lệ: chỉ ghi chữ số."),
        Problem(9, "Họ và tên", "Họ và tên dài quá 200 ký tự."),
    ]
    # Row 8 repeats row 3: only a warning (see test_import_warnings.py).
    assert Problem(8, "Họ và tên", "Trùng cả họ tên và đơn vị với dòng 3: có thể một người bị ghi hai lần.") \
        in parsed.warnings
    # Rows with a problem are left out; a group given in the file wins over the inferred one.
    assert [(row.row, row.group) for row in parsed.rows] == [(3, "ubnd"), (8, "ubnd"), (10, "police")]


def test_a_duplicate_is_reported_on_each_later_row_naming_the_first():
    rows = [HEADER] + [[n, "Nguyễn Văn A", "Trưởng thôn", "Thôn 3", None, None] for n in (1, 2, 3)]
    parsed = parse_delegates(xlsx(rows), "a.xlsx")
    # A warning, not a refusal: the organizer decides (issue #17).
    again = "Trùng cả họ tên và đơn vị với dòng 2: có thể một người bị ghi hai lần."
    assert parsed.problems == []
    assert parsed.warnings == [Problem(3, "Họ và tên", again), Problem(4, "Họ và tên", again)]
    assert [row.row for row in parsed.rows] == [2, 3, 4]


def test_same_name_in_another_organization_is_another_person():
    rows = [HEADER, [1, "Nguyễn Văn A", None, "Thôn 3"], [2, "Nguyễn Văn A", None, "Thôn 4"]]
    parsed = parse_delegates(xlsx(rows), "a.xlsx")
    assert parsed.problems == [] and len(parsed.rows) == 2


def test_a_template_with_numbered_empty_lines():
    rows = [HEADER, [1, "Nguyễn Văn A"], [2], [3], [4, None, None, None, None, "x"]]
    parsed = parse_delegates(xlsx(rows), "a.xlsx")
    assert [row.row for row in parsed.rows] == [2]
    assert parsed.problems == [Problem(5, "Họ và tên", "Thiếu họ và tên.")]


def test_level_inferred_from_organization_then_position_then_section():
    rows = [
        ["Họ và tên", "Chức vụ", "Đơn vị"],  # 1
        ["Nguyễn Văn A", "Chủ tịch UBND huyện", "Công an xã Cẩm Tân, huyện Cẩm Thủy"],  # 2: organization first
        ["Trần Văn B", "Phó Chủ tịch UBND huyện", None],  # 3: position
        ["Lê Văn C", "Giáo viên", None],  # 4: nothing says: xa
        ["I. ĐẠI BIỂU CẤP TỈNH"],  # 5
        ["Phạm Văn D", "Phó Giám đốc Sở", None],  # 6: the section
        ["Hoàng Văn E", "Đại biểu", "Bộ Công an"],  # 7
    ]
    parsed = parse_delegates(xlsx(rows), "a.xlsx")
    assert [(row.row, row.level) for row in parsed.rows] == [
        (2, "xa"), (3, "huyen"), (4, "xa"), (6, "tinh"), (7, "trung_uong")]


def test_honorifics():
    rows = [
        ["Họ và tên", "Danh xưng", "Chức vụ", "Đơn vị"],  # 1
        ["Đ/c Nguyễn Văn A", None, "Chủ tịch", "Hội Nông dân xã"],  # 2: "Đ/c" moves out of the name
        ["Đồng chí Trần Văn B", "Đồng chí", "Bí thư", "Đảng ủy xã"],  # 3
        ["Lê Thị C", "bà", None, None],  # 4
        ["Phạm Văn D", None, None, "Thôn 3"],  # 5: a citizen: just the name
        ["Hoàng Văn E", "Thượng tọa", "Trụ trì", "Chùa Cẩm Tân"],  # 6
    ]
    parsed = parse_delegates(xlsx(rows), "a.xlsx")
    assert [(row.full_name, row.honorific, row.group) for row in parsed.rows] == [
        ("Nguyễn Văn A", "Đồng chí", "mass_org"),
        ("Trần Văn B", "Đồng chí", "party"),
        ("Lê Thị C", "Bà", "citizen"),
        ("Phạm Văn D", "", "citizen"),
        ("Hoàng Văn E", "Thượng tọa", "religious"),
    ]


@pytest.mark.parametrize("typed, kept", [
    (912345678, "0912345678"), ("0912 345 678", "0912 345 678"), ("0912-345-678", "0912345678"),
    ("+84 912 345 678", "+84 912 345 678"), ("(0237) 3852.123", "0237 3852123"), (2373852123, "02373852123"),
    ("0912345678 / 0987654321", "0912345678 0987654321"), (None, ""), (123, "123"),
])
def test_phone_numbers(typed, kept):
    parsed = parse_delegates(xlsx([["Họ và tên", "Điện thoại"], ["Nguyễn Văn A", typed]]), "a.xlsx")
    assert parsed.problems == []
    assert parsed.rows[0].phone == kept


def test_english_csv_with_bom_and_semicolons():
    text = ("No;Full name;Honorific;Position;Organization;Level;Group;Seat;Phone;Notes\r\n"
            "1;Nguyễn Văn A;Mr.;Chairman;People's Committee;Province;UBND;A1;912345678;VIP\r\n"
            "2;Trần Thị B;;;;trung_uong;press;B2;;\r\n"
            "3;Lê Văn C;;;;Region;;;;\r\n")
    parsed = parse_delegates(b"\xef\xbb\xbf" + text.encode(), "list.csv")
    assert parsed.problems == [
        Problem(4, "Cấp", "Cấp “Region” không hợp lệ: dùng Trung ương, Tỉnh, Huyện, Xã hoặc Thôn.")]
    assert parsed.rows == [
        delegate(2, "Nguyễn Văn A", honorific="Mr.", position="Chairman", organization="People's Committee",
                 level="tinh", group="ubnd", seat="A1", phone="0912345678", notes="VIP"),
        delegate(3, "Trần Thị B", level="trung_uong", group="press", seat="B2"),
    ]


def test_csv_in_windows_1258():
    text = ("DANH SÁCH ĐẠI BIỂU,,,\r\n"
            "STT,Họ và tên,Chức vụ,Đơn vị\r\n"
            "1,Nguyễn Văn Đức,Chủ tịch,Ủy ban nhân dân xã Cẩm Tân\r\n"
            "2,,Phó Chủ tịch,Ủy ban nhân dân xã Cẩm Tân\r\n")
    parsed = parse_delegates(cp1258(text), "a.csv")
    assert parsed.rows == [delegate(3, "Nguyễn Văn Đức", honorific="Đồng chí", position="Chủ tịch",
                                    organization="Ủy ban nhân dân xã Cẩm Tân", group="ubnd")]
    assert parsed.problems == [Problem(4, "Họ và tên", "Thiếu họ và tên.")]


@pytest.mark.parametrize("filename, message", [
    ("a.txt", "Chỉ nhận tệp .xlsx hoặc .csv."),
    ("a.csv", "Không tìm thấy dòng tiêu đề có cột “Họ và tên”."),
])
def test_file_level_problems(filename, message):
    parsed = parse_delegates("Chức vụ,Đơn vị\nBí thư,Đảng ủy\n".encode(), filename)
    assert parsed.rows == [] and parsed.problems == [Problem(None, None, message)]


def test_old_excel():
    parsed = parse_delegates(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a.xls")
    assert parsed.rows == [] and [p.row for p in parsed.problems] == [None]
    assert ".xlsx" in parsed.problems[0].message


def test_columns():
    assert [column.key for column in DELEGATE_COLUMNS] == [
        "stt", "full_name", "honorific", "position", "organization", "level", "group", "seat", "phone", "notes"]
    assert [column.key for column in DELEGATE_COLUMNS if column.required] == ["full_name"]


@pytest.mark.parametrize("text, level", [
    ("Trung ương", "trung_uong"), ("TW", "trung_uong"), ("trung_uong", "trung_uong"), ("Bộ Công an", "trung_uong"),
    ("Cục Cảnh sát hình sự, Bộ Công an", "trung_uong"),
    ("Tỉnh", "tinh"), ("tinh", "tinh"), ("Cấp tỉnh", "tinh"), ("tỉnh Thanh Hóa", "tinh"), ("Tỉnh ủy Thanh Hóa", "tinh"),
    ("Thành phố Hà Nội", "tinh"),
    ("Huyện", "huyen"), ("Quận", "huyen"), ("Thị xã Bỉm Sơn", "huyen"), ("Thành phố Thanh Hóa", "huyen"),
    ("UBND huyện Cẩm Thủy", "huyen"), ("Ngân hàng Chính sách xã hội huyện", "huyen"),
    ("Xã", "xa"), ("xa", "xa"), ("Phường Ba Đình", "xa"), ("Thị trấn Phong Sơn", "xa"),
    ("Công an xã Cẩm Tân, huyện Cẩm Thủy, tỉnh Thanh Hóa", "xa"), ("Uỷ ban nhân dân xã", "xa"),
    ("Thôn", "co_so"), ("Thôn 3", "co_so"), ("Bản Lác", "co_so"), ("Xóm Mới", "co_so"), ("Tổ dân phố số 5", "co_so"),
    ("Khu dân cư số 2", "co_so"), ("Cơ sở", "co_so"), ("Thôn, cơ sở", "co_so"), ("Chi bộ thôn 3, xã Cẩm Tân", "co_so"),
    ("abc", None), ("", None), ("Văn bản", None), ("Trường THCS", None),
])
def test_level_from_text(text, level):
    assert level_from_text(text) == level
    assert level is None or level in LEVELS


@pytest.mark.parametrize("position, organization, group", [
    ("Bí thư Đảng ủy", "xã Cẩm Tân", "party"), ("Ủy viên Ban Thường vụ Huyện ủy", "", "party"),
    ("Phó Bí thư Thường trực", "Tỉnh uỷ", "party"),
    ("Bí thư", "Chi bộ thôn 3", "village"), ("Bí thư Chi bộ", "", "village"),
    ("Bí thư Đoàn Thanh niên", "xã Cẩm Tân", "mass_org"), ("Bí thư Huyện đoàn", "", "mass_org"),
    ("Phó Chủ tịch Thường trực", "HĐND xã", "hdnd"), ("Chủ tịch", "Hội đồng nhân dân huyện", "hdnd"),
    ("Chủ tịch", "UBND xã", "ubnd"), ("Phó Chủ tịch", "Uỷ ban nhân dân xã", "ubnd"),
    ("Chủ tịch", "Ủy ban MTTQ Việt Nam xã", "mttq"), ("Trưởng ban Công tác Mặt trận", "thôn 3", "mttq"),
    ("Trưởng Công an xã", "", "police"), ("Phó Giám đốc", "Công an tỉnh", "police"),
    ("Phó Trưởng ban", "Ban Chỉ đạo phong trào Toàn dân bảo vệ ANTQ xã", "steering"), ("Thành viên BCĐ", "", "steering"),
    ("Chỉ huy trưởng", "Ban CHQS xã", "army"), ("Đồn trưởng", "Đồn Biên phòng Cẩm Tân", "army"),
    ("Chủ tịch", "Hội Nông dân xã", "mass_org"), ("Chủ tịch", "Hội Cựu chiến binh", "mass_org"),
    ("Chủ tịch", "Liên đoàn Lao động huyện", "mass_org"),
    ("Phóng viên", "Báo Thanh Hóa", "press"), ("Biên tập viên", "Đài Phát thanh - Truyền hình", "press"),
    ("Hoà thượng, Trụ trì", "Chùa Cẩm Tân", "religious"), ("Linh mục Chánh xứ", "Giáo xứ Cẩm Tân", "religious"),
    ("Mục sư", "", "religious"),
    ("Người có uy tín", "thôn 3", "prestigious"),
    ("Trưởng thôn", "Thôn 3", "village"), ("Trưởng bản", "Bản Lác", "village"),
    ("Tổ trưởng tổ dân phố số 5", "", "village"),
    ("Nguyên Chủ tịch UBND xã", "", "former_cadre"), ("Đại tá, nguyên Giám đốc Công an tỉnh", "", "former_cadre"),
    ("Cán bộ hưu trí", "", "former_cadre"),
    ("", "", "citizen"), ("Nông dân", "Thôn 3", "citizen"), ("Giám đốc", "Ngân hàng Chính sách xã hội", "citizen"),
    ("Trưởng ban", "Ban bảo vệ dân phố", "citizen"), ("Nguyễn Văn A", "", "citizen"),
    ("chu tich", "ubnd xa", "ubnd"), ("truong cong an", "", "police"),
])
def test_group_from_text(position, organization, group):
    assert group_from_text(position, organization) == group
    assert group in GROUPS


@pytest.mark.parametrize("group, honorific", [
    ("party", "Đồng chí"), ("hdnd", "Đồng chí"), ("ubnd", "Đồng chí"), ("mttq", "Đồng chí"), ("police", "Đồng chí"),
    ("army", "Đồng chí"), ("mass_org", "Đồng chí"), ("steering", "Đồng chí"), ("village", "Đồng chí"),
    ("citizen", ""), ("religious", ""), ("prestigious", ""), ("press", ""), ("honoree", ""), ("former_cadre", ""),
])
def test_honorific_default(group, honorific):
    assert honorific_default(group) == honorific
