"""Badges PDF (thẻ đại biểu) for 1,000 and 5,000 delegates.

Calls the printing function itself, printing.delegates.badges_pdf(), as
kiosk/delegates/documents.py does, with realistic delegates: Vietnamese
names, honorifics, positions and bodies of every level (those of the demo
event, in the same proportions), seats, and each with a real signed badge
code (NHK1...) for its QR code. Before each run the text-fitting and QR
caches are emptied, as in a freshly started server. Prints the median over
runs of the seconds and the size in MB, and checks every PDF (pypdf opens it,
one A4 page per 8 badges, the first delegate's name on page 1). Baseline: the
same document for 10 delegates.

    .venv/bin/python bench/badges.py [--runs 3] [--delegates 1000,5000] [--profile]

Shorter: --runs 1 --delegates 1000. --profile prints the 12 functions with the
most cumulative time for the largest document (cProfile).
"""

from __future__ import annotations

import argparse
import io
import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import Table, load_now, machine, median  # noqa: E402

from kiosk.delegates import codes  # noqa: E402
from kiosk.delegates.models import LEVELS  # noqa: E402
from kiosk.demo import DELEGATE_PLAN, person  # noqa: E402
from printing import delegates as printing  # noqa: E402

EVENT = printing.EventInfo(organizing_body="Ban Chỉ đạo ANTT xã Cẩm Tân", title="Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
                           year=2024, place="Thôn Eo Lê, xã Cẩm Tân, huyện Cẩm Thủy, tỉnh Thanh Hóa",
                           date_text="15/08/2024", time_text="07:30",
                           backdrop_bottom="Cẩm Tân, ngày 15 tháng 08 năm 2024")


def make_cards(count: int, seed: int = 2024) -> list[printing.DelegateCard]:
    """`count` delegates drawn like the demo's (its mix of levels, bodies and positions), with signed codes."""
    rng = random.Random(seed)
    key_seed, prefix = codes.new_seed(), codes.new_event_prefix()
    plan = [row for row in DELEGATE_PLAN for _ in range(row[4])]
    cards = []
    for n in range(count):
        level, group, position, organization, _ = plan[n % len(plan)]
        name, honorific = person(rng)
        if level != "co_so" or group in ("village", "steering", "honoree"):
            honorific = "Đồng chí"
        if group == "religious":
            honorific = "Linh mục"
        row, seat = divmod(n, 30)
        cards.append(printing.DelegateCard(
            full_name=name, honorific=honorific, position=position, organization=organization, level=level,
            level_label=LEVELS[level], seat=f"{chr(65 + row % 26)}{'' if row < 26 else row // 26}{seat + 1}",
            code=codes.make_code(key_seed, prefix, codes.new_badge_id(), 1)))
    return cards


def render(cards) -> tuple[float, bytes]:
    """(seconds, PDF) for one cold run."""
    printing.fit_text.cache_clear()
    printing.qr_matrix.cache_clear()
    began = time.perf_counter()
    data = printing.badges_pdf(EVENT, cards)
    return time.perf_counter() - began, data


def check(data: bytes, cards) -> str:
    """"ok", or what is wrong with the PDF."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = len(reader.pages)
        first = reader.pages[0].extract_text() or ""
    except Exception as error:  # noqa: BLE001 - any failure to read it is the finding
        return f"unreadable: {error.__class__.__name__}"
    expected = math.ceil(len(cards) / printing.BADGES_PER_PAGE)
    if pages != expected:
        return f"{pages} pages, expected {expected}"
    if cards[0].full_name not in " ".join(first.split()):
        return "first name not on page 1"
    return "ok"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per row; the table shows their median")
    parser.add_argument("--delegates", default="1000,5000", help="numbers of delegates, after the 10-delegate baseline")
    parser.add_argument("--profile", action="store_true", help="profile the largest document with cProfile")
    args = parser.parse_args()
    sizes = [10] + [int(n) for n in args.delegates.split(",") if int(n) != 10]

    print(f"# {machine()}")
    print(f"# {args.runs} runs per row, each with empty caches; printing.delegates.badges_pdf() in this process")
    render(make_cards(8))  # fonts registered once, as in a server that has printed before
    table = Table(("delegates", ">9"), ("pages", ">6"), ("seconds", ">8.2f"), ("MB", ">7.2f"),
                  ("ms per badge", ">12.2f"), ("× baseline", ">10.1f"), ("KB per page", ">11.1f"), ("PDF", "<4"))
    table.header()
    baseline = None
    for count in sizes:
        cards = make_cards(count)
        runs = [render(cards) for _ in range(args.runs)]
        seconds = median([s for s, _ in runs])
        data = runs[-1][1]
        baseline = baseline or seconds / count
        pages = math.ceil(count / printing.BADGES_PER_PAGE)
        table.row(count, pages, seconds, len(data) / 1e6, seconds / count * 1000, seconds / count / baseline,
                  len(data) / 1024 / pages, check(data, cards))
    table_note = "× baseline: time per badge over the 10-delegate document's"
    print(f"# {table_note}")
    print(load_now())
    if args.profile:
        import cProfile
        import pstats

        cards = make_cards(sizes[-1])
        printing.fit_text.cache_clear()
        printing.qr_matrix.cache_clear()
        profiler = cProfile.Profile()
        profiler.runcall(printing.badges_pdf, EVENT, cards)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(12)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)


if __name__ == "__main__":
    main()
