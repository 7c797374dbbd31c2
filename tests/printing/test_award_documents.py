"""The award PDFs (call sheet, register, remaining list): valid, Vietnamese
text intact and escaped, names in stage order, Noto Sans only."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import standardFonts

from printing.awards import AwardLine, StageBatch, call_sheet_pdf, register_pdf, remaining_pdf
from printing.delegates import EventInfo

HUYEN = ("1856/QĐ-UBND ngày 05/08/2024", "Giấy khen của Chủ tịch UBND huyện Cẩm Thủy")
XA = ("215/QĐ-UBND ngày 08/08/2024", "Giấy khen của Chủ tịch UBND xã Cẩm Tân")
TRICKY = "Tổ tự quản <b>&</b> thôn Tân Lập"
HUYEN_PRESENTER = "Đồng chí Lê Văn Bình, Chủ tịch UBND huyện Cẩm Thủy"
ABSENT_PRESENTER = "Đồng chí Hà Thị Thu, Phó Chủ tịch UBND huyện Cẩm Thủy"
XA_PRESENTER = "Đồng chí Trịnh Xuân Quang, Bí thư Đảng ủy xã Cẩm Tân"
STAND_IN = "Bùi Thị Nhung"


def event() -> EventInfo:
    return EventInfo(
        organizing_body="Ban Chỉ đạo ANTT xã Cẩm Tân",
        title="Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
        year=2024,
        place="Nhà văn hóa thôn Tân Lập, xã Cẩm Tân",
        date_text="15/08/2024",
        time_text="07:30",
        backdrop_bottom="Cẩm Tân, ngày 15 tháng 08 năm 2024",
    )


def collective(name, representative, decision, **kw) -> AwardLine:
    values = dict(
        name=name,
        kind="collective",
        representative=representative,
        job_title="",
        organization="",
        form=decision[1],
        decision=decision[0],
        achievement="Có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc",
        present=True,
        outcome="handed",
        stand_in_name="",
        handed_at="09:05",
    )
    values.update(kw)
    return AwardLine(**values)


def individual(name, job_title, organization, decision, **kw) -> AwardLine:
    values = dict(
        name=name,
        kind="individual",
        representative="",
        job_title=job_title,
        organization=organization,
        form=decision[1],
        decision=decision[0],
        achievement="",
        present=True,
        outcome="handed",
        stand_in_name="",
        handed_at="09:12",
    )
    values.update(kw)
    return AwardLine(**values)


def batches() -> list[StageBatch]:
    first = [
        collective("Công an xã Cẩm Tân", "Đồng chí Phạm Văn Hùng, Trưởng Công an xã", HUYEN),
        collective(TRICKY, "Ông Lường Văn Thắng, Tổ trưởng", HUYEN, handed_at="09:06"),
        collective("Ban bảo vệ dân phố thị trấn Phong Sơn", "", HUYEN, present=None, handed_at="09:06"),
    ]
    second = [
        individual("Nguyễn Văn Sơn", "Phó Trưởng Công an xã", "Công an xã Cẩm Tân", HUYEN),
        individual("Trần Thị Hằng", "Chi hội trưởng Phụ nữ", "Thôn Tân Lập", HUYEN),
        individual("Lê Đình Khải", "Tổ viên", "Tổ bảo vệ an ninh trật tự thôn Đồng Mới", HUYEN, present=False, outcome="absent", handed_at=""),
        individual("Phạm Ngọc Ánh", "Trưởng thôn", "Thôn Tân Sơn", HUYEN, outcome="stand_in", stand_in_name=STAND_IN),
        individual("Hoàng Văn Đức", "Công an viên", "Thôn Cẩm Hoa", HUYEN),
        individual("Quách Thị Yến", "Giáo viên", "Trường THCS Cẩm Tân", HUYEN, present=None, outcome="later", handed_at=""),
        individual("Đỗ Mạnh Cường", "Dân quân", "Ban Chỉ huy Quân sự xã", HUYEN),
        individual("Vũ Thị Thoa", "Bí thư Chi đoàn", "Thôn Đồng Tâm", HUYEN),
        individual("Cao Xuân Trường", "Người có uy tín", "Thôn Cẩm Giang", HUYEN),
    ]
    third = [
        collective("Hội Cựu chiến binh xã Cẩm Tân", "Ông Đinh Công Thành, Chủ tịch Hội", XA, outcome="", handed_at=""),
        collective("Đoàn Thanh niên xã Cẩm Tân", "Anh Lò Văn Tú, Bí thư Đoàn xã", XA, outcome="", handed_at="", present=False),
        individual("Mai Thị Lụa", "Trưởng ban công tác Mặt trận", "Thôn Tân Lập", XA, outcome="", handed_at=""),
        individual("Lương Văn Tiến", "Công an viên", "Thôn Đồng Mới", XA, outcome="", handed_at=""),
        individual("Ngô Thị Diệu Linh", "Học sinh", "Trường THPT Cẩm Thủy 2", XA, outcome="", handed_at=""),
        individual("Trương Quốc Việt", "Chủ nhiệm Hợp tác xã", "HTX Nông nghiệp Cẩm Tân", XA, outcome="", handed_at="", present=None),
    ]
    return [
        StageBatch(1, HUYEN_PRESENTER, True, "Quyết định số 1856/QĐ-UBND ngày 05/08/2024 của Chủ tịch UBND huyện Cẩm Thủy về việc tặng Giấy khen…", first),
        StageBatch(2, ABSENT_PRESENTER, False, "", second),
        StageBatch(3, XA_PRESENTER, None, "Quyết định số 215/QĐ-UBND ngày 08/08/2024\ncủa Chủ tịch UBND xã Cẩm Tân.", third),
    ]


def all_lines() -> list[AwardLine]:
    return [line for batch in batches() for line in batch.lines]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def flat(pdf: bytes) -> str:
    pages = [nfc(page.extract_text()) for page in PdfReader(BytesIO(pdf)).pages]
    return " ".join(" ".join(pages).split())


def base_fonts(pdf: bytes) -> set[str]:
    names = set()
    for page in PdfReader(BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_the_data_is_as_described():
    lines = all_lines()
    assert len(lines) == 18
    assert [b for b in batches() if len(b.lines) > 10] == []
    names = [line.name for line in lines]
    # No name inside another: "first occurrence" checks would be meaningless otherwise.
    assert not [(a, b) for a in names for b in names if a != b and a in b]


def test_call_sheet_lists_every_batch_in_stage_order():
    pdf = call_sheet_pdf(event(), batches())
    assert pdf.startswith(b"%PDF")
    text = flat(pdf)
    assert "SƠ ĐỒ TRAO THƯỞNG" in text
    assert "BAN CHỈ ĐẠO ANTT XÃ CẨM TÂN" in text
    assert "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2024" in text
    assert "Trang 1" in text
    # Each batch has one form: said once under its heading, not in a column repeating it.
    assert "Vị trí Tập thể / Cá nhân Chức vụ – Đơn vị Có mặt" in text
    assert text.count("Hình thức: Giấy khen của Chủ tịch UBND huyện Cẩm Thủy") == 2
    assert text.count("Hình thức: Giấy khen của Chủ tịch UBND xã Cẩm Tân") == 1
    for batch in batches():
        assert f"Đợt {batch.number} — Đại biểu trao:" in text
        positions = [text.find(nfc(line.name)) for line in batch.lines]
        assert -1 not in positions, batch.number
        assert positions == sorted(positions), batch.number
    # batches follow one another
    starts = [text.find(f"Đợt {n} —") for n in (1, 2, 3)]
    assert starts == sorted(starts)
    assert f"Đợt 2 — Đại biểu trao: {ABSENT_PRESENTER} (chưa có mặt)" in text
    assert f"{HUYEN_PRESENTER} (chưa có mặt)" not in text
    assert f"{XA_PRESENTER} (chưa có mặt)" not in text
    assert "Đại diện nhận: Đồng chí Phạm Văn Hùng, Trưởng Công an xã" in text
    assert "Đại diện nhận: Ông Đinh Công Thành, Chủ tịch Hội" in text
    assert "Quyết định số 215/QĐ-UBND ngày 08/08/2024 của Chủ tịch UBND xã Cẩm Tân." in text
    assert "Trái" in text and "Phải (nhìn từ dưới hội trường)" in text
    assert "Giấy khen của Chủ tịch UBND huyện Cẩm Thủy" in text


def test_call_sheet_escapes_user_text():
    text = flat(call_sheet_pdf(event(), batches()))
    assert TRICKY in text
    assert "&amp;" not in text


def test_call_sheet_shows_who_is_present():
    text = flat(call_sheet_pdf(event(), batches()))
    # Trần Thị Hằng is present, Lê Đình Khải not yet, Quách Thị Yến unknown.
    between = text[text.find("Trần Thị Hằng") : text.find("Lê Đình Khải")]
    assert "Có" in between.replace("Chi hội trưởng", "")
    between = text[text.find("Lê Đình Khải") : text.find("Phạm Ngọc Ánh")]
    assert "Chưa" in between
    between = text[text.find("Quách Thị Yến") : text.find("Đỗ Mạnh Cường")]
    assert "Chưa" not in between and " Có" not in between


def test_each_batch_fits_on_a_page_of_its_own():
    reader = PdfReader(BytesIO(call_sheet_pdf(event(), batches())))
    for n in (1, 2, 3):
        pages = [i for i, page in enumerate(reader.pages) if f"Đợt {n} —" in nfc(page.extract_text())]
        assert len(pages) == 1
        batch = batches()[n - 1]
        page_text = " ".join(nfc(reader.pages[pages[0]].extract_text()).split())
        assert all(nfc(line.name) in page_text for line in batch.lines)


def big_batches() -> list[StageBatch]:
    """Two full batches of ten as `plan_batches` makes them for a district decision: collectives
    with their representatives, individuals with long positions, a long announcement."""
    long_job = "Thành viên Tổ bảo vệ an ninh, trật tự"
    first = [collective(f"Tổ bảo vệ ANTT thôn số {n}", f"Ông Nguyễn Văn Đại diện {n}, Tổ trưởng", HUYEN)
             for n in range(1, 7)]
    first += [individual(f"Cá nhân thứ {n}", long_job, f"Tổ bảo vệ ANTT thôn Phiến Thôn {n}", HUYEN, present=False,
                         achievement="Tích cực tham gia phát hiện, tố giác tội phạm, giữ gìn ANTT ở cơ sở")
              for n in range(1, 5)]
    second = [individual(f"Người thứ hai {n}", long_job, f"Tổ bảo vệ ANTT thôn Eo Lê {n}", HUYEN,
                         achievement="Tích cực tham gia phát hiện, tố giác tội phạm, giữ gìn ANTT ở cơ sở")
              for n in range(1, 11)]
    announcement = ("Công bố Quyết định số 1856/QĐ-UBND ngày 05/08/2024 của Chủ tịch UBND huyện Cẩm Thủy về việc "
                    "tặng Giấy khen cho 6 tập thể và 14 cá nhân đã có thành tích xuất sắc trong phong trào toàn dân "
                    "bảo vệ an ninh Tổ quốc.")
    return [StageBatch(1, "Đồng chí Dương Minh Thắng, Phó Cục trưởng Cục Xây dựng phong trào", False, announcement,
                       first),
            StageBatch(2, HUYEN_PRESENTER, True, announcement, second)]


def test_page_one_holds_the_first_batch():
    """Page 1 once held the header alone: the first batch, kept whole, moved to page 2."""
    reader = PdfReader(BytesIO(call_sheet_pdf(event(), big_batches())))
    pages = [" ".join(nfc(page.extract_text()).split()) for page in reader.pages]
    first, second = big_batches()
    assert "SƠ ĐỒ TRAO THƯỞNG" in pages[0] and "Đợt 1 —" in pages[0]
    assert all(nfc(line.name) in pages[0] for line in first.lines)  # the whole batch, its table...
    assert "Trái Phải (nhìn từ dưới hội trường)" in pages[0]  # ...and its stage diagram
    assert "Đợt 2 —" not in pages[0]
    # The next batch is still read from one page of its own.
    on = [i for i, page in enumerate(pages) if "Đợt 2 —" in page]
    assert on == [1] and all(nfc(line.name) in pages[1] for line in second.lines)
    assert len(pages) == 2
    # A repeated achievement is written once, then "Như trên", as lists are.
    assert pages[0].count("Có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc") == 1
    assert pages[0].count("Như trên") == 5 + 3


def test_a_first_batch_longer_than_a_page_starts_on_page_one():
    first = big_batches()[0]
    long = replace(first, lines=first.lines + [replace(line, name=f"{line.name} (bổ sung)") for line in first.lines])
    reader = PdfReader(BytesIO(call_sheet_pdf(event(), [long])))
    pages = [" ".join(nfc(page.extract_text()).split()) for page in reader.pages]
    assert "Đợt 1 —" in pages[0] and nfc(long.lines[0].name) in pages[0]
    assert "Vị trí Tập thể / Cá nhân" in pages[1]  # its table goes on with its head row repeated
    assert all(nfc(line.name) in " ".join(pages) for line in long.lines)


def test_a_batch_of_several_forms_keeps_the_form_column():
    mixed = StageBatch(1, XA_PRESENTER, True, "", [
        collective("Công an xã Cẩm Tân", "Đồng chí Phạm Văn Hùng", HUYEN),
        individual("Mai Thị Lụa", "Trưởng ban công tác Mặt trận", "Thôn Tân Lập", XA),
    ])
    text = flat(call_sheet_pdf(event(), [mixed]))
    assert "Vị trí Tập thể / Cá nhân Chức vụ – Đơn vị Hình thức Có mặt" in text and "Hình thức:" not in text
    assert HUYEN[1] in text and XA[1] in text


def test_register_has_every_name_grouped_by_decision_with_room_to_sign():
    pdf = register_pdf(event(), all_lines())
    text = flat(pdf)
    assert "SỔ TRAO THƯỞNG" in text
    assert "STT Họ tên / Tập thể Chức vụ – Đơn vị Kết quả Giờ Ký nhận" in text
    for line in all_lines():
        assert nfc(line.name) in text
    huyen = text.find("Quyết định số 1856/QĐ-UBND ngày 05/08/2024 — Giấy khen của Chủ tịch UBND huyện Cẩm Thủy")
    xa = text.find("Quyết định số 215/QĐ-UBND ngày 08/08/2024 — Giấy khen của Chủ tịch UBND xã Cẩm Tân")
    assert -1 < huyen < text.find("Nguyễn Văn Sơn") < xa < text.find("Mai Thị Lụa")
    assert "(3 tập thể, 9 cá nhân)" in text and "(2 tập thể, 4 cá nhân)" in text
    assert f"Nhận thay: {STAND_IN}" in text
    assert "Đã trao" in text and "Vắng" in text and "Trao sau" in text
    assert "09:12" in text
    assert TRICKY in text
    page = PdfReader(BytesIO(pdf)).pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape


def test_remaining_lists_exactly_the_awards_not_handed():
    lines = all_lines()
    text = flat(remaining_pdf(event(), lines))
    assert "DANH SÁCH KHEN THƯỞNG CHƯA TRAO" in text
    not_handed = [line for line in lines if line.outcome in ("", "absent", "later")]
    handed = [line for line in lines if line not in not_handed]
    assert len(not_handed) == 8 and len(handed) == 10
    for line in not_handed:
        assert nfc(line.name) in text, line.name
    for line in handed:
        assert nfc(line.name) not in text, line.name
    assert "Phạm Ngọc Ánh" not in text  # received by a stand-in: handed
    assert text.find("Lê Đình Khải") < text.find("Quyết định số 215/QĐ-UBND") < text.find("Mai Thị Lụa")
    assert "Tổng cộng: 8 khen thưởng chưa trao (2 tập thể, 6 cá nhân)" in text
    assert "Vắng" in text and "Trao sau" in text and "Chưa trao" in text


def test_remaining_says_when_everything_was_handed():
    lines = [replace(line, outcome="handed") for line in all_lines()]
    lines[0] = replace(lines[0], outcome="stand_in", stand_in_name=STAND_IN)
    text = flat(remaining_pdf(event(), lines))
    assert "DANH SÁCH KHEN THƯỞNG CHƯA TRAO" in text
    assert "Tất cả khen thưởng đã được trao" in text
    assert not any(nfc(line.name) in text for line in lines)


@pytest.mark.parametrize(
    "render",
    [
        lambda: call_sheet_pdf(event(), batches()),
        lambda: register_pdf(event(), all_lines()),
        lambda: remaining_pdf(event(), all_lines()),
        lambda: remaining_pdf(event(), []),
        lambda: call_sheet_pdf(event(), []),
        lambda: register_pdf(event(), []),
    ],
    ids=["call_sheet", "register", "remaining", "remaining_empty", "call_sheet_empty", "register_empty"],
)
def test_only_noto_sans_is_embedded(render):
    names = base_fonts(render())
    assert names and all("NotoSans" in name for name in names)
    assert not {name.lstrip("/") for name in names} & set(standardFonts)


def test_decomposed_input_prints_composed():
    line = replace(all_lines()[3], name=unicodedata.normalize("NFD", "Nguyễn Văn Sơn"))
    text = flat(register_pdf(event(), [line]))
    assert "Nguyễn Văn Sơn" in text
