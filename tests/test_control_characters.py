"""No stored text can make an export fail: a bell, an escape or a backspace
typed into any field (a citizen's anonymous opinion, a delegate's name in an
office's CSV, a gift recipient, an activity...) is left out when it comes in,
every workbook writer leaves out what an older version stored, and text that
begins like a formula (=, +, -, @) stays text in Excel, also when a person
edits the cell. A JSON field that should be text and is not (an object, a
list, a number) is refused with 400 and a Vietnamese message, never stored as
Python's rendering of it."""

from __future__ import annotations

import csv
import io
import uuid
import xml.etree.ElementTree as ElementTree
import zipfile

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import text as sql

from kiosk.cli import main
from kiosk.delegates import importer as delegate_importer
from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.transactions import writing
from tests.factories import bearer, fill_event, login, make_event, make_user

CONTROLS = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, *range(0x80, 0xA0))]
EXPORTS = ("/e/{slug}/report.xlsx", "/e/{slug}/forum/opinions.xlsx", "/e/{slug}/delegates/export.xlsx",
           "/e/{slug}/gifts/receipts.xlsx")

hostile = st.text(alphabet=st.sampled_from(CONTROLS) | st.sampled_from("=+-@\t\n ") | st.characters(
    codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)


def readable(data: bytes) -> list[str]:
    """Every text of a workbook, read by openpyxl and, as a stricter reader
    (LibreOffice refuses what XML 1.0 forbids), by a plain XML parser."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml"):
                ElementTree.fromstring(archive.read(name))  # raises on a control character
    book = load_workbook(io.BytesIO(data))
    return [str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
            if cell.value is not None]


def exports(app, slug: str) -> dict[str, bytes]:
    client = app.test_client()
    with app.app_context():
        login(client, make_user("admin"))
    found = {}
    for path in EXPORTS:
        response = client.get(path.format(slug=slug))
        assert response.status_code == 200, (path, response.status_code)
        found[path] = response.data
    return found


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=hostile)
def test_any_typed_text_leaves_every_export_readable(app, typed):
    slug = f"diem-{uuid.uuid4().hex[:8]}"
    value = f"{typed} Lê Văn Ánh"  # something visible remains whatever the rest is
    with app.app_context():
        event = make_event(slug)
        fill_event(event, text=lambda field: value)
        sheet = io.StringIO()
        csv.writer(sheet).writerows([["Họ và tên", "Chức vụ", "Đơn vị"], [value, "Trưởng thôn", value]])
        plan = delegate_importer.plan_import(event, sheet.getvalue().encode(), "danh-sach.csv")
        if "\x00" in value:  # a NUL byte makes it a binary file, refused as a whole with a clear message
            assert [p.message for p in plan.problems] == [
                "Tệp .csv không phải tệp văn bản: hãy xuất lại từ Excel kiểu CSV UTF-8."]
        else:
            assert plan.acceptable, plan.problems
            delegate_importer.apply_import(event, plan)
        stored = db.session.execute(sql("SELECT full_name FROM delegates")).scalars().all()
    assert not any(ch in name for name in stored for ch in CONTROLS)
    for path, data in exports(app, slug).items():
        texts = readable(data)
        assert any("Lê Văn Ánh" in t for t in texts), path


def test_what_an_older_version_stored_still_exports(app):
    """Rows written before the inputs were cleaned, straight into the database."""
    with app.app_context():
        event = make_event("cam-tan")
        fill_event(event)
        with writing():
            for table, column in (("delegates", "full_name"), ("opinions", "text"), ("gift_recipients", "name"),
                                  ("festival_activities", "name"), ("audit_entries", "subject")):
                db.session.execute(sql(f"UPDATE {table} SET {column} = :value"),
                                   {"value": "Chuông\x07 thoát\x1b lùi\x08 =cmd|' /C calc'!A0"})
    for path, data in exports(app, "cam-tan").items():
        texts = readable(data)
        assert any("Chuông thoát lùi" in t for t in texts), path


def test_formula_like_text_stays_text_when_edited(app):
    with app.app_context():
        event = make_event("cam-tan")
        fill_event(event, text=lambda field: "=HYPERLINK(\"http://x\")")
        with writing():
            db.session.execute(sql("UPDATE delegates SET organization = '+84 912 345 678'"))
            db.session.execute(sql("UPDATE delegates SET notes = '@SUM(A1)'"))
    for path, data in exports(app, "cam-tan").items():
        book = load_workbook(io.BytesIO(data))
        cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row
                 if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@"))]
        assert cells, path
        for cell in cells:
            assert cell.data_type == "s" and cell.quotePrefix, (path, cell.coordinate, cell.value)


def test_the_report_command_writes_a_readable_workbook(app, database_url, tmp_path, monkeypatch):
    with app.app_context():
        event = make_event("cam-tan")
        fill_event(event, text=lambda field: "Tên\x07\x1b của ta")
    monkeypatch.setenv("KIOSK_INSTANCE_PATH", str(tmp_path / "cli"))
    monkeypatch.setenv("KIOSK_DATABASE_URL", database_url)
    output = tmp_path / "bao-cao.xlsx"
    result = CliRunner().invoke(main, ["report", "--event", "cam-tan", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert any("Tên của ta" in t for t in readable(output.read_bytes()))


# ---------------------------------------------------------------- text fields take text

NOT_TEXT = [{"a": 1}, ["x"], 5, True]


@pytest.fixture
def venue(app):
    with app.app_context():
        event = make_event("cam-tan")
        ids = fill_event(event)
        return {"auth": bearer(), "ids": ids, "slug": event.slug}


def requests_with(venue, value):
    ids = venue["ids"]
    return [
        ("POST", "/checkins", {"delegate_id": ids["delegate_id"], "stand_in": value}),
        ("POST", "/checkins", {"delegate_id": ids["delegate_id"], "device": value}),
        ("POST", "/walk-ins", {"full_name": value}),
        ("POST", "/delegates", {"full_name": "Lê Văn Ánh", "position": value}),
        ("POST", "/gift-recipients", {"name": value}),
        ("POST", "/activities", {"name": value}),
        ("POST", "/mc-messages", {"text": value}),
        ("PUT", "/screen", {"message": value}),
        ("POST", "/programme/items", {"title": value}),
        ("PATCH", f"/opinions/{ids['opinion_id']}", {"text": value}),
        ("POST", f"/awards/{ids['award_recipient_id']}/handout", {"outcome": "stand_in", "stand_in_name": value}),
    ]


@pytest.mark.parametrize("value", NOT_TEXT, ids=["object", "list", "number", "boolean"])
def test_a_text_field_refuses_what_is_not_text(app, client, venue, value):
    for method, path, body in requests_with(venue, value):
        response = client.open(f"/api/v1/events/cam-tan{path}", method=method, json=body, headers=venue["auth"])
        assert response.status_code == 400, (path, body, response.get_json())
        assert "phải là một đoạn chữ" in response.get_json()["message"], (path, response.get_json())
    opinion = client.post("/api/v1/events/cam-tan/opinions", json={"text": value}, headers={"X-Kiosk-Device": "p"})
    assert opinion.status_code == 400 and "phải là một đoạn chữ" in opinion.get_json()["message"]
    with app.app_context():
        names = db.session.execute(sql("SELECT subject, actor FROM audit_entries WHERE action = 'mc_message'"
                                       " ORDER BY id")).all()
        assert not any("{" in n or "[" in n for n in names)
        assert find_event("cam-tan") is not None


def test_the_last_guard_cleans_what_no_form_cleaned(app):
    """A text that reaches a row without kiosk.fields (an account's name as the
    MC message's author, a row made in code) is cleaned when it is stored,
    on every model: PostgreSQL refuses a NUL outright, a workbook any control."""
    from kiosk.programme import service as programme
    from kiosk.reports import audit

    with app.app_context():
        event = make_event()
        message = programme.send_mc_message(event, "Mời đại biểu ổn định chỗ ngồi", author="\x00Ban\x07 Tổ chức")
        with writing():
            audit.record(event, "programme", "mc_message", "Lê\x1b Văn Ánh", actor="\x00CLI")
        authors = db.session.execute(sql("SELECT author FROM mc_messages")).scalars().all()
        names = db.session.execute(sql("SELECT subject, actor FROM audit_entries WHERE action = 'mc_message'"
                                       " ORDER BY id")).all()
        assert message.author == "Ban Tổ chức"
    assert authors == ["Ban Tổ chức"]
    assert [tuple(row) for row in names] == [("Mời đại biểu ổn định chỗ ngồi", "Ban Tổ chức"), ("Lê Văn Ánh", "CLI")]
