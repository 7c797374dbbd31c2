"""Printed papers from the kiosk: every QR code on the badges and invitations,
rendered and decoded, is a code the server accepts at the gate."""

import io

import pypdfium2
import pytest
import zxingcpp
from pypdf import PdfReader

from kiosk.delegates import service
from kiosk.events.service import find_event
from tests.factories import login, make_delegates, make_event, make_user

NAMES = ["Nguyễn Thị Ánh Tuyết", "Đặng Đình Đức", "Hồ Văn <script>alert(1)</script>", "Trần Quốc Toản",
         "Lê Thị Hồng Gấm", "Phạm Ngọc Thạch", "Vũ Trọng Phụng", "Bùi Thị Xuân", "Ngô Sĩ Liên"]


@pytest.fixture
def organizer(app, client):
    with app.app_context():
        event = make_event("cam-tan")
        make_delegates(event, NAMES, level="huyen", position="Phó Chủ tịch UBND huyện")
        user = make_user("organizer")
    login(client, user)
    return client


def decoded_codes(pdf: bytes) -> list[str]:
    found = []
    for page in pypdfium2.PdfDocument(pdf):
        found += [code.text for code in zxingcpp.read_barcodes(page.render(scale=2.5).to_pil())]
    return found


@pytest.mark.parametrize("kind", ["badges", "invitations"])
def test_every_printed_code_checks_its_delegate_in(app, organizer, kind):
    response = organizer.get(f"/e/cam-tan/delegates/{kind}.pdf")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/pdf"
    codes = decoded_codes(response.data)
    assert len(codes) == len(NAMES) == len(set(codes))
    with app.app_context():
        event = find_event("cam-tan")
        answers = [service.check_in(event, code=code, device="Cổng 1") for code in codes]
    assert [a["status"] for a in answers] == ["ok"] * len(NAMES)
    assert sorted(a["delegate"]["full_name"] for a in answers) == sorted(NAMES)


def test_a_reprinted_badge_after_reissue_replaces_the_old_one(app, organizer):
    old = set(decoded_codes(organizer.get("/e/cam-tan/delegates/badges.pdf").data))
    with app.app_context():
        event = find_event("cam-tan")
        first = service.delegates_in_order(event)[0]
        service.reissue_code(event, first.id)
    new = set(decoded_codes(organizer.get("/e/cam-tan/delegates/badges.pdf").data))
    (revoked,) = old - new
    (fresh,) = new - old
    with app.app_context():
        event = find_event("cam-tan")
        assert service.check_in(event, code=revoked)["status"] == "revoked"
        assert service.check_in(event, code=fresh)["status"] == "ok"


def test_introduction_pdf_reads_those_present(app, organizer):
    with app.app_context():
        event = find_event("cam-tan")
        for delegate in service.delegates_in_order(event)[:3]:
            service.check_in(event, delegate_id=delegate.id)
    pdf = organizer.get("/e/cam-tan/delegates/introduction.pdf").data
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "GIỚI THIỆU ĐẠI BIỂU" in text and "Về phía lãnh đạo huyện, có:" in text
    assert text.count("Phó Chủ tịch UBND huyện") == 3


def test_hostile_names_show_literally_on_pages(app, organizer):
    page = organizer.get("/e/cam-tan/delegates").get_data(as_text=True)
    assert "Hồ Văn &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page


def test_cli_prints_badges(app, database_url, tmp_path, monkeypatch, organizer):
    from click.testing import CliRunner

    from kiosk.cli import main

    monkeypatch.setenv("KIOSK_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("KIOSK_DATABASE_URL", database_url)
    output = tmp_path / "the.pdf"
    result = CliRunner().invoke(main, ["print", "cards", "--event", "cam-tan", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_bytes().startswith(b"%PDF") and len(PdfReader(str(output)).pages) == len(NAMES)
