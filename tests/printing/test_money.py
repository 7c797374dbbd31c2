"""Amounts in figures and in words, as accountants write them on receipts."""

from __future__ import annotations

import pytest

from printing.money import amount_in_words, format_number, format_vnd

# The examples of the brief.
BRIEF = [
    (0, "Không đồng"),
    (1_000_000, "Một triệu đồng chẵn"),
    (5_000_000, "Năm triệu đồng chẵn"),
    (15_000_000, "Mười lăm triệu đồng chẵn"),
    (1_500_000_000, "Một tỷ năm trăm triệu đồng chẵn"),
    (5_500_000, "Năm triệu năm trăm nghìn đồng chẵn"),
    (1_005, "Một nghìn không trăm linh năm đồng"),
    (2_021, "Hai nghìn không trăm hai mươi mốt đồng"),
    (105, "Một trăm linh năm đồng"),
    (1_000_005, "Một triệu không trăm linh năm đồng"),
    (21, "Hai mươi mốt đồng"),
    (15, "Mười lăm đồng"),
    (25, "Hai mươi lăm đồng"),
    (14, "Mười bốn đồng"),
    (24, "Hai mươi tư đồng"),
    (10, "Mười đồng"),
    (11, "Mười một đồng"),
    (1_050, "Một nghìn không trăm năm mươi đồng"),
    (1_500, "Một nghìn năm trăm đồng"),
    (1_000_000_000_000, "Một nghìn tỷ đồng chẵn"),
    (2_000_000_000_000_000, "Hai triệu tỷ đồng chẵn"),
]

# Odd sums: every rule, and the places where they meet.
ODD_SUMS = [
    (1_234_567, "Một triệu hai trăm ba mươi tư nghìn năm trăm sáu mươi bảy đồng"),
    (10_010_010, "Mười triệu không trăm mười nghìn không trăm mười đồng"),
    (100_000, "Một trăm nghìn đồng chẵn"),
    (101_000, "Một trăm linh một nghìn đồng chẵn"),
    (110, "Một trăm mười đồng"),
    (
        999_999_999,
        "Chín trăm chín mươi chín triệu chín trăm chín mươi chín nghìn chín trăm chín mươi chín đồng",
    ),
    (1, "Một đồng"),
    (4, "Bốn đồng"),
    (5, "Năm đồng"),
    (20, "Hai mươi đồng"),
    (31, "Ba mươi mốt đồng"),
    (44, "Bốn mươi tư đồng"),
    (55, "Năm mươi lăm đồng"),
    (100, "Một trăm đồng"),
    (101, "Một trăm linh một đồng"),
    (104, "Một trăm linh bốn đồng"),
    (111, "Một trăm mười một đồng"),
    (115, "Một trăm mười lăm đồng"),
    (121, "Một trăm hai mươi mốt đồng"),
    (1_000, "Một nghìn đồng chẵn"),
    (1_001, "Một nghìn không trăm linh một đồng"),
    (1_010, "Một nghìn không trăm mười đồng"),
    (1_100, "Một nghìn một trăm đồng"),
    (10_000, "Mười nghìn đồng chẵn"),
    (15_000, "Mười lăm nghìn đồng chẵn"),
    (21_000, "Hai mươi mốt nghìn đồng chẵn"),
    (24_500, "Hai mươi tư nghìn năm trăm đồng"),
    (250_000, "Hai trăm năm mươi nghìn đồng chẵn"),
    (350_500, "Ba trăm năm mươi nghìn năm trăm đồng"),
    (500_000, "Năm trăm nghìn đồng chẵn"),
    (1_000_500, "Một triệu năm trăm đồng"),
    (1_005_000, "Một triệu không trăm linh năm nghìn đồng chẵn"),
    (1_050_000, "Một triệu không trăm năm mươi nghìn đồng chẵn"),
    (2_500_000, "Hai triệu năm trăm nghìn đồng chẵn"),
    (12_345_000, "Mười hai triệu ba trăm bốn mươi lăm nghìn đồng chẵn"),
    (21_000_000, "Hai mươi mốt triệu đồng chẵn"),
    (100_000_000, "Một trăm triệu đồng chẵn"),
    (1_000_000_000, "Một tỷ đồng chẵn"),
    (1_000_000_001, "Một tỷ không trăm linh một đồng"),
    (1_000_050_000, "Một tỷ không trăm năm mươi nghìn đồng chẵn"),
    (2_024_000_000, "Hai tỷ không trăm hai mươi tư triệu đồng chẵn"),
    (15_000_000_000, "Mười lăm tỷ đồng chẵn"),
    (1_005_000_000_000, "Một nghìn không trăm linh năm tỷ đồng chẵn"),
    (1_000_000_000_000_000, "Một triệu tỷ đồng chẵn"),
    (1_000_000_000_000_000_000, "Một tỷ tỷ đồng chẵn"),
    (
        2_001_000_000_005_000,
        "Hai triệu không trăm linh một nghìn tỷ không trăm linh năm nghìn đồng chẵn",
    ),
]


@pytest.mark.parametrize(("amount", "words"), BRIEF + ODD_SUMS)
def test_amount_in_words(amount, words):
    assert amount_in_words(amount) == words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (-1_500_000, "Âm một triệu năm trăm nghìn đồng chẵn"),
        (-21, "Âm hai mươi mốt đồng"),
    ],
)
def test_negative_amounts(amount, words):
    assert amount_in_words(amount) == words


def test_chan_only_for_whole_thousands():
    for amount in range(1, 5_000_000, 7_919):
        assert amount_in_words(amount).endswith("đồng chẵn") == (amount % 1_000 == 0)
    assert amount_in_words(7_000).endswith("đồng chẵn")


def test_every_amount_below_ten_thousand_reads_cleanly():
    """No doubled words, no "không" except as "không trăm", always capitalised."""
    for amount in range(1, 10_000):
        words = amount_in_words(amount)
        assert words[0].isupper()
        parts = words.lower().split()
        assert all(a != b for a, b in zip(parts, parts[1:])), words
        for index, part in enumerate(parts):
            if part == "không":
                assert parts[index + 1] == "trăm", words
        assert ("linh" in parts) == (amount % 100 < 10 and amount % 10 != 0 and amount >= 100), words


@pytest.mark.parametrize(
    ("amount", "figures"),
    [
        (0, "0 đ"),
        (5, "5 đ"),
        (500, "500 đ"),
        (1_500, "1.500 đ"),
        (500_000, "500.000 đ"),
        (1_500_000, "1.500.000 đ"),
        (5_000_000, "5.000.000 đ"),
        (1_234_567_890, "1.234.567.890 đ"),
        (-1_500_000, "-1.500.000 đ"),
        (-999, "-999 đ"),
    ],
)
def test_format_vnd(amount, figures):
    assert format_vnd(amount) == figures


def test_format_number_has_no_unit():
    assert format_number(500_000) == "500.000"
    assert format_number(-1_000) == "-1.000"
