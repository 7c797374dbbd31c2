"""Award recipient lists as offices send them: what each row becomes, what
is inferred (collective or individual from the headings or the name, a
leader from the job title, the decision from a heading), and the problems
reported with the Excel row and the column's Vietnamese label."""

import unicodedata
from io import BytesIO

import pytest
from openpyxl import Workbook

from kiosk.awards.importing import (
    AWARD_COLUMNS,
    AwardRow,
    clean_decision,
    is_leader_title,
    kind_from_text,
    parse_award_recipients,
)
from kiosk.importing import Problem, read_table

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


def award(row, name, *, kind="individual", decision="", form="", job_title="", organization="", representative="",
          is_leader=False, achievement="", notes=""):
    return AwardRow(row=row, decision=decision, form=form, kind=kind, name=name, job_title=job_title,
                    organization=organization, representative=representative, is_leader=is_leader,
                    achievement=achievement, notes=notes)


QD = "1856/QĐ-UBND"
BANG_KHEN = "Bằng khen của Chủ tịch UBND tỉnh"
GIAY_KHEN = "Giấy khen của Giám đốc Công an tỉnh"


def test_a_messy_list_in_sections_without_a_kind_column():
    data = xlsx([
        ["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"],  # 1, merged A1:H1
        ["(Kèm theo Tờ trình số 45/TTr-CAX ngày 10/8/2024 của Công an xã Cẩm Tân)"],  # 2
        [],  # 3
        ["STT", "Số QĐ", "Hình thức khen thưởng", "Tên tập thể,\ncá nhân", "Chức vụ", "Đơn vị", "Lãnh đạo",
         "Thành tích"],  # 4
        ["I. TẬP THỂ"],  # 5, merged A5:H5: a section read_table sees
        [1.0, " 1856 / qđ-ubnd ", BANG_KHEN, nfd("Công an xã Cẩm Tân"), None, None, "x",
         "Hoàn thành xuất sắc nhiệm vụ"],  # 6; B6:B11 and C6:C7 merged
        [2.0, None, None, f"Hội{NBSP}Nông dân  xã Cẩm Tân", None, None, None, None],  # 7
        ["II. CÁ NHÂN"],  # 8: beside the merged decision, so a heading only this module sees
        [1, None, GIAY_KHEN, nfd("Nguyễn Văn Đức"), "Trưởng Công an xã", "Công an xã Cẩm Tân", None, None],  # 9
        [2, None, None, "Trần Thị Hồng", "Công an viên", "Công an xã Cẩm Tân", "x", None],  # 10
        [3, None, None, "Đoàn Văn Em", "Phó Trưởng thôn", "Thôn 3", None, None],  # 11: a village office
        [4, "1857/QĐ-UBND", None, "Lê Văn Bình", "Phó Chủ tịch", "Hội Cựu chiến binh xã", None, None],  # 12
        [],  # 13
        ["Tổng cộng: 2 tập thể, 4 cá nhân"],  # 14, merged A14:D14
        [None, "Người lập biểu", None, None, None, "TRƯỞNG CÔNG AN XÃ"],  # 15
        [None, "Phạm Văn Ký", None, None, None, "Hoàng Văn Trưởng"],  # 16
    ], merges=["A1:H1", "A5:H5", "B6:B11", "C6:C7", "A14:D14"])

    parsed = parse_award_recipients(data, "khen thuong.xlsx")

    assert parsed.problems == []
    assert parsed.rows == [
        award(6, "Công an xã Cẩm Tân", kind="collective", decision=QD, form=BANG_KHEN,
              achievement="Hoàn thành xuất sắc nhiệm vụ"),  # "x" in Lãnh đạo: a collective is never a leader
        award(7, "Hội Nông dân xã Cẩm Tân", kind="collective", decision=QD, form=BANG_KHEN),
        award(9, "Nguyễn Văn Đức", decision=QD, form=GIAY_KHEN, job_title="Trưởng Công an xã",
              organization="Công an xã Cẩm Tân", is_leader=True),
        award(10, "Trần Thị Hồng", decision=QD, job_title="Công an viên", organization="Công an xã Cẩm Tân",
              is_leader=True),
        award(11, "Đoàn Văn Em", decision=QD, job_title="Phó Trưởng thôn", organization="Thôn 3"),
        award(12, "Lê Văn Bình", decision="1857/QĐ-UBND", job_title="Phó Chủ tịch",
              organization="Hội Cựu chiến binh xã", is_leader=True),
    ]
    assert all(unicodedata.is_normalized("NFC", row.name) for row in parsed.rows)


def test_problems_name_the_excel_row_and_the_column():
    data = xlsx([
        ["DANH SÁCH KHEN THƯỞNG"],  # 1
        ["STT", "Quyết định", "Loại", "Họ và tên", "Chức vụ", "Đơn vị", "Lãnh đạo"],  # 2
        [1, QD, "Cá nhân", "Nguyễn Văn A", "Trưởng phòng", "Phòng PV05", None],  # 3
        [2, QD, "Cá nhân", None, "Phó Trưởng phòng", "Phòng PV05", None],  # 4: no name
        [3, QD, "Đơn vị", "Trần Văn B", None, None, None],  # 5: unknown kind
        [4, "1856/qđ-ubnd", "CN", nfd("NGUYỄN VĂN A"), None, "Phòng PV05", None],  # 6: the same person again
        [5, "1857/QĐ-UBND", "CN", "Nguyễn Văn A", None, "Phòng PV05", None],  # 7: another decision
        [6, QD, "TT", "x" * 301, None, None, None],  # 8: too long
        [7, QD, "Cá nhân", "Lê Văn C", None, None, "chưa rõ"],  # 9: unknown leader mark
        [8, QD, "Tập thể", "Công an xã Cẩm Tân", None, None, "x"],  # 10
        [9, QD, "Cá nhân", "Nguyễn Văn A", None, "Phòng PC06", None],  # 11: a namesake in another unit
        [10, QD, "Cá nhân", "Nguyễn Văn A", None, None, None],  # 12: no unit to tell them apart
        [11, QD, "Tập thể/cá nhân", "Phạm Văn D", None, None, None],  # 13: both
    ])

    parsed = parse_award_recipients(data, "a.xlsx")

    assert parsed.problems == [
        Problem(4, "Tên tập thể, cá nhân", "Thiếu tên tập thể hoặc cá nhân."),
        Problem(5, "Loại", "Loại “Đơn vị” không hợp lệ: dùng Tập thể hoặc Cá nhân."),
        Problem(6, "Tên tập thể, cá nhân", "Trùng với dòng 3."),
        Problem(8, "Tên tập thể, cá nhân", "Tên tập thể, cá nhân dài quá 300 ký tự."),
        Problem(9, "Lãnh đạo", "Lãnh đạo “chưa rõ” không hợp lệ: đánh x nếu là lãnh đạo, để trống nếu không."),
        Problem(12, "Tên tập thể, cá nhân", "Trùng với dòng 3."),
        Problem(13, "Loại", "Loại “Tập thể/cá nhân” không hợp lệ: dùng Tập thể hoặc Cá nhân."),
    ]
    assert [(row.row, row.kind, row.name, row.decision, row.is_leader) for row in parsed.rows] == [
        (3, "individual", "Nguyễn Văn A", QD, True),
        (7, "individual", "Nguyễn Văn A", "1857/QĐ-UBND", False),
        (10, "collective", "Công an xã Cẩm Tân", QD, False),
        (11, "individual", "Nguyễn Văn A", QD, False),
    ]


def test_a_duplicate_is_reported_on_each_later_row_naming_the_first():
    rows = [["Họ và tên", "Đơn vị"]] + [["Nguyễn Văn A", "Công an xã"] for _ in range(3)]
    parsed = parse_award_recipients(xlsx(rows), "a.xlsx")
    assert parsed.problems == [Problem(3, "Tên tập thể, cá nhân", "Trùng với dòng 2."),
                               Problem(4, "Tên tập thể, cá nhân", "Trùng với dòng 2.")]
    assert [row.row for row in parsed.rows] == [2]


def test_a_template_with_numbered_empty_lines_beside_a_merged_decision():
    rows = [
        ["STT", "Số quyết định", "Họ và tên", "Ghi chú"],  # 1
        [1, QD, "Nguyễn Văn A", None],  # 2; B2:B6 merged
        [2],  # 3
        [3],  # 4
        [4, None, None, "Vắng"],  # 5: something typed, but no name
        [5],  # 6
    ]
    parsed = parse_award_recipients(xlsx(rows, merges=["B2:B6"]), "a.xlsx")
    assert parsed.rows == [award(2, "Nguyễn Văn A", decision=QD)]
    assert parsed.problems == [Problem(5, "Tên tập thể, cá nhân", "Thiếu tên tập thể hoặc cá nhân.")]


def test_headings_inside_the_list():
    data = xlsx([
        ["STT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị"],  # 1
        ["Quyết định số 1856/QĐ-UBND của Chủ tịch UBND tỉnh"],  # 2, merged A2:D2
        ["I", "TẬP THỂ"],  # 3: numeral in STT, heading in the name column
        [1, "Chốt Dân quân thường trực số 1", None, "xã Cẩm Tân"],  # 4: no unit word: the heading says
        ["II", "CÁ NHÂN"],  # 5
        [1, "Công an viên Bùi Văn Phúc", None, None],  # 6
        [None, "QĐ số 1857 / qđ-ubnd"],  # 7: a decision heading typed in the name column
        [None, "1. Tập thể:"],  # 8
        [1, "Đội Dân phòng thôn 3", None, None],  # 9
        [None, "2. Cá nhân"],  # 10
        [1, "Vũ Thị Giang", "Chủ tịch Hội Phụ nữ", "Xã Cẩm Tân"],  # 11
        ["A. NGƯỜI TỐT VIỆC TỐT"],  # 12: a heading naming no kind: inferred again
        [1, "Chi hội Phụ nữ thôn 2", None, None],  # 13
        [2, "Hồ Văn Hải", None, None],  # 14
    ], merges=["A2:D2"])

    parsed = parse_award_recipients(data, "a.xlsx")

    assert parsed.problems == []
    assert parsed.rows == [
        award(4, "Chốt Dân quân thường trực số 1", kind="collective", decision=QD, organization="xã Cẩm Tân"),
        award(6, "Công an viên Bùi Văn Phúc", decision=QD),
        award(9, "Đội Dân phòng thôn 3", kind="collective", decision="1857/QĐ-UBND"),
        award(11, "Vũ Thị Giang", decision="1857/QĐ-UBND", job_title="Chủ tịch Hội Phụ nữ",
              organization="Xã Cẩm Tân", is_leader=True),
        award(13, "Chi hội Phụ nữ thôn 2", kind="collective", decision="1857/QĐ-UBND"),
        award(14, "Hồ Văn Hải", decision="1857/QĐ-UBND"),
    ]


def test_kind_inferred_from_the_name_when_nothing_says():
    rows = [
        ["Họ và tên", "Chức vụ", "Người nhận", "Đơn vị"],  # 1
        ["Công an xã Cẩm Tân", None, "Đ/c Lê Văn Chính, Trưởng Công an xã", None],  # 2
        ["Đoàn Thanh niên xã Cẩm Tân", None, None, None],  # 3
        ["Đoàn Văn Hùng", "Bí thư Đoàn xã", None, None],  # 4: Đoàn the surname
        ["Gia đình ông Nguyễn Văn Tư", None, None, "Thôn 3"],  # 5
        ["Đ/c Trịnh Văn Sáu", "Đội trưởng Đội CSGT", None, None],  # 6: the honorific leaves the name
        ["Lò Thị Mai", None, None, "Bản Lác"],  # 7
    ]
    parsed = parse_award_recipients(xlsx(rows), "a.xlsx")
    assert parsed.problems == []
    assert parsed.rows == [
        award(2, "Công an xã Cẩm Tân", kind="collective", representative="Đ/c Lê Văn Chính, Trưởng Công an xã"),
        award(3, "Đoàn Thanh niên xã Cẩm Tân", kind="collective"),
        award(4, "Đoàn Văn Hùng", job_title="Bí thư Đoàn xã", is_leader=True),
        award(5, "Gia đình ông Nguyễn Văn Tư", kind="collective", organization="Thôn 3"),
        award(6, "Trịnh Văn Sáu", job_title="Đội trưởng Đội CSGT", is_leader=True),
        award(7, "Lò Thị Mai", organization="Bản Lác"),
    ]


def test_a_kind_column_wins_over_the_section_and_the_name():
    rows = [
        ["Loại", "Họ và tên", "Chức vụ"],  # 1
        ["I. TẬP THỂ"],  # 2
        ["Cá nhân", "Công an viên Đặng Văn An", None],  # 3: the cell says
        [None, "Hội Nông dân xã", None],  # 4: the section says
        [" tập   thể ", "Ban bảo vệ dân phố số 2", "Trưởng ban"],  # 5
        ["Individual", "Tô Thị Bé", "Trưởng phòng"],  # 6
    ]
    parsed = parse_award_recipients(xlsx(rows), "a.xlsx")
    assert parsed.problems == []
    assert [(row.row, row.kind, row.is_leader) for row in parsed.rows] == [
        (3, "individual", False), (4, "collective", False), (5, "collective", False), (6, "individual", True)]


@pytest.mark.parametrize("mark, job_title, leader", [
    ("x", "", True), ("X", "Cán bộ", True), ("có", "", True), ("Có", "", True), ("1", "", True), ("✓", "", True), ("√", "", True),
    ("lãnh đạo", "", True), ("Lãnh đạo", "Chuyên viên", True), (1, "", True),
    (None, "Phó Trưởng phòng", True), (None, "Chuyên viên", False), (None, "", False),
    ("không", "Trưởng phòng", False), ("0", "Giám đốc", False), ("-", "Giám đốc", False),
])
def test_the_leader_column(mark, job_title, leader):
    rows = [["Họ và tên", "Chức vụ", "Lãnh đạo"], ["Nguyễn Văn A", job_title or None, mark]]
    parsed = parse_award_recipients(xlsx(rows), "a.xlsx")
    assert parsed.problems == []
    assert parsed.rows[0].is_leader is leader


def test_english_csv_with_bom_and_semicolons():
    text = ("No;Decision;Award;Kind;Name;Position;Organization;Representative;Leader;Achievement;Notes\r\n"
            "1;1856/QD-UBND;Certificate of Merit;Collective;Cam Tan Commune Police;;;Le Van Chinh;;"
            "Outstanding;VIP\r\n"
            "2;1856/QD-UBND;Certificate of Merit;Individual;Nguyen Van A;Head of Division;PV05;;yes;;\r\n"
            "3;1856/QD-UBND;;Team;Tran Thi B;;;;;;\r\n"
            "4;1856/QĐ-UBND;;individual;nguyen van a;;PV05;;;;\r\n")
    parsed = parse_award_recipients(b"\xef\xbb\xbf" + text.encode(), "list.csv")
    assert parsed.problems == [
        Problem(4, "Loại", "Loại “Team” không hợp lệ: dùng Tập thể hoặc Cá nhân."),
        Problem(5, "Tên tập thể, cá nhân", "Trùng với dòng 3."),
    ]
    assert parsed.rows == [
        award(2, "Cam Tan Commune Police", kind="collective", decision=QD, form="Certificate of Merit",
              representative="Le Van Chinh", achievement="Outstanding", notes="VIP"),
        award(3, "Nguyen Van A", decision=QD, form="Certificate of Merit", job_title="Head of Division",
              organization="PV05", is_leader=True),
    ]


def test_a_csv_with_sections_and_no_decision():
    text = ("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG;;;\n"
            "TT;Họ và tên;Chức vụ;Thành tích\n"
            "I. TẬP THỂ;;;\n"
            "1;Chi bộ thôn Đông;;Trong sạch vững mạnh\n"
            "II. CÁ NHÂN;;;\n"
            f"1;{nfd('Đặng Thị Lụa')};Bí thư Chi bộ thôn Đông;\n"
            "Tổng cộng: 2;;;\n")
    parsed = parse_award_recipients(text.encode("utf-8-sig"), "a.csv")
    assert parsed.problems == []
    assert parsed.rows == [
        award(4, "Chi bộ thôn Đông", kind="collective", achievement="Trong sạch vững mạnh"),
        award(6, "Đặng Thị Lụa", job_title="Bí thư Chi bộ thôn Đông"),  # a village office: not a leader
    ]


def test_the_header_tap_the_ca_nhan_is_the_name_unless_the_name_has_its_own_column():
    named = xlsx([["TT", "Tập thể, cá nhân", "Thành tích"], [1, "Công an xã Cẩm Tân", "Xuất sắc"]])
    parsed = parse_award_recipients(named, "a.xlsx")
    assert parsed.problems == []
    assert parsed.rows == [award(2, "Công an xã Cẩm Tân", kind="collective", achievement="Xuất sắc")]

    kinds = xlsx([["TT", "Tập thể/Cá nhân", "Họ và tên"], [1, "Cá nhân", "Công an viên Đặng Văn An"]])
    parsed = parse_award_recipients(kinds, "a.xlsx")
    assert parsed.problems == []
    assert parsed.rows == [award(2, "Công an viên Đặng Văn An")]


@pytest.mark.parametrize("filename, data, message", [
    ("a.txt", "Họ và tên\nNguyễn Văn A\n", "Chỉ nhận tệp .xlsx hoặc .csv."),
    ("a.csv", "Chức vụ,Đơn vị\nBí thư,Đảng ủy\n", "Không tìm thấy dòng tiêu đề có cột “Tên tập thể, cá nhân”."),
    ("a.csv", "", "Tệp rỗng."),
])
def test_file_level_problems(filename, data, message):
    parsed = parse_award_recipients(data.encode(), filename)
    assert parsed.rows == [] and parsed.problems == [Problem(None, None, message)]


def test_columns():
    assert [column.key for column in AWARD_COLUMNS] == [
        "stt", "decision", "form", "kind", "name", "job_title", "organization", "representative", "leader",
        "achievement", "notes"]
    assert [column.key for column in AWARD_COLUMNS if column.required] == ["name"]


@pytest.mark.parametrize("header, key", [
    ("Số quyết định", "decision"), ("Quyết định", "decision"), ("Số QĐ", "decision"), ("QĐ số", "decision"),
    ("Decision", "decision"), ("Hình thức", "form"), ("Hình thức khen thưởng", "form"), ("Danh hiệu", "form"),
    ("Form", "form"), ("Award", "form"), ("Loại khen thưởng", "form"), ("Loại", "kind"), ("Đối tượng", "kind"),
    ("Kind", "kind"), ("Chức danh", "job_title"), ("Cơ quan, đơn vị", "organization"),
    ("Đại diện", "representative"), ("Đại diện nhận", "representative"), ("Người đại diện", "representative"),
    ("Cán bộ lãnh đạo", "leader"), ("Leader", "leader"), ("Nội dung thành tích", "achievement"),
    ("Achievement", "achievement"), ("Notes", "notes"),
])
def test_header_aliases(header, key):
    sheet = read_table(xlsx([["Họ tên", header], ["Nguyễn Văn A", "1"]]), "a.xlsx", AWARD_COLUMNS)
    assert sheet.columns_found == {"name": "Họ tên", key: header}


@pytest.mark.parametrize("text, decision", [
    (" 1856 / qđ-ubnd ", QD), ("1856/QĐ-UBND", QD), ("1856/QD-UBND", QD), ("Số 1856/QĐ-UBND", QD),
    ("Quyết định số 1856/QĐ-UBND ngày 12/8/2024", QD), ("QĐ số: 1856 / QĐ - UBND", QD),
    ("1856/QĐ-UBND (12/8/2024)", QD), ("1856/QĐ\u2013UBND, 12/8/2024", QD),
    ("1856/QĐ-UBND của Chủ tịch UBND tỉnh", QD), ("1856/QĐ-UBND 12/8/2024", QD),
    ("123/2024/qđ-ubnd", "123/2024/QĐ-UBND"), ("1856", "1856"), ("1856/", "1856"), ("QĐ-UBND", "QĐ-UBND"),
    ("", ""),
])
def test_clean_decision(text, decision):
    assert clean_decision(text) == decision


@pytest.mark.parametrize("text, name, job_title, kind", [
    ("Tập thể", "", "", "collective"), ("TT", "", "", "collective"), ("tt", "", "", "collective"),
    ("Collective", "", "", "collective"), ("TẬP THỂ", "Nguyễn Văn A", "Trưởng phòng", "collective"),
    ("I. TẬP THỂ", "", "", "collective"), ("A. Khen thưởng tập thể", "", "", "collective"),
    (nfd("Tập thể"), "", "", "collective"), ("tap the", "", "", "collective"),
    ("Cá nhân", "Công an xã", "", "individual"), ("CN", "", "", "individual"), ("Individual", "", "", "individual"),
    ("II. CÁ NHÂN", "", "", "individual"), ("B) Danh sách cá nhân đề nghị khen thưởng", "", "", "individual"),
    ("Đơn vị", "", "", None), ("Tập thể, cá nhân", "", "", None), ("x", "", "", None),
    ("", "Công an xã Cẩm Tân", "", "collective"), ("", "Ban Chỉ huy Quân sự xã", "", "collective"),
    ("", "Chi bộ thôn 3", "", "collective"), ("", "Đảng uỷ xã Cẩm Tân", "", "collective"),
    ("", "Đảng ủy xã Cẩm Tân", "", "collective"), ("", "UBND xã Cẩm Tân", "", "collective"),
    ("", "Ủy ban MTTQ xã", "", "collective"), ("", "Hội Phụ nữ xã", "", "collective"),
    ("", "Đoàn Thanh niên xã", "", "collective"), ("", "Tổ an ninh tự quản số 2", "", "collective"),
    ("", "Đội Dân phòng", "", "collective"), ("", "Thôn Đông", "", "collective"), ("", "Xóm 5", "", "collective"),
    ("", "Bản Lác", "", "collective"), ("", "Khu dân cư số 3", "", "collective"),
    ("", "Trường THCS Cẩm Tân", "", "collective"), ("", "Phòng Cảnh sát hình sự", "", "collective"),
    ("", "Cục An ninh mạng", "", "collective"), ("", "Trạm Y tế xã", "", "collective"),
    ("", "Trung tâm Y tế huyện", "", "collective"), ("", "Công ty TNHH Minh Phát", "", "collective"),
    ("", "Doanh nghiệp tư nhân Hòa Bình", "", "collective"), ("", "Hợp tác xã Nông nghiệp", "", "collective"),
    ("", "Gia đình ông Lê Văn Tư", "", "collective"), ("", "Cong an xa Cam Tan", "", "collective"),
    ("", "Công an viên Bùi Văn Phúc", "", "individual"), ("", "Đội trưởng Lê Văn Tám", "", "individual"),
    ("", "Hội viên Phạm Thị Chín", "", "individual"), ("", "Cong an vien Bui Van Phuc", "", "individual"),
    ("", "Nguyễn Văn A", "Trưởng thôn", "individual"), ("", "Nguyễn Văn A", "", "individual"),
    ("", "Đoàn Văn Hùng", "", "individual"), ("", "Tô Văn Ba", "", "individual"),
    ("", "Trương Văn Tư", "", "individual"), ("", "Hồ Thị Năm", "", "individual"),
    ("", "To Van Ba", "", "individual"), ("", "Truong Van Tu", "", "individual"), ("", "", "", "individual"),
])
def test_kind_from_text(text, name, job_title, kind):
    assert kind_from_text(text, name, job_title) == kind


@pytest.mark.parametrize("job_title, leader", [
    ("Trưởng phòng", True), ("Phó Trưởng phòng PV05", True), ("Phó trưởng phòng", True),
    ("Trưởng Công an xã", True), ("Phó Trưởng Công an xã", True), ("Chủ tịch UBND xã", True),
    ("Phó Chủ tịch Hội Nông dân", True), ("Bí thư Đảng ủy xã", True), ("Phó Bí thư Đoàn xã", True),
    ("Giám đốc Công an tỉnh", True), ("Phó Giám đốc", True), ("Chỉ huy trưởng Ban CHQS xã", True),
    ("Đội trưởng Đội CSGT", True), ("Phó Đội trưởng", True), ("Chánh Văn phòng", True), (nfd("Trưởng ban"), True),
    ("truong phong", True), ("Pho Chu tich", True),
    ("Trưởng thôn", False), ("Phó trưởng thôn Đông", False), ("Bí thư Chi bộ thôn 3", False),
    ("Trưởng ban Công tác Mặt trận khu dân cư số 2", False),
    ("Tổ trưởng", False), ("Cán bộ", False), ("Công an viên", False), ("Chuyên viên Phòng PV05", False),
    ("Đội viên Đội Dân phòng", False), ("", False),
])
def test_is_leader_title(job_title, leader):
    assert is_leader_title(job_title) is leader
