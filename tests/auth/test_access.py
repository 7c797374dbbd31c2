"""Login, roles on pages and API, tokens, screen links, CSRF."""

import pytest

from kiosk.auth import service as accounts
from kiosk.auth.roles import GRANTS, Permission, Role
from kiosk.delegates.models import Delegate
from kiosk.extensions import db
from tests.factories import PASSWORD, login, make_delegates, make_event, make_user


@pytest.fixture
def venue(app):
    with app.app_context():
        event = make_event("cam-tan")
        other = make_event("eo-le")
        delegate = make_delegates(event, ["Nguyễn Văn An"])[0]
        users = {role: make_user(role) for role in ("admin", "organizer", "desk", "mc", "screen")}
        users["other_organizer"] = make_user("organizer", event=other)
    return {"event": event, "other": other, "delegate": delegate, "users": users}


def test_wrong_password_and_unknown_user_get_the_same_answer(client, venue):
    wrong_password = client.post("/login", data={"username": venue["users"]["admin"].username, "password": "sai"})
    unknown_user = client.post("/login", data={"username": "khong-co", "password": PASSWORD})
    assert wrong_password.status_code == unknown_user.status_code == 401
    message = "Tên đăng nhập hoặc mật khẩu không đúng."
    assert message in wrong_password.get_data(as_text=True)
    assert message in unknown_user.get_data(as_text=True)


def test_password_is_stored_hashed(app, venue):
    with app.app_context():
        user = db.session.get(type(venue["users"]["admin"]), venue["users"]["admin"].id)
        assert PASSWORD not in user.password_hash
        assert user.check_password(PASSWORD) and not user.check_password(PASSWORD + "x")


def test_pages_ask_for_login(client, venue):
    response = client.get("/e/cam-tan/")
    assert response.status_code == 302 and "/login?next=/e/cam-tan/" in response.headers["Location"]


def test_login_then_logout(client, venue):
    login(client, venue["users"]["organizer"])
    assert client.get("/e/cam-tan/").status_code == 200
    client.post("/logout")
    assert client.get("/e/cam-tan/").status_code == 302


def test_login_never_redirects_to_another_site(client, venue):
    user = venue["users"]["organizer"]
    response = client.post("/login?next=//evil.example/x", data={"username": user.username, "password": PASSWORD})
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize(
    "role, path, expected",
    [
        ("admin", "/e/cam-tan/", 200),
        ("organizer", "/e/cam-tan/", 200),
        ("desk", "/e/cam-tan/", 403),
        ("mc", "/e/cam-tan/", 403),
        ("screen", "/e/cam-tan/", 403),
        ("mc", "/e/cam-tan/mc", 200),
        ("desk", "/e/cam-tan/mc", 403),
        ("screen", "/e/cam-tan/screen", 200),
        ("desk", "/e/cam-tan/screen", 200),
        ("other_organizer", "/e/cam-tan/", 403),
        ("other_organizer", "/e/eo-le/", 200),
    ],
)
def test_roles_on_pages(client, venue, role, path, expected):
    login(client, venue["users"][role])
    response = client.get(path)
    assert response.status_code == expected
    if expected == 403:
        assert "Bạn không có quyền thực hiện thao tác này." in response.get_data(as_text=True)


@pytest.mark.parametrize("role, expected", [("desk", 200), ("organizer", 200), ("mc", 403), ("screen", 403)])
def test_a_role_without_the_right_changes_nothing(app, client, venue, role, expected):
    login(client, venue["users"][role])
    response = client.post("/api/v1/events/cam-tan/checkins", json={"delegate_id": venue["delegate"].id})
    assert response.status_code == expected
    with app.app_context():
        present = db.session.get(Delegate, venue["delegate"].id).checked_in_at is not None
    assert present == (expected == 200)
    if expected == 403:
        assert response.json["error"] == "forbidden"


def test_api_token_authenticates(app, client, venue):
    with app.app_context():
        token = accounts.issue_token(venue["users"]["desk"], "Cổng 1")
    assert client.get("/api/v1/events/cam-tan").status_code == 401
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/events/cam-tan", headers=headers).json["slug"] == "cam-tan"
    assert client.get("/api/v1/events/cam-tan/dashboard", headers=headers).status_code == 403
    forged = {"Authorization": f"Bearer {token[:-2]}xx"}
    assert client.get("/api/v1/events/cam-tan", headers=forged).status_code == 401


def test_tokens_are_stored_hashed(app, venue):
    from kiosk.auth.models import ApiToken

    with app.app_context():
        token = accounts.issue_token(venue["users"]["desk"])
        stored = db.session.scalars(db.select(ApiToken.token_hash)).all()
    assert token not in stored and len(stored) == 1


def test_screen_link_opens_the_screen_without_a_password(app, client, venue):
    with app.app_context():
        key = accounts.create_link(venue["event"], Role.SCREEN)
    response = client.get(f"/e/cam-tan/link/{key}")
    assert response.status_code == 302 and response.headers["Location"].endswith("/e/cam-tan/screen")
    assert client.get("/e/cam-tan/screen").status_code == 200
    assert client.get("/e/cam-tan/").status_code == 403  # a screen sees no dashboard
    assert client.get("/e/eo-le/screen").status_code == 403  # nor another event


def test_mc_link_opens_the_mc_page(app, client, venue):
    with app.app_context():
        key = accounts.create_link(venue["event"], Role.MC)
    assert client.get(f"/e/cam-tan/link/{key}").headers["Location"].endswith("/e/cam-tan/mc")
    assert client.get("/e/cam-tan/mc").status_code == 200


def test_wrong_or_revoked_link_opens_nothing(app, client, venue):
    assert client.get("/e/cam-tan/link/doan-bua").status_code == 404
    with app.app_context():
        key = accounts.create_link(venue["event"], Role.SCREEN)
        link = accounts.link_for_key(venue["event"], key)
    assert client.get(f"/e/eo-le/link/{key}").status_code == 404  # the key of another event
    client.get(f"/e/cam-tan/link/{key}")
    with app.app_context():
        accounts.revoke_link(db.session.merge(link))
    assert client.get(f"/e/cam-tan/link/{key}").status_code == 404
    assert client.get("/e/cam-tan/screen").status_code == 302  # the open session ends too


def test_every_role_has_a_grant_entry():
    assert set(GRANTS) == set(Role)
    assert GRANTS[Role.ADMIN] == frozenset(Permission)


@pytest.fixture
def csrf_app(database_url, tmp_path):
    from tests.conftest import make_test_app

    app = make_test_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    yield app
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()


def test_forms_and_cookie_api_calls_need_the_csrf_token(csrf_app):
    import re

    client = csrf_app.test_client()
    with csrf_app.app_context():
        event = make_event("csrf")
        delegate = make_delegates(event, ["Trần Thị Bình"])[0]
        user = make_user("organizer")
        token = accounts.issue_token(user)
    page = client.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    refused = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert refused.status_code == 400
    assert client.post("/login", data={"username": user.username, "password": PASSWORD, "csrf_token": csrf}).status_code == 302
    url = "/api/v1/events/csrf/checkins"
    assert client.post(url, json={"delegate_id": delegate.id}).status_code == 400
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/e/csrf/").get_data(as_text=True)).group(1)
    accepted = client.post(url, json={"delegate_id": delegate.id}, headers={"X-CSRFToken": csrf})
    assert accepted.status_code == 200 and accepted.json["status"] == "ok"
    # A Bearer token is not a cookie another site could ride on: no CSRF token needed.
    bearer = csrf_app.test_client().post(url, json={"delegate_id": delegate.id},
                                         headers={"Authorization": f"Bearer {token}"})
    assert bearer.status_code == 200 and bearer.json["status"] == "already_checked_in"
