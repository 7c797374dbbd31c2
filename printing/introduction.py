"""The MC's introduction of the delegates present (Tuyên bố lý do, giới thiệu
đại biểu), in protocol order, grouped by level, as the MC reads it."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.platypus import Paragraph, Spacer

from printing import fonts
from printing.layout import build_document


@dataclass
class IntroductionGroup:
    heading: str  # "Về phía lãnh đạo tỉnh, có:"
    lines: list[str]  # "Đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh"


def introduction_pdf(event, opening: str, groups: list[IntroductionGroup], closing: str) -> bytes:
    """`event` has organizing_body, title, year, place and date_text (EventInfo does)."""
    s = fonts.stylesheet()
    body = fonts.paragraph_style("IntroLine", 13, leftIndent=14, spaceAfter=4)
    heading = fonts.paragraph_style("IntroHeading", 13, bold=True, spaceBefore=8, spaceAfter=4)
    said = fonts.paragraph_style("IntroSaid", 13, italic=True, spaceBefore=6, spaceAfter=6)
    story = [Spacer(1, 6), Paragraph(escape(opening), said)]
    if not any(group.lines for group in groups):
        story.append(Paragraph("Chưa có đại biểu nào điểm danh.", s["Muted"]))
    for group in groups:
        story.append(Paragraph(escape(group.heading), heading))
        story.extend(Paragraph("–&nbsp;" + escape(line) + ";", body) for line in group.lines)
    story.append(Paragraph(escape(closing), said))
    return build_document(event, "GIỚI THIỆU ĐẠI BIỂU", story, s)
