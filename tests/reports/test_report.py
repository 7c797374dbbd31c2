"""The results report equals the sums of what the day recorded; an event with
no data is still a valid report saying so; counters, the audit trail and the
overview of several sites."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from kiosk.awards import service as awards
from kiosk.delegates import service as delegates
from kiosk.events.service import find_event
from kiosk.forum import service as forum
from kiosk.gifts import service as gifts
from kiosk.programme import service as programme
from kiosk.reports import audit, counters, service
from kiosk.transactions import writing
from tests.awards.test_service import make_decision
from tests.factories import login, make_delegates, make_event, make_user
from tests.gifts.test_service import setup as gift_setup


def text_of(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


@pytest.fixture
def day(app):
    """An event built through the services, as the day would record it."""
    with app.app_context():
        event = make_event("cam-tan")
        programme.apply_template(event, "cam-tan-2024")
        people = make_delegates(event, [f"Đại biểu {n}" for n in range(10)], level="xa", group="ubnd")
        for person in people[:7]:
            delegates.check_in(event, delegate_id=person.id, device="Cổng 1", actor="Cổng 1")
        delegates.register_walk_in(event, {"full_name": "Khách", "level": "co_so"}, device="Cổng 1")
        decision = make_decision(event, 5, "1856/QĐ-UBND", 2, 3)
        for recipient in decision.recipients[:4]:
            awards.handout(event, recipient.id, outcome="handed", actor="Điều phối")
        (package,), recipients = gift_setup(event, packages=((500_000, 5, "commune"),), recipients=5)
        for recipient in recipients[:3]:
            gifts.handout(event, recipient_id=recipient.id, desk="Bàn 1", actor="Cán bộ")
        activity = programme.add_activity(event, {"name": "Kích hoạt VNeID", "count_label": "người"})
        for _ in range(6):
            counters.count(event, activity.id, actor="Trạm 1")
        counters.count(event, activity.id, delta=-1, actor="Trạm 1")
        with writing():
            forum.settings(event).min_seconds_between = 0
        answered = forum.submit_opinion(event, {"text": "Đường tối", "topic": "security"}, device="a")
        forum.submit_opinion(event, {"text": "Hỏi CCCD", "topic": "paperwork"}, device="b")
        forum.moderate(event, answered.id, "answer", {"answered_by": "Trưởng Công an xã"}, actor="BTC")
        question = forum.questions(event)[0]
        forum.submit_survey(event, {str(question.id): 5}, device="c")
        forum.submit_survey(event, {str(question.id): 2}, device="d")
        first = programme.items(event)[0]
        programme.run_command(event, "start", expected_item=None, actor="BTC")
        programme.run_command(event, "next", expected_item=first.id, actor="BTC")
    return event


def test_report_figures_equal_the_recorded_sums(app, day):
    with app.app_context():
        report = service.build(find_event("cam-tan"))
    assert sum(r.planned for r in report.attendance_by_level) == 10
    assert sum(r.done for r in report.attendance_by_level) == 8 and report.walk_ins == 1
    assert [(r.planned, r.done) for r in report.awards_by_form] == [(5, 4)]
    assert [(r.planned, r.done, r.amount_planned, r.amount_done) for r in report.gifts_by_package] == [
        (5, 3, 2_500_000, 1_500_000)]
    assert report.gift_budget == 2_500_000
    assert [r.done for r in report.counters] == [5]
    assert sum(r.planned for r in report.opinions_by_topic) == 2 and sum(r.done for r in report.opinions_by_topic) == 1
    assert report.opinions_pending == ["Hỏi CCCD — chưa trả lời"]
    assert report.survey_responses == 2 and report.survey_overall == 0.5
    assert report.programme[0].actual_start and report.programme[0].actual_end and not report.empty
    assert report.audit_count >= 8 + 4 + 3 + 7 + 1 + 2


def test_report_pdf_xlsx_and_cli(app, client, day, database_url, tmp_path, monkeypatch):
    with app.app_context():
        organizer = make_user("organizer")
    login(client, organizer)
    text = text_of(client.get("/e/cam-tan/report.pdf").data)
    assert "BÁO CÁO KẾT QUẢ" in text and "8/10" in text and "1.500.000 đ" in text
    for heading in ("I.", "II.", "III.", "IV.", "V.", "VI.", "VII.", "VIII."):
        assert heading in text
    book = load_workbook(io.BytesIO(client.get("/e/cam-tan/report.xlsx").data))
    summary = {row[0]: row[1] for row in book["Tóm tắt"].iter_rows(min_row=3, values_only=True)}
    assert summary["Đại biểu có mặt"] == 8 and summary["Tiền quà đã trao (đồng)"] == 1_500_000
    assert book["Nhật ký"].max_row > 20
    from click.testing import CliRunner

    from kiosk.cli import main

    monkeypatch.setenv("KIOSK_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("KIOSK_DATABASE_URL", database_url)
    out = tmp_path / "bao-cao.pdf"
    assert CliRunner().invoke(main, ["report", "--event", "cam-tan", "-o", str(out)]).exit_code == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_an_event_with_no_data_is_a_valid_report_saying_so(app, client):
    with app.app_context():
        make_event("trong")
        organizer = make_user("organizer")
        assert service.build(find_event("trong")).empty
    login(client, organizer)
    assert "Chưa có số liệu nào được ghi nhận." in text_of(client.get("/e/trong/report.pdf").data)
    assert client.get("/e/trong/report.xlsx").status_code == 200


def test_counters_count_once_and_never_below_zero(app):
    with app.app_context():
        event = make_event()
        activity = programme.add_activity(event, {"name": "Khám bệnh"})
        assert counters.count(event, activity.id, request_id="r1")["total"] == 1
        assert counters.count(event, activity.id, request_id="r1")["total"] == 1  # a retry
        counters.count(event, activity.id, delta=-1)
        with pytest.raises(counters.CounterError, match="là 0"):
            counters.count(event, activity.id, delta=-1)
        with pytest.raises(counters.CounterError):
            counters.count(event, activity.id, delta=5)


def test_audit_trail_filters(app, day):
    with app.app_context():
        event = find_event("cam-tan")
        areas = {c.area for c in audit.trail(event)}
        assert {"checkin", "programme", "awards", "gifts", "forum", "counters"} <= areas
        assert {c.area for c in audit.trail(event, area="gifts")} == {"gifts"}
        assert all(c.actor == "Trạm 1" for c in audit.trail(event, actor="tram 1"))
        assert [c.subject for c in audit.trail(event, area="forum")] == ["Đường tối"]


def test_overview_of_several_sites(app, client, day):
    with app.app_context():
        other = make_event("eo-le")
        make_delegates(other, ["Một", "Hai"])
        admin = make_user("admin")
        limited = make_user("organizer", event=other)
    login(client, admin)
    page = client.get("/overview").get_data(as_text=True)
    assert "/e/cam-tan/" in page and "/e/eo-le/" in page and "8 / 12" in page  # totals over both sites
    sheet = load_workbook(io.BytesIO(client.get("/overview.xlsx").data)).active
    assert [row[0] for row in sheet.iter_rows(values_only=True)][-1] == "Tổng cộng"
    assert sheet.cell(row=sheet.max_row, column=3).value == 12
    own = app.test_client()
    login(own, limited)
    assert "/e/cam-tan/" not in own.get("/overview").get_data(as_text=True)


OPINIONS = {  # text: what the moderators did with it
    "Hỏi đèn đường thôn Eo Lê": ("hide", {}),
    "Quảng cáo bán hàng": ("hide", {}),
    "Đề nghị sửa cầu tràn": ("written", {"responsible_unit": "UBND xã Cẩm Tân", "deadline": "2024-09-15"}),
    "Hỏi thủ tục đăng ký tạm trú": ("approve", {}),
}


def section(text: str, start: str, end: str) -> str:
    return text[text.index(start):text.index(end, text.index(start))]


def test_still_to_answer_is_the_list_printed_under_it(app, client, day):
    """"còn phải trả lời" once counted hidden opinions: it is the length of the
    list the same PDF prints, and answered + still to answer + hidden = received."""
    with app.app_context():
        event = find_event("cam-tan")
        for text, (action, fields) in OPINIONS.items():
            opinion = forum.submit_opinion(event, {"text": text, "topic": "security"}, device=text)
            forum.moderate(event, opinion.id, action, fields, actor="BTC")
        report = service.build(event)
        organizer = make_user("organizer")
    # day: "Đường tối" answered, "Hỏi CCCD" new; here 2 hidden, 1 to answer in writing, 1 approved.
    assert len(report.opinions_pending) == 3 and report.opinions_hidden == 2 and report.opinions_in_writing == 1
    login(client, organizer)
    text = text_of(client.get("/e/cam-tan/report.pdf").data)

    summary = section(text, "Ý kiến Nhân dân tiếp nhận", "Hài lòng")
    assert "tiếp nhận 6, đã trả lời 1, còn phải trả lời 3" in summary
    assert "trong đó 1 chuyển đơn vị trả lời bằng văn bản" in summary and "đã ẩn 2" in summary
    opinions = section(text, "VI. Ý KIẾN NHÂN DÂN", "VII.")
    assert "Tiếp nhận 6 ý kiến, kiến nghị; đã trả lời tại chỗ 1; còn phải trả lời 3" in opinions
    listed = opinions[opinions.index("3. Ý kiến còn phải trả lời"):]
    seeded = ["Hỏi CCCD", "Đường tối", *OPINIONS]
    printed = [t for t in seeded if t in listed]
    assert printed == ["Hỏi CCCD", "Đề nghị sửa cầu tràn", "Hỏi thủ tục đăng ký tạm trú"]
    assert len(printed) == 3  # the number said above, item for item
    assert "UBND xã Cẩm Tân, hạn 15/09/2024" in listed


def test_the_heading_is_not_repeated_and_shares_are_percentages(app, client, day):
    with app.app_context():
        organizer = make_user("organizer")
    login(client, organizer)
    data = client.get("/e/cam-tan/report.pdf").data
    first = " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert "BÁO CÁO KẾT QUẢ TỔ CHỨC NGÀY HỘI TOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM 2024" in first
    assert "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024" not in first  # no subtitle saying it again
    text = text_of(data)
    assert "50,0 % hài lòng trên 2 phiếu" in text and "tỷ lệ hài lòng chung: 50,0 %" in text
    assert " 0,5 " not in text and " 0.5 " not in text

    book = load_workbook(io.BytesIO(client.get("/e/cam-tan/report.xlsx").data))
    rows = {row[0].value: row[1] for row in book["Tóm tắt"].iter_rows(min_row=3)}
    assert rows["Tỷ lệ hài lòng"].value == 0.5 and rows["Tỷ lệ hài lòng"].number_format == "0.0 %"
    assert rows["Ý kiến còn phải trả lời"].value == 1
    shares = [row[1] for row in book["Khảo sát"].iter_rows(min_row=2) if row[1].value is not None]
    assert shares and all(cell.number_format == "0.0 %" for cell in shares)
    overview = load_workbook(io.BytesIO(client.get("/overview.xlsx").data)).active
    assert overview.cell(row=2, column=overview.max_column).value == 0.5
    assert overview.cell(row=2, column=overview.max_column).number_format == "0.0 %"
