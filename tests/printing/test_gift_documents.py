"""The gift papers: the receipt list has its names intact, one package per
section, totals in figures and in words, stand-in notes and the three
signatures; every slip's QR code decodes back to its code (rendered with
pdfium, read with ZXing); Noto Sans only."""

from __future__ import annotations

import secrets
import unicodedata
from collections import Counter
from io import BytesIO

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import standardFonts

from printing.delegates import EventInfo
from printing.gifts import SLIPS_PER_PAGE, PackageReceipt, ReceiptLine, Slip, receipt_list_pdf, slips_pdf

EVENT = EventInfo(
    organizing_body="Ban Chỉ đạo ANTT xã Cẩm Tân",
    title="Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
    year=2024,
    place="Nhà văn hóa thôn Tân Lập, xã Cẩm Tân",
    date_text="15/08/2024",
    time_text="07:30",
    backdrop_bottom="Cẩm Tân, ngày 15 tháng 08 năm 2024",
)
MARKUP_NAME = "Hộ ông Trần <b>&</b> Văn Tâm"
NFD_NAME = unicodedata.normalize("NFD", "Lê Thị Hồng Gấm")
LONG_NAME = "Gia đình bà Nguyễn Hoàng Thị Minh Nguyệt Ánh Tuyết Phương Thảo Ngọc Diệp Bảo Châu"
STAND_IN = "Nguyễn Văn Bảo (con)"
PEOPLE = [
    ("Nguyễn Văn An", "Thôn Eo Lê", "Hộ nghèo"),
    ("Lê Thị Bình", "Thôn Tân Lập", "Gia đình chính sách"),
    ("Phạm Văn Cường", "Thôn Chiềng Khạt", "Hộ cận nghèo"),
    ("Đặng Thị Dung", "Thôn Eo Lê", "Người có công"),
    (MARKUP_NAME, "Thôn Tân Lập", "Hộ nghèo"),
    (NFD_NAME, "Thôn Eo Lê", "Hộ nghèo"),
    ("Bùi Văn Giang", "Thôn Chiềng Khạt", "Gia đình chính sách"),
    ("Ngô Thị Hạnh", "Thôn Tân Lập", "Hộ cận nghèo"),
    ("Đỗ Văn Ích", "Thôn Eo Lê", "Hộ nghèo"),
    (LONG_NAME, "Xóm Đồi Thông, thôn Tân Lập, xã Cẩm Tân, huyện Cẩm Thủy, tỉnh Thanh Hóa", "Gia đình chính sách"),
]


def nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def make_receipts() -> list[PackageReceipt]:
    commune = [
        ReceiptLine(name, address, category, 500_000, STAND_IN if index == 2 else "", index < 7)
        for index, (name, address, category) in enumerate(PEOPLE)
    ]
    police = [ReceiptLine(name, address, category, 350_000, "", False) for name, address, category in PEOPLE[:3]]
    return [
        PackageReceipt("Suất quà của UBND xã", "Ngân sách xã", 500_000, commune),
        PackageReceipt("Quà của Công an huyện Cẩm Thủy", "Xã hội hóa", 350_000, police),
    ]


def make_slips() -> list[Slip]:
    slips = []
    for index, (name, address, category) in enumerate(PEOPLE):
        # short and long codes: small and dense symbols
        code = "QUA1." + secrets.token_urlsafe(60 if index % 3 == 0 else 16)
        slips.append(Slip(name, address, category, "Suất quà của UBND xã", 500_000, code))
    slips[3].package = "Suất quà của Ủy ban Mặt trận Tổ quốc Việt Nam huyện Cẩm Thủy và các nhà hảo tâm"
    return slips


@pytest.fixture(scope="module")
def receipts() -> list[PackageReceipt]:
    return make_receipts()


@pytest.fixture(scope="module")
def receipt_list(receipts) -> bytes:
    return receipt_list_pdf(EVENT, receipts)


@pytest.fixture(scope="module")
def slips() -> list[Slip]:
    return make_slips()


@pytest.fixture(scope="module")
def slip_sheets(slips) -> bytes:
    return slips_pdf(EVENT, slips)


def pages_text(pdf: bytes) -> list[str]:
    return [nfc(page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]


def flat(pdf: bytes) -> str:
    return " ".join(pages_text(pdf))


def base_fonts(pdf: bytes) -> set[str]:
    found = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            found.add(str(font.get_object()["/BaseFont"]))
    return found


def decoded_per_page(pdf: bytes) -> list[list[str]]:
    """Each page rendered at 216 dpi, every QR code on it read back."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        found = []
        for page in document:
            image = page.render(scale=3).to_pil()
            codes = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            found.append([code.text for code in codes])
        return found
    finally:
        document.close()


# --- the receipt list ----------------------------------------------------------


def test_receipt_list_has_every_name_intact(receipt_list):
    text = flat(receipt_list)
    assert receipt_list.startswith(b"%PDF")
    assert "DANH SÁCH KÝ NHẬN QUÀ" in text
    assert "BAN CHỈ ĐẠO ANTT XÃ CẨM TÂN" in text
    assert "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024" in text
    for name, address, category in PEOPLE:
        assert nfc(name) in text
        assert nfc(category) in text
    assert "Lê Thị Hồng Gấm" in text  # typed decomposed, printed composed
    assert MARKUP_NAME in text  # markup prints as typed
    assert "Xóm Đồi Thông, thôn Tân Lập, xã Cẩm Tân, huyện Cẩm Thủy, tỉnh Thanh Hóa" in text
    assert "STT Họ và tên Địa chỉ Đối tượng Số tiền Ký nhận" in text
    assert "Trang 1" in text


def sections(pdf: bytes) -> list[str]:
    """The text of each package's section: each starts on a new page, under the document title."""
    pages = pages_text(pdf)
    starts = [index for index, page in enumerate(pages) if "DANH SÁCH KÝ NHẬN QUÀ" in page] + [len(pages)]
    return [" ".join(pages[a:b]) for a, b in zip(starts, starts[1:])]


def test_each_package_starts_on_a_new_page_with_the_header(receipt_list):
    pages = pages_text(receipt_list)
    firsts = [index for index, page in enumerate(pages) if "DANH SÁCH KÝ NHẬN QUÀ" in page]
    assert len(firsts) == 2 and firsts[0] == 0  # filed apart: each section under its own header
    for index in firsts:
        assert "BAN CHỈ ĐẠO ANTT XÃ CẨM TÂN DANH SÁCH KÝ NHẬN QUÀ" in pages[index]
    police_first = pages[firsts[1]]
    assert "Quà của Công an huyện Cẩm Thủy" in police_first
    assert "Suất quà của UBND xã" not in police_first and "Ngô Thị Hạnh" not in police_first
    assert "Tổng số: 10 suất" in pages[firsts[1] - 1]  # the commune's list closed on the page before
    commune, police = sections(receipt_list)
    assert "Suất quà của UBND xã" in commune and "Công an huyện" not in commune
    assert "Nguồn kinh phí: Ngân sách xã · Giá trị mỗi suất: 500.000 đ" in commune
    assert "Quà của Công an huyện Cẩm Thủy Nguồn kinh phí: Xã hội hóa · Giá trị mỗi suất: 350.000 đ" in police
    assert f"Trang {len(pages)}" in pages[-1]


def test_totals_in_figures_and_in_words(receipt_list):
    commune, police = sections(receipt_list)
    assert "1 Nguyễn Văn An Thôn Eo Lê Hộ nghèo 500.000" in commune
    assert "Cộng 5.000.000" in commune
    assert "Tổng số: 10 suất. Số tiền: 5.000.000 đ (Bằng chữ: Năm triệu đồng chẵn)." in commune
    assert "Đã trao: 7/10 suất" in commune
    assert "Cộng 1.050.000" in police
    assert "Tổng số: 3 suất. Số tiền: 1.050.000 đ (Bằng chữ: Một triệu không trăm năm mươi nghìn đồng chẵn)." in police
    assert "Đã trao: 0/3 suất" in police


def test_stand_in_note_and_signatures(receipt_list):
    commune, police = sections(receipt_list)
    assert f"Người nhận thay: {STAND_IN}" in commune
    assert commune.count("Người nhận thay:") == 1
    assert "Người nhận thay" not in police
    for section in (commune, police):
        assert "Cẩm Tân, ngày 15 tháng 08 năm 2024 NGƯỜI LẬP BIỂU KẾ TOÁN THỦ TRƯỞNG ĐƠN VỊ" in section
        assert section.count("(Ký, ghi rõ họ tên)") == 3


def test_no_backdrop_line_leaves_the_date_blank(receipts):
    event = EventInfo(**{**EVENT.__dict__, "backdrop_bottom": ""})
    text = flat(receipt_list_pdf(event, receipts[1:]))
    assert "……, ngày …… tháng …… năm …… NGƯỜI LẬP BIỂU" in text
    assert "tháng 08 năm 2024" not in text


def numbered(count: int) -> PackageReceipt:
    lines = [ReceiptLine(f"Người nhận số {n}", "Thôn Eo Lê", "Hộ nghèo", 500_000, "", n % 2 == 0) for n in range(1, count + 1)]
    return PackageReceipt("Suất quà của UBND xã", "Ngân sách xã", 500_000, lines)


def test_a_long_list_repeats_its_header_row_and_totals_once():
    pages = pages_text(receipt_list_pdf(EVENT, [numbered(60)]))
    assert len(pages) >= 3
    for number, page in enumerate(pages, 1):
        assert "STT Họ và tên Địa chỉ Đối tượng Số tiền Ký nhận" in page
        assert f"Trang {number}" in page
    text = " ".join(pages)
    assert all(f"Người nhận số {n} " in text for n in range(1, 61))
    assert "Tổng số: 60 suất. Số tiền: 30.000.000 đ (Bằng chữ: Ba mươi triệu đồng chẵn)." in text
    assert "Đã trao: 30/60 suất" in text
    assert text.count("NGƯỜI LẬP BIỂU") == text.count("Cộng ") == 1


@pytest.mark.parametrize("count", range(8, 26))
def test_the_signatures_never_start_a_page_alone(count):
    """Whatever the length, the last rows of the list go over with the totals and signatures."""
    pages = pages_text(receipt_list_pdf(EVENT, [numbered(count)]))
    last = pages[-1]
    assert "NGƯỜI LẬP BIỂU" in last
    assert f"Người nhận số {count} " in last and f"Người nhận số {count - 1} " in last
    assert f"Cộng {count * 500:,}.000".replace(",", ".") in last
    assert " ".join(pages).count("Người nhận số") == count


def test_empty_lists_still_make_a_pdf():
    text = flat(receipt_list_pdf(EVENT, []))
    assert "DANH SÁCH KÝ NHẬN QUÀ" in text and "Chưa có suất quà nào." in text
    text = flat(receipt_list_pdf(EVENT, [PackageReceipt("Quà Trung thu", "Xã hội hóa", 100_000, [])]))
    assert "Quà Trung thu" in text and "Chưa có người nhận" in text


# --- the slips -----------------------------------------------------------------


def test_every_slip_code_decodes_from_the_rendered_pages(slip_sheets, slips):
    pages = decoded_per_page(slip_sheets)
    assert len(pages) == -(-len(slips) // SLIPS_PER_PAGE) == 2
    assert [len(found) for found in pages] == [8, 2]
    assert Counter(text for found in pages for text in found) == Counter(slip.code for slip in slips)


def test_slips_show_recipient_gift_and_caption(slip_sheets, slips):
    pages = pages_text(slip_sheets)
    text = " ".join(pages)
    for slip in slips:
        assert nfc(slip.name) in text
        assert f"Đối tượng: {slip.category}" in text
    assert "Địa chỉ: Thôn Chiềng Khạt" in text
    assert "Quà: Suất quà của UBND xã" in text
    assert "Suất quà của Ủy ban Mặt trận Tổ quốc Việt Nam huyện Cẩm Thủy và các nhà hảo tâm" in text  # wrapped, not cut
    assert "Lê Thị Hồng Gấm" in text
    assert MARKUP_NAME in text
    assert text.count("Trị giá: 500.000 đ") == len(slips)
    assert text.count("PHIẾU NHẬN QUÀ") == len(slips)
    assert text.count("Xuất trình phiếu khi nhận quà") == len(slips)
    assert pages[0].count("PHIẾU NHẬN QUÀ") == SLIPS_PER_PAGE


def test_no_slips_still_makes_a_pdf():
    pdf = slips_pdf(EVENT, [])
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    assert "Chưa có phiếu nhận quà" in flat(pdf)


# --- fonts -----------------------------------------------------------------------


@pytest.mark.parametrize("document", ["receipt_list", "slip_sheets"])
def test_only_noto_sans_is_embedded(document, request):
    embedded = base_fonts(request.getfixturevalue(document))
    assert embedded and all("NotoSans" in name for name in embedded)
    assert not {name.lstrip("/") for name in embedded} & set(standardFonts)
