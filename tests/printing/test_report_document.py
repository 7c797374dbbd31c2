"""The results report: the one-page summary with the key figures, the eight
sections, gift totals in words, Vietnamese percentages, the empty report,
Noto Sans only."""

from __future__ import annotations

import unicodedata
from io import BytesIO

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import standardFonts

from printing.delegates import EventInfo
from printing.money import amount_in_words
from printing.report import ProgrammeRow, Report, Row, report_pdf

EVENT = EventInfo(
    organizing_body="Ban Chỉ đạo ANTT xã Cẩm Tân",
    title="Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    year=2024,
    place="Thôn Eo Lê, xã Cẩm Tân, huyện Cẩm Thủy, tỉnh Thanh Hóa",
    date_text="15/08/2024",
    time_text="07:30",
    backdrop_bottom="Cẩm Tân, ngày 15 tháng 08 năm 2024",
)
SECTIONS = [
    "I. CHƯƠNG TRÌNH",
    "II. ĐẠI BIỂU",
    "III. KHEN THƯỞNG",
    "IV. TẶNG QUÀ",
    "V. PHẦN HỘI",
    "VI. Ý KIẾN NHÂN DÂN",
    "VII. KHẢO SÁT SỰ HÀI LÒNG",
    "VIII. NHẬT KÝ THAY ĐỔI",
]


def cam_tan(**overrides) -> Report:
    programme = [
        ProgrammeRow(1, "Văn nghệ chào mừng", "07:30", 15, "07:32", "07:50", 18, "done"),
        ProgrammeRow(2, "Lễ chào cờ", "07:45", 5, "07:50", "07:54", 4, "done"),
        ProgrammeRow(3, "Tuyên bố lý do, giới thiệu đại biểu", "07:50", 7, "07:54", "08:02", 8, "done"),
        ProgrammeRow(4, "Diễn văn khai mạc", "07:57", 15, "08:02", "08:15", 13, "done"),
        ProgrammeRow(5, "Trình chiếu phóng sự", "08:12", 8, "", "", None, "skipped"),
        ProgrammeRow(6, "Công bố Quyết định và trao thưởng", "08:20", 15, "08:15", "08:33", 18, "done"),
        ProgrammeRow(7, "Tuyên bố kết thúc buổi lễ", "08:35", 2, "", "", None, "pending"),
    ]
    values = dict(
        event=EVENT,
        generated_at="15/08/2024 11:42",
        programme=programme,
        attendance_by_level=[
            Row("Cấp tỉnh", 4, 3),
            Row("Cấp huyện", 20, 14),
            Row("Cấp xã", 50, 30),
            Row("Thôn, bản", 80, 16),
        ],
        attendance_by_group=[
            Row("Lãnh đạo", 24, 17),
            Row("Người có uy tín", 30, 20),
            Row("Hội viên các đoàn thể", 100, 26),
        ],
        walk_ins=37,
        awards_by_form=[Row("Giấy khen của Chủ tịch UBND huyện", 5, 5), Row("Giấy khen của Công an huyện", 8, 7)],
        awards_by_decision=[Row("Quyết định số 123/QĐ-UBND ngày 10/08/2024", 5, 5), Row("Quyết định số 45/QĐ-CAH", 8, 7)],
        gifts_by_package=[
            Row("Quà hộ nghèo", 20, 18, 10_000_000, 9_000_000),
            Row("Quà gia đình chính sách", 10, 10, 5_000_000, 5_000_000),
        ],
        gifts_by_source=[
            Row("Ngân sách xã", 20, 18, 10_000_000, 9_000_000),
            Row("Xã hội hóa", 10, 10, 5_000_000, 5_000_000),
        ],
        gift_budget=15_000_000,
        counters=[Row("Cấp căn cước", 0, 42), Row("Giao nộp vũ khí, vật liệu nổ", 0, 3), Row("Tư vấn pháp luật", 0, 65)],
        opinions_by_topic=[Row("An ninh trật tự", 8, 6), Row("Thủ tục hành chính", 4, 3)],
        opinions_by_status=[("Đã trả lời", 7), ("Trả lời bằng văn bản", 3), ("Mới", 2)],
        opinions_pending=[
            "Đề nghị lắp đèn chiếu sáng cầu treo — Đơn vị Công an xã, hạn 30/08/2024",
            "Xử lý tiếng ồn quán karaoke — Đơn vị UBND xã, hạn 30/08/2024",
            "Hỏi thủ tục đăng ký xe — Đơn vị Công an huyện, hạn 05/09/2024",
        ],
        survey_responses=48,
        survey_rows=[("Tinh thần, thái độ phục vụ", 0.9), ("Thời gian giải quyết", 0.8125), ("Cơ sở vật chất", None)],
        survey_overall=0.875,
        audit_count=214,
    )
    values.update(overrides)
    return Report(**values)


def empty() -> Report:
    return cam_tan(
        programme=[], attendance_by_level=[], attendance_by_group=[], walk_ins=0, awards_by_form=[],
        awards_by_decision=[], gifts_by_package=[], gifts_by_source=[], gift_budget=0, counters=[],
        opinions_by_topic=[], opinions_by_status=[], opinions_pending=[], survey_responses=0, survey_rows=[],
        survey_overall=None, audit_count=0, empty=True,
    )


def pages(pdf: bytes) -> list[str]:
    return [" ".join(unicodedata.normalize("NFC", p.extract_text()).split()) for p in PdfReader(BytesIO(pdf)).pages]


def base_fonts(pdf: bytes) -> set[str]:
    found = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            found.add(str(font.get_object()["/BaseFont"]))
    return found


def test_summary_page_holds_the_key_figures():
    pdf = report_pdf(cam_tan())
    assert pdf.startswith(b"%PDF")
    first = pages(pdf)[0]
    assert "BÁO CÁO KẾT QUẢ TỔ CHỨC NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM 2024" in first
    assert "BAN CHỈ ĐẠO ANTT XÃ CẨM TÂN" in first
    assert "63/154" in first and "40,9 %" in first  # delegates present / invited
    assert "37" in first  # walk-ins
    assert "5/7 mục" in first  # programme
    assert "12/13" in first  # awards
    assert "28/30 suất" in first and "14.000.000 đ" in first and "15.000.000 đ" in first
    assert "110" in first  # phần hội
    assert "tiếp nhận 12, đã trả lời 9, còn phải trả lời 3" in first
    assert "87,5 %" in first and "48 phiếu" in first
    assert "Được mời" in first and "Có mặt" in first and "Cấp huyện" in first  # the chart
    assert "I. CHƯƠNG TRÌNH" not in first  # sections start on page 2
    assert "Trang 1" in first


def test_sections_and_their_figures():
    text = " ".join(pages(report_pdf(cam_tan())))
    positions = [text.index(heading) for heading in SECTIONS]
    assert positions == sorted(positions)
    assert "Văn nghệ chào mừng" in text and "Đã bỏ qua" in text
    assert "Người có uy tín" in text and "Quyết định số 123/QĐ-UBND ngày 10/08/2024" in text
    assert amount_in_words(15_000_000) in text  # the budget
    assert amount_in_words(14_000_000) in text  # handed
    assert amount_in_words(1_000_000) in text  # left
    assert "1.000.000 đ" in text
    assert "Giao nộp vũ khí, vật liệu nổ" in text
    assert "Xử lý tiếng ồn quán karaoke — Đơn vị UBND xã, hạn 30/08/2024" in text
    assert "81,3 %" in text or "81,2 %" in text
    assert "87,5 %" in text
    assert "Đã ghi nhận 214 thay đổi trong ngày (xem tệp Excel đi kèm)" in text


def test_user_text_is_escaped():
    pdf = report_pdf(cam_tan(counters=[Row("<b>Gian & hàng</b>", 0, 5)]))
    assert "<b>Gian & hàng</b>" in " ".join(pages(pdf))


def test_empty_report_says_so():
    pdf = report_pdf(empty())
    texts = pages(pdf)
    assert len(texts) == 1
    assert "Chưa có số liệu nào được ghi nhận." in texts[0]
    assert "NĂM 2024" in texts[0] and "15/08/2024" in texts[0]
    assert "Thôn Eo Lê, xã Cẩm Tân" in texts[0]


def test_only_noto_sans_is_embedded():
    for report in (cam_tan(), empty()):
        found = base_fonts(report_pdf(report))
        assert found and all("NotoSans" in name for name in found)
        assert not {name.lstrip("/") for name in found} & set(standardFonts)
