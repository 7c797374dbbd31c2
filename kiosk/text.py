"""Vietnamese text: names are kept exactly (NFC); search ignores diacritics."""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 control characters and DEL: a bell or an escape typed into a name
# shows as nothing, and no workbook can hold it. Tab and line breaks stay
# where a field keeps lines (kiosk.fields collapses them elsewhere).
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def without_controls(text: str) -> str:
    return CONTROLS.sub("", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """"Nguyễn Văn Đức" -> "nguyen van duc": no marks, lower case, đ as d,
    spaces collapsed. Used on both sides of every name search."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.lower().split())
