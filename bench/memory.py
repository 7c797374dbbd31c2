"""Memory of the server: idle, with 500 screens connected, after they leave.

Each run starts `kiosk demo` and a fresh `kiosk serve` on a free loopback
port and reads, with psutil, the resident memory (RSS) of the server process
and all its children, with their threads and open files/sockets:
  - idle: once the server answers and has served its first page (the baseline);
  - with N screens: N Socket.IO clients of the demo event connected as big
    screens (the screen link's key, websocket transport only) and one
    programme command sent to all of them;
  - after they disconnect: --settle seconds after the last one left, and
    again --linger seconds after (engine.io's ping threads sleep out their
    25 s interval before they notice their socket is gone).
Prints the median over runs; "× idle" is RSS over the idle figure; PSS is
the proportional set size (pages a forked worker shares with its master
counted once, so it adds up where RSS double-counts); "KB per screen" the
PSS growth over idle divided by N. Connect failures are errors.

    .venv/bin/python bench/memory.py [--runs 3] [--screens 500] [--settle 3] [--linger 30]

Shorter: --runs 1 --screens 100 --linger 0.
Needs the bench extra: .venv/bin/pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Screens, Table, load_now, machine, median, server, server_memory, token  # noqa: E402


async def one_run(kiosk, screens_wanted: int, settle: float, linger: float) -> dict[str, tuple]:
    """{"idle" | "screens" | "after" | "later": (RSS MB, threads, files)} for one server."""
    import aiohttp

    figures = {}
    requests.get(f"{kiosk.base_url}/login", timeout=10)  # the first page: templates compiled, as after any start
    await asyncio.sleep(settle)
    figures["idle"] = server_memory(kiosk.process)
    demo = kiosk.demo
    screens = Screens(kiosk.base_url, demo.slug, demo.screen_key)
    await screens.connect(screens_wanted)
    api = f"{kiosk.base_url}/api/v1/events/{demo.slug}/programme"
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {token(kiosk.env, 'demo-btc')}"}) as http:
        async with http.get(api) as response:
            live = (await response.json())["live"]
        command = {"command": "start", "expected_item": None} if live["status"] == "idle" else \
            {"command": "pause" if live["status"] == "running" else "resume", "expected_item": live["current_item_id"]}
        arrived = screens.expect(live["version"] + 1)
        async with http.post(f"{api}/commands", json=command) as response:
            if response.status != 200:
                raise RuntimeError(f"command {command} refused: {response.status} {await response.text()}")
        await asyncio.wait_for(arrived.wait(), 30)
    await asyncio.sleep(settle)
    figures["screens"] = server_memory(kiosk.process)
    connected = screens.connected()
    errors = list(screens.errors)
    await screens.disconnect()
    await asyncio.sleep(settle)
    figures["after"] = server_memory(kiosk.process)
    if linger:
        await asyncio.sleep(linger)
        figures["later"] = server_memory(kiosk.process)
    return {"figures": figures, "connected": connected, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="servers started; the table shows their median")
    parser.add_argument("--screens", type=int, default=500, help="screens connected")
    parser.add_argument("--settle", type=float, default=3, help="seconds waited before each reading")
    parser.add_argument("--linger", type=float, default=30, help="seconds more for the last reading (0: none)")
    args = parser.parse_args()

    print(f"# {machine()}")
    print(f"# {args.runs} runs (a fresh server each); RSS, threads and open files of the server process and its children")
    runs = []
    for _ in range(args.runs):
        with server() as kiosk:
            runs.append(asyncio.run(one_run(kiosk, args.screens, args.settle, args.linger)))
            kiosk.report_log()
    idle = median([r["figures"]["idle"].rss for r in runs])
    idle_pss = median([r["figures"]["idle"].pss for r in runs])
    table = Table(("state", "<22"), ("screens", ">7"), ("RSS MB", ">8.1f"), ("× idle", ">7.2f"), ("PSS MB", ">8.1f"),
                  ("KB per screen", ">13.1f"), ("processes", ">9"), ("threads", ">7"), ("open files", ">10"),
                  ("errors", ">6"))
    table.header()
    rows = [("idle", "idle (baseline)", 0), ("screens", f"{args.screens} screens connected", None),
            ("after", f"{args.settle:g} s after they leave", 0)]
    if args.linger:
        rows.append(("later", f"{args.settle + args.linger:g} s after they leave", 0))
    for key, label, count in rows:
        figures = [r["figures"][key] for r in runs]
        rss = median([f.rss for f in figures])
        pss = median([f.pss for f in figures])
        screens = min(r["connected"] for r in runs) if count is None else 0
        table.row(label, screens, rss, rss / idle, pss, (pss - idle_pss) * 1024 / args.screens if key == "screens" else None,
                  int(median([f.processes for f in figures])), int(median([f.threads for f in figures])),
                  int(median([f.files for f in figures])), sum(len(r["errors"]) for r in runs) if key == "screens" else 0)
    print("# KB per screen: PSS growth over idle / screens (PSS counts pages shared after a fork once)")
    print(load_now())
    for problem in [e for r in runs for e in r["errors"]][:5]:
        print(f"! connect failed: {problem}")


if __name__ == "__main__":
    main()
