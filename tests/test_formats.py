"""Vietnamese text and the formats of DOMAIN.md."""

import unicodedata
from datetime import date, datetime, timezone

from kiosk.i18n import format_date, format_money, format_time
from kiosk.text import fold, nfc


def test_fold_ignores_marks_case_and_spacing():
    assert fold("Nguyễn Văn A") == fold("nguyen van a") == fold("NGUYEN  VAN A") == "nguyen van a"
    assert fold("Đặng Đình Đức") == "dang dinh duc"
    assert fold(unicodedata.normalize("NFD", "Lê Thị Hồng Nhung")) == "le thi hong nhung"


def test_nfc_keeps_the_name_exactly():
    composed = "Nguyễn Thị Ánh"
    assert nfc(unicodedata.normalize("NFD", composed)) == composed


def test_money_in_dong():
    assert format_money(1_000_000) == "1.000.000 đ"
    assert format_money(500_000) == "500.000 đ"
    assert format_money(0) == "0 đ"
    assert format_money(1_500_000_000) == "1.500.000.000 đ"


def test_dates_and_times_in_the_venue_zone():
    assert format_date(date(2024, 8, 5)) == "05/08/2024"
    late_evening_utc = datetime(2024, 8, 18, 18, 30, tzinfo=timezone.utc)
    assert format_date(late_evening_utc) == "19/08/2024"  # already the 19th in Việt Nam
    assert format_time(datetime(2024, 8, 19, 0, 42, tzinfo=timezone.utc)) == "07:42"
