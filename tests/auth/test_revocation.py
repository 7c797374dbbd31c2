"""Revoking a credential reaches what is already open: a revoked API token's or
screen link's live connection closes, a new password ends the sessions (and
remember-me cookies) signed in with the old one, and a disabled account stops
everywhere at once. (Across server processes: tests/test_server.py.)"""

from __future__ import annotations

import pytest

from kiosk.auth import service as accounts
from kiosk.auth.models import ApiToken, User
from kiosk.database import utcnow
from kiosk.extensions import db
from kiosk.transactions import writing
from tests.factories import PASSWORD, login, make_event, make_user


@pytest.fixture
def venue(app):
    with app.app_context():
        event = make_event("cam-tan")
        organizer = make_user("organizer")
        token = accounts.issue_token(organizer)
        token_id = db.session.scalar(db.select(ApiToken.id).where(ApiToken.user_id == organizer.id))
    return {"slug": event.slug, "user": organizer, "token": token, "token_id": token_id}


def api(client, token: str | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get("/api/v1/events/cam-tan/dashboard", headers=headers)


def test_a_revoked_token_closes_its_live_connection_and_no_other(app, client, socket_client, venue):
    by_token = socket_client(auth={"event": "cam-tan", "token": venue["token"]}, flask_client=app.test_client())
    login(client, venue["user"])
    by_session = socket_client(auth={"event": "cam-tan"}, flask_client=client)
    assert by_token.is_connected() and by_session.is_connected()
    with app.app_context():
        accounts.revoke_token(venue["token_id"])
    assert not by_token.is_connected()
    assert by_session.is_connected()  # the same person's other credential
    assert api(app.test_client(), venue["token"]).status_code == 401
    again = socket_client(auth={"event": "cam-tan", "token": venue["token"]}, flask_client=app.test_client())
    assert not again.is_connected()


def test_a_new_password_ends_the_old_sessions_and_remember_me_cookies(app, socket_client, venue):
    tablet, laptop = app.test_client(), app.test_client()
    login(tablet, venue["user"])
    login(laptop, venue["user"])
    assert api(tablet).status_code == 200
    remembered = app.test_client()
    login(remembered, venue["user"])
    remembered.delete_cookie("session")  # the browser was closed: only the remember-me cookie is left
    assert api(remembered).status_code == 200
    live = socket_client(auth={"event": "cam-tan"}, flask_client=tablet)
    by_token = socket_client(auth={"event": "cam-tan", "token": venue["token"]}, flask_client=app.test_client())

    with app.app_context():
        accounts.set_password(db.session.get(User, venue["user"].id), "mat-khau-moi-2024")
    for client in (tablet, laptop, remembered):
        assert api(client).status_code == 401
        page = client.get("/e/cam-tan/")
        assert page.status_code == 302 and "/login" in page.headers["Location"]
    assert not live.is_connected()
    assert by_token.is_connected() and api(app.test_client(), venue["token"]).status_code == 200  # tokens stay
    fresh = app.test_client()
    assert fresh.post("/login", data={"username": venue["user"].username, "password": PASSWORD}).status_code == 401
    assert fresh.post("/login", data={"username": venue["user"].username,
                                      "password": "mat-khau-moi-2024"}).status_code == 302
    assert api(fresh).status_code == 200


def test_a_disabled_account_stops_everywhere_at_once(app, client, socket_client, venue):
    login(client, venue["user"])
    by_session = socket_client(auth={"event": "cam-tan"}, flask_client=client)
    by_token = socket_client(auth={"event": "cam-tan", "token": venue["token"]}, flask_client=app.test_client())
    with app.app_context():
        accounts.set_active(db.session.get(User, venue["user"].id), False)
    assert not by_session.is_connected() and not by_token.is_connected()
    assert api(client).status_code == 401
    assert api(app.test_client(), venue["token"]).status_code == 401
    with app.app_context():
        accounts.set_active(db.session.get(User, venue["user"].id), True)
    assert api(app.test_client(), venue["token"]).status_code == 200


def test_a_live_connection_is_checked_again_with_its_own_credential(app, socket_client, venue):
    """Events a connection sends are checked against the credential it was made
    with (not merely the person): a revoked token's connection that somehow
    stayed open is refused."""
    sio = socket_client(auth={"event": "cam-tan", "token": venue["token"]}, flask_client=app.test_client())
    with app.app_context(), writing():  # revoked without closing anything: only the re-check stands in the way
        db.session.get(ApiToken, venue["token_id"]).revoked_at = utcnow()
    answer = sio.emit("programme:command", {"command": "start", "expected_item": None}, callback=True)
    assert answer["error"] == "forbidden"
