"""The browser harness: a real `kiosk serve` process on a free loopback port,
over a real database, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests

CHROMIUM = os.environ.get("KIOSK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LiveServer:
    base_url: str
    env: dict
    process: subprocess.Popen
    log: Path
    passwords: dict[str, str] = field(default_factory=dict)
    screen_link: str = ""

    def kiosk(self, *args: str, input: str | None = None) -> str:
        """Run another `kiosk` command against the same database."""
        result = subprocess.run([sys.executable, "-m", "kiosk.cli", *args], env=self.env, input=input,
                                capture_output=True, text=True, timeout=120, check=True)
        return result.stdout

    def token(self, username: str) -> str:
        return self.kiosk("token", username).strip()


def wait_until_up(server: LiveServer, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"kiosk serve exited early:\n{server.log.read_text()}")
        try:
            if requests.get(server.base_url + "/login", timeout=1).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise RuntimeError(f"kiosk serve did not answer in {timeout}s:\n{server.log.read_text()}")


@pytest.fixture
def live_server(database_url, tmp_path):
    """`kiosk demo` then `kiosk serve`, as the README's first command does."""
    port = free_port()
    env = {**os.environ, "KIOSK_INSTANCE_PATH": str(tmp_path / "instance"), "KIOSK_DATABASE_URL": database_url}
    base_url = f"http://127.0.0.1:{port}"
    demo = subprocess.run([sys.executable, "-m", "kiosk.cli", "demo", "--base-url", base_url], env=env,
                          capture_output=True, text=True, timeout=120, check=True).stdout
    log = tmp_path / "server.log"
    with log.open("w") as log_file:
        process = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "serve", "--host", "127.0.0.1",
                                    "--port", str(port)], env=env, stdout=log_file, stderr=subprocess.STDOUT)
    server = LiveServer(base_url, env, process, log)
    for line in demo.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0].startswith("demo-"):
            server.passwords[parts[0]] = parts[1]
        if line.startswith("Màn hình hội trường:"):
            server.screen_link = parts[-1]
    try:
        wait_until_up(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def playwright():
    from playwright.sync_api import expect

    # A 2-core CI machine runs the server, Chromium and the suite at once: be patient.
    expect.set_options(timeout=15_000)
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
        if os.environ.get("KIOSK_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(f"browser tests skipped: {message}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


def launch(playwright, *extra_args: str):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + list(extra_args), headless=True)


@pytest.fixture(scope="session")
def chromium(playwright):
    browser = launch(playwright)
    yield browser
    browser.close()


@pytest.fixture
def new_page(chromium):
    """new_page(**context_options): a page in its own browser context (own cookies)."""
    contexts = []

    def make(**options):
        context = chromium.new_context(locale="vi-VN", **options)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def log_in(page, server: LiveServer, username: str) -> None:
    page.goto(server.base_url + "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", server.passwords[username])
    page.click("button[type=submit]")
    page.wait_for_url(server.base_url + "/")
