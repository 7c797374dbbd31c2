"""What the MC reads and the organizers see name each delegate's office once,
with its place: the MC's introduction (page and PDF), the leaders not yet
arrived, the check-in answer, the import preview and the table cards."""

import io
import json
import re

import pytest
from openpyxl import Workbook
from pypdf import PdfReader

from kiosk.delegates import service
from kiosk.events.service import find_event
from kiosk.transactions import writing
from tests.factories import login, make_event, make_user

# (name, level, position, organization), as the demo event and the plans have them
PEOPLE = [
    ("Lê Văn Tỉnh", "tinh", "Phó Chủ tịch UBND tỉnh", "UBND tỉnh Thanh Hóa"),
    ("Lê Thu Lan", "xa", "Chủ tịch", "UBND xã Cẩm Tân"),
    ("Nguyễn Văn Trưởng", "xa", "Trưởng Công an xã", "Công an xã Cẩm Tân"),
    ("Hà Văn Tổ", "co_so", "Thành viên Tổ bảo vệ ANTT", "Tổ bảo vệ ANTT thôn Eo Lê"),
]
SAID = ["Đồng chí Lê Văn Tỉnh, Phó Chủ tịch UBND tỉnh Thanh Hóa",
        "Đồng chí Lê Thu Lan, Chủ tịch UBND xã Cẩm Tân",
        "Đồng chí Nguyễn Văn Trưởng, Trưởng Công an xã Cẩm Tân",
        "Đồng chí Hà Văn Tổ, Thành viên Tổ bảo vệ ANTT thôn Eo Lê"]


def page_text(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def initial_state(page: str) -> dict:
    return json.loads(re.search(r'<script type="application/json" id="initial-state">(.*?)</script>', page,
                                re.S).group(1))


@pytest.fixture
def event_with_people(app):
    with app.app_context():
        event = make_event("cam-tan")
        with writing():
            for name, level, position, organization in PEOPLE:
                service.add_delegate(event, full_name=name, level=level, position=position,
                                     organization=organization)
        for delegate in service.delegates_in_order(event):
            service.check_in(event, delegate_id=delegate.id)
    return "cam-tan"


def test_the_mc_introduction_says_each_office_once(app, client, event_with_people):
    with app.app_context():
        intro = service.introduction(find_event("cam-tan"))
    lines = [p["line"] for g in intro["groups"] for p in g["people"]]
    assert lines == SAID
    with app.app_context():
        user = make_user("mc", event=find_event("cam-tan"))
    login(client, user)
    state = initial_state(client.get("/e/cam-tan/mc").get_data(as_text=True))
    assert [p["line"] for g in state["introduction"]["groups"] for p in g["people"]] == SAID


def test_the_introduction_pdf_says_each_office_once(app, client, event_with_people):
    with app.app_context():
        user = make_user("organizer")
    login(client, user)
    text = page_text(client.get("/e/cam-tan/delegates/introduction.pdf").data)
    for line in SAID:
        assert line in text
    assert "UBND tỉnh UBND tỉnh" not in text and "ANTT, Tổ bảo vệ" not in text


def test_the_check_in_answer_carries_the_composed_office(app, event_with_people):
    with app.app_context():
        event = find_event("cam-tan")
        delegate = service.delegates_in_order(event)[0]
        assert service.delegate_json(event, delegate)["office"] == "Phó Chủ tịch UBND tỉnh Thanh Hóa"


def test_leaders_not_yet_arrived_can_be_told_apart(app, client):
    with app.app_context():
        event = make_event("cam-tan")
        with writing():
            for name, province in (("Trần Văn An", "Thanh Hóa"), ("Trần Văn Bình", "Bắc Giang"),
                                   ("Trần Văn Cường", "Bình Phước")):
                service.add_delegate(event, full_name=name, level="tinh", group="ubnd",
                                     position="Chủ tịch UBND tỉnh", organization=f"UBND tỉnh {province}")
            service.add_delegate(event, full_name="Lê Thu Lan", level="xa", group="ubnd", position="Chủ tịch",
                                 organization="UBND xã Cẩm Tân")
        detail = service.attendance_detail(event)
        user = make_user("organizer")
    shown = [f"{m['name']}, {m['office']}" for m in detail["leaders_missing"]]
    assert shown == ["Đồng chí Trần Văn An, Chủ tịch UBND tỉnh Thanh Hóa",
                     "Đồng chí Trần Văn Bình, Chủ tịch UBND tỉnh Bắc Giang",
                     "Đồng chí Trần Văn Cường, Chủ tịch UBND tỉnh Bình Phước",
                     "Đồng chí Lê Thu Lan, Chủ tịch UBND xã Cẩm Tân"]
    assert detail["leaders_missing"][3]["organization"] == "UBND xã Cẩm Tân"
    # The dashboard's state as the page receives it carries the same words.
    login(client, user)
    state = initial_state(client.get("/e/cam-tan/").get_data(as_text=True))
    assert [m["office"] for m in state["attendance_detail"]["leaders_missing"]] == [
        "Chủ tịch UBND tỉnh Thanh Hóa", "Chủ tịch UBND tỉnh Bắc Giang", "Chủ tịch UBND tỉnh Bình Phước",
        "Chủ tịch UBND xã Cẩm Tân"]


def delegate_list() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Họ và tên", "Chức vụ", "Đơn vị", "Cấp"])
    sheet.append([1, "Lê Văn Tỉnh", "Phó Chủ tịch UBND tỉnh", "UBND tỉnh Thanh Hóa", "Tỉnh"])
    sheet.append([2, "Hà Văn Tổ", "Thành viên Tổ bảo vệ ANTT", "Tổ bảo vệ ANTT thôn Eo Lê", "Thôn"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_the_import_preview_says_each_office_once(app, client):
    with app.app_context():
        make_event("cam-tan")
        user = make_user("organizer")
    login(client, user)
    page = client.post("/e/cam-tan/delegates/import", data={"file": (io.BytesIO(delegate_list()), "ds.xlsx")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "Sẽ thêm 2 đại biểu" in page
    assert "Phó Chủ tịch UBND tỉnh Thanh Hóa" in page
    assert "Thành viên Tổ bảo vệ ANTT thôn Eo Lê" in page
    assert "Tổ bảo vệ ANTT thôn Eo Lê</span>" not in page and "UBND tỉnh Thanh Hóa</span>" not in page


def test_table_cards_say_each_office_once(app, client, event_with_people):
    with app.app_context():
        user = make_user("organizer")
    login(client, user)
    text = page_text(client.get("/e/cam-tan/delegates/cards.pdf").data)
    assert "Phó Chủ tịch UBND tỉnh Thanh Hóa" in text
    assert "UBND tỉnh – UBND tỉnh" not in text


def test_the_printed_mc_script_names_those_present(app, client, event_with_people):
    """The script's introduction ends "trân trọng giới thiệu:" and then the names."""
    from kiosk.programme.service import apply_template

    with app.app_context():
        event = find_event("cam-tan")
        apply_template(event, "cam-tan-2024")
        user = make_user("organizer")
    login(client, user)
    text = page_text(client.get("/e/cam-tan/programme/script.pdf").data)
    after = text.split("trân trọng giới thiệu:", 1)[1]
    for line in SAID:
        assert line in after
    assert "Danh sách mời" not in text


def test_before_anyone_arrives_the_script_prints_the_invited_list_marked_as_such(app, client):
    from kiosk.programme.service import apply_template

    with app.app_context():
        event = make_event("cam-tan")
        with writing():
            service.add_delegate(event, full_name="Lê Văn Tỉnh", level="tinh", position="Phó Chủ tịch UBND tỉnh",
                                 organization="UBND tỉnh Thanh Hóa")
            service.add_delegate(event, full_name="Khách Không Mời", level="xa", invited=False)
        apply_template(event, "cam-tan-2024")
        user = make_user("organizer")
    login(client, user)
    text = page_text(client.get("/e/cam-tan/programme/script.pdf").data)
    after = text.split("trân trọng giới thiệu:", 1)[1]
    assert "Danh sách mời, chưa điểm danh" in after
    assert "Lê Văn Tỉnh, Phó Chủ tịch UBND tỉnh Thanh Hóa" in after
    assert "Khách Không Mời" not in after


def test_the_organizers_lists_say_each_office_once(app, client, event_with_people):
    with app.app_context():
        user = make_user("organizer")
    login(client, user)
    page = client.get("/e/cam-tan/delegates").get_data(as_text=True)
    assert "Phó Chủ tịch UBND tỉnh Thanh Hóa" in page and "Thành viên Tổ bảo vệ ANTT thôn Eo Lê" in page
