"""The live channel: who may connect, what each audience is sent, and state
pushed to every screen when something changes."""

import pytest

from kiosk.auth import service as accounts
from kiosk.auth.roles import Role
from kiosk.delegates import service as delegates
from kiosk.events.service import find_event
from tests.factories import login, make_delegates, make_event, make_user


@pytest.fixture
def venue(app):
    with app.app_context():
        event = make_event("cam-tan")
        make_event("eo-le")
        people = make_delegates(event, ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"])
        organizer = make_user("organizer")
        desk = make_user("desk")
        screen_key = accounts.create_link(event, Role.SCREEN)
        mc_key = accounts.create_link(event, Role.MC)
        token = accounts.issue_token(desk)
    return {"event": event, "delegates": people, "organizer": organizer, "screen_key": screen_key,
            "mc_key": mc_key, "token": token}


def states(sio):
    return [packet["args"][0] for packet in sio.get_received() if packet["name"] == "state"]


def test_connection_without_credentials_is_refused(socket_client, venue):
    sio = socket_client(auth={"event": "cam-tan"})
    assert not sio.is_connected()


def test_unknown_event_is_refused(socket_client, client, venue):
    login(client, venue["organizer"])
    assert not socket_client(auth={"event": "khong-co"}).is_connected()


def test_organizer_gets_the_whole_state_on_connect(socket_client, client, venue):
    login(client, venue["organizer"])
    sio = socket_client(auth={"event": "cam-tan"})
    assert sio.is_connected()
    (state,) = states(sio)
    assert state["attendance"] == {"invited": 3, "present": 0, "walk_ins": 0}
    assert state["event"]["slug"] == "cam-tan"
    assert {"programme", "awards", "gifts", "opinions"} <= set(state)


def test_screen_link_key_sees_only_the_public_state(app, socket_client, venue):
    sio = socket_client(auth={"event": "cam-tan", "key": venue["screen_key"]}, flask_client=app.test_client())
    assert sio.is_connected()
    (state,) = states(sio)
    assert "attendance" in state and "event" in state
    assert "awards" not in state and "opinions" not in state  # staff figures stay off the hall's screen


def test_screen_key_of_one_event_does_not_open_another(app, socket_client, venue):
    sio = socket_client(auth={"event": "eo-le", "key": venue["screen_key"]}, flask_client=app.test_client())
    assert not sio.is_connected()


def test_api_token_in_auth_data(app, socket_client, venue):
    assert socket_client(auth={"event": "cam-tan", "token": venue["token"]},
                         flask_client=app.test_client()).is_connected()
    assert not socket_client(auth={"event": "cam-tan", "token": "gia-mao"},
                             flask_client=app.test_client()).is_connected()


def test_a_check_in_reaches_dashboard_and_screen(app, client, socket_client, venue):
    login(client, venue["organizer"])
    dashboard = socket_client(auth={"event": "cam-tan"})
    screen = socket_client(auth={"event": "cam-tan", "key": venue["screen_key"]}, flask_client=app.test_client())
    dashboard.get_received(), screen.get_received()

    response = app.test_client().post(
        "/api/v1/events/cam-tan/checkins",
        json={"delegate_id": venue["delegates"][0].id, "device": "Cổng 1"},
        headers={"Authorization": f"Bearer {venue['token']}"},
    )
    assert response.status_code == 200 and response.json["status"] == "ok"

    dashboard_parts = {name: part for state in states(dashboard) for name, part in state.items()}
    assert dashboard_parts["attendance"] == {"invited": 3, "present": 1, "walk_ins": 0}
    (group,) = dashboard_parts["introduction"]["groups"]
    assert [p["line"] for p in group["people"]] == ["Đồng chí Nguyễn Văn An"]
    # The hall's screen hears the figure, not the names.
    assert states(screen) == [{"attendance": {"invited": 3, "present": 1, "walk_ins": 0}}]


def test_other_events_screens_hear_nothing(app, client, socket_client, venue):
    with app.app_context():
        other_organizer = make_user("organizer")
    login(client, other_organizer)
    other = socket_client(auth={"event": "eo-le"})
    other.get_received()
    with app.app_context():
        delegates.check_in(find_event("cam-tan"), delegate_id=venue["delegates"][1].id, device="Cổng 2")
    assert states(other) == []


def test_refresh_resends_the_state(client, socket_client, venue):
    login(client, venue["organizer"])
    sio = socket_client(auth={"event": "cam-tan"})
    sio.get_received()
    assert sio.emit("refresh", callback=True) == {"ok": True}
    assert states(sio)[0]["attendance"]["present"] == 0


def test_revoking_a_link_closes_its_open_connection(app, socket_client, venue):
    sio = socket_client(auth={"event": "cam-tan", "key": venue["screen_key"]}, flask_client=app.test_client())
    other = socket_client(auth={"event": "cam-tan", "key": venue["mc_key"]}, flask_client=app.test_client())
    with app.app_context():
        accounts.revoke_link(accounts.link_for_key(find_event("cam-tan"), venue["screen_key"]))
    assert not sio.is_connected()
    assert other.is_connected()  # the MC's link is another credential
    again = socket_client(auth={"event": "cam-tan", "key": venue["screen_key"]}, flask_client=app.test_client())
    assert not again.is_connected()
