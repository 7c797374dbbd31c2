"""Reading the spreadsheets offices really send (.xlsx and .csv), pure: no
database, no Flask.

A list from a commune office rarely starts at A1. There are title rows above
the header ("DANH SÁCH ĐẠI BIỂU ...", a date line), headers in Vietnamese or
English, merged cells (one "Đơn vị" merged down over the people it applies
to), blank rows, a totals row ("Tổng cộng: 25 đại biểu") and a signature
block at the end, repeated headers after page breaks, text in decomposed
Unicode with stray and non-breaking spaces, and numbers typed as numbers
(a phone 912345678 that lost its leading 0, an STT of 1.0). read_table turns
such a file into clean rows keyed by column, keeping the row numbers the
person sees in Excel so every problem can point at the right line.

The caller describes its columns (Column); what a value means (a level, a
phone number) is the caller's business: see kiosk/delegates/importing.py.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any

from kiosk.text import fold, nfc, without_controls

# The header is looked for in this many non-blank rows from the top.
HEADER_SCAN_ROWS = 20


@dataclass(frozen=True)
class Column:
    key: str  # "full_name"
    label: str  # Vietnamese label for messages: "Họ và tên"
    # Header texts that mean this column, compared folded (no diacritics, lower
    # case) and ignoring punctuation and spaces: "Họ và tên:" == "ho va ten".
    aliases: tuple[str, ...]
    required: bool = False  # the column must be present in the header row


@dataclass(frozen=True)
class Problem:
    row: int | None  # spreadsheet row number as seen in Excel (1-based); None for the whole file
    column: str | None  # the column's Vietnamese label; None for a whole row or file
    message: str  # Vietnamese, e.g. "Thiếu họ và tên."


@dataclass(frozen=True)
class Skipped:
    """A row read but not imported, shown in the preview so nothing vanishes unseen."""
    row: int  # spreadsheet row number as seen in Excel (1-based)
    reason: str  # Vietnamese, e.g. "Dòng trống."
    last: int | None = None  # the last row of a run of blank rows, None for one row


@dataclass
class SheetRow:
    row: int  # spreadsheet row number (1-based, as in Excel)
    values: dict[str, str]  # every column key -> cleaned text ("" if empty or absent)
    # The last section heading above this row ("I. ĐẠI BIỂU CẤP TỈNH"), "" if none.
    section: str = ""


@dataclass
class Sheet:
    rows: list[SheetRow]
    problems: list[Problem]  # file-level: unreadable file, no header row, missing required columns
    header_row: int | None
    columns_found: dict[str, str] = field(default_factory=dict)  # key -> the header text found
    skipped: list[Skipped] = field(default_factory=list)  # title, blank, header, totals rows... by row


def read_table(data: bytes, filename: str, columns: list[Column]) -> Sheet:
    """The data rows of an .xlsx or .csv file, by the columns described.
    Never raises on a bad file: what went wrong is in Sheet.problems."""
    extension = PurePath(filename or "").suffix.lower()
    if extension == ".xls":
        return _failed("Tệp .xls (Excel 97-2003) chưa đọc được: hãy mở tệp bằng Excel, "
                       "chọn Lưu thành (Save As) kiểu Excel Workbook (.xlsx) rồi gửi lại.")
    if extension not in (".xlsx", ".csv"):
        return _failed("Chỉ nhận tệp .xlsx hoặc .csv.")
    if not data:
        return _failed("Tệp rỗng.")
    try:
        if extension == ".xlsx":
            found = _first_with_header(_xlsx_grids(data), columns)
        else:
            found = _best_with_header(_csv_grids(data), columns)
    except _Unreadable as error:
        return _failed(str(error))
    if isinstance(found, Problem):
        return Sheet([], [found], None)
    grid, header_index, mapping = found
    header = grid[header_index]
    skipped = _titles(grid[:header_index])
    return Sheet(
        rows=_data_rows(grid[header_index + 1:], mapping, columns, skipped),
        problems=[],
        header_row=header.number,
        columns_found={key: header.cells[index] for key, index in mapping.items()},
        skipped=skipped,
    )


# --- cell values ------------------------------------------------------------

# Characters that print as nothing; Word and web pages leave them in names.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean_text(value: Any) -> str:
    """A cell as text: NFC, non-breaking and repeated spaces collapsed, line
    breaks as spaces, stripped; whole numbers without ".0"; dates dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Excel stores every number as a float: STT 1 arrives as 1.0.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M")
    text = without_controls(_INVISIBLE.sub("", nfc(str(value))))
    # str.split() also splits on U+00A0 and the other Unicode spaces.
    return " ".join(text.split())


def header_key(text: str) -> str:
    """"Họ và\\ntên:" -> "hovaten": how header cells and aliases are compared."""
    return re.sub(r"[^a-z0-9]", "", fold(clean_text(text)))


# --- the raw grid -----------------------------------------------------------

@dataclass
class _RawRow:
    number: int  # as in Excel
    cells: list[str]  # cleaned text of every cell, left to right
    # Indexes of cells whose text was copied from a merged range's top-left cell.
    copied: set[int] = field(default_factory=set)


class _Unreadable(Exception):
    """The file cannot be read at all; the message is for the person."""


def _failed(message: str) -> Sheet:
    return Sheet([], [Problem(None, None, message)], None)


# An OLE2 compound file: an old .xls, or an .xlsx saved with a password.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
# Excel's number formats like "0000000000" show 912345678 as 0912345678.
_ZERO_PADDED_FORMAT = re.compile(r"^0{2,}$")


def _xlsx_grids(data: bytes):
    """One grid per worksheet, visible sheets first."""
    import openpyxl  # imported here: only needed for .xlsx

    if data.startswith(_OLE_MAGIC):
        raise _Unreadable("Tệp là Excel đời cũ (.xls) hoặc có đặt mật khẩu: hãy mở bằng Excel, "
                          "bỏ mật khẩu nếu có và lưu lại kiểu Excel Workbook (.xlsx).")
    try:
        with warnings.catch_warnings():
            # openpyxl warns about extensions it ignores (data validation, ...).
            warnings.simplefilter("ignore")
            # read_only=False: read-only worksheets do not know their merged cells.
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except Exception as error:  # noqa: BLE001 - zip, XML and openpyxl errors all mean: unreadable
        raise _Unreadable("Không đọc được tệp Excel (.xlsx): tệp bị hỏng hoặc không phải tệp Excel.") from error
    sheets = sorted(workbook.worksheets, key=lambda sheet: sheet.sheet_state != "visible")
    for sheet in sheets:
        yield _sheet_grid(sheet)


def _sheet_grid(sheet) -> list[_RawRow]:
    width = sheet.max_column
    grid = []
    for number, cells in enumerate(sheet.iter_rows(), start=1):
        texts = [_cell_text(cell) for cell in cells]
        grid.append(_RawRow(number, texts + [""] * (width - len(texts))))
    # A merged range keeps its value in the top-left cell only. Copy it to every
    # cell of the range: an "Đơn vị" merged down over three people applies to
    # each of them; a title merged across stays a row of one repeated text.
    for merged in sheet.merged_cells.ranges:
        top = grid[merged.min_row - 1].cells[merged.min_col - 1] if merged.min_row <= len(grid) else ""
        for row in range(merged.min_row, min(merged.max_row, len(grid)) + 1):
            raw = grid[row - 1]
            for column in range(merged.min_col, min(merged.max_col, len(raw.cells)) + 1):
                if (row, column) != (merged.min_row, merged.min_col):
                    raw.cells[column - 1] = top
                    raw.copied.add(column - 1)
    return grid


def _cell_text(cell) -> str:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        number_format = getattr(cell, "number_format", "") or ""
        if _ZERO_PADDED_FORMAT.match(number_format):
            return str(int(value)).zfill(len(number_format))
    return clean_text(value)


_CSV_DELIMITERS = (",", ";", "\t")
# Excel's hint on the first line of a CSV: "sep=;".
_SEP_LINE = re.compile(r"^sep=(.)\r?$")
# Excel's trick to keep a leading zero in CSV: ="0912345678".
_FORMULA_TEXT = re.compile(r'^="(.*)"$')


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        # UTF-8 (with or without BOM) first; then the legacy Vietnamese Windows
        # code page, which many office PCs still save "CSV (Comma delimited)" in.
        for encoding in ("utf-8-sig", "cp1258"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise _Unreadable("Không đọc được tệp CSV: mã hóa không phải UTF-8 hay Windows-1258. "
                      "Hãy mở bằng Excel và lưu lại kiểu CSV UTF-8 (Comma delimited).")


def _csv_grids(data: bytes):
    """One grid per plausible delimiter; the caller keeps the one whose header
    matches best (a semicolon file read with commas finds no header)."""
    if data.startswith(_ZIP_MAGIC):
        raise _Unreadable("Tệp có đuôi .csv nhưng thực ra là tệp Excel: hãy đổi đuôi thành .xlsx rồi gửi lại.")
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _Unreadable("Tệp .csv không phải tệp văn bản: hãy xuất lại từ Excel kiểu CSV UTF-8.")
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    hint = _SEP_LINE.match(first_line)
    delimiters = (hint.group(1),) if hint else _CSV_DELIMITERS
    for delimiter in delimiters:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            # Records are numbered as Excel numbers the rows when it opens the
            # file; without line breaks inside quotes that is the line number.
            yield [_RawRow(number, [_csv_cell(cell) for cell in record])
                   for number, record in enumerate(reader, start=1)]
        except csv.Error as error:
            raise _Unreadable(f"Tệp CSV sai định dạng: {error}.") from error


def _csv_cell(text: str) -> str:
    formula = _FORMULA_TEXT.match(text.strip())
    return clean_text(formula.group(1) if formula else text)


# --- the header -------------------------------------------------------------

# Prefix matching ("Họ và tên đại biểu" for "Họ và tên") only for aliases at
# least this long ("Tên đơn vị" must not be the name column) and header cells
# this short (a title sentence is not a header).
_PREFIX_MIN_ALIAS = 4
_PREFIX_MAX_CELL = 40


def _alias_keys(columns: list[Column]) -> list[tuple[str, str]]:
    """(column key, alias key) pairs; the label and the key count as aliases."""
    pairs = []
    for column in columns:
        for alias in (column.label, column.key, *column.aliases):
            key = header_key(alias)
            if key and (column.key, key) not in pairs:
                pairs.append((column.key, key))
    return pairs


def _match_header(cells: list[str], aliases: list[tuple[str, str]], prefixes: bool = True) -> dict[str, int]:
    """Column key -> cell index, for the cells of one row that name a column.
    Exact matches first, then (with `prefixes`) prefixes; the leftmost cell wins a column."""
    mapping: dict[str, int] = {}
    keys = [header_key(cell) for cell in cells]
    for index, cell_key in enumerate(keys):
        for column_key, alias in aliases:
            if cell_key == alias and column_key not in mapping:
                mapping[column_key] = index
                break
    if not prefixes:
        return mapping
    used = set(mapping.values())
    for index, cell_key in enumerate(keys):
        if index in used or not cell_key or len(cells[index]) > _PREFIX_MAX_CELL:
            continue
        candidates = [(len(alias), column_key) for column_key, alias in aliases
                      if column_key not in mapping and len(alias) >= _PREFIX_MIN_ALIAS
                      and cell_key.startswith(alias)]
        if candidates:
            mapping[max(candidates)[1]] = index
            used.add(index)
    return mapping


def _is_header(mapping: dict[str, int], cells: list[str], columns: list[Column]) -> bool:
    if any(column.required and column.key not in mapping for column in columns):
        return False
    if len(mapping) >= min(2, len(columns)):
        return True
    # A one-column list ("Họ và tên" and nothing else) has a one-cell header.
    filled = [index for index, cell in enumerate(cells) if cell]
    return bool(mapping) and set(filled) <= set(mapping.values())


def _find_header(grid: list[_RawRow], columns: list[Column]):
    """(row index, mapping) of the header, or (None, best partial mapping)."""
    aliases = _alias_keys(columns)
    best: dict[str, int] = {}
    scanned = 0
    for index, row in enumerate(grid):
        if not any(row.cells):
            continue
        scanned += 1
        if scanned > HEADER_SCAN_ROWS:
            break
        mapping = _match_header(row.cells, aliases)
        if _is_header(mapping, row.cells, columns):
            return index, mapping
        if len(mapping) > len(best):
            best = mapping
    return None, best


def _no_header_problem(best: dict[str, int], columns: list[Column]) -> Problem:
    required = [column for column in columns if column.required]
    # Name what is missing from the row that came closest; if no row came
    # close, every required column is missing.
    missing = [column for column in required if column.key not in best] if len(best) >= 2 else required
    if missing:
        names = ", ".join(f"“{column.label}”" for column in missing)
        which = "cột" if len(missing) == 1 else "các cột"
        return Problem(None, None, f"Không tìm thấy dòng tiêu đề có {which} {names}.")
    examples = ", ".join(f"“{column.label}”" for column in columns[:3])
    return Problem(None, None, f"Không tìm thấy dòng tiêu đề (có các cột như {examples}) "
                               f"trong {HEADER_SCAN_ROWS} dòng đầu.")


def _first_with_header(grids, columns: list[Column]):
    """The first grid (worksheet) with a header, or the problem of the first."""
    problem = None
    for grid in grids:
        index, mapping = _find_header(grid, columns)
        if index is not None:
            return grid, index, mapping
        if problem is None:
            problem = _no_header_problem(mapping, columns) if _has_text(grid) else _EMPTY
    return problem or _EMPTY


def _best_with_header(grids, columns: list[Column]):
    """The grid (CSV delimiter) whose header names the most columns."""
    best = None
    closest: dict[str, int] = {}
    empty = False
    for grid in grids:
        # Read with the right delimiter, a file of only ";;" lines has no text.
        empty = empty or not _has_text(grid)
        index, mapping = _find_header(grid, columns)
        if index is not None and (best is None or len(mapping) > len(best[2])):
            best = (grid, index, mapping)
        elif index is None and len(mapping) > len(closest):
            closest = mapping
    if best is None and empty:
        return _EMPTY
    return best or _no_header_problem(closest, columns)


_EMPTY = Problem(None, None, "Tệp không có dữ liệu.")


def _has_text(grid: list[_RawRow]) -> bool:
    return any(any(row.cells) for row in grid)


# --- the rows below the header ----------------------------------------------

# A totals row: "Tổng cộng: 25 đại biểu", "Tổng số", "Cộng", "Cộng: 25", "Tổng 25".
# "Cộng"/"Tổng" must stand alone or be followed by a number: folded, "Công an
# xã" and the surname "Tống" look the same.
_TOTALS = re.compile(r"^(?:tong cong|tong so)(?!\w)|^(?:cong|tong)\s*[:.]?\s*(?:\d|$)|^cong\s*:")
# The start of a signature block; nothing after it is data.
_FOOTER = re.compile(r"^(?:nguoi lap|lap bieu|noi nhan|xac nhan cua|\(?ky,? (?:ten|ghi ro))")
# The place and date line above the signatures: "Cẩm Tân, ngày 10 tháng 8 năm 2024".
# Only on a row with little else on it: a decision cell "1856/QĐ-UBND ngày 12/8/2024"
# inside the list is data, not the end of the list.
_SIGNATURE_DATE = re.compile(r"(?<!\w)ngay\s*(?:\d{1,2}|[.…_]+)?\s*(?:thang(?!\w)|/)")
# After a totals row, also the usual lines above a signature.
_FOOTER_AFTER_TOTALS = re.compile(
    r"^(?:tm|kt|ttl|tl)(?:\.|\s)|^(?:thu truong|truong ban|chu tich|giam doc|bi thu|xac nhan|ban to chuc)"
)
# One cell naming a part of the list: "I. ĐẠI BIỂU TRUNG ƯƠNG", "A) Khách mời".
_SECTION = re.compile(r"^(?:[ivxlc]+|[a-z])\s*[.)]\s*\w|^(?:dai bieu|khach moi|thanh phan)(?!\w)")
# The row of column numbers many forms have under the header: (1) (2) (3) / A B 1 2.
_COLUMN_NUMBER = re.compile(r"^\(?(?:\d{1,2}|[a-z])\)?$")


def _has_name(raw: _RawRow, mapping: dict[str, int]) -> bool:
    """The row has something in the name column other than its first cell's date line."""
    for key in ("full_name", "name"):
        index = mapping.get(key)
        if index is not None and index < len(raw.cells) and raw.cells[index] and \
                not _SIGNATURE_DATE.search(fold(raw.cells[index])):
            return True
    return False


def quoted(text: str, limit: int = 60) -> str:
    """A cell's text for a message: “DANH SÁCH ĐẠI BIỂU…”, cut if long."""
    return f"“{text if len(text) <= limit else text[:limit - 1].rstrip() + '…'}”"


def _titles(above: list[_RawRow]) -> list[Skipped]:
    """The rows above the header: the list's title, its date line."""
    return [Skipped(raw.number, f"Tiêu đề phía trên bảng: {quoted(_row_text(raw))}.")
            for raw in above if any(raw.cells)]


def _row_text(raw: _RawRow) -> str:
    # A title merged across the columns arrives as the same text in each cell.
    return " ".join(dict.fromkeys(cell for cell in raw.cells if cell))


class _Blanks:
    """Blank rows in a run, listed once something follows them (blank rows
    after the end of the list are no news)."""

    def __init__(self, skipped: list[Skipped]):
        self.skipped = skipped
        self.first = self.last = None

    def add(self, number: int) -> None:
        self.first = self.first or number
        self.last = number

    def flush(self) -> None:
        if self.first is not None:
            last = self.last if self.last != self.first else None
            self.skipped.append(Skipped(self.first, "Dòng trống." if last is None else "Các dòng trống.", last))
        self.first = self.last = None


def _data_rows(grid: list[_RawRow], mapping: dict[str, int], columns: list[Column],
               skipped: list[Skipped]) -> list[SheetRow]:
    """The rows of data; every other row read is appended to `skipped` with why."""
    aliases = _alias_keys(columns)
    rows: list[SheetRow] = []
    section = ""
    after_totals = False
    blanks = _Blanks(skipped)
    for raw in grid:
        texts = [cell for cell in raw.cells if cell]
        if not texts:
            blanks.add(raw.number)
            continue
        blanks.flush()

        def skip(reason: str) -> None:
            skipped.append(Skipped(raw.number, reason))

        first = fold(texts[0])
        signature_date = len(texts) <= 2 and _SIGNATURE_DATE.search(first) and not _has_name(raw, mapping)
        if _FOOTER.search(first) or signature_date or (after_totals and _FOOTER_AFTER_TOTALS.match(first)):
            skip("Phần ký tên cuối danh sách: không đọc từ dòng này trở xuống.")
            break
        if _TOTALS.match(first):
            after_totals = True
            skip(f"Dòng tổng cộng: {quoted(_row_text(raw))}.")
            continue
        values = {column.key: _cell(raw.cells, mapping.get(column.key)) for column in columns}
        if not any(values.values()):
            skip("Chỉ có chữ ở những cột không nhập.")
            continue
        if all(index in raw.copied for key, index in mapping.items() if values[key]):
            skip("Chỉ có ô gộp kéo xuống từ dòng trên, không có gì điền riêng.")
            continue
        if _is_repeated_header(raw.cells, mapping, aliases):
            skip("Dòng tên cột lặp lại (thường do in sang trang mới).")  # Excel repeats it on every printed page
            continue
        if len(texts) >= 3 and all(_COLUMN_NUMBER.match(fold(text)) for text in texts):
            skip("Dòng đánh số cột (1), (2), (3)…")
            continue
        heading = _section_heading(texts)
        if heading:
            section = heading
            skip(f"Tiêu đề mục: {quoted(heading)}.")
            continue
        rows.append(SheetRow(raw.number, values, section))
    return rows


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _is_repeated_header(cells: list[str], mapping: dict[str, int], aliases) -> bool:
    # Exact header texts only: data such as "Thôn Eo Lê" or "Suất quà của UBND xã"
    # begins like a header ("Thôn", "Suất quà") and is still data.
    again = _match_header(cells, aliases, prefixes=False)
    same = sum(1 for key, index in mapping.items() if again.get(key) == index)
    return same >= min(2, len(mapping))


def _section_heading(texts: list[str]) -> str:
    # A heading merged across the columns arrives as the same text in each cell.
    if len(texts) >= 2 and len(set(texts)) == 1 and any(ch.isalpha() for ch in texts[0]):
        return texts[0]
    if len(texts) == 1 and _SECTION.match(fold(texts[0])):
        return texts[0]
    return ""
