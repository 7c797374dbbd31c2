"""Delegates, their codes, check-in at the gate, attendance and the MC's
introduction of those present."""

from __future__ import annotations

import re
from collections import Counter

from sqlalchemy import case, func, select, update

from kiosk import live
from kiosk.auth.roles import Permission
from kiosk.fields import KioskError, choice, event_row, is_row_id, text
from kiosk.database import utcnow
from kiosk.delegates import codes
from kiosk.delegates.models import GROUPS, LEVELS, CheckInScan, Delegate
from kiosk.extensions import db
from kiosk.i18n import format_time
from kiosk.offices import office, office_line
from kiosk.reports import audit
from kiosk.text import fold, nfc
from kiosk.transactions import Claim, Settled, earlier_answer, redeem, request_digest, writes, writing


class DelegateError(KioskError):
    """A refused change; the message is for the person at the tablet."""


# ---------------------------------------------------------------- protocol order

# Offices read first within a level, by the words their position starts with.
POSITION_WEIGHTS = [
    ("bí thư", 0), ("chủ tịch", 10), ("trưởng ban", 20), ("giám đốc", 20), ("cục trưởng", 20),
    ("chỉ huy trưởng", 25), ("trưởng", 30), ("phó bí thư", 5), ("phó chủ tịch", 15), ("phó giám đốc", 25),
    ("phó cục trưởng", 25), ("phó trưởng", 35), ("phó trưởng ban", 35), ("phó", 40), ("ủy viên", 50),
    ("thành viên", 60),
]
NO_OFFICE = 90
# "Phó Chủ tịch Thường trực" / "Phó Chủ tịch TT UBND tỉnh": the standing deputy
# is read before the other deputies of the body, still after the head
# (every head weighs at least 5 less than its deputies).
STANDING = re.compile(r"^\s+(?:thường trực|tt)(?!\w)")
STANDING_STEP = 2
GROUP_ORDER = ["party", "hdnd", "ubnd", "mttq", "police", "steering", "army", "mass_org", "religious",
               "prestigious", "village", "former_cadre", "honoree", "press", "citizen"]


def office_weight(position: str) -> int:
    lowered = nfc(position).strip().lower()
    # The longest matching prefix decides ("phó chủ tịch" is not "chủ tịch").
    matches = [(len(prefix), weight) for prefix, weight in POSITION_WEIGHTS if lowered.startswith(prefix)]
    if not matches:
        return NO_OFFICE
    length, weight = max(matches)
    if lowered.startswith("phó") and STANDING.match(lowered[length:]):
        return weight - STANDING_STEP
    return weight


def protocol_rank(level: str, group: str, position: str) -> int:
    """Lễ tân order: level first (Trung ương before tỉnh ...), then the body
    (Đảng, HĐND, UBND, MTTQ, ...), then the office (Bí thư, Chủ tịch, Phó ...)."""
    level_index = list(LEVELS).index(level) if level in LEVELS else len(LEVELS)
    group_index = GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER)
    return level_index * 10000 + group_index * 100 + office_weight(position)


def leads(level: str, position: str) -> bool:
    """A leader the organizers wait for: an office holder above the village."""
    return level in ("trung_uong", "tinh", "huyen", "xa") and office_weight(position) <= 40


# ---------------------------------------------------------------- delegates

MAX_RANK = 1_000_000  # far beyond any derived protocol_rank
FIELD_LIMITS = {"full_name": 200, "honorific": 50, "position": 300, "organization": 300, "seat": 50,
                "phone": 30, "notes": 2000}
FIELD_LABELS = {"full_name": "Họ và tên", "honorific": "Danh xưng", "position": "Chức vụ", "organization": "Đơn vị",
                "seat": "Số ghế", "phone": "Số điện thoại", "notes": "Ghi chú"}


def clean_fields(fields: dict, *, creating: bool) -> dict:
    unknown = set(fields) - set(FIELD_LIMITS) - {"level", "group", "rank_override", "is_leader", "invited"}
    if unknown:
        raise DelegateError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}.")
    clean: dict = {}
    for name, limit in FIELD_LIMITS.items():
        if name in fields or (creating and name == "full_name"):
            clean[name] = text(fields.get(name), limit, FIELD_LABELS[name], required=name == "full_name",
                               error=DelegateError)
    if "level" in fields:
        clean["level"] = choice(fields["level"], LEVELS, "Cấp không hợp lệ.", error=DelegateError)
    if "group" in fields:
        clean["group"] = choice(fields["group"], GROUPS, "Thành phần không hợp lệ.", error=DelegateError)
    if "rank_override" in fields:
        value = fields["rank_override"]
        if value not in (None, "") and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            raise DelegateError("Thứ tự lễ tân phải là số không âm.")
        if value not in (None, "") and value > MAX_RANK:
            raise DelegateError(f"Thứ tự lễ tân không được lớn hơn {MAX_RANK}.")
        clean["rank_override"] = None if value in (None, "") else value
    for name in ("is_leader", "invited"):
        if name in fields:
            clean[name] = bool(fields[name])
    return clean


def add_delegate(event, *, full_name: str, level: str = "xa", group: str = "citizen", position: str = "",
                 organization: str = "", honorific: str = "Đồng chí", seat: str = "", phone: str = "",
                 notes: str = "", invited: bool = True) -> Delegate:
    """A new delegate in the session (the caller commits)."""
    delegate = Delegate(event_id=event.id, honorific=honorific, position=position, organization=organization,
                        level=level, group=group, seat=seat, phone=phone, notes=notes, invited=invited,
                        protocol_rank=protocol_rank(level, group, position), badge_id=codes.new_badge_id(),
                        is_leader=leads(level, position))
    delegate.set_name(full_name)
    db.session.add(delegate)
    return delegate


def shown(name: str, value) -> str:
    """A delegate's field as the audit trail shows it: words, not codes."""
    return audit.shown(value, {"level": LEVELS, "group": GROUPS}.get(name))


def delegate_line(delegate: Delegate) -> str:
    return ", ".join(filter(None, [delegate.full_name, delegate.position, delegate.organization]))


@writes
def create_delegate(event, fields: dict) -> Delegate:
    clean = clean_fields(fields, creating=True)
    extra = {k: clean.pop(k) for k in ("rank_override", "is_leader") if k in clean}
    delegate = add_delegate(event, **clean)
    for name, value in extra.items():
        setattr(delegate, name, value)
    db.session.flush()
    audit.record(event, "delegates", "delegate_added", delegate_line(delegate),
                 {name: shown(name, getattr(delegate, name)) for name in ("level", "group", "seat", "invited")})
    publish_attendance(event)
    return delegate


@writes
def update_delegate(event, delegate_id, fields: dict) -> Delegate:
    delegate = get_delegate(event, delegate_id)
    clean = clean_fields(fields, creating=False)
    changed = audit.edits({name: shown(name, getattr(delegate, name)) for name in clean},
                          {name: shown(name, value) for name, value in clean.items()})
    if changed:
        audit.record(event, "delegates", "delegate_edited", delegate.full_name, changed)
    for name, value in clean.items():
        if name == "full_name":
            delegate.set_name(value)
        else:
            setattr(delegate, name, value)
    if {"level", "group", "position"} & set(clean):
        delegate.protocol_rank = protocol_rank(delegate.level, delegate.group, delegate.position)
        if "is_leader" not in clean:
            delegate.is_leader = leads(delegate.level, delegate.position)
    publish_attendance(event)
    return delegate


@writes
def delete_delegate(event, delegate_id) -> None:
    delegate = get_delegate(event, delegate_id)
    audit.record(event, "delegates", "delegate_deleted", delegate_line(delegate))
    db.session.delete(delegate)
    publish_attendance(event)


def get_delegate(event, delegate_id) -> Delegate:
    return event_row(Delegate, event, delegate_id, "Không tìm thấy đại biểu này trong sự kiện.",
                            error=DelegateError)


def delegates_in_order(event) -> list[Delegate]:
    rank = func.coalesce(Delegate.rank_override, Delegate.protocol_rank)
    return list(db.session.scalars(select(Delegate).where(Delegate.event_id == event.id)
                                   .order_by(rank, Delegate.id)))


def search(event, query: str = "", limit: int = 50) -> list[Delegate]:
    """Delegates whose name (or organization) matches, ignoring diacritics:
    "nguyen van a" finds "Nguyễn Văn A"."""
    statement = select(Delegate).where(Delegate.event_id == event.id)
    for word in fold(query).split():
        statement = statement.where(Delegate.search_name.contains(word, autoescape=True))
    rank = func.coalesce(Delegate.rank_override, Delegate.protocol_rank)
    return list(db.session.scalars(statement.order_by(rank, Delegate.id).limit(limit)))


def code_for(event, delegate: Delegate) -> str:
    return codes.make_code(event.code_seed, event.code_prefix, delegate.badge_id, delegate.code_version)


@writes
def reissue_code(event, delegate_id) -> str:
    """A new badge (lost, damaged): the old code is revoked from now on."""
    delegate = get_delegate(event, delegate_id)
    delegate.code_version += 1
    audit.record(event, "delegates", "code_reissued", delegate.full_name, {"code_version": delegate.code_version})
    db.session.flush()
    return code_for(event, delegate)


# ---------------------------------------------------------------- check-in

MESSAGES = {
    "invalid": "Mã không hợp lệ. Đề nghị kiểm tra giấy mời hoặc tra cứu theo tên.",
    "revoked": "Mã này đã bị thu hồi (thẻ đã được cấp lại). Đề nghị dùng thẻ mới hoặc tra cứu theo tên.",
    "wrong_event": "Mã này thuộc sự kiện khác: {place}.",
}


def delegate_json(event, delegate: Delegate) -> dict:
    return {"id": delegate.id, "full_name": delegate.full_name, "honorific": delegate.honorific,
            "position": delegate.position, "organization": delegate.organization,
            "office": office(delegate.position, delegate.organization), "seat": delegate.seat,
            "level": delegate.level, "invited": delegate.invited, "stand_in_name": delegate.stand_in_name,
            "checked_in_at": delegate.checked_in_at.isoformat() if delegate.checked_in_at else None,
            "checked_in_device": delegate.checked_in_device}


def greeting(delegate: Delegate) -> str:
    name = f"{delegate.honorific} {delegate.full_name}".strip()
    if delegate.stand_in_name:
        name = f"{delegate.stand_in_name} (dự thay {name})"
    return f"Kính chào {name}" + (f" — ghế {delegate.seat}" if delegate.seat else "")


def answer_for(event, status: str, delegate: Delegate | None = None, **extra) -> dict:
    if status == "ok":
        message = greeting(delegate)
    elif status == "already_checked_in":
        message = (f"{delegate.full_name} đã điểm danh lúc {format_time(delegate.checked_in_at, event.timezone)}"
                   + (f" tại {delegate.checked_in_device}" if delegate.checked_in_device else "") + ".")
    else:
        message = MESSAGES[status].format(**extra)
    return {"status": status, "message": message,
            "delegate": delegate_json(event, delegate) if delegate is not None else None,
            "checked_in_at": delegate.checked_in_at.isoformat() if delegate and delegate.checked_in_at else None,
            "device": delegate.checked_in_device if delegate else None}


def check_code(event, code: str, scheme: str = codes.BADGE) -> tuple[str, codes.ParsedCode | None, dict]:
    """The verdict on a code before any write: (status, parsed code, message fields)."""
    from kiosk.events.models import Event

    parsed = codes.parse(code, scheme)
    if parsed is None:
        return "invalid", None, {}
    if parsed.event_prefix == event.code_prefix:
        return ("ok" if codes.signature_valid(event.code_seed, parsed) else "invalid"), parsed, {}
    other = db.session.scalar(select(Event).where(Event.code_prefix == parsed.event_prefix))
    if other is not None and codes.signature_valid(other.code_seed, parsed):
        return "wrong_event", parsed, {"place": other.place}
    return "invalid", None, {}


def check_in(event, *, code: str | None = None, delegate_id: int | None = None, device: str = "",
             scan_id: str | None = None, stand_in: str = "", actor: str = "", made_at=None) -> dict:
    """Check a delegate in from a scanned code or a chosen name.

    The hot path of the day, so one short write transaction. The first scan
    wins (a conditional UPDATE); any later one is told when and where. A tablet
    that retries with the same scan_id gets the answer it got the first time
    (the same scan_id with another code or person is refused: KeyReused).
    `made_at`: when a tablet cut off from the server made the scan it queued
    (the arrival time recorded), else now."""
    device = text(device, 100, "Tên thiết bị", error=DelegateError)
    stand_in = text(stand_in, 200, "Người dự thay", error=DelegateError)
    verdict, parsed, details = check_code(event, code) if code is not None else ("ok", None, {})

    # Found before the write lock is taken: the lock is held only for the
    # conditional UPDATE and the log row, so tablets queue for as short as can be.
    delegate = None
    if verdict == "ok":
        if parsed is None and not is_row_id(delegate_id):
            raise DelegateError("Không tìm thấy đại biểu này trong sự kiện.")
        lookup = (Delegate.badge_id == parsed.badge_id) if parsed else (Delegate.id == delegate_id)
        delegate = db.session.scalar(select(Delegate).where(Delegate.event_id == event.id, lookup)
                                     .execution_options(populate_existing=True))
        if delegate is None and parsed is None:
            raise DelegateError("Không tìm thấy đại biểu này trong sự kiện.")
        if delegate is None or (parsed and parsed.version != delegate.code_version):
            verdict, delegate = "revoked", None

    claim = None
    if verdict == "ok":
        now = made_at or utcnow()
        unclaimed = [Delegate.checked_in_at.is_(None)]
        if parsed:  # the code may have been reissued since it was read
            unclaimed.append(Delegate.code_version == parsed.version)
        claim = Claim(delegate, unclaimed, {"checked_in_at": now, "checked_in_device": device,
                                            "stand_in_name": stand_in})

    def settle(won: bool) -> Settled:
        outcome, person = verdict, delegate
        if claim is not None and not won:
            if parsed and parsed.version != delegate.code_version:
                outcome, person = "revoked", None
            else:
                outcome = "already_checked_in"
        answer = answer_for(event, outcome, person, **details)
        return Settled(answer, {"status": outcome, "delegate_id": person.id if person else None, "device": device,
                                "actor": actor, "code_tried": code_tried(code, outcome)})

    return redeem(event, log_model=CheckInScan, key_column=CheckInScan.scan_id, key=scan_id,
                  request={"code": code, "delegate_id": None if code is not None else delegate_id,
                           "stand_in": stand_in},
                  claim=claim, settle=settle, publish=lambda: publish_attendance(event))


def code_tried(code: str | None, outcome: str) -> str:
    """A refused code is kept as it was read (the audit shows what was tried)."""
    return str(code)[:300] if code is not None and outcome in ("invalid", "revoked", "wrong_event") else ""


@writes
def undo_check_in(event, delegate_id, *, reason: str, actor: str = "") -> Delegate:
    """An organizer takes a check-in back (scanned by mistake); kept in the record."""
    reason = text(reason, 500, "Lý do hủy điểm danh", error=DelegateError)
    if not reason:
        raise DelegateError("Cần ghi lý do hủy điểm danh.")
    delegate = get_delegate(event, delegate_id)
    if delegate.checked_in_at is None:
        raise DelegateError("Đại biểu này chưa điểm danh.")
    was = {"checked_in_at": delegate.checked_in_at.isoformat(), "device": delegate.checked_in_device,
           "stand_in_name": delegate.stand_in_name, "reason": reason}
    delegate.checked_in_at, delegate.checked_in_device, delegate.stand_in_name = None, "", ""
    db.session.add(CheckInScan(event_id=event.id, delegate_id=delegate.id, status="undone", actor=actor,
                               answer=was))
    publish_attendance(event)
    return delegate


def register_walk_in(event, fields: dict, *, device: str = "", actor: str = "", request_id: str | None = None,
                     made_at=None) -> dict:
    """A guest without an invitation, registered and checked in on the spot,
    in one write transaction. Sent again with the same request_id (a tablet
    that queued it, several retries racing), the guest is registered once and
    the first answer given again; the same request_id with another guest is
    refused (KeyReused)."""
    clean = clean_fields({**fields, "invited": False}, creating=True)  # refused before waiting for the turn
    digest = request_digest({"walk_in": clean})
    with writing():
        earlier = earlier_answer(CheckInScan, CheckInScan.scan_id, event, request_id, digest)
        if earlier is not None:
            return earlier
        delegate = create_delegate(event, {**fields, "invited": False})
        answer = check_in(event, delegate_id=delegate.id, device=device, actor=actor, scan_id=request_id,
                          made_at=made_at)
        # The log row keeps the walk-in's own fingerprint, so its retry is recognised as the same.
        if request_id:
            db.session.execute(update(CheckInScan).where(CheckInScan.event_id == event.id,
                                                         CheckInScan.scan_id == request_id)
                               .values(request_digest=digest))
    return answer


# ---------------------------------------------------------------- attendance, live

def publish_attendance(event) -> None:
    live.publish_state(event, "attendance", "attendance_detail", "introduction")


@live.state_part("attendance", audience=live.PUBLIC)
def attendance(event) -> dict:
    """Invited and present, for the dashboard and the big screen's figure."""
    invited, present, walk_ins = db.session.execute(
        select(func.count().filter(Delegate.invited), func.count(Delegate.checked_in_at),
               func.count(Delegate.checked_in_at).filter(Delegate.invited.is_(False)))
        .where(Delegate.event_id == event.id)
    ).one()
    return {"invited": invited, "present": present, "walk_ins": walk_ins}


@live.state_part("attendance_detail", audience=Permission.VIEW_DASHBOARD)
def attendance_detail(event) -> dict:
    """Present vs invited by level and group, arrivals over time, and the
    leaders not yet arrived, for the organizers. Counted by the database: it
    is recomputed while check-ins stream in."""
    mine = Delegate.event_id == event.id
    counts = db.session.execute(
        select(Delegate.level, Delegate.group, func.count().filter(Delegate.invited), func.count(Delegate.checked_in_at))
        .where(mine).group_by(Delegate.level, Delegate.group)
    ).all()
    by_level = {code: {"invited": 0, "present": 0} for code in LEVELS}
    by_group: dict[str, dict] = {}
    for level, group, invited, present in counts:
        for table, key in ((by_level, level), (by_group, group)):
            bucket = table.setdefault(key, {"invited": 0, "present": 0})
            bucket["invited"] += invited
            bucket["present"] += present
    zone = live_zone(event)
    arrivals: Counter = Counter()
    for (at,) in db.session.execute(select(Delegate.checked_in_at).where(mine, Delegate.checked_in_at.is_not(None))):
        local = at.astimezone(zone)
        arrivals[local.replace(minute=local.minute - local.minute % 10, second=0, microsecond=0)] += 1
    missing = db.session.execute(
        select(Delegate.id, Delegate.honorific, Delegate.full_name, Delegate.position, Delegate.organization)
        .where(mine, Delegate.is_leader, Delegate.invited, Delegate.checked_in_at.is_(None))
        .order_by(func.coalesce(Delegate.rank_override, Delegate.protocol_rank), Delegate.id)
    ).all()
    return {
        "by_level": [{"level": k, "label": LEVELS[k], **v} for k, v in by_level.items() if v["invited"] or v["present"]],
        "by_group": [{"group": k, "label": GROUPS.get(k, k), **v} for k, v in sorted(
            by_group.items(), key=lambda kv: GROUP_ORDER.index(kv[0]) if kv[0] in GROUP_ORDER else 99)],
        "arrivals": [{"at": at.strftime("%H:%M"), "count": n} for at, n in sorted(arrivals.items())],
        # `office`: position and organization in one phrase, so that three
        # "Chủ tịch UBND tỉnh" can be told apart.
        "leaders_missing": [{"id": r.id, "name": f"{r.honorific} {r.full_name}".strip(), "position": r.position,
                             "organization": r.organization, "office": office(r.position, r.organization)}
                            for r in missing],
    }


def live_zone(event):
    from zoneinfo import ZoneInfo

    return ZoneInfo(event.timezone)


# ---------------------------------------------------------------- the MC's introduction

INTRODUCTION_HEADINGS = {
    "trung_uong": "Về phía các cơ quan Trung ương, có:",
    "tinh": "Về phía lãnh đạo tỉnh, có:",
    "huyen": "Về phía lãnh đạo huyện, có:",
    "xa": "Về phía lãnh đạo xã, có:",
    "co_so": "Về phía thôn, khu dân cư và các tầng lớp Nhân dân, có:",
}
INTRODUCTION_OPENING = "Đến dự Ngày hội hôm nay, chúng tôi trân trọng giới thiệu:"
INTRODUCTION_CLOSING = "Cùng toàn thể các vị đại biểu, các đồng chí và bà con Nhân dân đã về dự Ngày hội."


def introduction_line(delegate: Delegate) -> str:
    """"Đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh Thanh Hóa", as the MC
    says it: the position and the organization in one phrase (kiosk.offices)."""
    name = " ".join(filter(None, [delegate.honorific, delegate.full_name]))
    line = office_line(name, delegate.position, delegate.organization)
    if delegate.stand_in_name:
        line = f"{delegate.stand_in_name}, dự thay {line}"
    return line


@live.state_part("introduction", audience=(Permission.READ_PROGRAMME, Permission.VIEW_DASHBOARD))
def introduction(event) -> dict:
    """Those present, grouped by level in protocol order, updated as they arrive."""
    return {
        "opening": INTRODUCTION_OPENING,
        "groups": introduction_groups(event, Delegate.checked_in_at.is_not(None)),
        "closing": INTRODUCTION_CLOSING,
    }


def introduction_groups(event, which) -> list[dict]:
    """The delegates `which` selects, grouped by level in protocol order."""
    rank = func.coalesce(Delegate.rank_override, Delegate.protocol_rank)
    # Rows with just the columns a line needs: recomputed as arrivals stream in.
    rows = db.session.execute(select(Delegate.id, Delegate.level, Delegate.honorific, Delegate.full_name,
                                     Delegate.position, Delegate.organization, Delegate.stand_in_name,
                                     Delegate.introduced_at)
                              .where(Delegate.event_id == event.id, which)
                              .order_by(case({code: i for i, code in enumerate(LEVELS)}, value=Delegate.level),
                                        rank, Delegate.id))
    groups: dict[str, list] = {}
    for d in rows:
        groups.setdefault(d.level, []).append({"id": d.id, "line": introduction_line(d),
                                               "read": d.introduced_at is not None})
    return [{"level": level, "heading": INTRODUCTION_HEADINGS.get(level, ""), "people": people}
            for level, people in groups.items()]


INTRODUCTION_INVITED_NOTE = "(Danh sách mời, chưa điểm danh: chỉ giới thiệu những đại biểu có mặt.)"


def printed_introduction(event) -> dict:
    """The names for the printed MC script: those present at print time or,
    while nobody has checked in, the invited list marked as such (`note`)."""
    printed = introduction(event)
    if printed["groups"]:
        return printed | {"note": ""}
    return printed | {"groups": introduction_groups(event, Delegate.invited), "note": INTRODUCTION_INVITED_NOTE}


@writes
def mark_introduced(event, delegate_id, read: bool = True) -> None:
    delegate = get_delegate(event, delegate_id)
    delegate.introduced_at = utcnow() if read else None
    live.publish_state(event, "introduction")

