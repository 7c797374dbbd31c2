"""Before the app sees a request (kiosk/wsgi.py): slow and heavy clients cannot
starve the gate, anonymous routes take small bodies only, and the client's
address behind a proxy is believed only from proxies the operator named.

The slow-client tests run a real `kiosk serve` (gunicorn) over SQLite and
PostgreSQL and talk to it over raw sockets, as a phone on bad Wi-Fi would."""

from __future__ import annotations

import socket
import threading
import time

import psutil
import pytest
import requests
from sqlalchemy import select

from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.forum.models import Opinion
from tests.conftest import make_test_app
from tests.factories import make_event
from tests.processes import demo_server

MB = 1024 * 1024
SLOW_CLIENTS = 20


@pytest.fixture
def server(database_url, tmp_path):
    venue = demo_server(database_url, tmp_path, extra_env={"KIOSK_BODY_SECONDS": "3"})
    venue.start()
    yield venue
    venue.stop()


def open_request(server, path: str, headers: dict, body: bytes = b"") -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    sock.sendall(head.encode() + body)
    return sock


def status_of(sock: socket.socket) -> int:
    answer = b""
    while b"\r\n" not in answer:
        chunk = sock.recv(4096)
        if not chunk:
            break
        answer += chunk
    return int(answer.split(b" ", 2)[1])


def test_slow_bodies_cannot_starve_the_gate(server):
    token = server.token("demo-admin")
    auth = {"Authorization": f"Bearer {token}"}
    base = f"{server.base_url}/api/v1/events/demo"
    people = requests.get(f"{base}/delegates?limit=10", headers=auth, timeout=10).json()["delegates"]
    waiting = [p for p in people if p["checked_in_at"] is None][:5]
    opinions_before = len(requests.get(f"{base}/opinions", headers=auth, timeout=10).json()["opinions"])

    # Twenty phones sending an opinion one byte a second (each promises 3,000 bytes).
    stop = threading.Event()
    slow = [open_request(server, "/api/v1/events/demo/opinions",
                         {"Content-Type": "application/json", "Content-Length": "3000"}, b"{")
            for _ in range(SLOW_CLIENTS)]

    def trickle():
        while not stop.is_set():
            for sock in slow:
                try:
                    sock.send(b" ")
                except OSError:
                    pass
            stop.wait(1)

    trickler = threading.Thread(target=trickle, daemon=True)
    trickler.start()
    try:
        time.sleep(1)
        took = []
        for person in waiting:
            started = time.monotonic()
            answer = requests.post(f"{base}/checkins", json={"delegate_id": person["id"]}, headers=auth, timeout=30)
            took.append(time.monotonic() - started)
            assert answer.status_code == 200 and answer.json()["status"] == "ok"
        assert max(took) < 2, took
        # The slow bodies are given up on (3 s and a little for 3,000 bytes), with a clear answer.
        statuses = [status_of(sock) for sock in slow]
    finally:
        stop.set()
        for sock in slow:
            sock.close()
    assert statuses == [408] * SLOW_CLIENTS
    after = requests.get(f"{base}/opinions", headers=auth, timeout=10).json()["opinions"]
    assert len(after) == opinions_before  # nothing half-read was written


def test_large_anonymous_bodies_are_refused_unread_and_memory_stays_bounded(server):
    workers = [p for p in psutil.Process(server.process.pid).children(recursive=True)]
    before = sum(p.memory_info().rss for p in workers)

    # Announced at 13 MB: refused at once, without reading it, in Vietnamese.
    sock = open_request(server, "/api/v1/events/demo/opinions",
                        {"Content-Type": "application/json", "Content-Length": str(13 * MB)}, b'{"text": "')
    started = time.monotonic()
    answer = b""
    while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
        chunk = sock.recv(65536)
        if not chunk:
            break
        answer += chunk
    sock.close()
    assert time.monotonic() - started < 2
    assert answer.startswith(b"HTTP/1.1 413")
    assert "tối đa 64 KB".encode() in answer

    # Eight at once, sent without a length (chunked): read up to the limit, then refused.
    def chunked(results, n):
        body = (b"x" * 65536 for _ in range(13 * 16))
        try:
            results[n] = requests.post(f"{server.base_url}/api/v1/events/demo/opinions", data=body,
                                       headers={"Content-Type": "application/json"}, timeout=60).status_code
        except requests.ConnectionError:  # the server closed the connection after answering
            results[n] = 413
    results = [None] * 8
    threads = [threading.Thread(target=chunked, args=(results, n)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [413] * 8
    after = sum(p.memory_info().rss for p in workers)
    assert after - before < 64 * MB, f"{(after - before) / MB:.0f} MB more"


def test_staff_routes_take_bodies_of_up_to_one_megabyte(server):
    token = server.token("demo-admin")
    big = {"text": "x" * (2 * MB)}
    answer = requests.post(f"{server.base_url}/api/v1/events/demo/mc-messages", json=big,
                           headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert answer.status_code == 413
    assert "1 MB" in answer.json()["message"]


# ---------------------------------------------------------------- behind a proxy

def sent_from(app, **environ) -> str:
    client = app.test_client()
    answer = client.post("/api/v1/events/cam-tan/opinions", json={"text": "Ý kiến qua proxy"},
                         headers={"X-Kiosk-Device": "phone-1"}, environ_base=environ)
    assert answer.status_code == 201, answer.get_json()
    with app.app_context():
        return db.session.scalar(select(Opinion.address_ip).where(Opinion.id == answer.get_json()["id"]))


@pytest.mark.parametrize("trusted, peer, expected", [
    ("", "127.0.0.1", "127.0.0.1"),  # no proxy named: the header is ignored
    ("127.0.0.1", "127.0.0.1", "10.9.9.9"),  # from the named proxy: believed
    ("127.0.0.1", "10.0.0.50", "10.0.0.50"),  # the same header straight from a phone: ignored
    ("10.0.0.0/24", "10.0.0.2", "10.9.9.9"),  # a named network
])
def test_forwarded_for_only_from_trusted_proxies(database_url, tmp_path, trusted, peer, expected):
    app = make_test_app(database_url, tmp_path, KIOSK_TRUSTED_PROXIES=trusted)
    with app.app_context():
        make_event("cam-tan")
    address = sent_from(app, REMOTE_ADDR=peer, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert address == expected
    with app.app_context():
        assert find_event("cam-tan") is not None
        for engine in db.engines.values():
            engine.dispose()
