"""The results report (báo cáo kết quả) the level above asks for: gathered
from what the day recorded, the same figures the dashboard showed, as PDF and
.xlsx; and the overview of several sites with a row each and totals."""

from __future__ import annotations

from datetime import timedelta

from openpyxl import Workbook
from openpyxl.styles import Font
from printing.report import ProgrammeRow, Report, Row, report_pdf
from sqlalchemy import func, select

from kiosk.awards import service as awards
from kiosk.database import utcnow
from kiosk.delegates import service as delegates
from kiosk.delegates.documents import event_info
from kiosk.extensions import db
from kiosk.forum import service as forum
from kiosk.forum.models import STATUSES, TOPICS, Opinion
from kiosk.gifts import service as gifts
from kiosk.gifts.models import GiftPackage
from kiosk.i18n import format_date, format_time
from kiosk.programme import service as programme
from kiosk.programme.models import ITEM_STATUSES
from kiosk.reports import audit, counters
from kiosk.workbooks import append, saved


def minutes(seconds: float | None) -> int | None:
    return None if seconds is None else round(seconds / 60)


def build(event) -> Report:
    """Every figure of the report, from the services that own them."""
    attendance = delegates.attendance(event)
    detail = delegates.attendance_detail(event)
    award_summary = awards.awards_summary(event)
    gift_summary = gifts.gifts_summary(event)
    counted = counters.counters(event)
    survey = forum.survey_results(event)
    opinions = [o for o in forum.opinions_of(event) if o.status != "merged"]

    cursor = programme.local_datetime(event, event.ceremony_start)
    rows = []
    for number, item in programme.numbered(event):
        start = programme.local_datetime(event, item.hard_start) or cursor
        actual = (item.ended_at - item.started_at).total_seconds() if item.started_at and item.ended_at else None
        rows.append(ProgrammeRow(number=number, title=item.title, planned_start=start.strftime("%H:%M") if start else "",
                                 planned_minutes=minutes(item.planned_seconds), actual_start=format_time(item.started_at, event.timezone),
                                 actual_end=format_time(item.ended_at, event.timezone), actual_minutes=minutes(actual),
                                 status=ITEM_STATUSES.get(item.status, item.status)))
        cursor = start + timedelta(seconds=item.planned_seconds) if start else None

    # One partition of the opinions received: answered at the forum, still to
    # answer (the list the report prints, its count is that list's length) and
    # hidden by the moderators (never to answer). "written" ones wait for the
    # responsible unit's answer in writing: still to answer, with their deadline.
    to_answer = [o for o in opinions if o.status in PENDING_STATUSES]
    by_topic = {}
    for o in opinions:
        row = by_topic.setdefault(o.topic, Row(TOPICS.get(o.topic, o.topic), 0, 0))
        row.planned += 1
        row.done += o.status == "answered"
    budget = db.session.scalar(select(func.coalesce(func.sum(GiftPackage.quantity * GiftPackage.unit_value), 0))
                               .where(GiftPackage.event_id == event.id))
    report = Report(
        event=event_info(event), generated_at=format_date(utcnow(), event.timezone) + " " + format_time(utcnow(), event.timezone),
        programme=rows,
        attendance_by_level=[Row(r["label"], r["invited"], r["present"]) for r in detail["by_level"]],
        attendance_by_group=[Row(r["label"], r["invited"], r["present"]) for r in detail["by_group"]],
        walk_ins=attendance["walk_ins"],
        awards_by_form=[Row(r["form"], r["planned"], r["handed"]) for r in award_summary["by_form"]],
        awards_by_decision=[Row(f"Quyết định số {r['number']}", r["planned"], r["handed"]) for r in award_summary["by_decision"]],
        gifts_by_package=[Row(p["name"], p["planned"], p["handed"], p["planned_value"], p["handed_value"])
                          for p in gift_summary["by_package"]],
        gifts_by_source=[Row(s["label"], s["planned"], s["handed"], s["planned_value"], s["handed_value"])
                         for s in gift_summary["by_source"]],
        gift_budget=int(budget),
        counters=[Row(f"{a['name']} — {a['label']}", 0, a["total"]) for a in counted["activities"]],
        opinions_by_topic=list(by_topic.values()),
        opinions_by_status=[(STATUSES[s], sum(1 for o in opinions if o.status == s)) for s in STATUSES if s != "merged"
                            and any(o.status == s for o in opinions)],
        opinions_pending=[pending_line(o) for o in to_answer],
        opinions_in_writing=sum(1 for o in to_answer if o.status == "written"),
        opinions_hidden=sum(1 for o in opinions if o.status == "hidden"),
        survey_responses=survey["responses"],
        survey_rows=[(q["text"], q["satisfied"]) for q in survey["questions"]],
        survey_overall=survey["satisfied"],
        audit_count=len(audit.trail(event)),
    )
    report.empty = not (attendance["present"] or award_summary["handed"] or gift_summary["handed"] or opinions
                        or counted["total"] or survey["responses"] or any(r.actual_start for r in rows))
    return report


PENDING_STATUSES = ("new", "approved", "on_screen", "written")  # still to answer


def pending_line(o: Opinion) -> str:
    text = o.text if len(o.text) <= 160 else o.text[:157] + "…"
    if o.status == "written":
        return f"{text} — {o.responsible_unit}" + (f", hạn {format_date(o.deadline)}" if o.deadline else "")
    return f"{text} — chưa trả lời"


def pdf(event) -> bytes:
    return report_pdf(build(event))


def xlsx(event) -> bytes:
    """The report's tables, one sheet each, and the audit trail."""
    report = build(event)
    book = Workbook()
    summary = book.active
    summary.title = "Tóm tắt"
    append(summary, [f"BÁO CÁO KẾT QUẢ — {event.title.upper()} NĂM {event.year}"])
    append(summary, [event.organizing_body, event.place, format_date(event.event_date)])
    summary["A1"].font = Font(bold=True, size=13)
    present = sum(r.done for r in report.attendance_by_level)
    invited = sum(r.planned for r in report.attendance_by_level)
    for label, value in (("Đại biểu có mặt", present), ("Đại biểu được mời", invited), ("Khách không có giấy mời", report.walk_ins),
                         ("Khen thưởng đã trao", sum(r.done for r in report.awards_by_form)),
                         ("Khen thưởng theo kế hoạch", sum(r.planned for r in report.awards_by_form)),
                         ("Suất quà đã trao", sum(r.done for r in report.gifts_by_package)),
                         ("Tiền quà đã trao (đồng)", sum(r.amount_done or 0 for r in report.gifts_by_package)),
                         ("Ngân sách quà (đồng)", report.gift_budget),
                         ("Lượt phục vụ phần hội", sum(r.done for r in report.counters)),
                         ("Ý kiến nhận được", sum(r.planned for r in report.opinions_by_topic)),
                         ("Ý kiến đã trả lời", sum(r.done for r in report.opinions_by_topic)),
                         ("Ý kiến còn phải trả lời", len(report.opinions_pending)),
                         ("Ý kiến đã ẩn", report.opinions_hidden),
                         ("Phiếu khảo sát", report.survey_responses),
                         ("Tỷ lệ hài lòng", report.survey_overall),
                         ("Thay đổi trong nhật ký", report.audit_count)):
        append(summary, [label, value])
        if label == "Tỷ lệ hài lòng":
            as_percent(summary.cell(summary.max_row, 2))
    for title, header, rows in (
            ("Chương trình", ["STT", "Nội dung", "Dự kiến", "Phút", "Bắt đầu", "Kết thúc", "Thực tế (phút)", "Trạng thái"],
             [[r.number, r.title, r.planned_start, r.planned_minutes, r.actual_start, r.actual_end, r.actual_minutes, r.status]
              for r in report.programme]),
            ("Đại biểu", ["Cấp / Thành phần", "Được mời", "Có mặt"],
             [[r.label, r.planned, r.done] for r in report.attendance_by_level + report.attendance_by_group]),
            ("Khen thưởng", ["Hình thức / Quyết định", "Kế hoạch", "Đã trao"],
             [[r.label, r.planned, r.done] for r in report.awards_by_form + report.awards_by_decision]),
            ("Tặng quà", ["Suất quà / Nguồn", "Phân bổ", "Đã trao", "Tiền phân bổ", "Tiền đã trao"],
             [[r.label, r.planned, r.done, r.amount_planned, r.amount_done] for r in report.gifts_by_package + report.gifts_by_source]),
            ("Phần hội", ["Hoạt động", "Số lượt"], [[r.label, r.done] for r in report.counters]),
            ("Ý kiến", ["Lĩnh vực", "Nhận được", "Đã trả lời"], [[r.label, r.planned, r.done] for r in report.opinions_by_topic]
             + [[], ["Chưa trả lời xong"]] + [[line] for line in report.opinions_pending]),
            ("Khảo sát", ["Tiêu chí", "Tỷ lệ hài lòng"], [[text, share] for text, share in report.survey_rows]),
            ("Nhật ký", ["Ngày", "Giờ", "Lĩnh vực", "Thao tác", "Đối tượng", "Người thực hiện", "Thiết bị", "Chi tiết"],
             [[c["date"], c["time"], c["area"], c["action"], c["subject"], c["actor"], c["device"], c["details"]]
              for c in (change.row(event, translate=False) for change in audit.trail(event))])):
        sheet = book.create_sheet(title)
        append(sheet, header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            append(sheet, row)
    for (cell,) in book["Khảo sát"].iter_rows(min_row=2, min_col=2, max_col=2):
        as_percent(cell)
    return saved(book)


PERCENT_FORMAT = "0.0 %"  # 0.7 shows "70,0 %" (the decimal mark is the spreadsheet's locale's)


def as_percent(cell) -> None:
    """A share (0.7) stays the number, shown as a percentage, never a bare fraction."""
    if isinstance(cell.value, (int, float)):
        cell.number_format = PERCENT_FORMAT


def overview(events) -> list[dict]:
    """A row per site with its key figures, for a district or province team."""
    rows = []
    for event in events:
        attendance = delegates.attendance(event)
        award_summary = awards.awards_summary(event)
        gift_summary = gifts.gifts_summary(event)
        opinion_summary = forum.opinions_summary(event)
        survey = forum.survey_results(event)
        rows.append({"event": event, "invited": attendance["invited"], "present": attendance["present"],
                     "awards_planned": award_summary["planned"], "awards_handed": award_summary["handed"],
                     "gifts_planned": gift_summary["planned"], "gifts_handed": gift_summary["handed"],
                     "gift_value_handed": gift_summary["handed_value"], "counters": counters.counters(event)["total"],
                     "opinions": opinion_summary["total"],
                     "opinions_answered": opinion_summary["answered"] + opinion_summary["written"],
                     "survey_responses": survey["responses"], "satisfied": survey["satisfied"]})
    return rows


TOTALS = ("invited", "present", "awards_planned", "awards_handed", "gifts_planned", "gifts_handed", "gift_value_handed",
          "counters", "opinions", "opinions_answered", "survey_responses")


def overview_xlsx(rows: list[dict]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Các điểm"
    append(sheet, ["Điểm tổ chức", "Ngày", "Được mời", "Có mặt", "Khen thưởng (KH)", "Khen thưởng (đã trao)",
                  "Quà (phân bổ)", "Quà (đã trao)", "Tiền quà đã trao", "Lượt phần hội", "Ý kiến", "Ý kiến đã trả lời",
                  "Phiếu khảo sát", "Tỷ lệ hài lòng"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for r in rows:
        append(sheet, [f"{r['event'].place} ({r['event'].organizing_body})", format_date(r["event"].event_date)]
                     + [r[k] for k in TOTALS] + [r["satisfied"]])
        as_percent(sheet.cell(sheet.max_row, sheet.max_column))
    append(sheet, ["Tổng cộng", ""] + [sum(r[k] for r in rows) for k in TOTALS] + [None])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    return saved(book)
