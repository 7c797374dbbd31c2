"""The forum "Công an lắng nghe ý kiến Nhân dân": citizens send opinions and
questions, organizers moderate them live and put one on the big screen,
officers' answers are recorded; and the satisfaction survey of the commune
police. The public side is open to anyone in the hall, so it is rate-limited
and everything a citizen types is shown as typed, never run."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from sqlalchemy import and_, func, select
from sqlalchemy.exc import IntegrityError

from kiosk import live
from kiosk.auth.roles import Permission
from kiosk.database import utcnow
from kiosk.extensions import db
from kiosk.fields import KioskError, choice, event_row, text
from kiosk.forum.models import (
    DEFAULT_QUESTIONS, DEFAULT_REVIEW_WORDS, SCALE, STATUSES, TOPICS, ForumSettings, Opinion, SurveyQuestion,
    SurveyResponse,
)
from kiosk.i18n import format_date, format_time
from kiosk.reports.audit import record
from kiosk.text import fold
from kiosk.transactions import KeyReused, made_once, request_digest, writes, writing

MAX_OPINION = 2000


class ForumError(KioskError):
    """A refused opinion or moderation step; the message is for the person."""


class TooFast(ForumError):
    """A device or an address sent too much too quickly."""


clean_text = partial(text, error=ForumError)
owned = partial(event_row, error=ForumError)


def settings(event) -> ForumSettings:
    return made_once(ForumSettings, event.id, lambda: ForumSettings(
        event_id=event.id, review_words=list(DEFAULT_REVIEW_WORDS), show_survey_on_screen=False,
        per_device_per_hour=10, per_address_per_hour=60, min_seconds_between=20))


def publish(event, *parts: str) -> None:
    live.publish_state(event, *(parts or ("opinions", "forum_queue", "forum_screen")))


# ---------------------------------------------------------------- citizens

# The shared tablet in the hall (opened with a screen link's key) is used by one
# citizen after another: no one types an opinion in less than this.
KIOSK_SECONDS_BETWEEN = 5


def check_rate(event, model, *, device: str, address: str, kiosk: bool, at) -> None:
    """How fast and how much one sender may send, counted in the write
    transaction that keeps the send (a burst cannot slip past the count).

    The sender is the phone's device key; without one, its address (a script
    gets the phone's limits, not only the network's). The hall's kiosk tablet
    has its own human-speed limit instead of the phone's. Sends are dated when
    they were made (`at`: a phone's queued send is not exempt, nor judged by its
    arrival in a burst)."""
    limits = settings(event)
    mine = [model.event_id == event.id]
    if kiosk:
        sender = and_(model.via_kiosk, (model.device == device) if device else (model.address_ip == address))
        spacing, per_hour = KIOSK_SECONDS_BETWEEN, None
    else:
        sender = and_(model.via_kiosk.is_(False),
                      (model.device == device) if device else and_(model.device == "", model.address_ip == address))
        spacing, per_hour = limits.min_seconds_between, limits.per_device_per_hour
    gap = timedelta(seconds=spacing)
    if spacing and db.session.scalar(select(model.id).where(*mine, sender, model.sent_at > at - gap,
                                                            model.sent_at < at + gap).limit(1)):
        raise TooFast(f"Bạn vừa gửi. Vui lòng đợi {spacing} giây rồi gửi tiếp.")
    hour = [model.sent_at > at - HOUR, model.sent_at < at + HOUR]
    if per_hour is not None and db.session.scalar(select(func.count()).where(*mine, sender, *hour)) >= per_hour:
        raise TooFast("Thiết bị này đã gửi nhiều trong một giờ. Vui lòng gửi lại sau hoặc gặp Ban Tổ chức.")
    if not kiosk and address and db.session.scalar(select(func.count()).where(
            *mine, model.via_kiosk.is_(False), model.address_ip == address, *hour)) >= limits.per_address_per_hour:
        raise TooFast("Có quá nhiều ý kiến gửi từ mạng này trong một giờ. Vui lòng gửi lại sau.")


HOUR = timedelta(hours=1)


def submit_opinion(event, fields: dict, *, device: str = "", address: str = "", kiosk: bool = False,
                   request_id: str | None = None, made_at=None) -> Opinion:
    """A citizen's opinion: kept exactly as typed (the screen shows it as text),
    sent to moderation, flagged for review when it has a listed word.

    `request_id` is made once on the sender's tablet: sent again (a tablet that
    queued it while the server was out of reach), the opinion is kept once and
    the first one is returned; the same request_id with another text is
    refused (KeyReused). `made_at`: when a queued opinion was made."""
    body = clean_text(fields.get("text"), MAX_OPINION, "Ý kiến", lines=True)
    if not body:
        raise ForumError("Vui lòng nhập nội dung ý kiến hoặc câu hỏi.")
    topic = choice(fields.get("topic") or "other", TOPICS, "Lĩnh vực không hợp lệ.", error=ForumError)
    author = clean_text(fields.get("author_name"), 200, "Họ tên")
    place = clean_text(fields.get("address"), 300, "Địa chỉ")
    phone = clean_text(fields.get("phone"), 30, "Số điện thoại")
    if phone and not all(ch.isdigit() or ch in " +.-" for ch in phone):
        raise ForumError("Số điện thoại chỉ gồm chữ số.")
    digest = request_digest({"text": body, "topic": topic, "author_name": author, "address": place, "phone": phone})
    try:
        with writing():
            if request_id:
                earlier = opinion_for_request(event, request_id)
                if earlier is not None:
                    if earlier.request_digest and earlier.request_digest != digest:
                        raise KeyReused()
                    return earlier
            sent_at = made_at or utcnow()
            check_rate(event, Opinion, device=device, address=address, kiosk=kiosk, at=sent_at)
            words = settings(event).review_words or []
            folded = fold(body)
            opinion = Opinion(event_id=event.id, text=body, original_text=body, topic=topic, author_name=author,
                              address=place, phone=phone, device=device[:64], address_ip=address[:64], status="new",
                              flagged=any(fold(word) in folded for word in words if word.strip()),
                              request_id=request_id or None, request_digest=digest, sent_at=sent_at,
                              via_kiosk=kiosk)
            db.session.add(opinion)
            publish(event, "opinions", "forum_queue")
    except IntegrityError:  # the same request raced in on another connection
        earlier = opinion_for_request(event, request_id) if request_id else None
        if earlier is None:
            raise
        return earlier
    return opinion


def opinion_for_request(event, request_id: str) -> Opinion | None:
    return db.session.scalar(select(Opinion).where(Opinion.event_id == event.id, Opinion.request_id == request_id))


# ---------------------------------------------------------------- moderation

TRANSITIONS = {
    "approve": ({"new", "hidden"}, "approved"),
    "hide": ({"new", "approved", "on_screen"}, "hidden"),
    "show": ({"new", "approved", "answered", "written"}, "on_screen"),
    "answer": ({"approved", "on_screen", "new"}, "answered"),
    "written": ({"approved", "on_screen", "new"}, "written"),
    "reopen": ({"answered", "written", "hidden", "merged"}, "approved"),
}


@writes
def moderate(event, opinion_id, action: str, fields: dict | None = None, *, actor: str = "") -> Opinion:
    """One step of the moderation state machine:
    new → approved or hidden → on screen → answered (by whom, a note) or to
    answer in writing (responsible unit, deadline)."""
    fields = fields or {}
    if action not in TRANSITIONS:
        raise ForumError(f"Thao tác không hợp lệ: {action}.")
    opinion = owned(Opinion, event, opinion_id, "Không tìm thấy ý kiến này.")
    allowed, target = TRANSITIONS[action]
    if opinion.status not in allowed:
        raise ForumError(f"Không thể chuyển ý kiến từ “{STATUSES[opinion.status]}” sang “{STATUSES[target]}”.")
    if opinion.flagged and action in ("approve", "show") and not fields.get("reviewed"):
        raise ForumError("Ý kiến có từ cần xem xét: xác nhận đã đọc kỹ trước khi duyệt.")
    forum = settings(event)
    if action == "answer":
        opinion.answered_by = clean_text(fields.get("answered_by"), 200, "Người trả lời", required=True)
        opinion.answer_note = clean_text(fields.get("answer_note"), 2000, "Nội dung trả lời")
    if action == "written":
        opinion.responsible_unit = clean_text(fields.get("responsible_unit"), 300, "Đơn vị trả lời", required=True)
        try:
            opinion.deadline = date.fromisoformat(str(fields.get("deadline") or ""))
        except ValueError:
            raise ForumError("Hạn trả lời không hợp lệ (cần dạng yyyy-mm-dd).") from None
    if action == "show":
        # One opinion on the screen at a time: the one before goes back to the queue.
        if forum.on_screen is not None and forum.on_screen.id != opinion.id and forum.on_screen.status == "on_screen":
            forum.on_screen.status = "approved"
        # Through the relationship, not the id: the session keeps objects after commit.
        forum.on_screen = opinion
    elif forum.on_screen_id == opinion.id and target != "on_screen":
        forum.on_screen = None
    record(event, "forum", action, opinion.text[:120],
           {"from": opinion.status, "to": target,
            **{k: fields.get(k) for k in ("answered_by", "answer_note", "responsible_unit", "deadline") if fields.get(k)}},
           actor=actor)
    opinion.status = target
    opinion.updated_at = utcnow()
    publish(event)
    return opinion


@writes
def edit_text(event, opinion_id, new_text: str, *, actor: str = "") -> Opinion:
    """Correct spelling for the screen; the original stays as sent."""
    opinion = owned(Opinion, event, opinion_id, "Không tìm thấy ý kiến này.")
    body = clean_text(new_text, MAX_OPINION, "Nội dung", required=True, lines=True)
    record(event, "forum", "text_edited", opinion.original_text[:120], {"before": opinion.text, "after": body}, actor=actor)
    opinion.text, opinion.updated_at = body, utcnow()
    publish(event)
    return opinion


@writes
def merge(event, duplicate_id, into_id, *, actor: str = "") -> Opinion:
    """A duplicate joins the opinion that answers it; it leaves the queue."""
    duplicate = owned(Opinion, event, duplicate_id, "Không tìm thấy ý kiến này.")
    target = owned(Opinion, event, into_id, "Không tìm thấy ý kiến để gộp vào.")
    if duplicate.id == target.id or target.status == "merged":
        raise ForumError("Không gộp được ý kiến vào chính nó hoặc vào ý kiến đã gộp.")
    record(event, "forum", "merged", duplicate.text[:120], {"merged_into": f"#{target.id} {target.text[:80]}"}, actor=actor)
    duplicate.status, duplicate.merged_into_id, duplicate.updated_at = "merged", target.id, utcnow()
    publish(event)
    return duplicate


def opinions_of(event, statuses: set[str] | None = None) -> list[Opinion]:
    statement = select(Opinion).where(Opinion.event_id == event.id)
    if statuses:
        statement = statement.where(Opinion.status.in_(statuses))
    return list(db.session.scalars(statement.order_by(Opinion.created_at, Opinion.id)))


def opinion_json(event, o: Opinion, *, staff: bool) -> dict:
    shown = {"id": o.id, "text": o.text, "topic": o.topic, "topic_label": TOPICS.get(o.topic, o.topic),
             "author": o.author_name or "Ẩn danh", "address": o.address, "status": o.status,
             "status_label": STATUSES.get(o.status, o.status), "time": format_time(o.created_at, event.timezone)}
    if staff:
        shown.update({"original_text": o.original_text, "edited": o.text != o.original_text, "phone": o.phone,
                      "flagged": o.flagged, "merged_into_id": o.merged_into_id, "answered_by": o.answered_by,
                      "answer_note": o.answer_note, "responsible_unit": o.responsible_unit,
                      "deadline": format_date(o.deadline) if o.deadline else "",
                      "merged_count": sum(1 for d in opinions_of(event, {"merged"}) if d.merged_into_id == o.id)})
    return shown


@live.state_part("opinions", audience=Permission.VIEW_DASHBOARD)
def opinions_summary(event) -> dict:
    counts = dict(db.session.execute(select(Opinion.status, func.count()).where(Opinion.event_id == event.id)
                                     .group_by(Opinion.status)).all())
    return {"total": sum(counts.values()), "new": counts.get("new", 0),
            "answered": counts.get("answered", 0), "written": counts.get("written", 0),
            "by_status": {status: counts.get(status, 0) for status in STATUSES}}


@live.state_part("forum_queue", audience=Permission.RUN_EVENT)
def forum_queue(event) -> dict:
    """The moderators' live queue, newest problems first."""
    return {"opinions": [opinion_json(event, o, staff=True) for o in opinions_of(event)]}


@live.state_part("forum_screen", audience=live.PUBLIC)
def forum_screen(event) -> dict:
    """What the hall sees: the opinion being answered and the next ones."""
    forum = db.session.get(ForumSettings, event.id)
    current = forum.on_screen if forum and forum.on_screen and forum.on_screen.status == "on_screen" else None
    upcoming = [o for o in opinions_of(event, {"approved"})][:3]
    return {"current": opinion_json(event, current, staff=False) if current else None,
            "next": [opinion_json(event, o, staff=False) for o in upcoming],
            "survey": public_results(event) if forum and forum.show_survey_on_screen else None}


def public_results(event) -> dict:
    """The survey's figures without the comments, for the hall's screen."""
    return {key: value for key, value in survey_results(event).items() if key != "comments"}


@writes
def show_survey_on_screen(event, show: bool) -> None:
    settings(event).show_survey_on_screen = bool(show)
    publish(event, "forum_screen")


@writes
def update_settings(event, fields: dict) -> ForumSettings:
    forum = settings(event)
    if "review_words" in fields:
        words = fields["review_words"]
        if isinstance(words, str):
            words = [w.strip() for w in words.replace("\n", ",").split(",")]
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ForumError("Danh sách từ cần xem xét không hợp lệ.")
        forum.review_words = [w.strip() for w in words if w.strip()][:200]
    for name in ("per_device_per_hour", "per_address_per_hour", "min_seconds_between"):
        if name in fields:
            value = fields[name]
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10000:
                raise ForumError("Giới hạn phải là số từ 0 đến 10000.")
            setattr(forum, name, value)
    return forum


# ---------------------------------------------------------------- the satisfaction survey

def questions(event) -> list[SurveyQuestion]:
    """The event's questionnaire, made from the defaults the first time it is read.

    That first read may come from several requests at once (screens connecting,
    a tablet keeping its pages for offline use, each computing the live state):
    the write lock is taken before looking again, so the defaults are made once
    and no request fails with "database is locked"."""
    found = saved_questions(event)
    if not found:
        with writing():
            if not saved_questions(event):
                for position, question in enumerate(DEFAULT_QUESTIONS, start=1):
                    db.session.add(SurveyQuestion(event_id=event.id, position=position, text=question))
        found = saved_questions(event)
    return found


def saved_questions(event) -> list[SurveyQuestion]:
    return list(db.session.scalars(select(SurveyQuestion).where(SurveyQuestion.event_id == event.id)
                                   .order_by(SurveyQuestion.position)))


@writes
def set_questions(event, texts: list[str]) -> list[SurveyQuestion]:
    """Replace the questionnaire (before answers come in)."""
    if db.session.scalar(select(func.count()).where(SurveyResponse.event_id == event.id)):
        raise ForumError("Đã có phiếu trả lời: không sửa được bộ câu hỏi.")
    if not isinstance(texts, list):
        raise ForumError("Bộ câu hỏi phải là danh sách các câu.")
    cleaned = [question for question in (clean_text(t, 300, "Câu hỏi") for t in texts) if question]
    if not cleaned:
        raise ForumError("Cần ít nhất một câu hỏi.")
    for old in questions(event):
        db.session.delete(old)
    db.session.flush()
    for position, question in enumerate(cleaned, start=1):
        db.session.add(SurveyQuestion(event_id=event.id, position=position, text=question))
    return questions(event)


@writes
def submit_survey(event, answers: dict, comment: str = "", *, device: str = "", address: str = "",
                  kiosk: bool = False) -> SurveyResponse:
    ids = {str(q.id) for q in questions(event)}
    cleaned = {}
    if not isinstance(answers or {}, dict):
        raise ForumError("Câu trả lời phải ghi theo từng câu hỏi: mã câu hỏi → mức từ 1 đến 5.")
    for key, value in (answers or {}).items():
        if str(key) not in ids:
            raise ForumError("Câu hỏi không có trong phiếu khảo sát.")
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            raise ForumError("Mỗi câu chọn một mức từ 1 (Rất không hài lòng) đến 5 (Rất hài lòng).")
        cleaned[str(key)] = value
    if not cleaned:
        raise ForumError("Vui lòng chọn mức hài lòng cho ít nhất một câu.")
    comment = clean_text(comment, MAX_OPINION, "Góp ý", lines=True)
    now = utcnow()
    check_rate(event, SurveyResponse, device=device, address=address, kiosk=kiosk, at=now)
    response = SurveyResponse(event_id=event.id, answers=cleaned, comment=comment, device=device[:64],
                              address_ip=address[:64], sent_at=now, via_kiosk=kiosk)
    db.session.add(response)
    live.publish_state(event, "survey")
    if settings(event).show_survey_on_screen:
        live.publish_state(event, "forum_screen")
    return response


def aggregate(question_ids: list[int], responses: list[dict]) -> dict[int, list[int]]:
    """Counts per level (1..5) per question, from the answers of every response."""
    counts = {qid: [0] * len(SCALE) for qid in question_ids}
    for answers in responses:
        for key, value in answers.items():
            if int(key) in counts and 1 <= value <= 5:
                counts[int(key)][value - 1] += 1
    return counts


def satisfied_share(counts: list[int]) -> float | None:
    """The share satisfied: hài lòng + rất hài lòng, over all answers."""
    total = sum(counts)
    return (counts[3] + counts[4]) / total if total else None


@live.state_part("survey", audience=Permission.VIEW_DASHBOARD)
def survey_results(event) -> dict:
    asked = questions(event)
    rows = list(db.session.scalars(select(SurveyResponse).where(SurveyResponse.event_id == event.id)))
    counts = aggregate([q.id for q in asked], [r.answers for r in rows])
    all_counts = [sum(c[i] for c in counts.values()) for i in range(len(SCALE))]
    return {
        "responses": len(rows),
        "scale": SCALE,
        "questions": [{"id": q.id, "text": q.text, "counts": counts[q.id], "satisfied": satisfied_share(counts[q.id])}
                      for q in asked],
        "satisfied": satisfied_share(all_counts),
        "comments": [r.comment for r in rows if r.comment],
    }
