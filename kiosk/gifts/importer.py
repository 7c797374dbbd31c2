"""Gift recipient lists in from spreadsheets, with the delegate import's rules:
a preview with every problem by row, all or nothing, re-import updates."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.delegates import codes
from kiosk.extensions import db
from kiosk.transactions import writes
from kiosk.gifts import service
from kiosk.gifts.importing import GiftRow, parse_gift_recipients
from kiosk.gifts.models import GiftPackage, GiftRecipient
from kiosk.importing import Problem, Skipped
from kiosk.reports import audit
from kiosk.text import fold

FIELDS = ("kind", "category", "id_number", "phone", "notes")


@dataclass
class ImportPlan:
    creates: list[tuple[GiftRow, GiftPackage | None]] = field(default_factory=list)
    updates: list[tuple[GiftRecipient, GiftRow, dict]] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    filename: str = ""  # what the audit trail names the import by
    skipped: list[Skipped] = field(default_factory=list)  # rows read but not imported, with why

    @property
    def acceptable(self) -> bool:
        return not self.problems and bool(self.creates or self.updates or self.unchanged)


def plan_import(event, data: bytes, filename: str) -> ImportPlan:
    parsed = parse_gift_recipients(data, filename)
    plan = ImportPlan(problems=list(parsed.problems), filename=filename, skipped=list(parsed.skipped))
    if not parsed.rows and not plan.problems:
        plan.problems.append(Problem(None, None, "Tệp không có người nhận quà nào."))
    packages = {fold(p.name): p for p in service.packages_of(event)}
    stock = {p.id: p.quantity - service.allocated_count(p.id) for p in packages.values()}
    existing = {(fold(r.name), fold(r.address)): r for r in service.recipients_of(event)}
    for row in parsed.rows:
        package = None
        if row.package:
            package = packages.get(fold(row.package))
            if package is None:
                plan.problems.append(Problem(row.row, "Suất quà", f"Chưa có suất quà “{row.package}”: thêm suất quà trước."))
                continue
            if row.value is not None and row.value != package.unit_value:
                plan.problems.append(Problem(row.row, "Số tiền", f"Số tiền {row.value:,} khác giá trị suất quà "
                                                                  f"{package.unit_value:,} đồng.".replace(",", ".")))
                continue
        recipient = existing.get((fold(row.name), fold(row.address)))
        if package is not None and (recipient is None or recipient.package_id != package.id):
            if stock[package.id] <= 0:
                plan.problems.append(Problem(row.row, "Suất quà", f"“{package.name}” chỉ có {package.quantity} suất, "
                                                                   "đã phân bổ hết."))
                continue
            stock[package.id] -= 1
        if recipient is None:
            plan.creates.append((row, package))
            continue
        changes = {name: getattr(row, name) for name in FIELDS if getattr(row, name) and getattr(row, name) != getattr(recipient, name)}
        if package is not None and package.id != recipient.package_id:
            changes["package_id"] = package.id
        if changes:
            plan.updates.append((recipient, row, changes))
        else:
            plan.unchanged += 1
    return plan


@writes
def apply_import(event, plan: ImportPlan) -> tuple[int, int]:
    if not plan.acceptable:
        raise service.GiftError("Tệp có lỗi, chưa nhập gì.")
    count = len(service.recipients_of(event))
    for number, (row, package) in enumerate(plan.creates, start=1):
        db.session.add(GiftRecipient(
            event_id=event.id, position=count + number, name=row.name, search_name=fold(row.name), kind=row.kind,
            category=row.category, address=row.address, id_number=row.id_number, phone=row.phone,
            notes=row.notes, slip_id=codes.new_badge_id(), package_id=package.id if package else None))
    for recipient, _, changes in plan.updates:
        if recipient.handed_at and "package_id" in changes:
            raise service.GiftError(f"{recipient.name} đã nhận quà, không đổi được suất quà.")
        for name, value in changes.items():
            setattr(recipient, name, value)
    audit.record(event, "gifts", "imported", plan.filename,
                 {"created": len(plan.creates), "updated": len(plan.updates), "unchanged": plan.unchanged})
    service.publish(event)
    return len(plan.creates), len(plan.updates)
