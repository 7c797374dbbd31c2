"""Award recipient lists in from spreadsheets, with the delegate import's
rules: a preview with every problem by row, all or nothing, re-import updates."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.awards import service
from kiosk.awards.importing import AwardRow, parse_award_recipients
from kiosk.awards.models import AwardDecision, AwardRecipient
from kiosk.extensions import db
from kiosk.transactions import writes
from kiosk.importing import Problem, Skipped
from kiosk.reports import audit
from kiosk.text import fold

FIELDS = ("kind", "job_title", "organization", "representative", "is_leader", "achievement")


@dataclass
class ImportPlan:
    creates: list[tuple[AwardDecision, AwardRow]] = field(default_factory=list)
    updates: list[tuple[AwardRecipient, AwardRow, dict]] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    filename: str = ""  # what the audit trail names the import by
    skipped: list[Skipped] = field(default_factory=list)  # rows read but not imported, with why

    @property
    def acceptable(self) -> bool:
        return not self.problems and bool(self.creates or self.updates or self.unchanged)


def number_key(number: str) -> str:
    return "".join(fold(number).split())


def plan_import(event, data: bytes, filename: str, *, decision_id: int | None = None) -> ImportPlan:
    parsed = parse_award_recipients(data, filename)
    plan = ImportPlan(problems=list(parsed.problems), filename=filename, skipped=list(parsed.skipped))
    decisions = {number_key(d.number): d for d in service.decisions_of(event)}
    chosen = None
    if decision_id:
        chosen = next((d for d in decisions.values() if d.id == decision_id), None)
        if chosen is None:
            plan.problems.append(Problem(None, None, "Không tìm thấy quyết định đã chọn."))
    if not parsed.rows and not plan.problems:
        plan.problems.append(Problem(None, None, "Tệp không có người nhận khen thưởng nào."))
    for row in parsed.rows:
        decision = decisions.get(number_key(row.decision)) if row.decision else chosen
        if decision is None:
            message = (f"Quyết định số {row.decision} chưa có trong sự kiện: thêm quyết định trước." if row.decision
                       else "Tệp không có cột số quyết định: chọn quyết định khi nhập.")
            plan.problems.append(Problem(row.row, "Số quyết định", message))
            continue
        existing = next((r for r in decision.recipients if fold(r.name) == fold(row.name)), None)
        if existing is None:
            plan.creates.append((decision, row))
            continue
        changes = {name: getattr(row, name) for name in FIELDS
                   if getattr(row, name) not in ("", None) and getattr(row, name) != getattr(existing, name)}
        if changes:
            plan.updates.append((existing, row, changes))
        else:
            plan.unchanged += 1
    return plan


@writes
def apply_import(event, plan: ImportPlan) -> tuple[int, int]:
    if not plan.acceptable:
        raise service.AwardError("Tệp có lỗi, chưa nhập gì.")
    for decision, row in plan.creates:
        db.session.add(AwardRecipient(
            decision=decision, position=len(decision.recipients) + 1, kind=row.kind, name=row.name,
            job_title=row.job_title, organization=row.organization, representative=row.representative,
            is_leader=row.is_leader and row.kind == "individual", achievement=row.achievement))
    for recipient, _, changes in plan.updates:
        for name, value in changes.items():
            setattr(recipient, name, value)
    audit.record(event, "awards", "imported", plan.filename,
                 {"created": len(plan.creates), "updated": len(plan.updates), "unchanged": plan.unchanged})
    service.publish(event)
    return len(plan.creates), len(plan.updates)
