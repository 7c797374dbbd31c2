"""Gift papers from the kiosk: the receipt list reconciles to the đồng, in
figures and words; every slip's QR code hands its recipient their package."""

import io

import pypdfium2
import zxingcpp
from openpyxl import load_workbook
from pypdf import PdfReader

from kiosk.events.service import find_event
from kiosk.gifts import service
from tests.factories import login, make_event, make_user
from tests.gifts.test_service import setup


def text_of(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_receipt_list_and_slips(app, client):
    with app.app_context():
        event = make_event("cam-tan")
        (package,), people = setup(event, packages=((500_000, 10, "commune"),), recipients=10)
        service.handout(event, recipient_id=people[0].id, desk="Bàn 1", received_by="Lê Văn Con", relationship="con")
        desk = make_user("desk")
    login(client, desk)
    receipts = text_of(client.get("/e/cam-tan/gifts/receipts.pdf").data)
    assert "DANH SÁCH KÝ NHẬN" in receipts and "Hộ gia đình số 10" in receipts
    assert "5.000.000" in receipts and "Năm triệu đồng chẵn" in receipts
    for block in ("NGƯỜI LẬP BIỂU", "KẾ TOÁN", "THỦ TRƯỞNG ĐƠN VỊ"):
        assert block in receipts
    assert "Lê Văn Con (con)" in receipts

    sheet = load_workbook(io.BytesIO(client.get("/e/cam-tan/gifts/receipts.xlsx").data)).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert (None, "Cộng", None, None, 5_000_000) == values[-2][:5]
    assert values[-1][0] == "Bằng chữ: Năm triệu đồng chẵn."

    slips = client.get("/e/cam-tan/gifts/slips.pdf").data
    codes = [c.text for page in pypdfium2.PdfDocument(slips) for c in zxingcpp.read_barcodes(page.render(scale=2.5).to_pil())]
    assert len(codes) == 10
    with app.app_context():
        event = find_event("cam-tan")
        answers = [service.handout(event, code=code, desk="Bàn 2")["status"] for code in codes]
    assert sorted(answers) == ["already_handed"] + ["ok"] * 9
