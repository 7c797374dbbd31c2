"""Gift recipient lists as offices send them: what each row becomes, what is
inferred (the category from the section heading, individual, household or
collective from the name, a CCCD's or a phone's lost 0), amounts of money
as people write them, and the problems reported with the Excel row and the
column's Vietnamese label."""

import unicodedata
from io import BytesIO

import pytest
from openpyxl import Workbook

from kiosk.gifts.importing import (
    GIFT_COLUMNS,
    GiftRow,
    category_from_text,
    parse_gift_recipients,
    parse_money,
)
from kiosk.gifts.models import RECIPIENT_CATEGORIES
from kiosk.importing import Problem, read_table

NBSP = "\u00a0"
NAME = "Họ và tên"


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


def gift(row, name, *, kind="individual", category="other", address="", id_number="", phone="", package="",
         value=None, notes=""):
    return GiftRow(row=row, name=name, kind=kind, category=category, address=address, id_number=id_number,
                   phone=phone, package=package, value=value, notes=notes)


def test_a_messy_list_in_sections_without_a_category_column():
    data = xlsx([
        ["DANH SÁCH HỘ ĐƯỢC NHẬN QUÀ"],  # 1, merged A1:H1
        ["Nhân dịp Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024"],  # 2, merged A2:H2
        [],  # 3
        ["STT", "Họ và tên\nchủ hộ", "Thôn", "Số CCCD", "SĐT", "Suất quà", "Số tiền (đồng)", "Ghi chú"],  # 4
        ["I. HỘ NGHÈO"],  # 5, merged A5:H5: a section read_table sees
        # 6: C6:C8 merged; the CCCD typed as a number lost its 0, so did the phone
        [1.0, nfd("Nguyễn Văn Đức"), "Thôn Đông", 38090001234, 912345678, "Quà hộ nghèo", "500.000", None],
        [2.0, "Hộ bà Lê Thị Hoa", None, "038190005678", None, "Quà hộ nghèo", 500000, None],  # 7
        [3.0, f"Trần{NBSP}Văn  Bình", None, None, None, "Quà hộ nghèo", "0,5 triệu", "Khuyết tật"],  # 8
        ["II", "GIA ĐÌNH CHÍNH SÁCH"],  # 9: numeral in STT, heading in the name column
        [1, "Gia đình ông Phạm Văn Tư", "Thôn Tây", None, "0987.654.321", "Quà gia đình chính sách", "1 triệu",
         "Con liệt sĩ"],  # 10
        # 11: a heading in the STT column, beside the package merged down F11:F13
        ["III. HỌC SINH NGHÈO VƯỢT KHÓ", None, None, None, None, "Học bổng"],
        [1, "Lò Thị Mai", "Thôn Đông", None, None, None, 500000.0, None],  # 12
        [2, nfd("Hà Văn Nam"), "Thôn Bắc", None, None, None, "500.000 đ", None],  # 13
        [],  # 14
        ["Cộng: 6 suất — 3.500.000 đ", None, None, None, None, None, "3.500.000"],  # 15, merged A15:F15
        [None, None, None, None, None, "Cẩm Tân, ngày 10 tháng 8 năm 2024"],  # 16
        [None, "NGƯỜI LẬP BIỂU", None, None, None, "CHỦ TỊCH UBND XÃ"],  # 17
        [None, "Nguyễn Thị Lập", None, None, None, "Lê Văn Chủ"],  # 18
    ], merges=["A1:H1", "A2:H2", "A5:H5", "C6:C8", "F11:F13", "A15:F15"])

    parsed = parse_gift_recipients(data, "qua tang.xlsx")

    assert parsed.problems == []
    assert parsed.rows == [
        gift(6, "Nguyễn Văn Đức", kind="household", category="poor_household", address="Thôn Đông",
             id_number="038090001234", phone="0912345678", package="Quà hộ nghèo", value=500000),
        gift(7, "Hộ bà Lê Thị Hoa", kind="household", category="poor_household", address="Thôn Đông",
             id_number="038190005678", package="Quà hộ nghèo", value=500000),
        gift(8, "Trần Văn Bình", kind="household", category="poor_household", address="Thôn Đông",
             package="Quà hộ nghèo", value=500000, notes="Khuyết tật"),
        gift(10, "Gia đình ông Phạm Văn Tư", kind="household", category="policy_family", address="Thôn Tây",
             phone="0987654321", package="Quà gia đình chính sách", value=1000000, notes="Con liệt sĩ"),
        gift(12, "Lò Thị Mai", category="poor_student", address="Thôn Đông", package="Học bổng", value=500000),
        gift(13, "Hà Văn Nam", category="poor_student", address="Thôn Bắc", package="Học bổng", value=500000),
    ]
    assert all(unicodedata.is_normalized("NFC", row.name) for row in parsed.rows)


def test_problems_name_the_excel_row_and_the_column():
    data = xlsx([
        ["DANH SÁCH TẶNG QUÀ"],  # 1
        ["STT", "Họ tên", "Đối tượng", "Loại", "Địa chỉ", "CCCD", "Điện thoại", "Giá trị"],  # 2
        [1, "Nguyễn Văn A", "Hộ nghèo", None, "Thôn 1", "038123456789", None, "500.000"],  # 3
        [2, None, "Hộ nghèo", None, "Thôn 1", "038123456780", None, "500.000"],  # 4: no name
        [3, "Trần Văn B", "Hộ giàu", None, "Thôn 1", None, None, None],  # 5: unknown category
        [4, nfd("NGUYỄN VĂN A"), "GĐCS", None, "thôn 1", None, None, None],  # 6: the same recipient again
        [5, "Lê Văn C", "Khác", "Đơn vị", "Thôn 2", None, None, None],  # 7: unknown kind
        [6, "Phạm Văn D", None, None, "Thôn 2", "38123456", None, None],  # 8: 8 digits
        [7, "Hoàng Văn E", None, None, "Thôn 2", "0381 2345 67890", None, None],  # 9: 13 digits
        [8, "Đỗ Thị F", None, None, "Thôn 2", None, "09xx abc", None],  # 10
        [9, "Vũ Văn G", None, None, "Thôn 2", None, None, "Hiện vật"],  # 11: no amount
        [10, "Bùi Văn H", None, None, "Thôn 2", None, None, 0],  # 12: nothing
        [11, "x" * 201, None, None, "Thôn 2", None, None, None],  # 13: too long
        [12, "Nguyễn Văn A", "Hộ nghèo", None, "Thôn 2", None, None, "-500.000"],  # 14: a namesake elsewhere
        [13, "Đinh Văn I", "Dân phòng", "Cá nhân", "Thôn 3", None, None, "300.000"],  # 15
    ])

    parsed = parse_gift_recipients(data, "a.xlsx")

    accepted = ", ".join(RECIPIENT_CATEGORIES.values())
    assert accepted.startswith("Gia đình chính sách, Hộ nghèo, Học sinh nghèo vượt khó, ")
    assert parsed.problems == [
        Problem(4, NAME, "Thiếu họ tên người nhận."),
        Problem(5, "Đối tượng", f"Đối tượng “Hộ giàu” không hợp lệ: dùng một trong các đối tượng {accepted}."),
        Problem(6, NAME, "Trùng với dòng 3."),
        Problem(7, "Loại", "Loại “Đơn vị” không hợp lệ: dùng Cá nhân, Hộ gia đình hoặc Tập thể."),
        Problem(8, "Số CCCD", "Số CCCD phải có 12 chữ số."),
        Problem(9, "Số CCCD", "Số CCCD phải có 12 chữ số."),
        Problem(10, "Số điện thoại", "Số điện thoại “09xx abc” không hợp lệ: chỉ ghi chữ số."),
        Problem(11, "Số tiền", "Số tiền không hợp lệ."),
        Problem(12, "Số tiền", "Số tiền không hợp lệ."),
        Problem(13, NAME, "Họ và tên dài quá 200 ký tự."),
        Problem(14, "Số tiền", "Số tiền không hợp lệ."),
    ]
    assert parsed.rows == [
        gift(3, "Nguyễn Văn A", kind="household", category="poor_household", address="Thôn 1",
             id_number="038123456789", value=500000),
        gift(15, "Đinh Văn I", category="security_force", address="Thôn 3", value=300000),
    ]


def test_a_duplicate_is_reported_on_each_later_row_naming_the_first():
    rows = [["Họ và tên", "Thôn"]] + [["Nguyễn Văn A", "Thôn Đông"] for _ in range(3)] + [["Nguyễn Văn A", None]]
    parsed = parse_gift_recipients(xlsx(rows), "a.xlsx")
    assert parsed.problems == [Problem(3, NAME, "Trùng với dòng 2."), Problem(4, NAME, "Trùng với dòng 2.")]
    assert [row.row for row in parsed.rows] == [2, 5]


def test_a_csv_with_bom_and_semicolons_in_lettered_sections():
    text = ("DANH SÁCH TẶNG QUÀ;;;;\r\n"
            "TT;Tên hộ;Thôn, xóm;Suất quà;Số tiền\r\n"
            "A. Hộ cận nghèo;;;;\r\n"
            f"1;{nfd('Hộ ông Hà Văn Một')};Xóm 1;Suất A;1 triệu\r\n"
            "B. TỔ BẢO VỆ ANTT;;;;\r\n"
            '1;Tổ bảo vệ ANTT xóm 2;Xóm 2;Suất B;"1.000.000"\r\n'
            "2;Công an viên Lý Văn Ba;Xóm 2;Suất B;1000000\r\n"
            "C. CÁC TRƯỜNG HỢP ĐẶC BIỆT;;;;\r\n"
            "1;Đặng Thị Tư;Xóm 3;;\r\n"
            "Tổng cộng;;;;3.000.000\r\n")
    parsed = parse_gift_recipients(b"\xef\xbb\xbf" + text.encode(), "qua.csv")
    assert parsed.problems == []
    assert parsed.rows == [
        gift(4, "Hộ ông Hà Văn Một", kind="household", category="poor_household", address="Xóm 1",
             package="Suất A", value=1000000),
        gift(6, "Tổ bảo vệ ANTT xóm 2", kind="collective", category="security_force", address="Xóm 2",
             package="Suất B", value=1000000),
        gift(7, "Công an viên Lý Văn Ba", category="security_force", address="Xóm 2", package="Suất B",
             value=1000000),
        gift(9, "Đặng Thị Tư", address="Xóm 3"),  # a part naming no category: "other" again
    ]


def test_headings_inside_the_list():
    data = xlsx([
        ["STT", "Họ và tên", "Thôn", "Ghi chú"],  # 1
        ["I", "HỘ NGHÈO"],  # 2: numeral in STT, heading in the name column
        [1, "Nguyễn Văn A", "Thôn Đông", None],  # 3
        ["Thôn Tây"],  # 4, merged A4:D4: a sub-heading, the category goes on
        [2, "Nguyễn Văn B", "Thôn Tây", None],  # 5
        [None, "II. GIA ĐÌNH CHÍNH SÁCH"],  # 6: a heading typed in the name column
        [1, "Lê Thị C", "Thôn Đông", None],  # 7
        [None, "HỌC SINH NGHÈO"],  # 8: unnumbered, in capitals
        [1, "Trần Văn D", "Thôn Đông", None],  # 9
        ["IV", "TẬP THỂ CÓ THÀNH TÍCH"],  # 10
        [1, "Chi hội Phụ nữ thôn Đông", "Thôn Đông", None],  # 11
        ["V", "ĐỐI TƯỢNG ĐẶC BIỆT"],  # 12: a part naming no category
        [1, "Phạm Thị E", "Thôn Đông", None],  # 13
        [None, "Hoàng Văn G", "Thôn Tây", "không có STT"],  # 14: a recipient, not a heading
    ], merges=["A4:D4"])

    parsed = parse_gift_recipients(data, "a.xlsx")

    assert parsed.problems == []
    assert [(row.row, row.name, row.category, row.kind) for row in parsed.rows] == [
        (3, "Nguyễn Văn A", "poor_household", "household"),
        (5, "Nguyễn Văn B", "poor_household", "household"),
        (7, "Lê Thị C", "policy_family", "household"),
        (9, "Trần Văn D", "poor_student", "individual"),
        (11, "Chi hội Phụ nữ thôn Đông", "collective", "collective"),
        (13, "Phạm Thị E", "other", "individual"),
        (14, "Hoàng Văn G", "other", "individual"),
    ]


def test_the_category_and_kind_columns_win_over_the_section_and_the_name():
    rows = [
        ["Họ và tên", "Diện", "Hình thức nhận"],  # 1
        ["I. HỘ NGHÈO"],  # 2
        ["Nguyễn Văn A", "Thương binh", None],  # 3: the cell says
        ["Nguyễn Văn B", None, "Cá nhân"],  # 4: the section says the category, the cell the kind
        ["Hội Cựu chiến binh xã", "tập thể", " hộ  gia đình "],  # 5
        ["Lê Văn C", "other", "Household"],  # 6
        ["Tổ dân phòng số 2", "Dân phòng", "TT"],  # 7
    ]
    parsed = parse_gift_recipients(xlsx(rows), "a.xlsx")
    assert parsed.problems == []
    assert [(row.row, row.category, row.kind) for row in parsed.rows] == [
        (3, "policy_family", "household"), (4, "poor_household", "individual"), (5, "collective", "household"),
        (6, "other", "household"), (7, "security_force", "collective")]


@pytest.mark.parametrize("name, category, kind", [
    ("Nguyễn Văn A", "Khác", "individual"),
    ("Nguyễn Văn A", "Hộ nghèo", "household"),
    ("Nguyễn Văn A", "Gia đình chính sách", "household"),
    ("Nguyễn Văn A", "Tập thể có thành tích", "collective"),
    ("Nguyễn Văn A", "Học sinh nghèo", "individual"),
    ("Nguyễn Văn A", "Quần chúng bị thương", "individual"),
    ("Hộ ông Nguyễn Văn A", "Khác", "household"),
    ("Gia đình bà Lê Thị B", "Khác", "household"),
    ("Gia dinh ba Le Thi B", "Khác", "household"),
    ("Hồ Văn C", "Khác", "individual"),
    ("Tổ bảo vệ ANTT thôn 3", "Lực lượng bảo vệ ANTT ở cơ sở", "collective"),
    ("Đội Dân phòng xã", "Dân phòng", "collective"),
    ("Chi hội Nông dân thôn 2", "Hộ nghèo", "collective"),
    ("Trường Tiểu học Cẩm Tân", "Khác", "collective"),
    ("Thôn Đông", "Khác", "collective"),
    ("Tổ trưởng Lê Văn D", "Khác", "individual"),
    ("Công an viên Bùi Văn E", "Công an viên", "individual"),
    ("Tô Văn F", "Khác", "individual"),
    ("To Van F", "Khác", "individual"),
    ("Đoàn Văn G", "Khác", "individual"),
])
def test_kind_inferred_from_the_category_and_the_name(name, category, kind):
    parsed = parse_gift_recipients(xlsx([["Họ và tên", "Đối tượng"], [name, category]]), "a.xlsx")
    assert parsed.problems == []
    assert parsed.rows[0].kind == kind


@pytest.mark.parametrize("cell, id_number", [
    ("038123456789", "038123456789"),
    (38123456789, "038123456789"),  # typed as a number: the leading 0 was lost
    (1123456789, "001123456789"),  # Hà Nội's 001: two zeros lost
    ("0381 2345 6789", "038123456789"),
    ("038.123.456.789", "038123456789"),
    ("171234567", "171234567"),  # an old CMND
    (None, ""),
    ("Không", ""),
    ("-", ""),
])
def test_identity_numbers(cell, id_number):
    parsed = parse_gift_recipients(xlsx([["Họ và tên", "Số CCCD"], ["Nguyễn Văn A", cell]]), "a.xlsx")
    assert parsed.problems == []
    assert parsed.rows[0].id_number == id_number


@pytest.mark.parametrize("cell", [
    "03812345678",  # 11 digits typed as text: a digit is missing, not a 0
    "038 123 4567",  # 10 digits typed as text
    "0381234567890",
    "12345",
    38123456,
    "chưa làm",
])
def test_wrong_identity_numbers(cell):
    parsed = parse_gift_recipients(xlsx([["Họ và tên", "Số CCCD"], ["Nguyễn Văn A", cell]]), "a.xlsx")
    assert parsed.rows == []
    assert parsed.problems == [Problem(2, "Số CCCD", "Số CCCD phải có 12 chữ số.")]


@pytest.mark.parametrize("cell, phone", [
    (912345678, "0912345678"), ("0912 345 678", "0912 345 678"), ("0912.345.678", "0912345678"),
    (None, ""),
])
def test_phones_like_the_delegate_import(cell, phone):
    parsed = parse_gift_recipients(xlsx([["Họ và tên", "SĐT"], ["Nguyễn Văn A", cell]]), "a.xlsx")
    assert parsed.problems == []
    assert parsed.rows[0].phone == phone


def test_a_template_with_numbered_empty_lines():
    rows = [
        ["STT", "Họ và tên", "Thôn", "Ghi chú"],  # 1
        [1, "Nguyễn Văn A", "Thôn Đông", None],  # 2
        [2],  # 3
        [3],  # 4
        [4, None, None, "Vắng"],  # 5: something typed, but no name
        [5],  # 6
    ]
    parsed = parse_gift_recipients(xlsx(rows), "a.xlsx")
    assert parsed.rows == [gift(2, "Nguyễn Văn A", address="Thôn Đông")]
    assert parsed.problems == [Problem(5, NAME, "Thiếu họ tên người nhận.")]


@pytest.mark.parametrize("filename, data, message", [
    ("a.txt", "Họ và tên\nNguyễn Văn A\n", "Chỉ nhận tệp .xlsx hoặc .csv."),
    ("a.csv", "Thôn,Số tiền\nThôn Đông,500.000\n", "Không tìm thấy dòng tiêu đề có cột “Họ và tên”."),
    ("a.csv", "", "Tệp rỗng."),
])
def test_file_level_problems(filename, data, message):
    parsed = parse_gift_recipients(data.encode(), filename)
    assert parsed.rows == [] and parsed.problems == [Problem(None, None, message)]


def test_columns():
    assert [column.key for column in GIFT_COLUMNS] == [
        "stt", "name", "category", "kind", "address", "id_number", "phone", "package", "value", "notes"]
    assert [column.key for column in GIFT_COLUMNS if column.required] == ["name"]


@pytest.mark.parametrize("header, key", [
    ("Họ tên", "name"), ("Tên", "name"), ("Tên hộ", "name"), ("Chủ hộ", "name"), ("Người nhận", "name"),
    ("Tên tập thể", "name"), ("Name", "name"), ("Họ và tên người nhận", "name"),
])
def test_name_aliases(header, key):
    sheet = read_table(xlsx([[header, "Ghi chú"], ["Nguyễn Văn A", "x"]]), "a.xlsx", GIFT_COLUMNS)
    assert sheet.columns_found == {key: header, "notes": "Ghi chú"}


@pytest.mark.parametrize("header, key", [
    ("Đối tượng", "category"), ("Diện", "category"), ("Thành phần", "category"), ("Loại đối tượng", "category"),
    ("Category", "category"), ("Loại", "kind"), ("Hình thức nhận", "kind"), ("Kind", "kind"),
    ("Địa chỉ", "address"), ("Thôn", "address"), ("Thôn, xóm", "address"), ("Thôn/xóm", "address"),
    ("Nơi ở", "address"), ("Address", "address"), ("Số CCCD", "id_number"), ("CCCD", "id_number"),
    ("Số định danh", "id_number"), ("CMND", "id_number"), ("ID", "id_number"), ("Số CCCD/CMND", "id_number"),
    ("Số điện thoại", "phone"), ("Điện thoại", "phone"), ("SĐT", "phone"), ("Phone", "phone"),
    ("Điện thoại liên hệ", "phone"), ("Suất quà", "package"), ("Loại quà", "package"), ("Quà", "package"),
    ("Package", "package"), ("Số tiền", "value"), ("Số tiền (đồng)", "value"), ("Giá trị", "value"),
    ("Trị giá", "value"), ("Value", "value"), ("Ghi chú", "notes"), ("Notes", "notes"), ("STT", "stt"),
])
def test_header_aliases(header, key):
    sheet = read_table(xlsx([["Họ và tên", header], ["Nguyễn Văn A", "1"]]), "a.xlsx", GIFT_COLUMNS)
    assert sheet.columns_found == {"name": "Họ và tên", key: header}


@pytest.mark.parametrize("text, category", [
    ("Hộ nghèo", "poor_household"), ("HỘ NGHÈO", "poor_household"), ("hộ cận nghèo", "poor_household"),
    ("I. HỘ NGHÈO", "poor_household"), (nfd("Hộ nghèo"), "poor_household"), ("ho ngheo", "poor_household"),
    ("Hộ có hoàn cảnh khó khăn", "poor_household"), ("HN", "poor_household"),
    ("Gia đình chính sách", "policy_family"), ("GĐCS", "policy_family"), ("gđcs", "policy_family"),
    ("thương binh", "policy_family"), ("Thương binh, liệt sĩ", "policy_family"), ("liệt sĩ", "policy_family"),
    ("Liệt sỹ", "policy_family"), ("người có công", "policy_family"), ("Người có công với cách mạng", "policy_family"),
    ("Mẹ Việt Nam anh hùng", "policy_family"), ("II. GIA ĐÌNH CHÍNH SÁCH", "policy_family"),
    ("gia dinh chinh sach", "policy_family"),
    ("Học sinh nghèo", "poor_student"), ("học sinh nghèo vượt khó", "poor_student"),
    ("học sinh có hoàn cảnh khó khăn", "poor_student"), ("HS nghèo", "poor_student"),
    ("hoc sinh ngheo", "poor_student"),
    ("quần chúng bị thương", "injured_volunteer"), ("hy sinh", "injured_volunteer"),
    ("Gia đình quần chúng bị thương, hy sinh", "injured_volunteer"),
    ("Quần chúng hy sinh trong đấu tranh phòng, chống tội phạm", "injured_volunteer"),
    ("lực lượng bảo vệ ANTT ở cơ sở", "security_force"), ("Lực lượng bảo vệ ANTT ở cơ sở", "security_force"),
    ("tổ bảo vệ ANTT", "security_force"), ("công an viên", "security_force"), ("dân phòng", "security_force"),
    ("Bảo vệ dân phố", "security_force"), ("Tổ an ninh tự quản", "security_force"),
    ("cong an vien", "security_force"),
    ("tập thể có thành tích", "collective"), ("Tập thể", "collective"), ("III. TẬP THỂ", "collective"),
    ("khác", "other"), ("Khác", "other"), ("Đối tượng khác", "other"),
    *[(code, code) for code in RECIPIENT_CATEGORIES], *[(label, code) for code, label in RECIPIENT_CATEGORIES.items()],
    ("", None), ("Nguyễn Văn A", None), ("Thôn Đông", None), ("Hộ giàu", None), ("x", None), ("Uỷ ban", None),
    ("DANH SÁCH TẶNG QUÀ NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC", None),
])
def test_category_from_text(text, category):
    assert category_from_text(text) == category


@pytest.mark.parametrize("text, amount", [
    ("500.000", 500000), ("500,000", 500000), ("500000", 500000), ("500 000", 500000), (500000.0, 500000),
    ("500000.0", 500000), (500000, 500000), ("0,5 triệu", 500000), ("1 triệu", 1000000), ("1,5 triệu", 1500000),
    ("1.5tr", 1500000), ("1tr5", 1500000), ("1 triệu 2", 1200000), ("1 triệu rưỡi", 1500000),
    ("1 triệu 500 nghìn", 1500000), ("1 triệu 500.000", 1500000), ("2trđ", 2000000), ("1,2 tỷ", 1200000000),
    ("500.000 đ", 500000), ("500.000đ", 500000), ("500.000 đồng", 500000), ("500.000 VNĐ", 500000),
    ("500.000 đ/suất", 500000), ("500.000 (Năm trăm nghìn đồng)", 500000), ("500k", 500000), ("500K", 500000),
    ("500 nghìn", 500000), ("500 ngàn đồng", 500000), ("2.500.000", 2500000), ("2,500,000", 2500000),
    ("2.500.000,00", 2500000), ("2,500,000.00", 2500000), (nfd("1 triệu"), 1000000), (f"500{NBSP}000", 500000),
    ("0", 0), ("-500.000", -500000),
    ("", None), (None, None), ("abc", None), ("Hiện vật", None), ("12.5", None), ("1.000,5", None),
    ("500.0000", None), ("5.00.000", None), ("500 nghìn 1 triệu", None), ("500.000 - 1.000.000", None),
    ("1 thùng mì + 300.000", None), ("triệu", None), (0.5, None), (True, None),
])
def test_parse_money(text, amount):
    assert parse_money(text) == amount
