"""Awards: decisions and their recipients, the limits of seed 004, the stage
plan in batches (đợt), and the hand-out on stage with the MC and the marshal
in step."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import partial

from sqlalchemy import func, select

from kiosk import live
from kiosk.auth.roles import Permission
from kiosk.fields import KioskError, choice, event_row, text
from kiosk.awards import protocol
from kiosk.awards.models import (
    DEFAULT_AWARD_FORMS, OUTCOMES, AwardBatch, AwardDecision, AwardForm, AwardHandout, AwardRecipient, AwardStage,
)
from kiosk.database import utcnow
from kiosk.extensions import db
from kiosk.i18n import format_date, format_time
from kiosk.offices import office_line
from kiosk.offline import service as offline
from kiosk.reports import audit
from kiosk.transactions import Claim, Settled, made_once, redeem, writes, writing

KINDS = {"collective": "Tập thể", "individual": "Cá nhân"}
MAX_STAGE_WIDTH = 30
MAX_LIMIT = 100_000  # a form's limit on collectives or individuals


class AwardError(KioskError):
    """A refused change; the message is for the person at the tablet."""


clean_text = partial(text, error=AwardError)


def owned(model, event, row_id, message: str):
    """A row of the event; a recipient belongs to it through its decision."""
    return event_row(model, event, row_id, message, error=AwardError,
                            event_id_of=lambda row: row.decision.event_id if isinstance(row, AwardRecipient) else row.event_id)


def publish(event) -> None:
    live.publish_state(event, "awards", "stage_awards")


# ---------------------------------------------------------------- forms and limits

def ensure_forms(event) -> list[AwardForm]:
    """The event's own list of award forms, made from the defaults the first time."""
    forms = forms_of(event)
    if not forms:
        with writing():
            if not forms_of(event):
                for rank, (name, collectives, individuals, leaders) in enumerate(DEFAULT_AWARD_FORMS, start=1):
                    db.session.add(AwardForm(event_id=event.id, name=name, rank=rank, max_collectives=collectives,
                                             max_individuals=individuals, max_leader_share=leaders))
                db.session.flush()
        forms = forms_of(event)
    return forms


def forms_of(event) -> list[AwardForm]:
    return list(db.session.scalars(select(AwardForm).where(AwardForm.event_id == event.id).order_by(AwardForm.rank)))


@writes
def update_form(event, form_id, fields: dict) -> AwardForm:
    form = owned(AwardForm, event, form_id, "Không tìm thấy hình thức khen thưởng này.")
    if "name" in fields:
        form.name = clean_text(fields["name"], 300, "Tên hình thức", required=True)
    for name in ("max_collectives", "max_individuals"):
        if name in fields:
            value = fields[name]
            if value not in (None, "") and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                raise AwardError("Định mức phải là số không âm.")
            if value not in (None, "") and value > MAX_LIMIT:
                raise AwardError(f"Định mức không được lớn hơn {MAX_LIMIT}.")
            setattr(form, name, None if value in (None, "") else value)
    if "max_leader_share" in fields:
        value = fields["max_leader_share"]
        if value not in (None, "") and (not isinstance(value, (int, float)) or isinstance(value, bool)
                                        or not 0 <= value <= 1):
            raise AwardError("Tỷ lệ lãnh đạo phải từ 0 đến 1 (ví dụ 0.4 là 40 %).")
        form.max_leader_share = None if value in (None, "") else float(value)
    publish(event)
    return form


def limit_warnings(event) -> dict[int, list[str]]:
    """Seed 004's limits, form by form, over all the event's decisions of that form:
    e.g. provincial Bằng khen at most 30 collectives and 15 individuals, and
    leaders at most 40 % of the individuals."""
    counts = db.session.execute(
        select(AwardDecision.form_id, AwardRecipient.kind, AwardRecipient.is_leader, func.count())
        .join(AwardRecipient.decision).where(AwardDecision.event_id == event.id)
        .group_by(AwardDecision.form_id, AwardRecipient.kind, AwardRecipient.is_leader)
    ).all()
    warnings: dict[int, list[str]] = {}
    for form in forms_of(event):
        collectives = sum(n for f, k, _, n in counts if f == form.id and k == "collective")
        individuals = sum(n for f, k, _, n in counts if f == form.id and k == "individual")
        leaders = sum(n for f, k, leader, n in counts if f == form.id and k == "individual" and leader)
        found = []
        if form.max_collectives is not None and collectives > form.max_collectives:
            found.append(f"{collectives} tập thể, vượt định mức {form.max_collectives}.")
        if form.max_individuals is not None and individuals > form.max_individuals:
            found.append(f"{individuals} cá nhân, vượt định mức {form.max_individuals}.")
        if form.max_leader_share is not None and individuals and leaders / individuals > form.max_leader_share:
            found.append(f"Lãnh đạo {leaders}/{individuals} cá nhân ({round(100 * leaders / individuals)} %), "
                         f"vượt tỷ lệ {round(100 * form.max_leader_share)} %.")
        if found:
            warnings[form.id] = found
    return warnings


def unacknowledged_warnings(event) -> dict[int, list[str]]:
    forms = {f.id: f for f in forms_of(event)}
    return {form_id: found for form_id, found in limit_warnings(event).items()
            if forms[form_id].acknowledged_warnings != "\n".join(found)}


@writes
def acknowledge_warnings(event, form_id, actor: str) -> None:
    """The organizer has read the warnings as they stand now; new ones ask again."""
    form = owned(AwardForm, event, form_id, "Không tìm thấy hình thức khen thưởng này.")
    form.acknowledged_warnings = "\n".join(limit_warnings(event).get(form.id, []))
    form.acknowledged_by = actor
    publish(event)


# ---------------------------------------------------------------- decisions and recipients

def clean_decision(event, fields: dict, *, creating: bool) -> dict:
    clean = {}
    if "number" in fields or creating:
        clean["number"] = clean_text(fields.get("number"), 100, "Số quyết định", required=True)
    if "authority" in fields or creating:
        clean["authority"] = clean_text(fields.get("authority"), 300, "Cơ quan ban hành", required=True)
    if "signed_on" in fields or creating:
        value = fields.get("signed_on")
        if isinstance(value, date):
            clean["signed_on"] = value
        else:
            try:
                clean["signed_on"] = date.fromisoformat(str(value or ""))
            except ValueError:
                raise AwardError("Ngày quyết định không hợp lệ (cần dạng yyyy-mm-dd).") from None
    if "form_id" in fields or creating:
        clean["form_id"] = owned(AwardForm, event, fields.get("form_id"), "Chọn hình thức khen thưởng.").id
    return clean


@writes
def create_decision(event, fields: dict) -> AwardDecision:
    ensure_forms(event)
    decision = AwardDecision(event_id=event.id, **clean_decision(event, fields, creating=True))
    db.session.add(decision)
    publish(event)
    return decision


@writes
def update_decision(event, decision_id, fields: dict) -> AwardDecision:
    decision = owned(AwardDecision, event, decision_id, "Không tìm thấy quyết định này.")
    for name, value in clean_decision(event, fields, creating=False).items():
        setattr(decision, name, value)
    publish(event)
    return decision


@writes
def delete_decision(event, decision_id) -> None:
    decision = owned(AwardDecision, event, decision_id, "Không tìm thấy quyết định này.")
    if any(r.outcome for r in decision.recipients):
        raise AwardError("Quyết định đã có người nhận khen thưởng, không xóa được.")
    db.session.delete(decision)
    publish(event)


def decisions_of(event) -> list[AwardDecision]:
    return list(db.session.scalars(
        select(AwardDecision).join(AwardDecision.form).where(AwardDecision.event_id == event.id)
        .order_by(AwardForm.rank, AwardDecision.signed_on, AwardDecision.id)
    ))


def clean_recipient(event, fields: dict, *, creating: bool) -> dict:
    clean = {}
    if "kind" in fields or creating:
        clean["kind"] = choice(fields.get("kind"), KINDS,
                               "Loại phải là tập thể (collective) hoặc cá nhân (individual).", error=AwardError)
    if "name" in fields or creating:
        clean["name"] = clean_text(fields.get("name"), 300, "Tên tập thể hoặc cá nhân", required=True)
    for name, limit, label in (("representative", 200, "Người đại diện"), ("job_title", 300, "Chức vụ"),
                               ("organization", 300, "Đơn vị"), ("achievement", 2000, "Thành tích")):
        if name in fields:
            clean[name] = clean_text(fields[name], limit, label)
    if "is_leader" in fields:
        clean["is_leader"] = bool(fields["is_leader"])
    if "delegate_id" in fields:
        from kiosk.delegates.service import DelegateError, get_delegate

        if fields["delegate_id"] in (None, ""):
            clean["delegate_id"] = None
        else:
            try:
                clean["delegate_id"] = get_delegate(event, fields["delegate_id"]).id
            except DelegateError as error:
                raise AwardError(str(error)) from None
    return clean


@writes
def add_recipient(event, decision_id, fields: dict) -> AwardRecipient:
    decision = owned(AwardDecision, event, decision_id, "Không tìm thấy quyết định này.")
    clean = clean_recipient(event, fields, creating=True)
    if clean["kind"] == "collective":
        clean["is_leader"] = False  # leaders are counted among individuals only
    recipient = AwardRecipient(decision=decision, position=len(decision.recipients) + 1, **clean)
    db.session.add(recipient)
    publish(event)
    return recipient


@writes
def update_recipient(event, recipient_id, fields: dict) -> AwardRecipient:
    recipient = owned(AwardRecipient, event, recipient_id, "Không tìm thấy người nhận này.")
    for name, value in clean_recipient(event, fields, creating=False).items():
        setattr(recipient, name, value)
    publish(event)
    return recipient


@writes
def delete_recipient(event, recipient_id) -> None:
    recipient = owned(AwardRecipient, event, recipient_id, "Không tìm thấy người nhận này.")
    if recipient.outcome:
        raise AwardError("Người này đã được ghi nhận trao thưởng, không xóa được.")
    db.session.delete(recipient)
    publish(event)


def announcement(decision: AwardDecision) -> str:
    """What the MC reads: "Công bố Quyết định số … ngày … của … về việc tặng … cho … tập thể và … cá nhân"."""
    collectives = sum(1 for r in decision.recipients if r.kind == "collective")
    individuals = sum(1 for r in decision.recipients if r.kind == "individual")
    whom = " và ".join(part for part in (f"{collectives} tập thể" if collectives else "",
                                          f"{individuals} cá nhân" if individuals else "") if part)
    form = decision.form.name
    gift = form.split(" của ")[0] if " của " in form else form
    return (f"Công bố Quyết định số {decision.number} ngày {format_date(decision.signed_on)} của "
            f"{decision.authority} về việc tặng {gift} cho {whom or '…'} đã có thành tích xuất sắc trong "
            "phong trào toàn dân bảo vệ an ninh Tổ quốc.")


# ---------------------------------------------------------------- the stage plan

def stage_row(event) -> AwardStage:
    return made_once(AwardStage, event.id, lambda: AwardStage(event_id=event.id, stage_width=10, version=0))


def batches_of(event) -> list[AwardBatch]:
    return list(db.session.scalars(select(AwardBatch).where(AwardBatch.event_id == event.id)
                                   .order_by(AwardBatch.position)))


def recipients_in_batch(batch_id: int) -> list[AwardRecipient]:
    return list(db.session.scalars(select(AwardRecipient).where(AwardRecipient.batch_id == batch_id)
                                   .order_by(AwardRecipient.batch_order, AwardRecipient.id)))


@writes
def plan_batches(event, width: int | None = None) -> list[AwardBatch]:
    """Batches of at most `width` (the stage's width): highest form first,
    collectives before individuals, a decision's people together; each
    batch's presenter a leader of the level that decided the award, in turn
    (kiosk.awards.protocol). Then editable: a presenter the organizer
    chose is kept until the organizer plans again."""
    if unacknowledged_warnings(event):
        raise AwardError("Có cảnh báo vượt định mức chưa được xác nhận. Xác nhận trước khi xếp đợt.")
    stage = stage_row(event)
    if width is not None:
        if not isinstance(width, int) or isinstance(width, bool) or not 1 <= width <= MAX_STAGE_WIDTH:
            raise AwardError(f"Số người mỗi đợt phải từ 1 đến {MAX_STAGE_WIDTH}.")
        stage.stage_width = width
    if any(r.outcome for d in decisions_of(event) for r in d.recipients):
        raise AwardError("Đã bắt đầu trao thưởng: sửa từng đợt thay vì xếp lại từ đầu.")
    for batch in batches_of(event):
        db.session.delete(batch)
    db.session.flush()
    presenters, turns = presenter_pools(event), Counter()
    batches: list[AwardBatch] = []
    for decision in decisions_of(event):
        people = sorted(decision.recipients, key=lambda r: (r.kind != "collective", r.position, r.id))
        level = award_level(decision)
        for start in range(0, len(people), stage.stage_width):
            presenter = protocol.next_presenter(presenters, level, turns)
            batch = AwardBatch(event_id=event.id, position=len(batches) + 1,
                               presenter=presenter_line(presenter) if presenter else "",
                               presenter_delegate_id=presenter.id if presenter else None)
            db.session.add(batch)
            db.session.flush()
            for order, recipient in enumerate(people[start:start + stage.stage_width], start=1):
                recipient.batch_id, recipient.batch_order = batch.id, order
            batches.append(batch)
    stage.current_batch_id = None
    stage.version += 1
    audit.record(event, "awards", "batches_planned", "",
                 {"batches": len(batches), "width": stage.stage_width,
                  "recipients": sum(len(d.recipients) for d in decisions_of(event))})
    publish(event)
    return batches


def leading_delegates(event):
    """Who may present: the leaders invited or in the hall, in protocol order."""
    from kiosk.delegates.models import Delegate

    rank = func.coalesce(Delegate.rank_override, Delegate.protocol_rank)
    return list(db.session.scalars(
        select(Delegate).where(Delegate.event_id == event.id, Delegate.is_leader,
                               Delegate.invited | Delegate.checked_in_at.is_not(None))
        .order_by(rank, Delegate.id)))


def presenter_pools(event) -> dict[str, list]:
    """The leaders by level; within a level those in the hall first (a plan
    made on the day), then protocol order."""
    leaders = sorted(leading_delegates(event), key=lambda d: d.checked_in_at is None)  # stable: keeps the rank
    return protocol.pools(leaders, lambda d: d.level)


def award_level(decision: AwardDecision) -> str | None:
    return protocol.decision_level(decision.authority, decision.form.name)


def presenter_level(batch: AwardBatch) -> str | None:
    """The level of a batch's presenter: the delegate's, or read from the typed text."""
    if batch.presenter_delegate_id:
        from kiosk.delegates.models import Delegate

        delegate = db.session.get(Delegate, batch.presenter_delegate_id)
        return delegate.level if delegate else None
    return protocol.issuer_level(batch.presenter) if batch.presenter else None


def presenter_mismatches(event) -> dict[int, dict]:
    """Batches whose presenter is not of the award's level, for a gentle
    warning on the planning page (protocol, not a rule the kiosk enforces):
    batch id -> {"presenter": level, "award": level}."""
    found = {}
    for batch in batches_of(event):
        people = recipients_in_batch(batch.id)
        award = award_level(people[0].decision) if people else None
        presenter = presenter_level(batch)
        if not protocol.fits(presenter, award):
            found[batch.id] = {"presenter": presenter, "award": award}
    return found


def presenter_line(delegate) -> str:
    return office_line(f"{delegate.honorific} {delegate.full_name}".strip(), delegate.position, delegate.organization)


@writes
def set_presenter(event, batch_id, *, delegate_id=None, presenter: str | None = None) -> AwardBatch:
    batch = owned(AwardBatch, event, batch_id, "Không tìm thấy đợt này.")
    if delegate_id not in (None, ""):
        from kiosk.delegates.service import DelegateError, get_delegate

        try:
            delegate = get_delegate(event, delegate_id)
        except DelegateError as error:
            raise AwardError(str(error)) from None
        batch.presenter_delegate_id, batch.presenter = delegate.id, presenter_line(delegate)
    elif presenter is not None:
        batch.presenter_delegate_id, batch.presenter = None, clean_text(presenter, 300, "Đại biểu trao")
    publish(event)
    return batch


@writes
def move_recipient(event, recipient_id, batch_id, order: int | None = None) -> None:
    """Put a recipient in another batch (or another place, left to right);
    refused when the batch would be wider than the stage."""
    recipient = owned(AwardRecipient, event, recipient_id, "Không tìm thấy người nhận này.")
    batch = owned(AwardBatch, event, batch_id, "Không tìm thấy đợt này.")
    width = stage_row(event).stage_width
    people = [r for r in recipients_in_batch(batch.id) if r.id != recipient.id]
    if len(people) + 1 > width:
        raise AwardError(f"Đợt {batch.position} đã đủ {width} người (chiều rộng sân khấu).")
    if order is not None and (not isinstance(order, int) or isinstance(order, bool)):
        raise AwardError("Vị trí (order) phải là số thứ tự từ 1, tính từ trái sang.")
    index = len(people) if order is None else max(0, min(len(people), order - 1))
    people.insert(index, recipient)
    recipient.batch_id = batch.id
    for place, person in enumerate(people, start=1):
        person.batch_order = place
    publish(event)


def stage_command(event, command: str, *, expected_batch: int | None, batch_id: int | None = None) -> dict:
    """The marshal or the organizer moves the stage to the next, previous or a
    chosen batch; like the programme, a command names the batch it expects to leave."""
    if command not in ("next", "previous", "goto"):
        raise AwardError(f"Lệnh không hợp lệ: {command}.")
    with writing():
        stage = stage_row(event)
        if stage.current_batch_id != expected_batch:
            raise StageMoved(stage_state(event))
        batches = batches_of(event)
        if not batches:
            raise AwardError("Chưa xếp đợt trao thưởng.")
        ids = [b.id for b in batches]
        here = ids.index(stage.current_batch_id) if stage.current_batch_id in ids else -1
        if command == "goto":
            if not isinstance(batch_id, int) or isinstance(batch_id, bool) or batch_id not in ids:
                raise AwardError("Không tìm thấy đợt này.")
            target = batch_id
        else:
            index = here + (1 if command == "next" else -1)
            if not 0 <= index < len(ids):
                raise AwardError("Đã là đợt cuối cùng." if command == "next" else "Đang ở đợt đầu tiên.")
            target = ids[index]
        by_id = {b.id: b for b in batches}
        audit.record(event, "awards", f"stage_{command}", batch_name(by_id[target]),
                     {"from_batch": batch_name(by_id[stage.current_batch_id]) if stage.current_batch_id in by_id
                      else ""})
        stage.current_batch_id = target
        stage.version += 1
        live.publish_state(event, "stage_awards")
    return stage_state(event)


def batch_name(batch: AwardBatch) -> str:
    """"Đợt 2 (Đồng chí Nguyễn Văn A, Chủ tịch UBND huyện)": the batch and who presents it."""
    return f"Đợt {batch.position}" + (f" ({batch.presenter})" if batch.presenter else "")


class StageMoved(Exception):
    """Another tablet moved the stage first; carries the current state."""

    def __init__(self, state: dict):
        super().__init__("Sân khấu đã chuyển sang đợt khác.")
        self.state = state


# ---------------------------------------------------------------- the hand-out

def handout(event, recipient_id, *, outcome: str, request_id: str | None = None, stand_in_name: str = "",
            actor: str = "", device: str = "", made_at=None) -> dict:
    """Mark one recipient on stage: handed, absent, received by a stand-in, or
    to hand later. Two tablets marking the same person record it once; the
    second is told when and by whom. A retry with the same request_id gets the
    same answer.

    `made_at`: the mark was made on a tablet cut off from the server and queued
    there; it is dated then. If another tablet had meanwhile recorded something
    else for the same person (handed against absent, say), the two disagree on
    what happened: a conflict is recorded for the organizers (status "conflict")."""
    if outcome not in OUTCOMES:
        raise AwardError("Kết quả phải là: handed, absent, stand_in hoặc later.")
    stand_in_name = clean_text(stand_in_name, 200, "Người nhận thay", required=outcome == "stand_in")
    recipient = owned(AwardRecipient, event, recipient_id, "Không tìm thấy người nhận này.")

    def settle(won: bool) -> Settled:
        conflict = (not won and made_at is not None
                    and (recipient.outcome, recipient.stand_in_name) != (outcome, stand_in_name))
        answer = handout_answer(event, recipient, "ok" if won else "already_recorded")
        if conflict:
            answer = conflict_answer(event, recipient, answer, outcome=outcome, stand_in_name=stand_in_name,
                                     actor=actor, device=device, made_at=made_at)
        return Settled(answer, {"recipient_id": recipient.id, "stand_in_name": stand_in_name, "actor": actor,
                                "device": device, "outcome": outcome if won else "conflict" if conflict else "refused"},
                       also=(lambda log: note_conflict(event, recipient, answer, log)) if conflict else None)

    return redeem(event, log_model=AwardHandout, key_column=AwardHandout.request_id, key=request_id,
                  request={"recipient_id": recipient.id, "outcome": outcome, "stand_in_name": stand_in_name},
                  claim=Claim(recipient, [AwardRecipient.outcome == ""],
                              {"outcome": outcome, "stand_in_name": stand_in_name, "handed_at": made_at or utcnow(),
                               "handed_by": actor}),
                  settle=settle, publish=lambda: publish(event))


def note_conflict(event, recipient: AwardRecipient, answer: dict, log: AwardHandout) -> None:
    offline.record_conflict(event, "awards", recipient.name, details=answer["conflict"], message=answer["message"],
                            award_handout_id=log.id)
    offline.publish(event)


def conflict_answer(event, recipient: AwardRecipient, answer: dict, *, outcome: str, stand_in_name: str, actor: str,
                    device: str, made_at) -> dict:
    """What a tablet that marked someone while cut off is told when another
    tablet had recorded something else: both marks, both times."""
    def label(value: str, name: str) -> str:
        return OUTCOMES.get(value, value) + (f": {name}" if value == "stand_in" and name else "")

    message = (f"Xung đột: {recipient.name} đã được ghi “{label(recipient.outcome, recipient.stand_in_name)}” lúc "
               f"{format_time(recipient.handed_at, event.timezone)}"
               + (f" bởi {recipient.handed_by}" if recipient.handed_by else "")
               + f"; {device or 'máy này'} ghi “{label(outcome, stand_in_name)}” lúc "
               + f"{format_time(made_at, event.timezone)} khi mất kết nối. Đã báo Ban Tổ chức để xử lý.")
    details = {"first": {"outcome": recipient.outcome, "stand_in_name": recipient.stand_in_name,
                         "actor": recipient.handed_by, "at": offline.iso(recipient.handed_at)},
               "offline": {"outcome": outcome, "stand_in_name": stand_in_name, "actor": actor, "desk": device,
                           "offline_at": offline.iso(made_at), "received_at": offline.iso(utcnow())}}
    return {**answer, "status": "conflict", "message": message, "conflict": details}


def handout_answer(event, recipient: AwardRecipient, status: str) -> dict:
    label = OUTCOMES.get(recipient.outcome, "")
    if recipient.outcome == "stand_in":
        label = f"{label}: {recipient.stand_in_name}"
    message = f"{recipient.name}: {label}." if status == "ok" else (
        f"{recipient.name} đã được ghi “{label}” lúc {format_time(recipient.handed_at, event.timezone)}"
        + (f" bởi {recipient.handed_by}" if recipient.handed_by else "") + ".")
    return {"status": status, "message": message, "recipient": recipient_json(event, recipient)}


@writes
def undo_handout(event, recipient_id, *, reason: str, actor: str = "") -> AwardRecipient:
    reason = clean_text(reason, 500, "Lý do", required=True)
    recipient = owned(AwardRecipient, event, recipient_id, "Không tìm thấy người nhận này.")
    if not recipient.outcome:
        raise AwardError("Người này chưa được ghi nhận trao thưởng.")
    db.session.add(AwardHandout(event_id=event.id, recipient_id=recipient.id, outcome="undone", reason=reason,
                                actor=actor, answer={"was": recipient.outcome, "stand_in_name": recipient.stand_in_name,
                                                     "at": recipient.handed_at.isoformat() if recipient.handed_at else None,
                                                     "by": recipient.handed_by}))
    recipient.outcome, recipient.stand_in_name, recipient.handed_at, recipient.handed_by = "", "", None, ""
    publish(event)
    return recipient


def history(event, recipient_id=None) -> list[AwardHandout]:
    statement = select(AwardHandout).where(AwardHandout.event_id == event.id)
    if recipient_id is not None:
        statement = statement.where(AwardHandout.recipient_id == recipient_id)
    return list(db.session.scalars(statement.order_by(AwardHandout.id)))


# ---------------------------------------------------------------- what screens show

def present_delegate_ids(event) -> set[int]:
    from kiosk.delegates.models import Delegate

    return set(db.session.scalars(select(Delegate.id).where(Delegate.event_id == event.id,
                                                           Delegate.checked_in_at.is_not(None))))


def recipient_json(event, r: AwardRecipient, present: set[int] | None = None) -> dict:
    return {"id": r.id, "decision_id": r.decision_id, "kind": r.kind, "name": r.name,
            "representative": r.representative, "job_title": r.job_title, "organization": r.organization,
            "is_leader": r.is_leader, "achievement": r.achievement, "delegate_id": r.delegate_id,
            "batch_id": r.batch_id, "batch_order": r.batch_order, "outcome": r.outcome,
            "stand_in_name": r.stand_in_name, "handed_at": r.handed_at.isoformat() if r.handed_at else None,
            "handed_by": r.handed_by,
            "present": (r.delegate_id in present) if present is not None and r.delegate_id else None}


def recipient_line(r: AwardRecipient) -> str:
    """The name as the MC reads it."""
    if r.kind == "collective":
        return r.name + (f" (đại diện nhận: {r.representative})" if r.representative else "")
    return office_line(r.name, r.job_title, r.organization)


@live.state_part("awards", audience=(Permission.AWARD_DESK, Permission.VIEW_DASHBOARD))
def awards_summary(event) -> dict:
    """Handed / planned by form and by decision, for the dashboard."""
    rows = db.session.execute(
        select(AwardForm.name, AwardDecision.id, AwardDecision.number, func.count(AwardRecipient.id),
               func.count(AwardRecipient.id).filter(AwardRecipient.outcome.in_(("handed", "stand_in"))))
        .join(AwardDecision.form).join(AwardRecipient, AwardRecipient.decision_id == AwardDecision.id)
        .where(AwardDecision.event_id == event.id).group_by(AwardForm.rank, AwardForm.name, AwardDecision.id,
                                                            AwardDecision.number)
        .order_by(AwardForm.rank, AwardDecision.id)
    ).all()
    by_form: dict[str, dict] = {}
    for form, _, _, planned, handed in rows:
        entry = by_form.setdefault(form, {"form": form, "planned": 0, "handed": 0})
        entry["planned"] += planned
        entry["handed"] += handed
    return {
        "planned": sum(r[3] for r in rows),
        "handed": sum(r[4] for r in rows),
        "by_form": list(by_form.values()),
        "by_decision": [{"decision_id": d, "number": n, "planned": p, "handed": h} for _, d, n, p, h in rows],
        "warnings": [w for found in unacknowledged_warnings(event).values() for w in found],
    }


@live.state_part("stage_awards", audience=(Permission.AWARD_DESK, Permission.READ_PROGRAMME))
def stage_state(event) -> dict:
    """The current batch for the MC and the marshal: the decision's announcement,
    the names in order (left to right), who is not in the hall, the presenter."""
    stage = db.session.get(AwardStage, event.id)
    batches = batches_of(event)
    present = present_delegate_ids(event)
    current = next((b for b in batches if stage and b.id == stage.current_batch_id), None)
    described = stage_state_batch(event, current, present)
    following = next((b for b in batches if current and b.position == current.position + 1), None)
    return {
        "version": stage.version if stage else 0,
        "batch_count": len(batches),
        "current": described,
        "next": stage_state_batch(event, following if current else (batches[0] if batches else None), present),
        # The MC page reads `names` for the current item's list.
        "names": [{"line": p["line"], "present": p["present"], "outcome": p["outcome"]}
                  for p in described["people"]] if described else None,
        "announcement": described["announcement"] if described else "",
    }


def stage_state_batch(event, batch: AwardBatch | None, present: set[int] | None = None) -> dict | None:
    """One batch as screens show it: presenter, announcement, people left to right."""
    if batch is None:
        return None
    present = present_delegate_ids(event) if present is None else present
    people = recipients_in_batch(batch.id)
    decision = people[0].decision if people else None
    return {
        "id": batch.id, "number": batch.position, "presenter": batch.presenter,
        "presenter_delegate_id": batch.presenter_delegate_id,
        "presenter_present": (batch.presenter_delegate_id in present) if batch.presenter_delegate_id else None,
        "announcement": announcement(decision) if decision else "",
        "decision_id": decision.id if decision else None,
        "people": [recipient_json(event, r, present) | {"line": recipient_line(r)} for r in people],
    }


def all_recipients(event) -> list[AwardRecipient]:
    return [r for d in decisions_of(event) for r in d.recipients]


def decision_label(decision: AwardDecision) -> str:
    return f"{decision.number} ngày {format_date(decision.signed_on)}"


