"""Delegate lists in and out of spreadsheets: the preview of an import (what
will be created, updated, every problem and warning by row, the rows
skipped), applying it all or nothing, the blank template, and the export."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from kiosk.delegates import service
from kiosk.delegates.importing import DelegateRow, introduced_bare, parse_delegates
from kiosk.delegates.models import GROUPS, LEVELS, Delegate
from kiosk.extensions import db
from kiosk.transactions import writes
from kiosk.importing import Problem, Skipped, quoted
from kiosk.reports import audit
from kiosk.text import fold
from kiosk.workbooks import append, saved

FIELDS = ("full_name", "honorific", "position", "organization", "level", "group", "seat", "phone", "notes")


@dataclass
class Change:
    delegate: Delegate
    row: DelegateRow
    fields: dict[str, tuple[str, str]]  # name -> (old, new)


@dataclass
class ImportPlan:
    creates: list[DelegateRow] = field(default_factory=list)
    updates: list[Change] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    filename: str = ""  # what the audit trail names the import by
    warnings: list[Problem] = field(default_factory=list)  # worth a look, never a refusal
    skipped: list[Skipped] = field(default_factory=list)
    capitals: list[DelegateRow] = field(default_factory=list)  # names typed all in capitals

    @property
    def acceptable(self) -> bool:
        return not self.problems and bool(self.creates or self.updates or self.unchanged)


def key(name: str, organization: str) -> tuple[str, str]:
    """The same person: same name and organization, ignoring marks and case.
    Importing a file again updates them instead of adding them twice."""
    return fold(name), fold(organization)


def plan_import(event, data: bytes, filename: str, *, proper_case: bool = False) -> ImportPlan:
    """What importing the file would do. With `proper_case`, names typed all
    in capitals are imported as "Nguyễn Văn An"."""
    parsed = parse_delegates(data, filename)
    plan = ImportPlan(problems=list(parsed.problems), filename=filename, warnings=list(parsed.warnings),
                      skipped=list(parsed.skipped), capitals=[row for row in parsed.rows if row.proper_name])
    if not parsed.rows and not plan.problems:
        plan.problems.append(Problem(None, None, "Tệp không có đại biểu nào."))
    existing = {}
    organizations: dict[str, list[str]] = {}  # folded name -> the organizations of delegates of that name
    for delegate in db.session.scalars(db.select(Delegate).where(Delegate.event_id == event.id)):
        existing.setdefault(key(delegate.full_name, delegate.organization), delegate)
        organizations.setdefault(fold(delegate.full_name), []).append(delegate.organization)
    for row in parsed.rows:
        if proper_case and row.proper_name:
            row.full_name = row.proper_name
        delegate = existing.get(key(row.full_name, row.organization))
        plan.warnings.extend(_row_warnings(row, delegate, organizations))
        if delegate is None:
            plan.creates.append(row)
            continue
        # An empty cell keeps what the kiosk has (a list sent without seats does not erase them).
        changes = {name: (getattr(delegate, name), getattr(row, name)) for name in FIELDS
                   if getattr(row, name) and getattr(row, name) != getattr(delegate, name)}
        if changes:
            plan.updates.append(Change(delegate, row, changes))
        else:
            plan.unchanged += 1
    plan.warnings.sort(key=lambda warning: warning.row or 0)
    return plan


def _row_warnings(row: DelegateRow, delegate: Delegate | None, organizations: dict[str, list[str]]) -> list[Problem]:
    """What only the event's list tells: a namesake already in it, a name the MC reads bare."""
    found = []
    others = organizations.get(fold(row.full_name), [])
    if delegate is None and others:
        where = f"ở đơn vị {quoted(others[0])}" if others[0] else "(không ghi đơn vị)"
        found.append(Problem(row.row, "Họ và tên", f"Đã có đại biểu cùng họ tên {where} trong danh sách: "
                                                   "sẽ thêm một người mới."))
    if introduced_bare(row.honorific or (delegate.honorific if delegate else ""), row.full_name):
        found.append(Problem(row.row, "Danh xưng", "Không có danh xưng (Đồng chí, Ông, Bà…): người dẫn "
                                                   "chương trình sẽ chỉ đọc họ tên."))
    return found


@writes
def apply_import(event, plan: ImportPlan) -> tuple[int, int]:
    """Write the whole plan in one transaction; refused plans write nothing."""
    if not plan.acceptable:
        raise service.DelegateError("Tệp có lỗi, chưa nhập gì.")
    for row in plan.creates:
        service.add_delegate(event, **{name: getattr(row, name) for name in FIELDS})
    for change in plan.updates:
        delegate = change.delegate
        for name, (_, new) in change.fields.items():
            if name == "full_name":
                delegate.set_name(new)
            else:
                setattr(delegate, name, new)
        delegate.protocol_rank = service.protocol_rank(delegate.level, delegate.group, delegate.position)
        delegate.is_leader = service.leads(delegate.level, delegate.position)
    audit.record(event, "delegates", "imported", plan.filename,
                 {"created": len(plan.creates), "updated": len(plan.updates), "unchanged": plan.unchanged})
    service.publish_attendance(event)
    return len(plan.creates), len(plan.updates)


HEADERS = ["STT", "Họ và tên", "Danh xưng", "Chức vụ", "Đơn vị", "Cấp", "Thành phần", "Số ghế", "Số điện thoại",
           "Ghi chú"]


def workbook_with_header(title: str) -> tuple[Workbook, object]:
    book = Workbook()
    sheet = book.active
    sheet.title = "Đại biểu"
    append(sheet, [title])
    sheet["A1"].font = Font(bold=True, size=14)
    append(sheet, HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="B3121B")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for letter, width in zip("ABCDEFGHIJ", (6, 28, 12, 36, 36, 12, 22, 10, 16, 24)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    return book, sheet


def template_xlsx() -> bytes:
    """The blank list offices fill in, with one example row."""
    book, sheet = workbook_with_header("DANH SÁCH ĐẠI BIỂU DỰ NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC")
    append(sheet, [1, "Nguyễn Văn A", "Đồng chí", "Phó Chủ tịch UBND huyện", "UBND huyện Cẩm Thủy", "Huyện",
                  "Ủy ban nhân dân", "A1", "0912345678", ""])
    notes = book.create_sheet("Hướng dẫn")
    append(notes, ["Cấp", "Trung ương, Tỉnh, Huyện, Xã, Thôn (để trống: tự nhận biết theo đơn vị)"])
    append(notes, ["Thành phần", ", ".join(GROUPS.values()) + " (để trống: tự nhận biết theo chức vụ, đơn vị)"])
    append(notes, ["Nhập lại", "Đại biểu trùng họ tên và đơn vị được cập nhật, không thêm mới."])
    return saved(book)


def export_xlsx(event) -> bytes:
    book, sheet = workbook_with_header(f"DANH SÁCH ĐẠI BIỂU — {event.place}")
    sheet.cell(row=2, column=11, value="Điểm danh lúc").font = Font(bold=True)
    sheet.cell(row=2, column=12, value="Tại").font = Font(bold=True)
    from kiosk.i18n import format_time

    for number, d in enumerate(service.delegates_in_order(event), start=1):
        append(sheet, [number, d.full_name, d.honorific, d.position, d.organization, LEVELS.get(d.level, d.level),
                      GROUPS.get(d.group, d.group), d.seat, d.phone, d.notes,
                      format_time(d.checked_in_at, event.timezone), d.checked_in_device])
    return saved(book)
