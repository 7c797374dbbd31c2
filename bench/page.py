"""Opening the check-in page on a tablet: bytes, requests, time to interactive.

Starts `kiosk demo` and `kiosk serve` on a free loopback port and drives
Debian's Chromium with Playwright (as tests/e2e/conftest.py does). Logs in as
the demo gate desk (demo-cong1), then opens the check-in page /e/demo/checkin:
  - cold: in a new browser context (empty cache; only the login cookie),
  - warm: reloading the same page (cached).
Each on the loopback as it is, then throttled to a tablet on the venue's
Wi-Fi through the Chrome DevTools Protocol (Network.emulateNetworkConditions:
20 Mbit/s down, 10 Mbit/s up, 20 ms latency; Emulation.setCPUThrottlingRate 4).

Measured from CDP Network events: requests (with how many came from the
cache), KB on the wire (encodedDataLength, headers included), KB of bodies
(decoded), KB of Socket.IO frames received; and, from navigation start
(performance.now()), the time to interactive: the page parsed with its
scripts run (the search field and the scanner input wired) and its Socket.IO
connection live (KioskLive.socket.connected); with DOMContentLoaded (DCL:
parsed, scripts run) and the load event for comparison. Baseline:
the /login page (logged out) under the same conditions: interactive when
parsed with its username field. Prints the median over runs.

    .venv/bin/python bench/page.py [--runs 3] [--cpu 4] [--mbit 20] [--latency 20]

Shorter: --runs 1. KIOSK_CHROMIUM overrides /usr/bin/chromium.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Table, load_now, machine, median, server  # noqa: E402

CHROMIUM = os.environ.get("KIOSK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]
TABLET_VIEWPORT = {"width": 1280, "height": 800}

# Runs in every document before its own scripts: marks window.__ready (ms since navigation start) when
# the page is interactive. The scripts sit at the end of <body>, so at DOMContentLoaded they have run
# and wired the fields; a live page is interactive once its Socket.IO connection is up too.
READY = """(() => {
  const mark = () => { if (!window.__ready) window.__ready = performance.now(); };
  document.addEventListener('DOMContentLoaded', () => {
    const fields = document.getElementById('search') || document.querySelector('input[name=username]');
    if (!fields) return;
    const socket = window.KioskLive && KioskLive.socket;
    if (!socket || socket.connected) mark(); else socket.on('connect', mark);
  });
})();"""


class Traffic:
    """What the page's CDP session saw on the network since the last reset()."""

    def __init__(self, cdp):
        self.reset()
        cdp.send("Network.enable")
        cdp.on("Network.requestWillBeSent", lambda e: self.requests.add(e["requestId"]))
        cdp.on("Network.requestServedFromCache", lambda e: self.cached.add(e["requestId"]))
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.dataReceived", lambda e: self._add("body", e.get("dataLength", 0)))
        cdp.on("Network.loadingFinished", lambda e: self._add("wire", e.get("encodedDataLength", 0)))
        cdp.on("Network.webSocketFrameReceived", lambda e: self._add("socket", len(e["response"].get("payloadData", ""))))

    def reset(self) -> None:
        self.requests, self.cached, self.revalidated = set(), set(), set()
        self.bytes = {"wire": 0, "body": 0, "socket": 0}

    def _add(self, kind: str, amount: int) -> None:
        self.bytes[kind] += amount

    def _response(self, event) -> None:
        response = event["response"]
        if response.get("status") == 304:
            self.revalidated.add(event["requestId"])
        if response.get("fromDiskCache") or response.get("fromPrefetchCache") or response.get("fromServiceWorker"):
            self.cached.add(event["requestId"])


def throttle(cdp, args) -> None:
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": args.latency,
        "downloadThroughput": args.mbit * 1e6 / 8, "uploadThroughput": args.mbit / 2 * 1e6 / 8,
    })
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.cpu})


def measure(page, traffic: Traffic, open_page) -> dict:
    """Open (or reload) the page; its figures once interactive and loaded."""
    traffic.reset()
    open_page()
    page.wait_for_function("() => window.__ready", polling=50, timeout=60_000)
    page.wait_for_load_state("load")
    timing = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return {ready: window.__ready, parsed: nav ? nav.domContentLoadedEventEnd : null,
                load: nav ? nav.loadEventEnd : null};
    }""")
    page.wait_for_timeout(200)  # late events (the last loadingFinished) reach the CDP session
    return {"requests": len(traffic.requests), "cached": len(traffic.cached & traffic.requests),
            "revalidated": len(traffic.revalidated & traffic.requests),
            "wire": traffic.bytes["wire"] / 1024, "body": traffic.bytes["body"] / 1024,
            "socket": traffic.bytes["socket"] / 1024, "parsed": timing["parsed"], "ready": timing["ready"],
            "load": timing["load"]}


def one_run(browser, url: str, logged_in: dict | None, tablet: bool, args) -> dict[str, dict]:
    """{"cold": figures, "warm": figures} for one page in a new context."""
    context = browser.new_context(locale="vi-VN", viewport=TABLET_VIEWPORT, storage_state=logged_in)
    context.add_init_script(READY)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        traffic = Traffic(cdp)
        if tablet:
            throttle(cdp, args)
        cold = measure(page, traffic, lambda: page.goto(url, wait_until="commit"))
        warm = measure(page, traffic, lambda: page.reload(wait_until="commit"))
        return {"cold": cold, "warm": warm}
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per row; the table shows their median")
    parser.add_argument("--cpu", type=float, default=4, help="CPU slowdown of the tablet row")
    parser.add_argument("--mbit", type=float, default=20, help="download Mbit/s of the tablet row (upload: half)")
    parser.add_argument("--latency", type=float, default=20, help="added latency in ms of the tablet row")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    print(f"# {machine()}")
    print(f"# {args.runs} runs per row; tablet: {args.mbit:g} Mbit/s, {args.latency:g} ms, CPU ×{args.cpu:g} slower "
          "(CDP); TTI: navigation start -> interactive (check-in: parsed, scripts run, Socket.IO connected)")
    with server() as kiosk, sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            setup = browser.new_context(locale="vi-VN")
            page = setup.new_page()
            page.goto(kiosk.base_url + "/login")
            page.fill("input[name=username]", "demo-cong1")
            page.fill("input[name=password]", kiosk.demo.passwords["demo-cong1"])
            page.click("button[type=submit]")
            page.wait_for_url(kiosk.base_url + "/")
            desk = setup.storage_state()
            setup.close()

            table = Table(("page", "<8"), ("network", "<8"), ("cache", "<5"), ("requests", ">8"), ("cached", ">6"), ("304", ">4"),
                          ("KB wire", ">8.1f"), ("KB bodies", ">9.1f"), ("KB socket", ">9.1f"), ("DCL ms", ">6.0f"), ("TTI ms", ">6.0f"),
                          ("load ms", ">7.0f"), ("TTI × login", ">11.1f"))
            table.header()
            pages = (("login", f"{kiosk.base_url}/login", None),
                     ("checkin", f"{kiosk.base_url}/e/{kiosk.demo.slug}/checkin", desk))
            baseline: dict[tuple[str, str], float] = {}
            for tablet in (False, True):
                network = "tablet" if tablet else "loopback"
                for kind, url, logged_in in pages:
                    runs = [one_run(browser, url, logged_in, tablet, args) for _ in range(args.runs)]
                    for cache in ("cold", "warm"):
                        figures = {key: median([r[cache][key] for r in runs]) for key in runs[0][cache]}
                        baseline.setdefault((network, cache), figures["ready"])
                        table.row(kind, network, cache, int(figures["requests"]), int(figures["cached"]), int(figures["revalidated"]),
                                  figures["wire"], figures["body"], figures["socket"], figures["parsed"], figures["ready"],
                                  figures["load"], figures["ready"] / baseline[(network, cache)])
        finally:
            browser.close()
        kiosk.report_log()
        print(load_now())


if __name__ == "__main__":
    main()
