"""The gift papers: the receipt list signed as gifts are handed out (danh sách
ký nhận quà, one section per package, with the totals in figures and in words
and the three signatures accountants expect), and the slips handed to
recipients beforehand (phiếu nhận quà, eight to an A4 page, with a QR code).

`event` has organizing_body, title, year, place, date_text and
backdrop_bottom (printing.delegates.EventInfo does)."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, HRFlowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from printing import fonts
from printing.delegates import GREY, INK, TITLE_RED, clean, draw_fitted, draw_qr, event_heading, fit_text
from printing.layout import MARGIN, build_document, card_origin, cut_marks, head_row, table, text_markup
from printing.money import amount_in_words, format_number, format_vnd

HEADING = "DANH SÁCH KÝ NHẬN QUÀ"
SIGNERS = ("NGƯỜI LẬP BIỂU", "KẾ TOÁN", "THỦ TRƯỞNG ĐƠN VỊ")
BLANK_DATE = "……, ngày …… tháng …… năm ……"

PORTRAIT_WIDTH = A4[0] - 2 * MARGIN
CELL_PADDING = 4 + 5  # top + bottom padding of every cell (see layout.table)
SIGN_HEIGHT = 11 * mm  # a row: tall enough to sign in
NOTE_SIGN_ROOM = 8 * mm  # room to sign above a "Người nhận thay" note
SIGNATURE_ROOM = 24 * mm  # under each signature title
KEEP_LAST_ROWS = 2  # rows of the list that go over to the signatures' page with them

# Slips: 90 × 60 mm, 2 columns × 4 rows on A4 portrait, 10 mm gutters for the cut marks.
SLIP_WIDTH = 90 * mm
SLIP_HEIGHT = 60 * mm
SLIP_COLUMNS = 2
SLIP_ROWS = 4
SLIPS_PER_PAGE = SLIP_COLUMNS * SLIP_ROWS
SLIP_GUTTER = 10 * mm
SLIP_PAD = 3.5 * mm
SLIP_QR_SIZE = 26 * mm  # with its quiet zone
SLIP_CAPTION = "Xuất trình phiếu khi nhận quà"


@dataclass
class ReceiptLine:
    name: str  # recipient (person, household or collective)
    address: str  # village / address
    category: str  # "Hộ nghèo", "Gia đình chính sách", ...
    value: int  # đồng, the package's unit value
    received_by: str  # who signed when it was not the recipient: "Nguyễn Văn B (con)"; "" otherwise
    handed: bool  # handed out already


@dataclass
class PackageReceipt:
    package: str  # "Suất quà của UBND xã"
    funding_source: str  # "Ngân sách xã"
    unit_value: int
    lines: list[ReceiptLine]


@dataclass
class Slip:
    name: str
    address: str
    category: str
    package: str
    value: int
    code: str  # the text encoded in the QR code


# --- the receipt list --------------------------------------------------------


def receipt_list_pdf(event, receipts: list[PackageReceipt]) -> bytes:
    """Danh sách ký nhận quà: per package, on pages of its own, who receives
    what, room to sign, the totals and the three signatures."""
    s = fonts.stylesheet()
    if not receipts:
        return build_document(event, HEADING, [Paragraph("Chưa có suất quà nào.", s["Muted"])], s)
    story: list = []
    for index, receipt in enumerate(receipts):
        if index:
            # Each package is its own voucher, filed on its own: a new page with the header again.
            story += [PageBreak(), *_header(event, s)]
        story += _package_section(event, s, receipt)
    return build_document(event, HEADING, story, s)


def _header(event, s) -> list:
    """The header build_document puts on the first page, for the later sections."""
    where = ", ".join(part for part in (event.place, event.date_text and f"ngày {event.date_text}") if part)
    return [
        Paragraph(text_markup(event.organizing_body.upper()), s["Agency"]),
        HRFlowable(width="22%", thickness=0.7, color=colors.black, spaceBefore=3, hAlign="CENTER"),
        Paragraph(escape(HEADING), s["DocTitle"]),
        Paragraph(text_markup(f"{event.title} năm {event.year}"), s["Subtitle"]),
        Paragraph(text_markup(where), s["Place"]),
    ]


def _package_section(event, s, receipt: PackageReceipt) -> list:
    package = fonts.paragraph_style("Package", 12.5, bold=True, alignment=TA_CENTER, spaceAfter=2)
    meta = fonts.paragraph_style("PackageMeta", 10, alignment=TA_CENTER, spaceAfter=8)
    details = [
        f"Nguồn kinh phí: <b>{text_markup(receipt.funding_source)}</b>" if clean(receipt.funding_source) else "",
        f"Giá trị mỗi suất: <b>{_money(receipt.unit_value)}</b>",
    ]
    section = [
        Paragraph(text_markup(receipt.package) or "Suất quà", package),
        Paragraph(" · ".join(part for part in details if part), meta),
    ]
    if not receipt.lines:
        return section + [Paragraph("Chưa có người nhận suất quà này.", s["Muted"])]
    count = len(receipt.lines)
    total = sum(line.value for line in receipt.lines)
    handed = sum(1 for line in receipt.lines if line.handed)
    closing = [
        Spacer(1, 6),
        Paragraph(
            f"Tổng số: <b>{count} suất</b>. Số tiền: <b>{_money(total)}</b> "
            f"(Bằng chữ: <i>{escape(amount_in_words(total))}</i>).",
            s["Body"],
        ),
        Paragraph(f"Đã trao: {handed}/{count} suất", s["Muted"]),
        Spacer(1, 8),
        _signatures(event),
    ]
    return section + [TableThenClosing(_receipt_table(s, receipt.lines, total), closing)]


def _receipt_table(s, lines: list[ReceiptLine], total: int) -> Table:
    right = fonts.paragraph_style("CellRight", 9.5, alignment=TA_RIGHT)
    total_style = fonts.paragraph_style("TotalRight", 9.5, bold=True, alignment=TA_RIGHT)
    note = fonts.paragraph_style("StandIn", 7.5, italic=True, leading=9, textColor=fonts.MUTED)
    rows = [head_row(s, "STT", "Họ và tên", "Địa chỉ", "Đối tượng", "Số tiền", "Ký nhận")]
    for number, line in enumerate(lines, 1):
        if clean(line.received_by):
            sign = [Spacer(1, NOTE_SIGN_ROOM), Paragraph(f"Người nhận thay: {text_markup(line.received_by)}", note)]
        else:
            sign = Spacer(1, SIGN_HEIGHT - CELL_PADDING)  # the row's minimum height
        rows.append(
            [
                Paragraph(str(number), s["CellCenter"]),
                Paragraph(text_markup(line.name), s["Cell"]),
                Paragraph(text_markup(line.address), s["Cell"]),
                Paragraph(text_markup(line.category), s["Cell"]),
                Paragraph(format_number(line.value), right),
                sign,
            ]
        )
    rows.append([Paragraph("<b>Cộng</b>", s["CellCenter"]), "", "", "", Paragraph(format_number(total), total_style), ""])
    style = [
        ("SPAN", (0, -1), (3, -1)),
        ("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f1f1f1")),
        # the total row never starts a page alone, nor the signatures (see TableThenClosing)
        ("NOSPLIT", (0, -1 - KEEP_LAST_ROWS), (-1, -1)),
        ("VALIGN", (-1, 1), (-1, -1), "BOTTOM"),  # a stand-in note sits under the signature
    ]
    return table(rows, [10 * mm, None, 34 * mm, 30 * mm, 22 * mm, 42 * mm], PORTRAIT_WIDTH, style)


class TableThenClosing(Flowable):
    """A table and the block that closes it (totals, date, signatures).

    The closing block never starts a page on its own: when it does not fit
    under the table, the table breaks earlier, and its last rows (held
    together by NOSPLIT) go over with it, under the repeated header row."""

    def __init__(self, table: Table, closing: list):
        super().__init__()
        self.table = table
        self.closing = closing

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.table_size = self.table.wrap(available_width, available_height)
        self.closing_sizes = [f.wrap(available_width, available_height) for f in self.closing]
        self.closing_height = sum(
            f.getSpaceBefore() + size[1] + f.getSpaceAfter() for f, size in zip(self.closing, self.closing_sizes)
        )
        self.height = self.table_size[1] + self.closing_height
        return self.width, self.height

    def split(self, available_width, available_height):
        self.wrap(available_width, available_height)
        if self.height <= available_height:
            return [self]
        if self.table_size[1] > available_height:  # the table itself runs over: break it as usual
            parts = self.table.split(available_width, available_height)
            return [parts[0], TableThenClosing(parts[1], self.closing)] if len(parts) == 2 else []
        # the table fits, the closing block does not: break the table earlier, go on on the next page
        parts = self.table.split(available_width, available_height - self.closing_height)
        if len(parts) == 2:
            return [parts[0], PageBreak(), TableThenClosing(parts[1], self.closing)]
        return [self.table, *self.closing]  # rows too tall to hold back: let the block go over alone

    def draw(self):
        y = self.height - self.table_size[1]
        self.table.drawOn(self.canv, 0, y, _sW=self.width - self.table_size[0])
        for flowable, (width, height) in zip(self.closing, self.closing_sizes):
            y -= flowable.getSpaceBefore() + height
            flowable.drawOn(self.canv, 0, y, _sW=self.width - width)
            y -= flowable.getSpaceAfter()


def _signatures(event) -> Table:
    """The place and date line, then the three signatures side by side."""
    date_text = clean(getattr(event, "backdrop_bottom", "")) or BLANK_DATE
    date_style = fonts.paragraph_style("DateLine", 10.5, italic=True, alignment=TA_RIGHT)
    title = fonts.paragraph_style("SignerTitle", 10.5, bold=True, alignment=TA_CENTER)
    hint = fonts.paragraph_style("SignerHint", 9.5, italic=True, alignment=TA_CENTER, textColor=fonts.MUTED)
    column = PORTRAIT_WIDTH / len(SIGNERS)
    rows = [
        [Paragraph(escape(date_text), date_style), "", ""],
        [Paragraph(escape(signer), title) for signer in SIGNERS],
        [Paragraph("(Ký, ghi rõ họ tên)", hint) for _ in SIGNERS],
        [Spacer(1, SIGNATURE_ROOM) for _ in SIGNERS],
    ]
    # The date line is centred over the last signature, or ends at the right edge when wider than it.
    date_width = stringWidth(date_text, fonts.ITALIC, 10.5) + 2
    right_padding = max((column - date_width) / 2, 0)
    made = Table(rows, colWidths=[column] * len(SIGNERS))
    made.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 10),  # Table's own default font is a built-in one
                ("SPAN", (0, 0), (-1, 0)),
                ("RIGHTPADDING", (0, 0), (-1, 0), right_padding),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 1),
            ]
        )
    )
    return made


def _money(amount: int) -> str:
    return format_vnd(amount).replace(" ", "&nbsp;")  # "đ" stays with its figures


# --- the slips ---------------------------------------------------------------


def slip_origin(index: int, pagesize=A4) -> tuple[float, float]:
    """Lower left corner of the index-th card of its page (row by row from the top)."""
    return card_origin(index, SLIP_WIDTH, SLIP_HEIGHT, SLIP_COLUMNS, SLIP_ROWS, SLIP_GUTTER, pagesize)


def slips_pdf(event, slips: list[Slip]) -> bytes:
    """Phiếu nhận quà, 90 × 60 mm, eight to an A4 page, with cut marks."""
    fonts.register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=fonts.REGULAR, initialFontSize=10)
    canvas.setTitle(f"Phiếu nhận quà – {clean(event.title)} {event.year}")
    canvas.setAuthor(clean(event.organizing_body))
    canvas.setCreator("Ngày hội Kiosk")
    if not slips:
        canvas.setFont(fonts.ITALIC, 11)
        canvas.setFillColor(GREY)
        canvas.drawCentredString(A4[0] / 2, A4[1] / 2, "Chưa có phiếu nhận quà")
        canvas.showPage()
    heading = event_heading(event)
    for index, slip in enumerate(slips):
        x, y = slip_origin(index)
        _cut_marks(canvas, x, y)
        _slip(canvas, event, heading, slip, x, y)
        if index % SLIPS_PER_PAGE == SLIPS_PER_PAGE - 1 or index == len(slips) - 1:
            canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _cut_marks(canvas: Canvas, x: float, y: float) -> None:
    cut_marks(canvas, x, y, SLIP_WIDTH, SLIP_HEIGHT)


def _slip(canvas: Canvas, event, heading: str, slip: Slip, x: float, y: float) -> None:
    pad = SLIP_PAD
    inner = SLIP_WIDTH - 2 * pad
    top = y + SLIP_HEIGHT - 2.8 * mm

    # header: organizing body, the slip's title, the event
    canvas.setFillColor(GREY)
    body = fit_text(clean(event.organizing_body).upper(), fonts.BOLD, inner, 3 * mm, 6.5, 5, 1)
    cursor = draw_fitted(canvas, body, x + pad, top, inner)
    canvas.setFillColor(TITLE_RED)
    title = fit_text("PHIẾU NHẬN QUÀ", fonts.BOLD, inner, 6 * mm, 13, 9, 1)
    cursor = draw_fitted(canvas, title, x + pad, cursor - 0.9 * mm, inner)
    event_line = fit_text(heading, fonts.BOLD, inner, 3 * mm, 6.5, 5, 1)
    cursor = draw_fitted(canvas, event_line, x + pad, cursor - 0.6 * mm, inner)
    canvas.setStrokeColor(colors.HexColor("#c8c8c8"))
    canvas.setLineWidth(0.5)
    rule = cursor - 1.4 * mm
    canvas.line(x + pad, rule, x + SLIP_WIDTH - pad, rule)

    # QR code, lower right, with its caption under it
    qr_x = x + SLIP_WIDTH - pad - SLIP_QR_SIZE + 1.5 * mm  # its quiet zone may reach into the padding
    qr_y = y + 5 * mm
    draw_qr(canvas, slip.code, qr_x, qr_y, SLIP_QR_SIZE)
    canvas.setFillColor(GREY)
    caption_width = SLIP_QR_SIZE + 4 * mm
    caption = fit_text(SLIP_CAPTION, fonts.ITALIC, caption_width, 4 * mm, 6.5, 5, 2)
    draw_fitted(canvas, caption, qr_x + SLIP_QR_SIZE / 2 - caption_width / 2, qr_y + 0.6 * mm, caption_width)

    # who and what, left of the code, shrunk as a whole if long texts would not fit
    column = qr_x - (x + pad) - 0.5 * mm
    space_top, space_bottom = rule - 2 * mm, y + 3 * mm
    for scale in (1, 0.92, 0.84, 0.76, 0.68):
        blocks = _slip_blocks(slip, column, scale)
        needed = sum(gap + fitted.height for gap, fitted, _ in blocks)
        if space_top - needed >= space_bottom:
            break
    cursor = space_top
    for gap, fitted, ink in blocks:
        canvas.setFillColor(ink)
        cursor = draw_fitted(canvas, fitted, x + pad, cursor - gap, column, align="left")


def _slip_blocks(slip: Slip, width: float, scale: float) -> list:
    """(space above, fitted text, colour) for the recipient and the gift."""

    def block(text, font, size, lines, colour=INK, gap=1.3 * mm):
        fitted = fit_text(text, font, width, 999, size * scale, min(size * 0.8, 6.5) * scale, lines)
        return (gap * scale, fitted, colour) if fitted.lines else None

    def labelled(label, value, lines=2, colour=INK):
        return block(f"{label}: {clean(value)}", fonts.REGULAR, 8, lines, colour) if clean(value) else None

    blocks = [
        block(slip.name, fonts.BOLD, 11.5, 2, gap=0),
        labelled("Địa chỉ", slip.address, colour=GREY),
        labelled("Đối tượng", slip.category),
        labelled("Quà", slip.package),
        block(f"Trị giá: {format_vnd(slip.value)}", fonts.BOLD, 9.5, 1, gap=1.8 * mm),
    ]
    return [b for b in blocks if b]
