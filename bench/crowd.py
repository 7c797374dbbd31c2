"""The hall writing at once, against the real server: does every write hold?

Starts `kiosk serve` (SQLite file, and PostgreSQL when reachable) with the demo
event and, for `--seconds`, runs the day's writers together, each a thread
with its own connection:
- 4 gates checking delegates in (each delegate once, by id),
- 2 gift desks handing out the same recipients in the same order (they race
  on every one: exactly one hand-out each must come of it),
- 2 organizers adding walk-ins (each sent twice with its request_id, as a
  tablet retrying) and moderating the opinions as they come,
- `--phones` phones posting opinions at a person's pace, each with its own
  address (X-Forwarded-For from the trusted loopback proxy) and device key,
  some too fast on purpose (they must get 429, not a server error).

Prints, per kind of writer: requests, per second, p50 and p99 latency, answers
by status (5xx must be 0), then the race checks read back from the server:
gifts handed once, check-ins once, walk-ins once, opinions stored = 201 answers.

    .venv/bin/python bench/crowd.py [--seconds 20] [--phones 40]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Table, demo, environment, free_port, load_now, machine, percentile, start, stop, token  # noqa: E402

POSTGRES = os.environ.get("KIOSK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


class Tally:
    """Latencies and statuses per kind of writer, from many threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = defaultdict(list)
        self.status: dict[str, Counter] = defaultdict(Counter)
        self.created_opinions = 0
        self.handed: Counter = Counter()  # recipient id -> "ok" answers

    def add(self, kind: str, started: float, response: requests.Response | None) -> None:
        with self.lock:
            self.latency[kind].append(time.perf_counter() - started)
            self.status[kind][response.status_code if response is not None else "no answer"] += 1


def timed(tally: Tally, kind: str, call):
    started = time.perf_counter()
    try:
        response = call()
    except requests.RequestException:
        response = None
    tally.add(kind, started, response)
    return response


def run(base_url: str, env: dict, seconds: float, phones: int) -> tuple[Tally, dict, float]:
    api = f"{base_url}/api/v1/events/demo"
    staff = {"Authorization": f"Bearer {token(env, 'demo-btc')}"}
    gate = {"Authorization": f"Bearer {token(env, 'demo-cong1')}"}
    delegates = [d for d in requests.get(f"{api}/delegates?limit=1000", headers=staff, timeout=30).json()["delegates"]
                 if d["checked_in_at"] is None]
    recipients = [r for r in requests.get(f"{api}/gifts", headers=staff, timeout=30).json()["recipients"]
                  if r["package_id"] and not r["handed_at"]]
    tally = Tally()
    deadline = time.monotonic() + seconds
    start_line = threading.Barrier(4 + 2 + 2 + phones)

    def gate_tablet(n: int):
        session = requests.Session()
        start_line.wait()
        for delegate in delegates[n::4]:
            if time.monotonic() > deadline:
                return
            timed(tally, "cổng (điểm danh)", lambda: session.post(
                f"{api}/checkins", json={"delegate_id": delegate["id"], "scan_id": str(uuid.uuid4()),
                                         "device": f"Cổng {n + 1}"}, headers=gate, timeout=30))

    def gift_desk(n: int):
        session = requests.Session()
        start_line.wait()
        for recipient in recipients:  # both desks, the same people: every hand-out is a race
            if time.monotonic() > deadline:
                return
            response = timed(tally, "bàn quà (trao)", lambda: session.post(
                f"{api}/gifts/{recipient['id']}/handout", json={"request_id": str(uuid.uuid4()),
                                                                  "desk": f"Bàn {n + 1}"}, headers=staff, timeout=30))
            if response is not None and response.status_code == 200 and response.json()["status"] == "ok":
                with tally.lock:
                    tally.handed[recipient["id"]] += 1

    def organizer(n: int):
        session = requests.Session()
        start_line.wait()
        k = 0
        while time.monotonic() < deadline:
            key = str(uuid.uuid4())
            guest = {"full_name": f"Khách {n}-{k}", "organization": "Báo Thanh Hóa", "request_id": key}
            for _ in range(2):  # a tablet that retried: the guest is registered once
                timed(tally, "BTC (khách mời)", lambda: session.post(f"{api}/walk-ins", json=guest, headers=staff,
                                                                     timeout=30))
            queue = session.get(f"{api}/opinions", headers=staff, timeout=30).json()["opinions"]
            waiting = [o for o in queue if o["status"] == "new" and not o["flagged"]]
            if waiting:
                chosen = random.choice(waiting)
                timed(tally, "BTC (kiểm duyệt)", lambda: session.post(
                    f"{api}/opinions/{chosen['id']}/moderate", json={"action": "approve"}, headers=staff, timeout=30))
            k += 1

    def phone(n: int):
        session = requests.Session()
        address = f"10.{n // 250}.{n % 250}.{random.randint(2, 250)}"
        headers = {"X-Kiosk-Device": f"bench-phone-{n}", "X-Forwarded-For": address}
        start_line.wait()
        time.sleep(random.random() * 2)
        while time.monotonic() < deadline:
            response = timed(tally, "điện thoại (ý kiến)", lambda: session.post(
                f"{api}/opinions", json={"text": f"Ý kiến của người dân số {n}", "request_id": str(uuid.uuid4())},
                headers=headers, timeout=30))
            if response is not None and response.status_code == 201:
                with tally.lock:
                    tally.created_opinions += 1
            # A person now and then presses "Gửi" twice; otherwise a minute or so between sends.
            time.sleep(min(random.choice([0.2, 3, 6, 12]), max(0.0, deadline - time.monotonic())))

    threads = ([threading.Thread(target=gate_tablet, args=(n,)) for n in range(4)]
               + [threading.Thread(target=gift_desk, args=(n,)) for n in range(2)]
               + [threading.Thread(target=organizer, args=(n,)) for n in range(2)]
               + [threading.Thread(target=phone, args=(n,)) for n in range(phones)])
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began

    after_gifts = requests.get(f"{api}/gifts", headers=staff, timeout=30).json()["recipients"]
    after_delegates = requests.get(f"{api}/delegates?limit=1000", headers=staff, timeout=30).json()["delegates"]
    opinions = requests.get(f"{api}/opinions", headers=staff, timeout=30).json()["opinions"]
    raced = {r["id"] for r in recipients}
    handed_now = {r["id"] for r in after_gifts if r["id"] in raced and r["handed_at"]}
    checks = {
        "gift recipients handed / 'ok' answers / recipients told 'ok' twice": (
            len(handed_now), sum(tally.handed.values()), sum(1 for n in tally.handed.values() if n > 1)),
        "walk-in guests registered / walk-in requests (each sent twice)": (
            sum(1 for d in after_delegates if d["full_name"].startswith("Khách ")),
            sum(tally.status["BTC (khách mời)"].values())),
        "opinions stored / 201 answers": (
            sum(1 for o in opinions if o["text"].startswith("Ý kiến của người dân")), tally.created_opinions),
    }
    return tally, checks, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--phones", type=int, default=40)
    args = parser.parse_args()
    print(f"# {machine()}")
    print(f"# {args.seconds:.0f} s: 4 gates, 2 gift desks racing on the same recipients, 2 organizers "
          f"(walk-ins sent twice, moderation), {args.phones} phones posting opinions")
    targets = [("SQLite", None)]
    try:
        import sqlalchemy

        engine = sqlalchemy.create_engine(POSTGRES)
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
        targets.append(("PostgreSQL", POSTGRES))
    except Exception as error:  # noqa: BLE001 - measured where reachable, said when not
        print(f"# PostgreSQL not measured: {error.__class__.__name__}")
    for label, url in targets:
        with tempfile.TemporaryDirectory() as folder:
            schema = None
            if url:
                schema = f"bench_{uuid.uuid4().hex[:10]}"
                engine = sqlalchemy.create_engine(url)
                with engine.begin() as connection:
                    connection.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
                url = f"{url}?options=-csearch_path%3D{schema}"
            env = {**environment(folder, url), "KIOSK_TRUSTED_PROXIES": "127.0.0.1"}
            port = free_port()
            base_url = f"http://127.0.0.1:{port}"
            demo(env, base_url)
            process = start(env, port, Path(folder) / "server.log")
            try:
                tally, checks, elapsed = run(base_url, env, args.seconds, args.phones)
            finally:
                stop(process)
                if schema:
                    with engine.begin() as connection:
                        connection.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
            print(f"\n## {label}, {elapsed:.1f} s")
            table = Table(("writer", "<22"), ("requests", ">8d"), ("per s", ">7.1f"), ("p50 ms", ">7.0f"),
                          ("p99 ms", ">7.0f"), ("5xx", ">4d"), ("answers", "<40"))
            table.header()
            for kind, latencies in tally.latency.items():
                statuses = tally.status[kind]
                server_errors = sum(n for code, n in statuses.items() if isinstance(code, int) and code >= 500)
                table.row(kind, len(latencies), len(latencies) / elapsed, percentile(latencies, 0.5) * 1000,
                          percentile(latencies, 0.99) * 1000, server_errors,
                          " ".join(f"{code}×{n}" for code, n in sorted(statuses.items(), key=str)))
            log = (Path(folder) / "server.log").read_text(errors="replace") if Path(folder).exists() else ""
            print(f"server tracebacks: {log.count('Traceback')}")
            for name, value in checks.items():
                print(f"check: {name}: {value}")
    print(load_now())


if __name__ == "__main__":
    main()
