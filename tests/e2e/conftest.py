"""The browser harness: a real `kiosk serve` process on a free loopback port,
over a real database, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.processes import ServerProcess, demo_server

LiveServer = ServerProcess  # what the browser tests are handed

CHROMIUM = os.environ.get("KIOSK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def live_server(database_url, tmp_path):
    """`kiosk demo` then `kiosk serve`, as the README's first command does."""
    server = demo_server(database_url, tmp_path).start()
    try:
        yield server
    finally:
        server.stop()


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
