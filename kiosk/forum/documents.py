"""The forum's papers: the hall poster with the QR codes, the opinions for
follow-up (.xlsx and PDF, with answers, pending ones, responsible units) and
the survey's results with their charts."""

from __future__ import annotations


from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from printing.forum import OpinionLine, QuestionResult, SurveySummary, opinions_pdf as draw_opinions
from printing.forum import poster_pdf, survey_pdf as draw_survey

from kiosk.delegates.documents import event_info
from kiosk.forum import service
from kiosk.forum.models import STATUSES, TOPICS
from kiosk.i18n import format_date, format_time
from kiosk.workbooks import append, saved


def poster(event, url: str, survey_url: str) -> bytes:
    return poster_pdf(event_info(event), url, survey_url)


def lines(event) -> list[OpinionLine]:
    made = []
    for number, o in enumerate((o for o in service.opinions_of(event) if o.status != "merged"), start=1):
        answer = f"{o.answered_by}: {o.answer_note}".strip(": ") if o.status == "answered" else ""
        made.append(OpinionLine(number=number, received_at=format_time(o.created_at, event.timezone),
                                topic=TOPICS.get(o.topic, o.topic), text=o.text, author=o.author_name or "Ẩn danh",
                                address=o.address, status=STATUSES.get(o.status, o.status), answer=answer,
                                responsible_unit=o.responsible_unit if o.status == "written" else "",
                                deadline=format_date(o.deadline) if o.deadline else ""))
    return made


def opinions_pdf(event) -> bytes:
    return draw_opinions(event_info(event), lines(event))


def opinions_xlsx(event) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Ý kiến"
    append(sheet, ["TỔNG HỢP Ý KIẾN, KIẾN NGHỊ CỦA NHÂN DÂN — " + event.place])
    sheet["A1"].font = Font(bold=True, size=13)
    append(sheet, ["STT", "Thời gian", "Lĩnh vực", "Nội dung", "Nội dung gốc", "Người gửi", "Địa chỉ", "Điện thoại",
                  "Trạng thái", "Người trả lời", "Nội dung trả lời", "Đơn vị trả lời bằng văn bản", "Hạn trả lời"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for number, o in enumerate(service.opinions_of(event), start=1):
        append(sheet, [number, format_time(o.created_at, event.timezone), TOPICS.get(o.topic, o.topic), o.text,
                      o.original_text, o.author_name or "Ẩn danh", o.address, o.phone,
                      STATUSES.get(o.status, o.status), o.answered_by, o.answer_note,
                      o.responsible_unit, format_date(o.deadline) if o.deadline else ""])
    for letter, width in zip("ABCDEFGHIJKLM", (6, 9, 22, 60, 40, 20, 20, 14, 18, 20, 40, 28, 12)):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return saved(book)


def survey_pdf(event) -> bytes:
    results = service.survey_results(event)
    summary = SurveySummary(responses=results["responses"],
                            questions=[QuestionResult(q["text"], q["counts"], q["satisfied"]) for q in results["questions"]],
                            comments=results["comments"])
    return draw_survey(event_info(event), summary)
