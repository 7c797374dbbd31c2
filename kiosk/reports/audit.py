"""The audit trail: every change on the day with who, which device, when and
what changed. Check-ins, hand-outs and programme commands already keep their
own logs; everything else writes an AuditEntry. The trail reads them all.

Entries keep codes (an area, an action, details keys) so the trail can be
filtered by them; what people read comes from the tables below: ACTIONS (an
area's action code -> its words) and DETAILS (a details key -> its words),
Vietnamese, translated where they are shown. Every action recorded anywhere
has its words here (tests/reports/test_audit_words.py checks it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time

from sqlalchemy import or_, select

from kiosk.awards.models import AwardHandout, AwardRecipient
from kiosk.delegates.models import CheckInScan, Delegate
from kiosk.extensions import db
from kiosk.gifts.models import GiftHandout, GiftRecipient
from kiosk.i18n import format_date, format_time
from kiosk.programme.models import ProgrammeCommand, ProgrammeItem
from kiosk.reports.models import AuditEntry
from kiosk.text import fold


def N_(message: str) -> str:
    """Marks a message for the catalogue; translated where it is shown."""
    return message


AREAS = {"checkin": N_("Điểm danh"), "delegates": N_("Đại biểu"), "programme": N_("Chương trình"),
         "awards": N_("Khen thưởng"), "gifts": N_("Tặng quà"), "forum": N_("Ý kiến Nhân dân"),
         "counters": N_("Phần hội"), "devices": N_("Thiết bị"), "accounts": N_("Tài khoản")}

# What each area's action codes say. Check-ins, hand-outs and programme
# commands are their own logs' statuses; the rest are AuditEntry actions.
ACTIONS: dict[str, dict[str, str]] = {
    "checkin": {  # kiosk.delegates.service.check_in, undo_check_in (CheckInScan.status)
        "ok": N_("Điểm danh"),
        "already_checked_in": N_("Quét lại: đã điểm danh trước đó"),
        "invalid": N_("Từ chối: mã không hợp lệ"),
        "revoked": N_("Từ chối: mã đã bị thu hồi"),
        "wrong_event": N_("Từ chối: mã của sự kiện khác"),
        "undone": N_("Hủy điểm danh"),
    },
    "delegates": {  # kiosk.delegates.service, kiosk.delegates.importer
        "delegate_added": N_("Thêm đại biểu"),
        "delegate_edited": N_("Sửa thông tin đại biểu"),
        "delegate_deleted": N_("Xóa đại biểu"),
        "code_reissued": N_("Cấp lại thẻ đại biểu"),
        "imported": N_("Nhập danh sách từ tệp"),
    },
    "programme": {  # kiosk.programme.service: live commands (ProgrammeCommand.command), then AuditEntry actions
        "start": N_("Bắt đầu buổi lễ"),
        "next": N_("Chuyển sang mục tiếp theo"),
        "previous": N_("Quay lại mục trước"),
        "goto": N_("Chuyển đến mục"),
        "pause": N_("Tạm dừng đồng hồ"),
        "resume": N_("Chạy tiếp đồng hồ"),
        "add_time": N_("Thêm/bớt thời gian"),
        "skip": N_("Bỏ qua mục"),
        "end": N_("Kết thúc buổi lễ"),
        "item_added": N_("Thêm mục chương trình"),
        "item_edited": N_("Sửa mục chương trình"),
        "item_deleted": N_("Xóa mục chương trình"),
        "reordered": N_("Đổi thứ tự chương trình"),
        "template_applied": N_("Dùng chương trình mẫu"),
        "ceremony_start_set": N_("Đặt giờ bắt đầu buổi lễ"),
        "video_attached": N_("Tải video lên"),
        "screen_message": N_("Hiện thông báo toàn màn hình"),
        "screen_message_cleared": N_("Bỏ thông báo toàn màn hình"),
        "blackout_on": N_("Tắt màn hình lớn (màn đen)"),
        "blackout_off": N_("Bật lại màn hình lớn"),
        "mc_message": N_("Nhắn cho người dẫn chương trình"),
        "mc_message_dismissed": N_("Người dẫn chương trình đã đọc tin nhắn"),
    },
    "awards": {  # kiosk.awards.service (AwardHandout.outcome, then AuditEntry actions), kiosk.awards.importer
        "handed": N_("Đã trao thưởng"),
        "absent": N_("Vắng mặt"),
        "stand_in": N_("Người khác nhận thay"),
        "later": N_("Trao sau"),
        "refused": N_("Từ chối: đã ghi nhận trước đó"),
        "conflict": N_("Xung đột khi mất kết nối"),
        "undone": N_("Hủy ghi nhận trao thưởng"),
        "conflict_resolved": N_("Xử lý xung đột khi mất kết nối"),
        "batches_planned": N_("Tự động xếp đợt trao thưởng"),
        "stage_next": N_("Chuyển sang đợt tiếp theo"),
        "stage_previous": N_("Quay lại đợt trước"),
        "stage_goto": N_("Chuyển đến đợt"),
        "imported": N_("Nhập danh sách từ tệp"),
    },
    "gifts": {  # kiosk.gifts.service (GiftHandout.status, then AuditEntry actions), kiosk.gifts.importer
        "handed": N_("Đã trao quà"),
        "already_handed": N_("Từ chối: đã nhận quà trước đó"),
        "not_allocated": N_("Từ chối: chưa được phân bổ suất quà"),
        "conflict": N_("Xung đột khi mất kết nối"),
        "undone": N_("Hủy trao quà"),
        "conflict_resolved": N_("Xử lý xung đột khi mất kết nối"),
        "stage_next": N_("Chuyển sang đợt tiếp theo"),
        "stage_previous": N_("Quay lại đợt trước"),
        "imported": N_("Nhập danh sách từ tệp"),
    },
    "forum": {  # kiosk.forum.service: the moderation steps, corrections and merges
        "approve": N_("Duyệt ý kiến"),
        "hide": N_("Ẩn ý kiến"),
        "show": N_("Đưa ý kiến lên màn hình"),
        "answer": N_("Đã trả lời tại chỗ"),
        "written": N_("Chuyển trả lời bằng văn bản"),
        "reopen": N_("Mở lại ý kiến"),
        "text_edited": N_("Sửa chính tả"),
        "merged": N_("Gộp ý kiến trùng"),
    },
    "counters": {  # kiosk.reports.counters, kiosk.programme.service (the activities)
        "counted": N_("Thêm lượt"),
        "uncounted": N_("Bớt lượt (hoàn tác)"),
        "activity_added": N_("Thêm hoạt động phần hội"),
        "activity_deleted": N_("Xóa hoạt động phần hội"),
    },
    "devices": {  # kiosk.auth.service
        "paired": N_("Ghép thiết bị"),
        "revoked": N_("Thu hồi thiết bị"),
    },
    "accounts": {  # kiosk.auth.service
        "user_added": N_("Thêm tài khoản"),
        "user_disabled": N_("Khóa tài khoản"),
        "user_enabled": N_("Mở khóa tài khoản"),
        "password_reset": N_("Đặt lại mật khẩu"),
        "token_issued": N_("Cấp mã API"),
        "token_revoked": N_("Thu hồi mã API"),
        "link_created": N_("Tạo đường dẫn"),
        "link_revoked": N_("Thu hồi đường dẫn"),
    },
}

# What the details keys say. Older entries wrote Vietnamese keys: they have words here too.
DETAILS = {
    # the programme
    "expected_item": N_("Mục đang chạy"), "item": N_("Mục"), "seconds": N_("Thêm/bớt"),
    "title": N_("Tên mục"), "kind": N_("Loại"), "optional": N_("Nếu có"), "speaker": N_("Người trình bày"),
    "speaker_delegate_id": N_("Đại biểu trình bày"), "planned_seconds": N_("Thời lượng"),
    "hard_start": N_("Giờ bắt buộc"), "script": N_("Lời dẫn"), "cues": N_("Tín hiệu sân khấu"),
    "order": N_("Thứ tự mới"), "template": N_("Chương trình mẫu"), "items": N_("Số mục"),
    "ceremony_start": N_("Giờ bắt đầu"), "video": N_("Tệp video"), "message": N_("Nội dung"),
    "name": N_("Tên"), "place": N_("Địa điểm"), "starts_at": N_("Giờ bắt đầu"), "ends_at": N_("Giờ kết thúc"),
    # check-in and delegates
    "code_tried": N_("Mã đã quét"), "reason": N_("Lý do"), "full_name": N_("Họ và tên"),
    "honorific": N_("Danh xưng"), "position": N_("Chức vụ"), "organization": N_("Đơn vị"), "level": N_("Cấp"),
    "group": N_("Thành phần"), "seat": N_("Số ghế"), "phone": N_("Số điện thoại"), "notes": N_("Ghi chú"),
    "rank_override": N_("Thứ tự lễ tân"), "is_leader": N_("Lãnh đạo"), "invited": N_("Có giấy mời"),
    "code_version": N_("Lần cấp thẻ"),
    # imports (the file's name is the entry's subject)
    "created": N_("Thêm mới"), "updated": N_("Cập nhật"), "unchanged": N_("Giữ nguyên"),
    # awards and gifts
    "stand_in": N_("Người nhận thay"), "conflict": N_("Xung đột"), "batch": N_("Đợt"),
    "from_batch": N_("Từ đợt"), "batches": N_("Số đợt"), "width": N_("Số người mỗi đợt"),
    "recipients": N_("Số người nhận"),
    # the forum
    "from": N_("Từ"), "to": N_("Sang"), "answered_by": N_("Người trả lời"), "answer_note": N_("Nội dung trả lời"),
    "responsible_unit": N_("Đơn vị trả lời"), "deadline": N_("Hạn trả lời"), "before": N_("Trước"),
    "after": N_("Sau"), "merged_into": N_("Gộp vào"),
    # counters, conflicts, devices and accounts
    "total": N_("Tổng mới"), "note": N_("Ghi chú"),
    "lý do": N_("Lý do"), "nhận thay": N_("Người nhận thay"), "xung đột": N_("Xung đột"), "ghi chú": N_("Ghi chú"),
    "trước": N_("Trước"), "sau": N_("Sau"), "gộp vào": N_("Gộp vào"), "tổng mới": N_("Tổng mới"),
    "vai trò": N_("Vai trò"), "mã": N_("Mã"), "việc": N_("Việc"), "sự kiện": N_("Sự kiện"),
}


def action_label(area: str, action: str) -> str:
    """The Vietnamese words of an action; an older entry's own words as they are."""
    return ACTIONS.get(area, {}).get(action, action)


def plain(message: str, **values) -> str:
    return message % values if values else message


def translator(translate: bool):
    """gettext where a page is shown, the Vietnamese source elsewhere (the workbook, searching)."""
    if translate:
        from flask import has_request_context
        from flask_babel import gettext

        if has_request_context():  # the locale is the request's
            return gettext
    return plain


def current_actor() -> str:
    """Who is making the change, when the caller did not say: the person or
    tablet signed in for this request ("" from the command line)."""
    from flask import has_request_context

    if not has_request_context():
        return ""
    from flask_login import current_user

    user = current_user._get_current_object()
    return getattr(user, "name", "") or "" if getattr(user, "is_authenticated", False) else ""


def record(event, area: str, action: str, subject: str = "", details: dict | None = None, *,
           actor: str | None = None, device: str = "") -> None:
    """Add to the trail in the caller's transaction (it commits). `event` None:
    an installation-wide change (an account, an API token). `action` is a code
    of ACTIONS[area]; `details` keys are codes of DETAILS. `actor` None: the
    signed-in person or tablet."""
    if actor is None:
        actor = current_actor()
    db.session.add(AuditEntry(event_id=event.id if event is not None else None, area=area, action=action,
                              subject=subject[:300], details=details or {}, actor=actor[:200], device=device[:100]))


def shown(value, labels: dict | None = None) -> str:
    """A field's value as the trail shows it: a code's words from `labels`,
    "có"/"không", "09:30", a list joined; "" for nothing."""
    if value is None or value == "":
        return ""
    if labels is not None:
        return str(labels.get(value, value))
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def shorten(value, limit: int = 120) -> str:
    value = "" if value is None else str(value)
    return value if len(value) <= limit else value[:limit - 1] + "…"


def change_of(old, new) -> str:
    """"old → new" for a details value of an edit."""
    return f"{shorten(old, 80) or '∅'} → {shorten(new, 80) or '∅'}"


def edits(before: dict, after: dict) -> dict:
    """The fields an edit changed, as details: {"seat": "A1 → B2"}."""
    return {name: change_of(before.get(name), value) for name, value in after.items() if before.get(name) != value}


@dataclass
class Change:
    at: datetime
    area: str
    action: str  # a code of ACTIONS[area] (filters use it)
    subject: str
    actor: str
    device: str
    facts: dict = field(default_factory=dict)  # details keys (codes of DETAILS) -> values
    names: dict = field(default_factory=dict, repr=False)  # what ids in facts stand for (programme items)

    @property
    def details(self) -> str:
        """The details in Vietnamese: "Mục đang chạy: 4. Phát biểu khai mạc"."""
        return describe(self.facts, names=self.names)

    @property
    def label(self) -> str:
        return action_label(self.area, self.action)

    def row(self, event, *, translate: bool = True) -> dict:
        """What a person reads: words, not codes (the codes stay in area_code and
        action_code). `translate` False: the Vietnamese source (the workbook)."""
        tr = translator(translate)
        zone = event.timezone if event is not None else None  # None: the venue's (installation-wide entries)
        known = self.action in ACTIONS.get(self.area, {})
        return {"date": format_date(self.at, zone), "time": format_time(self.at, zone),
                "seconds": self.at.astimezone().strftime("%S"),
                "area": tr(AREAS[self.area]) if self.area in AREAS else self.area,
                "action": tr(self.label) if known else self.action, "subject": self.subject, "actor": self.actor,
                "device": self.device, "details": describe(self.facts, tr, self.names),
                "area_code": self.area, "action_code": self.action}


def duration(seconds: int, tr) -> str:
    sign = "+" if seconds > 0 else "−"
    minutes, rest = divmod(abs(seconds), 60)
    if rest:
        return tr(N_("%(sign)s%(minutes)s phút %(seconds)s giây"), sign=sign, minutes=minutes, seconds=rest) \
            if minutes else tr(N_("%(sign)s%(seconds)s giây"), sign=sign, seconds=rest)
    return tr(N_("%(sign)s%(minutes)s phút"), sign=sign, minutes=minutes)


def value_of(key: str, value, tr, names: dict) -> str:
    if key in ("expected_item", "item") and isinstance(value, int) and not isinstance(value, bool):
        return names.get(("item", value)) or f"#{value}"
    if key == "seconds" and isinstance(value, int) and not isinstance(value, bool):
        return duration(value, tr)
    if key in ("from", "to"):
        from kiosk.forum.models import STATUSES

        return tr(STATUSES[value]) if value in STATUSES else str(value)
    if isinstance(value, bool):
        return tr(N_("có")) if value else tr(N_("không"))
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def describe(details: dict, tr=plain, names: dict | None = None) -> str:
    """"Mục đang chạy: 4. Phát biểu khai mạc; Thêm/bớt: +2 phút"; an unknown key as it is."""
    names = names or {}
    return "; ".join(f"{tr(DETAILS[key]) if key in DETAILS else key}: {value_of(key, value, tr, names)}"
                     for key, value in (details or {}).items() if value not in (None, "", {}, []))


def conflict_of(status: str, answer: dict | None) -> str:
    """A hand-out made while a tablet was cut off that met another desk's: both, as told to the desk."""
    return (answer or {}).get("message", "") if status == "conflict" else ""


def programme_names(event) -> dict:
    """Each programme item's number and title ("4. Phát biểu khai mạc"), by id."""
    titles = db.session.scalars(select(ProgrammeItem).where(ProgrammeItem.event_id == event.id)
                                .order_by(ProgrammeItem.position))
    return {("item", item.id): f"{number}. {item.title}" for number, item in enumerate(titles, start=1)}


def actions_for(changes: list[Change], *, translate: bool = True) -> dict[str, str]:
    """The action filter's choices, the actions among `changes`: codes ->
    words; a code with other words in another area has them joined
    ("Hủy điểm danh / Hủy trao quà")."""
    tr = translator(translate)
    merged: dict[str, list[str]] = {}
    for change in changes:
        words = tr(change.label) if change.action in ACTIONS.get(change.area, {}) else change.action
        if words not in merged.setdefault(change.action, []):
            merged[change.action].append(words)
    return dict(sorted(((code, " / ".join(words)) for code, words in merged.items()), key=lambda pair: fold(pair[1])))


def trail(event, *, area: str | None = None, actor: str | None = None, query: str = "",
          installation: bool = False, action: str | None = None) -> list[Change]:
    """Every change of the event, newest first, filtered by area, action (codes),
    person or words. With `installation` (for whoever manages the installation),
    the changes to accounts and API tokens too, which belong to no event."""
    changes: list[Change] = []
    names = programme_names(event)
    scans = db.session.execute(select(CheckInScan, Delegate.full_name).outerjoin(Delegate, CheckInScan.delegate_id == Delegate.id)
                               .where(CheckInScan.event_id == event.id))
    for scan, name in scans:
        facts = {"reason": (scan.answer or {}).get("reason")} if scan.status == "undone" else {}
        if scan.code_tried:
            facts["code_tried"] = scan.code_tried
        changes.append(Change(scan.created_at, "checkin", scan.status, name or "", scan.actor, scan.device, facts))
    commands = db.session.execute(select(ProgrammeCommand, ProgrammeItem.id)
                                  .outerjoin(ProgrammeItem, ProgrammeCommand.item_id == ProgrammeItem.id)
                                  .where(ProgrammeCommand.event_id == event.id))
    for command, item_id in commands:
        changes.append(Change(command.at, "programme", command.command,
                              names.get(("item", item_id), "") if item_id else "", command.actor, "",
                              dict(command.details or {}), names))
    awards = db.session.execute(select(AwardHandout, AwardRecipient.name)
                                .join(AwardRecipient, AwardHandout.recipient_id == AwardRecipient.id)
                                .where(AwardHandout.event_id == event.id))
    for handout, name in awards:
        changes.append(Change(handout.at, "awards", handout.outcome, name, handout.actor, handout.device,
                              {"stand_in": handout.stand_in_name, "reason": handout.reason,
                               "conflict": conflict_of(handout.outcome, handout.answer)}))
    gifts = db.session.execute(select(GiftHandout, GiftRecipient.name)
                               .join(GiftRecipient, GiftHandout.recipient_id == GiftRecipient.id)
                               .where(GiftHandout.event_id == event.id))
    for handout, name in gifts:
        changes.append(Change(handout.at, "gifts", handout.status, name, handout.actor, handout.desk,
                              {"reason": handout.reason, "conflict": conflict_of(handout.status, handout.answer)}))
    mine = AuditEntry.event_id == event.id
    for entry in db.session.scalars(select(AuditEntry).where(or_(mine, AuditEntry.event_id.is_(None))
                                                             if installation else mine)):
        changes.append(Change(entry.at, entry.area, entry.action, entry.subject, entry.actor, entry.device,
                              dict(entry.details or {}), names))
    if area:
        changes = [c for c in changes if c.area == area]
    if action:
        changes = [c for c in changes if c.action == action]
    if actor:
        changes = [c for c in changes if fold(actor) in fold(c.actor)]
    for word in fold(query).split():
        changes = [c for c in changes
                   if word in fold(" ".join([c.subject, c.action, c.label, c.details, c.device]))]
    return sorted(changes, key=lambda c: c.at, reverse=True)


def account_changes(limit: int | None = None) -> list[dict]:
    """The accounts area across the installation, newest first: accounts and API
    tokens (no event) and each event's screen and MC links, as rows with the
    event's place ("" for installation-wide ones)."""
    from kiosk.events.models import Event

    found = db.session.execute(select(AuditEntry, Event).outerjoin(Event, AuditEntry.event_id == Event.id)
                               .where(AuditEntry.area == "accounts")
                               .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit))
    return [{**Change(entry.at, entry.area, entry.action, entry.subject, entry.actor, entry.device,
                      dict(entry.details or {})).row(event), "event": event.place if event else ""}
            for entry, event in found]
