"""Vietnamese money: amounts in figures ("1.500.000 đ") and in words as
accountants write them on receipts ("Bằng chữ: Một triệu năm trăm nghìn đồng chẵn").

Reading rules, group of three digits by group of three:
- the leading group says only what it has (5 → "năm", 15 → "mười lăm");
  every later non-zero group says its hundreds, "không trăm" included
  (1.050 → "một nghìn không trăm năm mươi");
- a zero tens digit before a non-zero unit, after hundreds, is "linh" (105 → "một trăm linh năm");
- after a tens digit: 1 is "mốt" from twenty up (21, but 11 is "mười một"),
  4 is "tư" from twenty up (24, but 14 is "mười bốn"), 5 is always "lăm" (15, 25);
- groups that are all zeros are left out; past "tỷ" the scales repeat
  ("nghìn tỷ", "triệu tỷ", "tỷ tỷ");
- "chẵn" closes a round amount (a whole multiple of 1.000)."""

from __future__ import annotations

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
SCALES = ((1_000_000, "triệu"), (1_000, "nghìn"), (1, ""))
BILLION = 1_000_000_000


def format_vnd(amount: int) -> str:
    """1500000 → "1.500.000 đ"; negative amounts keep their minus sign."""
    return f"{format_number(amount)} đ"


def format_number(amount: int) -> str:
    """1500000 → "1.500.000" (dots between thousands, as Vietnamese writes them)."""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", ".")


def amount_in_words(amount: int) -> str:
    """1000000 → "Một triệu đồng chẵn"; 1005 → "Một nghìn không trăm linh năm đồng"."""
    amount = int(amount)
    if amount == 0:
        return "Không đồng"
    words = _read(abs(amount), leading=True)
    if amount < 0:
        words.insert(0, "âm")
    words.append("đồng")
    if amount % 1000 == 0:
        words.append("chẵn")
    text = " ".join(words)
    return text[0].upper() + text[1:]


def _read(number: int, leading: bool) -> list[str]:
    """The words of number > 0; leading: nothing has been said before it."""
    if number >= BILLION:
        high, low = divmod(number, BILLION)
        words = _read(high, leading) + ["tỷ"]
        return words + _read(low, False) if low else words
    words: list[str] = []
    for scale, name in SCALES:
        group = number // scale % 1000
        if not group:
            continue
        words += _group(group, full=not leading)
        leading = False
        if name:
            words.append(name)
    return words


def _group(number: int, full: bool) -> list[str]:
    """0 < number < 1000; full: say the hundreds even when zero ("không trăm")."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            words += ["linh", DIGITS[units]] if words else [DIGITS[units]]
        return words
    if tens == 1:
        words.append("mười")
    else:
        words += [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("mốt" if tens >= 2 else "một")
    elif units == 4:
        words.append("tư" if tens >= 2 else "bốn")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words
