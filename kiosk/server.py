"""The production server behind `kiosk serve`: gunicorn with threaded workers.

Each connected screen holds one WebSocket, and in Flask-SocketIO's threading
mode one WebSocket holds one worker thread, so a worker has many threads
(KIOSK_THREADS, 1,000 by default: idle threads cost a few kilobytes each).

Several workers (`--workers`, or several machines behind a proxy) need the
Redis message queue (KIOSK_MESSAGE_QUEUE) so an emit in one process reaches
screens connected to another, and a database they can all write (PostgreSQL;
SQLite on one machine works too). Browsers connect by WebSocket only, so a
connection lives in one process from start to end and needs no sticky session."""

from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication


class KioskServer(BaseApplication):
    """gunicorn, configured in code: `kiosk serve` stays one command."""

    def __init__(self, options: dict):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        # Imported and created in each worker after the fork, so no database
        # connection or Redis subscription is shared between processes.
        import sys

        from kiosk import create_app

        # The writer holding the database's write lock gives up the GIL at each
        # SQLite call; with the default 5 ms switch interval every such call could
        # let a thread that is only reading a request hold it up for 5 ms.
        sys.setswitchinterval(float(os.environ.get("KIOSK_SWITCH_INTERVAL", "0.0005")))
        return create_app({"KIOSK_AUTO_UPGRADE": False})


def server_options(host: str, port: int, *, workers: int, threads: int,
                   certificate: tuple[str, str] | None = None) -> dict:
    options = {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": workers,
        "worker_class": "gthread",
        "threads": threads,
        # Only a stuck worker is restarted: open WebSockets are not "silent" in gthread.
        "timeout": 60,
        "graceful_timeout": 5,
        "keepalive": 75,
        "worker_connections": threads + 1000,  # beyond the threads: idle keep-alive connections
        "accesslog": None,
        "errorlog": "-",
        "loglevel": os.environ.get("KIOSK_LOG_LEVEL", "warning"),
        "proc_name": "ngay-hoi-kiosk",
        "forwarded_allow_ips": os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1"),
    }
    if certificate:
        options["certfile"], options["keyfile"] = certificate
    return options


def run(host: str, port: int, *, workers: int = 1, threads: int = 1000,
        certificate: tuple[str, str] | None = None) -> None:
    KioskServer(server_options(host, port, workers=workers, threads=threads, certificate=certificate)).run()
