"""Award recipient lists (danh sách khen thưởng) as offices send them: the
collectives and individuals to be awarded under decisions (quyết định),
what each row becomes, what is inferred (collective or individual, leader),
and the problems worth telling the person about. Pure: no database, no
Flask.

parse_award_recipients reads the file with kiosk.importing.read_table and
checks each row, in the manner of kiosk/delegates/importing.py. Rows with a
problem are left out of AwardFile.rows; every one of them has at least one
Problem naming its Excel row and column.

A list is often split into parts: "I. TẬP THỂ" / "II. CÁ NHÂN", sometimes
under a heading naming the decision ("Quyết định số 1856/QĐ-UBND ngày ...").
Such headings give the kind, and the decision, of the rows below them when
the row itself does not say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kiosk.delegates.importing import _Keywords, level_from_text
from kiosk.importing import Column, Problem, Sheet, SheetRow, Skipped, header_key, quoted, read_table
from kiosk.text import fold, nfc

AWARD_COLUMNS: list[Column] = [
    Column("stt", "STT", ("stt", "tt", "số tt", "số thứ tự", "thứ tự", "no", "no.")),
    Column("decision", "Số quyết định", ("số quyết định", "quyết định", "số qđ", "qđ số", "quyết định số",
                                         "số, ngày quyết định", "decision", "decision no")),
    # "Loại khen thưởng" is a form; without the alias it would prefix-match "Loại".
    Column("form", "Hình thức khen thưởng", ("hình thức", "hình thức khen thưởng", "danh hiệu",
                                             "loại khen thưởng", "loại hình khen thưởng", "form", "award")),
    # "Tập thể/Cá nhân" and "Tập thể, cá nhân" are the same header text once
    # punctuation is ignored: a kind column when the name has its own column,
    # else the name column (see _read).
    Column("kind", "Loại", ("loại", "tập thể/cá nhân", "đối tượng", "kind")),
    Column("name", "Tên tập thể, cá nhân", ("họ và tên", "họ tên", "tên tập thể, cá nhân", "tập thể, cá nhân",
                                            "tên", "name", "full name"), required=True),
    Column("job_title", "Chức vụ", ("chức vụ", "chức danh", "position", "job title", "title")),
    Column("organization", "Đơn vị", ("đơn vị", "cơ quan, đơn vị", "cơ quan", "đơn vị công tác", "nơi công tác",
                                      "organization", "organisation", "unit")),
    Column("representative", "Người đại diện", ("người nhận", "đại diện", "đại diện nhận", "người đại diện",
                                                "người lên nhận", "representative")),
    Column("leader", "Lãnh đạo", ("lãnh đạo", "cán bộ lãnh đạo", "leader")),
    Column("achievement", "Thành tích", ("thành tích", "nội dung thành tích", "tóm tắt thành tích",
                                         "achievement", "achievements")),
    Column("notes", "Ghi chú", ("ghi chú", "notes", "note")),
]
_LABELS = {column.key: column.label for column in AWARD_COLUMNS}

# The database's column widths (kiosk/awards/models.py) and the service's limits.
_MAX_LENGTH = {"decision": 100, "form": 300, "name": 300, "job_title": 300, "organization": 300,
               "representative": 200, "achievement": 2000}


@dataclass
class AwardRow:
    row: int  # Excel row number
    # The decision number as written, cleaned: "1856/QĐ-UBND"; "" if the file
    # has none (the caller then imports into one chosen decision).
    decision: str
    form: str  # as written, may be ""
    kind: str  # "collective" or "individual"
    name: str
    job_title: str
    organization: str
    representative: str  # who goes up for a collective (kept for individuals too)
    is_leader: bool  # never for a collective
    achievement: str
    notes: str


@dataclass
class AwardFile:
    rows: list[AwardRow]  # the rows without problems, in file order
    problems: list[Problem]  # file-level first, then by row
    skipped: list[Skipped] = field(default_factory=list)  # title, blank, totals, heading rows... by row


# --- collective or individual -----------------------------------------------

# A "Loại" cell on its own, as header keys.
_KIND_WORDS = {
    "tapthe": "collective", "tt": "collective", "collective": "collective", "group": "collective",
    "canhan": "individual", "cn": "individual", "individual": "individual", "person": "individual",
}
# The words inside a longer text ("Khen thưởng tập thể", "I. CÁ NHÂN"), folded.
_COLLECTIVE_WORD = re.compile(r"(?<!\w)(?:tap the|collectives?)(?!\w)")
_INDIVIDUAL_WORD = re.compile(r"(?<!\w)(?:ca nhan|individuals?)(?!\w)")

# The first words of a collective's name. "Đoàn" is also a surname: only
# "Đoàn Thanh niên ...", "Đoàn công tác ..." are collectives. Typed without
# diacritics, "To", "Truong", "Phong", "Vu", "Xa", "Quan", "Huyen", "Lang",
# "Bao", "Dai", "Don", "Tinh" are names of people too: left out then.
_DOAN = ("đoàn (?:thanh niên|tncs|tn|công tác|kinh tế|kiểm tra|thanh tra|luật sư|đại biểu|nghệ thuật|văn công"
         "|thể thao|xã|phường|thị trấn|trường|khối|cơ sở)")
_COLLECTIVE_STARTS = [
    "công an", "cảnh sát", "ban", "bản", "bộ", "chi bộ", "chi đoàn", "chi hội", "chi cục", "chi nhánh",
    "đảng ủy", "đảng bộ", "huyện ủy", "tỉnh ủy", "thành ủy", "thị ủy", "đảng đoàn",
    "ubnd", "ủy ban", "ub", "hđnd", "hội đồng", "mttq", "ubmttq", "mặt trận", "hội", _DOAN, "liên đoàn", "công đoàn",
    "tổ", "đội", "tiểu đội", "trung đội", "đại đội", "tiểu đoàn", "trung đoàn", "lữ đoàn", "sư đoàn", "hải đội",
    "đồn", "lực lượng", "dân quân",
    "thôn", "xóm", "làng", "ấp", "buôn", "khu", "tổ dân phố", "xã", "phường", "thị trấn", "huyện", "quận",
    "thị xã", "thành phố", "tỉnh",
    "trường", "lớp", "phòng", "cục", "vụ", "sở", "viện", "bệnh viện", "trạm", "trung tâm", "văn phòng",
    "ngân hàng", "công ty", "tổng công ty", "doanh nghiệp", "hợp tác xã", "htx", "nhà máy", "xí nghiệp",
    "câu lạc bộ", "clb", "nhóm", "gia đình", "dòng họ", "nhân dân", "tập thể",
    "báo", "đài", "tạp chí", "chùa", "giáo xứ", "giáo họ", "nhà thờ", "hội thánh",
]
# "Công an viên Bùi Văn Phúc", "Đội trưởng Lê Văn A": a title before a person's name.
_NOT_A_UNIT = "(?! (?:viên|trưởng|phó)(?!\\w))"
_COLLECTIVE_NAME = _Keywords(
    [(f"^(?:{start}){_NOT_A_UNIT}", "collective") for start in _COLLECTIVE_STARTS],
    ambiguous_folded={f"^(?:{start}){_NOT_A_UNIT}" for start in (
        "tổ", "trường", "phòng", "vụ", "sở", "xã", "quận", "huyện", "làng", "báo", "đài", "đồn", "tỉnh", "đảng ủy",
        "bản")},
)


def kind_from_text(text: str, name: str, job_title: str) -> str | None:
    """"collective" or "individual" from a "Loại" cell or a heading ("Tập
    thể", "TT", "Cá nhân", "CN", "Collective", "I. TẬP THỂ", "Khen thưởng cá
    nhân"); None when a non-empty text says neither, or both. An empty text
    is inferred from the name ("Công an xã Cẩm Tân", "Chi bộ thôn 3", "Gia
    đình ông Nguyễn Văn A" are collectives) and the job title (a person's)."""
    text = nfc(text or "")
    if text.strip():
        word = _KIND_WORDS.get(header_key(text))
        if word:
            return word
        folded = fold(text)
        collective, individual = _COLLECTIVE_WORD.search(folded), _INDIVIDUAL_WORD.search(folded)
        if bool(collective) != bool(individual):
            return "collective" if collective else "individual"
        return None
    if _COLLECTIVE_NAME.first(name or ""):
        return "collective"
    # A job title is a person's; a name that starts with no unit is a person's.
    return "individual"


# --- leaders ----------------------------------------------------------------

# Seed 004 counts "từ cấp phó trưởng phòng trở lên" as leaders: a title that
# starts with a leading office, or its deputy's.
_LEADER_OFFICE = _Keywords([(
    "^(?:phó )?(?:trưởng|chủ tịch|bí thư|giám đốc|tổng giám đốc|chỉ huy trưởng|đội trưởng|trưởng phòng"
    "|chánh (?:văn phòng|thanh tra|án)|cục trưởng|vụ trưởng|viện trưởng|đồn trưởng|trạm trưởng|hiệu trưởng"
    "|thủ trưởng|bộ trưởng|thứ trưởng|chính ủy|tư lệnh|chủ nhiệm)", "leader")])

# What a "Lãnh đạo" cell may say, as header keys; a bare mark like "✓" or "-"
# has no header key.
_LEADER_YES = {"x", "co", "1", "lanhdao", "ld", "v", "yes", "y", "true"}
_LEADER_NO = {"0", "khong", "k", "no", "n", "false"}
_LEADER_YES_MARKS = {"✓", "✔", "√", "☑", "✅", "+"}


def is_leader_title(job_title: str) -> bool:
    """Whether an individual with this job title counts as a leader: a leading
    office ("Trưởng phòng", "Phó Chủ tịch UBND xã", "Bí thư Đảng ủy"), except
    in a village ("Trưởng thôn", "Bí thư Chi bộ thôn 3" are not)."""
    return bool(_LEADER_OFFICE.first(job_title or "")) and level_from_text(job_title) != "co_so"


def _leader_mark(text: str) -> bool | None:
    """True or False from a "Lãnh đạo" cell; None when it says neither."""
    key = header_key(text)
    if text.strip() in _LEADER_YES_MARKS or key in _LEADER_YES:
        return True
    if key in _LEADER_NO or not key:  # "-", "–": crossed out
        return False
    return None


# --- decision numbers -------------------------------------------------------

# "1856/QĐ-UBND", "123/2024/QĐ-UBND": what follows it ("ngày ...", "của ...") is not the number.
_DECISION_NUMBER = re.compile(r"\d+(?:\s*[/-]\s*[\w.]+)*")
_DECISION_PREFIX = re.compile(r"^(?:(?:quyết\s*định|quyet\s*dinh|qđ|qd)\s*)?(?:số|so)?\s*[:.]?\s*(?=\d)",
                              re.IGNORECASE)
# A date or remark after a number that does not start with digits.
_DECISION_SUFFIX = re.compile(r"\s*(?:[,;(]|(?<!\w)(?:ngày|ngay)(?!\w)).*$", re.IGNORECASE)
_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2212]")
# "Quyết định số 1856/QĐ-UBND ngày ..." inside a heading.
_DECISION_IN_TEXT = re.compile(
    r"(?<!\w)(?:quyết\s*định|quyet\s*dinh|qđ|qd)\s*(?:số|so)?\s*[:.]?\s*(\d+(?:\s*[/-]\s*[\w.]+)*)",
    re.IGNORECASE)
_DECISION_HEADING = re.compile(r"^(?:quyết\s*định|quyet\s*dinh|qđ|qd)(?!\w)", re.IGNORECASE)


def clean_decision(text: str) -> str:
    """" 1856 / qđ-ubnd " -> "1856/QĐ-UBND": no words around the number, no
    date after it, no spaces around "/" and "-", upper case ("QD" as "QĐ")."""
    text = _DASHES.sub("-", " ".join(nfc(text or "").split()))
    text = _DECISION_PREFIX.sub("", text)
    number = _DECISION_NUMBER.match(text)
    text = number.group() if number else _DECISION_SUFFIX.sub("", text)
    text = re.sub(r"\s*([/-])\s*", r"\1", text).upper()
    return re.sub(r"(?<![^\W\d_])QD(?![^\W\d_])", "QĐ", text)


def _decision_in(text: str) -> str:
    match = _DECISION_IN_TEXT.search(nfc(text or ""))
    return clean_decision(match.group(1)) if match else ""


# --- headings inside the list -----------------------------------------------

# Headings read_table cannot see as such: "I. TẬP THỂ" next to a decision
# merged down the whole list, "I" in the STT column and "TẬP THỂ" in the
# name column, "1. Tập thể" under "I. BẰNG KHEN ...".
_NUMBERING = re.compile(r"^(?:[ivxlc]+|[a-z]|\d{1,2})\s*[.):/-]\s*")
_LETTER_NUMBER = re.compile(r"^(?:[ivxlc]+|[a-z])\s*[.)]?$")
_LETTER_HEADING = re.compile(r"^(?:[ivxlc]+|[a-z])\s*[.)]\s*\w")
_KIND_HEADING = re.compile(
    r"^(?:(?:danh sach|de nghi|khen thuong|cac|doi voi|cho)\s+)*(?:tap the|ca nhan)"
    r"(?:\s+(?:duoc\s+)?(?:de nghi\s+)?khen thuong)?\s*:?$")
# Cells that may be filled down a heading row (merged decision or form).
_FILLED_DOWN = {"decision", "form"}


def _is_kind_heading(text: str) -> bool:
    return bool(_KIND_HEADING.match(_NUMBERING.sub("", fold(text))))


def _heading(values: dict[str, str]) -> str | None:
    """The heading text if the row is a heading, else None."""
    stt, name = values["stt"], values["name"]
    others = {value for key, value in values.items() if value and key not in _FILLED_DOWN | {"stt", "name"}}
    if not name:
        # "I. TẬP THỂ" typed in the STT column; a bare number is an empty line.
        return stt if any(ch.isalpha() for ch in stt) and others <= {stt} else None
    if others - {name}:
        return None  # a recipient: more than one text (a heading merged across repeats one)
    if _is_kind_heading(name) or (_DECISION_HEADING.match(name) and _decision_in(name)):
        return name  # "1. Tập thể", "Quyết định số 1856/QĐ-UBND ngày ..."
    if stt and _LETTER_NUMBER.match(fold(stt)) and name.isupper():
        return name  # "I" | "BẰNG KHEN CỦA CHỦ TỊCH UBND TỈNH"
    if not stt and _LETTER_HEADING.match(fold(name)):
        return name  # "II. BẰNG KHEN ..." in the name column
    return None


# --- the file ---------------------------------------------------------------

# The kind column without the alias it shares with the name column.
_NAME_FIRST_COLUMNS = [
    replace(column, aliases=tuple(alias for alias in column.aliases
                                  if header_key(alias) != header_key("tập thể, cá nhân")))
    if column.key == "kind" else column
    for column in AWARD_COLUMNS
]


def _read(data: bytes, filename: str) -> Sheet:
    sheet = read_table(data, filename, AWARD_COLUMNS)
    if sheet.header_row is None:
        # "STT | Tập thể, cá nhân | Thành tích": that header is the name.
        again = read_table(data, filename, _NAME_FIRST_COLUMNS)
        if again.header_row is not None:
            return again
    return sheet


@dataclass
class _Context:
    """What the headings above a row say."""
    section: str = ""  # read_table's last section heading
    kind: str | None = None
    decision: str = ""

    def heading(self, text: str) -> None:
        self.kind = kind_from_text(text, "", "") if text else None
        self.decision = _decision_in(text) or self.decision


def parse_award_recipients(data: bytes, filename: str) -> AwardFile:
    sheet = _read(data, filename)
    problems = list(sheet.problems)
    skipped = list(sheet.skipped)
    rows: list[AwardRow] = []
    # (folded name, decision) -> [(row, folded organization)] of the rows so far.
    seen: dict[tuple[str, str], list[tuple[int, str]]] = {}
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
        award = _parse_row(sheet_row, context, row_problems)
        if award is None and not row_problems:
            skipped.append(Skipped(sheet_row.row, "Chỉ có số thứ tự, chưa điền tên."))  # a template's empty line
        if award is not None:
            # The same recipient twice under one decision; two people of the
            # same name in different units are two people.
            key = (fold(award.name), fold(award.decision))
            organization = fold(award.organization)
            earlier = [row for row, other in seen.get(key, [])
                       if not organization or not other or other == organization]
            if earlier:
                row_problems.append(Problem(sheet_row.row, _LABELS["name"], f"Trùng với dòng {earlier[0]}."))
            seen.setdefault(key, []).append((sheet_row.row, organization))
        problems.extend(row_problems)
        if award is not None and not row_problems:
            rows.append(award)
    problems.sort(key=lambda problem: (problem.row is not None, problem.row or 0))
    return AwardFile(rows, problems, sorted(skipped, key=lambda skipped: skipped.row))


# "Đồng chí Nguyễn Văn A", "Đ/c Nguyễn Văn A", "Ông Nguyễn Văn A" in the name cell.
_NAME_HONORIFIC = re.compile(r"^(?:đồng chí|đ/c|đ\.c\.?|đc\.|ông|bà)\s+(?=\S)", re.IGNORECASE)


def _parse_row(sheet_row: SheetRow, context: _Context, problems: list[Problem]) -> AwardRow | None:
    """The row as an award, or None when there is no name. Problems found are
    appended; a row with problems is still returned so that duplicates are
    found against it."""
    values = sheet_row.values
    number = sheet_row.row

    def problem(key: str, message: str) -> None:
        problems.append(Problem(number, _LABELS[key], message))

    if not any(value for key, value in values.items() if key not in _FILLED_DOWN | {"stt"}):
        return None  # a template's pre-numbered empty line, the decision merged down beside it
    name = _NAME_HONORIFIC.sub("", values["name"])
    if not name:
        problem("name", "Thiếu tên tập thể hoặc cá nhân.")
        return None
    job_title = values["job_title"]

    kind = None
    if values["kind"]:
        kind = kind_from_text(values["kind"], name, job_title)
        if kind is None:
            problem("kind", f"Loại “{values['kind']}” không hợp lệ: dùng Tập thể hoặc Cá nhân.")
    if kind is None:
        kind = context.kind or kind_from_text("", name, job_title)

    mark = _leader_mark(values["leader"])
    if mark is None:
        problem("leader", f"Lãnh đạo “{values['leader']}” không hợp lệ: đánh x nếu là lãnh đạo, "
                          f"để trống nếu không.")
    if values["leader"] and mark is not None:
        is_leader = mark
    else:
        is_leader = is_leader_title(job_title)
    is_leader = is_leader and kind == "individual"  # leaders are counted among individuals only

    award = AwardRow(
        row=number, decision=clean_decision(values["decision"]) or context.decision, form=values["form"], kind=kind,
        name=name, job_title=job_title, organization=values["organization"],
        representative=values["representative"], is_leader=is_leader, achievement=values["achievement"],
        notes=values["notes"],
    )
    for key, limit in _MAX_LENGTH.items():
        if len(getattr(award, key)) > limit:
            problem(key, f"{_LABELS[key]} dài quá {limit} ký tự.")
    return award
