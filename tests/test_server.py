"""Several server processes on one PostgreSQL database and one Redis message
queue: what one process changes reaches screens connected to the other."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import uuid

import pytest
import redis
import requests
import socketio

from kiosk.server import server_options
from tests.conftest import drop_postgres_schema, postgres_schema_url, postgres_unreachable_reason
from tests.processes import demo_server

REDIS_URL = os.environ.get("KIOSK_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def require(reason: str | None, variable: str) -> None:
    if reason is None:
        return
    if os.environ.get(variable):
        pytest.fail(reason)
    pytest.skip(f"skipped: {reason}")


def redis_unreachable_reason() -> str | None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
        return None
    except redis.RedisError as error:
        return f"Redis at {REDIS_URL} unreachable: {error}"


@pytest.fixture
def two_servers(tmp_path):
    """Server A with two gunicorn workers and server B with one, on one
    PostgreSQL schema, sharing a Redis channel of their own."""
    require(postgres_unreachable_reason(), "KIOSK_REQUIRE_POSTGRES")
    require(redis_unreachable_reason(), "KIOSK_REQUIRE_REDIS")
    url, schema = postgres_schema_url()
    shared = {"KIOSK_MESSAGE_QUEUE": REDIS_URL, "KIOSK_MESSAGE_CHANNEL": f"kiosk-test-{uuid.uuid4().hex}"}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = demo_server(url, tmp_path / "a", "--workers", "2", extra_env=shared)
    b = a.sibling(tmp_path / "b")
    try:
        a.start()
        b.start()
        yield a, b
    finally:
        a.stop()
        b.stop()
        drop_postgres_schema(schema)


class Screen:
    """A staff screen: a Socket.IO client by WebSocket, keeping every state it is sent."""

    def __init__(self, server, token: str):
        self.states: queue.Queue = queue.Queue()
        self.client = socketio.Client(reconnection=False)
        self.client.on("state", self.states.put)
        self.client.connect(server.base_url, auth={"event": "demo", "token": token}, transports=["websocket"],
                            wait_timeout=15)

    def wait_for(self, condition, timeout: float = 15) -> dict:
        """The first state part set for which condition(parts) holds."""
        while True:
            parts = self.states.get(timeout=timeout)
            if condition(parts):
                return parts

    def close(self) -> None:
        self.client.disconnect()


def api(server, token: str, method: str, path: str, body=None) -> dict:
    response = requests.request(method, f"{server.base_url}/api/v1/events/demo{path}", json=body, timeout=15,
                                headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 300, response.text
    return response.json()


def test_a_check_in_and_a_command_sent_to_one_process_reach_screens_on_the_other(two_servers):
    a, b = two_servers
    organizer, desk = a.token("demo-btc"), a.token("demo-cong1")
    screen_on_b = Screen(b, organizer)
    screen_on_a = Screen(a, organizer)
    try:
        present = screen_on_b.wait_for(lambda parts: "attendance" in parts)["attendance"]["present"]
        absent = next(d for d in api(a, organizer, "GET", "/delegates")["delegates"] if not d["checked_in_at"])

        answer = api(a, desk, "POST", "/checkins", {"delegate_id": absent["id"], "device": "Cổng A"})
        assert answer["status"] == "ok"
        seen = screen_on_b.wait_for(lambda parts: parts.get("attendance", {}).get("present") == present + 1)
        assert seen["attendance"]["present"] == present + 1

        state = api(a, organizer, "POST", "/programme/commands", {"command": "start", "expected_item": None})
        first = state["programme"]["live"]["current_item_id"]
        on_b = screen_on_b.wait_for(lambda parts: (parts.get("programme") or {}).get("live", {}).get("current_item_id")
                                    == first)
        assert on_b["programme"]["live"]["current_item_id"] == first

        # And the other way round: a command sent to B moves the screen on A.
        state = api(b, organizer, "POST", "/programme/commands", {"command": "next", "expected_item": first})
        second = state["programme"]["live"]["current_item_id"]
        assert second != first
        screen_on_a.wait_for(lambda parts: (parts.get("programme") or {}).get("live", {}).get("current_item_id")
                             == second)
    finally:
        screen_on_a.close()
        screen_on_b.close()


REVOKE = """
import sys
from kiosk import create_app
from kiosk.auth import service
from kiosk.auth.models import ApiToken, EventLink
from kiosk.events.service import find_event
from kiosk.extensions import db
app = create_app({"KIOSK_AUTO_UPGRADE": False})
with app.app_context():
    kind, secret = sys.argv[1], sys.argv[2]
    if kind == "link":
        service.revoke_link(service.link_for_key(find_event("demo"), secret))
    else:
        service.revoke_token(service.api_token(secret).id)
"""


def revoke_elsewhere(server, kind: str, secret: str) -> None:
    """Revoke a credential from a third process (a CLI command on the kiosk laptop)."""
    subprocess.run([sys.executable, "-c", REVOKE, kind, secret], env=server.env, check=True, timeout=60)


def test_revoking_closes_live_connections_in_every_process(two_servers):
    """A screen link and an API token revoked in one process: their open
    connections on the other servers close at once (through the message queue),
    and a connection made with another credential stays."""
    a, b = two_servers
    organizer, other = a.token("demo-btc"), a.token("demo-btc")
    screen_key = b.screen_link.rsplit("/", 1)[1]
    gone = {"link": threading.Event(), "token": threading.Event()}
    link_screen = socketio.Client(reconnection=False)
    link_screen.on("disconnect", lambda *args: gone["link"].set())
    link_screen.connect(b.base_url, auth={"event": "demo", "key": screen_key}, transports=["websocket"],
                        wait_timeout=15)
    token_screen = socketio.Client(reconnection=False)
    token_screen.on("disconnect", lambda *args: gone["token"].set())
    token_screen.connect(a.base_url, auth={"event": "demo", "token": organizer}, transports=["websocket"],
                         wait_timeout=15)
    staying = Screen(b, other)
    try:
        revoke_elsewhere(a, "link", screen_key)
        assert gone["link"].wait(10), "the revoked link's screen on B is still connected"
        revoke_elsewhere(b, "token", organizer)
        assert gone["token"].wait(10), "the revoked token's connection on A is still connected"
        assert staying.client.connected
        with pytest.raises(socketio.exceptions.ConnectionError):
            socketio.Client(reconnection=False).connect(b.base_url, auth={"event": "demo", "key": screen_key},
                                                        transports=["websocket"], wait_timeout=15)
    finally:
        for client in (link_screen, token_screen):
            if client.connected:
                client.disconnect()
        staying.close()


def test_several_workers_need_a_message_queue(tmp_path, sqlite_url):
    server = demo_server(sqlite_url, tmp_path, "--workers", "2", extra_env={"KIOSK_MESSAGE_QUEUE": ""})
    with pytest.raises(RuntimeError, match="KIOSK_MESSAGE_QUEUE"):
        server.start(timeout=30)


def test_the_server_is_gunicorn_with_threads_for_every_screen():
    options = server_options("0.0.0.0", 5000, workers=2, threads=1000)
    assert options["worker_class"] == "gthread" and options["workers"] == 2
    assert options["worker_connections"] > options["threads"]  # room for idle keep-alive connections
    assert server_options("::", 5000, workers=1, threads=8)["bind"] == ["[::]:5000"]


def test_serve_https_uses_the_local_certificate_tablets_trust(tmp_path, sqlite_url):
    server = demo_server(sqlite_url, tmp_path, "--https")
    server.base_url = server.base_url.replace("http://", "https://")
    ca = tmp_path / "instance" / "https" / "ca.crt"
    server.verify = str(ca)
    server.start()
    try:
        assert requests.get(server.base_url + "/api/v1/ping", verify=str(ca), timeout=10).json() == {"ok": True}
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(server.base_url + "/api/v1/ping", timeout=10)  # not trusted without the kiosk's CA
        assert "https://127.0.0.1:" in server.log.read_text()  # the address printed for tablets
    finally:
        server.stop()
