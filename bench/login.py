"""Login time for a known account, an unknown one and a disabled one, with the
real password hash (scrypt): the answer must not tell which names exist.

Calls kiosk.auth.service.authenticate in an app over a fresh SQLite file (no
server: the HTTP layer adds the same to each). Prints the median and p90 of
--tries wrong-password attempts per kind of name, and each median over the
known account's.

    .venv/bin/python bench/login.py [--tries 30]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import Table, machine, median  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tries", type=int, default=30)
    args = parser.parse_args()

    from kiosk import create_app
    from kiosk.auth import service as accounts
    from kiosk.auth.models import User
    from kiosk.extensions import db
    from kiosk.transactions import writing

    folder = Path(tempfile.mkdtemp())
    app = create_app({"INSTANCE_PATH": str(folder), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db",
                      "SECRET_KEY": "bench", "KIOSK_MESSAGE_QUEUE": None, "KIOSK_PASSWORD_HASH": "scrypt"})
    times: dict[str, list[float]] = {"known": [], "unknown": [], "disabled": []}
    with app.app_context():
        accounts.add_user("btc", "mat-khau-dung-1", "organizer")
        closed = accounts.add_user("da-khoa", "mat-khau-dung-2", "organizer")
        with writing():
            db.session.get(User, closed.id).active = False
        accounts.authenticate("khong-co-ai", "x")  # the dummy hash is made on first use
        names = {"known": "btc", "unknown": "khong-co-ai", "disabled": "da-khoa"}
        for _ in range(args.tries):
            for kind, name in names.items():
                start = time.perf_counter()
                accounts.authenticate(name, "sai-mat-khau")
                times[kind].append(time.perf_counter() - start)
    print(machine())
    table = Table(("account", "<10"), ("median ms", ">10.1f"), ("p90 ms", ">8.1f"), ("× known", ">8.2f"))
    table.header()
    known = median(times["known"])
    for kind, values in times.items():
        ordered = sorted(values)
        table.row(kind, median(values) * 1000, ordered[int(len(ordered) * 0.9) - 1] * 1000, median(values) / known)


if __name__ == "__main__":
    main()
