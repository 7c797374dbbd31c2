"""The forum's papers from the kiosk: the poster's QR codes lead to the
citizens' pages; exports keep what citizens typed as text."""

import io

import pypdfium2
import zxingcpp
from openpyxl import load_workbook
from pypdf import PdfReader

from kiosk.events.service import find_event
from kiosk.forum import service
from tests.factories import login, make_event, make_user


def test_poster_exports_and_survey(app, client):
    with app.app_context():
        event = make_event("cam-tan")
        service.update_settings(event, {"min_seconds_between": 0})
        hostile = service.submit_opinion(event, {"text": "=HYPERLINK(\"http://x\")", "topic": "traffic"}, device="a")
        written = service.submit_opinion(event, {"text": "Đường liên thôn xuống cấp", "author_name": "Lê Văn Hùng"},
                                         device="b")
        service.moderate(event, written.id, "written", {"responsible_unit": "UBND xã Cẩm Tân", "deadline": "2024-08-30"})
        question = service.questions(event)[0]
        service.submit_survey(event, {str(question.id): 5}, "Rất tốt", device="c")
        organizer = make_user("organizer")
    login(client, organizer)

    poster = client.get("/e/cam-tan/forum/poster.pdf").data
    page = pypdfium2.PdfDocument(poster)[0].render(scale=2).to_pil()
    assert {code.text for code in zxingcpp.read_barcodes(page)} == {
        "http://localhost/e/cam-tan/y-kien", "http://localhost/e/cam-tan/khao-sat"}

    sheet = load_workbook(io.BytesIO(client.get("/e/cam-tan/forum/opinions.xlsx").data)).active
    cell = sheet.cell(row=3, column=4)
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"  # text, not a formula

    opinions = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        client.get("/e/cam-tan/forum/opinions.pdf").data)).pages).split())
    assert "Đường liên thôn xuống cấp" in opinions and "UBND xã Cẩm Tân" in opinions and "30/08/2024" in opinions

    survey = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(
        client.get("/e/cam-tan/forum/survey.pdf").data)).pages).split())
    assert "Tinh thần, thái độ phục vụ" in survey and "100 %" in survey and "Rất tốt" in survey
    assert client.get("/e/cam-tan/forum/nothing").status_code == 404
    with app.app_context():
        assert service.opinions_of(find_event("cam-tan"))[0].id == hostile.id


def test_citizens_pages_need_no_login_and_show_a_thank_you(app, client):
    with app.app_context():
        make_event("cam-tan")
    page = client.get("/e/cam-tan/y-kien")
    assert page.status_code == 200 and "kiosk_device" in page.headers.get("Set-Cookie", "")
    page = client.get("/e/cam-tan/y-kien").get_data(as_text=True)
    assert "có thể được đọc và hiện trên màn hình lớn" in page  # the sender knows where a name may appear
    sent = client.post("/e/cam-tan/y-kien", data={"text": "Hỏi về VNeID", "topic": "paperwork"})
    assert sent.status_code == 200 and "<h1>Trân trọng cảm ơn ông/bà!</h1>" in sent.get_data(as_text=True)
    neighbour = app.test_client()  # another phone: the first one must wait between sends
    named = neighbour.post("/e/cam-tan/y-kien", data={"text": "Hỏi về căn cước", "topic": "paperwork",
                                                    "author_name": "Hà Thị Tư"})
    assert "<h1>Trân trọng cảm ơn ông/bà Hà Thị Tư!</h1>" in named.get_data(as_text=True)
    assert "của ông/bà" in named.get_data(as_text=True) and "bạn" not in named.get_data(as_text=True).split("<main")[-1]
    empty = client.post("/e/cam-tan/y-kien", data={"text": "   ", "topic": "other"})
    assert empty.status_code == 400 and "Vui lòng nhập nội dung" in empty.get_data(as_text=True)
    assert client.get("/e/cam-tan/khao-sat").status_code == 200
    assert client.get("/e/cam-tan/forum").status_code == 302  # moderation needs a login
    assert client.get("/e/cam-tan/y-kien/qr.svg").headers["Content-Type"] == "image/svg+xml"
