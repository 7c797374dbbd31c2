"""The programme PDFs: valid, Vietnamese text intact and escaped, Noto Sans only,
long text wrapped, page numbers on every page."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from datetime import datetime, timedelta, timezone
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import standardFonts

from printing.programme import ProgrammeDocument, ProgrammeLine, mc_script_pdf, programme_pdf, rundown_pdf

LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
TRICKY_SCRIPT = "<b>không phải thẻ</b> & ký tự"
TITLES = [
    ("Văn nghệ chào mừng", "Văn nghệ", 15, False),
    ("Lễ chào cờ", "Chào cờ", 5, False),
    ("Tuyên bố lý do, giới thiệu đại biểu", "Tuyên bố lý do, giới thiệu đại biểu", 7, False),
    ("Diễn văn khai mạc", "Phát biểu, diễn văn", 15, False),
    ("Trình chiếu phóng sự", "Trình chiếu", 8, True),
    ("Công bố Quyết định và trao thưởng", "Trao thưởng", 15, False),
    ("Tuyên bố kết thúc buổi lễ", "Bế mạc", 2, False),
]


def cam_tan(**overrides) -> ProgrammeDocument:
    start = datetime(2024, 8, 15, 7, 30, tzinfo=LOCAL)
    lines = []
    for number, (title, kind, minutes, optional) in enumerate(TITLES, 1):
        lines.append(
            ProgrammeLine(
                number=number,
                title=title,
                kind_label=kind,
                optional=optional,
                speaker="Lãnh đạo đơn vị tổ chức" if title == "Diễn văn khai mạc" else "",
                planned_seconds=minutes * 60,
                planned_start=start,
                script="Kính mời toàn thể các vị đại biểu đứng dậy.\nNghiêm! Chào cờ, chào!" if number == 2 else "",
                cues=["Nhạc Quốc ca", "Cờ"] if number == 2 else [],
            )
        )
        start += timedelta(minutes=minutes)
    lines[2].script = TRICKY_SCRIPT
    lines[3].notes = "Chuẩn bị sẵn bản in diễn văn"
    values = dict(
        organizing_body="Ban Chỉ đạo ANTT xã Cẩm Tân",
        title="Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        year=2024,
        place="Sân vận động xã Cẩm Tân",
        date_text="15/08/2024",
        lines=lines,
    )
    values.update(overrides)
    return ProgrammeDocument(**values)


def with_actual_times(doc: ProgrammeDocument) -> ProgrammeDocument:
    """First item starts 07:32 (UTC in, local out) and runs 18 minutes against 15 planned; the video is skipped."""
    utc_start = datetime(2024, 8, 15, 0, 32, tzinfo=timezone.utc)
    first, second, video = doc.lines[0], doc.lines[1], doc.lines[4]
    first.actual_start, first.actual_end, first.status = utc_start, utc_start + timedelta(minutes=18), "done"
    second.actual_start = first.actual_end
    second.actual_end = second.actual_start + timedelta(minutes=4, seconds=10)
    second.status = "done"
    video.status = "skipped"
    return doc


def pages_text(pdf: bytes) -> list[str]:
    return [unicodedata.normalize("NFC", page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]


def flat(pdf: bytes) -> str:
    """All the text, whitespace normalised (wrapping splits lines anywhere)."""
    return " ".join(" ".join(pages_text(pdf)).split())


def base_fonts(pdf: bytes) -> set[str]:
    fonts = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return fonts


RENDERERS = [programme_pdf, mc_script_pdf, rundown_pdf]


@pytest.mark.parametrize("render", RENDERERS)
def test_pdf_has_the_titles_intact(render):
    pdf = render(with_actual_times(cam_tan()))
    assert pdf.startswith(b"%PDF")
    text = flat(pdf)
    for title, *_ in TITLES:
        assert unicodedata.normalize("NFC", title) in text
    assert "BAN CHỈ ĐẠO ANTT XÃ CẨM TÂN" in text
    assert "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024" in text
    assert "Trang 1" in text


@pytest.mark.parametrize("render", RENDERERS)
def test_only_noto_sans_is_embedded(render):
    fonts = base_fonts(render(with_actual_times(cam_tan())))
    assert fonts and all("NotoSans" in name for name in fonts)
    assert not {name.lstrip("/") for name in fonts} & set(standardFonts)


def test_programme_lists_numbers_durations_and_planned_starts():
    text = flat(programme_pdf(cam_tan()))
    assert "STT Nội dung Thời lượng Dự kiến" in text
    assert "Trình chiếu phóng sự (nếu có)" in text
    assert "Diễn văn khai mạc Lãnh đạo đơn vị tổ chức" in text  # speaker under the title
    assert "1 Văn nghệ chào mừng 15 phút 07:30" in text
    assert "2 Lễ chào cờ 5 phút 07:45" in text


def test_mc_script_prints_markup_as_text_and_keeps_line_breaks():
    pdf = mc_script_pdf(cam_tan())
    text = flat(pdf)
    assert "KỊCH BẢN DẪN CHƯƠNG TRÌNH" in text
    assert TRICKY_SCRIPT in text
    assert "1. Văn nghệ chào mừng" in text
    assert "3. Tuyên bố lý do, giới thiệu đại biểu" in text
    assert "Chuẩn bị: Nhạc Quốc ca, Cờ" in text
    assert "Người trình bày: Lãnh đạo đơn vị tổ chức" in text
    assert "Ghi chú: Chuẩn bị sẵn bản in diễn văn" in text
    raw = "\n".join(pages_text(pdf))
    assert "đứng dậy.\nNghiêm!" in raw


def test_rundown_compares_planned_and_actual():
    text = flat(rundown_pdf(with_actual_times(cam_tan())))
    # planned 07:30, 15 min; actual 07:32-07:50, 18 min, 3 over
    assert "1 Văn nghệ chào mừng 07:30 15 07:32 07:50 18 +3 Đã xong" in text
    assert "2 Lễ chào cờ 07:45 5 07:50 07:54 4 -1 Đã xong" in text
    assert "Trình chiếu phóng sự (nếu có) 08:12 8 Đã bỏ qua" in text
    assert "Chưa diễn ra" in text
    # 67 planned in all; 22 actual over the two measured items, +2 against their plan
    assert "Tổng cộng 07:30 67 07:32 07:54 22 +2" in text


def test_a_very_long_title_wraps():
    doc = cam_tan()
    ending = "cuối cùng của tiêu đề rất dài"
    doc.lines[0].title = ("Hội thảo về phong trào toàn dân bảo vệ an ninh Tổ quốc " * 6)[: 300 - len(ending)] + ending
    assert len(doc.lines[0].title) == 300
    doc.lines[0].script = doc.lines[0].title * 10
    for render in RENDERERS:
        pdf = render(with_actual_times(doc))
        assert pdf.startswith(b"%PDF")
        assert ending in flat(pdf)


def test_long_programme_numbers_its_pages():
    lines = [ProgrammeLine(n, f"Tiết mục số {n}", "Văn nghệ", False, "Đội văn nghệ xã", 300) for n in range(1, 41)]
    doc = cam_tan(lines=lines)
    for render in RENDERERS:
        pages = pages_text(render(doc))
        assert len(pages) >= 2
        assert "Trang 2" in pages[1]
        assert "Tiết mục số 40" in " ".join(pages)


def test_missing_fonts_say_to_run_npm_ci(monkeypatch, tmp_path):
    from printing import fonts

    monkeypatch.setattr(fonts, "_registered", False)  # restored afterwards: the real fonts stay registered
    monkeypatch.setenv("KIOSK_FONT_DIR", str(tmp_path))
    with pytest.raises(fonts.FontsMissingError, match="npm ci"):
        programme_pdf(cam_tan())


def test_printing_does_not_import_flask():
    code = "import sys, printing.programme; sys.exit('flask' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0
