"""Several screens at once: every command reaches them all; a screen that
connects late gets the current item at once; roles hold on Socket.IO too."""

import io

import pytest
from pypdf import PdfReader

from kiosk.auth import service as accounts
from kiosk.auth.roles import Role
from kiosk.events.service import find_event
from kiosk.programme import service
from tests.factories import login, make_event, make_user


@pytest.fixture
def venue(app):
    with app.app_context():
        event = make_event("cam-tan")
        service.apply_template(event, "cam-tan-2024")
        users = {role: make_user(role) for role in ("organizer", "mc", "desk")}
        screen_key = accounts.create_link(event, Role.SCREEN)
    return {"event": event, "users": users, "screen_key": screen_key}


def connect(app, socket_client, venue, role=None):
    if role == "screen":
        return socket_client(auth={"event": "cam-tan", "key": venue["screen_key"]}, flask_client=app.test_client())
    flask_client = app.test_client()
    login(flask_client, venue["users"][role])
    return socket_client(auth={"event": "cam-tan"}, flask_client=flask_client)


def programme_updates(sio):
    return [p["args"][0]["programme"] for p in sio.get_received()
            if p["name"] == "state" and "programme" in p["args"][0]]


def current(programme):
    return next(i["title"] for i in programme["items"] if i["id"] == programme["live"]["current_item_id"])


def test_every_screen_follows_the_organizer(app, socket_client, venue):
    organizer = connect(app, socket_client, venue, "organizer")
    mc = connect(app, socket_client, venue, "mc")
    screen = connect(app, socket_client, venue, "screen")
    for sio in (organizer, mc, screen):
        sio.get_received()

    answer = organizer.emit("programme:command", {"command": "start", "expected_item": None}, callback=True)
    assert answer["ok"] and current(answer["programme"]) == "Văn nghệ chào mừng"
    first = answer["programme"]["live"]["current_item_id"]
    answer = organizer.emit("programme:command", {"command": "next", "expected_item": first}, callback=True)
    assert current(answer["programme"]) == "Lễ chào cờ"

    for sio in (organizer, mc, screen):
        updates = programme_updates(sio)
        assert [current(p) for p in updates] == ["Văn nghệ chào mừng", "Lễ chào cờ"]


def test_a_late_screen_gets_the_current_item_on_connect(app, socket_client, venue):
    with app.app_context():
        event = find_event("cam-tan")
        service.run_command(event, "start", expected_item=None)
        first = service.items(event)[0].id
        service.run_command(event, "next", expected_item=first)
    screen = connect(app, socket_client, venue, "screen")
    (state,) = [p["args"][0] for p in screen.get_received() if p["name"] == "state"]
    assert current(state["programme"]) == "Lễ chào cờ"
    assert state["programme"]["server_now"] and state["programme"]["live"]["clock_started_at"]
    assert "programme_staff" not in state  # no scripts on the hall's screen
    mc = connect(app, socket_client, venue, "mc")
    (mc_state,) = [p["args"][0] for p in mc.get_received() if p["name"] == "state"]
    scripts = mc_state["programme_staff"]["scripts"]
    assert "Quốc ca" in scripts[str(mc_state["programme"]["live"]["current_item_id"])]["script"]


@pytest.mark.parametrize("role", ["mc", "desk", "screen"])
def test_socket_commands_need_the_right(app, socket_client, venue, role):
    sio = connect(app, socket_client, venue, role)
    answer = sio.emit("programme:command", {"command": "start", "expected_item": None}, callback=True)
    assert answer == {"ok": False, "error": "forbidden", "message": "Không có quyền thực hiện thao tác này."}
    with app.app_context():
        assert service.programme_state(find_event("cam-tan"))["live"]["status"] == "idle"


def test_socket_command_conflict_returns_the_state(app, socket_client, venue):
    a = connect(app, socket_client, venue, "organizer")
    b = connect(app, socket_client, venue, "organizer")
    started = a.emit("programme:command", {"command": "start", "expected_item": None}, callback=True)
    first = started["programme"]["live"]["current_item_id"]
    assert a.emit("programme:command", {"command": "next", "expected_item": first}, callback=True)["ok"]
    late = b.emit("programme:command", {"command": "next", "expected_item": first}, callback=True)
    assert late["error"] == "conflict" and current(late["programme"]) == "Lễ chào cờ"
    assert b.emit("programme:command", "next", callback=True)["error"] == "bad_request"


def test_screen_message_and_blackout_reach_the_screen(app, client, socket_client, venue):
    screen = connect(app, socket_client, venue, "screen")
    screen.get_received()
    login(client, venue["users"]["organizer"])
    client.put("/api/v1/events/cam-tan/screen", json={"message": "<b>Giải lao 10 phút</b>", "blackout": False})
    states = [p["args"][0] for p in screen.get_received() if p["name"] == "state"]
    assert states == [{"screen": {"message": "<b>Giải lao 10 phút</b>", "blackout": False}}]


def pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_programme_pdfs(app, client, venue):
    login(client, venue["users"]["mc"])
    with app.app_context():
        event = find_event("cam-tan")
        service.set_ceremony_start(event, "07:30")
        service.run_command(event, "start", expected_item=None)
        service.run_command(event, "next", expected_item=service.items(event)[0].id)
    programme = client.get("/e/cam-tan/programme.pdf")
    assert programme.status_code == 200 and programme.headers["Content-Type"] == "application/pdf"
    text = pdf_text(programme.data)
    for title in ("Văn nghệ chào mừng", "Tuyên bố lý do, giới thiệu đại biểu", "Trình chiếu phóng sự",
                  "Công bố Quyết định và trao thưởng", "Tuyên bố kết thúc buổi lễ"):
        assert title in text
    assert "07:30" in text
    script = pdf_text(client.get("/e/cam-tan/programme/script.pdf").data)
    assert "Chào cờ, chào! Quốc ca." in script
    rundown = pdf_text(client.get("/e/cam-tan/programme/rundown.pdf").data)
    assert "Văn nghệ chào mừng" in rundown and "Đã xong" in rundown
    desk = app.test_client()
    login(desk, venue["users"]["desk"])
    assert desk.get("/e/cam-tan/programme/script.pdf").status_code == 403


def test_video_upload_and_serving(app, client, venue):
    login(client, venue["users"]["organizer"])
    with app.app_context():
        video_item = next(i for i in service.items(find_event("cam-tan")) if i.kind == "video")
    url = f"/e/cam-tan/programme/items/{video_item.id}/video"
    refused = client.post(url, data={"video": (io.BytesIO(b"MZ..."), "phong-su.exe")})
    assert refused.status_code == 302
    with app.app_context():
        assert service.get_item(find_event("cam-tan"), video_item.id).video_file is None
    clip = b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 2048
    assert client.post(url, data={"video": (io.BytesIO(clip), "phong-su.mp4")}).status_code == 302
    state = client.get("/api/v1/events/cam-tan/programme").json
    video_url = next(i["video_url"] for i in state["items"] if i["id"] == video_item.id)
    served = client.get(video_url, headers={"Range": "bytes=0-15"})
    assert served.status_code == 206 and served.data == clip[:16]  # seekable, as a <video> needs
    assert app.test_client().get(video_url).status_code == 302  # not for anyone without a login
