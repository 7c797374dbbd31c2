"""Vietnamese text: names are kept exactly (NFC); search ignores diacritics."""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """"Nguyễn Văn Đức" -> "nguyen van duc": no marks, lower case, đ as d,
    spaces collapsed. Used on both sides of every name search."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.lower().split())
