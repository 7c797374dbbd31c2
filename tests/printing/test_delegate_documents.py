"""Delegate badges, invitations and table cards: every QR code printed decodes
back to its delegate's code (rendered with pdfium, read with ZXing), names
come through intact and escaped, long text shrinks and wraps inside its box,
Noto Sans only."""

from __future__ import annotations

import secrets
import subprocess
import sys
import unicodedata
from collections import Counter
from io import BytesIO
from pathlib import Path

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import standardFonts

from printing import fonts
from printing.delegates import (
    BADGE_NAME_BOX,
    BADGE_NAME_MIN_SIZE,
    BADGES_PER_PAGE,
    LEVEL_COLOURS,
    DelegateCard,
    EventInfo,
    badge_name_fit,
    badges_pdf,
    fit_text,
    invitations_pdf,
    level_heading,
    qr_matrix,
    table_cards_pdf,
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
LONG_NAME = "Nguyễn Hoàng Thị Minh Nguyệt Ánh Tuyết Phương Thảo Ngọc Diệp Bảo Châu Kim Ngân Y"
MARKUP_NAME = "Trần <b>&</b> Văn Tâm"
NFD_NAME = unicodedata.normalize("NFD", "Lê Thị Hồng Gấm")
LEVELS = {"trung_uong": "Trung ương", "tinh": "Tỉnh", "huyen": "Huyện", "xa": "Xã", "co_so": "Cơ sở"}
PEOPLE = [
    ("Nguyễn Thị Ánh Tuyết", "Bà", "Thứ trưởng", "Bộ Công an", "trung_uong", "A1"),
    ("Đặng Đình Đức", "Đồng chí", "Phó Giám đốc", "Công an tỉnh Thanh Hóa", "tinh", "A2"),
    ("Lê Văn Hùng", "Đồng chí", "Phó Chủ tịch UBND huyện", "Ủy ban nhân dân huyện Cẩm Thủy", "huyen", "A3"),
    ("Phạm Thị Hoa", "Bà", "Chủ tịch UBND xã", "Ủy ban nhân dân xã Cẩm Tân", "xa", ""),
    (
        LONG_NAME,
        "Đồng chí",
        "Trưởng ban Công tác Mặt trận kiêm Trưởng thôn, Bí thư Chi bộ thôn Eo Lê và Chi hội trưởng Chi hội Cựu chiến binh",
        "Ban Công tác Mặt trận thôn Eo Lê, xã Cẩm Tân, huyện Cẩm Thủy, tỉnh Thanh Hóa",
        "co_so",
        "B105",
    ),
    (MARKUP_NAME, "Ông", "", "", "xa", "C3"),
    ("Thích Nguyên Hạnh", "Thượng tọa", "Trưởng ban Trị sự", "Giáo hội Phật giáo Việt Nam huyện Cẩm Thủy", "huyen", "A5"),
    ("Hoàng Văn Thụ", "Ông", "Trưởng Công an xã", "Công an xã Cẩm Tân", "xa", "B1"),
    ("Bùi Thị Xuân", "Bà", "Chủ tịch Hội Liên hiệp Phụ nữ", "Hội LHPN xã Cẩm Tân", "xa", "B2"),
    ("Đỗ Quang Vinh", "Ông", "Trưởng thôn", "Thôn Eo Lê", "co_so", "B3"),
    (NFD_NAME, "Bà", "Bí thư Đoàn xã", "Đoàn Thanh niên xã Cẩm Tân", "xa", "B4"),
    ("Ngô Bảo Châu", "Ông", "Đại biểu khách mời", "", "tinh", "A6"),
]


def make_cards() -> list[DelegateCard]:
    return [
        DelegateCard(name, honorific, position, organization, level, LEVELS[level], seat, "NHK1." + secrets.token_urlsafe(80))
        for name, honorific, position, organization, level, seat in PEOPLE
    ]


@pytest.fixture(scope="module")
def cards() -> list[DelegateCard]:
    return make_cards()


@pytest.fixture(scope="module")
def badges(cards) -> bytes:
    return badges_pdf(EVENT, cards)


@pytest.fixture(scope="module")
def invitations(cards) -> bytes:
    return invitations_pdf(EVENT, cards)


@pytest.fixture(scope="module")
def table_cards(cards) -> bytes:
    return table_cards_pdf(EVENT, cards)


def nfc(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


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


def addressee(card: DelegateCard) -> str:
    return nfc(f"{card.honorific} {card.full_name}")


# --- the QR round trip ---------------------------------------------------------


def test_every_badge_code_decodes_from_the_rendered_pages(badges, cards):
    pages = decoded_per_page(badges)
    assert len(pages) == -(-len(cards) // BADGES_PER_PAGE) == 2
    assert [len(found) for found in pages] == [8, 4]
    assert Counter(text for found in pages for text in found) == Counter(card.code for card in cards)


def test_every_invitation_code_decodes_on_its_own_page(invitations, cards):
    pages = decoded_per_page(invitations)
    assert len(pages) == len(cards)
    assert pages == [[card.code] for card in cards]


def test_qr_matrix_decodes_to_its_text(cards):
    """The fixed-mask symbol is a valid QR code for every kind of content."""
    from PIL import Image

    samples = [card.code for card in cards] + ["0123456789" * 7, "HTTPS://KIOSK.LOCAL/C/AB12", "Nguyễn Văn An", "x"]
    for text in samples:
        rows = qr_matrix(text)
        size = len(rows) + 8
        image = Image.new("L", (size, size), 255)
        image.putdata([0 if 4 <= y < size - 4 and 4 <= x < size - 4 and rows[y - 4][x - 4] == "1" else 255
                       for y in range(size) for x in range(size)])
        decoded = zxingcpp.read_barcodes(image.resize((size * 6, size * 6), Image.NEAREST))
        assert [d.text for d in decoded] == [text]


# --- text ----------------------------------------------------------------------


@pytest.mark.parametrize("document", ["badges", "invitations", "table_cards"])
def test_names_are_intact_and_markup_prints_as_typed(document, cards, request):
    text = flat(request.getfixturevalue(document))
    for card in cards:
        assert addressee(card) in text
    assert f"Ông {MARKUP_NAME}" in text
    assert "Lê Thị Hồng Gấm" in text  # typed decomposed, printed composed


@pytest.mark.parametrize("document", ["badges", "invitations", "table_cards"])
def test_only_noto_sans_is_embedded(document, request):
    embedded = base_fonts(request.getfixturevalue(document))
    assert embedded and all("NotoSans" in name for name in embedded)
    assert not {name.lstrip("/") for name in embedded} & set(standardFonts)


def test_badges_show_level_event_position_and_seat(badges, cards):
    pages = pages_text(badges)
    text = " ".join(pages)
    assert text.count("NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM 2024") == len(cards)
    for heading in ("ĐẠI BIỂU TRUNG ƯƠNG", "ĐẠI BIỂU CẤP TỈNH", "ĐẠI BIỂU CẤP HUYỆN", "ĐẠI BIỂU CẤP XÃ", "ĐẠI BIỂU CƠ SỞ"):
        assert heading in text
    assert "Phó Giám đốc" in text and "Công an tỉnh Thanh Hóa" in text
    assert "Số ghế: A2" in text
    assert "Số ghế:" in pages[0] and text.count("Số ghế:") == sum(1 for card in cards if card.seat)
    for long_text in PEOPLE[4][2:4]:
        assert long_text in text  # wrapped and shrunk, not cut


def test_level_headings_and_colours():
    headings = {level: level_heading(DelegateCard("A", "Ông", "", "", level, label, "", "x")) for level, label in LEVELS.items()}
    assert headings == {
        "trung_uong": "ĐẠI BIỂU TRUNG ƯƠNG",
        "tinh": "ĐẠI BIỂU CẤP TỈNH",
        "huyen": "ĐẠI BIỂU CẤP HUYỆN",
        "xa": "ĐẠI BIỂU CẤP XÃ",
        "co_so": "ĐẠI BIỂU CƠ SỞ",
    }
    assert set(LEVEL_COLOURS) == set(LEVELS)
    assert len(set(LEVEL_COLOURS.values())) == len(LEVELS)


def test_invitation_wording(invitations, cards):
    pages = pages_text(invitations)
    assert len(pages) == len(cards)
    for page, card in zip(pages, cards):
        assert "GIẤY MỜI" in page
        assert f"Trân trọng kính mời: {addressee(card)}" in page
        assert "BAN CHỈ ĐẠO ANTT XÃ CẨM TÂN" in page
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
        assert "NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM 2024" in page
        assert "Thời gian: 07 giờ 30, ngày 15/08/2024" in page
        assert f"Địa điểm: {EVENT.place}" in page
        assert "Xuất trình mã QR khi đến dự" in page
        assert "TM. BAN TỔ CHỨC" in page
        assert (f"Số ghế: {card.seat}" in page) == bool(card.seat)
    assert "Phó Giám đốc Công an tỉnh Thanh Hóa" in pages[1]


def test_invitation_without_a_start_time(cards):
    event = EventInfo(**{**EVENT.__dict__, "time_text": ""})
    assert "Thời gian: ngày 15/08/2024" in flat(invitations_pdf(event, cards[:1]))


def test_table_cards_one_sheet_each_with_the_name(table_cards, cards):
    pages = pages_text(table_cards)
    assert len(pages) == len(cards)
    for page, card in zip(pages, cards):
        assert addressee(card) in page
    assert "Thứ trưởng – Bộ Công an" in pages[0]


def test_no_delegates_still_makes_a_pdf():
    for render in (badges_pdf, invitations_pdf, table_cards_pdf):
        pdf = render(EVENT, [])
        assert len(PdfReader(BytesIO(pdf)).pages) == 1
        assert "Chưa có đại biểu" in flat(pdf)


# --- fitting long text ---------------------------------------------------------


def test_the_80_character_name_fits_its_badge_box(badges, cards):
    assert len(LONG_NAME) == 80
    card = cards[4]
    fitted = badge_name_fit(card)
    width, height = BADGE_NAME_BOX
    assert not fitted.truncated
    assert fitted.size >= BADGE_NAME_MIN_SIZE
    assert len(fitted.lines) == 2
    assert fitted.width <= width and fitted.height <= height
    assert " ".join(fitted.lines) == addressee(card)
    assert addressee(card) in flat(badges)


def test_short_names_stay_on_one_line_at_full_size(cards):
    fitted = badge_name_fit(cards[1])
    assert fitted.lines == ("Đồng chí Đặng Đình Đức",)
    assert fitted.size == 15


@pytest.mark.parametrize("length", [10, 40, 80, 160, 400])
def test_fit_text_never_leaves_its_box(length):
    fonts.register_fonts()
    text = ("Ủy ban nhân dân xã Cẩm Tân huyện Cẩm Thủy " * 20)[:length]
    width, height = 60 * 2.8346, 8 * 2.8346
    fitted = fit_text(text, fonts.BOLD, width, height, 9, 6, 2)
    assert fitted.width <= width + 0.01
    assert len(fitted.lines) <= 2 and fitted.size >= 6
    if fitted.truncated:
        assert fitted.lines[-1].endswith("…")
    else:
        assert " ".join(fitted.lines) == " ".join(text.split())
        assert fitted.height <= height + 0.01


def test_fit_text_breaks_a_word_too_long_for_any_line():
    fonts.register_fonts()
    fitted = fit_text("X" * 200, fonts.REGULAR, 100, 40, 10, 8, 2)
    assert fitted.truncated and len(fitted.lines) == 2 and fitted.size == 8
    assert fitted.width <= 100


def test_printing_delegates_does_not_import_flask():
    code = "import sys, printing.delegates; sys.exit('flask' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0
