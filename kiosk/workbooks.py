"""Every workbook the kiosk writes (.xlsx exports, the report, the templates).

What people typed stays text, exactly, in every cell: a control character
(a bell, an escape: no workbook can hold one) is left out instead of failing
the whole export, a name typed "=HYPERLINK(...)" is never a formula, and text
that begins with =, +, - or @ is marked as text (Excel's quote prefix), so it
stays text when a person edits the cell."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from kiosk.text import without_controls

FORMULA_STARTS = ("=", "+", "-", "@")
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def cell_value(value):
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", without_controls(value))
    return value


def append(sheet, values) -> None:
    """sheet.append, with every text kept as text."""
    sheet.append([cell_value(value) for value in values])
    for cell in sheet[sheet.max_row]:
        as_text(cell)


def as_text(cell) -> None:
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True


def sheet_title(text: str) -> str:
    """A sheet's name: without what Excel forbids there, at most 31 characters."""
    return SHEET_TITLE_FORBIDDEN.sub("-", cell_value(text))[:31] or "-"


def saved(book: Workbook) -> bytes:
    """The workbook's bytes, every cell checked once more."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                as_text(cell)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
