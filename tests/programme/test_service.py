"""Live commands and editing, through the service and the API, on SQLite and PostgreSQL."""

import threading

import pytest

from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.programme import service
from kiosk.programme.models import ProgrammeCommand
from tests.factories import login, make_event, make_user


@pytest.fixture
def event(app):
    with app.app_context():
        event = make_event("cam-tan")
        service.apply_template(event, "cam-tan-2024")
    return event


def run(app, command, **kwargs):
    with app.app_context():
        return service.run_command(find_event("cam-tan"), command, **kwargs)


def current_title(state):
    return next((i["title"] for i in state["items"] if i["id"] == state["live"]["current_item_id"]), None)


def ids(app):
    with app.app_context():
        return [i.id for i in service.items(find_event("cam-tan"))]


def test_run_the_whole_ceremony(app, event):
    item_ids = ids(app)
    state = run(app, "start", expected_item=None, actor="BTC")
    assert current_title(state) == "Văn nghệ chào mừng" and state["live"]["status"] == "running"
    for expected in item_ids[:-1]:
        state = run(app, "next", expected_item=expected)
    assert current_title(state) == "Tuyên bố kết thúc buổi lễ"
    state = run(app, "end", expected_item=item_ids[-1])
    assert state["live"]["status"] == "ended" and state["summary"]["done"] == 12
    assert all(i["started_at"] and i["ended_at"] for i in state["items"])
    with app.app_context():
        logged = [c.command for c in service.commands_log(find_event("cam-tan"))]
    assert logged == ["start"] + ["next"] * 11 + ["end"]


def test_a_command_for_an_item_no_longer_current_is_refused_with_the_state(app, event):
    first, second = ids(app)[:2]
    run(app, "start", expected_item=None)
    run(app, "next", expected_item=first)
    with pytest.raises(service.CommandRefused) as refused:
        run(app, "next", expected_item=first)  # the other tablet pressed "next" a moment earlier
    assert refused.value.state["live"]["current_item_id"] == second


def test_two_organizers_pressing_next_together_advance_once(app, event):
    first, second = ids(app)[:2]
    run(app, "start", expected_item=None)
    barrier, outcomes = threading.Barrier(6), []

    def press():
        with app.app_context():
            target = find_event("cam-tan")
            barrier.wait()
            try:
                service.run_command(target, "next", expected_item=first)
                outcomes.append("advanced")
            except service.CommandRefused:
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=press) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["advanced"] + ["refused"] * 5
    with app.app_context():
        state = service.programme_state(find_event("cam-tan"))
    assert state["live"]["current_item_id"] == second
    assert [i["status"] for i in state["items"][:3]] == ["done", "current", "pending"]


def test_previous_goto_pause_resume_add_time(app, event):
    item_ids = ids(app)
    run(app, "start", expected_item=None)
    run(app, "next", expected_item=item_ids[0])
    state = run(app, "previous", expected_item=item_ids[1])
    assert state["live"]["current_item_id"] == item_ids[0] and state["items"][1]["status"] == "pending"
    state = run(app, "goto", expected_item=item_ids[0], item_id=item_ids[7])
    assert current_title(state) == "Công bố Quyết định và trao thưởng"
    state = run(app, "pause", expected_item=item_ids[7])
    assert state["live"]["status"] == "paused" and state["live"]["paused_at"]
    state = run(app, "resume", expected_item=item_ids[7])
    assert state["live"]["status"] == "running" and state["live"]["paused_seconds"] >= 0
    state = run(app, "add_time", expected_item=item_ids[7], seconds=120)
    assert state["items"][7]["added_seconds"] == 120
    assert state["timing"]["current_duration"] == 15 * 60 + 120
    state = run(app, "add_time", expected_item=item_ids[7], seconds=-60)
    assert state["items"][7]["added_seconds"] == 60


def test_skip_only_optional_items(app, event):
    item_ids = ids(app)
    run(app, "start", expected_item=None)
    with pytest.raises(service.ProgrammeError, match="nếu có"):
        run(app, "skip", expected_item=item_ids[0], item_id=item_ids[1])  # Lễ chào cờ is not optional
    state = run(app, "skip", expected_item=item_ids[0], item_id=item_ids[5])  # Trình chiếu phóng sự (nếu có)
    assert state["items"][5]["status"] == "skipped"
    run(app, "goto", expected_item=item_ids[0], item_id=item_ids[10])  # Ký kết giao ước thi đua (nếu có)
    state = run(app, "skip", expected_item=item_ids[10])  # the current optional item: skipped, and on to the next
    assert state["items"][10]["status"] == "skipped" and current_title(state) == "Tuyên bố kết thúc buổi lễ"


@pytest.mark.parametrize("command, kwargs, message", [
    ("next", {}, "chưa bắt đầu"),
    ("jump", {}, "Lệnh không hợp lệ"),
    ("goto", {"item_id": 999999}, "Không tìm thấy"),
])
def test_commands_before_the_start_are_refused_clearly(app, event, command, kwargs, message):
    with pytest.raises(service.ProgrammeError, match=message):
        run(app, command, expected_item=None, **kwargs)


def test_add_time_limits(app, event):
    first = ids(app)[0]
    run(app, "start", expected_item=None)
    for seconds in (0, 7200, "60", None):
        with pytest.raises(service.ProgrammeError):
            run(app, "add_time", expected_item=first, seconds=seconds)
    with pytest.raises(service.ProgrammeError, match="Không bớt"):
        run(app, "add_time", expected_item=first, seconds=-3600)


def test_editing_numbers_come_from_the_order(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        added = service.add_item(e, {"title": "Trao tặng mô hình", "kind": "other", "planned_seconds": 300},
                                 after_item=ids(app)[1])
        numbered = [(n, i.title) for n, i in service.numbered(e)]
    assert numbered[2] == (3, "Trao tặng mô hình") and numbered[3][0] == 4 and len(numbered) == 13
    with app.app_context():
        e = find_event("cam-tan")
        service.move_item(e, added.id, -1)
        assert service.numbered(e)[1][1].title == "Trao tặng mô hình"
        service.delete_item(e, added.id)
        assert [n for n, _ in service.numbered(e)] == list(range(1, 13))


@pytest.mark.parametrize("fields, message", [
    ({"title": "   "}, "không được để trống"),
    ({"title": "x", "planned_seconds": -60}, "Thời lượng"),
    ({"title": "x", "planned_seconds": 0}, "Thời lượng"),
    ({"title": "x", "planned_seconds": 5 * 3600}, "Thời lượng"),
    ({"title": "x", "planned_seconds": "300"}, "Thời lượng"),
    ({"title": "x", "kind": "fireworks"}, "Loại mục"),
    ({"title": "x", "hard_start": "25:00"}, "HH:MM"),
    ({"title": "x", "colour": "red"}, "Trường không hợp lệ"),
])
def test_bad_items_are_refused(app, event, fields, message):
    with app.app_context(), pytest.raises(service.ProgrammeError, match=message):
        service.add_item(find_event("cam-tan"), fields)


def test_a_reorder_that_loses_or_repeats_an_item_is_refused(app, event):
    item_ids = ids(app)
    with app.app_context():
        e = find_event("cam-tan")
        for bad in (item_ids[:-1], item_ids + [item_ids[0]], item_ids[:-1] + [item_ids[0]], item_ids[:-1] + [424242]):
            with pytest.raises(service.ProgrammeError, match="đúng 12 mục"):
                service.reorder(e, bad)
        service.reorder(e, list(reversed(item_ids)))
        assert service.numbered(e)[0][1].title == "Tuyên bố kết thúc buổi lễ"


def test_the_current_item_cannot_be_deleted(app, event):
    first = ids(app)[0]
    run(app, "start", expected_item=None)
    with app.app_context(), pytest.raises(service.ProgrammeError, match="đang diễn ra"):
        service.delete_item(find_event("cam-tan"), first)


def test_template_cannot_replace_a_running_ceremony(app, event):
    run(app, "start", expected_item=None)
    with app.app_context(), pytest.raises(service.ProgrammeError, match="đã bắt đầu"):
        service.apply_template(find_event("cam-tan"), "bac-giang-2024")


def test_api_commands_and_conflict(app, client, event):
    with app.app_context():
        organizer = make_user("organizer")
    login(client, organizer)
    url = "/api/v1/events/cam-tan/programme/commands"
    started = client.post(url, json={"command": "start", "expected_item": None})
    assert started.status_code == 200
    first = started.json["programme"]["live"]["current_item_id"]
    assert client.post(url, json={"command": "next", "expected_item": first}).status_code == 200
    late = client.post(url, json={"command": "next", "expected_item": first})
    assert late.status_code == 409 and late.json["error"] == "conflict"
    assert late.json["programme"]["live"]["current_item_id"] != first
    assert "mục khác" in late.json["message"]
    bad = client.post(url, json={"command": "add_time", "expected_item": late.json["programme"]["live"]["current_item_id"],
                                 "seconds": -99999})
    assert bad.status_code == 400 and bad.json["message"]
    programme = client.get("/api/v1/events/cam-tan/programme").json
    assert [i["number"] for i in programme["items"]] == list(range(1, 13))
    assert programme["items"][0]["started_at"] and programme["items"][0]["ended_at"]
    assert programme["timing"]["projected_end"] and "offset_seconds" in programme["timing"]


@pytest.mark.parametrize("role", ["desk", "mc", "screen"])
def test_roles_without_the_right_cannot_command_and_nothing_changes(app, client, event, role):
    with app.app_context():
        user = make_user(role)
    login(client, user)
    response = client.post("/api/v1/events/cam-tan/programme/commands", json={"command": "start", "expected_item": None})
    assert response.status_code == 403
    edit = client.post("/api/v1/events/cam-tan/programme/items", json={"title": "Chen ngang"})
    assert edit.status_code == 403
    with app.app_context():
        e = find_event("cam-tan")
        assert service.programme_state(e)["live"]["status"] == "idle" and len(service.items(e)) == 12
        assert db.session.query(ProgrammeCommand).count() == 0


def test_api_editing(app, client, event):
    with app.app_context():
        organizer = make_user("organizer")
    login(client, organizer)
    base = "/api/v1/events/cam-tan/programme"
    created = client.post(f"{base}/items", json={"title": "Trao quà cho cháu học giỏi", "kind": "gifts",
                                                 "planned_seconds": 600, "optional": True})
    assert created.status_code == 201
    item_id = created.json["id"]
    patched = client.patch(f"{base}/items/{item_id}", json={"script": "Xin mời các cháu lên sân khấu.",
                                                            "cues": "Nhạc, Micro", "hard_start": "09:30"})
    assert patched.json["cues"] == ["Nhạc", "Micro"] and patched.json["hard_start"] == "09:30"
    refused = client.patch(f"{base}/items/{item_id}", json={"planned_seconds": -5})
    assert refused.status_code == 400 and "Thời lượng" in refused.json["message"]
    order = [i["id"] for i in client.get(base).json["items"]]
    assert client.put(f"{base}/order", json={"items": order[:-1]}).status_code == 400
    assert client.put(f"{base}/order", json={"items": list(reversed(order))}).status_code == 200
    assert client.delete(f"{base}/items/{item_id}").status_code == 204
    assert len(client.get(base).json["items"]) == 12


def test_mc_messages_screen_and_activities(app, client, event):
    with app.app_context():
        organizer, mc = make_user("organizer"), make_user("mc")
    login(client, organizer)
    api = "/api/v1/events/cam-tan"
    sent = client.post(f"{api}/mc-messages", json={"text": "Đồng chí Phó Chủ tịch tỉnh vừa đến"})
    assert sent.status_code == 201
    assert client.post(f"{api}/mc-messages", json={"text": "   "}).status_code == 400
    assert client.put(f"{api}/screen", json={"message": "Xin mời đại biểu ổn định chỗ ngồi", "blackout": True}).json == \
        {"message": "Xin mời đại biểu ổn định chỗ ngồi", "blackout": True}
    assert client.post(f"{api}/activities", json={"name": "Kích hoạt VNeID", "kind": "service", "place": "Nhà văn hóa",
                                                  "starts_at": "07:00", "ends_at": "11:00"}).status_code == 201
    assert client.post(f"{api}/activities", json={"name": "Sai giờ", "starts_at": "10:00",
                                                  "ends_at": "09:00"}).status_code == 400
    mc_client = app.test_client()
    login(mc_client, mc)
    assert mc_client.put(f"{api}/screen", json={"blackout": False}).status_code == 403
    assert mc_client.delete(f"{api}/mc-messages/{sent.json['id']}").status_code == 204  # the MC marks it read
    with app.app_context():
        e = find_event("cam-tan")
        assert service.programme_staff_state(e)["messages"] == []
        assert service.activities_state(e)["items"][0]["starts_at"].startswith("2024-08-15T07:00:00+07:00")
