"""The award papers from the kiosk, read back: the call sheet in stage order,
the register with its signature column, what is left to hand over."""

import io

from pypdf import PdfReader

from kiosk.awards import service
from tests.awards.test_service import make_decision
from tests.factories import login, make_event, make_user


def text_of(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_call_sheet_register_and_remaining(app, client):
    with app.app_context():
        event = make_event("cam-tan")
        decision = make_decision(event, 5, "1856/QĐ-UBND", collectives=1, individuals=4)
        service.update_recipient(event, decision.recipients[1].id, {"name": "Nguyễn Thị Ánh Tuyết"})
        service.plan_batches(event, width=3)
        service.handout(event, decision.recipients[0].id, outcome="handed")
        service.handout(event, decision.recipients[1].id, outcome="stand_in", stand_in_name="Lê Văn Thay")
        desk = make_user("desk")
    login(client, desk)
    sheet = text_of(client.get("/e/cam-tan/awards/call-sheet.pdf").data)
    assert "Đợt 1" in sheet and "Đợt 2" in sheet and "Đại diện nhận" in sheet
    assert sheet.index("Tập thể số 1") < sheet.index("Nguyễn Thị Ánh Tuyết") < sheet.index("Cá nhân số 3")
    register = text_of(client.get("/e/cam-tan/awards/register.pdf").data)
    assert "Ký nhận" in register and "Nhận thay: Lê Văn Thay" in register
    remaining = text_of(client.get("/e/cam-tan/awards/remaining.pdf").data)
    assert "Cá nhân số 3" in remaining and "Cá nhân số 4" in remaining
    assert "Nguyễn Thị Ánh Tuyết" not in remaining and "Tập thể số 1" not in remaining
    assert client.get("/e/cam-tan/awards/nothing.pdf").status_code == 404
