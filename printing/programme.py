"""The ceremony programme on paper: the printed programme, the MC's script and,
after the ceremony, the rundown of planned against actual times."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable, Paragraph, Spacer

from printing import fonts
from printing.layout import MARGIN, build_document, head_row, paragraphs, table, text_markup

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
STATUS_LABELS = {
    "pending": "Chưa diễn ra",
    "current": "Đang diễn ra",
    "done": "Đã xong",
    "skipped": "Đã bỏ qua",
}
OVERRUN = "#b00020"  # difference colours: over time, ahead of time
AHEAD = "#1b6e20"


@dataclass
class ScriptNames:
    """The people the MC introduces, printed after the item's script."""
    groups: list[tuple[str, list[str]]]  # ("Về phía lãnh đạo tỉnh, có:", ["Đồng chí ..., Phó Chủ tịch ...", ...])
    note: str = ""  # e.g. "(Danh sách mời, chưa điểm danh...)": the list is not who is present
    closing: str = ""  # "Cùng toàn thể các vị đại biểu..."


@dataclass
class ProgrammeLine:
    number: int  # from the order, 1-based
    title: str
    kind_label: str  # e.g. "Phát biểu, diễn văn"
    optional: bool  # "nếu có"
    speaker: str
    planned_seconds: int
    planned_start: datetime | None = None  # local (Asia/Ho_Chi_Minh) aware datetime
    actual_start: datetime | None = None  # aware, any time zone
    actual_end: datetime | None = None
    status: str = "pending"  # pending, current, done, skipped
    script: str = ""  # the MC's script, may be multi-line
    cues: list[str] = field(default_factory=list)  # stage cues: "Nhạc Quốc ca", "Micro", ...
    notes: str = ""
    names: ScriptNames | None = None  # for the introduction: the names to read after the script


@dataclass
class ProgrammeDocument:
    organizing_body: str  # e.g. "Ban Chỉ đạo ANTT xã Cẩm Tân"
    title: str  # "Ngày hội toàn dân bảo vệ an ninh Tổ quốc"
    year: int
    place: str
    date_text: str  # "15/08/2024"
    lines: list[ProgrammeLine]


# --- the three documents ---------------------------------------------------


def programme_pdf(doc: ProgrammeDocument) -> bytes:
    s = fonts.stylesheet()
    rows = [head_row(s, "STT", "Nội dung", "Thời lượng", "Dự kiến")]
    for line in doc.lines:
        content = [Paragraph(_title_markup(line), s["Cell"])]
        if line.speaker:
            content.append(Paragraph(text_markup(line.speaker), s["CellMuted"]))
        rows.append(
            [
                Paragraph(str(line.number), s["CellCenter"]),
                content,
                Paragraph(_duration(line.planned_seconds), s["CellCenter"]),
                Paragraph(_hhmm(line.planned_start), s["CellCenter"]),
            ]
        )
    return build_document(doc, "CHƯƠNG TRÌNH", [table(rows, [14 * mm, None, 26 * mm, 22 * mm], A4[0] - 2 * MARGIN)], s)


def mc_script_pdf(doc: ProgrammeDocument) -> bytes:
    s = fonts.stylesheet()
    story = []
    for line in doc.lines:
        story.append(Paragraph(f"{line.number}. {_title_markup(line)}", s["Heading"]))
        meta = [line.kind_label, _duration(line.planned_seconds)]
        if line.planned_start:
            meta.append(f"dự kiến {_hhmm(line.planned_start)}")
        story.append(Paragraph(" · ".join(text_markup(m) for m in meta if m), s["Meta"]))
        if line.cues:
            story.append(Paragraph(f"<b>Chuẩn bị:</b> {text_markup(', '.join(line.cues))}", s["Body"]))
        if line.speaker:
            story.append(Paragraph(f"<b>Người trình bày:</b> {text_markup(line.speaker)}", s["Body"]))
        if line.script.strip():
            story += [Paragraph(p, s["Script"]) for p in paragraphs(line.script)]
        else:
            story.append(Paragraph("(Chưa có lời dẫn)", s["Muted"]))
        if line.names is not None:
            story += _script_names(s, line.names)
        if line.notes.strip():
            notes = paragraphs(line.notes)
            story.append(Paragraph(f"<b>Ghi chú:</b> <i>{'<br/>'.join(notes)}</i>", s["Body"]))
        story.append(HRFlowable(width="100%", thickness=0.4, color=colors.lightgrey, spaceBefore=6))
    return build_document(doc, "KỊCH BẢN DẪN CHƯƠNG TRÌNH", story, s)


def rundown_pdf(doc: ProgrammeDocument) -> bytes:
    s = fonts.stylesheet()
    rows = [
        head_row(
            s,
            "STT",
            "Nội dung",
            "Dự kiến",
            "Thời lượng dự kiến (phút)",
            "Bắt đầu thực tế",
            "Kết thúc thực tế",
            "Thực tế (phút)",
            "Chênh lệch (phút)",
            "Trạng thái",
        )
    ]
    extra_style = []
    planned_total = actual_total = difference_total = 0
    unmeasured = 0
    for line in doc.lines:
        planned = _round_minutes(line.planned_seconds)
        planned_total += planned
        actual = difference = None
        if line.actual_start and line.actual_end:
            # Whole minutes, and the difference from the displayed numbers, so the columns add up by hand.
            actual = _round_minutes((line.actual_end - line.actual_start).total_seconds())
            difference = actual - planned
            actual_total += actual
            difference_total += difference
        else:
            unmeasured += 1
        center = s["CellCenter"]
        rows.append(
            [
                Paragraph(str(line.number), center),
                Paragraph(_title_markup(line), s["Cell"]),
                Paragraph(_hhmm(line.planned_start), center),
                Paragraph(str(planned), center),
                Paragraph(_hhmm(line.actual_start), center),
                Paragraph(_hhmm(line.actual_end), center),
                Paragraph("" if actual is None else str(actual), center),
                Paragraph(_difference(difference), center),
                Paragraph(escape(STATUS_LABELS.get(line.status, line.status)), center),
            ]
        )
        if line.status == "skipped":
            row = len(rows) - 1
            extra_style.append(("BACKGROUND", (0, row), (-1, row), colors.HexColor("#f2f2f2")))

    starts = [line.actual_start for line in doc.lines if line.actual_start]
    ends = [line.actual_end for line in doc.lines if line.actual_end]
    planned_starts = [line.planned_start for line in doc.lines if line.planned_start]
    totals = [
        _hhmm(min(planned_starts, default=None)),
        str(planned_total),
        _hhmm(min(starts, default=None)),
        _hhmm(max(ends, default=None)),
        str(actual_total) if unmeasured < len(doc.lines) else "",
        _difference(difference_total if unmeasured < len(doc.lines) else None),
    ]
    rows.append(
        ["", Paragraph("<b>Tổng cộng</b>", s["Cell"])]
        + [Paragraph(f"<b>{value}</b>", s["CellCenter"]) for value in totals]
        + [""]
    )
    extra_style.append(("LINEABOVE", (0, -1), (-1, -1), 1, colors.black))
    widths = [12 * mm, None, 18 * mm, 24 * mm, 22 * mm, 22 * mm, 20 * mm, 22 * mm, 26 * mm]
    story = [table(rows, widths, landscape(A4)[0] - 2 * MARGIN, extra_style)]
    if 0 < unmeasured < len(doc.lines):
        story.append(Spacer(1, 4))
        story.append(
            Paragraph(
                f"Thực tế và chênh lệch tổng chỉ tính các mục có giờ bắt đầu và kết thúc; "
                f"{unmeasured} mục chưa diễn ra hoặc bỏ qua không được tính.",
                s["Muted"],
            )
        )
    return build_document(doc, "DIỄN BIẾN CHƯƠNG TRÌNH", story, s, pagesize=landscape(A4))


# --- shared pieces -----------------------------------------------------------


def _script_names(s, names: ScriptNames) -> list:
    heading = fonts.paragraph_style("ScriptNamesHeading", 12, bold=True, leftIndent=10, spaceBefore=4, spaceAfter=2)
    person = fonts.paragraph_style("ScriptName", 12, leading=16, leftIndent=24, spaceAfter=2)
    note = fonts.paragraph_style("ScriptNamesNote", 11, bold=True, italic=True, leftIndent=10, spaceAfter=4,
                                 textColor=colors.HexColor(OVERRUN))
    story = []
    if names.note.strip():
        story.append(Paragraph(text_markup(names.note), note))
    if not any(lines for _, lines in names.groups):
        story.append(Paragraph("(Chưa có đại biểu nào trong danh sách.)", s["Muted"]))
    for title, lines in names.groups:
        if title.strip():
            story.append(Paragraph(text_markup(title), heading))
        story += [Paragraph("–&nbsp;" + text_markup(name) + ";", person) for name in lines]
    if names.closing.strip():
        story.append(Paragraph(text_markup(names.closing), s["Script"]))
    return story


def _title_markup(line: ProgrammeLine) -> str:
    return text_markup(line.title) + (" <i>(nếu có)</i>" if line.optional else "")


def _hhmm(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is not None:  # a naive time is taken as already local
        moment = moment.astimezone(LOCAL_TZ)
    return moment.strftime("%H:%M")


def _duration(seconds: int) -> str:
    minutes, rest = divmod(int(seconds), 60)
    if rest and minutes:
        return f"{minutes} phút {rest} giây"
    return f"{rest} giây" if rest else f"{minutes} phút"


def _round_minutes(seconds: float) -> int:
    # Half away from zero (round() would round 2.5 minutes down to 2).
    minutes = int((abs(seconds) + 30) // 60)
    return -minutes if seconds < 0 else minutes


def _difference(minutes: int | None) -> str:
    if minutes is None:
        return ""
    if minutes > 0:
        return f'<font color="{OVERRUN}">+{minutes}</font>'
    if minutes < 0:
        return f'<font color="{AHEAD}">{minutes}</font>'
    return "0"
