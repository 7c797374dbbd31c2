"""Real `kiosk` processes for the tests that need them: a server on a free
loopback port over a real database, started the way the README starts it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def kiosk(env: dict, *args: str, input: str | None = None) -> str:
    """Run a `kiosk` command; its output."""
    result = subprocess.run([sys.executable, "-m", "kiosk.cli", *args], env=env, input=input,
                            capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


def demo_logins(output: str) -> tuple[dict[str, str], str]:
    """The accounts and the screen link that `kiosk demo` printed."""
    passwords, screen_link = {}, ""
    for line in output.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0].startswith("demo-"):
            passwords[parts[0]] = parts[1]
        if line.startswith("Màn hình hội trường:"):
            screen_link = parts[-1]
    return passwords, screen_link


@dataclass
class ServerProcess:
    """One `kiosk serve` (and, with --workers, its workers) in its own process group."""

    base_url: str
    env: dict
    log: Path
    args: tuple[str, ...] = ()
    process: subprocess.Popen | None = None
    passwords: dict[str, str] = field(default_factory=dict)
    screen_link: str = ""
    verify: str | bool = True  # for https: the path of the CA certificate to trust

    @property
    def port(self) -> int:
        return int(self.base_url.rsplit(":", 1)[1])

    def kiosk(self, *args: str, input: str | None = None) -> str:
        """Run another `kiosk` command against the same database."""
        return kiosk(self.env, *args, input=input)

    def token(self, username: str) -> str:
        return self.kiosk("token", username).strip()

    def sibling(self, folder: Path, *serve_args: str) -> ServerProcess:
        """Another server on another port over the same database (and message queue)."""
        port = free_port()
        env = {**self.env, "KIOSK_INSTANCE_PATH": str(folder / "instance")}
        return ServerProcess(f"http://127.0.0.1:{port}", env, folder / f"server-{port}.log", serve_args,
                             passwords=self.passwords, screen_link=self.screen_link)

    def start(self, timeout: float = 60) -> ServerProcess:
        with self.log.open("a") as log_file:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kiosk.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                 *self.args],
                env=self.env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"kiosk serve exited early:\n{self.log.read_text()}")
            try:
                if requests.get(self.base_url + "/api/v1/ping", timeout=1, verify=self.verify).status_code == 200:
                    return self
            except OSError:  # not listening yet (or, with https, its certificate not made yet)
                time.sleep(0.1)
        raise RuntimeError(f"kiosk serve did not answer in {timeout}s:\n{self.log.read_text()}")

    def kill(self) -> None:
        """kill -9 to the server and all its workers at once, as a pulled power cable."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()


def demo_server(database_url: str, folder: Path, *serve_args: str, extra_env: dict | None = None) -> ServerProcess:
    """`kiosk demo` over `database_url`, and a (not yet started) server for it."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "KIOSK_INSTANCE_PATH": str(folder / "instance"), "KIOSK_DATABASE_URL": database_url,
           **(extra_env or {})}
    server = ServerProcess(base_url, env, folder / f"server-{port}.log", serve_args)
    server.passwords, server.screen_link = demo_logins(kiosk(env, "demo", "--base-url", base_url))
    return server
