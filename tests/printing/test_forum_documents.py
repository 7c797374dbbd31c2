"""The forum's papers: the poster's two QR codes decode back to their
addresses (rendered with pdfium, read with ZXing), opinions come through
intact and escaped with the written-answer section, survey counts and shares
("87,5 %") print, charts included, Noto Sans only everywhere."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from io import BytesIO
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import standardFonts

from printing.delegates import EventInfo
from printing.forum import (
    SCALE,
    OpinionLine,
    QuestionResult,
    SurveySummary,
    opinions_pdf,
    percent,
    poster_pdf,
    survey_pdf,
)

EVENT = EventInfo(
    organizing_body="Ban Chỉ đạo ANTT xã Cẩm Tân",
    title="Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    year=2024,
    place="Thôn Eo Lê, xã Cẩm Tân, huyện Cẩm Thủy, tỉnh Thanh Hóa",
    date_text="15/08/2024",
    time_text="07:30",
    backdrop_bottom="Cẩm Tân, ngày 15 tháng 08 năm 2024",
)
URL = "https://ngayhoi.camtan.vn/y-kien/e/2024-08-15?k=Zp3xQ"
SURVEY_URL = "https://ngayhoi.camtan.vn/khao-sat/e/2024-08-15?k=Zp3xQ"
SCRIPT = "<script>alert(1)</script>"
LONG_TEXT = ("Đề nghị Công an xã tăng cường tuần tra ban đêm tại khu vực chợ Eo Lê và cầu treo, " * 24).strip()
NFD_TEXT = unicodedata.normalize("NFD", "Xin hỏi thủ tục làm căn cước cho trẻ em dưới 6 tuổi thế nào?")


def opinion(number, status, text, **values) -> OpinionLine:
    fields = dict(
        number=number,
        received_at=f"09:{10 + number:02d}",
        topic="An ninh trật tự",
        text=text,
        author="Ẩn danh",
        address="",
        status=status,
        answer="",
        responsible_unit="",
        deadline="",
    )
    fields.update(values)
    return OpinionLine(**fields)


def make_opinions() -> list[OpinionLine]:
    return [
        opinion(
            1,
            "Đã trả lời",
            "Tình trạng xe máy chạy tốc độ cao trên đường liên thôn vào buổi tối",
            topic="Trật tự an toàn giao thông",
            author="Nguyễn Văn Bình",
            address="Thôn Eo Lê",
            answer="Đồng chí Hoàng Văn Thụ (Trưởng Công an xã): Công an xã sẽ phối hợp lập chốt kiểm tra.",
        ),
        opinion(
            2,
            "Trả lời bằng văn bản",
            "Đề nghị làm rõ việc cấp giấy phép kinh doanh karaoke & quán bar gần trường học",
            topic="Tệ nạn xã hội",
            author="Lê Thị Mai",
            address="Thôn Đồng Chạ",
            responsible_unit="Phòng Cảnh sát quản lý hành chính về trật tự xã hội",
            deadline="30/08/2024",
        ),
        opinion(3, "Mới", SCRIPT + " & thử ký tự đặc biệt", topic="Khác"),
        opinion(4, "Đã duyệt", NFD_TEXT, topic="Thủ tục hành chính, CCCD, VNeID", author="Phạm Thu Hà", address="Thôn Chiềng"),
        opinion(5, "Mới", LONG_TEXT, author="Bùi Văn Tâm", address="Thôn Kim Sơn"),
        opinion(6, "Đã ẩn", "Nội dung quảng cáo không liên quan"),
    ]


def question(text: str, counts: list[int]) -> QuestionResult:
    total = sum(counts)
    return QuestionResult(text, counts, (counts[3] + counts[4]) / total if total else None)


def make_summary() -> SurveySummary:
    return SurveySummary(
        responses=40,
        questions=[
            question("Tinh thần, thái độ phục vụ", [1, 1, 3, 15, 20]),  # 35/40 = 87,5 %
            question("Tác phong, lề lối làm việc", [0, 2, 6, 17, 15]),  # 32/40 = 80,0 %
            question("Giải quyết thủ tục hành chính", [2, 4, 8, 14, 9]),  # 23/37 = 62,2 %
            question("Kết quả bảo đảm an ninh trật tự", [0, 0, 0, 0, 0]),  # no answers
            question("Đánh giá chung về Công an xã", [0, 1, 2, 12, 25]),  # 37/40 = 92,5 %
        ],
        comments=["Cán bộ tiếp dân rất nhiệt tình.", "Mong có thêm buổi hướng dẫn VNeID <b>&</b> cho người cao tuổi."],
    )


def pages_text(pdf: bytes) -> list[str]:
    return [unicodedata.normalize("NFC", page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]


def flat(pdf: bytes) -> str:
    """All the text, whitespace normalised (wrapping splits lines anywhere)."""
    return " ".join(" ".join(pages_text(pdf)).split())


def base_fonts(pdf: bytes) -> set[str]:
    found = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            found.add(str(font.get_object()["/BaseFont"]))
    return found


def decoded_first_page(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=2).to_pil()
        return [code.text for code in zxingcpp.read_barcodes(image)]
    finally:
        document.close()


# --- poster --------------------------------------------------------------------


def test_poster_codes_decode_to_the_two_addresses():
    pdf = poster_pdf(EVENT, URL, SURVEY_URL)
    assert pdf.startswith(b"%PDF")
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    decoded = decoded_first_page(pdf)
    assert sorted(decoded) == sorted([URL, SURVEY_URL])


def test_poster_has_the_title_the_invitation_and_the_address():
    text = flat(poster_pdf(EVENT, URL, SURVEY_URL))
    assert "CÔNG AN LẮNG NGHE Ý KIẾN NHÂN DÂN" in text
    assert "BAN CHỈ ĐẠO ANTT XÃ CẨM TÂN" in text
    assert "Quét mã để gửi ý kiến, câu hỏi tới Công an." in text
    assert "Có thể không ghi tên." in text
    assert URL in text
    assert "Đánh giá sự hài lòng đối với Công an xã" in text


def test_poster_with_a_long_address_still_decodes():
    long_url = "https://ngayhoi-kiosk.congan-xa-cam-tan.thanhhoa.gov.vn/dien-dan/y-kien?su-kien=2024&k=" + "x" * 60
    pdf = poster_pdf(EVENT, long_url, SURVEY_URL)
    assert sorted(decoded_first_page(pdf)) == sorted([long_url, SURVEY_URL])
    assert long_url in flat(pdf).replace(" ", "")


# --- opinions ------------------------------------------------------------------


def test_opinions_keep_vietnamese_text_and_print_markup_literally():
    pdf = opinions_pdf(EVENT, make_opinions())
    assert pdf.startswith(b"%PDF")
    text = flat(pdf)
    assert "TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN" in text
    assert "Tình trạng xe máy chạy tốc độ cao trên đường liên thôn vào buổi tối" in text
    assert "— Nguyễn Văn Bình, Thôn Eo Lê" in text
    assert SCRIPT + " & thử ký tự đặc biệt" in text
    assert unicodedata.normalize("NFC", NFD_TEXT) in text
    assert "karaoke & quán bar" in text
    assert "Đồng chí Hoàng Văn Thụ (Trưởng Công an xã): Công an xã sẽ phối hợp lập chốt kiểm tra." in text
    assert LONG_TEXT in text  # wrapped, every word there
    assert "Trang 1" in text


def test_opinions_summary_counts():
    text = flat(opinions_pdf(EVENT, make_opinions()))
    assert "Tổng số: 6 ý kiến, kiến nghị" in text
    assert "đã trả lời tại chỗ: 1" in text
    assert "cần trả lời bằng văn bản: 1" in text
    assert "chưa trả lời: 3" in text
    assert "đã ẩn, đã gộp: 1" in text


def test_opinions_list_those_to_answer_in_writing_with_unit_and_deadline():
    text = flat(opinions_pdf(EVENT, make_opinions()))
    section = text.split("Ý KIẾN CẦN TRẢ LỜI BẰNG VĂN BẢN", 1)[1]
    assert "Đơn vị chịu trách nhiệm Hạn trả lời" in section
    assert "Phòng Cảnh sát quản lý hành chính về trật tự xã hội" in section
    assert "30/08/2024" in section
    assert "karaoke & quán bar" in section
    assert "Tình trạng xe máy" not in section


def test_opinions_without_written_answers_or_at_all():
    answered_only = [line for line in make_opinions() if line.status != "Trả lời bằng văn bản"]
    assert "Không có ý kiến nào cần trả lời bằng văn bản." in flat(opinions_pdf(EVENT, answered_only))
    empty = opinions_pdf(EVENT, [])
    assert len(PdfReader(BytesIO(empty)).pages) == 1
    assert "Chưa có ý kiến, kiến nghị nào." in flat(empty)


def test_an_opinion_longer_than_a_page_splits_across_pages():
    huge = "\n".join(LONG_TEXT for _ in range(2))
    lines = [opinion(1, "Đã trả lời", huge, answer="Đồng chí A: " + huge)]
    pdf = opinions_pdf(EVENT, lines)
    assert len(PdfReader(BytesIO(pdf)).pages) >= 2
    assert "Trang 2" in pages_text(pdf)[1]


# --- survey --------------------------------------------------------------------


def test_percent_uses_a_decimal_comma():
    assert percent(0.875) == "87,5 %"
    assert percent(1.0) == "100,0 %"
    assert percent(None) == "—"


def test_survey_prints_counts_and_shares():
    pdf = survey_pdf(EVENT, make_summary())
    assert pdf.startswith(b"%PDF")
    text = flat(pdf)
    assert "KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG CỦA NHÂN DÂN ĐỐI VỚI CÔNG AN XÃ" in text
    assert "Số phiếu khảo sát: 40" in text
    for level in SCALE:
        assert level in text
    assert "Hài lòng và rất hài lòng" in text  # the share column
    assert "1 Tinh thần, thái độ phục vụ 1 1 3 15 20 40 87,5 %" in text
    assert "2 Tác phong, lề lối làm việc 0 2 6 17 15 40 80,0 %" in text
    assert "3 Giải quyết thủ tục hành chính 2 4 8 14 9 37 62,2 %" in text
    assert "4 Kết quả bảo đảm an ninh trật tự 0 0 0 0 0 0 —" in text  # nobody answered it
    assert "5 Đánh giá chung về Công an xã 0 1 2 12 25 40 92,5 %" in text
    # overall: (15+20+17+15+14+9+12+25) / (40+40+37+40) = 127/157
    assert "80,9 %" in text
    assert "Cán bộ tiếp dân rất nhiệt tình." in text
    assert "Mong có thêm buổi hướng dẫn VNeID <b>&</b> cho người cao tuổi." in text


def test_survey_charts_print_their_labels_as_text():
    text = flat(survey_pdf(EVENT, make_summary()))
    assert "Cơ cấu mức độ hài lòng theo tiêu chí" in text
    assert "Tỷ lệ hài lòng và rất hài lòng theo tiêu chí" in text
    assert text.count("87,5 %") >= 2  # the table's cell and the bar's label
    assert "1. Tinh thần, thái độ phục vụ" in text  # a category label
    assert "chưa có câu trả lời" in text  # the question nobody answered, in the spread chart
    assert "100 %" in text  # the value axis


def test_survey_without_responses():
    pdf = survey_pdf(EVENT, SurveySummary(responses=0, questions=[question("Tinh thần", [0] * 5)], comments=[]))
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    assert "Chưa có phiếu khảo sát nào." in flat(pdf)


# --- every document --------------------------------------------------------------

DOCUMENTS = {
    "poster": lambda: poster_pdf(EVENT, URL, SURVEY_URL),
    "opinions": lambda: opinions_pdf(EVENT, make_opinions()),
    "opinions_empty": lambda: opinions_pdf(EVENT, []),
    "survey": lambda: survey_pdf(EVENT, make_summary()),
    "survey_empty": lambda: survey_pdf(EVENT, SurveySummary(0, [], [])),
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_only_noto_sans_is_embedded(name):
    found = base_fonts(DOCUMENTS[name]())
    assert found and all("NotoSans" in font for font in found)
    assert not {font.lstrip("/") for font in found} & set(standardFonts)


def test_printing_forum_does_not_import_flask():
    code = "import sys, printing.forum; sys.exit('flask' in sys.modules or 'kiosk' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0
