"""Gift recipient lists (danh sách tặng quà) as offices send them: the
households, people and collectives to receive a gift, what each row
becomes, what is inferred (the category from the section, individual,
household or collective from the name), and the problems worth telling the
person about. Pure: no database, no Flask.

parse_gift_recipients reads the file with kiosk.importing.read_table and
checks each row, in the manner of kiosk/delegates/importing.py. Rows with a
problem are left out of GiftFile.rows; every one of them has at least one
Problem naming its Excel row and column.

A list is often split by category without a category column: "I. HỘ
NGHÈO", "II. GIA ĐÌNH CHÍNH SÁCH", sometimes "III" in the STT column and
"HỌC SINH NGHÈO VƯỢT KHÓ" beside it. Such headings give the category of
the rows below them when the row itself does not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from kiosk.delegates.importing import _clean_phone, _Keywords
from kiosk.gifts.models import RECIPIENT_CATEGORIES
from kiosk.importing import Column, Problem, SheetRow, Skipped, header_key, quoted, read_table
from kiosk.text import fold, nfc

GIFT_COLUMNS: list[Column] = [
    Column("stt", "STT", ("stt", "tt", "số tt", "số thứ tự", "thứ tự", "no", "no.")),
    Column("name", "Họ và tên", ("họ và tên", "họ tên", "tên", "tên hộ", "chủ hộ", "người nhận", "tên tập thể",
                                 "tên người nhận", "name", "full name"), required=True),
    Column("category", "Đối tượng", ("đối tượng", "diện", "thành phần", "loại đối tượng", "diện đối tượng",
                                     "loại hộ", "category")),
    Column("kind", "Loại", ("loại", "hình thức nhận", "kind")),
    Column("address", "Địa chỉ", ("địa chỉ", "thôn", "thôn, xóm", "thôn, bản", "xóm", "tổ dân phố", "nơi ở",
                                  "nơi cư trú", "address")),
    Column("id_number", "Số CCCD", ("số cccd", "cccd", "số định danh", "cmnd", "số cmnd", "cccd/cmnd",
                                    "số căn cước", "căn cước", "id")),
    Column("phone", "Số điện thoại", ("số điện thoại", "điện thoại", "sđt", "số đt", "đt", "dđ", "di động",
                                      "phone", "mobile", "tel")),
    Column("package", "Suất quà", ("suất quà", "loại quà", "quà", "quà tặng", "phần quà", "package")),
    Column("value", "Số tiền", ("số tiền", "giá trị", "trị giá", "thành tiền", "mức hỗ trợ", "value")),
    Column("notes", "Ghi chú", ("ghi chú", "notes", "note")),
]
_LABELS = {column.key: column.label for column in GIFT_COLUMNS}

# The database's column widths (kiosk/gifts/models.py).
_MAX_LENGTH = {"name": 200, "address": 300, "phone": 30, "package": 300}


@dataclass
class GiftRow:
    row: int  # Excel row number
    name: str  # as written (NFC)
    kind: str  # "individual", "household" or "collective"
    category: str  # a code of RECIPIENT_CATEGORIES
    address: str
    id_number: str  # digits only (CCCD: 12 digits, old CMND 9), "" if none
    phone: str
    package: str  # the package name as written, "" if none (allocated later)
    value: int | None  # đồng; None if empty
    notes: str


@dataclass
class GiftFile:
    rows: list[GiftRow]  # the rows without problems, in file order
    problems: list[Problem]  # file-level first, then by row
    skipped: list[Skipped] = field(default_factory=list)  # title, blank, totals, heading rows... by row


# --- categories -------------------------------------------------------------

_CATEGORY_KEYWORDS = _Keywords([
    ("hộ nghèo", "poor_household"), ("hộ cận nghèo", "poor_household"), ("cận nghèo", "poor_household"),
    ("hộ (?:gia đình )?(?:có )?hoàn cảnh (?:đặc biệt )?khó khăn", "poor_household"),
    ("hộ khó khăn", "poor_household"),
    ("gia đình chính sách", "policy_family"), ("gđ chính sách", "policy_family"), ("gđcs", "policy_family"),
    ("chính sách", "policy_family"), ("thương binh", "policy_family"), ("bệnh binh", "policy_family"),
    ("liệt sĩ", "policy_family"), ("liệt sỹ", "policy_family"), ("người có công", "policy_family"),
    ("có công với cách mạng", "policy_family"), ("mẹ việt nam anh hùng", "policy_family"),
    ("(?:học sinh|sinh viên|hs)(?: nghèo)?(?: vượt khó)?", "poor_student"),
    ("(?:học sinh|sinh viên|hs) (?:có )?hoàn cảnh (?:đặc biệt )?khó khăn", "poor_student"),
    ("quần chúng (?:bị thương|hy sinh|hi sinh)", "injured_volunteer"), ("bị thương", "injured_volunteer"),
    ("hy sinh", "injured_volunteer"), ("hi sinh", "injured_volunteer"),
    ("lực lượng (?:tham gia )?(?:bảo vệ|an ninh|antt)", "security_force"),
    ("lực lượng (?:ở )?cơ sở", "security_force"), ("antt", "security_force"),
    ("an ninh,? trật tự", "security_force"), ("tổ bảo vệ", "security_force"), ("tổ an ninh", "security_force"),
    ("tổ tự quản", "security_force"), ("công an viên", "security_force"), ("dân phòng", "security_force"),
    ("bảo vệ dân phố", "security_force"),
    ("tập thể", "collective"),
    ("khác", "other"), ("other", "other"),
])

# What a category cell may say on its own, as header keys.
_CATEGORY_WORDS = {
    **{header_key(code): code for code in RECIPIENT_CATEGORIES},
    **{header_key(label): code for code, label in RECIPIENT_CATEGORIES.items()},
    "hn": "poor_household", "hcn": "poor_household", "gdcs": "policy_family",
}


def category_from_text(text: str) -> str | None:
    """A RECIPIENT_CATEGORIES code from a category cell or a heading ("Hộ
    nghèo", "GĐCS", "Thương binh", "Học sinh có hoàn cảnh khó khăn", "Dân
    phòng", "II. GIA ĐÌNH CHÍNH SÁCH"); None when the text names none. In a
    longer text the keyword written first wins."""
    key = header_key(text or "")
    if not key:
        return None
    if key in _CATEGORY_WORDS:
        return _CATEGORY_WORDS[key]
    return _CATEGORY_KEYWORDS.first(text)


# --- individual, household or collective ------------------------------------

# A kind cell on its own, as header keys.
_KIND_WORDS = {
    "canhan": "individual", "cn": "individual", "individual": "individual", "person": "individual",
    "hogiadinh": "household", "ho": "household", "hgd": "household", "giadinh": "household", "gd": "household",
    "household": "household", "family": "household",
    "tapthe": "collective", "tt": "collective", "collective": "collective", "group": "collective",
}
# The words inside a longer text ("Hộ gia đình nghèo"), folded.
_KIND_IN_TEXT = [
    (re.compile(r"(?<!\w)(?:ca nhan|individual)(?!\w)"), "individual"),
    (re.compile(r"(?<!\w)(?:ho gia dinh|gia dinh|household|family)(?!\w)"), "household"),
    (re.compile(r"(?<!\w)(?:tap the|collective)(?!\w)"), "collective"),
]


def _kind_from_cell(text: str) -> str | None:
    word = _KIND_WORDS.get(header_key(text))
    if word:
        return word
    folded = fold(nfc(text))
    found = {kind for pattern, kind in _KIND_IN_TEXT if pattern.search(folded)}
    return found.pop() if len(found) == 1 else None


# The first words of an organization's name. Typed without diacritics, "To",
# "Doi", "Ban", "Truong", "Phong", "Xa", "Lang" are people's names too: left
# out then. "Đoàn" is also a surname: only "Đoàn Thanh niên ...".
_ORGANIZATION_STARTS = [
    "tổ", "tổ dân phố", "đội", "liên đội", "chi đội", "chi hội", "chi đoàn", "chi bộ", "hội", "ban",
    "đoàn (?:thanh niên|tncs|tn|xã|phường|thị trấn|trường)", "câu lạc bộ", "clb", "nhóm", "tập thể",
    "trường", "lớp", "thôn", "xóm", "bản", "ấp", "làng", "buôn", "khu phố", "khu dân cư", "tdp",
    "công an", "dân quân", "lực lượng", "hợp tác xã", "htx", "trung tâm", "trạm", "nhà văn hóa",
    "ủy ban", "ubnd", "mttq", "ubmttq", "mặt trận", "công ty", "doanh nghiệp", "cơ quan", "đơn vị", "phòng",
    "xã", "phường", "thị trấn", "chùa", "giáo xứ", "giáo họ",
]
# "Tổ trưởng Nguyễn Văn A", "Công an viên Lê Văn B": a title before a person's name.
_NOT_A_UNIT = "(?! (?:viên|trưởng|phó)(?!\\w))"
_ORGANIZATION_NAME = _Keywords(
    [(f"^(?:{start}){_NOT_A_UNIT}", "collective") for start in _ORGANIZATION_STARTS],
    ambiguous_folded={f"^(?:{start}){_NOT_A_UNIT}" for start in (
        "tổ", "đội", "ban", "bản", "trường", "phòng", "xã", "làng")},
)
# "Hộ ông Nguyễn Văn A", "Gia đình bà Lê Thị B"; "Hồ Văn C" is a person.
_HOUSEHOLD_NAME = re.compile(r"^(?:hộ|gia đình)\s", re.IGNORECASE)
_HOUSEHOLD_CATEGORIES = {"poor_household", "policy_family"}


def _kind_from_name(name: str, category: str) -> str:
    if category == "collective" or _ORGANIZATION_NAME.first(name):
        return "collective"
    if _HOUSEHOLD_NAME.match(name) or fold(name).startswith("gia dinh ") or category in _HOUSEHOLD_CATEGORIES:
        return "household"
    return "individual"


# --- identity numbers -------------------------------------------------------

# Cells that say there is no number.
_NO_ID = {"khong", "khongco", "ko", "kco", "chuaco", "chuacap", "none", "na"}


def _id_number(text: str) -> str | None:
    """The digits of a CCCD (12) or an old CMND (9); "" for none; None when wrong."""
    digits = "".join(ch for ch in text if ch in "0123456789")
    if not digits:
        key = header_key(text)
        return "" if not key or key in _NO_ID else None
    # Typed as a number, a CCCD lost its leading zeros: 038123456789 -> 38123456789,
    # 001123456789 (Hà Nội) -> 1123456789. A number typed as text keeps them.
    if text.strip().isdigit() and not digits.startswith("0") and len(digits) in (10, 11):
        digits = digits.zfill(12)
    return digits if len(digits) in (9, 12) else None


# --- money ------------------------------------------------------------------

_MONEY_UNITS = {"ty": 10**9, "ti": 10**9, "trieu": 10**6, "trd": 10**6, "tr": 10**6,
                "nghin": 1000, "ngan": 1000, "ngd": 1000, "ng": 1000, "k": 1000}
# "(năm trăm nghìn đồng)" after the figure, "/suất" after the currency.
_MONEY_WORDS = re.compile(r"\([^)]*\)")
_MONEY_PER = re.compile(r"\s*/\s*(?:suat|xuat|ho|nguoi|phan|hs|tap the)\s*$")
_MONEY_CURRENCY = re.compile(r"\s*(?:dong|vnd|d)\s*\.?\s*$")
_MONEY_TOKEN = re.compile(r"\d[\d.,]*|[a-z]+|\S")
_MONEY_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def parse_money(text: str) -> int | None:
    """An amount in đồng: "500.000", "500,000", "500 000", "500000", "500.000 đ",
    "500k", "500 nghìn", "0,5 triệu", "1 triệu", "1tr5", "1 triệu rưỡi",
    "1 triệu 500 nghìn", 500000.0; None when the text is no amount, or not
    a whole number of đồng. Negative amounts and 0 are returned as such."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, int):
        return text
    if isinstance(text, float):
        return int(text) if text.is_integer() else None
    folded = fold(nfc(str(text)))
    folded = _MONEY_WORDS.sub(" ", folded)
    folded = _MONEY_CURRENCY.sub("", _MONEY_PER.sub("", folded)).strip()
    sign = 1
    if folded.startswith(("-", "\u2212")):
        sign, folded = -1, folded[1:].strip()
    # "2 500 000": spaces between groups of three digits.
    folded = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", "", folded)
    tokens = _MONEY_TOKEN.findall(folded)
    if not tokens:
        return None
    total = Decimal(0)
    previous_unit: int | None = None
    index = 0
    while index < len(tokens):
        number_text = tokens[index]
        index += 1
        if not _MONEY_NUMBER.fullmatch(number_text):
            return None
        unit = _MONEY_UNITS.get(tokens[index]) if index < len(tokens) else None
        if unit is not None:
            index += 1
        if unit is None:
            if index != len(tokens):
                return None  # a bare number only at the end
            if previous_unit is not None and previous_unit > 1 and number_text.isdigit() and len(number_text) <= 3:
                # "1 triệu 2", "1tr5": the next lower three digits, 1.200.000, 1.500.000
                total += int(number_text.ljust(3, "0")) * previous_unit // 1000
                break
            unit = 1
        if previous_unit is not None and unit >= previous_unit:
            return None  # "500 nghìn 1 triệu"
        amount = _decimal(number_text)
        if amount is None or (unit == 1 and -amount.as_tuple().exponent > 2):
            # "500.0000": not "500000.0" nor "500.000", a typing mistake
            return None
        total += amount * unit
        if index < len(tokens) and tokens[index] == "ruoi":  # "1 triệu rưỡi"
            if unit == 1:
                return None
            total += Decimal(unit) / 2
            index += 1
        previous_unit = unit
    if total != total.to_integral_value():
        return None
    return sign * int(total)


def _decimal(text: str) -> Decimal | None:
    """"2.500.000" -> 2500000, "500,000" -> 500000, "0,5" -> 0.5, "2.500.000,00"."""
    dots, commas = text.count("."), text.count(",")
    if dots and commas:
        point = "." if text.rfind(".") > text.rfind(",") else ","
        whole, _, fraction = text.rpartition(point)
        if point in whole:
            return None
        return _grouped(whole, "," if point == "." else ".", fraction)
    if not dots and not commas:
        return Decimal(text)
    separator = "." if dots else ","
    parts = text.split(separator)
    if len(parts) > 2:
        return _grouped(text, separator, "")
    whole, fraction = parts
    if len(fraction) == 3 and whole != "0" and len(whole) <= 3:
        return Decimal(whole + fraction)  # "500.000", "1,500"
    return Decimal(f"{whole}.{fraction}")  # "0,5", "1.5", "500000.0"


def _grouped(whole: str, separator: str, fraction: str) -> Decimal | None:
    groups = whole.split(separator)
    if not 1 <= len(groups[0]) <= 3 or any(len(group) != 3 for group in groups[1:]):
        return None
    return Decimal("".join(groups) + (f".{fraction}" if fraction else ""))


# --- headings inside the list -----------------------------------------------

# Headings read_table cannot see as such: "II" in the STT column and "GIA
# ĐÌNH CHÍNH SÁCH" in the name column, "I. HỘ NGHÈO" beside a merged "Thôn".
_LETTER_NUMBER = re.compile(r"^(?:[ivxlc]+|[a-z])\s*[.)]?$")
_LETTER_HEADING = re.compile(r"^(?:[ivxlc]+|[a-z])\s*[.)]\s*\w")
# A heading that starts a new part: "III. ĐỐI TƯỢNG KHÁC", "B) ...", "IV HỌC SINH".
_PART_HEADING = re.compile(r"^(?:[ivxlc]+|[a-z])(?:\s*[.)]\s*|\s+)\w")
# Cells that may be merged down beside a heading row.
_FILLED_DOWN = {"category", "kind", "address", "package", "value"}


def _heading(values: dict[str, str]) -> str | None:
    """The heading text if the row is a heading, else None."""
    stt, name = values["stt"], values["name"]
    others = {value for key, value in values.items() if value and key not in _FILLED_DOWN | {"stt", "name"}}
    if not name:
        # "II. GIA ĐÌNH CHÍNH SÁCH" typed in the STT column; a bare number is an empty line.
        return stt if any(ch.isalpha() for ch in stt) and others <= {stt} else None
    if others - {name}:
        return None  # a recipient: more than one text (a heading merged across repeats one)
    if stt and _LETTER_NUMBER.match(fold(stt)) and name.isupper():
        return f"{stt} {name}"  # "II" | "GIA ĐÌNH CHÍNH SÁCH"
    if not stt and _LETTER_HEADING.match(fold(name)):
        return name  # "II. GIA ĐÌNH CHÍNH SÁCH" in the name column
    if not stt and name.isupper() and category_from_text(name):
        return name  # "HỘ NGHÈO" in the name column
    return None


@dataclass
class _Context:
    """What the headings above a row say."""
    section: str = ""  # read_table's last section heading
    category: str | None = None

    def heading(self, text: str) -> None:
        category = category_from_text(text)
        if category is not None:
            self.category = category
        elif not text or _PART_HEADING.match(fold(text)):
            self.category = None  # a new part naming no category ("III. ĐỐI TƯỢNG KHÁC" names one)
        # else a sub-heading ("Thôn Đông") inside the part: its category goes on


# --- the file ---------------------------------------------------------------

def parse_gift_recipients(data: bytes, filename: str) -> GiftFile:
    sheet = read_table(data, filename, GIFT_COLUMNS)
    problems = list(sheet.problems)
    skipped = list(sheet.skipped)
    rows: list[GiftRow] = []
    # (folded name, folded address) -> the row it was first seen on.
    first_row_of: dict[tuple[str, str], int] = {}
    context = _Context()
    for sheet_row in sheet.rows:
        if sheet_row.section != context.section:
            context.section = sheet_row.section
            context.heading(sheet_row.section)
        heading = _heading(sheet_row.values)
        if heading is not None:
            context.heading(heading)
            skipped.append(Skipped(sheet_row.row, f"Tiêu đề mục: {quoted(heading)}."))
            continue
        row_problems: list[Problem] = []
        gift = _parse_row(sheet_row, context, row_problems)
        if gift is None and not row_problems:
            skipped.append(Skipped(sheet_row.row, "Chỉ có số thứ tự, chưa điền tên."))  # a template's empty line
        if gift is not None:
            # The same recipient twice: same name and address, diacritics aside.
            key = (fold(gift.name), fold(gift.address))
            if key in first_row_of:
                row_problems.append(Problem(sheet_row.row, _LABELS["name"], f"Trùng với dòng {first_row_of[key]}."))
            else:
                first_row_of[key] = sheet_row.row
        problems.extend(row_problems)
        if gift is not None and not row_problems:
            rows.append(gift)
    problems.sort(key=lambda problem: (problem.row is not None, problem.row or 0))
    return GiftFile(rows, problems, sorted(skipped, key=lambda skipped: skipped.row))


def _parse_row(sheet_row: SheetRow, context: _Context, problems: list[Problem]) -> GiftRow | None:
    """The row as a gift recipient, or None when there is no name. Problems
    found are appended; a row with problems is still returned so that
    duplicates are found against it."""
    values = sheet_row.values
    number = sheet_row.row

    def problem(key: str, message: str) -> None:
        problems.append(Problem(number, _LABELS[key], message))

    if not any(value for key, value in values.items() if key != "stt"):
        return None  # a template's pre-numbered empty line
    name = values["name"]
    if not name:
        problem("name", "Thiếu họ tên người nhận.")
        return None

    category = None
    if values["category"]:
        category = category_from_text(values["category"])
        if category is None:
            problem("category", f"Đối tượng “{values['category']}” không hợp lệ: dùng một trong các đối tượng "
                                f"{', '.join(RECIPIENT_CATEGORIES.values())}.")
    if category is None:
        category = context.category or "other"

    kind = None
    if values["kind"]:
        kind = _kind_from_cell(values["kind"])
        if kind is None:
            problem("kind", f"Loại “{values['kind']}” không hợp lệ: dùng Cá nhân, Hộ gia đình hoặc Tập thể.")
    if kind is None:
        kind = _kind_from_name(name, category)

    id_number = _id_number(values["id_number"])
    if id_number is None:
        problem("id_number", "Số CCCD phải có 12 chữ số.")
        id_number = values["id_number"]

    phone = _clean_phone(values["phone"])
    if phone is None:
        problem("phone", f"Số điện thoại “{values['phone']}” không hợp lệ: chỉ ghi chữ số.")
        phone = values["phone"]

    value = None
    if values["value"]:
        value = parse_money(values["value"])
        if value is None or value <= 0:
            problem("value", "Số tiền không hợp lệ.")

    gift = GiftRow(
        row=number, name=name, kind=kind, category=category, address=values["address"], id_number=id_number,
        phone=phone, package=values["package"], value=value, notes=values["notes"],
    )
    for key, limit in _MAX_LENGTH.items():
        if len(getattr(gift, key)) > limit:
            problem(key, f"{_LABELS[key]} dài quá {limit} ký tự.")
    return gift
