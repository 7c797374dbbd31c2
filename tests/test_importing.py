"""The generic spreadsheet reader on files as offices really send them:
title rows, merged cells, blank rows, totals and signatures, repeated
headers, NFD text and stray spaces, numbers typed as numbers, CSV in
UTF-8 (BOM or not, comma or semicolon) or Windows-1258."""

import unicodedata
from datetime import date, datetime, time
from io import BytesIO

import pytest
from openpyxl import Workbook

from kiosk.importing import Column, Problem, clean_text, header_key, read_table

COLUMNS = [
    Column("stt", "STT", ("stt", "tt")),
    Column("full_name", "Họ và tên", ("ho va ten", "ho ten", "full name", "name", "ten"), required=True),
    Column("position", "Chức vụ", ("chuc vu", "position")),
    Column("organization", "Đơn vị", ("don vi", "co quan", "organization")),
    Column("phone", "Số điện thoại", ("so dien thoai", "dien thoai", "phone")),
    Column("notes", "Ghi chú", ("ghi chu", "notes")),
]
NBSP = "\u00a0"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def xlsx(rows, merges=(), formats=None, title=None) -> bytes:
    """An .xlsx whose first sheet has these rows (row 1 first; None = empty cell)."""
    workbook = Workbook()
    sheet = workbook.active
    _fill(sheet, rows, merges, formats)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill(sheet, rows, merges=(), formats=None):
    for row_number, row in enumerate(rows, start=1):
        for column_number, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row_number, column_number, value)
    for cells, number_format in (formats or {}).items():
        sheet[cells].number_format = number_format
    for merged in merges:
        sheet.merge_cells(merged)


def values(sheet):
    return [(row.row, row.values) for row in sheet.rows]


def person(stt="", name="", position="", organization="", phone="", notes=""):
    return {"stt": stt, "full_name": name, "position": position, "organization": organization,
            "phone": phone, "notes": notes}


# --- a messy Excel list -----------------------------------------------------

MESSY_ROWS = [
    ["DANH SÁCH ĐẠI BIỂU DỰ NGÀY HỘI"],  # 1, merged A1:G1
    ["Cẩm Tân, ngày 10 tháng 8 năm 2024"],  # 2: a date line above the header is just a title
    [],  # 3
    ["STT", "Họ và\ntên", "  Chức  vụ ", "Đơn vị:", "Số điện thoại", "Ghi chú", "Email"],  # 4
    ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],  # 5: column numbers
    [1.0, nfd("Nguyễn Văn Đức"), "Chủ tịch UBND xã", "UBND xã Cẩm Tân", 912345678, None, "a@b.vn"],  # 6
    [2.0, f"  Trần{NBSP}Thị   Hồng ", nfd("Phó Chủ tịch"), None, None, datetime(2024, 8, 10)],  # 7
    [3.0, "Lê\u200b Văn Bình", "Công chức", None, "0912 345 678", None],  # 8; D6:D8 merged
    [],  # 9
    ["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Số điện thoại", "Ghi chú"],  # 10: header again after a page break
    [4, "Phạm Thị Dung", "Trưởng thôn", "Thôn 3", None, "Đến muộn"],  # 11
    ["II. KHÁCH MỜI"],  # 12, merged A12:G12
    [5, "Hoàng Văn Em", None, None, None, None],  # 13
    ["Tổng cộng: 5 đại biểu"],  # 14, merged A14:C14
    [],  # 15
    [None, None, None, None, "Cẩm Tân, ngày 10 tháng 8 năm 2024"],  # 16
    [None, "Người lập biểu", None, None, "TM. ỦY BAN NHÂN DÂN XÃ"],  # 17
    [],  # 18
    [None, "Trần Văn Ký", None, None, "Lê Văn Chủ"],  # 19: signers, not delegates
]
MESSY_MERGES = ["A1:G1", "D6:D8", "A12:G12", "A14:C14"]


def test_a_messy_excel_list_reads_as_clean_rows_with_excel_row_numbers():
    sheet = read_table(xlsx(MESSY_ROWS, MESSY_MERGES), "Danh sach.XLSX", COLUMNS)

    assert sheet.problems == []
    assert sheet.header_row == 4
    assert sheet.columns_found == {"stt": "STT", "full_name": "Họ và tên", "position": "Chức vụ",
                                   "organization": "Đơn vị:", "phone": "Số điện thoại", "notes": "Ghi chú"}
    assert values(sheet) == [
        (6, person("1", "Nguyễn Văn Đức", "Chủ tịch UBND xã", "UBND xã Cẩm Tân", "912345678")),
        (7, person("2", "Trần Thị Hồng", "Phó Chủ tịch", "UBND xã Cẩm Tân", notes="10/08/2024")),
        (8, person("3", "Lê Văn Bình", "Công chức", "UBND xã Cẩm Tân", "0912 345 678")),
        (11, person("4", "Phạm Thị Dung", "Trưởng thôn", "Thôn 3", notes="Đến muộn")),
        (13, person("5", "Hoàng Văn Em")),
    ]
    # Names come out in NFC, exactly as intended.
    assert sheet.rows[0].values["full_name"] == unicodedata.normalize("NFC", "Nguyễn Văn Đức")
    assert [row.section for row in sheet.rows] == ["", "", "", "", "II. KHÁCH MỜI"]


def test_a_number_formatted_with_leading_zeros_keeps_them():
    data = xlsx([["Họ và tên", "Điện thoại"], ["Nguyễn Văn A", 912345678]], formats={"B2": "0000000000"})
    assert read_table(data, "a.xlsx", COLUMNS).rows[0].values["phone"] == "0912345678"


def test_the_first_worksheet_with_a_header_is_read():
    workbook = Workbook()
    _fill(workbook.active, [["BÁO CÁO"], ["Ngày hội toàn dân bảo vệ an ninh Tổ quốc"]])
    _fill(workbook.create_sheet("Danh sách"), [["Họ tên", "Chức vụ"], ["Nguyễn Văn A", "Bí thư"]])
    buffer = BytesIO()
    workbook.save(buffer)
    sheet = read_table(buffer.getvalue(), "a.xlsx", COLUMNS)
    assert values(sheet) == [(2, person(name="Nguyễn Văn A", position="Bí thư"))]


def test_english_headers_are_recognised():
    data = xlsx([["No", "Full name", "Position", "Organization", "Phone"],
                 [1, "Nguyễn Văn A", "Chairman", "People's Committee", "0912345678"]])
    sheet = read_table(data, "a.xlsx", COLUMNS)
    assert sheet.problems == []
    assert values(sheet) == [(2, person(name="Nguyễn Văn A", position="Chairman",
                                        organization="People's Committee", phone="0912345678"))]


def test_a_longer_header_text_starting_with_an_alias_is_recognised():
    data = xlsx([["Họ và tên đại biểu", "Đơn vị công tác", "Tên đơn vị cũ"], ["Nguyễn Văn A", "Công an xã", "x"]])
    sheet = read_table(data, "a.xlsx", COLUMNS)
    # "Tên đơn vị" is not the name column: "ten" is too short to match as a prefix.
    assert sheet.columns_found == {"full_name": "Họ và tên đại biểu", "organization": "Đơn vị công tác"}


def test_a_one_column_list_has_a_one_cell_header():
    sheet = read_table(xlsx([["Họ và tên"], ["Nguyễn Văn A"], ["Trần Thị B"]]), "a.xlsx", COLUMNS)
    assert [row.values["full_name"] for row in sheet.rows] == ["Nguyễn Văn A", "Trần Thị B"]


@pytest.mark.parametrize("first", ["Tổng cộng: 25 đại biểu", "TỔNG CỘNG", "Cộng", "Cộng: 3", "Tổng số đại biểu: 25",
                                   "Tổng 25"])
def test_totals_rows_are_skipped(first):
    sheet = read_table(xlsx([["Họ và tên", "Chức vụ"], ["Nguyễn Văn A", "Bí thư"], [first, 25]]), "a.xlsx", COLUMNS)
    assert [row.row for row in sheet.rows] == [2]


@pytest.mark.parametrize("name", ["Công an xã", "Tống Văn Hải", "Cộng Văn B"])
def test_rows_that_only_look_like_totals_are_kept(name):
    sheet = read_table(xlsx([["Họ và tên", "Chức vụ"], [name, "Bí thư"]]), "a.xlsx", COLUMNS)
    assert [row.values["full_name"] for row in sheet.rows] == [name]


def test_rows_after_a_subtotal_are_still_read():
    data = xlsx([["Họ và tên", "Chức vụ"], ["Nguyễn Văn A", "Bí thư"], ["Cộng", 1],
                 ["Trần Văn B", "Chủ tịch"], ["Tổng cộng", 2], ["Thủ trưởng đơn vị"], ["Lê Văn C"]])
    assert [row.values["full_name"] for row in read_table(data, "a.xlsx", COLUMNS).rows] == ["Nguyễn Văn A",
                                                                                          "Trần Văn B"]


def test_a_merged_cell_reaching_below_the_last_person_makes_no_rows():
    data = xlsx([["Họ và tên", "Đơn vị"], ["Nguyễn Văn A", "UBND xã"], ["Trần Văn B"], [], [], ["Lê Văn C", "Thôn 3"]],
                merges=["B2:B5"])
    assert values(read_table(data, "a.xlsx", COLUMNS)) == [
        (2, person(name="Nguyễn Văn A", organization="UBND xã")),
        (3, person(name="Trần Văn B", organization="UBND xã")),
        (6, person(name="Lê Văn C", organization="Thôn 3")),
    ]


def test_cells_in_unknown_columns_only_make_no_row():
    data = xlsx([["Họ và tên", "Chức vụ", "Email"], ["Nguyễn Văn A", "Bí thư", "a@b.vn"], [None, None, "c@d.vn"]])
    assert [row.row for row in read_table(data, "a.xlsx", COLUMNS).rows] == [2]


def test_a_row_missing_the_required_value_is_still_returned_for_the_caller_to_judge():
    data = xlsx([["STT", "Họ và tên", "Chức vụ"], [1, "Nguyễn Văn A", "Bí thư"], [2, None, "Chủ tịch"]])
    sheet = read_table(data, "a.xlsx", COLUMNS)
    assert values(sheet)[1] == (3, person("2", position="Chủ tịch"))


# --- CSV --------------------------------------------------------------------

def test_csv_with_bom_semicolons_and_title_lines_counts_rows_like_excel():
    text = ("DANH SÁCH ĐẠI BIỂU;;;\n"
            ";;;\n"
            "STT;Họ và tên;Chức vụ, đơn vị;Ghi chú\n"
            f"1;{nfd('Nguyễn Văn Đức')};\"Bí thư Chi bộ; thôn 3\";\n"
            ";;;\n"
            f"2;Trần{NBSP}Thị Hồng ;Trưởng thôn;\"ghi\nchú\"\n"
            "Cộng;2;;\n")
    sheet = read_table(b"\xef\xbb\xbf" + text.encode("utf-8"), "ds.csv", COLUMNS)
    assert sheet.problems == []
    assert sheet.header_row == 3
    assert values(sheet) == [
        (4, person("1", "Nguyễn Văn Đức", "Bí thư Chi bộ; thôn 3")),
        (6, person("2", "Trần Thị Hồng", "Trưởng thôn", notes="ghi chú")),
    ]


def test_csv_with_commas_and_no_bom():
    text = 'Full name,Position,Phone\nNguyễn Văn A,"Chủ tịch, UBND xã",912345678\n'
    sheet = read_table(text.encode("utf-8"), "a.CSV", COLUMNS)
    assert values(sheet) == [(2, person(name="Nguyễn Văn A", position="Chủ tịch, UBND xã", phone="912345678"))]


def test_csv_excel_separator_hint_and_formula_text():
    text = 'sep=;\nHọ và tên;Điện thoại\nNguyễn Văn A;="0912345678"\n'
    sheet = read_table(text.encode("utf-8"), "a.csv", COLUMNS)
    assert values(sheet) == [(3, person(name="Nguyễn Văn A", phone="0912345678"))]


TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Text as Windows-1258 stores it: base letters (â, ê, ơ, đ ...) with the
    tone as a separate combining mark where no precomposed letter exists."""
    out = b""
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            shaped = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in TONE_MARKS))
            out += shaped.encode("cp1258") + "".join(m for m in marks if m in TONE_MARKS).encode("cp1258")
    return out


def test_csv_in_windows_1258():
    data = cp1258("STT,Họ và tên,Chức vụ,Đơn vị\r\n1,Nguyễn Văn Đức,Chủ tịch,Ủy ban nhân dân xã Cẩm Tân\r\n")
    data.decode("cp1258")  # the test file really is cp1258 ...
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # ... and not UTF-8
    sheet = read_table(data, "a.csv", COLUMNS)
    assert values(sheet) == [(2, person("1", "Nguyễn Văn Đức", "Chủ tịch", "Ủy ban nhân dân xã Cẩm Tân"))]


def test_csv_in_utf_16_as_excel_saves_unicode_text():
    data = "Họ và tên\tChức vụ\r\nNguyễn Văn A\tBí thư\r\n".encode("utf-16")
    assert values(read_table(data, "a.csv", COLUMNS)) == [(2, person(name="Nguyễn Văn A", position="Bí thư"))]


# --- files that cannot be read ----------------------------------------------

def only_problem(sheet) -> Problem:
    assert sheet.rows == [] and sheet.header_row is None
    assert len(sheet.problems) == 1
    return sheet.problems[0]


@pytest.mark.parametrize("filename", ["danh sach.txt", "danh sach", "a.pdf", "a.xlsx.docx"])
def test_only_xlsx_and_csv_are_taken(filename):
    assert only_problem(read_table(b"x", filename, COLUMNS)) == Problem(None, None, "Chỉ nhận tệp .xlsx hoặc .csv.")


def test_old_excel_asks_for_xlsx():
    problem = only_problem(read_table(b"\xd0\xcf\x11\xe0", "DS.XLS", COLUMNS))
    assert problem.row is None and ".xlsx" in problem.message and "Save As" in problem.message


def test_an_xls_named_xlsx_or_a_password_protected_file():
    problem = only_problem(read_table(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "a.xlsx", COLUMNS))
    assert "mật khẩu" in problem.message


def test_a_broken_xlsx():
    problem = only_problem(read_table(b"not a zip at all", "a.xlsx", COLUMNS))
    assert problem.message == "Không đọc được tệp Excel (.xlsx): tệp bị hỏng hoặc không phải tệp Excel."


def test_an_empty_file():
    assert only_problem(read_table(b"", "a.csv", COLUMNS)).message == "Tệp rỗng."


@pytest.mark.parametrize("data, filename", [(b"\xef\xbb\xbf\r\n;;\r\n", "a.csv"), (xlsx([]), "a.xlsx"),
                                            (xlsx([[None, " ", NBSP]]), "a.xlsx")])
def test_a_file_without_any_text(data, filename):
    assert only_problem(read_table(data, filename, COLUMNS)).message == "Tệp không có dữ liệu."


def test_an_xlsx_named_csv():
    problem = only_problem(read_table(xlsx([["Họ và tên"]]), "a.csv", COLUMNS))
    assert "đổi đuôi thành .xlsx" in problem.message


def test_an_undecodable_csv():
    # 0x81 is neither UTF-8 nor a Windows-1258 character.
    problem = only_problem(read_table(b"H\x81 v\xe0 t\xean\n", "a.csv", COLUMNS))
    assert problem.message.startswith("Không đọc được tệp CSV: mã hóa không phải UTF-8 hay Windows-1258.")


def test_no_header_row_names_the_required_column():
    data = xlsx([["BÁO CÁO TỔNG KẾT"], ["Nội dung", "Kết quả"], ["Tuyên truyền", "Tốt"]])
    assert only_problem(read_table(data, "a.xlsx", COLUMNS)) == Problem(
        None, None, "Không tìm thấy dòng tiêu đề có cột “Họ và tên”.")


def test_a_header_without_the_required_column_is_not_the_header():
    data = "Chức vụ,Đơn vị,Ghi chú\nBí thư,Đảng ủy xã,\n".encode()
    assert only_problem(read_table(data, "a.csv", COLUMNS)) == Problem(
        None, None, "Không tìm thấy dòng tiêu đề có cột “Họ và tên”.")


def test_the_header_is_only_looked_for_near_the_top():
    rows = [[f"Dòng {n}"] for n in range(1, 22)] + [["Họ và tên", "Chức vụ"], ["Nguyễn Văn A", "Bí thư"]]
    assert only_problem(read_table(xlsx(rows), "a.xlsx", COLUMNS)).message.startswith("Không tìm thấy dòng tiêu đề")


def test_no_header_without_required_columns():
    columns = [Column("a", "Cột A", ("cot a",)), Column("b", "Cột B", ("cot b",))]
    problem = only_problem(read_table("x,y\n1,2\n".encode(), "a.csv", columns))
    assert problem.message == "Không tìm thấy dòng tiêu đề (có các cột như “Cột A”, “Cột B”) trong 20 dòng đầu."


# --- values -----------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    (None, ""), (1.0, "1"), (912345678.0, "912345678"), (1.5, "1.5"), (7, "7"), (True, "TRUE"),
    (datetime(2024, 8, 10), "10/08/2024"), (datetime(2024, 8, 10, 7, 30), "10/08/2024 07:30"),
    (date(2024, 1, 2), "02/01/2024"), (time(7, 30), "07:30"),
    (nfd("  Hòa  thượng\nThích\u00a0Thanh Đức "), "Hòa thượng Thích Thanh Đức"),
    ("Lê\u200bVăn\ufeff A\u202f", "LêVăn A"),
])
def test_clean_text(value, text):
    assert clean_text(value) == text
    assert unicodedata.is_normalized("NFC", clean_text(value))


@pytest.mark.parametrize("text, key", [("Họ và\ntên:", "hovaten"), (" SĐT ", "sdt"), ("Cơ quan, đơn vị", "coquandonvi"),
                                       ("S.T.T", "stt"), ("Họ và tên (*)", "hovaten")])
def test_header_key(text, key):
    assert header_key(text) == key


def test_data_that_begins_like_a_header_is_still_data():
    """"Thôn Eo Lê" begins like the header "Thôn", "Suất quà của UBND xã" like
    "Suất quà": a row of such cells is a row of data, not the header again."""
    import io as _io

    from openpyxl import Workbook as _Workbook

    from kiosk.importing import Column as _Column
    from kiosk.importing import read_table as _read_table

    columns = [_Column("name", "Họ và tên", ("ho va ten",), required=True),
               _Column("address", "Thôn", ("thon",)), _Column("package", "Suất quà", ("suat qua",))]
    book = _Workbook()
    book.active.append(["Họ và tên", "Thôn", "Suất quà"])
    book.active.append(["Hộ bà Lê Thị Hoa", "Thôn Eo Lê", "Suất quà của UBND xã"])
    book.active.append(["Họ và tên", "Thôn", "Suất quà"])  # a header repeated after a page break
    book.active.append(["Hộ ông Ba", "Thôn Phiến Thôn", "Suất quà của UBND xã"])
    out = _io.BytesIO()
    book.save(out)
    sheet = _read_table(out.getvalue(), "x.xlsx", columns)
    assert [(r.row, r.values["name"]) for r in sheet.rows] == [(2, "Hộ bà Lê Thị Hoa"), (4, "Hộ ông Ba")]
