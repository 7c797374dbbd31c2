"""Whatever an organizer types (or an office's spreadsheet brings) is shown as
typed and never runs: markup, script, a template expression, right-to-left and
zero-width characters, in every free-text field, on every page that shows it,
in the live state the pages' scripts render (with textContent; see
static/js/live.js), in the printed PDFs and in the exported workbooks (where a
leading "=" must stay text, not become a formula)."""

from __future__ import annotations

import io
import json
import re

import pytest
from markupsafe import escape
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.factories import fill_event, login, make_event, make_user

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{7*7}}\u202eRTL\u200b'
RAW = ("<script>alert(1)", "<img src=x")  # what must never reach a page as markup

EVENT_FIELDS = ("event.organizing_body", "event.place", "event.title", "event.slogan")
# The live state (JSON in the page, then Socket.IO) a staff page renders with textContent.
STAFF_STATE = {"item.title", "item.speaker", "item.script", "item.cue", "item.notes", "mc_message",
               "mc_message.author", "screen_message", "activity.name", "activity.place", "activity.count_label",
               "delegate.full_name", "delegate.position", "delegate.organization", "checkin.stand_in",
               "award_form.name", "decision.number", "decision.authority", "award.collective",
               "award.representative", "award.organization", "award.achievement", "award.individual",
               "award.job_title", "batch.presenter", "package.name", "survey.question", "opinion.text",
               "opinion.author", "event.organizing_body", "event.title", "event.slogan"}
SCREEN_STATE = {"event.organizing_body", "item.title", "item.speaker", "screen_message", "activity.name",
                "activity.place"}

# Server-rendered pages and the fields each shows as HTML text; `state`: the fields its live state carries.
PAGES = {
    "/": {"html": {"event.organizing_body", "event.place", "event.title"}},
    "/overview": {"html": {"event.place"}},
    "/e/cam-tan/": {"html": {"event.organizing_body", "event.place", "event.title"}, "state": STAFF_STATE},
    "/e/cam-tan/screen": {"html": {"event.place", "event.title", "event.slogan"}, "state": SCREEN_STATE},
    "/e/cam-tan/mc": {"html": {"event.place"}, "state": STAFF_STATE},
    "/e/cam-tan/programme": {"html": {"event.place"}, "state": STAFF_STATE},
    "/e/cam-tan/delegates": {"html": {"delegate.full_name", "delegate.position", "delegate.organization",
                                      "guest.full_name", "guest.position", "guest.organization", "checkin.device",
                                      "checkin.stand_in"}},
    "/e/cam-tan/checkin": {"html": {"event.place"}},
    "/e/cam-tan/awards": {"html": {"award_form.name", "decision.number", "decision.authority", "award.collective",
                                   "award.representative", "award.organization", "award.individual",
                                   "award.job_title", "batch.presenter", "delegate.full_name"}},
    "/e/cam-tan/awards/stage": {"html": {"event.place"}, "state": STAFF_STATE},
    "/e/cam-tan/gifts": {"html": {"package.name", "gift.name", "gift.address", "gift.handed.name",
                                  "gift.handed.address", "gift.desk", "gift.received_by", "gift.relationship"}},
    "/e/cam-tan/gifts/desk": {"html": {"event.place"}, "state": STAFF_STATE},
    "/e/cam-tan/forum": {"html": {"forum.review_word"}, "state": STAFF_STATE},
    "/e/cam-tan/counters": {"html": {"event.place"}, "state": STAFF_STATE},
    "/e/cam-tan/audit": {"html": {"activity.name", "counter.actor", "counter.device", "delegate.full_name",
                                  "checkin.device", "checkin.actor", "gift.handed.name", "gift.desk", "gift.actor",
                                  "opinion.text", "opinion.moderator"}},
    "/e/cam-tan/devices": {"html": {"event.place"}},
    "/e/cam-tan/y-kien": {"html": {"event.organizing_body", "event.place"}},
    "/e/cam-tan/khao-sat": {"html": {"event.organizing_body", "event.place", "survey.question"}},
}
DOCUMENTS = ([f"/e/cam-tan/delegates/{k}.pdf" for k in ("badges", "invitations", "cards", "introduction")]
             + [f"/e/cam-tan/awards/{k}.pdf" for k in ("call-sheet", "register", "remaining")]
             + [f"/e/cam-tan/gifts/{k}.pdf" for k in ("receipts", "slips")]
             + ["/e/cam-tan/programme.pdf", "/e/cam-tan/programme/script.pdf", "/e/cam-tan/programme/rundown.pdf",
                "/e/cam-tan/report.pdf", "/e/cam-tan/forum/poster.pdf", "/e/cam-tan/forum/opinions.pdf",
                "/e/cam-tan/forum/survey.pdf"])
WORKBOOKS = ["/e/cam-tan/delegates/export.xlsx", "/e/cam-tan/gifts/receipts.xlsx", "/e/cam-tan/report.xlsx",
             "/overview.xlsx", "/e/cam-tan/forum/opinions.xlsx"]


def value(field: str) -> str:
    """Each field's own hostile text, so a page showing it can be told apart."""
    return f"{field}{HOSTILE}"


@pytest.fixture
def hostile(app):
    with app.app_context():
        event = make_event("cam-tan", organizing_body=value("event.organizing_body"), place=value("event.place"),
                           title=value("event.title"), slogans=[value("event.slogan")])
        fill_event(event, value)
        admin = make_user("admin")
    client = app.test_client()
    login(client, admin)
    return client


def initial_state(page: str) -> tuple[str, dict]:
    found = re.search(r'<script type="application/json" id="initial-state">(.*?)</script>', page, re.S)
    return found.group(1), json.loads(found.group(1))


def strings_in(data) -> list[str]:
    if isinstance(data, dict):
        return [s for v in data.values() for s in strings_in(v)]
    if isinstance(data, list):
        return [s for v in data for s in strings_in(v)]
    return [data] if isinstance(data, str) else []


@pytest.mark.parametrize("path", list(PAGES))
def test_pages_show_hostile_text_literally(hostile, path):
    response = hostile.get(path)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for raw in RAW:
        assert raw not in page.lower(), f"{path} carries raw markup from a field"
    for field in PAGES[path]["html"]:
        # Escaped once, exactly: the tag shows as text, {{7*7}} is not evaluated, the RTL
        # and zero-width characters are kept (not stripped, not doubled).
        assert str(escape(value(field))) in page, f"{path} does not show {field} literally"
    if "state" in PAGES[path]:
        text, state = initial_state(page)
        assert "<" not in text and "&" not in text  # nothing in the JSON can close the script element
        carried = "\n".join(strings_in(state))  # a field may be part of a sentence ("Đồng chí ..., ...")
        missing = {field for field in PAGES[path]["state"] if value(field) not in carried}
        assert not missing, f"{path}: the live state lacks {sorted(missing)}"


def test_the_api_returns_hostile_text_unchanged(app, hostile):
    state = hostile.get("/api/v1/events/cam-tan/dashboard").json
    assert value("delegate.full_name") in "\n".join(strings_in(state))
    assert hostile.get("/api/v1/events/cam-tan").json["place"] == value("event.place")


@pytest.mark.parametrize("path", DOCUMENTS)
def test_printed_documents_print_hostile_text(hostile, path):
    """reportlab reads markup in a Paragraph: typed text must be escaped there, not crash or vanish."""
    response = hostile.get(path)
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    text = " ".join("".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(response.data)).pages).split())
    assert "<script>alert(1)</script>" in text and "{{7*7}}" in text


FORMULA = '=HYPERLINK("http://evil.example/","Bấm vào đây")'


@pytest.mark.parametrize("path", WORKBOOKS)
def test_exported_workbooks_keep_an_equals_sign_as_text(app, client, path):
    """A name typed (or imported) as "=..." is exported as that text: Excel never runs it."""
    with app.app_context():
        event = make_event("cam-tan", place=FORMULA, organizing_body=FORMULA)
        fill_event(event, lambda field: FORMULA)
        login(client, make_user("admin"))
    response = client.get(path)
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.data))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"], f"{path} exports formulas"
    assert any(str(c.value).startswith("=HYPERLINK") for c in cells)
