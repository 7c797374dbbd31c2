"""What happens to a request before the app sees it.

- The body is read whole, within its route's size limit and in bounded
  time, before any code runs that could take a database connection (loading
  the event, the account). A client trickling its body byte by byte holds one
  of the server's many threads for a few seconds, never a connection the gates
  need. Anonymous routes (the citizens' pages, login, pairing) take small
  bodies only. A body announced larger than its limit is not read at all: the
  app answers 413 with its own page (request.max_content_length is set from
  environ["kiosk.body_limit"]). What is read waits in a spooled file: large
  uploads go to disk, not to memory.
- Behind a reverse proxy (the README's nginx) the client's address is taken
  from X-Forwarded-For only when the request comes from a proxy the operator
  named in KIOSK_TRUSTED_PROXIES; otherwise that header is ignored."""

from __future__ import annotations

import heapq
import ipaddress
import json
import socket
import tempfile
import threading
import time

from flask import Flask
from kiosk.uploads import size_text
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

KB = 1024
MB = 1024 * KB
CHUNK = 64 * KB
SPOOL_IN_MEMORY = 256 * KB  # beyond this a body waits on disk

TOO_LARGE = "Nội dung gửi lên quá lớn: tối đa {size}."
TOO_SLOW = "Gửi dữ liệu quá chậm, máy chủ đã ngừng chờ. Vui lòng gửi lại."


class BoundedBodies:
    """WSGI middleware: every body read and bounded before the app runs."""

    def __init__(self, app: Flask, wsgi_app):
        self.app, self.wsgi_app = app, wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") in ("POST", "PUT", "PATCH", "DELETE"):
            limit = self.limit_for(environ)
            if limit is not None:
                environ["kiosk.body_limit"] = limit
                refusal = read_body(environ, limit, self.app.config)
                if refusal is not None:
                    return refusal(environ, start_response)
        return self.wsgi_app(environ, start_response)

    def limit_for(self, environ) -> int | None:
        """The route's body limit; None where Flask has no route (Socket.IO's own)."""
        config = self.app.config
        try:
            endpoint, _ = self.app.url_map.bind_to_environ(environ).match()
        except HTTPException:
            return None
        view = self.app.view_functions.get(endpoint)
        upload = getattr(view, "upload_limit", None)
        if upload:
            return config[upload]
        if getattr(view, "required_permission", None) is None:  # anyone may call it
            return config["KIOSK_MAX_PUBLIC_BODY"]
        return config["KIOSK_MAX_BODY"]


def read_body(environ, limit: int, config) -> Refusal | None:
    """Read the body into a spooled file and hand it to the app in its place."""
    length = environ.get("CONTENT_LENGTH") or ""
    chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    if not length.isdigit() and not chunked:
        return None  # no body (werkzeug reads none without a length)
    expected = int(length) if length.isdigit() else None
    if expected is not None and expected > limit:
        return None  # not read: the app refuses it by its length
    stream = environ["wsgi.input"]
    # Time enough at a slow tablet's pace (KIOSK_MIN_BODY_RATE bytes a second), never forever.
    allowed = config["KIOSK_BODY_SECONDS"] + (expected or limit) / config["KIOSK_MIN_BODY_RATE"]
    spooled = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 - handed to the app
    received = 0
    with watchdog.watching(environ.get("gunicorn.socket"), time.monotonic() + allowed) as watch:
        try:
            while expected is None or received < expected:
                chunk = stream.read(CHUNK if expected is None else min(CHUNK, expected - received))
                if not chunk:
                    break
                received += len(chunk)
                if received > limit:
                    spooled.close()
                    return Refusal(413, "too_large", TOO_LARGE.format(size=size_text(limit)), close=True)
                spooled.write(chunk)
        except (OSError, ValueError, EOFError) as error:  # the socket shut by the watchdog, or the client gone
            spooled.close()
            if watch.expired:
                return Refusal(408, "too_slow", TOO_SLOW, close=True)
            raise ConnectionAbortedError("the client left while sending its body") from error
    if watch.expired or (expected is not None and received < expected):
        spooled.close()
        return Refusal(408, "too_slow", TOO_SLOW, close=True)
    spooled.seek(0)
    environ["wsgi.input"] = spooled
    environ["CONTENT_LENGTH"] = str(received)
    environ["wsgi.input_terminated"] = True
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    return None


class Refusal:
    """A short answer in the request's language of choice: JSON for the API, text otherwise."""

    def __init__(self, status: int, error: str, message: str, *, close: bool = False):
        self.status, self.error, self.message, self.close = status, error, message, close

    def __call__(self, environ, start_response):
        reason = {408: "Request Timeout", 413: "Content Too Large"}[self.status]
        if environ.get("PATH_INFO", "").startswith("/api/"):
            body = json.dumps({"error": self.error, "message": self.message}, ensure_ascii=False).encode()
            kind = "application/json"
        else:
            body, kind = self.message.encode(), "text/plain; charset=utf-8"
        headers = [("Content-Type", kind), ("Content-Length", str(len(body)))]
        if self.close:  # what is left of the body is not read: the connection cannot be reused
            headers.append(("Connection", "close"))
        start_response(f"{self.status} {reason}", headers)
        return [body]


class Watch:
    def __init__(self, sock, deadline: float):
        self.sock, self.deadline, self.expired = sock, deadline, False


class Watchdog:
    """One thread per process shuts the reading side of a socket whose body is
    late, so the blocked read returns (gunicorn has no per-request read timeout)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.heap: list[tuple[float, int, Watch]] = []
        self.serial = 0
        self.thread: threading.Thread | None = None

    def watching(self, sock, deadline: float):
        return _Watching(self, sock, deadline)

    def add(self, watch: Watch) -> None:
        with self.lock:
            self.serial += 1
            heapq.heappush(self.heap, (watch.deadline, self.serial, watch))
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(target=self.run, name="body-watchdog", daemon=True)
                self.thread.start()

    def run(self) -> None:
        while True:
            time.sleep(0.25)
            now = time.monotonic()
            with self.lock:
                due = []
                while self.heap and self.heap[0][0] <= now:
                    due.append(heapq.heappop(self.heap)[2])
                for watch in due:
                    if watch.sock is None:  # finished in time
                        continue
                    watch.expired = True
                    try:
                        watch.sock.shutdown(socket.SHUT_RD)
                    except OSError:
                        pass


class _Watching:
    def __init__(self, dog: Watchdog, sock, deadline: float):
        self.dog, self.watch = dog, Watch(sock, deadline)

    def __enter__(self) -> Watch:
        if self.watch.sock is not None:
            self.dog.add(self.watch)
        return self.watch

    def __exit__(self, *exc) -> None:
        with self.dog.lock:
            self.watch.sock = None  # the watchdog leaves it alone from now on


watchdog = Watchdog()


class TrustedProxies:
    """X-Forwarded-For/-Proto believed only from the proxies the operator named
    (addresses or networks, comma-separated, in KIOSK_TRUSTED_PROXIES)."""

    def __init__(self, wsgi_app, proxies: str):
        self.wsgi_app = wsgi_app
        self.fixed = ProxyFix(wsgi_app, x_for=1, x_proto=1)
        self.networks = [ipaddress.ip_network(item.strip(), strict=False) for item in proxies.split(",") if item.strip()]

    def __call__(self, environ, start_response):
        if self.trusted(environ.get("REMOTE_ADDR", "")):
            return self.fixed(environ, start_response)
        return self.wsgi_app(environ, start_response)

    def trusted(self, address: str) -> bool:
        try:
            peer = ipaddress.ip_address(address)
        except ValueError:
            return False
        return any(peer in network for network in self.networks)


def init_app(app: Flask) -> None:
    """Outermost: before Socket.IO's middleware and the app itself."""
    app.wsgi_app = BoundedBodies(app, app.wsgi_app)
    if app.config.get("KIOSK_TRUSTED_PROXIES"):
        app.wsgi_app = TrustedProxies(app.wsgi_app, app.config["KIOSK_TRUSTED_PROXIES"])
