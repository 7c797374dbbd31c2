"""Forms need their CSRF token, cookies carry the right flags (Secure over
https), and a password cannot be guessed by trying: failed logins are limited
per account and address."""

from __future__ import annotations

import re
import time

import pytest

from kiosk.events.models import Event
from kiosk.extensions import db
from tests.conftest import make_test_app
from tests.factories import PASSWORD, fill_event, login, make_event, make_user

CSRF_MESSAGE = "Phiên làm việc đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang."
TOO_MANY = re.compile(r"Đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau (\d+) giây\.")


def dispose(app):
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()


@pytest.fixture
def csrf_app(database_url, tmp_path):
    """CSRF on, as in production (the shared test config turns it off)."""
    app = make_test_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    yield app
    dispose(app)


def page_token(client, path="/login") -> str:
    return re.search(r'name="csrf-token" content="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


# ---------------------------------------------------------------- CSRF

def test_every_form_post_without_the_token_is_refused(csrf_app):
    """Every page route that changes something (not the JSON API, checked below),
    posted by a signed-in admin's browser without the form's token: 400 with a
    clear message, and nothing written."""
    with csrf_app.app_context():
        event = make_event("cam-tan")
        ids = fill_event(event)
        admin = make_user("admin")
        events_before = db.session.scalar(db.select(db.func.count()).select_from(Event))
    client = csrf_app.test_client()
    client.post("/login", data={"username": admin.username, "password": PASSWORD,
                                "csrf_token": page_token(client)})
    assert client.get("/e/cam-tan/").status_code == 200
    posted = []
    for rule in csrf_app.url_map.iter_rules():
        if rule.rule.startswith("/api/"):
            continue
        for method in sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"}):
            values = {a: "cam-tan" if a == "slug" else ids.get(a, 1) if a.endswith("_id") else "0" * 32
                      for a in rule.arguments}
            url = rule.build(values)[1]
            form = {"slug": "khac", "organizing_body": "Ban Chỉ đạo", "place": "Thôn Mới", "event_date": "2024-08-15",
                    "username": admin.username, "password": PASSWORD, "text": "Ý kiến", "topic": "other"}
            response = client.open(url, method=method, data=form)
            assert response.status_code == 400, f"{method} {url}: {response.status_code}"
            assert CSRF_MESSAGE in response.get_data(as_text=True), url
            posted.append(url)
    assert "/events" in posted and "/logout" in posted and "/e/cam-tan/delegates/import" in posted
    assert "/e/cam-tan/y-kien" in posted  # the citizens' forms too
    assert client.get("/e/cam-tan/").status_code == 200  # still signed in: /logout without the token did nothing
    with csrf_app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Event)) == events_before


def test_a_form_post_with_the_token_goes_through(csrf_app):
    with csrf_app.app_context():
        admin = make_user("admin")
    client = csrf_app.test_client()
    client.post("/login", data={"username": admin.username, "password": PASSWORD, "csrf_token": page_token(client)})
    created = client.post("/events", data={"slug": "moi", "organizing_body": "Ban Chỉ đạo ANTT xã", "place": "Thôn Mới",
                                           "event_date": "2024-08-15", "csrf_token": page_token(client, "/")})
    assert created.status_code == 302 and created.headers["Location"].endswith("/e/moi/")


def test_api_calls_with_the_session_cookie_need_the_token(csrf_app):
    """Every /api/v1 call that changes something, made with the browser's cookie
    and no X-CSRFToken: refused, whatever the route (public routes excepted: no session to ride on)."""
    with csrf_app.app_context():
        event = make_event("cam-tan")
        ids = fill_event(event)
        admin = make_user("admin")
    client = csrf_app.test_client()
    client.post("/login", data={"username": admin.username, "password": PASSWORD, "csrf_token": page_token(client)})
    checked = 0
    for rule in csrf_app.url_map.iter_rules():
        view = csrf_app.view_functions[rule.endpoint]
        if not rule.rule.startswith("/api/") or getattr(view, "public", False):
            continue
        for method in sorted(rule.methods & {"POST", "PUT", "PATCH", "DELETE"}):
            values = {a: "cam-tan" if a == "slug" else ids.get(a, ids["gift_recipient_id"]) for a in rule.arguments}
            response = client.open(rule.build(values)[1], method=method, json={})
            assert response.status_code == 400 and response.json["error"] == "csrf_failed", rule.rule
            checked += 1
    assert checked > 40


def test_a_made_up_bearer_header_does_not_skip_the_csrf_check(csrf_app):
    """Another site can add `Authorization: Bearer garbage` beside the victim's
    cookie (Flask-Login then signs in by the cookie and never reads the header):
    still refused without the CSRF token. A valid token needs none."""
    from kiosk.auth import service as accounts
    from tests.factories import make_delegates

    with csrf_app.app_context():
        event = make_event("cam-tan")
        delegate = make_delegates(event, ["Trần Thị Bình"])[0]
        organizer = make_user("organizer", event=event)
        token = accounts.issue_token(make_user("organizer", event=event))
    client = csrf_app.test_client()
    client.post("/login", data={"username": organizer.username, "password": PASSWORD,
                                "csrf_token": page_token(client)})
    url = "/api/v1/events/cam-tan/checkins"
    for header in ("Bearer garbage", "bearer garbage", "Bearer "):
        forged = client.post(url, json={"delegate_id": delegate.id}, headers={"Authorization": header})
        assert forged.status_code == 400 and forged.json["error"] == "csrf_failed", header
    accepted = client.post(url, json={"delegate_id": delegate.id}, headers={"Authorization": f"Bearer {token}"})
    assert accepted.status_code == 200 and accepted.json["status"] == "ok"


# ---------------------------------------------------------------- cookies

def cookies_set(response) -> dict[str, str]:
    return {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}


def flags(header: str) -> set[str]:
    return {part.strip().lower() for part in header.split(";")[1:]}


def test_cookies_are_httponly_and_samesite_lax(app, client):
    with app.app_context():
        user = make_user("organizer")
    cookies = cookies_set(login(client, user))
    assert {"session", "remember_token"} <= set(cookies)
    for name in ("session", "remember_token"):
        assert {"httponly", "samesite=lax"} <= flags(cookies[name]), cookies[name]
        assert "secure" not in flags(cookies[name])  # plain http on the LAN: a Secure cookie would never come back
    with app.app_context():
        make_event("cam-tan")
    device = cookies_set(app.test_client().get("/e/cam-tan/y-kien"))["kiosk_device"]
    assert {"httponly", "samesite=lax"} <= flags(device) and "secure" not in flags(device)


def test_over_https_every_cookie_is_secure(database_url, tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_HTTPS", "1")  # what `kiosk serve --https` sets before create_app
    app = make_test_app(database_url, tmp_path)
    try:
        assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
        with app.app_context():
            user = make_user("organizer")
            make_event("cam-tan")
        client = app.test_client()
        https = "https://localhost"
        cookies = cookies_set(client.post("/login", data={"username": user.username, "password": PASSWORD},
                                          base_url=https))
        for name in ("session", "remember_token"):
            assert {"secure", "httponly", "samesite=lax"} <= flags(cookies[name]), cookies[name]
        device = cookies_set(client.get("/e/cam-tan/y-kien", base_url=https))["kiosk_device"]
        assert {"secure", "httponly", "samesite=lax"} <= flags(device)
    finally:
        dispose(app)


@pytest.mark.parametrize("value", ["0", ""])
def test_https_off_unless_asked(monkeypatch, tmp_path, value):
    from kiosk.config import settings_from_environment

    monkeypatch.setenv("KIOSK_HTTPS", value)
    settings = settings_from_environment(tmp_path)
    assert settings["SESSION_COOKIE_SECURE"] is False and settings["REMEMBER_COOKIE_SECURE"] is False


# ---------------------------------------------------------------- failed logins

def attempt(client, username, password, address="10.0.0.5"):
    return client.post("/login", data={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_ten_failed_logins_then_a_clear_429(app, client):
    with app.app_context():
        user = make_user("organizer")
        colleague = make_user("desk")
    for _ in range(10):
        assert attempt(client, user.username, "sai-mat-khau").status_code == 401
    refused = attempt(client, user.username, PASSWORD)  # even the right password waits now
    assert refused.status_code == 429
    waited = TOO_MANY.search(refused.get_data(as_text=True))
    assert waited and 1 <= int(waited.group(1)) <= 60
    assert refused.headers["Retry-After"] == waited.group(1)
    # A colleague's tablet on the same venue Wi-Fi is not locked out by those typos...
    assert attempt(app.test_client(), colleague.username, PASSWORD).status_code == 302
    # ... nor the same account from another address.
    assert attempt(app.test_client(), user.username, PASSWORD, address="10.0.0.6").status_code == 302
    # The name is counted as typed, whatever the case and spaces.
    assert attempt(client, f"  {user.username.upper()} ", PASSWORD).status_code == 429


def test_successful_logins_are_never_counted(app):
    with app.app_context():
        user = make_user("mc")
    for _ in range(15):  # many tablets signing in with one shared account behind one address
        assert attempt(app.test_client(), user.username, PASSWORD).status_code == 302


def test_the_wait_ends(database_url, tmp_path):
    app = make_test_app(database_url, tmp_path, KIOSK_LOGIN_ATTEMPTS="2 per 2 seconds")
    try:
        with app.app_context():
            user = make_user("organizer")
        client = app.test_client()
        for _ in range(2):
            assert attempt(client, user.username, "sai").status_code == 401
        assert attempt(client, user.username, PASSWORD).status_code == 429
        time.sleep(2.2)
        assert attempt(client, user.username, PASSWORD).status_code == 302
    finally:
        dispose(app)


def test_two_processes_share_the_count(database_url, tmp_path):
    """Two apps (two server processes) over one database: failures on either count together."""
    first = make_test_app(database_url, tmp_path / "a")
    with first.app_context():
        user = make_user("organizer")
    second = make_test_app(database_url, tmp_path / "b")
    try:
        for n in range(10):
            assert attempt((first if n % 2 else second).test_client(), user.username, "sai").status_code == 401
        assert attempt(first.test_client(), user.username, PASSWORD).status_code == 429
        assert attempt(second.test_client(), user.username, PASSWORD).status_code == 429
    finally:
        dispose(first)
        dispose(second)
