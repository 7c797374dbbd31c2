"""Check-in API throughput and latency against the real server.

Starts `kiosk serve` on a free loopback port (SQLite file, and PostgreSQL when
reachable), makes an event with enough delegates, then for 1, 4, 16 and 64
concurrent clients sends check-ins (each a new delegate, as at the gate) and,
as the baseline, calls to /api/v1/ping that do nothing. Prints a table of the
median of several runs: requests per second, p50 and p99 latency, errors.

    .venv/bin/python bench/checkin.py [--runs 3] [--seconds 4] [--clients 1,4,16,64] [--delegates 5000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (Table, add_user, environment, free_port, machine, percentile, prepare_event,  # noqa: E402
                    start, stop, token)

POSTGRES = os.environ.get("KIOSK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def load(url: str, clients: int, seconds: float, body_for) -> tuple[float, float, float, int]:
    """(requests per second, p50 ms, p99 ms, errors) with `clients` threads for `seconds`."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(index: int):
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {TOKEN}"
        n = 0
        while time.monotonic() < deadline:
            body = body_for(index, n)
            started = time.perf_counter()
            try:
                response = session.post(url, json=body, timeout=10) if body is not None else session.get(url, timeout=10)
                ok = response.status_code == 200 and (body is None or response.json()["status"] == "ok")
            except requests.RequestException:
                ok = False
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                errors[0] += not ok
            n += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.monotonic() - began
    return len(latencies) / took, percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000, errors[0]


TOKEN = ""


def main() -> None:
    global TOKEN
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4)
    parser.add_argument("--clients", default="1,4,16,64")
    parser.add_argument("--delegates", type=int, default=5000, help="the event's list (a large site)")
    args = parser.parse_args()
    clients = [int(c) for c in args.clients.split(",")]
    backends = [("SQLite", None)]
    try:
        import sqlalchemy

        engine = sqlalchemy.create_engine(POSTGRES)
        with engine.connect():
            backends.append(("PostgreSQL", POSTGRES))
        engine.dispose()
    except Exception as error:  # noqa: BLE001
        print(f"(PostgreSQL skipped: {error.__class__.__name__})")

    print(f"# {machine()}")
    table = Table(("backend", "<11"), ("route", "<9"), ("clients", ">7"), ("req/s", ">8.0f"), ("p50 ms", ">8.1f"),
                  ("p99 ms", ">8.1f"), ("errors", ">7"))
    table.header()
    for name, url in backends:
        with tempfile.TemporaryDirectory() as folder:
            env = environment(folder)
            if url:
                schema = f"bench_{os.getpid()}"
                import sqlalchemy

                engine = sqlalchemy.create_engine(POSTGRES)
                with engine.begin() as connection:
                    connection.execute(sqlalchemy.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE; CREATE SCHEMA "{schema}"'))
                env["KIOSK_DATABASE_URL"] = f"{POSTGRES}?options=-csearch_path%3D{schema}"
            # A large site's list (live counts are recomputed over all of it); check-ins are
            # taken back between measurements so each one checks in a delegate not yet present.
            prepare_event(env, delegates=args.delegates)
            import sqlalchemy

            database = sqlalchemy.create_engine(env["KIOSK_DATABASE_URL"])

            def nobody_present():
                with database.begin() as connection:
                    connection.execute(sqlalchemy.text("UPDATE delegates SET checked_in_at = NULL"))
                    connection.execute(sqlalchemy.text("DELETE FROM checkin_scans"))
                next_id[0] = 1
            add_user(env, "bench-desk", "desk")
            TOKEN = token(env, "bench-desk")
            port = free_port()
            server = start(env, port, Path(folder) / "server.log")
            base = f"http://127.0.0.1:{port}/api/v1"
            next_id = [1]
            id_lock = threading.Lock()

            def fresh_delegate(index, n):
                with id_lock:
                    next_id[0] = next_id[0] % args.delegates + 1
                    return {"delegate_id": next_id[0], "device": f"Cổng {index}"}

            try:
                for count in clients:
                    for route, target, body in (("ping", f"{base}/ping", lambda i, n: None),
                                                ("check-in", f"{base}/events/bench/checkins", fresh_delegate)):
                        runs = []
                        for _ in range(args.runs):
                            nobody_present()
                            runs.append(load(target, count, args.seconds, body))
                        rate = statistics.median(r[0] for r in runs)
                        p50 = statistics.median(r[1] for r in runs)
                        p99 = statistics.median(r[2] for r in runs)
                        errors = sum(r[3] for r in runs)
                        table.row(name, route, count, rate, p50, p99, errors)
            finally:
                stop(server)
                database.dispose()
                if url:
                    with engine.begin() as connection:
                        connection.execute(sqlalchemy.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
                    engine.dispose()


if __name__ == "__main__":
    main()
