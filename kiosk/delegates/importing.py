"""The delegate list as offices send it: columns, what the values mean, and
the problems worth telling the person about. Pure: no database, no Flask.

parse_delegates reads the file with kiosk.importing.read_table and checks
each row. Rows with a problem are left out of DelegateFile.rows; every one
of them has at least one Problem naming its Excel row, so the person can fix
the file and send it again. Warnings (a name twice, a name in capitals) are
worth a look but do not stop the import; skipped rows (title, blank, totals)
are listed with why.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from kiosk.delegates.models import GROUPS, LEVELS
from kiosk.importing import Column, Problem, SheetRow, Skipped, header_key, quoted, read_table
from kiosk.text import fold, nfc

DELEGATE_COLUMNS: list[Column] = [
    Column("stt", "STT", ("stt", "tt", "số tt", "số thứ tự", "thứ tự", "no", "no.")),
    Column("full_name", "Họ và tên", ("họ và tên", "họ tên", "tên", "full name", "name"), required=True),
    Column("honorific", "Danh xưng", ("danh xưng", "xưng hô", "honorific")),
    Column("position", "Chức vụ", ("chức vụ", "chức danh", "position", "title", "job title")),
    Column("organization", "Đơn vị", ("đơn vị", "cơ quan", "cơ quan, đơn vị", "đơn vị công tác", "nơi công tác",
                                      "organization", "organisation", "unit", "agency")),
    Column("level", "Cấp", ("cấp", "level", "cấp hành chính")),
    Column("group", "Nhóm", ("nhóm", "thành phần", "nhóm đại biểu", "đối tượng", "group")),
    Column("seat", "Ghế", ("ghế", "số ghế", "vị trí ngồi", "chỗ ngồi", "seat")),
    Column("phone", "Số điện thoại", ("số điện thoại", "điện thoại", "sđt", "số đt", "đt", "dđ", "di động",
                                      "phone", "mobile", "tel")),
    Column("notes", "Ghi chú", ("ghi chú", "notes", "note")),
]
_LABELS = {column.key: column.label for column in DELEGATE_COLUMNS}

# The database's column widths (kiosk/delegates/models.py).
_MAX_LENGTH = {"full_name": 200, "honorific": 50, "position": 300, "organization": 300, "seat": 50, "phone": 30}


@dataclass
class DelegateRow:
    row: int
    full_name: str
    honorific: str
    position: str
    organization: str
    level: str  # a code of LEVELS
    group: str  # a code of GROUPS
    seat: str
    phone: str
    notes: str
    proper_name: str = ""  # the name in proper case when typed all in capitals, else ""


@dataclass
class DelegateFile:
    rows: list[DelegateRow]  # the rows without problems, in file order
    problems: list[Problem]  # file-level first, then by row
    # Shaped as problems, but the import goes ahead: possible duplicates, names in capitals.
    warnings: list[Problem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)  # by row


# --- keyword matching -------------------------------------------------------
#
# Keywords are matched whole-word on a "tone key" of the text: lower case,
# đ as d, each syllable's tone mark moved to a digit at the end of the word.
# Tone marks matter ("báo" is the press, "bảo vệ" is not; "đài" is radio,
# "đại" is not), but offices place them two ways ("Ủy ban" / "Uỷ ban",
# "Hòa thượng" / "Hoà thượng"), which the tone key makes equal. Text typed
# without any diacritics is matched folded instead, leaving out the keywords
# that folding makes ambiguous.

_TONES = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}


def _tone_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    out: list[str] = []
    tone = ""
    for ch in decomposed:
        if ch in _TONES:
            tone = _TONES[ch]
        elif ch.isalnum() or unicodedata.category(ch) == "Mn":
            out.append(ch)
        else:
            out.append(tone + ch)  # the word ended: its tone goes after it
            tone = ""
    out.append(tone)
    return " ".join(unicodedata.normalize("NFC", "".join(out)).split())


class _Keywords:
    """Regular expressions written in Vietnamese, each with a value; first()
    gives the value of the match that starts first (the longest on a tie):
    "Phó Bí thư Chi bộ thôn 3" is a village office, not a Party committee."""

    def __init__(self, table: list[tuple[str, str]], ambiguous_folded: set[str] = frozenset()):
        self._accented = [(re.compile(rf"(?<!\w)(?:{_tone_key(pattern)})(?!\w)"), value) for pattern, value in table]
        self._plain = [(re.compile(rf"(?<!\w)(?:{fold(pattern)})(?!\w)"), value)
                       for pattern, value in table if pattern not in ambiguous_folded]

    def first(self, text: str) -> str | None:
        text = nfc(text or "")
        if text.isascii():
            patterns, subject = self._plain, fold(text)
        else:
            patterns, subject = self._accented, _tone_key(text)
        best = None
        for pattern, value in patterns:
            match = pattern.search(subject)
            if match and (best is None or (match.start(), -len(match.group())) < best[0]):
                best = ((match.start(), -len(match.group())), value)
        return best[1] if best else None


_BIG_CITIES = "hà nội|hồ chí minh|hcm|hải phòng|đà nẵng|cần thơ|huế"
_MINISTRIES = ("công an|quốc phòng|ngoại giao|nội vụ|tư pháp|tài chính|công thương|y tế|xây dựng|giáo dục"
               "|giao thông|nông nghiệp|kế hoạch|tài nguyên|thông tin|lao động|văn hóa|khoa học|dân tộc")

_LEVEL_KEYWORDS = _Keywords([
    ("trung ương", "trung_uong"), ("tw", "trung_uong"), (f"bộ (?:{_MINISTRIES})", "trung_uong"),
    ("quốc hội", "trung_uong"), ("chính phủ", "trung_uong"),
    ("tỉnh", "tinh"),
    # Thành phố Hà Nội is a province; Thành phố Thanh Hóa is a district.
    (f"(?:thành phố|thành ủy|tp\\.?) ?(?:{_BIG_CITIES})", "tinh"),
    ("huyện", "huyen"), ("quận", "huyen"), ("thị xã", "huyen"), ("thành phố", "huyen"), ("tp", "huyen"),
    ("thành ủy", "huyen"), ("thị ủy", "huyen"),
    ("xã(?! hội)", "xa"), ("phường", "xa"), ("thị trấn", "xa"),
    ("thôn", "co_so"), ("(?<!văn )(?<!cơ )bản", "co_so"), ("xóm", "co_so"), ("ấp", "co_so"), ("buôn", "co_so"),
    ("làng", "co_so"), ("tổ dân phố", "co_so"), ("tdp", "co_so"), ("khu phố", "co_so"),
    ("khu dân cư", "co_so"), ("cơ sở", "co_so"),
], ambiguous_folded={"quận", "(?<!văn )(?<!cơ )bản", "ấp", "buôn", "làng"})

# What a "Cấp" cell may say on its own, as header keys.
_LEVEL_WORDS = {
    **{header_key(code): code for code in LEVELS},
    **{header_key(label): code for code, label in LEVELS.items()},
    "tw": "trung_uong", "tu": "trung_uong", "quan": "huyen", "thixa": "huyen", "thanhpho": "huyen",
    "phuong": "xa", "thitran": "xa", "thon": "co_so", "ban": "co_so", "xom": "co_so", "ap": "co_so",
    # English lists (English headers are accepted, so their values may be English too).
    "central": "trung_uong", "national": "trung_uong", "province": "tinh", "provincial": "tinh",
    "district": "huyen", "commune": "xa", "ward": "xa", "village": "co_so", "grassroots": "co_so",
}


def level_from_text(text: str) -> str | None:
    """A LEVELS code from a "Cấp" cell ("Tỉnh", "TW", "Cấp huyện") or from an
    organization or position ("Công an xã Cẩm Tân, huyện Cẩm Thủy" -> "xa":
    the smallest unit is written first, so the first keyword wins)."""
    key = header_key(text or "")
    if not key:
        return None
    if key in _LEVEL_WORDS:
        return _LEVEL_WORDS[key]
    if key.startswith("cap") and key[3:] in _LEVEL_WORDS:
        return _LEVEL_WORDS[key[3:]]
    return _LEVEL_KEYWORDS.first(text)


_GROUP_KEYWORDS = _Keywords([
    ("tỉnh ủy", "party"), ("huyện ủy", "party"), ("thành ủy", "party"), ("thị ủy", "party"), ("quận ủy", "party"),
    ("đảng ủy", "party"), ("đảng bộ", "party"), ("đảng đoàn", "party"), ("cấp ủy", "party"), ("bí thư", "party"),
    ("ban thường vụ", "party"), ("ban tuyên giáo", "party"), ("ban dân vận", "party"), ("ủy ban kiểm tra", "party"),
    ("hđnd", "hdnd"), ("hội đồng nhân dân", "hdnd"),
    ("ubnd", "ubnd"), ("ủy ban nhân dân", "ubnd"),
    ("(?:ub)?mttq(?:vn)?", "mttq"), ("mặt trận", "mttq"),
    ("công an", "police"), ("cảnh sát", "police"),
    ("ban chỉ đạo", "steering"), ("bcđ", "steering"),
    ("quân sự", "army"), ("quân đội", "army"), ("bộ đội", "army"), ("biên phòng", "army"), ("quân khu", "army"),
    ("dân quân", "army"), ("b?chqs", "army"),
    # "Hội ..." but not Hội đồng, xã hội, ngày hội.
    ("(?<!xã )(?<!ngày )hội(?! đồng)", "mass_org"), ("liên đoàn", "mass_org"), ("công đoàn", "mass_org"),
    ("đoàn (?:thanh niên|tn|tncs|xã|phường|thị trấn)", "mass_org"), ("đtn", "mass_org"),
    ("(?:chi|xã|huyện|tỉnh|thành|thị|quận) đoàn", "mass_org"), ("đoàn thể", "mass_org"),
    ("bí thư (?:đoàn|chi đoàn|(?:xã|huyện|tỉnh|thành|thị|quận) đoàn)", "mass_org"),
    ("cựu chiến binh", "mass_org"), ("phụ nữ", "mass_org"), ("ccb", "mass_org"), ("hlhpn", "mass_org"),
    ("báo", "press"), ("báo chí", "press"), ("nhà báo", "press"), ("đài", "press"), ("phóng viên", "press"),
    ("truyền hình", "press"), ("phát thanh", "press"), ("thông tấn", "press"), ("tạp chí", "press"),
    ("biên tập viên", "press"),
    ("hòa thượng", "religious"), ("thượng tọa", "religious"), ("đại đức", "religious"), ("ni sư", "religious"),
    ("ni trưởng", "religious"), ("sư cô", "religious"), ("trụ trì", "religious"), ("linh mục", "religious"),
    ("giám mục", "religious"), ("mục sư", "religious"), ("giáo xứ", "religious"), ("giáo họ", "religious"),
    ("giáo hội", "religious"), ("chùa", "religious"), ("nhà thờ", "religious"), ("chức sắc", "religious"),
    ("chức việc", "religious"), ("tu sĩ", "religious"), ("phật giáo", "religious"), ("công giáo", "religious"),
    ("tin lành", "religious"), ("cao đài", "religious"), ("hòa hảo", "religious"), ("ban trị sự", "religious"),
    ("tôn giáo", "religious"),
    ("người có uy tín", "prestigious"), ("già làng", "prestigious"),
    ("bí thư chi bộ", "village"), ("(?:trưởng|phó) (?:thôn|bản|xóm|ấp|làng|khu phố|khu dân cư|tdp)", "village"),
    ("thôn trưởng", "village"), ("tổ trưởng (?:tổ dân phố|tdp)", "village"),
    ("hưu trí", "former_cadre"), ("nghỉ hưu", "former_cadre"),
    ("điển hình", "honoree"), ("người tốt việc tốt", "honoree"),
], ambiguous_folded={"(?<!xã )(?<!ngày )hội(?! đồng)", "báo", "đài", "chùa", "nhà thờ"})

# "Nguyên Chủ tịch UBND xã": a former office, whatever the office was.
_FORMER = re.compile(r"(?<!\w)nguyên(?!\w)")

# What a "Nhóm" cell may say besides a group's label or code, as header keys.
_GROUP_WORDS = {
    **{header_key(code): code for code in GROUPS},
    **{header_key(label): code for code, label in GROUPS.items()},
    "dang": "party", "capuy": "party", "chinhquyen": "ubnd", "matran": "mttq", "congan": "police",
    "bcd": "steering", "doanthe": "mass_org", "thon": "village", "uytin": "prestigious", "tongiao": "religious",
    "chucsac": "religious", "quandoi": "army", "quansu": "army", "huutri": "former_cadre",
    "canbohuutri": "former_cadre", "dienhinh": "honoree", "baochi": "press", "congdan": "citizen",
    "nguoidan": "citizen", "nhandan": "citizen",
}


def group_from_text(position: str, organization: str) -> str:
    """A GROUPS code inferred from the position and the organization, read as
    one phrase ("Bí thư" + "Chi bộ thôn 3" is a village office); "citizen"
    when nothing says otherwise."""
    return _group_keyword(position, organization) or "citizen"


def _group_keyword(position: str, organization: str) -> str | None:
    position = nfc(position or "")
    if _FORMER.search(_tone_key(position)) or (position.isascii() and fold(position).startswith("nguyen ")):
        return "former_cadre"
    return _GROUP_KEYWORDS.first(" ".join(part for part in (position, nfc(organization or "")) if part))


def _group_from_cell(text: str) -> str | None:
    key = header_key(text)
    return _GROUP_WORDS.get(key) or _group_keyword(text, "")


# Groups addressed as "Đồng chí": the Party, the state, the Front, the
# forces, the mass organisations and the village officers.
_COMRADE_GROUPS = {"party", "hdnd", "ubnd", "mttq", "police", "army", "mass_org", "steering", "village"}


def honorific_default(group: str) -> str:
    """"Đồng chí" for office holders; "" otherwise: the MC reads just the name."""
    return "Đồng chí" if group in _COMRADE_GROUPS else ""


_HONORIFIC_WORDS = {"dc": "Đồng chí", "dongchi": "Đồng chí", "ong": "Ông", "ba": "Bà", "ongba": "Ông/Bà"}
# "Đồng chí Nguyễn Văn A" / "Đ/c Nguyễn Văn A" typed in the name cell.
_NAME_HONORIFIC = re.compile(r"^(?:đồng chí|đ/c|đ\.c\.?|đc\.)\s+", re.IGNORECASE)


def _honorific(text: str) -> str:
    return _HONORIFIC_WORDS.get(header_key(text), text)


# --- phone numbers ----------------------------------------------------------

# A mobile number typed as a number: Excel dropped the 0 (0912345678 -> 912345678);
# likewise a landline 02373852123 -> 2373852123.
_MOBILE_WITHOUT_ZERO = re.compile(r"[35789]\d{8}")
_LANDLINE_WITHOUT_ZERO = re.compile(r"2\d{9}")


def _clean_phone(text: str) -> str | None:
    """Digits, "+" and spaces; None if the text has letters."""
    if any(ch.isalpha() for ch in text):
        return None
    # "/", ",", ";" separate two numbers; dots, dashes and brackets group digits.
    spaced = re.sub(r"[/,;]", " ", text)
    kept = " ".join("".join(ch for ch in spaced if ch in "0123456789+ ").split())
    if _MOBILE_WITHOUT_ZERO.fullmatch(kept) or _LANDLINE_WITHOUT_ZERO.fullmatch(kept):
        kept = "0" + kept
    return kept


# --- the file ---------------------------------------------------------------

def parse_delegates(data: bytes, filename: str) -> DelegateFile:
    sheet = read_table(data, filename, DELEGATE_COLUMNS)
    parsed = DelegateFile([], list(sheet.problems), skipped=list(sheet.skipped))
    seen = _Seen()
    for sheet_row in sheet.rows:
        if not any(value for key, value in sheet_row.values.items() if key != "stt"):
            # A template's pre-numbered empty line.
            parsed.skipped.append(Skipped(sheet_row.row, "Chỉ có số thứ tự, chưa điền họ tên."))
            continue
        row_problems: list[Problem] = []
        delegate = _parse_row(sheet_row, "level" in sheet.columns_found, "group" in sheet.columns_found,
                              row_problems)
        if delegate is not None:
            parsed.warnings.extend(seen.warnings(delegate))
            if delegate.proper_name:
                parsed.warnings.append(_warning(delegate, "Họ tên viết hoa toàn bộ: có thể nhập thành "
                                                          f"{quoted(delegate.proper_name)}."))
        parsed.problems.extend(row_problems)
        if delegate is not None and not row_problems:
            parsed.rows.append(delegate)
    parsed.problems.sort(key=lambda problem: (problem.row is not None, problem.row or 0))
    parsed.skipped.sort(key=lambda skipped: skipped.row)
    return parsed


class _Seen:
    """The names read so far, to warn about a person listed twice. Only a
    warning: two people of one name do exist, even in one office."""

    def __init__(self):
        self.by_person: dict[tuple[str, str], int] = {}  # (folded name, folded organization) -> first row
        self.by_name: dict[str, int] = {}  # folded name -> first row

    def warnings(self, delegate: DelegateRow) -> list[Problem]:
        found = []
        name, person = fold(delegate.full_name), (fold(delegate.full_name), fold(delegate.organization))
        if person in self.by_person:
            found.append(_warning(delegate, f"Trùng cả họ tên và đơn vị với dòng {self.by_person[person]}: "
                                            "có thể một người bị ghi hai lần."))
        elif name in self.by_name:
            found.append(_warning(delegate, f"Trùng họ tên với dòng {self.by_name[name]} (khác đơn vị): "
                                            "xem lại có phải cùng một người không."))
        self.by_person.setdefault(person, delegate.row)
        self.by_name.setdefault(name, delegate.row)
        return found


def _warning(delegate: DelegateRow, message: str, key: str = "full_name") -> Problem:
    return Problem(delegate.row, _LABELS[key], message)


def in_capitals(name: str) -> bool:
    """"NGUYỄN VĂN AN", not "Nguyễn Văn AN" nor a lone initial."""
    letters = [ch for ch in name if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def proper_case(name: str) -> str:
    """"NGUYỄN VĂN AN" -> "Nguyễn Văn An"; "H'HEN NIÊ" -> "H'Hen Niê". The
    diacritics stay as typed (NFC), only the case changes."""
    return nfc(re.sub(r"\w+", lambda word: word.group()[:1].upper() + word.group()[1:].lower(), nfc(name)))


# Names the MC reads with a title of their own: "Hòa thượng Thích Thanh Tứ".
_TITLED_NAME = re.compile(r"^(?:hòa thượng|hoà thượng|thượng tọa|thượng toạ|đại đức|ni sư|ni trưởng|sư cô"
                          r"|linh mục|giám mục|mục sư|chức sắc)\s", re.IGNORECASE)


def introduced_bare(honorific: str, name: str) -> bool:
    """The MC will read the bare name: no honorific, no title in the name."""
    return not honorific.strip() and not _TITLED_NAME.match(nfc(name))


def _parse_row(sheet_row: SheetRow, has_level: bool, has_group: bool, problems: list[Problem]) -> DelegateRow | None:
    """The row as a delegate, or None when there is no name. Problems found
    are appended; a row with problems is still returned so that duplicates
    are found against it."""
    values = sheet_row.values
    number = sheet_row.row

    def problem(key: str, message: str) -> None:
        problems.append(Problem(number, _LABELS[key], message))

    name = values["full_name"]
    honorific = _honorific(values["honorific"])
    prefix = _NAME_HONORIFIC.match(name)
    if prefix:
        name = name[prefix.end():]
        honorific = honorific or "Đồng chí"
    if not name:
        problem("full_name", "Thiếu họ và tên.")
        return None

    position, organization = values["position"], values["organization"]
    level = None
    if has_level and values["level"]:
        level = level_from_text(values["level"])
        if level is None:
            problem("level", f"Cấp “{values['level']}” không hợp lệ: dùng Trung ương, Tỉnh, Huyện, Xã hoặc Thôn.")
    if level is None:
        level = (level_from_text(organization) or level_from_text(position)
                 or level_from_text(sheet_row.section) or "xa")

    group = None
    if has_group and values["group"]:
        group = _group_from_cell(values["group"])
        if group is None:
            problem("group", f"Nhóm “{values['group']}” không hợp lệ: dùng một trong các nhóm "
                             f"{', '.join(GROUPS.values())}.")
    if group is None:
        group = group_from_text(position, organization)

    phone = _clean_phone(values["phone"])
    if phone is None:
        problem("phone", f"Số điện thoại “{values['phone']}” không hợp lệ: chỉ ghi chữ số.")
        phone = values["phone"]

    delegate = DelegateRow(
        row=number, full_name=name, honorific=honorific or honorific_default(group), position=position,
        organization=organization, level=level, group=group, seat=values["seat"], phone=phone,
        notes=values["notes"], proper_name=proper_case(name) if in_capitals(name) else "",
    )
    for key, limit in _MAX_LENGTH.items():
        if len(getattr(delegate, key)) > limit:
            problem(key, f"{_LABELS[key]} dài quá {limit} ký tự.")
    return delegate
