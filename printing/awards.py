"""The award documents for "Công bố quyết định và trao thưởng": the call sheet
the MC and stage crew work from (who goes up in which batch, where each person
stands, with a stage diagram), the register signed as awards are handed out,
and, after the ceremony, the list of awards still to hand over.

Noto Sans has no check mark (U+2713) and no arrow (U+2192): both are drawn as
lines, never typed, so they cannot print as empty boxes."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from printing import fonts
from printing.delegates import clean, draw_fitted, fit_text
from printing.layout import MARGIN, build_document, head_row, paragraphs, table, text_markup

COLLECTIVE = "collective"
INDIVIDUAL = "individual"
OUTCOME_LABELS = {
    "handed": "Đã trao",
    "absent": "Vắng",
    "stand_in": "Nhận thay",
    "later": "Trao sau",
}
NOT_HANDED = ("", "absent", "later")  # what the "remaining" list shows
REMAINING_LABELS = {"": "Chưa trao", "absent": "Vắng", "later": "Trao sau"}
BLANK_TO_FILL = "……………………"

GROUP_BACKGROUND = colors.HexColor("#f1f1f1")
MISSING = "#b00020"  # "Chưa" (not checked in)
PRESENT = colors.HexColor("#1b6e20")
BOX_INK = colors.HexColor("#1a1a1a")

PORTRAIT_WIDTH = A4[0] - 2 * MARGIN
LANDSCAPE_WIDTH = landscape(A4)[0] - 2 * MARGIN
REGISTER_SIGN_HEIGHT = 12 * mm  # a register row: tall enough to sign in
REMAINING_SIGN_HEIGHT = 10 * mm
CELL_PADDING = 4 + 5  # top + bottom padding of every cell (see _table)


@dataclass
class AwardLine:
    name: str  # "Nguyễn Văn An" or a collective "Công an xã Cẩm Tân"
    kind: str  # "collective" (tập thể) or "individual" (cá nhân)
    representative: str  # for a collective: who goes up to receive ("" if not known)
    job_title: str  # chức vụ (individuals), may be ""
    organization: str  # đơn vị, may be ""
    form: str  # "Giấy khen của Chủ tịch UBND huyện"
    decision: str  # "1856/QĐ-UBND ngày 05/08/2024"
    achievement: str  # one line to read, may be ""
    present: bool | None  # checked in (True), not yet (False), unknown/not linked (None)
    outcome: str  # "" (not yet), "handed", "absent", "stand_in", "later"
    stand_in_name: str  # who received instead, when outcome == "stand_in"
    handed_at: str  # "09:12" or ""
    office: str = ""  # job title and organization in one phrase, as the MC says it ("" : both, comma-separated)


@dataclass
class StageBatch:
    number: int  # đợt 1, 2, ...
    presenter: str  # "Đồng chí Lê Văn B, Chủ tịch UBND huyện" (the delegate who presents), may be ""
    presenter_present: bool | None
    announcement: str  # the text the MC reads for the decision(s) of this batch, may be ""
    lines: list[AwardLine]  # in the order people stand on stage, left to right as seen from the hall


# --- the three documents ---------------------------------------------------


def call_sheet_pdf(event, batches: list[StageBatch]) -> bytes:
    """Sơ đồ trao thưởng: per batch, who presents, what the MC reads, who goes
    up (position 1 = leftmost seen from the hall) and a diagram of the row.
    `event` has organizing_body, title, year, place and date_text (EventInfo does)."""
    s = fonts.stylesheet()
    # No keepWithNext: it would bind the heading to the whole table and move them together.
    batch_heading = fonts.paragraph_style("BatchHeading", 12.5, bold=True, spaceBefore=6, spaceAfter=3)
    form_line = fonts.paragraph_style("BatchForm", 10, leftIndent=10, spaceAfter=2)
    announcement = fonts.paragraph_style("Announcement", 10.5, italic=True, leftIndent=10, spaceAfter=5)
    story: list = []
    total = sum(len(batch.lines) for batch in batches)
    if not batches:
        story.append(Paragraph("Chưa có đợt trao thưởng nào.", s["Muted"]))
    else:
        summary = f"{len(batches)} đợt · {_counts(_all_lines(batches))} · tổng {total} khen thưởng"
        story.append(Paragraph(summary, s["Muted"]))
    for index, batch in enumerate(batches):
        block = [Paragraph(_batch_heading(batch), batch_heading)]
        form = _shared_form(batch.lines)
        if form:  # one form for the whole batch: said once, not on every row
            block.append(Paragraph(f"Hình thức: {text_markup(form)}", form_line))
        if batch.announcement.strip():
            block += [Paragraph(p, announcement) for p in paragraphs(batch.announcement)]
        if batch.lines:
            block.append(_call_table(s, batch.lines, with_form=not form))
            block.append(KeepTogether([
                Spacer(1, 3),
                StageDiagram([line.name for line in batch.lines], [line.present for line in batch.lines]),
            ]))
        else:
            block.append(Paragraph("Chưa có người nhận trong đợt này.", s["Muted"]))
        if index == 0:
            # The first batch starts under the header, on page 1: moved whole, it
            # would leave page 1 with the header alone. When it does not fit, its
            # table goes on over the page with its head row repeated.
            story += block
        else:
            # A later batch is read from one page: it moves to the next page whole when it does not fit.
            story.append(KeepTogether(block))
    return build_document(event, "SƠ ĐỒ TRAO THƯỞNG", story, s)


def register_pdf(event, lines: list[AwardLine]) -> bytes:
    """Sổ trao thưởng: every award grouped by decision, with the result, the
    time and room to sign. A4 landscape, for the width of the signature column."""
    s = fonts.stylesheet()
    columns = ("STT", "Họ tên / Tập thể", "Chức vụ – Đơn vị", "Kết quả", "Giờ", "Ký nhận")
    widths = [12 * mm, None, 60 * mm, 40 * mm, 16 * mm, 52 * mm]
    if not lines:
        story = [Paragraph("Chưa có khen thưởng nào.", s["Muted"])]
    else:
        story = [Paragraph(f"{_counts(lines)} · tổng {len(lines)} khen thưởng", s["Muted"]), Spacer(1, 4)]
        rows, style = _grouped_rows(
            s,
            columns,
            lines,
            lambda number, line: [
                Paragraph(str(number), s["CellCenter"]),
                _name_cell(s, line),
                Paragraph(_job(line), s["Cell"]),
                Paragraph(_outcome(line), s["Cell"]),
                Paragraph(text_markup(line.handed_at), s["CellCenter"]),
                Spacer(1, REGISTER_SIGN_HEIGHT - CELL_PADDING),  # the row's minimum height
            ],
        )
        story.append(table(rows, widths, LANDSCAPE_WIDTH, style))
    return build_document(event, "SỔ TRAO THƯỞNG", story, s, pagesize=landscape(A4))


def remaining_pdf(event, lines: list[AwardLine]) -> bytes:
    """Danh sách khen thưởng chưa trao: not handed at the ceremony (not yet,
    absent or to be handed later), grouped by decision, to hand over afterwards.
    Handed by a stand-in counts as handed."""
    s = fonts.stylesheet()
    remaining = [line for line in lines if line.outcome in NOT_HANDED]
    if not remaining:
        story = [
            Spacer(1, 6),
            Paragraph(
                "Tất cả khen thưởng đã được trao tại buổi lễ, không còn khen thưởng nào chưa trao."
                if lines
                else "Chưa có khen thưởng nào.",
                s["Body"],
            ),
        ]
        return build_document(event, "DANH SÁCH KHEN THƯỞNG CHƯA TRAO", story, s)
    columns = ("STT", "Họ tên / Tập thể", "Chức vụ – Đơn vị", "Tình trạng", "Ký nhận")
    widths = [11 * mm, None, 50 * mm, 24 * mm, 32 * mm]
    rows, style = _grouped_rows(
        s,
        columns,
        remaining,
        lambda number, line: [
            Paragraph(str(number), s["CellCenter"]),
            _name_cell(s, line),
            Paragraph(_job(line), s["Cell"]),
            Paragraph(escape(REMAINING_LABELS[line.outcome]), s["CellCenter"]),
            Spacer(1, REMAINING_SIGN_HEIGHT - CELL_PADDING),
        ],
    )
    story = [
        Paragraph("Các khen thưởng chưa trao tại buổi lễ, cần trao lại sau buổi lễ.", s["Muted"]),
        Spacer(1, 4),
        table(rows, widths, PORTRAIT_WIDTH, style),
        Spacer(1, 8),
        Paragraph(f"<b>Tổng cộng: {len(remaining)} khen thưởng chưa trao</b> ({_counts(remaining)}).", s["Body"]),
    ]
    return build_document(event, "DANH SÁCH KHEN THƯỞNG CHƯA TRAO", story, s)


# --- the call sheet's pieces -----------------------------------------------


def _batch_heading(batch: StageBatch) -> str:
    presenter = text_markup(batch.presenter) if batch.presenter.strip() else "<i>chưa phân công</i>"
    if batch.presenter.strip() and batch.presenter_present is False:
        presenter += f' <font color="{MISSING}">(chưa có mặt)</font>'
    return f"Đợt {batch.number} — Đại biểu trao: {presenter}"


def _shared_form(lines: list[AwardLine]) -> str:
    """The award form every line of a batch has, "" when they differ or have none."""
    forms = {clean(line.form) for line in lines}
    return forms.pop() if len(forms) == 1 else ""


def _call_table(s, lines: list[AwardLine], with_form: bool = True) -> Table:
    columns = ["Vị trí", "Tập thể / Cá nhân", "Chức vụ – Đơn vị"] + (["Hình thức"] if with_form else []) + ["Có mặt"]
    rows = [head_row(s, *columns)]
    form_style = fonts.paragraph_style("FormCell", 8.5)  # long text read less than the name: smaller
    previous = ""
    for position, line in enumerate(lines, 1):
        name = _name_cell(s, line)
        achievement = clean(line.achievement)
        if achievement:
            # The same achievement as the row above: "Như trên", as lists are written, on one short line.
            said = "Như trên" if achievement == previous else text_markup(achievement)
            name.append(Paragraph(said, s["CellMuted"]))
        previous = achievement
        rows.append(
            [
                Paragraph(f"<b>{position}</b>", s["CellCenter"]),
                name,
                Paragraph(_job(line), form_style),
                *([Paragraph(text_markup(line.form), form_style)] if with_form else []),
                _presence(s, line.present),
            ]
        )
    widths = [13 * mm, None, 44 * mm] + ([44 * mm] if with_form else []) + [16 * mm]
    # Tighter rows than other tables: a batch of ten fits on a page under the header.
    return table(rows, widths, PORTRAIT_WIDTH, [("TOPPADDING", (0, 0), (-1, -1), 2),
                                                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5)])


def _presence(s, present: bool | None):
    if present is True:
        return CheckMark("Có")
    if present is False:
        return Paragraph(f'<font color="{MISSING}">Chưa</font>', s["CellCenter"])
    return ""


class CheckMark(Flowable):
    """A drawn check mark and a word, centred in the cell (Noto Sans has no ✓)."""

    SIZE = 9.5

    def __init__(self, word: str):
        super().__init__()
        self.word = word

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.SIZE * 1.3
        return self.width, self.height

    def draw(self):
        c = self.canv
        fonts.register_fonts()
        tick = 7.0
        gap = 2.5
        word_width = stringWidth(self.word, fonts.REGULAR, self.SIZE)
        x = (self.width - tick - gap - word_width) / 2
        y = (self.height - tick) / 2
        c.saveState()
        c.setStrokeColor(PRESENT)
        c.setLineWidth(1.4)
        c.setLineCap(1)
        c.setLineJoin(1)
        path = c.beginPath()
        path.moveTo(x, y + tick * 0.5)
        path.lineTo(x + tick * 0.38, y + tick * 0.12)
        path.lineTo(x + tick, y + tick * 0.95)
        c.drawPath(path, stroke=1, fill=0)
        c.setFillColor(PRESENT)
        c.setFont(fonts.REGULAR, self.SIZE)
        c.drawString(x + tick + gap, y + 0.5, self.word)
        c.restoreState()


class StageDiagram(Flowable):
    """The row on stage as the hall sees it: numbered boxes, position 1 on the
    left, each with its name under it; dashed boxes for people not checked in."""

    BOX_HEIGHT = 10 * mm
    GAP = 2.2 * mm
    MAX_BOX = 24 * mm
    NAME_SIZE = 7.5
    NAME_ONE_LINE_MIN = 7.0  # below this a name goes on more lines, bigger
    NAME_MIN = 6.0
    NAME_LINES = 3
    LABEL_SIZE = 8.5

    def __init__(self, names: list[str], present: list[bool | None]):
        super().__init__()
        self.names = names
        self.present = present

    def wrap(self, available_width, available_height):
        fonts.register_fonts()
        self.width = available_width
        count = max(len(self.names), 1)
        self.box = min(self.MAX_BOX, (available_width - (count - 1) * self.GAP) / count)
        name_height = self.NAME_LINES * self.NAME_SIZE * 1.18 + 2
        self.fitted = [
            fit_text(
                name,
                fonts.REGULAR,
                self.box,
                name_height,
                self.NAME_SIZE,
                self.NAME_MIN,
                self.NAME_LINES,
                one_line_min=self.NAME_ONE_LINE_MIN,
            )
            for name in self.names
        ]
        self.names_height = max((f.height for f in self.fitted), default=0) + 2
        self.height = 5 * mm + self.BOX_HEIGHT + self.names_height + 3 * mm + 6 * mm
        return self.width, self.height

    def draw(self):
        c = self.canv
        c.saveState()
        count = len(self.names)
        row_width = count * self.box + (count - 1) * self.GAP
        left = (self.width - row_width) / 2
        top = self.height

        # backdrop side, then the boxes
        c.setFont(fonts.ITALIC, 7.5)
        c.setFillColor(fonts.MUTED)
        c.drawCentredString(self.width / 2, top - 3 * mm, "Phông sân khấu")
        box_top = top - 5 * mm
        for index, (fitted, present) in enumerate(zip(self.fitted, self.present)):
            x = left + index * (self.box + self.GAP)
            c.setStrokeColor(BOX_INK if present is not False else fonts.MUTED)
            c.setLineWidth(0.9)
            if present is False:
                c.setDash(2, 2)
            c.setFillColor(colors.HexColor("#f4f4f4"))
            c.rect(x, box_top - self.BOX_HEIGHT, self.box, self.BOX_HEIGHT, stroke=1, fill=1)
            c.setDash()
            c.setFillColor(BOX_INK)
            size = 13
            ascent, descent = getAscentDescent(fonts.BOLD, size)
            c.setFont(fonts.BOLD, size)
            baseline = box_top - self.BOX_HEIGHT / 2 - (ascent + descent) / 2
            c.drawCentredString(x + self.box / 2, baseline, str(index + 1))
            c.setFillColor(BOX_INK if present is not False else fonts.MUTED)
            draw_fitted(c, fitted, x, box_top - self.BOX_HEIGHT - 2, self.box)

        # the front edge of the stage, then which way is which
        edge = box_top - self.BOX_HEIGHT - self.names_height - 1.5 * mm
        c.setStrokeColor(BOX_INK)
        c.setLineWidth(1.6)
        c.line(left - 3 * mm, edge, left + row_width + 3 * mm, edge)
        self._direction_label(c, edge - 5 * mm, any(p is False for p in self.present))
        c.restoreState()

    def _direction_label(self, c, baseline: float, with_legend: bool) -> None:
        size = self.LABEL_SIZE
        left_word, right_word = "Trái", "Phải"
        rest = " (nhìn từ dưới hội trường)"
        if with_legend:
            rest += " · khung nét đứt: người nhận chưa có mặt"
        arrow = 9 * mm
        pad = 1.5 * mm
        widths = [stringWidth(left_word, fonts.BOLD, size), stringWidth(right_word + " ", fonts.BOLD, size)]
        rest_width = stringWidth(rest, fonts.REGULAR, size)
        total = widths[0] + pad + arrow + pad + widths[1] + rest_width
        x = (self.width - total) / 2
        c.setFillColor(BOX_INK)
        c.setFont(fonts.BOLD, size)
        c.drawString(x, baseline, left_word)
        x += widths[0] + pad
        middle = baseline + size * 0.33
        c.setStrokeColor(BOX_INK)
        c.setLineWidth(0.9)
        c.line(x, middle, x + arrow - 2, middle)
        head = c.beginPath()
        head.moveTo(x + arrow, middle)
        head.lineTo(x + arrow - 4, middle + 2.2)
        head.lineTo(x + arrow - 4, middle - 2.2)
        head.close()
        c.drawPath(head, stroke=0, fill=1)
        x += arrow + pad
        c.setFont(fonts.BOLD, size)
        c.drawString(x, baseline, right_word)
        x += stringWidth(right_word, fonts.BOLD, size)
        c.setFont(fonts.REGULAR, size)
        c.setFillColor(fonts.MUTED)
        c.drawString(x, baseline, rest)


# --- shared pieces -----------------------------------------------------------


def _grouped_rows(s, columns, lines: list[AwardLine], row_for):
    """Head row, then per (decision, form), in order of first appearance, a
    spanning group row and row_for(number, line) for each of its lines; numbers
    run on across groups. Returns rows and extra table style."""
    groups: dict[tuple[str, str], list[AwardLine]] = {}
    for line in lines:
        groups.setdefault((clean(line.decision), clean(line.form)), []).append(line)
    rows = [head_row(s, *columns)]
    style = []
    number = 0
    group_style = fonts.paragraph_style("GroupRow", 9.5, bold=True)
    for (decision, form), members in groups.items():
        row = len(rows)
        title = f'{_decision_label(decision, form)} <font name="{fonts.REGULAR}">({_counts(members)})</font>'
        rows.append([Paragraph(title, group_style)] + [""] * (len(columns) - 1))
        style += [
            ("SPAN", (0, row), (-1, row)),
            ("BACKGROUND", (0, row), (-1, row), GROUP_BACKGROUND),
            ("NOSPLIT", (0, row), (-1, row + 1)),  # a group row never ends a page alone
        ]
        for line in members:
            number += 1
            rows.append(row_for(number, line))
    return rows, style


def _decision_label(decision: str, form: str) -> str:
    if not decision:
        label = "Chưa có số quyết định"
    elif decision.casefold().startswith("quyết định"):
        label = decision
    else:
        label = f"Quyết định số {decision}"
    return text_markup(label + (f" — {form}" if form else ""))


def _name_cell(s, line: AwardLine) -> list:
    cell = [Paragraph(text_markup(line.name), s["Cell"])]
    if line.kind == COLLECTIVE:
        representative = text_markup(line.representative) if line.representative.strip() else BLANK_TO_FILL
        cell.append(Paragraph(f"Đại diện nhận: {representative}", s["CellMuted"]))
    return cell


def _job(line: AwardLine) -> str:
    if clean(line.office):
        return text_markup(clean(line.office))
    return text_markup(", ".join(part for part in (clean(line.job_title), clean(line.organization)) if part))


def _outcome(line: AwardLine) -> str:
    if line.outcome == "stand_in":
        who = clean(line.stand_in_name)
        return "Nhận thay: " + text_markup(who) if who else "Nhận thay"
    return escape(OUTCOME_LABELS.get(line.outcome, line.outcome))


def _counts(lines: list[AwardLine]) -> str:
    """ "3 tập thể, 9 cá nhân", leaving out a zero."""
    collectives = sum(1 for line in lines if line.kind == COLLECTIVE)
    individuals = len(lines) - collectives
    parts = [f"{collectives} tập thể" if collectives else "", f"{individuals} cá nhân" if individuals else ""]
    return ", ".join(part for part in parts if part) or "không có khen thưởng"


def _all_lines(batches: list[StageBatch]) -> list[AwardLine]:
    return [line for batch in batches for line in batch.lines]


