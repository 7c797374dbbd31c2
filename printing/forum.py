"""The papers of the forum "Công an lắng nghe ý kiến Nhân dân": the poster
for the hall (a big QR code to send opinions and questions, a smaller one for
the satisfaction survey), the summary of the opinions received (answered on
the spot, to answer in writing, pending) and the results of the satisfaction
survey of the commune police, with their charts.

`event` has organizing_body, title, year, place and date_text, and for the
poster backdrop_bottom (printing.delegates.EventInfo does).

Charts are reportlab.graphics drawings: every one of their labels is set in
Noto Sans, and each Drawing starts in Noto Sans, so no built-in font is ever
referenced."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from printing import fonts
from printing.delegates import GREY, INK, TITLE_RED, clean, draw_fitted, draw_qr, event_heading, fit_text
from printing.layout import MARGIN, build_document, head_row, paragraphs, table, text_markup

SCALE = ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"]
SCALE_COLOURS = ["#c62828", "#ef8a17", "#b0b0b0", "#7cb342", "#2e7d32"]
SCALE_LABEL_INK = ["#ffffff", "#1a1a1a", "#1a1a1a", "#1a1a1a", "#ffffff"]  # counts printed on each colour
SHARE_COLOUR = "#1f5fb4"

FORUM_TITLE = "CÔNG AN LẮNG NGHE Ý KIẾN NHÂN DÂN"
FORUM_TITLE_LINES = ("CÔNG AN LẮNG NGHE", "Ý KIẾN NHÂN DÂN")
INVITATION = ("Quét mã để gửi ý kiến, câu hỏi tới Công an.", "Có thể không ghi tên.")
SURVEY_CAPTION = "Đánh giá sự hài lòng đối với Công an xã"
SURVEY_HINT = "Quét mã này để tham gia phiếu khảo sát sự hài lòng."
OPINIONS_HEADING = "TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN"
WRITTEN_HEADING = "Ý KIẾN CẦN TRẢ LỜI BẰNG VĂN BẢN"
SURVEY_HEADING = "KẾT QUẢ KHẢO SÁT SỰ HÀI LÒNG CỦA NHÂN DÂN ĐỐI VỚI CÔNG AN XÃ"
NO_SURVEY = "Chưa có phiếu khảo sát nào."

# Status labels, as kiosk.forum.models.STATUSES prints them.
ANSWERED = "Đã trả lời"
WRITTEN = "Trả lời bằng văn bản"
HIDDEN = "Đã ẩn"
MERGED = "Đã gộp"
STATUS_INK = {ANSWERED: "#1b6e20", WRITTEN: "#1f5fb4", "Mới": "#b00020", HIDDEN: "#777777", MERGED: "#777777"}

PORTRAIT_WIDTH = A4[0] - 2 * MARGIN
LANDSCAPE_WIDTH = landscape(A4)[0] - 2 * MARGIN
SPLIT_IN_ROW = 60  # points: a row taller than a page is split inside, keeping at least this much together
# What build_document leaves for the story on a landscape page: 15 + 18 mm margins, 6 pt frame padding each side.
LANDSCAPE_FRAME_HEIGHT = landscape(A4)[1] - 33 * mm - 12

# Poster, A4 portrait
POSTER_MARGIN = 14 * mm
POSTER_QR_SIZE = 110 * mm  # quiet zone included
SURVEY_QR_SIZE = 42 * mm


# --- the poster --------------------------------------------------------------


def poster_pdf(event, url: str, survey_url: str) -> bytes:
    """The A4 poster for the hall: a big QR code to send opinions and
    questions, its address printed under it, a smaller code for the survey."""
    fonts.register_fonts()
    width, height = A4
    inner = width - 2 * POSTER_MARGIN
    left = POSTER_MARGIN
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=fonts.REGULAR, initialFontSize=10)
    canvas.setTitle(f"Áp phích “Công an lắng nghe ý kiến Nhân dân” – {clean(event.title)} {event.year}")
    canvas.setAuthor(clean(event.organizing_body))
    canvas.setCreator("Ngày hội Kiosk")

    # a red band at the top, the organizing body and the event
    canvas.setFillColor(TITLE_RED)
    canvas.rect(0, height - 6 * mm, width, 6 * mm, stroke=0, fill=1)
    top = height - 13 * mm
    canvas.setFillColor(INK)
    body = fit_text(clean(event.organizing_body).upper(), fonts.BOLD, inner, 12 * mm, 14, 9, 2)
    cursor = draw_fitted(canvas, body, left, top, inner)
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.8)
    rule = cursor - 2.5 * mm
    canvas.line(width / 2 - 20 * mm, rule, width / 2 + 20 * mm, rule)
    canvas.setFillColor(GREY)
    heading = fit_text(event_heading(event), fonts.BOLD, inner, 10 * mm, 11.5, 8, 2)
    cursor = draw_fitted(canvas, heading, left, rule - 2.5 * mm, inner)

    # the forum's name, as big as the width allows
    size = min(46.0, *(inner / _unit_width(line, fonts.BOLD) for line in FORUM_TITLE_LINES))
    canvas.setFillColor(TITLE_RED)
    canvas.setFont(fonts.BOLD, size)
    baseline = cursor - 6 * mm - size * 0.78
    for line in FORUM_TITLE_LINES:
        canvas.drawCentredString(width / 2, baseline, line)
        baseline -= size * 1.12

    # the invitation
    canvas.setFillColor(INK)
    invitation_size = 20
    baseline += size * 1.12 - size * 0.25 - 9 * mm
    for index, line in enumerate(INVITATION):
        canvas.setFont(fonts.BOLD if index == 0 else fonts.ITALIC, invitation_size)
        canvas.drawCentredString(width / 2, baseline, line)
        baseline -= invitation_size * 1.35

    # the big code in a red frame, its address under it
    qr_top = baseline + invitation_size * 1.35 - invitation_size * 0.35 - 6 * mm
    qr_x = (width - POSTER_QR_SIZE) / 2
    qr_y = qr_top - POSTER_QR_SIZE
    canvas.setStrokeColor(TITLE_RED)
    canvas.setLineWidth(2.2)
    frame = 2.5 * mm
    canvas.roundRect(qr_x - frame, qr_y - frame, POSTER_QR_SIZE + 2 * frame, POSTER_QR_SIZE + 2 * frame, 4 * mm)
    draw_qr(canvas, url, qr_x, qr_y, POSTER_QR_SIZE)
    canvas.setFillColor(INK)
    address = fit_text(clean(url), fonts.BOLD, inner, 12 * mm, 15, 9, 2)
    cursor = draw_fitted(canvas, address, left, qr_y - frame - 4 * mm, inner)

    # the survey: a smaller code, its caption beside it
    panel_top = cursor - 6 * mm
    canvas.setStrokeColor(colors.HexColor("#c8c8c8"))
    canvas.setLineWidth(0.8)
    canvas.line(left, panel_top, width - POSTER_MARGIN, panel_top)
    survey_y = panel_top - 4 * mm - SURVEY_QR_SIZE
    draw_qr(canvas, survey_url, left, survey_y, SURVEY_QR_SIZE)
    text_left = left + SURVEY_QR_SIZE + 6 * mm
    text_width = width - POSTER_MARGIN - text_left
    caption = fit_text(SURVEY_CAPTION, fonts.BOLD, text_width - 2 * mm, 20 * mm, 20, 12, 2)
    hint = fit_text(SURVEY_HINT, fonts.REGULAR, text_width, 10 * mm, 13, 9, 2)
    link = fit_text(clean(survey_url), fonts.REGULAR, text_width, 8 * mm, 10.5, 7, 2)
    block = caption.height + 3 * mm + hint.height + 2.5 * mm + link.height
    cursor = survey_y + SURVEY_QR_SIZE / 2 + block / 2
    canvas.setFillColor(TITLE_RED)
    cursor = draw_fitted(canvas, caption, text_left, cursor, text_width, align="left")
    canvas.setFillColor(INK)
    cursor = draw_fitted(canvas, hint, text_left, cursor - 3 * mm, text_width, align="left")
    canvas.setFillColor(GREY)
    draw_fitted(canvas, link, text_left, cursor - 2.5 * mm, text_width, align="left")

    # where and when, at the foot
    foot = clean(getattr(event, "backdrop_bottom", "")) or ", ".join(
        part for part in (clean(event.place), clean(event.date_text) and f"ngày {clean(event.date_text)}") if part
    )
    if foot:
        canvas.setFillColor(GREY)
        footer = fit_text(foot, fonts.ITALIC, inner, 5 * mm, 11, 8, 1)
        draw_fitted(canvas, footer, left, 14 * mm, inner)
    canvas.setFillColor(TITLE_RED)
    canvas.rect(0, 0, width, 6 * mm, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _unit_width(text: str, font: str) -> float:
    """Width of text at 1 pt."""
    return stringWidth(text, font, 1)


# --- the opinions --------------------------------------------------------------


@dataclass
class OpinionLine:
    number: int
    received_at: str  # "09:12"
    topic: str  # "An ninh trật tự"
    text: str  # the opinion as shown (edited spelling)
    author: str  # name or "Ẩn danh"
    address: str
    status: str  # Vietnamese label: "Mới", "Đã duyệt", "Đã trả lời", "Trả lời bằng văn bản", "Đã ẩn", ...
    answer: str  # "Đồng chí X (Trưởng Công an xã): ..." or ""
    responsible_unit: str  # for written answers, "" otherwise
    deadline: str  # "30/08/2024" or ""


def is_written(line: OpinionLine) -> bool:
    return clean(line.status) == WRITTEN or bool(clean(line.responsible_unit))


def is_answered(line: OpinionLine) -> bool:
    return not is_written(line) and (clean(line.status) == ANSWERED or bool(clean(line.answer)))


def is_set_aside(line: OpinionLine) -> bool:
    return clean(line.status) in (HIDDEN, MERGED)


def opinions_pdf(event, lines: list[OpinionLine]) -> bytes:
    """Tổng hợp ý kiến, kiến nghị: the counts, every opinion with its answer or
    the unit to answer it in writing, then those to answer in writing. A4 landscape."""
    s = fonts.stylesheet()
    if not lines:
        story = [Paragraph("Chưa có ý kiến, kiến nghị nào.", s["Muted"])]
        return build_document(event, OPINIONS_HEADING, story, s, pagesize=landscape(A4))
    written = [line for line in lines if is_written(line)]
    answered = [line for line in lines if is_answered(line)]
    set_aside = [line for line in lines if is_set_aside(line) and not is_written(line) and not is_answered(line)]
    pending = len(lines) - len(written) - len(answered) - len(set_aside)
    parts = [
        f"Tổng số: <b>{len(lines)}</b> ý kiến, kiến nghị",
        f"đã trả lời tại chỗ: <b>{len(answered)}</b>",
        f"cần trả lời bằng văn bản: <b>{len(written)}</b>",
        f"chưa trả lời: <b>{pending}</b>",
    ]
    if set_aside:
        parts.append(f"đã ẩn, đã gộp: <b>{len(set_aside)}</b>")
    story: list = [Paragraph(" · ".join(parts) + ".", s["Body"]), Spacer(1, 4)]

    rows = [head_row(s, "STT", "Thời gian", "Lĩnh vực", "Nội dung", "Trả lời / Đơn vị, hạn", "Trạng thái")]
    for line in lines:
        muted = is_set_aside(line)
        rows.append(
            [
                Paragraph(str(line.number), s["CellCenter"]),
                Paragraph(text_markup(line.received_at), s["CellCenter"]),
                Paragraph(text_markup(line.topic), s["Cell"]),
                _opinion_cell(s, line, muted),
                _answer_cell(s, line),
                Paragraph(_status(line), s["CellCenter"]),
            ]
        )
    widths = [11 * mm, 19 * mm, 30 * mm, None, 72 * mm, 26 * mm]
    story.append(_splitting(table(rows, widths, LANDSCAPE_WIDTH, [("VALIGN", (0, 1), (-1, -1), "TOP")])))

    story.append(Paragraph(escape(WRITTEN_HEADING), s["Heading"]))
    if not written:
        story.append(Paragraph("Không có ý kiến nào cần trả lời bằng văn bản.", s["Muted"]))
    else:
        story.append(Paragraph(f"{len(written)} ý kiến, kiến nghị giao đơn vị trả lời bằng văn bản.", s["Meta"]))
        rows = [head_row(s, "STT", "Lĩnh vực", "Nội dung", "Đơn vị chịu trách nhiệm", "Hạn trả lời")]
        for line in written:
            rows.append(
                [
                    Paragraph(str(line.number), s["CellCenter"]),
                    Paragraph(text_markup(line.topic), s["Cell"]),
                    _opinion_cell(s, line, False),
                    Paragraph(text_markup(line.responsible_unit) or "<i>chưa giao</i>", s["Cell"]),
                    Paragraph(text_markup(line.deadline) or "<i>chưa có</i>", s["CellCenter"]),
                ]
            )
        widths = [11 * mm, 32 * mm, None, 62 * mm, 26 * mm]
        story.append(_splitting(table(rows, widths, LANDSCAPE_WIDTH, [("VALIGN", (0, 1), (-1, -1), "TOP")])))
    return build_document(event, OPINIONS_HEADING, story, s, pagesize=landscape(A4))


class SplittingTable(Table):
    """A table whose rows move to the next page whole when they fit on one,
    and split inside only when taller than a page (an opinion of 2,000
    characters with a long answer): never a LayoutError, never a row begun
    under a repeated header at the foot of a page when it could go over whole."""

    def split(self, available_width, available_height):
        self._calc(available_width, available_height)
        first_row_end = self.repeatRows + 1
        fits_a_page = sum(self._rowHeights[:first_row_end]) <= LANDSCAPE_FRAME_HEIGHT
        saved, self.splitInRow = self.splitInRow, (0 if fits_a_page else SPLIT_IN_ROW)
        try:
            return super().split(available_width, available_height)
        finally:
            self.splitInRow = saved


def _splitting(made: Table) -> Table:
    """layout.table()'s table, with SplittingTable's way of going over pages
    (its parts are made with self.__class__, so they split the same way)."""
    made.__class__ = SplittingTable
    made.splitInRow = SPLIT_IN_ROW
    return made


def _block(text: str) -> str:
    """User text that may hold line breaks, as Paragraph markup."""
    return "<br/>".join(paragraphs(text or ""))


def _opinion_cell(s, line: OpinionLine, muted: bool) -> list:
    style = s["CellMuted"] if muted else s["Cell"]
    sender = ", ".join(part for part in (text_markup(line.author) or "Ẩn danh", text_markup(line.address)) if part)
    return [Paragraph(_block(line.text) or "<i>(không có nội dung)</i>", style), Paragraph(f"— {sender}", s["CellMuted"])]


def _answer_cell(s, line: OpinionLine) -> list:
    cell = []
    if clean(line.answer):
        cell.append(Paragraph(_block(line.answer), s["Cell"]))
    if clean(line.responsible_unit):
        cell.append(Paragraph(f"Đơn vị: <b>{text_markup(line.responsible_unit)}</b>", s["Cell"]))
    if clean(line.deadline):
        cell.append(Paragraph(f"Hạn: <b>{text_markup(line.deadline)}</b>", s["Cell"]))
    return cell or [Paragraph("", s["Cell"])]


def _status(line: OpinionLine) -> str:
    label = clean(line.status)
    ink = STATUS_INK.get(label)
    return f'<font color="{ink}">{escape(label)}</font>' if ink else escape(label)


# --- the survey ----------------------------------------------------------------


@dataclass
class QuestionResult:
    text: str  # "Tinh thần, thái độ phục vụ"
    counts: list[int]  # 5 counts, from "Rất không hài lòng" (1) to "Rất hài lòng" (5)
    satisfied_share: float | None  # (4 + 5) / total, None when no answers


@dataclass
class SurveySummary:
    responses: int
    questions: list[QuestionResult]
    comments: list[str]  # free comments, as typed


def percent(share: float | None) -> str:
    """0.875 -> "87,5 %" (Vietnamese decimal comma); None -> "—"."""
    if share is None:
        return "—"
    return f"{share * 100:.1f}".replace(".", ",") + " %"


def survey_pdf(event, summary: SurveySummary) -> bytes:
    """Kết quả khảo sát: the number of responses, per question the counts per
    level and the share satisfied, a chart of how the answers spread, a chart
    of the share satisfied per question, then the free comments."""
    s = fonts.stylesheet()
    if not summary.responses:
        story = [Spacer(1, 6), Paragraph(NO_SURVEY, s["Body"])]
        return build_document(event, SURVEY_HEADING, story, s)
    questions = [_five(q) for q in summary.questions]
    all_counts = [sum(q.counts[i] for q in questions) for i in range(len(SCALE))]
    total = sum(all_counts)
    overall = (all_counts[3] + all_counts[4]) / total if total else None
    story: list = [
        Paragraph(f"Số phiếu khảo sát: <b>{summary.responses}</b>", s["Body"]),
        Paragraph(
            f"Tỷ lệ hài lòng chung (hài lòng và rất hài lòng, trên mọi câu trả lời): <b>{_nb(percent(overall))}</b>",
            s["Body"],
        ),
    ]
    if not questions:
        story.append(Paragraph("Phiếu khảo sát không có tiêu chí nào.", s["Muted"]))
    else:
        story += [Paragraph("1. Kết quả theo từng tiêu chí", s["Heading"]), _counts_table(s, questions)]
        # A chart goes over to the next page with its heading; many questions make several charts.
        chunks = [(start, questions[start : start + CHART_QUESTIONS]) for start in range(0, len(questions), CHART_QUESTIONS)]
        spread = [distribution_chart(chunk, PORTRAIT_WIDTH, start) for start, chunk in chunks]
        shares = [share_chart(chunk, PORTRAIT_WIDTH, start) for start, chunk in chunks]
        story += [
            KeepTogether(
                [
                    Paragraph("2. Cơ cấu mức độ hài lòng theo tiêu chí", s["Heading"]),
                    Paragraph("Độ dài mỗi màu: tỷ lệ câu trả lời ở mức đó; số trên thanh: số phiếu.", s["Meta"]),
                    spread[0],
                ]
            ),
            *spread[1:],
            KeepTogether(
                [
                    Paragraph("3. Tỷ lệ hài lòng và rất hài lòng theo tiêu chí", s["Heading"]),
                    Spacer(1, 2),
                    shares[0],
                ]
            ),
            *shares[1:],
        ]
    comments = [c for c in summary.comments if clean(c)]
    heading = "4. Ý kiến góp ý khác" if questions else "Ý kiến góp ý khác"
    story.append(Paragraph(heading, s["Heading"]))
    if not comments:
        story.append(Paragraph("Không có ý kiến góp ý nào.", s["Muted"]))
    comment_style = fonts.paragraph_style("Comment", 10.5, leftIndent=16, firstLineIndent=-16, spaceAfter=4)
    for number, comment in enumerate(comments, 1):
        story.append(Paragraph(f"{number}.&nbsp;&nbsp;{_block(comment)}", comment_style))
    return build_document(event, SURVEY_HEADING, story, s)


def _five(question: QuestionResult) -> QuestionResult:
    """Counts padded or cut to the five levels, never negative."""
    counts = [max(int(c or 0), 0) for c in list(question.counts)[: len(SCALE)]]
    counts += [0] * (len(SCALE) - len(counts))
    return QuestionResult(clean(question.text), counts, question.satisfied_share)


def _nb(text: str) -> str:
    return escape(text).replace(" ", "&nbsp;")


def _counts_table(s, questions: list[QuestionResult]) -> Table:
    head = fonts.paragraph_style("ScaleHead", 8.5, bold=True, alignment=1, leading=10.5)
    rows = [
        [
            Paragraph("STT", s["CellHead"]),
            Paragraph("Tiêu chí", s["CellHead"]),
            *(Paragraph(escape(level), head) for level in SCALE),
            Paragraph("Tổng", s["CellHead"]),
            Paragraph("Hài lòng và rất hài lòng", head),
        ]
    ]
    for number, question in enumerate(questions, 1):
        rows.append(
            [
                Paragraph(str(number), s["CellCenter"]),
                Paragraph(text_markup(question.text), s["Cell"]),
                *(Paragraph(str(count), s["CellCenter"]) for count in question.counts),
                Paragraph(str(sum(question.counts)), s["CellCenter"]),
                Paragraph(f"<b>{_nb(percent(question.satisfied_share))}</b>", s["CellCenter"]),
            ]
        )
    level_width = 17 * mm
    widths = [10 * mm, None, *([level_width] * len(SCALE)), 13 * mm, 22 * mm]
    style = [("BACKGROUND", (2 + i, 0), (2 + i, 0), _tint(SCALE_COLOURS[i])) for i in range(len(SCALE))]
    return table(rows, widths, PORTRAIT_WIDTH, style)


def _tint(colour: str, strength: float = 0.3) -> colors.Color:
    """A light version of colour, for a header cell."""
    base = colors.HexColor(colour)
    return colors.Color(*(1 - strength * (1 - part) for part in (base.red, base.green, base.blue)))


# --- charts ----------------------------------------------------------------------

CHART_FONT_SIZE = 8.5
CATEGORY_LABEL_WIDTH = 58 * mm
BAR_ROW = 11 * mm  # height per question
CHART_QUESTIONS = 15  # questions per chart: 15 rows and the legend fit on a portrait page


def _category_labels(questions: list[QuestionResult], start: int = 0) -> list[str]:
    """Question texts wrapped for the chart's left side: numbered, at most three lines."""
    labels = []
    for number, question in enumerate(questions, start + 1):
        lines = simpleSplit(f"{number}. {question.text}", fonts.REGULAR, CHART_FONT_SIZE, CATEGORY_LABEL_WIDTH - 4)
        if len(lines) > 3:
            lines = lines[:3]
            lines[-1] = lines[-1].rstrip() + "…"
        labels.append("\n".join(lines) or f"{number}.")
    return labels


def _row_height(labels: list[str]) -> float:
    """Room per question: BAR_ROW, more when a label takes three lines."""
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    return max(BAR_ROW, lines * CHART_FONT_SIZE * 1.2 + 6)


def _style_axes(chart: HorizontalBarChart) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = fonts.REGULAR
        axis.labels.fontSize = CHART_FONT_SIZE
        axis.strokeColor = colors.HexColor("#888888")
        axis.strokeWidth = 0.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -6
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.leading = CHART_FONT_SIZE * 1.2
    chart.categoryAxis.reverseDirection = 1  # the first question on top
    chart.categoryAxis.visibleTicks = 0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labelTextFormat = lambda value: f"{value:.0f} %"
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.barLabels.fontName = fonts.REGULAR
    chart.barLabels.fontSize = CHART_FONT_SIZE


def _drawing(width: float, height: float) -> Drawing:
    return Drawing(width, height, initialFontName=fonts.REGULAR, initialFontSize=CHART_FONT_SIZE)


def distribution_chart(questions: list[QuestionResult], width: float, start: int = 0) -> Drawing:
    """One bar per question, 100 % long, split into the five levels; the
    number of answers printed on each part wide enough for it."""
    fonts.register_fonts()
    legend_height = 14 * mm
    labels = _category_labels(questions, start)
    row = _row_height(labels)
    plot_height = row * len(questions)
    height = plot_height + 8 * mm + legend_height
    drawing = _drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = CATEGORY_LABEL_WIDTH
    chart.y = legend_height + 6 * mm
    chart.width = width - CATEGORY_LABEL_WIDTH - 6 * mm
    chart.height = plot_height
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = labels
    shares, counts = [], []
    for level in range(len(SCALE)):
        row_shares, row_labels = [], []
        for question in questions:
            answered = sum(question.counts)
            count = question.counts[level]
            share = 100 * count / answered if answered else 0
            row_shares.append(share)
            row_labels.append(str(count) if count and share >= 4 else "")
        if level == 0:
            row_labels = [label if sum(q.counts) else "chưa có câu trả lời" for label, q in zip(row_labels, questions)]
        shares.append(row_shares)
        counts.append(row_labels)
    chart.data = shares
    chart.barLabelFormat = "values"
    chart.barLabelArray = counts
    chart.barWidth = row * 0.62
    chart.groupSpacing = row * 0.38
    _style_axes(chart)
    chart.barLabels.boxTarget = "mid"
    chart.barLabels.boxAnchor = "c"
    chart.barLabels.nudge = 0
    for level, colour in enumerate(SCALE_COLOURS):
        chart.bars[level].fillColor = colors.HexColor(colour)
        chart.bars[level].strokeColor = colors.white
        chart.bars[level].strokeWidth = 0.6
        for column in range(len(questions)):
            chart.barLabels[(level, column)].fillColor = colors.HexColor(SCALE_LABEL_INK[level])
    for column, question in enumerate(questions):
        if not sum(question.counts):  # nothing to draw: say so, from the axis rightwards
            chart.barLabels[(0, column)].boxAnchor = "w"
            chart.barLabels[(0, column)].dx = 4
            chart.barLabels[(0, column)].fontName = fonts.ITALIC
            chart.barLabels[(0, column)].fillColor = GREY
            chart.barLabels[(0, column)].boxFillColor = colors.white  # over the grid lines
    drawing.add(chart)

    legend = Legend()
    legend.fontName = fonts.REGULAR
    legend.fontSize = CHART_FONT_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.boxAnchor = "n"
    legend.x = width / 2
    legend.y = legend_height - 2 * mm
    legend.dx = 7
    legend.dy = 7
    legend.variColumn = 1  # columns as wide as their names, autoXPadding apart
    legend.autoXPadding = 14
    legend.dxTextSpace = 4
    legend.strokeWidth = 0
    legend.colorNamePairs = [(colors.HexColor(c), level) for c, level in zip(SCALE_COLOURS, SCALE)]
    drawing.add(legend)
    return drawing


def share_chart(questions: list[QuestionResult], width: float, start: int = 0) -> Drawing:
    """One bar per question: the share "hài lòng" and "rất hài lòng", labelled "87,5 %"."""
    fonts.register_fonts()
    labels = _category_labels(questions, start)
    row = _row_height(labels)
    plot_height = row * len(questions)
    height = plot_height + 9 * mm
    drawing = _drawing(width, height)
    chart = HorizontalBarChart()
    chart.x = CATEGORY_LABEL_WIDTH
    chart.y = 7 * mm
    chart.width = width - CATEGORY_LABEL_WIDTH - 18 * mm  # room for the label after a full bar
    chart.height = plot_height
    chart.categoryAxis.categoryNames = labels
    chart.data = [[100 * (q.satisfied_share or 0) for q in questions]]
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[percent(q.satisfied_share) if q.satisfied_share is not None else "chưa có" for q in questions]]
    chart.barWidth = row * 0.55
    chart.groupSpacing = row * 0.45
    _style_axes(chart)
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.nudge = 5
    chart.barLabels.fontName = fonts.BOLD
    chart.barLabels.fillColor = INK
    chart.bars[0].fillColor = colors.HexColor(SHARE_COLOUR)
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    return drawing


__all__ = [
    "SCALE",
    "OpinionLine",
    "QuestionResult",
    "SurveySummary",
    "opinions_pdf",
    "percent",
    "poster_pdf",
    "survey_pdf",
]
