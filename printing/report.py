"""The results report (báo cáo kết quả) a site sends to the level above after
the event day: a one-page summary of the key figures with a small chart,
then one section per part of the day — programme, delegates, awards, gifts,
the "phần hội" counters, the people's opinions, the satisfaction survey and
the audit trail — each with its table, and a chart where it says it faster.

Pure: data in, PDF bytes out. `event` has organizing_body, title, year,
place and date_text (printing.delegates.EventInfo does). Charts are set in
Noto Sans, like printing.forum's."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from printing import fonts
from printing.delegates import clean
from printing.forum import QuestionResult, share_chart
from printing.layout import MARGIN, build_document, head_row, table, text_markup
from printing.money import amount_in_words, format_number, format_vnd

HEADING_TEMPLATE = "BÁO CÁO KẾT QUẢ TỔ CHỨC NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM {year}"
NOTHING_YET = "Chưa có số liệu nào được ghi nhận."
NONE_ROW = "Không có số liệu."

WIDTH = A4[0] - 2 * MARGIN
PLANNED_COLOUR = "#b9c7dc"
DONE_COLOUR = "#1f5fb4"
CHART_FONT_SIZE = 8.5
CHART_LABEL_WIDTH = 52 * mm
CHART_ROW = 9 * mm
CHART_MAX_ROWS = 12

PROGRAMME_STATUSES = {
    "pending": "Chưa diễn ra",
    "current": "Đang diễn ra",
    "done": "Đã xong",
    "skipped": "Đã bỏ qua",
}
DONE_STATUSES = {"done", "Đã xong"}
SKIPPED_STATUSES = {"skipped", "Đã bỏ qua"}


@dataclass
class Row:
    """A generic "label, planned, done" row."""

    label: str
    planned: int
    done: int
    amount_planned: int | None = None  # đồng, for gifts
    amount_done: int | None = None


@dataclass
class ProgrammeRow:
    number: int
    title: str
    planned_start: str  # "07:30"
    planned_minutes: int
    actual_start: str  # "07:32" or ""
    actual_end: str
    actual_minutes: int | None
    status: str  # pending/current/done/skipped, or its Vietnamese label


@dataclass
class Report:
    event: object  # EventInfo-like: organizing_body, title, year, place, date_text
    generated_at: str  # "15/08/2024 11:42"
    programme: list[ProgrammeRow] = field(default_factory=list)
    attendance_by_level: list[Row] = field(default_factory=list)  # planned = invited, done = present
    attendance_by_group: list[Row] = field(default_factory=list)
    walk_ins: int = 0
    awards_by_form: list[Row] = field(default_factory=list)  # planned recipients, handed
    awards_by_decision: list[Row] = field(default_factory=list)
    gifts_by_package: list[Row] = field(default_factory=list)  # packages allocated vs handed, with amounts
    gifts_by_source: list[Row] = field(default_factory=list)
    gift_budget: int = 0  # đồng: all packages' quantity × value
    counters: list[Row] = field(default_factory=list)  # label = activity/station, done = people served / items
    opinions_by_topic: list[Row] = field(default_factory=list)  # planned = received, done = answered
    opinions_by_status: list[tuple[str, int]] = field(default_factory=list)
    opinions_pending: list[str] = field(default_factory=list)  # still to answer: its length is the count printed
    opinions_in_writing: int = 0  # of opinions_pending, those a unit answers in writing
    opinions_hidden: int = 0  # received but hidden by the moderators: not to answer
    survey_responses: int = 0
    survey_rows: list[tuple[str, float | None]] = field(default_factory=list)  # criterion, share satisfied
    survey_overall: float | None = None
    audit_count: int = 0
    empty: bool = False  # True when nothing has been recorded yet


# --- figures -------------------------------------------------------------------


def percent(share: float | None) -> str:
    """0.875 -> "87,5 %"; None -> "—"."""
    if share is None:
        return "—"
    return f"{share * 100:.1f}".replace(".", ",") + " %"


def ratio(done: int, planned: int) -> str:
    """done/planned as "87,5 %", "—" when nothing was planned."""
    return percent(done / planned) if planned else "—"


def _nb(text: str) -> str:
    """Escaped, with no line break inside ("87,5 %", "1.500.000 đ")."""
    return escape(text).replace(" ", "&nbsp;")


def _money(amount: int | None) -> str:
    return _nb(format_vnd(amount)) if amount is not None else "—"


def _total(rows: list[Row], attribute: str) -> int:
    return sum(getattr(row, attribute) or 0 for row in rows)


def _amount_total(rows: list[Row], attribute: str) -> int | None:
    values = [getattr(row, attribute) for row in rows if getattr(row, attribute) is not None]
    return sum(values) if values else None


def _programme_counts(report: Report) -> tuple[int, int, int]:
    """Items carried out, items skipped, items in all."""
    done = sum(
        1
        for row in report.programme
        if row.status not in SKIPPED_STATUSES and (row.status in DONE_STATUSES or (row.actual_end or "").strip())
    )
    skipped = sum(1 for row in report.programme if row.status in SKIPPED_STATUSES)
    return done, skipped, len(report.programme)


def _opinion_counts(report: Report) -> tuple[int, int, int]:
    """Received, answered, still to answer: the last is the list printed under
    "Ý kiến còn phải trả lời", item for item (hidden opinions are not in it)."""
    received = _total(report.opinions_by_topic, "planned")
    answered = _total(report.opinions_by_topic, "done")
    return received, answered, len(report.opinions_pending)


def _opinion_details(report: Report) -> str:
    """" (2 chuyển trả lời bằng văn bản); 1 ý kiến đã ẩn", the parts there are."""
    text = ""
    if report.opinions_in_writing:
        text += f" (trong đó {report.opinions_in_writing} chuyển đơn vị trả lời bằng văn bản)"
    if report.opinions_hidden:
        text += f"; đã ẩn {report.opinions_hidden} (không phải trả lời)"
    return text


# --- the document ----------------------------------------------------------------


def report_pdf(report: Report) -> bytes:
    s = _styles()
    heading = HEADING_TEMPLATE.format(year=report.event.year)
    story: list = _summary(s, report)
    if not report.empty:
        story.append(PageBreak())
        story += _programme(s, report)
        story += _delegates(s, report)
        story += _awards(s, report)
        story += _gifts(s, report)
        story += _counters(s, report)
        story += _opinions(s, report)
        story += _survey(s, report)
        story += _audit(s, report)
    # The heading already names the event and its year: no subtitle repeating it.
    return build_document(report.event, heading, story, s, subtitle=None)


def _styles():
    s = fonts.stylesheet()
    s["DocTitle"].fontSize = 14.5
    s["DocTitle"].leading = 19
    for style in (
        fonts.paragraph_style("Section", 12.5, bold=True, keepWithNext=1, spaceBefore=14, spaceAfter=4),
        fonts.paragraph_style("Sub", 10.5, bold=True, keepWithNext=1, spaceBefore=8, spaceAfter=3),
        fonts.paragraph_style("Figure", 10.5, leading=13.5),
        fonts.paragraph_style("FigureValue", 10.5, leading=13.5, bold=True),
        fonts.paragraph_style("CellRight", 9.5, alignment=2),
        fonts.paragraph_style("Empty", 12.5, bold=True, alignment=1, spaceBefore=18, spaceAfter=6),
        fonts.paragraph_style("Words", 9.5, italic=True, spaceBefore=3, spaceAfter=1),
    ):
        s.add(style)
    return s


def _summary(s, report: Report) -> list:
    story: list = [Paragraph(f"Thời điểm lập báo cáo: {text_markup(report.generated_at)}", s["Meta"])]
    if report.empty:
        story += [
            Paragraph(NOTHING_YET, s["Empty"]),
            Paragraph(
                "Báo cáo sẽ có số liệu khi chương trình, đại biểu, khen thưởng, quà tặng, phần hội, "
                "ý kiến hoặc khảo sát được ghi nhận trên hệ thống.",
                s["Muted"],
            ),
        ]
        return story

    invited = _total(report.attendance_by_level, "planned")
    present = _total(report.attendance_by_level, "done")
    done, skipped, items = _programme_counts(report)
    awards_planned = _total(report.awards_by_form, "planned")
    awards_done = _total(report.awards_by_form, "done")
    gifts_planned = _total(report.gifts_by_package, "planned")
    gifts_done = _total(report.gifts_by_package, "done")
    gift_money_done = _amount_total(report.gifts_by_package, "amount_done") or 0
    gift_money_planned = _amount_total(report.gifts_by_package, "amount_planned") or 0
    served = _total(report.counters, "done")
    received, answered, pending = _opinion_counts(report)

    programme = f"<b>{done}/{items}</b> mục đã thực hiện"
    if skipped:
        programme += f" ({skipped} mục bỏ qua)"
    figures = [
        ("Đại biểu có mặt / được mời", f"<b>{present}/{invited}</b> ({_nb(ratio(present, invited))})"),
        ("Khách không có giấy mời", f"<b>{report.walk_ins}</b> người"),
        ("Chương trình", programme),
        ("Khen thưởng đã trao / kế hoạch", f"<b>{awards_done}/{awards_planned}</b> ({_nb(ratio(awards_done, awards_planned))})"),
        (
            "Quà đã trao / kế hoạch",
            f"<b>{gifts_done}/{gifts_planned}</b> suất; <b>{_money(gift_money_done)}</b> / {_money(gift_money_planned)}"
            f"<br/>Ngân sách: {_money(report.gift_budget)}",
        ),
        ("Phần hội", f"<b>{format_number(served)}</b> lượt người được phục vụ tại {len(report.counters)} hoạt động"),
        (
            "Ý kiến Nhân dân",
            f"tiếp nhận <b>{received}</b>, đã trả lời <b>{answered}</b>, còn phải trả lời <b>{pending}</b>"
            + escape(_opinion_details(report)),
        ),
        (
            "Hài lòng",
            f"<b>{_nb(percent(report.survey_overall))}</b> hài lòng trên <b>{report.survey_responses}</b> phiếu khảo sát",
        ),
        ("Nhật ký thay đổi", f"<b>{report.audit_count}</b> thay đổi được ghi nhận"),
    ]
    rows = [[Paragraph(escape(label), s["Figure"]), Paragraph(value, s["Figure"])] for label, value in figures]
    figures_table = table(
        [head_row(s, "Chỉ tiêu", "Kết quả"), *rows],
        [62 * mm, None],
        WIDTH,
        [("BACKGROUND", (0, 1), (0, -1), colors.HexColor("#f4f4f4"))],
    )
    story += [Paragraph("TÓM TẮT KẾT QUẢ", s["Section"]), figures_table]
    if report.attendance_by_level:
        story += [
            Paragraph("Đại biểu có mặt so với được mời, theo cấp", s["Sub"]),
            pair_chart(report.attendance_by_level[:CHART_MAX_ROWS], WIDTH, "Được mời", "Có mặt"),
        ]
    return story


def _section(s, title: str) -> Paragraph:
    return Paragraph(escape(title), s["Section"])


def _none(s) -> Paragraph:
    return Paragraph(NONE_ROW, s["Muted"])


def _programme(s, report: Report) -> list:
    story: list = [_section(s, "I. CHƯƠNG TRÌNH")]
    if not report.programme:
        return story + [_none(s)]
    done, skipped, items = _programme_counts(report)
    planned = sum(row.planned_minutes or 0 for row in report.programme)
    actual = sum(row.actual_minutes or 0 for row in report.programme)
    story.append(
        Paragraph(
            f"Đã thực hiện {done}/{items} mục"
            + (f", bỏ qua {skipped} mục" if skipped else "")
            + f"; thời lượng dự kiến {planned} phút, thực tế {actual} phút.",
            s["Meta"],
        )
    )
    rows = [head_row(s, "STT", "Nội dung", "Dự kiến bắt đầu", "Dự kiến (phút)", "Thực tế", "Thực tế (phút)", "Trạng thái")]
    for row in report.programme:
        when = " – ".join(part for part in (text_markup(row.actual_start), text_markup(row.actual_end)) if part)
        rows.append(
            [
                Paragraph(str(row.number), s["CellCenter"]),
                Paragraph(text_markup(row.title), s["Cell"]),
                Paragraph(text_markup(row.planned_start) or "—", s["CellCenter"]),
                Paragraph(str(row.planned_minutes), s["CellCenter"]),
                Paragraph(when.replace(" ", "&nbsp;") or "—", s["CellCenter"]),
                Paragraph(_minutes(row), s["CellCenter"]),
                Paragraph(text_markup(PROGRAMME_STATUSES.get(row.status, row.status)), s["CellCenter"]),
            ]
        )
    rows.append(
        [
            Paragraph("", s["Cell"]),
            Paragraph("<b>Tổng</b>", s["Cell"]),
            Paragraph("", s["Cell"]),
            Paragraph(f"<b>{planned}</b>", s["CellCenter"]),
            Paragraph("", s["Cell"]),
            Paragraph(f"<b>{actual}</b>", s["CellCenter"]),
            Paragraph("", s["Cell"]),
        ]
    )
    widths = [11 * mm, None, 19 * mm, 17 * mm, 26 * mm, 17 * mm, 27 * mm]
    story.append(table(rows, widths, WIDTH, _total_row_style()))
    return story


def _minutes(row: ProgrammeRow) -> str:
    if row.actual_minutes is None:
        return "—"
    difference = row.actual_minutes - (row.planned_minutes or 0)
    if not difference or not row.planned_minutes:
        return str(row.actual_minutes)
    colour = "#b00020" if difference > 0 else "#1b6e20"
    return f'{row.actual_minutes} <font size="8" color="{colour}">({difference:+d})</font>'


def _total_row_style() -> list:
    return [("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f4f4f4"))]


def _counts_table(s, rows: list[Row], label: str, planned: str, done: str, share: str = "Tỷ lệ") -> list:
    """Label, planned, done, share, with a total row."""
    if not rows:
        return [_none(s)]
    body = [head_row(s, "STT", label, planned, done, share)]
    for number, row in enumerate(rows, 1):
        body.append(
            [
                Paragraph(str(number), s["CellCenter"]),
                Paragraph(text_markup(row.label), s["Cell"]),
                Paragraph(format_number(row.planned), s["CellCenter"]),
                Paragraph(format_number(row.done), s["CellCenter"]),
                Paragraph(_nb(ratio(row.done, row.planned)), s["CellCenter"]),
            ]
        )
    total_planned, total_done = _total(rows, "planned"), _total(rows, "done")
    body.append(
        [
            Paragraph("", s["Cell"]),
            Paragraph("<b>Tổng</b>", s["Cell"]),
            Paragraph(f"<b>{format_number(total_planned)}</b>", s["CellCenter"]),
            Paragraph(f"<b>{format_number(total_done)}</b>", s["CellCenter"]),
            Paragraph(f"<b>{_nb(ratio(total_done, total_planned))}</b>", s["CellCenter"]),
        ]
    )
    return [table(body, [11 * mm, None, 28 * mm, 28 * mm, 24 * mm], WIDTH, _total_row_style())]


def _delegates(s, report: Report) -> list:
    story: list = [_section(s, "II. ĐẠI BIỂU")]
    invited = _total(report.attendance_by_level, "planned")
    present = _total(report.attendance_by_level, "done")
    story.append(
        Paragraph(
            f"Có mặt {present}/{invited} đại biểu được mời ({_nb(ratio(present, invited))}); "
            f"khách không có giấy mời: {report.walk_ins} người.",
            s["Meta"],
        )
    )
    story.append(Paragraph("1. Theo cấp", s["Sub"]))
    story += _counts_table(s, report.attendance_by_level, "Cấp", "Được mời", "Có mặt")
    story.append(Paragraph("2. Theo nhóm", s["Sub"]))
    story += _counts_table(s, report.attendance_by_group, "Nhóm", "Được mời", "Có mặt")
    if report.attendance_by_group:
        story.append(
            KeepTogether(
                [Spacer(1, 6), pair_chart(report.attendance_by_group[:CHART_MAX_ROWS], WIDTH, "Được mời", "Có mặt")]
            )
        )
    story.append(Paragraph(f"3. Khách không có giấy mời: <b>{report.walk_ins}</b> người.", s["Sub"]))
    return story


def _awards(s, report: Report) -> list:
    story: list = [_section(s, "III. KHEN THƯỞNG")]
    story.append(Paragraph("1. Theo hình thức khen thưởng", s["Sub"]))
    story += _counts_table(s, report.awards_by_form, "Hình thức", "Kế hoạch", "Đã trao")
    story.append(Paragraph("2. Theo quyết định", s["Sub"]))
    story += _counts_table(s, report.awards_by_decision, "Quyết định", "Kế hoạch", "Đã trao")
    return story


def _gift_table(s, rows: list[Row], label: str) -> list:
    if not rows:
        return [_none(s)]
    body = [head_row(s, label, "Suất phân bổ", "Suất đã trao", "Tiền phân bổ", "Tiền đã trao", "Tỷ lệ")]
    for row in rows:
        body.append(
            [
                Paragraph(text_markup(row.label), s["Cell"]),
                Paragraph(format_number(row.planned), s["CellCenter"]),
                Paragraph(format_number(row.done), s["CellCenter"]),
                Paragraph(_money(row.amount_planned), s["CellRight"]),
                Paragraph(_money(row.amount_done), s["CellRight"]),
                Paragraph(_nb(ratio(row.done, row.planned)), s["CellCenter"]),
            ]
        )
    planned, done = _total(rows, "planned"), _total(rows, "done")
    body.append(
        [
            Paragraph("<b>Tổng</b>", s["Cell"]),
            Paragraph(f"<b>{format_number(planned)}</b>", s["CellCenter"]),
            Paragraph(f"<b>{format_number(done)}</b>", s["CellCenter"]),
            Paragraph(f"<b>{_money(_amount_total(rows, 'amount_planned'))}</b>", s["CellRight"]),
            Paragraph(f"<b>{_money(_amount_total(rows, 'amount_done'))}</b>", s["CellRight"]),
            Paragraph(f"<b>{_nb(ratio(done, planned))}</b>", s["CellCenter"]),
        ]
    )
    return [table(body, [None, 21 * mm, 21 * mm, 30 * mm, 30 * mm, 18 * mm], WIDTH, _total_row_style())]


def _gifts(s, report: Report) -> list:
    story: list = [_section(s, "IV. TẶNG QUÀ")]
    planned = _total(report.gifts_by_package, "planned")
    done = _total(report.gifts_by_package, "done")
    money_done = _amount_total(report.gifts_by_package, "amount_done") or 0
    story.append(
        Paragraph(
            f"Đã trao {done}/{planned} suất quà, trị giá {_money(money_done)}; "
            f"ngân sách {_money(report.gift_budget)} (đã dùng {_nb(ratio(money_done, report.gift_budget))}).",
            s["Meta"],
        )
    )
    story.append(Paragraph("1. Theo gói quà", s["Sub"]))
    story += _gift_table(s, report.gifts_by_package, "Gói quà")
    story.append(Paragraph("2. Theo nguồn kinh phí", s["Sub"]))
    story += _gift_table(s, report.gifts_by_source, "Nguồn kinh phí")
    story.append(Paragraph("3. So với ngân sách", s["Sub"]))
    remaining = report.gift_budget - money_done
    lines = [
        ("Ngân sách quà tặng", report.gift_budget),
        ("Giá trị quà đã trao", money_done),
        ("Còn lại chưa trao", remaining),
    ]
    for label, amount in lines:
        story.append(
            Paragraph(f"{escape(label)}: <b>{_money(amount)}</b>", s["Body"])
        )
        story.append(Paragraph(f"Bằng chữ: {escape(amount_in_words(amount))}.", s["Words"]))
    return story


def _counters(s, report: Report) -> list:
    story: list = [_section(s, "V. PHẦN HỘI")]
    if not report.counters:
        return story + [_none(s)]
    total = _total(report.counters, "done")
    story.append(Paragraph(f"Tổng số lượt phục vụ: {format_number(total)}.", s["Meta"]))
    body = [head_row(s, "STT", "Hoạt động, gian hàng", "Số lượt người được phục vụ / hiện vật tiếp nhận")]
    for number, row in enumerate(report.counters, 1):
        body.append(
            [
                Paragraph(str(number), s["CellCenter"]),
                Paragraph(text_markup(row.label), s["Cell"]),
                Paragraph(format_number(row.done), s["CellCenter"]),
            ]
        )
    body.append(
        [
            Paragraph("", s["Cell"]),
            Paragraph("<b>Tổng</b>", s["Cell"]),
            Paragraph(f"<b>{format_number(total)}</b>", s["CellCenter"]),
        ]
    )
    story.append(table(body, [11 * mm, None, 60 * mm], WIDTH, _total_row_style()))
    return story


def _opinions(s, report: Report) -> list:
    story: list = [_section(s, "VI. Ý KIẾN NHÂN DÂN")]
    received, answered, pending = _opinion_counts(report)
    story.append(
        Paragraph(
            f"Tiếp nhận {received} ý kiến, kiến nghị; đã trả lời tại chỗ {answered}; "
            f"còn phải trả lời {pending}{escape(_opinion_details(report))}.",
            s["Meta"],
        )
    )
    story.append(Paragraph("1. Theo lĩnh vực", s["Sub"]))
    story += _counts_table(s, report.opinions_by_topic, "Lĩnh vực", "Tiếp nhận", "Đã trả lời")
    story.append(Paragraph("2. Theo trạng thái", s["Sub"]))
    if report.opinions_by_status:
        body = [head_row(s, "Trạng thái", "Số ý kiến")]
        for label, count in report.opinions_by_status:
            body.append([Paragraph(text_markup(label), s["Cell"]), Paragraph(str(count), s["CellCenter"])])
        story.append(table(body, [None, 30 * mm], WIDTH * 0.6))
    else:
        story.append(_none(s))
    story.append(Paragraph("3. Ý kiến còn phải trả lời", s["Sub"]))
    if report.opinions_pending:
        body = [head_row(s, "STT", "Nội dung, đơn vị chịu trách nhiệm, hạn trả lời")]
        for number, line in enumerate(report.opinions_pending, 1):
            body.append([Paragraph(str(number), s["CellCenter"]), Paragraph(text_markup(line), s["Cell"])])
        story.append(table(body, [11 * mm, None], WIDTH, [("VALIGN", (0, 1), (-1, -1), "TOP")]))
    else:
        story.append(Paragraph("Không còn ý kiến nào phải trả lời.", s["Muted"]))
    return story


def _survey(s, report: Report) -> list:
    story: list = [_section(s, "VII. KHẢO SÁT SỰ HÀI LÒNG")]
    story.append(
        Paragraph(
            f"Số phiếu: <b>{report.survey_responses}</b>; tỷ lệ hài lòng chung: "
            f"<b>{_nb(percent(report.survey_overall))}</b>.",
            s["Body"],
        )
    )
    if not report.survey_rows:
        return story + [_none(s)]
    body = [head_row(s, "STT", "Tiêu chí", "Hài lòng và rất hài lòng")]
    for number, (criterion, share) in enumerate(report.survey_rows, 1):
        body.append(
            [
                Paragraph(str(number), s["CellCenter"]),
                Paragraph(text_markup(criterion), s["Cell"]),
                Paragraph(_nb(percent(share)), s["CellCenter"]),
            ]
        )
    body.append(
        [
            Paragraph("", s["Cell"]),
            Paragraph("<b>Chung</b>", s["Cell"]),
            Paragraph(f"<b>{_nb(percent(report.survey_overall))}</b>", s["CellCenter"]),
        ]
    )
    story.append(table(body, [11 * mm, None, 40 * mm], WIDTH, _total_row_style()))
    questions = [QuestionResult(clean(c), [0] * 5, share) for c, share in report.survey_rows[:15]]
    story.append(
        KeepTogether([Paragraph("Tỷ lệ hài lòng và rất hài lòng theo tiêu chí", s["Sub"]), share_chart(questions, WIDTH)])
    )
    return story


def _audit(s, report: Report) -> list:
    return [
        _section(s, "VIII. NHẬT KÝ THAY ĐỔI"),
        Paragraph(
            f"Đã ghi nhận {report.audit_count} thay đổi trong ngày (xem tệp Excel đi kèm).", s["Body"]
        ),
    ]


# --- chart -------------------------------------------------------------------------


def pair_chart(rows: list[Row], width: float, planned_name: str, done_name: str) -> Drawing:
    """Two bars per row, planned (light) and done (dark), each labelled with its count."""
    fonts.register_fonts()
    labels = []
    for row in rows:
        lines = simpleSplit(" ".join((row.label or "").split()), fonts.REGULAR, CHART_FONT_SIZE, CHART_LABEL_WIDTH - 8)
        if len(lines) > 2:
            lines = lines[:2]
            lines[-1] = lines[-1].rstrip() + "…"
        labels.append("\n".join(lines))
    legend_height = 8 * mm
    plot_height = CHART_ROW * len(rows)
    drawing = Drawing(width, plot_height + legend_height + 7 * mm, initialFontName=fonts.REGULAR,
                      initialFontSize=CHART_FONT_SIZE)
    chart = HorizontalBarChart()
    chart.x = CHART_LABEL_WIDTH
    chart.y = legend_height + 6 * mm
    chart.width = width - CHART_LABEL_WIDTH - 14 * mm
    chart.height = plot_height
    # series 0 is drawn lowest in each group: done under planned, as the legend reads
    chart.data = [[row.done for row in rows], [row.planned for row in rows]]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.visibleTicks = 0
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.textAnchor = "end"
    chart.categoryAxis.labels.dx = -6
    chart.categoryAxis.labels.leading = CHART_FONT_SIZE * 1.2
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = fonts.REGULAR
        axis.labels.fontSize = CHART_FONT_SIZE
        axis.strokeColor = colors.HexColor("#888888")
        axis.strokeWidth = 0.5
    biggest = max([row.planned for row in rows] + [row.done for row in rows] + [1])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = biggest
    chart.valueAxis.forceZero = 1
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.gridStrokeWidth = 0.4
    chart.valueAxis.labelTextFormat = lambda value: format_number(int(round(value)))
    chart.barWidth = CHART_ROW * 0.3
    chart.groupSpacing = CHART_ROW * 0.4
    chart.barSpacing = 0
    chart.barLabelFormat = lambda value: format_number(int(round(value)))
    chart.barLabels.fontName = fonts.REGULAR
    chart.barLabels.fontSize = CHART_FONT_SIZE - 0.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.nudge = 4
    chart.bars[0].fillColor = colors.HexColor(DONE_COLOUR)
    chart.bars[1].fillColor = colors.HexColor(PLANNED_COLOUR)
    for bar in (chart.bars[0], chart.bars[1]):
        bar.strokeColor = None
    drawing.add(chart)

    legend = Legend()
    legend.fontName = fonts.REGULAR
    legend.fontSize = CHART_FONT_SIZE
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.boxAnchor = "n"
    legend.x = CHART_LABEL_WIDTH + chart.width / 2
    legend.y = legend_height - 1 * mm
    legend.dx = 7
    legend.dy = 7
    legend.variColumn = 1
    legend.autoXPadding = 14
    legend.dxTextSpace = 4
    legend.strokeWidth = 0
    legend.colorNamePairs = [(colors.HexColor(PLANNED_COLOUR), planned_name), (colors.HexColor(DONE_COLOUR), done_name)]
    drawing.add(legend)
    return drawing


__all__ = ["ProgrammeRow", "Report", "Row", "pair_chart", "percent", "ratio", "report_pdf"]
