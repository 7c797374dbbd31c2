"""Managing access without a database shell (issue #15): the service the CLI
and the admin's page share, the page itself, what each change stops at once,
the audit trail of every change, and a login that takes as long for an
unknown account as for a known one."""

from __future__ import annotations


import pytest
from sqlalchemy import select

from kiosk.auth import service as accounts
from kiosk.auth.models import ApiToken, EventLink, User
from kiosk.extensions import db
from kiosk.reports import audit
from kiosk.reports.models import AuditEntry
from kiosk.transactions import writing
from tests.factories import PASSWORD, login, make_event, make_user

NEW_PASSWORD = "mat-khau-moi-2024"


@pytest.fixture
def venue(app):
    with app.app_context():
        event = make_event("cam-tan")
        admin = make_user("admin", username="quan-tri")
        organizer = make_user("organizer", event=event, username="btc-cam-tan")
        token = accounts.issue_token(organizer, "Máy quét cổng 2")
        token_id = db.session.scalar(select(ApiToken.id).where(ApiToken.user_id == organizer.id))
        key = accounts.create_link(event, "screen", "TV hội trường")
        link_id = db.session.scalar(select(EventLink.id).where(EventLink.event_id == event.id))
    return {"event": event, "slug": event.slug, "admin": admin, "organizer": organizer, "token": token,
            "token_id": token_id, "key": key, "link_id": link_id}


def api(client, token: str | None = None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.get("/api/v1/events/cam-tan/dashboard", headers=headers)


def entries(**where) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.area == "accounts").order_by(AuditEntry.id)
    for name, value in where.items():
        query = query.where(getattr(AuditEntry, name) == value)
    return list(db.session.scalars(query))


def user(username: str) -> User:
    return db.session.scalar(select(User).where(User.username == username))


# ---------------------------------------------------------------- the service

def test_list_users_with_their_live_tokens_and_event(app, venue):
    with app.app_context():
        organizer = user("btc-cam-tan")
        accounts.issue_token(organizer, "hai")
        accounts.revoke_token(venue["token_id"])
        rows = {row.user.username: row for row in accounts.list_users()}
        assert list(rows) == ["btc-cam-tan", "quan-tri"]  # by name
        assert rows["btc-cam-tan"].tokens == 1 and rows["btc-cam-tan"].event.slug == "cam-tan"
        assert rows["quan-tri"].tokens == 0 and rows["quan-tri"].event is None
        assert rows["quan-tri"].user.last_login_at is None


def test_every_account_change_is_audited_with_who_what_and_to_whom(app, venue):
    with app.app_context():
        added = accounts.add_user("cong-1", PASSWORD, "desk", display_name="Cổng 1", actor="Quản trị (quan-tri)")
        accounts.set_password(added, NEW_PASSWORD, actor="Quản trị (quan-tri)")
        accounts.set_active(added, False, actor="CLI (root)")
        accounts.set_active(added, False, actor="CLI (root)")  # no change: nothing recorded
        accounts.set_active(added, True, actor="CLI (root)")
        accounts.issue_token(added, "Kịch bản in thẻ", actor="Quản trị (quan-tri)")
        token_id = db.session.scalar(select(ApiToken.id).where(ApiToken.user_id == added.id))
        accounts.revoke_token(token_id, actor="Quản trị (quan-tri)")
        accounts.revoke_token(token_id, actor="Quản trị (quan-tri)")  # already revoked: nothing recorded
        mine = [e for e in entries(event_id=None) if e.subject == "Cổng 1 (cong-1)"]
        assert [(e.action, e.actor) for e in mine] == [
            ("user_added", "Quản trị (quan-tri)"), ("password_reset", "Quản trị (quan-tri)"),
            ("user_disabled", "CLI (root)"), ("user_enabled", "CLI (root)"),
            ("token_issued", "Quản trị (quan-tri)"), ("token_revoked", "Quản trị (quan-tri)")]
        assert mine[0].details == {"vai trò": "Bàn tiếp đón / trao quà", "sự kiện": "mọi sự kiện"}
        assert mine[4].details == {"mã": f"#{token_id}", "ghi chú": "Kịch bản in thẻ"}
        # Never a password or a token in the trail.
        assert not any(NEW_PASSWORD in str(e.details) or PASSWORD in str(e.details) for e in entries())

        # A link belongs to its event: its entries are that event's.
        accounts.revoke_link(venue["link_id"], actor="CLI (root)")
        assert accounts.revoke_link(venue["link_id"], actor="CLI (root)").revoked_at is not None  # again: no entry
        links = entries(event_id=venue["event"].id)
        assert [(e.action, e.subject, e.actor) for e in links] == [("link_created", "TV hội trường", ""),
                                                                  ("link_revoked", "TV hội trường", "CLI (root)")]


def test_disabling_yourself_or_the_last_active_admin_is_refused(app, venue):
    with app.app_context():
        admin = user("quan-tri")
        with pytest.raises(accounts.AccountError, match="cuối cùng"):
            accounts.set_active(admin, False, actor="CLI (root)")
        second = accounts.add_user("quan-tri-2", PASSWORD, "admin")
        with pytest.raises(accounts.AccountError, match="chính|mình đang dùng"):
            accounts.set_active(admin, False, by=admin)
        accounts.set_active(admin, False, by=second)  # another admin is left
        assert not user("quan-tri").active
        with pytest.raises(accounts.AccountError, match="cuối cùng"):
            accounts.set_active(second, False)
        accounts.set_active(admin, True)
        accounts.set_active(second, False)  # an organizer is never "the last admin"
        accounts.set_active(user("btc-cam-tan"), False)
        assert [e.action for e in entries(event_id=None) if e.subject == "quan-tri"] == [
            "user_added", "user_disabled", "user_enabled"]


def test_tokens_are_listed_without_their_secret(app, venue):
    with app.app_context():
        accounts.issue_token(user("quan-tri"), "Của quản trị")
        accounts.revoke_token(venue["token_id"])
        listed = accounts.list_tokens()
        assert [(t.user.username, t.label, t.revoked_at is not None) for t in listed] == [
            ("quan-tri", "Của quản trị", False), ("btc-cam-tan", "Máy quét cổng 2", True)]  # live ones first
        assert [t.label for t in accounts.list_tokens(user("btc-cam-tan"))] == ["Máy quét cổng 2"]
        assert accounts.revoke_token(999999) is None


def test_links_of_an_event_and_revoking_one(app, venue):
    with app.app_context():
        event = venue["event"]
        accounts.create_link(event, "mc", "Máy tính bảng MC")
        other = make_event("eo-le")
        accounts.create_link(other, "screen")
        assert [(link.role, link.label) for link in accounts.links_of(event)] == [
            ("mc", "Máy tính bảng MC"), ("screen", "TV hội trường")]
        revoked = accounts.revoke_link(venue["link_id"])
        assert revoked.revoked_at is not None
        assert [link.label for link in accounts.links_of(event)] == ["Máy tính bảng MC", "TV hội trường"]
        assert accounts.revoke_link(999999) is None
        with pytest.raises(accounts.AccountError):
            accounts.create_link(event, "admin")
    assert app.test_client().get(f"/e/cam-tan/link/{venue['key']}").status_code == 404


# ---------------------------------------------------------------- login takes as long either way

def test_the_password_hash_is_checked_for_unknown_and_disabled_accounts_too(app, venue, monkeypatch):
    checked = []
    real = accounts.check_password_hash

    def spy(pwhash, password):
        checked.append(pwhash.split("$", 1)[0])
        return real(pwhash, password)

    monkeypatch.setattr(accounts, "check_password_hash", spy)
    with app.app_context():
        accounts.set_active(user("btc-cam-tan"), False)
        method = user("quan-tri").password_hash.split("$", 1)[0]
        assert accounts.authenticate("khong-co-ai", PASSWORD) is None
        assert accounts.authenticate("btc-cam-tan", PASSWORD) is None  # the right password, a disabled account
        assert accounts.authenticate("quan-tri", "sai-mat-khau") is None
        assert accounts.authenticate("quan-tri", PASSWORD).username == "quan-tri"
    assert checked == [method] * 4  # the same method each time (the configured one)


def test_login_checks_one_hash_of_the_same_cost_whoever_is_asked(app, monkeypatch):
    """An unknown or disabled account costs what a known one costs: exactly one
    password-hash check with the same method and parameters (it was 5 ms
    against 156 ms). The times themselves: bench/login.py."""
    checked = []
    real_check = accounts.check_password_hash

    def counting(pwhash: str, password: str) -> bool:
        checked.append(pwhash.split("$", 1)[0])  # "pbkdf2:sha256:1000": the method and its cost
        return real_check(pwhash, password)

    monkeypatch.setattr(accounts, "check_password_hash", counting)
    with app.app_context():
        make_user("organizer", username="btc")
        closed = make_user("organizer", username="da-khoa")
        with writing():
            db.session.get(User, closed.id).active = False
        costs = {}
        for username in ("btc", "khong-co-ai", "da-khoa"):
            checked.clear()
            assert accounts.authenticate(username, "sai-mat-khau") is None
            costs[username] = list(checked)
    assert costs["btc"] == costs["khong-co-ai"] == costs["da-khoa"] == ["pbkdf2:sha256:1000"]


def test_logging_in_notes_when(app, client, venue):
    login(client, venue["admin"])
    with app.app_context():
        assert user("quan-tri").last_login_at is not None
        assert user("btc-cam-tan").last_login_at is None


# ---------------------------------------------------------------- the admin's page

def admin_client(app, venue):
    client = app.test_client()
    login(client, venue["admin"])
    return client


@pytest.mark.parametrize("role", ["organizer", "desk", "mc", "screen"])
def test_only_the_admin_opens_the_page_or_changes_anything(app, venue, role):
    client = app.test_client()
    with app.app_context():
        login(client, make_user(role, event=venue["event"] if role != "organizer" else None))
        recorded = len(entries())
    organizer_id = venue["organizer"].id
    for method, url, data in [
            ("GET", "/admin/access/", None), ("GET", "/admin/access/log.xlsx", None),
            ("POST", "/admin/access/users", {"username": "x", "password": PASSWORD, "password_again": PASSWORD,
                                             "role": "admin"}),
            ("POST", f"/admin/access/users/{organizer_id}/active", {"active": "0"}),
            ("POST", f"/admin/access/users/{organizer_id}/password",
             {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}),
            ("POST", "/admin/access/tokens", {"user": str(organizer_id)}),
            ("POST", f"/admin/access/tokens/{venue['token_id']}/revoke", {}),
            ("POST", "/admin/access/links", {"event": str(venue["event"].id), "role": "screen"}),
            ("POST", f"/admin/access/links/{venue['link_id']}/revoke", {})]:
        assert client.open(url, method=method, data=data).status_code == 403, url
    assert "/admin/access/" not in client.get("/").get_data(as_text=True)  # not in the navigation either
    anonymous = app.test_client().get("/admin/access/")
    assert anonymous.status_code == 302 and "/login" in anonymous.headers["Location"]
    with app.app_context():
        assert user("btc-cam-tan").active and user("x") is None
        assert len(entries()) == recorded  # nothing changed, nothing recorded


def test_the_page_lists_accounts_tokens_links_and_tablets(app, venue):
    with app.app_context():
        accounts.start_pairing(venue["event"], "Cổng 1", "checkin")
    client = admin_client(app, venue)
    assert 'href="/admin/access/"' in client.get("/").get_data(as_text=True)  # the admin's navigation
    page = client.get("/admin/access/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for text in ("btc-cam-tan", "quan-tri", "Máy quét cổng 2", "TV hội trường", "/e/cam-tan/devices",
                 "Thêm tài khoản", "Tạo mã API", "Tạo đường dẫn", 'name="csrf_token"', "data-confirm"):
        assert text in html, text
    with app.app_context():
        token_hash = db.session.get(ApiToken, venue["token_id"]).token_hash
    assert venue["token"] not in html and token_hash not in html and venue["key"] not in html


def test_adding_an_account_on_the_page(app, venue):
    client = admin_client(app, venue)
    form = {"username": "cong-1", "display_name": "Cổng 1", "role": "desk", "event": str(venue["event"].id),
            "password": PASSWORD, "password_again": "khac-mat-khau"}
    refused = client.post("/admin/access/users", data=form)
    assert refused.status_code == 400 and "không giống nhau" in refused.get_data(as_text=True)
    assert 'value="cong-1"' in refused.get_data(as_text=True)  # what was typed is kept
    short = client.post("/admin/access/users", data={**form, "password": "ngan", "password_again": "ngan"})
    assert short.status_code == 400 and "ít nhất 8 ký tự" in short.get_data(as_text=True)
    added = client.post("/admin/access/users", data={**form, "password_again": PASSWORD})
    assert added.status_code == 302
    again = client.post("/admin/access/users", data={**form, "password_again": PASSWORD})
    assert again.status_code == 400 and "đã có" in again.get_data(as_text=True)
    with app.app_context():
        made = user("cong-1")
        assert (made.role, made.event_id, made.display_name) == ("desk", venue["event"].id, "Cổng 1")
        (entry,) = [e for e in entries() if e.action == "user_added" and "cong-1" in e.subject]
        assert entry.actor == "quan-tri" and entry.event_id is None
    assert app.test_client().post("/login", data={"username": "cong-1", "password": PASSWORD}).status_code == 302


def test_disabling_on_the_page_stops_the_accounts_token_and_enabling_restores_it(app, venue):
    client = admin_client(app, venue)
    organizer_id = venue["organizer"].id
    assert api(app.test_client(), venue["token"]).status_code == 200
    assert client.post(f"/admin/access/users/{organizer_id}/active", data={"active": "0"}).status_code == 302
    assert api(app.test_client(), venue["token"]).status_code == 401
    assert "Đã khóa" in client.get("/admin/access/").get_data(as_text=True)
    assert client.post(f"/admin/access/users/{organizer_id}/active", data={"active": "1"}).status_code == 302
    assert api(app.test_client(), venue["token"]).status_code == 200
    # The admin cannot lock themself out.
    me = venue["admin"].id
    refused = client.post(f"/admin/access/users/{me}/active", data={"active": "0"}, follow_redirects=True)
    assert "Không thể tự khóa" in refused.get_data(as_text=True)
    assert client.post("/admin/access/users/999999/active", data={"active": "0"}).status_code == 404
    with app.app_context():
        assert user("quan-tri").active
        assert [e.action for e in entries() if "btc-cam-tan" in e.subject][-2:] == ["user_disabled", "user_enabled"]


def test_a_password_reset_on_the_page_sends_the_old_session_to_login(app, venue):
    tablet = app.test_client()
    login(tablet, venue["organizer"])
    assert tablet.get("/e/cam-tan/").status_code == 200
    client = admin_client(app, venue)
    url = f"/admin/access/users/{venue['organizer'].id}/password"
    mismatch = client.post(url, data={"password": NEW_PASSWORD, "password_again": "khac"}, follow_redirects=True)
    assert "không giống nhau" in mismatch.get_data(as_text=True)
    assert tablet.get("/e/cam-tan/").status_code == 200  # nothing changed yet
    assert client.post(url, data={"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}).status_code == 302
    page = tablet.get("/e/cam-tan/")
    assert page.status_code == 302 and "/login" in page.headers["Location"]
    fresh = app.test_client()
    assert fresh.post("/login", data={"username": "btc-cam-tan", "password": PASSWORD}).status_code == 401
    assert fresh.post("/login", data={"username": "btc-cam-tan", "password": NEW_PASSWORD}).status_code == 302
    with app.app_context():
        (entry,) = [e for e in entries() if e.action == "password_reset"]
        assert entry.subject == "btc-cam-tan" and entry.actor == "quan-tri"


def test_the_admin_resetting_their_own_password_stays_signed_in_here_only(app, venue):
    laptop = admin_client(app, venue)
    client = admin_client(app, venue)
    url = f"/admin/access/users/{venue['admin'].id}/password"
    assert client.post(url, data={"password": NEW_PASSWORD, "password_again": NEW_PASSWORD}).status_code == 302
    assert client.get("/admin/access/").status_code == 200
    assert "/login" in laptop.get("/admin/access/").headers["Location"]


def test_a_token_made_on_the_page_is_shown_once_works_and_revoked_answers_401(app, venue):
    client = admin_client(app, venue)
    made = client.post("/admin/access/tokens", data={"user": str(venue["organizer"].id), "label": "Ứng dụng thử"})
    assert made.status_code == 200 and made.headers["Cache-Control"] == "no-store"
    html = made.get_data(as_text=True)
    token = html.split('id="new-token-value" class="secret" readonly autofocus value="', 1)[1].split('"', 1)[0]
    assert len(token) > 30 and "data-copy" in html
    assert api(app.test_client(), token).status_code == 200
    assert token not in client.get("/admin/access/").get_data(as_text=True)  # once
    with app.app_context():
        token_id = max(t.id for t in accounts.list_tokens())
    assert client.post(f"/admin/access/tokens/{token_id}/revoke").status_code == 302
    assert api(app.test_client(), token).status_code == 401
    assert api(app.test_client(), venue["token"]).status_code == 200  # the other one stays
    assert client.post("/admin/access/tokens/999999/revoke").status_code == 404
    nobody = client.post("/admin/access/tokens", data={"user": "abc"}, follow_redirects=True)
    assert "Chọn tài khoản" in nobody.get_data(as_text=True)
    with app.app_context():
        assert [e.action for e in entries() if e.details.get("mã") == f"#{token_id}"] == ["token_issued",
                                                                                          "token_revoked"]


def test_a_link_made_on_the_page_opens_the_screen_until_revoked(app, venue):
    client = admin_client(app, venue)
    made = client.post("/admin/access/links", data={"event": str(venue["event"].id), "role": "mc",
                                                    "label": "Máy tính bảng MC"})
    assert made.status_code == 200 and made.headers["Cache-Control"] == "no-store"
    html = made.get_data(as_text=True)
    url = html.split('id="new-link-value" class="secret" readonly autofocus value="', 1)[1].split('"', 1)[0]
    assert "/e/cam-tan/link/" in url and "<svg" in html
    mc = app.test_client()
    path = url.split("localhost", 1)[1]
    assert mc.get(path).status_code == 302 and mc.get("/e/cam-tan/mc").status_code == 200
    with app.app_context():
        link_id = max(link.id for link in accounts.links_of(venue["event"]))
    assert client.post(f"/admin/access/links/{link_id}/revoke").status_code == 302
    assert mc.get("/e/cam-tan/mc").status_code in (302, 401)
    assert app.test_client().get(path).status_code == 404
    bad = client.post("/admin/access/links", data={"event": str(venue["event"].id), "role": "admin"},
                      follow_redirects=True)
    assert "màn hình hoặc người dẫn chương trình" in bad.get_data(as_text=True)
    with app.app_context():
        assert [(e.action, e.actor) for e in entries(event_id=venue["event"].id)][-2:] == [
            ("link_created", "quan-tri"), ("link_revoked", "quan-tri")]


# ---------------------------------------------------------------- the audit trail shows them

def test_installation_wide_changes_show_to_the_admin_only(app, venue):
    with app.app_context():
        accounts.set_password(user("btc-cam-tan"), NEW_PASSWORD, actor="Quản trị (quan-tri)")
        event = venue["event"]
        assert "Đặt lại mật khẩu" in {c.row(event)["action"] for c in audit.trail(event, installation=True)}
        assert "Đặt lại mật khẩu" not in {c.row(event)["action"] for c in audit.trail(event)}
        assert {c.row(event)["action"] for c in audit.trail(event)} >= {"Tạo đường dẫn"}  # the event's own
        other = make_event("eo-le")
        assert all(c.area == "accounts" for c in audit.trail(other, installation=True))
        organizer = make_user("organizer", event=event)
    admin = admin_client(app, venue)
    assert "Đặt lại mật khẩu" in admin.get("/e/cam-tan/audit").get_data(as_text=True)
    assert "Đặt lại mật khẩu" in admin.get("/e/cam-tan/audit?area=accounts").get_data(as_text=True)
    rows = admin.get("/api/v1/events/cam-tan/audit?area=accounts").get_json()["changes"]
    assert {"Đặt lại mật khẩu", "Tạo đường dẫn"} <= {r["action"] for r in rows}
    team = app.test_client()
    login(team, organizer)
    page = team.get("/e/cam-tan/audit").get_data(as_text=True)
    assert "Đặt lại mật khẩu" not in page and "Tạo đường dẫn" in page
    # The access page's log and its workbook have them all, with the event of each link.
    html = admin.get("/admin/access/").get_data(as_text=True)
    assert "Đặt lại mật khẩu" in html and "Quản trị (quan-tri)" in html
    workbook = admin.get("/admin/access/log.xlsx")
    assert workbook.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(workbook.data)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:4] == ["Ngày", "Giờ", "Thao tác", "Đối tượng"]
    assert any(row[2] == "Đặt lại mật khẩu" and row[3] == "btc-cam-tan" for row in values)
    assert any(row[2] == "Tạo đường dẫn" and row[4] == venue["event"].place for row in values)
