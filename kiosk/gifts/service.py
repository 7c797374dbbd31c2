"""Gifts: packages, recipients and their allocation, the hand-out at a desk or
on stage (never twice), reconciliation to the đồng, and the slips' codes."""

from __future__ import annotations

from functools import partial

from sqlalchemy import func, select

from kiosk import live
from kiosk.auth.roles import Permission
from kiosk import fields as checks
from kiosk.database import utcnow
from kiosk.delegates import codes
from kiosk.extensions import db
from kiosk.gifts.models import (
    FUNDING_SOURCES, PACKAGE_KINDS, RECIPIENT_CATEGORIES, RECIPIENT_KINDS, GiftHandout, GiftPackage, GiftRecipient,
    GiftStage,
)
from kiosk.i18n import format_money, format_time
from kiosk.offline import service as offline
from kiosk.reports import audit
from kiosk.text import fold
from kiosk.transactions import Claim, Settled, made_once, redeem, writes, writing

MAX_STAGE_WIDTH = 30
MAX_UNIT_VALUE = 10**12  # đồng: a thousand billion, beyond any package
MAX_QUANTITY = 100_000


class GiftError(checks.KioskError):
    """A refused change; the message is for the person at the desk."""


clean_text = partial(checks.text, error=GiftError)
positive_int = partial(checks.positive_int, error=GiftError)
choice = partial(checks.choice, error=GiftError)
owned = partial(checks.event_row, error=GiftError)


def publish(event) -> None:
    live.publish_state(event, "gifts", "stage_gifts")


# ---------------------------------------------------------------- packages

def clean_package(event, fields: dict, *, creating: bool) -> dict:
    clean: dict = {}
    if "name" in fields or creating:
        clean["name"] = clean_text(fields.get("name"), 300, "Tên suất quà", required=True)
    if "unit_value" in fields or creating:
        clean["unit_value"] = positive_int(fields.get("unit_value"), "Giá trị mỗi suất (đồng)", maximum=MAX_UNIT_VALUE)
    if "quantity" in fields or creating:
        clean["quantity"] = positive_int(fields.get("quantity"), "Số suất", maximum=MAX_QUANTITY)
    if "kind" in fields:
        clean["kind"] = choice(fields["kind"], PACKAGE_KINDS, "Hình thức quà phải là tiền mặt, hiện vật hoặc cả hai.")
    if "funding_source" in fields:
        clean["funding_source"] = choice(fields["funding_source"], FUNDING_SOURCES,
                                         f"Nguồn kinh phí phải là một trong: {', '.join(FUNDING_SOURCES.values())}.")
    if "presenter" in fields:
        clean["presenter"] = clean_text(fields["presenter"], 300, "Đại biểu trao")
    return clean


@writes
def create_package(event, fields: dict) -> GiftPackage:
    package = GiftPackage(event_id=event.id, position=len(packages_of(event)) + 1,
                          **clean_package(event, fields, creating=True))
    db.session.add(package)
    publish(event)
    return package


@writes
def update_package(event, package_id, fields: dict) -> GiftPackage:
    package = owned(GiftPackage, event, package_id, "Không tìm thấy suất quà này.")
    clean = clean_package(event, fields, creating=False)
    if "quantity" in clean and clean["quantity"] < allocated_count(package.id):
        raise GiftError(f"Đã phân bổ {allocated_count(package.id)} suất, không giảm số suất xuống dưới mức đó.")
    for name, value in clean.items():
        setattr(package, name, value)
    publish(event)
    return package


@writes
def delete_package(event, package_id) -> None:
    package = owned(GiftPackage, event, package_id, "Không tìm thấy suất quà này.")
    if any(r.handed_at for r in package.recipients):
        raise GiftError("Suất quà này đã được trao, không xóa được.")
    for recipient in package.recipients:
        recipient.package_id = None
    db.session.delete(package)
    publish(event)


def packages_of(event) -> list[GiftPackage]:
    return list(db.session.scalars(select(GiftPackage).where(GiftPackage.event_id == event.id)
                                   .order_by(GiftPackage.position, GiftPackage.id)))


def allocated_count(package_id: int) -> int:
    return db.session.scalar(select(func.count()).where(GiftRecipient.package_id == package_id))


# ---------------------------------------------------------------- recipients and allocation

def clean_recipient(fields: dict, *, creating: bool) -> dict:
    clean: dict = {}
    if "name" in fields or creating:
        clean["name"] = clean_text(fields.get("name"), 200, "Họ tên người nhận", required=True)
    if "kind" in fields:
        clean["kind"] = choice(fields["kind"], RECIPIENT_KINDS,
                               "Loại người nhận phải là cá nhân, hộ gia đình hoặc tập thể.")
    if "category" in fields:
        clean["category"] = choice(fields["category"], RECIPIENT_CATEGORIES,
                                   f"Đối tượng phải là một trong: {', '.join(RECIPIENT_CATEGORIES.values())}.")
    for name, limit, label in (("address", 300, "Địa chỉ"), ("id_number", 20, "Số CCCD"), ("phone", 30, "Số điện thoại"),
                               ("notes", 2000, "Ghi chú")):
        if name in fields:
            clean[name] = clean_text(fields[name], limit, label)
    return clean


@writes
def add_recipient(event, fields: dict) -> GiftRecipient:
    clean = clean_recipient(fields, creating=True)
    recipient = GiftRecipient(event_id=event.id, search_name=fold(clean["name"]), slip_id=codes.new_badge_id(),
                              position=(db.session.scalar(select(func.count()).where(
                                  GiftRecipient.event_id == event.id)) or 0) + 1, **clean)
    db.session.add(recipient)
    db.session.flush()
    if fields.get("package_id") not in (None, ""):
        allocate_in_session(event, recipient, fields["package_id"])
    publish(event)
    return recipient


@writes
def update_recipient(event, recipient_id, fields: dict) -> GiftRecipient:
    recipient = owned(GiftRecipient, event, recipient_id, "Không tìm thấy người nhận này.")
    for name, value in clean_recipient(fields, creating=False).items():
        setattr(recipient, name, value)
    recipient.search_name = fold(recipient.name)
    publish(event)
    return recipient


@writes
def delete_recipient(event, recipient_id) -> None:
    recipient = owned(GiftRecipient, event, recipient_id, "Không tìm thấy người nhận này.")
    if recipient.handed_at:
        raise GiftError("Người này đã nhận quà, không xóa được.")
    db.session.delete(recipient)
    publish(event)


@writes
def allocate(event, recipient_id, package_id) -> GiftRecipient:
    """Give a recipient a package (or none); refused beyond the package's stock
    (counted in the write path: twelve desks allocating the last three get three)."""
    recipient = owned(GiftRecipient, event, recipient_id, "Không tìm thấy người nhận này.")
    if recipient.handed_at:
        raise GiftError("Người này đã nhận quà, không đổi được suất quà.")
    allocate_in_session(event, recipient, package_id)
    publish(event)
    return recipient


def allocate_in_session(event, recipient: GiftRecipient, package_id) -> None:
    if package_id in (None, ""):
        recipient.package_id = None
        return
    package = owned(GiftPackage, event, package_id, "Không tìm thấy suất quà này.")
    if recipient.package_id == package.id:
        return
    if allocated_count(package.id) >= package.quantity:
        raise GiftError(f"“{package.name}” chỉ có {package.quantity} suất, đã phân bổ hết.")
    recipient.package_id = package.id


def recipients_of(event) -> list[GiftRecipient]:
    return list(db.session.scalars(select(GiftRecipient).where(GiftRecipient.event_id == event.id)
                                   .order_by(GiftRecipient.position, GiftRecipient.id)))


def search(event, query: str = "", limit: int = 50) -> list[GiftRecipient]:
    """Recipients whose name matches, ignoring diacritics."""
    statement = select(GiftRecipient).where(GiftRecipient.event_id == event.id)
    for word in fold(query).split():
        statement = statement.where(GiftRecipient.search_name.contains(word, autoescape=True))
    return list(db.session.scalars(statement.order_by(GiftRecipient.position, GiftRecipient.id).limit(limit)))


def code_for(event, recipient: GiftRecipient) -> str:
    return codes.make_code(event.code_seed, event.code_prefix, recipient.slip_id, 1, scheme=codes.GIFT_SLIP)


# ---------------------------------------------------------------- the hand-out

def recipient_json(event, r: GiftRecipient) -> dict:
    return {"id": r.id, "name": r.name, "kind": r.kind, "category": r.category,
            "category_label": RECIPIENT_CATEGORIES.get(r.category, r.category), "address": r.address,
            "package_id": r.package_id, "package": r.package.name if r.package else None,
            "value": r.package.unit_value if r.package else None,
            "handed_at": r.handed_at.isoformat() if r.handed_at else None, "handed_desk": r.handed_desk,
            "handed_by": r.handed_by, "received_by": r.received_by, "relationship": r.relationship_to_recipient}


def answer_for(event, status: str, recipient: GiftRecipient | None, message: str = "") -> dict:
    if status == "ok":
        message = f"Trao “{recipient.package.name}” cho {recipient.name}" + (
            f" — người nhận thay: {recipient.received_by} ({recipient.relationship_to_recipient})"
            if recipient.received_by else "") + "."
    elif status == "already_handed":
        message = (f"{recipient.name} đã nhận lúc {format_time(recipient.handed_at, event.timezone)}"
                   + (f" tại {recipient.handed_desk}" if recipient.handed_desk else "") + ".")
    return {"status": status, "message": message,
            "recipient": recipient_json(event, recipient) if recipient is not None else None}


def recipient_for_code(event, code: str) -> GiftRecipient | dict:
    """The recipient a slip names, or the refusal to answer with."""
    from kiosk.delegates.service import check_code

    verdict, parsed, details = check_code(event, code, codes.GIFT_SLIP)
    if verdict == "wrong_event":
        return answer_for(event, "wrong_event", None, f"Phiếu này thuộc sự kiện khác: {details['place']}.")
    if verdict != "ok":
        return answer_for(event, "invalid", None, "Mã phiếu không hợp lệ. Tra cứu theo tên người nhận.")
    recipient = db.session.scalar(select(GiftRecipient).where(GiftRecipient.event_id == event.id,
                                                              GiftRecipient.slip_id == parsed.badge_id))
    if recipient is None:
        return answer_for(event, "invalid", None, "Phiếu này không còn trong danh sách nhận quà.")
    return recipient


def handout(event, *, recipient_id: int | None = None, code: str | None = None, request_id: str | None = None,
            desk: str = "", actor: str = "", received_by: str = "", relationship: str = "", made_at=None) -> dict:
    """Hand a recipient their package. Two desks racing on the same recipient
    end with exactly one hand-out; the other is told when and where. A retry
    with the same request_id gets the same answer (another recipient with the
    same request_id is refused: KeyReused).

    `made_at`: the hand-out was made on a desk cut off from the server and
    queued there. It is dated then; and if another desk had already handed the
    package, both really gave it: a conflict is recorded for the organizers
    (status "conflict"), not merely refused."""
    received_by = clean_text(received_by, 200, "Người nhận thay")
    relationship = clean_text(relationship, 100, "Quan hệ")
    if received_by and not relationship:
        raise GiftError("Ghi rõ quan hệ của người nhận thay với người được nhận quà.")
    desk = clean_text(desk, 100, "Bàn")
    if code is not None:
        found = recipient_for_code(event, code)
        if isinstance(found, dict):
            return found
        recipient_id = found.id
    recipient = owned(GiftRecipient, event, recipient_id, "Không tìm thấy người nhận này.")
    now = made_at or utcnow()
    values = {"handed_at": now, "handed_desk": desk, "handed_by": actor, "received_by": received_by,
              "relationship_to_recipient": relationship}

    def settle(won: bool) -> Settled:
        if not won and recipient.package_id is None:
            answer = answer_for(event, "not_allocated", recipient, f"{recipient.name} chưa được phân bổ suất quà.")
            return Settled(answer, {"recipient_id": recipient.id, "status": "not_allocated", "desk": desk,
                                    "actor": actor})
        conflict = not won and made_at is not None
        answer = answer_for(event, "ok" if won else "already_handed", recipient)
        if conflict:
            answer = conflict_answer(event, recipient, answer, desk=desk, actor=actor, made_at=made_at,
                                     received_by=received_by, relationship=relationship)
        return Settled(answer, {"recipient_id": recipient.id, "desk": desk, "actor": actor,
                                "status": "handed" if won else "conflict" if conflict else "already_handed"},
                       also=(lambda log: note_conflict(event, recipient, answer, log)) if conflict else None)

    return redeem(event, log_model=GiftHandout, key_column=GiftHandout.request_id, key=request_id,
                  request={"recipient_id": recipient.id, "received_by": received_by, "relationship": relationship},
                  claim=Claim(recipient, [GiftRecipient.handed_at.is_(None), GiftRecipient.package_id.is_not(None)],
                              values),
                  settle=settle, publish=lambda: publish(event))


def note_conflict(event, recipient: GiftRecipient, answer: dict, log: GiftHandout) -> None:
    offline.record_conflict(event, "gifts", recipient.name, details=answer["conflict"], message=answer["message"],
                            gift_handout_id=log.id)
    offline.publish(event)


def conflict_answer(event, recipient: GiftRecipient, answer: dict, *, desk: str, actor: str, made_at,
                    received_by: str, relationship: str) -> dict:
    """What a desk that handed out while cut off is told when another desk had
    already given the same package: both desks and both times."""
    first_at = format_time(recipient.handed_at, event.timezone)
    message = (f"Xung đột: {recipient.name} đã nhận lúc {first_at}"
               + (f" tại {recipient.handed_desk}" if recipient.handed_desk else "")
               + f"; {desk or 'bàn này'} cũng trao lúc {format_time(made_at, event.timezone)} khi mất kết nối."
               + " Đã báo Ban Tổ chức để xử lý.")
    details = {"first": {"desk": recipient.handed_desk, "actor": recipient.handed_by,
                         "at": offline.iso(recipient.handed_at), "received_by": recipient.received_by},
               "offline": {"desk": desk, "actor": actor, "offline_at": offline.iso(made_at),
                           "received_at": offline.iso(utcnow()), "received_by": received_by,
                           "relationship": relationship}}
    return {**answer, "status": "conflict", "message": message, "conflict": details}


@writes
def undo_handout(event, recipient_id, *, reason: str, actor: str = "") -> GiftRecipient:
    reason = clean_text(reason, 500, "Lý do", required=True)
    recipient = owned(GiftRecipient, event, recipient_id, "Không tìm thấy người nhận này.")
    if recipient.handed_at is None:
        raise GiftError("Người này chưa nhận quà.")
    db.session.add(GiftHandout(event_id=event.id, recipient_id=recipient.id, status="undone", reason=reason,
                               actor=actor, answer={"was": recipient_json(event, recipient)}))
    recipient.handed_at, recipient.handed_desk, recipient.handed_by = None, "", ""
    recipient.received_by = recipient.relationship_to_recipient = ""
    publish(event)
    return recipient


def history(event, recipient_id=None) -> list[GiftHandout]:
    statement = select(GiftHandout).where(GiftHandout.event_id == event.id)
    if recipient_id is not None:
        statement = statement.where(GiftHandout.recipient_id == recipient_id)
    return list(db.session.scalars(statement.order_by(GiftHandout.id)))


# ---------------------------------------------------------------- reconciliation

@live.state_part("gifts", audience=(Permission.GIFT_DESK, Permission.VIEW_DASHBOARD))
def gifts_summary(event) -> dict:
    """Planned, handed and remaining, in packages and in đồng, by package and by
    funding source: the accountant's reconciliation, live."""
    rows = db.session.execute(
        select(GiftPackage.id, GiftPackage.name, GiftPackage.funding_source, GiftPackage.unit_value,
               GiftPackage.quantity, func.count(GiftRecipient.id), func.count(GiftRecipient.handed_at))
        .outerjoin(GiftRecipient, GiftRecipient.package_id == GiftPackage.id)
        .where(GiftPackage.event_id == event.id)
        .group_by(GiftPackage.id, GiftPackage.name, GiftPackage.funding_source, GiftPackage.unit_value,
                  GiftPackage.quantity, GiftPackage.position)
        .order_by(GiftPackage.position, GiftPackage.id)
    ).all()
    by_package = [{
        "package_id": pid, "name": name, "funding_source": source,
        "funding_label": FUNDING_SOURCES.get(source, source), "unit_value": value, "quantity": quantity,
        "planned": allocated, "handed": handed, "remaining": allocated - handed,
        "planned_value": allocated * value, "handed_value": handed * value, "remaining_value": (allocated - handed) * value,
    } for pid, name, source, value, quantity, allocated, handed in rows]
    by_source: dict[str, dict] = {}
    for entry in by_package:
        total = by_source.setdefault(entry["funding_source"], {"funding_source": entry["funding_source"],
                                                               "label": entry["funding_label"], "planned": 0,
                                                               "handed": 0, "planned_value": 0, "handed_value": 0})
        for key in ("planned", "handed", "planned_value", "handed_value"):
            total[key] += entry[key]
    total = {key: sum(e[key] for e in by_package) for key in
             ("quantity", "planned", "handed", "remaining", "planned_value", "handed_value", "remaining_value")}
    return {**total, "by_package": by_package, "by_source": list(by_source.values()),
            "handed_value_text": format_money(total["handed_value"])}


# ---------------------------------------------------------------- on stage

def stage_row(event) -> GiftStage:
    return made_once(GiftStage, event.id,
                     lambda: GiftStage(event_id=event.id, current_batch=0, stage_width=10, version=0))


def stage_batches(event, width: int) -> list[tuple[GiftPackage, list[GiftRecipient]]]:
    """Recipients on stage in batches of `width`, package by package, in list order."""
    batches = []
    for package in packages_of(event):
        people = sorted(package.recipients, key=lambda r: (r.position, r.id))
        batches += [(package, people[i:i + width]) for i in range(0, len(people), width)]
    return batches


def stage_command(event, command: str, *, expected_batch: int) -> dict:
    if command not in ("next", "previous"):
        raise GiftError(f"Lệnh không hợp lệ: {command}.")
    with writing():
        stage = stage_row(event)
        if stage.current_batch != expected_batch:
            raise GiftError("Sân khấu đã chuyển sang đợt khác. Màn hình đã cập nhật.")
        count = len(stage_batches(event, stage.stage_width))
        target = stage.current_batch + (1 if command == "next" else -1)
        if not 1 <= target <= count:
            raise GiftError("Đã là đợt cuối cùng." if command == "next" else "Đang ở đợt đầu tiên.")
        audit.record(event, "gifts", f"stage_{command}", f"Đợt {target}",
                     {"from_batch": f"Đợt {stage.current_batch}" if stage.current_batch else ""})
        stage.current_batch, stage.version = target, stage.version + 1
        live.publish_state(event, "stage_gifts")
    return stage_state(event)


@live.state_part("stage_gifts", audience=(Permission.GIFT_DESK, Permission.READ_PROGRAMME))
def stage_state(event) -> dict:
    """The gift batch on stage, for the MC page and the desk in stage mode."""
    stage = db.session.get(GiftStage, event.id)
    width = stage.stage_width if stage else 10
    batches = stage_batches(event, width)
    current = stage.current_batch if stage else 0
    if not 1 <= current <= len(batches):
        return {"current_batch": current, "batch_count": len(batches), "names": None, "announcement": "",
                "people": []}
    package, people = batches[current - 1]
    presenter = package.presenter
    return {
        "current_batch": current, "batch_count": len(batches),
        "announcement": (f"Trân trọng kính mời {presenter} lên trao " if presenter else "Trao ")
        + f"{len(people)} suất quà “{package.name}” trị giá {format_money(package.unit_value)} mỗi suất.",
        "people": [recipient_json(event, r) for r in people],
        "names": [{"line": ", ".join(filter(None, [r.name, r.address])), "outcome": "handed" if r.handed_at else ""}
                  for r in people],
    }
