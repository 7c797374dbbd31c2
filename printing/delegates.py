"""Delegate documents: badges (thẻ đại biểu) with a QR code, invitations
(giấy mời) with the same code, and folded table name cards (bảng tên để bàn).

Everything is drawn straight on a reportlab canvas (no Paragraph markup, so
user text such as "<b>&</b>" prints exactly as typed). Text that may be long
goes through fit_text(): it shrinks to fit its box, then wraps, never below a
minimum size."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.pdfgen.canvas import Canvas

from printing import fonts
from printing.layout import card_origin, cut_marks


@dataclass
class DelegateCard:
    full_name: str  # "Nguyễn Văn An"
    honorific: str  # "Đồng chí", "Ông", "Bà", "Thượng tọa"...
    position: str  # chức vụ, may be empty
    organization: str  # đơn vị, may be empty
    level: str  # "trung_uong", "tinh", "huyen", "xa", "co_so"
    level_label: str  # "Trung ương", "Tỉnh", ...
    seat: str  # "A12" or ""
    code: str  # the text encoded in the QR code
    office: str = ""  # position and organization in one phrase ("Phó Chủ tịch UBND tỉnh Thanh Hóa"), may be empty


@dataclass
class EventInfo:
    organizing_body: str  # "Ban Chỉ đạo ANTT xã Cẩm Tân"
    title: str  # "Ngày hội toàn dân bảo vệ an ninh Tổ quốc"
    year: int
    place: str
    date_text: str  # "15/08/2024"
    time_text: str  # "07:30" or ""
    backdrop_bottom: str  # "Cẩm Tân, ngày 15 tháng 08 năm 2024"


LEVEL_COLOURS: dict[str, str] = {
    "trung_uong": "#8e1b1b",  # dark red
    "tinh": "#d7262d",  # red
    "huyen": "#1f5fb4",  # blue
    "xa": "#23843c",  # green
    "co_so": "#e07b12",  # orange
}
OTHER_LEVEL_COLOUR = "#5b6770"  # an unknown level code: slate grey
TITLE_RED = colors.HexColor("#b3121b")
INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#4a4a4a")

LEADING = 1.18  # line spacing, as a multiple of the font size
ELLIPSIS = "…"

# Badges: 90 × 60 mm, 2 columns × 4 rows on A4 portrait, 10 mm gutters for the cut marks.
BADGE_WIDTH = 90 * mm
BADGE_HEIGHT = 60 * mm
BADGE_COLUMNS = 2
BADGE_ROWS = 4
BADGES_PER_PAGE = BADGE_COLUMNS * BADGE_ROWS
BADGE_GUTTER = 10 * mm
BADGE_PAD = 3.5 * mm  # inner margin of a badge
BADGE_NAME_BOX = (BADGE_WIDTH - 2 * BADGE_PAD, 12.5 * mm)
BADGE_NAME_MAX_SIZE = 15.0
BADGE_NAME_ONE_LINE_MIN = 11.5  # below this a name goes on two lines, bigger
BADGE_NAME_MIN_SIZE = 8.0
BADGE_QR_SIZE = 23 * mm  # with its quiet zone
QR_QUIET_ZONE = 4  # modules, as the standard asks


# --- fitting text in a box ---------------------------------------------------


@dataclass(frozen=True)
class FittedText:
    """Lines of text and the font size that makes them fit their box."""

    lines: tuple[str, ...]
    font: str
    size: float
    truncated: bool = False  # only when even the minimum size could not hold it all

    @property
    def leading(self) -> float:
        return self.size * LEADING

    @property
    def height(self) -> float:
        """From the top of the tallest accents to the lowest descender."""
        if not self.lines:
            return 0.0
        ascent, descent = getAscentDescent(self.font, self.size)
        return ascent - descent + (len(self.lines) - 1) * self.leading

    @property
    def width(self) -> float:
        return max((stringWidth(line, self.font, self.size) for line in self.lines), default=0.0)


def clean(text: str | None) -> str:
    """NFC (reportlab does no shaping: decomposed accents would print beside
    their letters) with runs of whitespace made one space."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


@lru_cache(maxsize=8192)
def fit_text(
    text: str,
    font: str,
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    max_lines: int = 2,
    one_line_min: float | None = None,
) -> FittedText:
    """The biggest size ≤ max_size at which text fits width × height.

    One line while that allows one_line_min (default min_size) or more;
    otherwise the fewest lines (up to max_lines, words balanced across them)
    that allow min_size. Past that: min_size, wrapped at any character if a
    word is too long, the last line cut short with an ellipsis."""
    fonts.register_fonts()
    text = clean(text)
    if not text:
        return FittedText((), font, max_size)
    ascent, descent = getAscentDescent(font, 1)
    words = text.split(" ")
    word_widths = [stringWidth(word, font, 1) for word in words]
    space = stringWidth(" ", font, 1)
    floor = min_size if one_line_min is None else max(min_size, one_line_min)
    for count in range(1, max_lines + 1):
        if count > len(words):
            break
        lines, unit_width = _balanced_lines(words, word_widths, space, count)
        unit_height = ascent - descent + (count - 1) * LEADING
        size = min(max_size, width / unit_width, height / unit_height)
        if size >= floor:
            return FittedText(tuple(lines), font, _round_down(size))
        floor = min_size
    return _forced(text, font, width, min_size, max_lines)


def _round_down(size: float) -> float:
    return int(size * 10) / 10  # tenths of a point: stays inside the box


def _balanced_lines(words: list[str], widths: list[float], space: float, count: int) -> tuple[list[str], float]:
    """Split words into count lines so that the widest line is as narrow as possible."""
    prefix = [0.0]
    for w in widths:
        prefix.append(prefix[-1] + w)

    def span(i: int, j: int) -> float:  # words[i:j] on one line
        return prefix[j] - prefix[i] + (j - i - 1) * space

    n = len(words)
    if count == 1:
        return [" ".join(words)], span(0, n)
    # best[k][j]: narrowest widest line setting words[:j] on k lines; cut[k][j]: where the last one starts
    best = [[float("inf")] * (n + 1) for _ in range(count + 1)]
    cut = [[0] * (n + 1) for _ in range(count + 1)]
    for j in range(1, n + 1):
        best[1][j] = span(0, j)
    for k in range(2, count + 1):
        for j in range(k, n + 1):
            for i in range(k - 1, j):
                widest = max(best[k - 1][i], span(i, j))
                if widest < best[k][j]:
                    best[k][j], cut[k][j] = widest, i
    lines, j = [], n
    for k in range(count, 0, -1):
        i = cut[k][j] if k > 1 else 0
        lines.append(" ".join(words[i:j]))
        j = i
    return lines[::-1], best[count][n]


def _forced(text: str, font: str, width: float, size: float, max_lines: int) -> FittedText:
    """Greedy wrapping at size, breaking inside a word only when it alone is too wide."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if stringWidth(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if line and stringWidth(line + char, font, size) > width:
                lines.append(line)
                line = ""
            line += char
    if line:
        lines.append(line)
    truncated = len(lines) > max_lines
    if truncated:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and stringWidth(last.rstrip() + ELLIPSIS, font, size) > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + ELLIPSIS
    return FittedText(tuple(lines), font, size, truncated)


def draw_fitted(canvas: Canvas, fitted: FittedText, x: float, top: float, width: float, align: str = "center") -> float:
    """Draw the lines with the top of the block at top; returns the block's bottom."""
    if not fitted.lines:
        return top
    ascent, _ = getAscentDescent(fitted.font, fitted.size)
    canvas.setFont(fitted.font, fitted.size)
    baseline = top - ascent
    for line in fitted.lines:
        if align == "center":
            canvas.drawCentredString(x + width / 2, baseline, line)
        elif align == "right":
            canvas.drawRightString(x + width, baseline, line)
        else:
            canvas.drawString(x, baseline, line)
        baseline -= fitted.leading
    return top - fitted.height


# --- QR codes ----------------------------------------------------------------
# qrcode places and scores the data nine times to choose the best mask: 7 ms a
# code, 7 s for 1,000 badges. Any of the eight masks makes a valid symbol, so
# one fixed mask (about 1 ms a code); the tests decode every printed code.
QR_MASK = 2
DARK_RUN = re.compile(r"1+")


@lru_cache(maxsize=4096)
def qr_matrix(text: str) -> tuple[str, ...]:
    """The QR code of `text` (error correction M, no quiet zone), as rows of "1"/"0"."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=QR_MASK)
    code.add_data(text)
    code.make(fit=True)
    return tuple("".join("1" if dark else "0" for dark in row) for row in code.get_matrix())


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """The code in a size × size square (quiet zone included) whose lower left corner is x, y."""
    rows = qr_matrix(text)
    count = len(rows)
    module = size / (count + 2 * QR_QUIET_ZONE)
    canvas.saveState()
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    # One path in module units, rows going down: one fill, so no seams between modules.
    canvas.transform(module, 0, 0, -module, x + QR_QUIET_ZONE * module, y + size - QR_QUIET_ZONE * module)
    operators = []
    for r, row in enumerate(rows):
        operators.extend(f"{run.start()} {r} {run.end() - run.start()} 1 re" for run in DARK_RUN.finditer(row))
    canvas.addLiteral("\n".join(operators) + "\nf")
    canvas.restoreState()


# --- shared pieces -----------------------------------------------------------


def level_colour(level: str) -> colors.Color:
    return colors.HexColor(LEVEL_COLOURS.get(level, OTHER_LEVEL_COLOUR))


def level_heading(card: DelegateCard) -> str:
    """ "ĐẠI BIỂU TRUNG ƯƠNG", "ĐẠI BIỂU CẤP TỈNH", ..."""
    label = clean(card.level_label).upper()
    if not label:
        return "ĐẠI BIỂU"
    if card.level in ("trung_uong", "co_so") or label.startswith("CẤP "):
        return f"ĐẠI BIỂU {label}"
    return f"ĐẠI BIỂU CẤP {label}"


def event_heading(event: EventInfo) -> str:
    return clean(f"{event.title} năm {event.year}").upper()


def addressee(card: DelegateCard) -> str:
    return clean(f"{card.honorific} {card.full_name}")


def _canvas(buffer: BytesIO, pagesize, title: str, event: EventInfo) -> Canvas:
    fonts.register_fonts()
    canvas = Canvas(buffer, pagesize=pagesize, initialFontName=fonts.REGULAR, initialFontSize=10)
    canvas.setTitle(f"{title} – {clean(event.title)} {event.year}")
    canvas.setAuthor(clean(event.organizing_body))
    canvas.setCreator("Ngày hội Kiosk")
    return canvas


def _empty_page(canvas: Canvas, pagesize, message: str) -> None:
    width, height = pagesize
    canvas.setFont(fonts.ITALIC, 11)
    canvas.setFillColor(GREY)
    canvas.drawCentredString(width / 2, height / 2, message)
    canvas.showPage()


# --- badges ------------------------------------------------------------------


def badge_name_fit(card: DelegateCard) -> FittedText:
    """Honorific and name as they go on a badge: one line down to 11.5 pt,
    then two lines, never under BADGE_NAME_MIN_SIZE."""
    return fit_text(
        addressee(card),
        fonts.BOLD,
        *BADGE_NAME_BOX,
        BADGE_NAME_MAX_SIZE,
        BADGE_NAME_MIN_SIZE,
        2,
        BADGE_NAME_ONE_LINE_MIN,
    )


def badge_origin(index: int, pagesize=A4) -> tuple[float, float]:
    """Lower left corner of the index-th card of its page (row by row from the top)."""
    return card_origin(index, BADGE_WIDTH, BADGE_HEIGHT, BADGE_COLUMNS, BADGE_ROWS, BADGE_GUTTER, pagesize)


def badges_pdf(event: EventInfo, cards: list[DelegateCard]) -> bytes:
    """Delegate badges, 90 × 60 mm, eight to an A4 page, with cut marks."""
    buffer = BytesIO()
    canvas = _canvas(buffer, A4, "Thẻ đại biểu", event)
    heading = event_heading(event)
    if not cards:
        _empty_page(canvas, A4, "Chưa có đại biểu")
    for index, card in enumerate(cards):
        x, y = badge_origin(index)
        _cut_marks(canvas, x, y)
        _badge(canvas, heading, card, x, y)
        if index % BADGES_PER_PAGE == BADGES_PER_PAGE - 1 or index == len(cards) - 1:
            canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _cut_marks(canvas: Canvas, x: float, y: float) -> None:
    cut_marks(canvas, x, y, BADGE_WIDTH, BADGE_HEIGHT)


def _badge(canvas: Canvas, heading: str, card: DelegateCard, x: float, y: float) -> None:
    colour = level_colour(card.level)
    pad = BADGE_PAD
    inner = BADGE_WIDTH - 2 * pad
    top = y + BADGE_HEIGHT

    # colour band with the level
    band_height = 9 * mm
    band_top = top - 2.5 * mm
    canvas.setFillColor(colour)
    canvas.roundRect(x + 2.5 * mm, band_top - band_height, BADGE_WIDTH - 5 * mm, band_height, 1.5 * mm, stroke=0, fill=1)
    label = fit_text(level_heading(card), fonts.BOLD, inner - 4 * mm, band_height - 2.4 * mm, 11.5, 6, 1)
    canvas.setFillColor(colors.white)
    draw_fitted(canvas, label, x + pad, band_top - (band_height - label.height) / 2, inner)

    # event title
    canvas.setFillColor(TITLE_RED)
    title = fit_text(heading, fonts.BOLD, inner, 6.6 * mm, 7.2, 5.5, 2, 6.4)
    title_top = band_top - band_height - 1.2 * mm
    draw_fitted(canvas, title, x + pad, title_top, inner)

    # honorific and name, centred in their box
    name_top = title_top - 7 * mm
    name = badge_name_fit(card)
    canvas.setFillColor(INK)
    draw_fitted(canvas, name, x + pad, name_top - (BADGE_NAME_BOX[1] - name.height) / 2, inner)

    # QR code, lower right
    qr_x = x + BADGE_WIDTH - pad - BADGE_QR_SIZE + 1.2 * mm  # its quiet zone may reach into the padding
    qr_y = y + 1.8 * mm
    draw_qr(canvas, card.code, qr_x, qr_y, BADGE_QR_SIZE)

    # position, organization and seat, left of the code
    column = qr_x - (x + pad) - 0.5 * mm
    box_top = name_top - BADGE_NAME_BOX[1] - 0.8 * mm
    bottom = y + 3.2 * mm
    seat = clean(card.seat)
    seat_height = 5.2 * mm if seat else 0
    blocks = [
        (fit_text(card.position, fonts.REGULAR, column, 7.6 * mm, 8.5, 6, 2), GREY),
        (fit_text(card.organization, fonts.BOLD, column, 7.6 * mm, 8.5, 6, 2), INK),
    ]
    blocks = [(block, ink) for block, ink in blocks if block.lines]
    gap = 1.2 * mm
    used = sum(block.height for block, _ in blocks) + gap * (len(blocks) - 1)
    cursor = box_top - max(0, (box_top - bottom - seat_height - used) / 2)  # centred above the seat
    for block, ink in blocks:
        canvas.setFillColor(ink)
        cursor = draw_fitted(canvas, block, x + pad, cursor, column) - gap
    if seat:
        _seat_tag(canvas, seat, colour, x + pad, bottom, column)


def _seat_tag(canvas: Canvas, seat: str, colour, x: float, bottom: float, width: float) -> None:
    """ "Số ghế: A12" in a tag outlined in the level colour, centred under the text column."""
    label = "Số ghế:"
    value = fit_text(seat, fonts.BOLD, width - 22 * mm, 4 * mm, 10, 6, 1)
    label_width = stringWidth(label, fonts.REGULAR, 7.5)
    tag_width = label_width + 1.5 * mm + value.width + 5 * mm
    tag_x = x + (width - tag_width) / 2
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(0.8)
    canvas.roundRect(tag_x, bottom, tag_width, 5.2 * mm, 1.2 * mm, stroke=1, fill=0)
    baseline = bottom + 1.6 * mm
    canvas.setFillColor(GREY)
    canvas.setFont(fonts.REGULAR, 7.5)
    canvas.drawString(tag_x + 2.5 * mm, baseline, label)
    canvas.setFillColor(INK)
    canvas.setFont(fonts.BOLD, value.size)
    canvas.drawString(tag_x + 2.5 * mm + label_width + 1.5 * mm, baseline, value.lines[0])


# --- invitations -------------------------------------------------------------


def time_phrase(event: EventInfo) -> str:
    """ "07 giờ 30, ngày 15/08/2024" (either part may be missing)."""
    time_text = clean(event.time_text)
    match = re.fullmatch(r"(\d{1,2})[:hg](\d{2})", time_text)
    if match:
        time_text = f"{int(match[1]):02d} giờ {match[2]}"
    date_text = clean(event.date_text)
    return ", ".join(part for part in (time_text, date_text and f"ngày {date_text}") if part)


def invitations_pdf(event: EventInfo, cards: list[DelegateCard]) -> bytes:
    """One A5 portrait invitation per delegate, with the delegate's QR code."""
    buffer = BytesIO()
    canvas = _canvas(buffer, A5, "Giấy mời", event)
    if not cards:
        _empty_page(canvas, A5, "Chưa có đại biểu")
    for card in cards:
        _invitation(canvas, event, card)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _invitation(canvas: Canvas, event: EventInfo, card: DelegateCard) -> None:
    width, height = A5
    margin = 15 * mm
    inner = width - 2 * margin

    # border
    canvas.setStrokeColor(TITLE_RED)
    canvas.setLineWidth(1.4)
    canvas.rect(6 * mm, 6 * mm, width - 12 * mm, height - 12 * mm)
    canvas.setLineWidth(0.4)
    canvas.rect(7.6 * mm, 7.6 * mm, width - 15.2 * mm, height - 15.2 * mm)

    # header: organizing body on the left, the national motto on the right
    top = height - 14 * mm
    left_width, right_width = 54 * mm, 68 * mm
    left_x, right_x = 11.5 * mm, width - 11.5 * mm - right_width
    canvas.setFillColor(INK)
    body = fit_text(clean(event.organizing_body).upper(), fonts.BOLD, left_width - 2 * mm, 11 * mm, 8.5, 6.5, 3)
    body_bottom = draw_fitted(canvas, body, left_x + 1 * mm, top, left_width - 2 * mm)
    country = fit_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fonts.BOLD, right_width, 5 * mm, 8.5, 6, 1)
    motto = fit_text("Độc lập - Tự do - Hạnh phúc", fonts.BOLD, right_width, 5 * mm, 9, 6, 1)
    motto_bottom = draw_fitted(canvas, country, right_x, top, right_width)
    motto_bottom = draw_fitted(canvas, motto, right_x, motto_bottom - 0.6 * mm, right_width)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.6)
    rule = motto.width / 2
    rule_y = motto_bottom + 0.4 * mm
    canvas.line(right_x + right_width / 2 - rule, rule_y, right_x + right_width / 2 + rule, rule_y)
    if body.lines:
        rule_y = body_bottom - 0.8 * mm
        canvas.line(left_x + left_width / 2 - 9 * mm, rule_y, left_x + left_width / 2 + 9 * mm, rule_y)
    header_bottom = min(body_bottom, motto_bottom) - 9 * mm

    # the bottom row is fixed: QR code on the left, signature on the right
    qr_size = 32 * mm
    qr_x, qr_y = margin - 2.5 * mm, 17 * mm
    draw_qr(canvas, card.code, qr_x, qr_y, qr_size)
    canvas.setFillColor(GREY)
    canvas.setFont(fonts.ITALIC, 7.5)
    canvas.drawCentredString(qr_x + qr_size / 2, qr_y - 3.2 * mm, "Xuất trình mã QR khi đến dự")
    sign_x, sign_width = width / 2, width / 2 - margin
    canvas.setFillColor(INK)
    canvas.setFont(fonts.BOLD, 10.5)
    canvas.drawCentredString(sign_x + sign_width / 2, qr_y + qr_size - 5 * mm, "TM. BAN TỔ CHỨC")
    body_bottom_limit = qr_y + qr_size + 3 * mm

    # the body, shrunk as a whole if long texts would run into the bottom row
    for scale in (1, 0.93, 0.86, 0.8, 0.74, 0.68, 0.62):
        blocks = _invitation_blocks(event, card, inner, scale)
        needed = sum(gap + block.height for gap, block, _ in blocks)
        if header_bottom - needed >= body_bottom_limit:
            break
    # short texts leave room: open the gaps up a little rather than leave it all at the bottom
    slack = header_bottom - body_bottom_limit - needed
    gaps = sum(gap for gap, _, _ in blocks)
    stretch = 1 + min(max(slack, 0) * 0.6 / gaps, 0.7) if gaps else 1
    cursor = header_bottom
    for gap, block, ink in blocks:
        canvas.setFillColor(ink)
        cursor = block.draw(canvas, margin, cursor - gap * stretch, inner)


@dataclass
class _Labelled:
    """ "Thời gian: ..." with a bold label and the value wrapped under itself."""

    label: str
    value: FittedText
    label_size: float

    @property
    def height(self) -> float:
        return self.value.height

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> float:
        ascent, _ = getAscentDescent(self.value.font, self.value.size)
        canvas.setFont(fonts.BOLD, self.label_size)
        canvas.drawString(x, top - ascent, self.label)
        indent = stringWidth(self.label + " ", fonts.BOLD, self.label_size)
        return draw_fitted(canvas, self.value, x + indent, top, width - indent, align="left")


@dataclass
class _Centred:
    fitted: FittedText

    @property
    def height(self) -> float:
        return self.fitted.height

    def draw(self, canvas: Canvas, x: float, top: float, width: float) -> float:
        return draw_fitted(canvas, self.fitted, x, top, width)


def _invitation_blocks(event: EventInfo, card: DelegateCard, width: float, scale: float) -> list:
    """(space above, block, colour) from "GIẤY MỜI" down to the closing line."""

    def centred(text, font, size, lines=2, min_size=None, colour=INK, gap=0.0):
        fitted = fit_text(text, font, width, 999, size * scale, (min_size or size * 0.8) * scale, lines)
        return (gap * scale, _Centred(fitted), colour) if fitted.lines else None

    def labelled(label, value, gap):
        size = 10.5 * scale
        indent = stringWidth(label + " ", fonts.BOLD, size)
        fitted = fit_text(value, fonts.REGULAR, width - indent, 999, size, size, 4)
        return (gap * scale, _Labelled(label, fitted, size), INK) if fitted.lines else None

    blocks = [
        centred("GIẤY MỜI", fonts.BOLD, 24, 1, colour=TITLE_RED),
        centred("Trân trọng kính mời:", fonts.ITALIC, 12, 1, gap=5 * mm),
        centred(addressee(card), fonts.BOLD, 16, 2, 11, gap=2 * mm),
        centred(card.position, fonts.REGULAR, 11, 2, 8.5, GREY, 1.5 * mm),
        centred(card.organization, fonts.REGULAR, 11, 2, 8.5, GREY, 0.5 * mm),
        centred("Tới dự", fonts.ITALIC, 11, 1, gap=4.5 * mm),
        centred(event_heading(event), fonts.BOLD, 13, 2, 9, TITLE_RED, 1.5 * mm),
        labelled("Thời gian:", time_phrase(event), 6 * mm),
        labelled("Địa điểm:", event.place, 1.8 * mm),
        labelled("Số ghế:", card.seat, 1.8 * mm),
        centred("Rất hân hạnh được đón tiếp!", fonts.ITALIC, 10.5, 1, gap=5 * mm),
    ]
    return [block for block in blocks if block]


# --- table name cards --------------------------------------------------------


def table_cards_pdf(event: EventInfo, cards: list[DelegateCard]) -> bytes:
    """One A4 landscape sheet per delegate, folded along the dashed line into
    a tent: the name reads the right way up from both sides of the table."""
    buffer = BytesIO()
    pagesize = landscape(A4)
    canvas = _canvas(buffer, pagesize, "Bảng tên đại biểu", event)
    width, height = pagesize
    heading = event_heading(event)
    if not cards:
        _empty_page(canvas, pagesize, "Chưa có đại biểu")
    for card in cards:
        _table_face(canvas, heading, card, width, height / 2)
        canvas.saveState()
        canvas.translate(width, height)
        canvas.rotate(180)
        _table_face(canvas, heading, card, width, height / 2)
        canvas.restoreState()
        canvas.setStrokeColor(colors.HexColor("#9a9a9a"))
        canvas.setLineWidth(0.5)
        canvas.setDash(4, 3)
        canvas.line(0, height / 2, width, height / 2)
        canvas.setDash()
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _table_face(canvas: Canvas, heading: str, card: DelegateCard, width: float, height: float) -> None:
    """One side of the tent, in the lower half's coordinates: the fold is at the top."""
    margin = 16 * mm
    inner = width - 2 * margin
    canvas.setFillColor(TITLE_RED)
    title = fit_text(heading, fonts.BOLD, inner, 6 * mm, 13, 7, 1)
    draw_fitted(canvas, title, margin, height - 9 * mm, inner)

    canvas.setFillColor(level_colour(card.level))
    canvas.rect(margin, 11 * mm, inner, 2.2 * mm, stroke=0, fill=1)

    name = fit_text(addressee(card), fonts.BOLD, inner, 44 * mm, 54, 24, 2, 36)
    details = clean(card.office) or " – ".join(part for part in (clean(card.position), clean(card.organization)) if part)
    detail = fit_text(details, fonts.REGULAR, inner, 17 * mm, 20, 12, 2)
    gap = 4 * mm if detail.lines else 0
    block = name.height + gap + detail.height
    space_top, space_bottom = height - 17 * mm, 17 * mm
    top = space_bottom + (space_top - space_bottom + block) / 2
    canvas.setFillColor(INK)
    bottom = draw_fitted(canvas, name, margin, top, inner)
    canvas.setFillColor(GREY)
    draw_fitted(canvas, detail, margin, bottom - gap, inner)
