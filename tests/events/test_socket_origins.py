"""Live connections only from the kiosk's own pages: another site's page, open
in a browser that holds the venue's cookies, cannot connect (a WebSocket is
not held back by the browser's CORS rules; the server must check the Origin)."""

from __future__ import annotations

import pytest
import requests
import socketio

from kiosk import socket_origins
from tests.processes import demo_server

EVIL = "http://evil.example"


@pytest.fixture
def server(tmp_path, sqlite_url):
    server = demo_server(sqlite_url, tmp_path).start()
    yield server
    server.stop()


def handshake(server, origin: str | None) -> requests.Response:
    """The first request of a Socket.IO connection by HTTP long-polling."""
    headers = {"Origin": origin} if origin else {}
    return requests.get(f"{server.base_url}/socket.io/", params={"EIO": "4", "transport": "polling"},
                        headers=headers, timeout=10)


def connect(server, token: str, origin: str | None = None) -> socketio.Client:
    """A WebSocket connection; `origin` the Origin header it sends (by default,
    the one a page of the server itself sends: http://127.0.0.1:<port>)."""
    client = socketio.Client(reconnection=False,
                             websocket_extra_options={"origin": origin} if origin else {})
    client.connect(server.base_url, auth={"event": "demo", "token": token}, transports=["websocket"],
                   wait_timeout=15)
    return client


def test_only_the_kiosks_own_origin_may_open_a_live_connection(server):
    token = server.token("demo-btc")

    refused = handshake(server, EVIL)
    assert refused.status_code == 400 and "Not an accepted origin" in refused.text
    assert handshake(server, server.base_url.replace("127.0.0.1", "localhost")).status_code == 400
    assert handshake(server, server.base_url).status_code == 200
    assert handshake(server, None).status_code == 200  # not a browser: no Origin to check

    with pytest.raises(socketio.exceptions.ConnectionError):
        connect(server, token, origin=EVIL)
    own = connect(server, token)
    try:
        assert own.connected
    finally:
        own.disconnect()
    explicit = connect(server, token, origin=server.base_url)
    try:
        assert explicit.connected
    finally:
        explicit.disconnect()


def test_extra_origins_are_added_to_the_kiosks_own():
    assert socket_origins({}) is None and socket_origins({"KIOSK_CORS_ORIGINS": ""}) is None
    allowed = socket_origins({"KIOSK_CORS_ORIGINS": "https://bang-tin.example/, https://khac.example"})
    environ = {"wsgi.url_scheme": "http", "HTTP_HOST": "10.0.0.5:5000"}
    assert allowed("https://bang-tin.example", environ) and allowed("https://khac.example", environ)
    assert allowed("http://10.0.0.5:5000", environ)  # the kiosk's own pages still
    assert not allowed(EVIL, environ) and not allowed("https://10.0.0.5:5000", environ)
    # behind the README's nginx (https outside, http to the kiosk)
    assert allowed("https://kiosk.example", {**environ, "HTTP_HOST": "kiosk.example",
                                             "HTTP_X_FORWARDED_PROTO": "https"})
    assert socket_origins({"KIOSK_CORS_ORIGINS": ["https://a.example"]})("https://a.example", environ)
