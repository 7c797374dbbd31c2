"""Protocol of presenters (lễ tân): an award is handed by a leader of the
level that decided it. A Giấy khen of the Chủ tịch UBND huyện is handed by a
district leader, not by a guest from the Bộ Công an; a Bằng khen of the Chủ
tịch UBND tỉnh by a provincial leader.

The level is read from the issuing authority ("Chủ tịch UBND huyện Cẩm Thủy"
-> "huyen") or, when that names none, from the form ("Bằng khen của Bộ trưởng
Bộ Công an" -> "trung_uong"). Pure: no Flask, no database.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from kiosk.delegates.models import LEVELS
from kiosk.text import fold, nfc

Leader = TypeVar("Leader")

# Words that name the level of an issuing office. The smallest unit is written
# first ("Chủ tịch UBND xã Cẩm Tân, huyện Cẩm Thủy"), so the first match wins;
# at the same place the longest ("thị xã" is a district, not a commune).
_LEVEL_WORDS = [
    ("trung ương", "trung_uong"), ("tw", "trung_uong"), ("bộ trưởng", "trung_uong"), ("thứ trưởng", "trung_uong"),
    ("bộ công an", "trung_uong"), ("bộ quốc phòng", "trung_uong"), ("thủ tướng", "trung_uong"),
    ("chính phủ", "trung_uong"), ("chủ tịch nước", "trung_uong"), ("quốc hội", "trung_uong"),
    # The medal is given by the Minister of Public Security; its name says nothing of it.
    ("kỷ niệm chương", "trung_uong"),
    ("tỉnh", "tinh"), ("tỉnh ủy", "tinh"),
    # Thành phố Hà Nội is a province; Thành phố Thanh Hóa is a district.
    ("(?:thành phố|thành ủy|tp\\.?) ?(?:hà nội|hồ chí minh|hải phòng|đà nẵng|cần thơ|huế)", "tinh"),
    ("huyện", "huyen"), ("quận", "huyen"), ("thị xã", "huyen"), ("thành phố", "huyen"), ("thành ủy", "huyen"),
    ("thị ủy", "huyen"),
    ("xã(?! hội)", "xa"), ("phường", "xa"), ("thị trấn", "xa"),
    ("thôn", "co_so"), ("xóm", "co_so"), ("tổ dân phố", "co_so"), ("khu phố", "co_so"),
]


def _compiled(fold_words: bool) -> list[tuple[re.Pattern, str]]:
    return [(re.compile(rf"(?<!\w){fold(word) if fold_words else word}(?!\w)"), level)
            for word, level in _LEVEL_WORDS]


_ACCENTED, _PLAIN = _compiled(False), _compiled(True)


def issuer_level(text: str | None) -> str | None:
    """The LEVELS code of an issuing office or form, or None when it names none:
    "Chủ tịch UBND huyện Cẩm Thủy" -> "huyen", "Giám đốc Công an tỉnh" -> "tinh".
    Text typed without marks is read too ("Chu tich UBND huyen")."""
    text = nfc(text or "")
    patterns, subject = (_PLAIN, fold(text)) if text.isascii() else (_ACCENTED, " ".join(text.lower().split()))
    found = [(match.start(), -len(match.group()), level)
             for pattern, level in patterns for match in [pattern.search(subject)] if match]
    return min(found)[2] if found else None


def decision_level(authority: str | None, form_name: str | None) -> str | None:
    """Who signed decides the level; the form says it when the authority does not."""
    return issuer_level(authority) or issuer_level(form_name)


def levels_to_try(level: str | None) -> list[str]:
    """Where to look for a presenter: the award's level, then the levels above
    it, nearest first, then those below (a stand-in is better than nobody; the
    page warns). An unknown level: from the top, as protocol reads."""
    order = list(LEVELS)
    if level not in order:
        return order
    at = order.index(level)
    return [level, *reversed(order[:at]), *order[at + 1:]]


def pools(leaders: Iterable[Leader], level_of) -> dict[str, list[Leader]]:
    """Leaders by level, in the order given (protocol order)."""
    by_level: dict[str, list[Leader]] = {}
    for leader in leaders:
        by_level.setdefault(level_of(leader), []).append(leader)
    return by_level


def next_presenter(by_level: Mapping[str, Sequence[Leader]], level: str | None, turns: Counter) -> Leader | None:
    """The presenter of the next batch of an award of `level`: the nearest
    level that has leaders, taking its leaders in turn so that several
    batches are spread among them."""
    for candidate in levels_to_try(level):
        leaders = by_level.get(candidate)
        if leaders:
            turn = turns[candidate]
            turns[candidate] += 1
            return leaders[turn % len(leaders)]
    return None


def fits(presenter_level: str | None, award_level: str | None) -> bool:
    """False only when both levels are known and differ."""
    return presenter_level is None or award_level is None or presenter_level == award_level
