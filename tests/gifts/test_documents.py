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


def test_receipts_workbook_header_reads_back_exactly(app, client):
    """The header lines of a package's sheet are what was typed: a comma in the
    package's name (or the organizing body's) stays a comma; only the value
    gets dots between its thousands."""
    with app.app_context():
        event = make_event("cam-tan", organizing_body="UBND xã Cẩm Tân, huyện Cẩm Thủy")
        service.create_package(event, {"name": "Quà Tết: gạo, dầu, 1,5 kg đường", "unit_value": 1_500_000,
                                       "quantity": 3, "funding_source": "sponsor", "presenter": "Chủ tịch UBND xã"})
        desk = make_user("desk")
    login(client, desk)
    sheet = load_workbook(io.BytesIO(client.get("/e/cam-tan/gifts/receipts.xlsx").data)).active
    header = [[value for value in row if value is not None] for row in sheet.iter_rows(max_row=4, values_only=True)]
    assert header == [
        ["UBND XÃ CẨM TÂN, HUYỆN CẨM THỦY"],
        ["DANH SÁCH KÝ NHẬN QUÀ"],
        ["Quà Tết: gạo, dầu, 1,5 kg đường — Nhà tài trợ — 1.500.000 đ/suất"],
        ["STT", "Họ và tên", "Địa chỉ", "Đối tượng", "Số tiền (đ)", "Đã nhận", "Người nhận thay", "Ký nhận"],
    ]
