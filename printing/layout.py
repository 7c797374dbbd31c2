"""What every printed document shares: the header of the organizing body and
the event, the "Trang N" footer, bordered tables, and user text made safe
for reportlab's Paragraph markup."""

from __future__ import annotations

import unicodedata
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from printing import fonts

MARGIN = 18 * mm


DEFAULT = object()


def build_document(doc, heading: str, story: list, s, pagesize=A4, subtitle=DEFAULT) -> bytes:
    """A document with the standard header; `doc` has organizing_body, title, year, place, date_text.
    The subtitle under the heading is the event's title and year unless given; None leaves it out
    (a heading that already names the event)."""
    buffer = BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        title=f"{heading.capitalize()} – {doc.title} {doc.year}" if subtitle is not None else heading.capitalize(),
        author=doc.organizing_body,
        initialFontName=fonts.REGULAR,  # otherwise every page references a built-in font
    )
    where = ", ".join(part for part in (doc.place, doc.date_text and f"ngày {doc.date_text}") if part)
    header = [
        Paragraph(text_markup(doc.organizing_body.upper()), s["Agency"]),
        HRFlowable(width="22%", thickness=0.7, color=colors.black, spaceBefore=3, hAlign="CENTER"),
        Paragraph(escape(heading), s["DocTitle"]),
        *([] if subtitle is None else
          [Paragraph(text_markup(f"{doc.title} năm {doc.year}" if subtitle is DEFAULT else subtitle), s["Subtitle"])]),
        Paragraph(text_markup(where), s["Place"]),
    ]
    template.build(header + story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()



def footer(canvas, template) -> None:
    canvas.saveState()
    canvas.setFont(fonts.REGULAR, 8.5)
    canvas.setFillColor(fonts.MUTED)
    canvas.drawCentredString(template.pagesize[0] / 2, 10 * mm, f"Trang {template.page}")
    canvas.restoreState()



def table(rows: list, widths: list, available: float, extra_style=()) -> Table:
    """A bordered table whose header repeats on every page; the one None width takes what is left."""
    rest = available - sum(w for w in widths if w)
    made = Table(rows, colWidths=[w or rest for w in widths], repeatRows=1)
    made.setStyle(
        TableStyle(
            [
                # Cells hold Paragraphs, but Table's own default font is a built-in one.
                ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 9.5),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                *extra_style,
            ]
        )
    )
    return made



def head_row(s, *labels: str) -> list:
    return [Paragraph(escape(label), s["CellHead"]) for label in labels]



def text_markup(value: str) -> str:
    """User text as Paragraph markup: NFC (reportlab does no shaping), one line, escaped."""
    return escape(" ".join(unicodedata.normalize("NFC", value or "").split()))



def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single line breaks are kept as <br/>."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").strip()
    blocks = [block.strip() for block in text.split("\n\n") if block.strip()]
    return ["<br/>".join(escape(" ".join(part.split())) for part in block.split("\n")) for block in blocks]


# Sheets of cards (badges, slips): a grid on A4 with cut marks at the corners.
CUT_MARK_OFFSET = 1.5 * mm  # gap between a card's corner and its marks
CUT_MARK_LENGTH = 3 * mm


def card_origin(index: int, width: float, height: float, columns: int, rows: int, gutter: float,
                pagesize=A4) -> tuple[float, float]:
    """Lower left corner of the index-th card of its page (row by row from the top), the grid centred."""
    page_width, page_height = pagesize
    grid_width = columns * width + (columns - 1) * gutter
    grid_height = rows * height + (rows - 1) * gutter
    left = (page_width - grid_width) / 2
    top = (page_height + grid_height) / 2
    row, column = divmod(index % (columns * rows), columns)
    return left + column * (width + gutter), top - (row + 1) * height - row * gutter


def cut_marks(canvas, x: float, y: float, width: float, height: float) -> None:
    """Short lines continuing each edge beyond the corners, in the gutter, to cut along."""
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.3)
    near, far = CUT_MARK_OFFSET, CUT_MARK_OFFSET + CUT_MARK_LENGTH
    lines = []
    for cx, sx in ((x, -1), (x + width, 1)):
        for cy, sy in ((y, -1), (y + height, 1)):
            lines.append((cx + sx * near, cy, cx + sx * far, cy))  # the horizontal edge, continued
            lines.append((cx, cy + sy * near, cx, cy + sy * far))  # the vertical edge, continued
    canvas.lines(lines)
