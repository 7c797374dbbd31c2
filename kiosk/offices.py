"""A person's office as the MC says it: the position (chức vụ) and the body
(đơn vị) in one phrase, the body not said twice.

    "Phó Chủ tịch UBND tỉnh" + "UBND tỉnh Thanh Hóa"
        -> "Phó Chủ tịch UBND tỉnh Thanh Hóa"
    "Thành viên Tổ bảo vệ ANTT" + "Tổ bảo vệ ANTT thôn Eo Lê"
        -> "Thành viên Tổ bảo vệ ANTT thôn Eo Lê"
    "Chủ tịch" + "UBND xã Cẩm Tân" -> "Chủ tịch UBND xã Cẩm Tân"
    "Nguyên Trưởng Công an xã" + "Hội Cựu Công an nhân dân xã"
        -> "Nguyên Trưởng Công an xã, Hội Cựu Công an nhân dân xã"

Words are compared without marks or case, abbreviations read out ("UBND" is
"Ủy ban nhân dân"); the text itself is kept exactly as typed. Pure: no Flask,
no database, so printing/ gets the composed strings from its callers.
"""

from __future__ import annotations

import re

from kiosk.text import fold, nfc

# Abbreviations of bodies, as their words (folded).
ABBREVIATIONS = {
    "ubnd": ("uy", "ban", "nhan", "dan"),
    "hdnd": ("hoi", "dong", "nhan", "dan"),
    "mttq": ("mat", "tran", "to", "quoc"),
    "ubmttq": ("uy", "ban", "mat", "tran", "to", "quoc"),
    "antt": ("an", "ninh", "trat", "tu"),
    "bcd": ("ban", "chi", "dao"),
    "cand": ("cong", "an", "nhan", "dan"),
    "lhpn": ("lien", "hiep", "phu", "nu"),
    "ccb": ("cuu", "chien", "binh"),
    "tncs": ("thanh", "nien", "cong", "san"),
    "bchqs": ("ban", "chi", "huy", "quan", "su"),
}
# Words a body's full name may add to the short name a position uses:
# "Ủy ban MTTQ huyện" is "Ủy ban MTTQ Việt Nam huyện".
FILLERS = frozenset({"viet", "nam", "nhan", "dan"})
# Words that name a body inside a position ("Trưởng Công an xã"): a position
# that names its own body is followed by an unrelated organization after a
# comma. (Not "Tổ", "Hội", "Cục" followed by "trưởng": "Tổ trưởng" is a title;
# not "Bộ": "Cán bộ".)
BODY_WORDS = (("uy", "ban"), ("hoi", "dong"), ("cong", "an"), ("dang", "uy"), ("tinh", "uy"), ("huyen", "uy"),
              ("thanh", "uy"), ("thi", "uy"), ("quan", "uy"), ("dang", "bo"), ("mat", "tran"), ("ban",),
              ("chi", "bo"), ("doan",), ("hoi",), ("to",), ("so",), ("cuc",), ("cong", "ty"))
# A position ending with these names a part of the body the organization
# names ("Ủy viên Ban Thường vụ" + "Huyện ủy Cẩm Thủy"): no comma.
PART_OF_BODY = (("thuong", "vu"), ("chap", "hanh"), ("thuong", "truc"))
# An organization that starts with a place ("Thôn Eo Lê", "xã Cẩm Tân") follows
# any position without a comma: "Bí thư Chi bộ thôn Eo Lê". ("Bản" and "Quận"
# are left out: without marks they read as "Ban", "Quân".) "Tỉnh ủy",
# "Huyện đoàn" are bodies, not places.
PLACE_WORDS = (("thon",), ("xa",), ("huyen",), ("tinh",), ("phuong",), ("thi", "tran"), ("thi", "xa"),
               ("thanh", "pho"), ("lang",), ("ap",), ("khu", "pho"), ("to", "dan", "pho"), ("khu", "dan", "cu"))
NOT_PLACES = frozenset({"uy", "doan", "hoi", "doi"})
WORD = re.compile(r"\w+")


def _words(text: str) -> list[tuple[str, int]]:
    """(folded word, end of the original word in `text`), abbreviations read out."""
    words = []
    for match in WORD.finditer(text):
        folded = fold(match.group())
        for word in ABBREVIATIONS.get(folded, (folded,)):
            words.append((word, match.end()))
    return words


def _follows(position: list[str], organization: list[str]) -> int | None:
    """Where in `organization` the words `position` end, when `position` is
    the start of `organization` (skipping FILLERS); None when it is not."""
    if not position or not organization or position[0] != organization[0]:
        return None
    at = 0
    for word in position[1:]:
        at += 1
        while at < len(organization) and organization[at] != word and organization[at] in FILLERS:
            at += 1
        if at >= len(organization) or organization[at] != word:
            return None
    return at


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i:i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _names_body(position: list[str]) -> bool:
    """A body's name after the position's first word: "Trưởng Công an xã"."""
    for i in range(1, len(position)):
        for body in BODY_WORDS:
            after = i + len(body)
            if tuple(position[i:after]) == body and (after >= len(position) or position[after] != "truong"):
                return True
    return False


def _starts_with_place(organization: list[str]) -> bool:
    return any(tuple(organization[:len(place)]) == place
               and (len(organization) == len(place) or organization[len(place)] not in NOT_PLACES)
               for place in PLACE_WORDS)


def office(position: str, organization: str) -> str:
    """Position and organization in one phrase, as the MC reads it."""
    position = " ".join(nfc(position or "").split())
    organization = " ".join(nfc(organization or "").split())
    if not organization:
        return position
    if not position:
        return organization
    said = _words(position)
    body = _words(organization)
    said_words = [w for w, _ in said]
    body_words = [w for w, _ in body]
    if _contains(said_words, body_words):  # the position names the whole body already
        return position
    for start in range(len(said_words)):
        end = _follows(said_words[start:], body_words)
        if end is not None:  # the position ends with the body's start: add the rest
            rest = organization[body[end][1]:].strip()
            if not rest:
                return position
            return position + rest if rest[0] in ",;)" else f"{position} {rest}"
    if (_names_body(said_words) and not _starts_with_place(body_words)
            and not any(tuple(said_words[-len(part):]) == part for part in PART_OF_BODY)):
        return f"{position}, {organization}"
    return f"{position} {organization}"


def office_line(name: str, position: str, organization: str) -> str:
    """"Đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh Thanh Hóa"."""
    said = office(position, organization)
    return f"{name}, {said}" if name and said else (name or said)
