"""The forum: citizens' opinions through moderation to the screen and the
answer; rate limits; the review words; the satisfaction survey's figures."""

from datetime import timedelta

import pytest

from kiosk.database import utcnow
from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.forum import service
from kiosk.forum.models import Opinion
from kiosk.transactions import writing
from tests.factories import login, make_event, make_user


@pytest.fixture
def event(app):
    with app.app_context():
        event = make_event("cam-tan")
        with writing():
            forum = service.settings(event)
            forum.min_seconds_between = 0
        return event


def send(app, text="Đề nghị tăng cường tuần tra ban đêm.", device="phone-1", address="10.0.0.5", **fields):
    with app.app_context():
        return service.submit_opinion(find_event("cam-tan"), {"text": text, **fields}, device=device, address=address)


def step(app, opinion_id, action, **fields):
    with app.app_context():
        return service.moderate(find_event("cam-tan"), opinion_id, action, fields, actor="BTC")


def test_the_moderation_state_machine(app, event):
    first = send(app)
    assert first.status == "new" and first.original_text == first.text
    assert step(app, first.id, "approve").status == "approved"
    assert step(app, first.id, "show").status == "on_screen"
    with app.app_context():
        screen = service.forum_screen(find_event("cam-tan"))
    assert screen["current"]["id"] == first.id and screen["current"]["author"] == "Ẩn danh"
    answered = step(app, first.id, "answer", answered_by="Đồng chí Lê Văn C, Trưởng Công an xã",
                    answer_note="Sẽ bố trí tổ tuần tra từ tuần sau.")
    assert answered.status == "answered" and answered.answered_by.startswith("Đồng chí Lê Văn C")
    with app.app_context():
        assert service.forum_screen(find_event("cam-tan"))["current"] is None

    second = send(app, "Xin hỏi thủ tục cấp lại căn cước?")
    with pytest.raises(service.ForumError, match="Đơn vị trả lời"):
        step(app, second.id, "written", responsible_unit="", deadline="2024-08-30")
    with pytest.raises(service.ForumError, match="Hạn trả lời"):
        step(app, second.id, "written", responsible_unit="Công an huyện", deadline="30/08/2024")
    written = step(app, second.id, "written", responsible_unit="Đội Quản lý hành chính, Công an huyện",
                   deadline="2024-08-30")
    assert written.status == "written" and written.deadline.isoformat() == "2024-08-30"

    third = send(app, "Nội dung không phù hợp")
    assert step(app, third.id, "hide").status == "hidden"
    with pytest.raises(service.ForumError, match="Không thể chuyển"):
        step(app, third.id, "answer", answered_by="X")
    with pytest.raises(service.ForumError, match="Thao tác không hợp lệ"):
        step(app, third.id, "publish")


def test_one_opinion_on_screen_at_a_time(app, event):
    a, b = send(app, "Ý kiến A"), send(app, "Ý kiến B")
    step(app, a.id, "show")
    step(app, b.id, "show")
    with app.app_context():
        assert db.session.get(Opinion, a.id).status == "approved"
        assert service.forum_screen(find_event("cam-tan"))["current"]["text"] == "Ý kiến B"


def test_editing_keeps_the_original_and_merging_duplicates(app, event):
    a = send(app, "cho hoi lam can cuoc o dau")
    b = send(app, "Làm căn cước ở đâu ạ?")
    with app.app_context():
        e = find_event("cam-tan")
        edited = service.edit_text(e, a.id, "Cho hỏi làm căn cước ở đâu?")
        assert (edited.text, edited.original_text) == ("Cho hỏi làm căn cước ở đâu?", "cho hoi lam can cuoc o dau")
        merged = service.merge(e, b.id, a.id)
        assert merged.status == "merged" and merged.merged_into_id == a.id
        assert service.opinion_json(e, db.session.get(Opinion, a.id), staff=True)["merged_count"] == 1
        with pytest.raises(service.ForumError):
            service.merge(e, a.id, a.id)


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_an_empty_opinion_is_refused(app, event, text):
    with pytest.raises(service.ForumError, match="Vui lòng nhập"):
        send(app, text)


def test_length_limits(app, event):
    with pytest.raises(service.ForumError, match="dài quá"):
        send(app, "x" * 2001)
    with pytest.raises(service.ForumError, match="Họ tên"):
        send(app, "Ý kiến", author_name="y" * 201)


def test_review_words_flag_the_opinion_and_approval_needs_a_second_look(app, event):
    flagged = send(app, "Có kẻ dọa GIẾT người ở bãi sông")
    assert flagged.flagged
    with pytest.raises(service.ForumError, match="xác nhận đã đọc kỹ"):
        step(app, flagged.id, "approve")
    assert step(app, flagged.id, "approve", reviewed=True).status == "approved"
    assert not send(app, "Đường liên thôn hỏng").flagged


def test_rate_limits_per_device_and_per_address(app, event):
    with app.app_context():
        with writing():
            forum = service.settings(find_event("cam-tan"))
            forum.per_device_per_hour, forum.per_address_per_hour, forum.min_seconds_between = 3, 5, 0
    for n in range(3):
        send(app, f"Ý kiến {n}", device="phone-1")
    with pytest.raises(service.TooFast, match="Thiết bị này"):
        send(app, "Ý kiến thứ tư", device="phone-1")
    send(app, "Từ máy khác", device="phone-2")
    send(app, "Từ máy khác nữa", device="phone-3")
    with pytest.raises(service.TooFast, match="mạng này"):
        send(app, "Quá nhiều từ một mạng", device="phone-4")
    # The shared kiosk tablet is not held to the per-device limit...
    with app.app_context():
        opinion = service.submit_opinion(find_event("cam-tan"), {"text": "Từ máy ở hội trường"}, device="phone-1",
                                         address="10.0.0.99", kiosk=True)
        assert opinion.id


def test_a_sender_without_a_device_key_gets_the_phone_limits_by_address(app, event):
    with app.app_context():
        service.update_settings(find_event("cam-tan"), {"per_device_per_hour": 3, "min_seconds_between": 20,
                                                        "per_address_per_hour": 60})
        e = find_event("cam-tan")
        now = utcnow()
        service.submit_opinion(e, {"text": "Một"}, device="", address="10.0.0.8", made_at=now - timedelta(minutes=3))
        with pytest.raises(service.TooFast, match="đợi 20 giây"):
            service.submit_opinion(e, {"text": "Hai"}, device="", address="10.0.0.8",
                                   made_at=now - timedelta(minutes=3, seconds=-5))
        service.submit_opinion(e, {"text": "Ba"}, device="", address="10.0.0.8", made_at=now - timedelta(minutes=2))
        service.submit_opinion(e, {"text": "Bốn"}, device="", address="10.0.0.8", made_at=now - timedelta(minutes=1))
        with pytest.raises(service.TooFast, match="Thiết bị này"):
            service.submit_opinion(e, {"text": "Năm"}, device="", address="10.0.0.8")
        # A phone with its own key on the same network is a sender of its own.
        service.submit_opinion(e, {"text": "Từ điện thoại"}, device="phone-9", address="10.0.0.8")


def test_the_hall_kiosk_tablet_has_a_human_pace_not_an_hourly_cap(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        service.update_settings(e, {"per_device_per_hour": 10, "min_seconds_between": 20, "per_address_per_hour": 60})
        now = utcnow()
        gap = timedelta(seconds=service.KIOSK_SECONDS_BETWEEN + 1)
        for n in range(80):  # eighty citizens in the hall, one after another, in less than an hour
            service.submit_opinion(e, {"text": f"Ý kiến {n}"}, device="hall-tablet", address="10.0.0.20", kiosk=True,
                                   made_at=now - gap * (80 - n))
        with pytest.raises(service.TooFast, match=f"đợi {service.KIOSK_SECONDS_BETWEEN} giây"):
            service.submit_opinion(e, {"text": "Bấm gửi hai lần"}, device="hall-tablet", address="10.0.0.20",
                                   kiosk=True, made_at=now - gap + timedelta(seconds=2))
        # Its sends do not use up the phones' allowance on its network.
        service.submit_opinion(e, {"text": "Từ điện thoại cùng mạng"}, device="phone-1", address="10.0.0.20")
        assert db.session.scalar(db.select(db.func.count()).select_from(Opinion)) == 81


def test_too_fast(app, event):
    with app.app_context():
        with writing():
            service.settings(find_event("cam-tan")).min_seconds_between = 30
    send(app, "Một", device="d")
    with pytest.raises(service.TooFast, match="đợi 30 giây"):
        send(app, "Hai", device="d")


def test_survey_aggregation():
    counts = service.aggregate([1, 2], [{"1": 5, "2": 4}, {"1": 4, "2": 1}, {"1": 3}, {"1": 5, "2": 5}])
    assert counts == {1: [0, 0, 1, 1, 2], 2: [1, 0, 0, 1, 1]}
    assert service.satisfied_share(counts[1]) == 0.75
    assert service.satisfied_share([0, 0, 0, 0, 0]) is None
    assert service.satisfied_share(counts[2]) == pytest.approx(2 / 3)


def test_survey_responses_and_results(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        questions = service.questions(e)
        assert [q.text for q in questions][0] == "Tinh thần, thái độ phục vụ" and len(questions) == 5
        first, last = questions[0].id, questions[-1].id
        service.submit_survey(e, {str(first): 5, str(last): 4}, "Cán bộ nhiệt tình", device="a", address="1")
        service.submit_survey(e, {str(first): 2}, "", device="b", address="1")
        with pytest.raises(service.ForumError, match="từ 1"):
            service.submit_survey(e, {str(first): 6}, device="c", address="1")
        with pytest.raises(service.ForumError, match="ít nhất một câu"):
            service.submit_survey(e, {}, device="c", address="1")
        with pytest.raises(service.ForumError, match="không có trong phiếu"):
            service.submit_survey(e, {"999999": 3}, device="c", address="1")
        results = service.survey_results(e)
        assert results["responses"] == 2 and results["comments"] == ["Cán bộ nhiệt tình"]
        assert results["questions"][0]["counts"] == [0, 1, 0, 0, 1] and results["questions"][0]["satisfied"] == 0.5
        assert results["satisfied"] == pytest.approx(2 / 3)
        with pytest.raises(service.ForumError, match="Đã có phiếu"):
            service.set_questions(e, ["Câu mới"])


def test_public_api_needs_no_login_and_moderation_does(app, client, event):
    sent = client.post("/api/v1/events/cam-tan/opinions", json={"text": "Hỏi về VNeID", "topic": "paperwork"},
                       headers={"X-Kiosk-Device": "phone-9"})
    assert sent.status_code == 201 and "Ý kiến của ông/bà đã được gửi" in sent.json["message"]
    assert client.post("/api/v1/events/cam-tan/opinions", json={"text": " "}).status_code == 400
    assert client.get("/api/v1/events/cam-tan/opinions").status_code == 401
    with app.app_context():
        desk, organizer = make_user("desk"), make_user("organizer")
    login(client, desk)
    assert client.post(f"/api/v1/events/cam-tan/opinions/{sent.json['id']}/moderate", json={"action": "approve"}).status_code == 403
    organizer_client = app.test_client()
    login(organizer_client, organizer)
    moderated = organizer_client.post(f"/api/v1/events/cam-tan/opinions/{sent.json['id']}/moderate", json={"action": "show"})
    assert moderated.status_code == 200 and moderated.json["status"] == "on_screen"
    questions = client.get("/api/v1/events/cam-tan/survey").json["questions"]
    answer = app.test_client().post("/api/v1/events/cam-tan/survey/responses",
                                    json={"answers": {str(questions[0]["id"]): 4}})
    assert answer.status_code == 201
    assert organizer_client.get("/api/v1/events/cam-tan/survey/results").json["responses"] == 1


def test_the_screen_follows_within_one_session(app, event):
    """The screen's state is computed in the same request that moved it."""
    a, b = send(app, "Ý kiến A"), send(app, "Ý kiến B")
    with app.app_context():
        e = find_event("cam-tan")
        service.moderate(e, a.id, "show", {})
        assert service.forum_screen(e)["current"]["text"] == "Ý kiến A"
        service.moderate(e, b.id, "show", {})
        assert service.forum_screen(e)["current"]["text"] == "Ý kiến B"
        service.moderate(e, b.id, "hide", {})
        assert service.forum_screen(e)["current"] is None
