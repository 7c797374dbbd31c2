"""The app factory, the database settings and what every page shares."""

from sqlalchemy import inspect, text

from kiosk.extensions import db
from kiosk.migrate import current_revision, head_revision
from tests.factories import login, make_event, make_user


def test_schema_is_at_head_after_start(app):
    with app.app_context():
        assert current_revision() == head_revision()
        tables = set(inspect(db.engine).get_table_names())
    assert {"events", "users", "api_tokens", "event_links", "delegates", "programme_items",
            "award_decisions", "award_recipients", "gift_packages", "gift_recipients", "opinions"} <= tables


def test_sqlite_is_durable_and_checks_foreign_keys(sqlite_url, tmp_path):
    from tests.conftest import make_test_app

    app = make_test_app(sqlite_url, tmp_path)
    with app.app_context():
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        db.engine.dispose()


def test_default_database_is_a_file_in_the_instance_folder(tmp_path, monkeypatch):
    from kiosk import create_app

    monkeypatch.delenv("KIOSK_DATABASE_URL", raising=False)
    monkeypatch.setenv("KIOSK_INSTANCE_PATH", str(tmp_path / "venue"))
    app = create_app()
    with app.app_context():
        assert (tmp_path / "venue" / "kiosk.sqlite3").exists()
        assert (tmp_path / "venue" / "secret_key").exists()
        db.engine.dispose()


def test_foreign_key_violation_is_refused(app):
    from sqlalchemy.exc import IntegrityError

    import pytest

    with app.app_context(), pytest.raises(IntegrityError):
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO programme_items (event_id, position, title, kind, optional, speaker, planned_seconds,"
                " script, cues, notes, status) VALUES (99999, 1, 'x', 'other', false, '', 60, '', '[]', '', 'pending')"
            ))


def test_unknown_event_is_a_vietnamese_404(client):
    response = client.get("/e/khong-co/")
    assert response.status_code == 404
    assert "Không tìm thấy trang hoặc sự kiện này." in response.get_data(as_text=True)


def test_unknown_event_in_the_api_is_json_404(client):
    response = client.get("/api/v1/events/khong-co/dashboard")
    assert response.status_code == 404
    assert response.json["error"] == "not_found"


def test_vietnamese_first_with_english_switch(client):
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="vi">' in page and "Mật khẩu" in page
    english = client.get("/login?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and "Password" in english
    # The choice sticks for the rest of the visit.
    assert "Password" in client.get("/login").get_data(as_text=True)


def test_pages_load_nothing_from_outside(app, client):
    with app.app_context():
        event = make_event()
        organizer = make_user("organizer")
    login(client, organizer)
    for path in ("/", f"/e/{event.slug}/", f"/e/{event.slug}/screen", f"/e/{event.slug}/mc", "/login"):
        page = client.get(path).get_data(as_text=True)
        assert "http://" not in page and "https://" not in page, path


def test_every_message_has_an_english_translation():
    """Vietnamese is the source; English must not silently fall back to it."""
    from pathlib import Path

    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    root = Path(__file__).resolve().parent.parent
    keywords = {"_": None, "gettext": None, "_l": None, "N_": None}
    found = set()
    for folder, method in (("kiosk", "python"), ("templates", "jinja2")):
        pattern = "**.py" if method == "python" else "**.html"
        for _, _, message, _, _ in extract_from_dir(root / folder, [(pattern, method)], keywords=keywords):
            found.add(message)
    with (root / "kiosk/translations/en/LC_MESSAGES/messages.po").open("rb") as po:
        translated = {m.id for m in read_po(po) if m.id and m.string}
    assert len(found) > 80  # the extraction really read the sources
    assert found - translated == set()
