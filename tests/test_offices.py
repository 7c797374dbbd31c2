"""A position and its organization said as one phrase (kiosk.offices), over
the titles of the official plans (../shared/seeds) and the demo event."""

import pytest

from kiosk.demo import DELEGATE_PLAN
from kiosk.offices import office, office_line
from kiosk.text import fold


@pytest.mark.parametrize("position, organization, said", [
    # The position names the body: the body is not said twice, the place is kept.
    ("Phó Chủ tịch UBND tỉnh", "UBND tỉnh Thanh Hóa", "Phó Chủ tịch UBND tỉnh Thanh Hóa"),
    ("Thành viên Tổ bảo vệ ANTT", "Tổ bảo vệ ANTT thôn Eo Lê", "Thành viên Tổ bảo vệ ANTT thôn Eo Lê"),
    ("Trưởng Công an xã", "Công an xã Cẩm Tân", "Trưởng Công an xã Cẩm Tân"),
    ("Phó Chủ tịch UBND xã", "UBND xã Cẩm Tân", "Phó Chủ tịch UBND xã Cẩm Tân"),
    ("Ủy viên BTV Tỉnh ủy", "Tỉnh ủy Bắc Giang", "Ủy viên BTV Tỉnh ủy Bắc Giang"),
    ("Thành viên Ban Chỉ đạo 138 huyện", "Ban Chỉ đạo 138 huyện Cẩm Thủy",
     "Thành viên Ban Chỉ đạo 138 huyện Cẩm Thủy"),
    ("Trưởng thôn", "Thôn Eo Lê", "Trưởng thôn Eo Lê"),
    ("Trưởng phòng", "Phòng Tham mưu, Công an tỉnh", "Trưởng phòng Tham mưu, Công an tỉnh"),
    # Abbreviations and their words are the same body; the position's own words stay.
    ("Chủ tịch UBND tỉnh", "Ủy ban nhân dân tỉnh Bắc Giang", "Chủ tịch UBND tỉnh Bắc Giang"),
    ("Chủ tịch Ủy ban nhân dân tỉnh", "UBND tỉnh Bình Phước", "Chủ tịch Ủy ban nhân dân tỉnh Bình Phước"),
    ("Chủ tịch Ủy ban MTTQ xã", "Ủy ban MTTQ Việt Nam xã Cẩm Tân", "Chủ tịch Ủy ban MTTQ xã Cẩm Tân"),
    # Marks and case do not matter when comparing ...
    ("phó chủ tịch ubnd tinh", "UBND tỉnh Thanh Hóa", "phó chủ tịch ubnd tinh Thanh Hóa"),
    ("Giám đốc Công an tỉnh", "CÔNG AN TỈNH THANH HÓA", "Giám đốc Công an tỉnh THANH HÓA"),
    # ... the whole body already in the position: said once.
    ("Chủ tịch UBND xã Cẩm Tân", "UBND xã Cẩm Tân", "Chủ tịch UBND xã Cẩm Tân"),
    ("Trưởng Công an xã Cẩm Tân, huyện Cẩm Thủy", "Công an xã Cẩm Tân",
     "Trưởng Công an xã Cẩm Tân, huyện Cẩm Thủy"),
    ("Phó Chủ tịch UBND tỉnh", "UBND tỉnh", "Phó Chủ tịch UBND tỉnh"),
    # The position is a bare title: the organization follows it.
    ("Chủ tịch", "UBND xã Cẩm Tân", "Chủ tịch UBND xã Cẩm Tân"),
    ("Phó Chủ tịch", "Ủy ban MTTQ Việt Nam tỉnh", "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"),
    ("Chủ tịch", "Hội Liên hiệp Phụ nữ xã Cẩm Tân", "Chủ tịch Hội Liên hiệp Phụ nữ xã Cẩm Tân"),
    ("Cán bộ", "Công an xã Cẩm Tân", "Cán bộ Công an xã Cẩm Tân"),
    ("Chỉ huy trưởng", "Ban Chỉ huy Quân sự huyện Cẩm Thủy", "Chỉ huy trưởng Ban Chỉ huy Quân sự huyện Cẩm Thủy"),
    ("Phó Cục trưởng", "Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc, Bộ Công an",
     "Phó Cục trưởng Cục Xây dựng phong trào bảo vệ an ninh Tổ quốc, Bộ Công an"),
    ("Bí thư Chi bộ", "Thôn Eo Lê", "Bí thư Chi bộ Thôn Eo Lê"),  # a place follows any position
    # The position names another body: the organization after a comma.
    ("Nguyên Trưởng Công an xã", "Hội Cựu Công an nhân dân xã", "Nguyên Trưởng Công an xã, Hội Cựu Công an nhân dân xã"),
    ("Trưởng Công an xã", "Ban Chỉ đạo ANTT xã Cẩm Tân", "Trưởng Công an xã, Ban Chỉ đạo ANTT xã Cẩm Tân"),
    ("Trưởng Công an xã", "Tỉnh ủy Thanh Hóa", "Trưởng Công an xã, Tỉnh ủy Thanh Hóa"),
    # One of them empty, spaces tidied.
    ("", "UBND xã Cẩm Tân", "UBND xã Cẩm Tân"),
    ("Trưởng thôn", "", "Trưởng thôn"),
    ("  Phó Chủ tịch  UBND tỉnh ", " UBND tỉnh  Thanh Hóa", "Phó Chủ tịch UBND tỉnh Thanh Hóa"),
    ("", "", ""),
])
def test_office_as_the_mc_says_it(position, organization, said):
    assert office(position, organization) == said


def test_the_text_is_kept_exactly_and_in_nfc():
    decomposed = "Pho\u0301 Chu\u0309 ti\u0323ch UBND ti\u0309nh"  # "Phó Chủ tịch UBND tỉnh", typed decomposed
    assert office(decomposed, "UBND tỉnh Thanh Hóa") == "Phó Chủ tịch UBND tỉnh Thanh Hóa"
    assert office("Uỷ viên Ban Thường vụ", "Huyện uỷ Cẩm Thủy") == "Uỷ viên Ban Thường vụ Huyện uỷ Cẩm Thủy"


@pytest.mark.parametrize("level, group, position, organization", [row[:4] for row in DELEGATE_PLAN])
def test_every_demo_title_is_said_once_with_its_place(level, group, position, organization):
    said = office(position, organization)
    assert said.startswith(position)  # the position's words, as typed
    assert fold(said).endswith(fold(organization).split()[-1])  # the place (last word) is kept
    words = fold(said).split()
    doubled = [words[i:i + 2] for i in range(len(words) - 3) if words[i:i + 2] == words[i + 2:i + 4]]
    assert not doubled, said


def test_office_line_names_the_person():
    assert office_line("Đồng chí Lê Thu Lan", "Chủ tịch", "Hội Liên hiệp Phụ nữ xã Cẩm Tân") == (
        "Đồng chí Lê Thu Lan, Chủ tịch Hội Liên hiệp Phụ nữ xã Cẩm Tân")
    assert office_line("Ông Nguyễn Văn A", "", "") == "Ông Nguyễn Văn A"
