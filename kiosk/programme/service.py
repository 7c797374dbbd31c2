"""The ceremony's run-of-show: editing the programme, and the live commands
(start, next, previous, goto, pause, resume, add_time, skip, end) that the
organizer's tablet sends and every screen follows."""

from __future__ import annotations

import re
from functools import partial
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from kiosk import live
from kiosk.auth.roles import Permission
from kiosk.fields import KioskError, choice, event_row, is_row_id, text
from kiosk.database import utcnow
from kiosk.delegates.models import Delegate
from kiosk.extensions import db
from kiosk.programme import timing
from kiosk.programme.models import (
    ACTIVITY_KINDS, ITEM_KINDS, FestivalActivity, McMessage, ProgrammeCommand, ProgrammeItem, ProgrammeLive,
)
from kiosk.reports import audit
from kiosk.transactions import made_once, writes, writing

COMMANDS = ("start", "next", "previous", "goto", "pause", "resume", "add_time", "skip", "end")
MAX_ITEM_SECONDS = 4 * 3600


class ProgrammeError(KioskError):
    """A refused change; the message is for the person holding the tablet."""


plain = partial(text, error=ProgrammeError)


class CommandRefused(Exception):
    """A live command that no longer fits the programme's state (another
    tablet moved it on first). Carries the current state to show instead."""

    def __init__(self, message: str, state: dict):
        super().__init__(message)
        self.message = message
        self.state = state


# ---------------------------------------------------------------- reading

def items(event) -> list[ProgrammeItem]:
    return list(
        db.session.scalars(
            select(ProgrammeItem).where(ProgrammeItem.event_id == event.id).order_by(ProgrammeItem.position)
        )
    )


def numbered(event) -> list[tuple[int, ProgrammeItem]]:
    """Items with their number, which comes from the order and is never stored."""
    return list(enumerate(items(event), start=1))


def live_row(event) -> ProgrammeLive:
    return db.session.get(ProgrammeLive, event.id) or ProgrammeLive(event_id=event.id, status="idle", version=0,
                                                                    paused_seconds=0.0, screen_message="",
                                                                    screen_blackout=False)


def local_datetime(event, at: time | None) -> datetime | None:
    """The event's day at a local time of day, as an aware datetime."""
    if at is None:
        return None
    return datetime.combine(event.event_date, at, tzinfo=ZoneInfo(event.timezone))


def clock_of(row: ProgrammeLive) -> timing.Clock:
    return timing.Clock(row.status, row.current_item_id, row.clock_started_at, row.paused_at, row.paused_seconds,
                        row.ceremony_started_at, row.ceremony_ended_at)


def plan_of(event, item: ProgrammeItem, *, hard_starts: bool = True) -> timing.PlannedItem:
    return timing.PlannedItem(item.id, item.planned_seconds, item.status, item.added_seconds,
                              local_datetime(event, item.hard_start) if hard_starts else None)


def on_the_day(event, at: datetime) -> bool:
    """Whether `at` falls on the event's day, in the event's time zone."""
    return at.astimezone(ZoneInfo(event.timezone)).date() == event.event_date


def ended_at_text(event, row: ProgrammeLive) -> str | None:
    """"11:05": when the ceremony ended, on the event's clock; None until it has."""
    if row.status != timing.ENDED or row.ceremony_ended_at is None:
        return None
    return row.ceremony_ended_at.astimezone(ZoneInfo(event.timezone)).strftime("%H:%M")


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


@live.state_part("programme", audience=live.PUBLIC)
def programme_state(event) -> dict:
    """Everything a screen needs to show and tick the programme; no scripts."""
    now = utcnow()
    row = live_row(event)
    all_items = items(event)
    clock = clock_of(row)
    today = on_the_day(event, now)
    # Fixed times of day ("09:30") hold items on the event's day only: a
    # ceremony run on another day (a rehearsal, the demo) is not held by them.
    started_on_the_day = row.status == timing.IDLE or on_the_day(event, row.ceremony_started_at or now)
    plans = [plan_of(event, i, hard_starts=started_on_the_day) for i in all_items]
    plan = timing.schedule(plans, clock, local_datetime(event, event.ceremony_start), now, on_the_day=today)
    current = next((i for i in all_items if i.id == row.current_item_id), None)
    current_plan = next((p for p in plans if current and p.id == current.id), None)
    return {
        "items": [
            {
                "id": item.id,
                "number": number,
                "title": item.title,
                "kind": item.kind,
                "kind_label": ITEM_KINDS.get(item.kind, item.kind),
                "optional": item.optional,
                "speaker": item.speaker,
                "planned_seconds": item.planned_seconds,
                "added_seconds": item.added_seconds,
                "hard_start": item.hard_start.strftime("%H:%M") if item.hard_start else None,
                "status": item.status,
                "started_at": iso(item.started_at),
                "ended_at": iso(item.ended_at),
                "projected_start": iso(plan.projected_starts.get(item.id)),
                "late_for_hard_start": item.id in plan.late_for_hard_start,
                "video_url": f"/e/{event.slug}/media/{item.video_file}" if item.video_file else None,
            }
            for number, item in enumerate(all_items, start=1)
        ],
        "live": {
            "status": row.status,
            "current_item_id": row.current_item_id,
            "clock_started_at": iso(row.clock_started_at),
            "paused_at": iso(row.paused_at),
            "paused_seconds": row.paused_seconds,
            "ceremony_started_at": iso(row.ceremony_started_at),
            "ceremony_ended_at": iso(row.ceremony_ended_at),
            "version": row.version,
        },
        "timing": {
            "planned_start": iso(local_datetime(event, event.ceremony_start)),
            "planned_end": iso(plan.planned_end),
            "projected_end": iso(plan.projected_end),
            "offset_seconds": plan.offset_seconds,
            "current_duration": timing.duration(current_plan) if current_plan else None,
            "current_remaining": timing.remaining(current_plan, clock, now) if current_plan else None,
            "warning_seconds": timing.thresholds(timing.duration(current_plan))[0] if current_plan else None,
            "danger_seconds": timing.thresholds(timing.duration(current_plan))[1] if current_plan else None,
        },
        "server_now": now.isoformat(),
        "summary": {
            "total": len(all_items),
            "done": sum(1 for i in all_items if i.status in ("done", "skipped")),
            "current": current.title if current else None,
            "ended_at": ended_at_text(event, row),
        },
    }


@live.state_part("programme_staff", audience=Permission.READ_PROGRAMME)
def programme_staff_state(event) -> dict:
    """What only the MC and organizers see: scripts, cues, notes, messages."""
    messages = db.session.scalars(
        select(McMessage).where(McMessage.event_id == event.id, McMessage.dismissed_at.is_(None))
        .order_by(McMessage.created_at.desc(), McMessage.id.desc()).limit(20)
    )
    return {
        "scripts": {str(i.id): {"script": i.script, "cues": i.cues, "notes": i.notes} for i in items(event)},
        "messages": [{"id": m.id, "text": m.text, "author": m.author, "created_at": iso(m.created_at)}
                     for m in messages],
    }


@live.state_part("screen", audience=live.PUBLIC)
def screen_state(event) -> dict:
    row = live_row(event)
    return {"message": row.screen_message, "blackout": row.screen_blackout}


@live.state_part("activities", audience=live.PUBLIC)
def activities_state(event) -> dict:
    rows = db.session.scalars(
        select(FestivalActivity).where(FestivalActivity.event_id == event.id)
        .order_by(FestivalActivity.starts_at, FestivalActivity.id)
    )
    return {
        "items": [
            {"id": a.id, "name": a.name, "place": a.place, "kind": a.kind,
             "kind_label": ACTIVITY_KINDS.get(a.kind, a.kind),
             "starts_at": iso(local_datetime(event, a.starts_at)), "ends_at": iso(local_datetime(event, a.ends_at)),
             "starts": a.starts_at.strftime("%H:%M") if a.starts_at else "",
             "ends": a.ends_at.strftime("%H:%M") if a.ends_at else ""}
            for a in rows
        ]
    }


def publish(event, *parts: str) -> None:
    live.publish_state(event, *(parts or ("programme", "programme_staff")))


# ---------------------------------------------------------------- live commands

def ensure_live_row(event) -> ProgrammeLive:
    """The live row exists before any command locks it (a first command on two
    tablets at once would otherwise race to create it)."""
    return made_once(ProgrammeLive, event.id, lambda: live_row(event))


def run_command(event, command: str, *, expected_item: int | None, actor: str = "",
                item_id: int | None = None, seconds: int | None = None) -> dict:
    """Apply one live command and return the new programme state.

    `expected_item` is the item the sender believes is current (None before
    the start): when another tablet has moved the programme on, the command is
    refused with CommandRefused carrying the current state, so two organizers
    pressing "next" together advance it once."""
    if command not in COMMANDS:
        raise ProgrammeError(f"Lệnh không hợp lệ: {command}.")
    ensure_live_row(event)
    with writing():
        row = db.session.get(ProgrammeLive, event.id)
        if row.current_item_id != expected_item:
            raise CommandRefused("Chương trình đã được chuyển sang mục khác. Màn hình đã cập nhật, vui lòng xem lại.",
                                 programme_state(event))
        all_items = list(db.session.scalars(
            select(ProgrammeItem).where(ProgrammeItem.event_id == event.id).order_by(ProgrammeItem.position)))
        target = apply_command(row, all_items, command, item_id, seconds, utcnow())
        row.version += 1
        db.session.add(ProgrammeCommand(event_id=event.id, command=command, item_id=target, actor=actor,
                                        details={k: v for k, v in (("seconds", seconds),
                                                                   ("expected_item", expected_item))
                                                 if v is not None}))
    state = programme_state(event)
    live.publish(event.slug, "state", {"programme": state}, audience=live.PUBLIC)
    return state


def apply_command(row: ProgrammeLive, all_items: list[ProgrammeItem], command: str, item_id: int | None,
                  seconds: int | None, now: datetime) -> int | None:
    """Change the live row and items for one command; returns the item it concerned."""
    by_id = {i.id: i for i in all_items}
    current = by_id.get(row.current_item_id)
    running = row.status in (timing.RUNNING, timing.PAUSED)

    def make_current(item: ProgrammeItem) -> None:
        item.status = "current"
        item.started_at = item.started_at or now
        item.ended_at = None
        row.current_item_id, row.clock_started_at = item.id, now
        row.paused_at, row.paused_seconds, row.status = None, 0.0, timing.RUNNING

    def finish(item: ProgrammeItem, status: str = "done") -> None:
        item.status = status
        item.ended_at = now if status == "done" else None

    def advance_after(item: ProgrammeItem) -> None:
        following = next((i for i in all_items if i.position > item.position and i.status == "pending"), None)
        if following:
            make_current(following)
        else:
            end_ceremony()

    def end_ceremony() -> None:
        row.status, row.current_item_id, row.ceremony_ended_at = timing.ENDED, None, now
        row.clock_started_at = row.paused_at = None

    def require(condition: bool, message: str) -> None:
        if not condition:
            raise ProgrammeError(message)

    def target_item() -> ProgrammeItem:
        require(is_row_id(item_id) and item_id in by_id, "Không tìm thấy mục này trong chương trình.")
        return by_id[item_id]

    if command == "start":
        require(row.status == timing.IDLE, "Chương trình đã bắt đầu.")
        first = next((i for i in all_items if i.status == "pending"), None)
        require(first is not None, "Chương trình chưa có mục nào.")
        row.ceremony_started_at = now
        make_current(first)
        return first.id
    if command == "goto":
        target = target_item()
        require(target is not current, "Mục này đang diễn ra.")
        if current:
            finish(current)
        if row.status in (timing.IDLE, timing.ENDED):
            row.ceremony_started_at = row.ceremony_started_at or now
            row.ceremony_ended_at = None
        make_current(target)
        return target.id
    if command == "skip":
        require(item_id is None or is_row_id(item_id), "Không tìm thấy mục này trong chương trình.")
        target = by_id.get(item_id) if item_id is not None else current
        require(target is not None, "Chọn mục cần bỏ qua.")
        require(target.optional, "Chỉ bỏ qua được mục “nếu có”.")
        require(target.status in ("pending", "current"), "Mục này đã diễn ra.")
        if target is current:
            finish(current, "skipped")
            advance_after(target)
        else:
            target.status = "skipped"
        return target.id

    require(running and current is not None, "Chương trình chưa bắt đầu hoặc đã kết thúc.")
    if command == "next":
        finish(current)
        advance_after(current)
    elif command == "previous":
        earlier = [i for i in all_items if i.position < current.position and i.status in ("done", "skipped")]
        require(bool(earlier), "Đang ở mục đầu tiên.")
        current.status, current.started_at, current.ended_at = "pending", None, None
        make_current(earlier[-1])
        return earlier[-1].id
    elif command == "pause":
        require(row.status == timing.RUNNING, "Đồng hồ đang tạm dừng.")
        row.status, row.paused_at = timing.PAUSED, now
    elif command == "resume":
        require(row.status == timing.PAUSED, "Đồng hồ đang chạy.")
        row.paused_seconds += (now - row.paused_at).total_seconds()
        row.status, row.paused_at = timing.RUNNING, None
    elif command == "add_time":
        require(isinstance(seconds, int) and not isinstance(seconds, bool) and seconds != 0
                and abs(seconds) <= 3600, "Số giây thêm/bớt phải khác 0 và không quá 1 giờ.")
        require(current.planned_seconds + current.added_seconds + seconds >= 0,
                "Không bớt được nhiều hơn thời lượng của mục.")
        current.added_seconds += seconds
    elif command == "end":
        finish(current)
        end_ceremony()
    return current.id


# ---------------------------------------------------------------- editing

TIME_PATTERN = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_time(value) -> time | None:
    if value in (None, ""):
        return None
    match = TIME_PATTERN.match(str(value).strip())
    if not match:
        raise ProgrammeError("Giờ phải có dạng HH:MM, ví dụ 07:30.")
    return time(int(match.group(1)), int(match.group(2)))


def clean_item_fields(event, fields: dict, *, creating: bool) -> dict:
    """Validate the editable fields of an item; refuse with a clear message."""
    allowed = {"title", "kind", "optional", "speaker", "speaker_delegate_id", "planned_seconds", "hard_start",
               "script", "cues", "notes"}
    unknown = set(fields) - allowed
    if unknown:
        raise ProgrammeError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}.")
    clean: dict = {}
    if "title" in fields or creating:
        clean["title"] = plain(fields.get("title"), 300, "Tên mục", required=True)
    if "kind" in fields:
        clean["kind"] = choice(fields["kind"], ITEM_KINDS, "Loại mục không hợp lệ.", error=ProgrammeError)
    if "planned_seconds" in fields or creating:
        seconds = fields.get("planned_seconds", 300)
        if not isinstance(seconds, int) or isinstance(seconds, bool) or not 0 < seconds <= MAX_ITEM_SECONDS:
            raise ProgrammeError("Thời lượng phải từ 1 giây đến 4 giờ.")
        clean["planned_seconds"] = seconds
    if "optional" in fields:
        clean["optional"] = bool(fields["optional"])
    for name, limit, label, lines in (("speaker", 300, "Người trình bày", False), ("script", 20000, "Lời dẫn", True),
                                      ("notes", 5000, "Ghi chú", True)):
        if name in fields:
            clean[name] = plain(fields[name], limit, label, lines=lines)
    if "cues" in fields:
        cues = fields["cues"]
        if isinstance(cues, str):
            cues = [c for c in (part.strip() for part in cues.split(",")) if c]
        if not isinstance(cues, list) or not all(isinstance(c, str) and len(c) <= 100 for c in cues):
            raise ProgrammeError("Tín hiệu sân khấu phải là danh sách ngắn.")
        clean["cues"] = [plain(c, 100, "Tín hiệu sân khấu") for c in cues]
    if "hard_start" in fields:
        clean["hard_start"] = parse_time(fields["hard_start"])
    if "speaker_delegate_id" in fields:
        clean["speaker_delegate_id"] = delegate_of_event(event, fields["speaker_delegate_id"])
    return clean


def delegate_of_event(event, delegate_id) -> int | None:
    from kiosk.delegates.models import Delegate

    if delegate_id in (None, ""):
        return None
    if not is_row_id(delegate_id) or db.session.scalar(
        select(Delegate.id).where(Delegate.id == delegate_id, Delegate.event_id == event.id)
    ) is None:
        raise ProgrammeError("Không tìm thấy đại biểu này trong sự kiện.")
    return delegate_id


owned = partial(event_row, error=ProgrammeError)


def get_item(event, item_id) -> ProgrammeItem:
    return owned(ProgrammeItem, event, item_id, "Không tìm thấy mục này trong chương trình.")


# ---------------------------------------------------------------- what the audit trail says of an edit

def item_name(item: ProgrammeItem) -> str:
    """"4. Phát biểu khai mạc": the number is the item's place in the order."""
    return f"{item.position}. {item.title}"


def shown(name: str, value) -> str:
    """A field's value as the audit trail shows it: words and names, not codes and ids."""
    if value is None or value == "":
        return ""
    if name == "planned_seconds":
        minutes, seconds = divmod(int(value), 60)
        return f"{minutes}:{seconds:02d}"
    if name == "speaker_delegate_id":
        found = db.session.get(Delegate, value)
        return found.full_name if found is not None else f"#{value}"
    return audit.shown(value, ITEM_KINDS if name == "kind" else None)


def item_edits(before: dict, after: dict) -> dict:
    return audit.edits({k: shown(k, v) for k, v in before.items()}, {k: shown(k, v) for k, v in after.items()})


@writes
def add_item(event, fields: dict, *, after_item: int | None = None) -> ProgrammeItem:
    clean = clean_item_fields(event, fields, creating=True)
    existing = items(event)
    position = len(existing) + 1
    if after_item is not None:
        anchor = get_item(event, after_item)
        position = anchor.position + 1
        for later in existing:
            if later.position >= position:
                later.position += 1
    item = ProgrammeItem(event_id=event.id, position=position, **clean)
    db.session.add(item)
    audit.record(event, "programme", "item_added", item_name(item),
                 {k: shown(k, v) for k, v in clean.items() if k not in ("title", "script", "notes")})
    publish(event)
    return item


@writes
def update_item(event, item_id: int, fields: dict) -> ProgrammeItem:
    item = get_item(event, item_id)
    clean = clean_item_fields(event, fields, creating=False)
    changed = item_edits({name: getattr(item, name) for name in clean}, clean)
    subject = item_name(item)
    for name, value in clean.items():
        setattr(item, name, value)
    if changed:
        audit.record(event, "programme", "item_edited", subject, changed)
    publish(event)
    return item


@writes
def delete_item(event, item_id: int) -> None:
    item = get_item(event, item_id)
    if item.status == "current":
        raise ProgrammeError("Không xóa được mục đang diễn ra.")
    audit.record(event, "programme", "item_deleted", item_name(item))
    db.session.delete(item)
    db.session.flush()
    renumber(items(event))
    publish(event)


def renumber(ordered: list[ProgrammeItem]) -> None:
    for position, item in enumerate(ordered, start=1):
        item.position = position


@writes
def reorder(event, item_ids: list) -> list[ProgrammeItem]:
    """Set the whole order at once; refused if it loses, repeats or invents an item."""
    existing = {i.id: i for i in items(event)}
    if not isinstance(item_ids, list) or sorted(map(str, item_ids)) != sorted(map(str, existing)) or \
            not all(isinstance(i, int) for i in item_ids):
        raise ProgrammeError(f"Thứ tự mới phải gồm đúng {len(existing)} mục hiện có, mỗi mục một lần.")
    ordered = [existing[i] for i in item_ids]
    moved = [item for item in ordered if item.position != ordered.index(item) + 1]
    renumber(ordered)
    if moved:
        audit.record(event, "programme", "reordered", ", ".join(item.title for item in moved)[:300],
                     {"order": audit.shorten(" · ".join(item_name(item) for item in ordered), 1000)})
    publish(event)
    return ordered


def move_item(event, item_id: int, offset: int) -> list[ProgrammeItem]:
    """Up (-1) or down (+1) one place: the tablet's buttons beside each item."""
    ordered = [i.id for i in items(event)]
    index = ordered.index(get_item(event, item_id).id)
    target = max(0, min(len(ordered) - 1, index + offset))
    ordered.insert(target, ordered.pop(index))
    return reorder(event, ordered)


@writes
def replace_items(event, new_items: list[dict], *, template: str = "") -> list[ProgrammeItem]:
    """Fill the programme from a list of item fields (a template), in order."""
    if live_row(event).status != timing.IDLE:
        raise ProgrammeError("Không thay được chương trình khi buổi lễ đã bắt đầu.")
    for old in items(event):
        db.session.delete(old)
    db.session.flush()
    created = []
    for position, fields in enumerate(new_items, start=1):
        item = ProgrammeItem(event_id=event.id, position=position, **fields)
        db.session.add(item)
        created.append(item)
    audit.record(event, "programme", "template_applied", template, {"items": len(created)})
    publish(event)
    return created


def apply_template(event, template_key: str) -> list[ProgrammeItem]:
    from kiosk.programme.templates import PROGRAMME_TEMPLATES

    if template_key not in PROGRAMME_TEMPLATES:
        raise ProgrammeError("Không có chương trình mẫu này.")
    chosen = PROGRAMME_TEMPLATES[template_key]
    return replace_items(event, [dict(i, cues=list(i["cues"])) for i in chosen["items"]],
                         template=chosen.get("name", template_key))


@writes
def set_ceremony_start(event, value) -> None:
    before, event.ceremony_start = event.ceremony_start, parse_time(value)
    if before != event.ceremony_start:
        audit.record(event, "programme", "ceremony_start_set", "",
                     {"ceremony_start": audit.change_of(shown("", before), shown("", event.ceremony_start))})
    publish(event, "programme")


@writes
def attach_video(event, item_id: int, filename: str) -> ProgrammeItem:
    item = get_item(event, item_id)
    item.video_file = filename
    audit.record(event, "programme", "video_attached", item_name(item), {"video": filename})
    publish(event, "programme")
    return item


# ---------------------------------------------------------------- MC messages and the big screen

@writes
def send_mc_message(event, text: str, author: str = "") -> McMessage:
    text = plain(text, 500, "Tin nhắn", required=True, lines=True)
    message = McMessage(event_id=event.id, text=text, author=author)
    db.session.add(message)
    audit.record(event, "programme", "mc_message", audit.shorten(text), {"message": text},
                 actor=author or None)
    publish(event, "programme_staff")
    return message


@writes
def dismiss_mc_message(event, message_id: int) -> None:
    message = owned(McMessage, event, message_id, "Không tìm thấy tin nhắn này.")
    if message.dismissed_at is None:
        audit.record(event, "programme", "mc_message_dismissed", audit.shorten(message.text))
    message.dismissed_at = utcnow()
    publish(event, "programme_staff")


@writes
def set_screen(event, *, message: str | None = None, blackout: bool | None = None) -> dict:
    """Show a full-screen message on the big screen ("" clears it), or black it out."""
    ensure_live_row(event)
    row = db.session.get(ProgrammeLive, event.id)
    if message is not None:
        message = plain(message, 500, "Thông báo", lines=True)
        if message != row.screen_message:
            audit.record(event, "programme", "screen_message" if message else "screen_message_cleared",
                         audit.shorten(message or row.screen_message), {"message": message})
        row.screen_message = message
    if blackout is not None:
        if bool(blackout) != row.screen_blackout:
            audit.record(event, "programme", "blackout_on" if blackout else "blackout_off")
        row.screen_blackout = bool(blackout)
    publish(event, "screen")
    return screen_state(event)


# ---------------------------------------------------------------- phần hội activities

def clean_activity_fields(fields: dict) -> dict:
    name = plain(fields.get("name"), 300, "Tên hoạt động", required=True)
    kind = choice(fields.get("kind") or "other", ACTIVITY_KINDS, "Loại hoạt động không hợp lệ.", error=ProgrammeError)
    starts, ends = parse_time(fields.get("starts_at")), parse_time(fields.get("ends_at"))
    if starts and ends and ends <= starts:
        raise ProgrammeError("Giờ kết thúc phải sau giờ bắt đầu.")
    place = plain(fields.get("place"), 300, "Địa điểm")
    count_label = plain(fields.get("count_label"), 100, "Đơn vị đếm")
    return {"name": name, "kind": kind, "starts_at": starts, "ends_at": ends, "place": place, "count_label": count_label}


@writes
def add_activity(event, fields: dict) -> FestivalActivity:
    clean = clean_activity_fields(fields)
    activity = FestivalActivity(event_id=event.id, **clean)
    db.session.add(activity)
    audit.record(event, "counters", "activity_added", activity.name,
                 {"kind": ACTIVITY_KINDS.get(activity.kind, activity.kind), "place": activity.place,
                  "starts_at": shown("", activity.starts_at), "ends_at": shown("", activity.ends_at)})
    publish(event, "activities")
    return activity


@writes
def delete_activity(event, activity_id: int) -> None:
    activity = owned(FestivalActivity, event, activity_id, "Không tìm thấy hoạt động này.")
    audit.record(event, "counters", "activity_deleted", activity.name)
    db.session.delete(activity)
    publish(event, "activities")


def commands_log(event) -> list[ProgrammeCommand]:
    return list(db.session.scalars(
        select(ProgrammeCommand).where(ProgrammeCommand.event_id == event.id).order_by(ProgrammeCommand.id)
    ))


def actual_minutes(item: ProgrammeItem) -> float | None:
    if item.started_at and item.ended_at:
        return (item.ended_at - item.started_at) / timedelta(minutes=1)
    return None
