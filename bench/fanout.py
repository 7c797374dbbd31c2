"""Fan-out: how long a programme command takes to reach every big screen.

Starts `kiosk demo` and `kiosk serve` on a free loopback port, then, for 1
screen (the baseline), 100 and 500 screens: connects them as Socket.IO
clients of the demo event (the screen link's key, websocket transport only),
sends programme commands through the API with an organizer's token (next and
previous in turn, one at a time) and records, for each command, the time from
sending it to the arrival at each screen of the "state" event carrying the
programme's new version. Prints the median over runs of p50, p99 and max over
all screens × commands, with connect failures and screens that never got a
command counted as errors.

All the screens live in this one process, in one asyncio loop
(python-socketio's AsyncClient over aiohttp), on the same machine as the
server: the "client CPU" column is this process's CPU time per command, the
part of the figures spent reading 500 copies of the message rather than
waiting for the server.

    .venv/bin/python bench/fanout.py [--runs 3] [--commands 10] [--screens 100,500]

Shorter: --runs 1 --commands 3 --screens 100.
Needs the bench extra: .venv/bin/pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import Screens, Table, load_now, machine, median, percentile, server, token  # noqa: E402

PAUSE = 0.3  # seconds between commands: each command is measured alone


async def one_run(base_url: str, slug: str, key: str, api_token: str, count: int, commands: int,
                  timeout: float) -> dict:
    """Connect `count` screens, send `commands` commands, disconnect; the figures of this run."""
    import aiohttp

    screens = Screens(base_url, slug, key)
    connect_seconds = await screens.connect(count)
    latencies: list[float] = []
    lost = 0
    cpu: list[float] = []
    api = f"{base_url}/api/v1/events/{slug}/programme"
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {api_token}"}) as http:
        async with http.get(api) as response:
            programme = await response.json()
        for n in range(commands):
            live = programme["live"]
            ids = [item["id"] for item in programme["items"]]
            current = live["current_item_id"]
            if live["status"] == "idle":
                body = {"command": "start", "expected_item": None}
            elif current is None:  # the ceremony has ended: back to the first item
                body = {"command": "goto", "item": ids[0], "expected_item": None}
            else:  # next, previous, next...: the screens' message is the same size every time
                index = ids.index(current)
                forward = index == 0 or (n % 2 == 0 and index < len(ids) - 1)
                body = {"command": "next" if forward else "previous", "expected_item": current}
            version = live["version"] + 1
            arrived = screens.expect(version)
            cpu_before = time.process_time()
            sent = time.perf_counter()
            async with http.post(f"{api}/commands", json=body) as response:
                answer = await response.json()
            if response.status != 200 or not answer.get("ok"):
                raise RuntimeError(f"command {body} refused: {response.status} {answer}")
            programme = answer["programme"]
            if programme["live"]["version"] != version:
                raise RuntimeError(f"expected version {version}, the server answered {programme['live']['version']}")
            try:
                await asyncio.wait_for(arrived.wait(), timeout)
            except asyncio.TimeoutError:
                pass
            cpu.append(time.process_time() - cpu_before)
            for at in screens.times(version):
                if at is None:
                    lost += 1
                else:
                    latencies.append(at - sent)
            await asyncio.sleep(PAUSE)
    connected = screens.connected()
    await screens.disconnect()
    return {
        "connected": connected,
        "connect_errors": len(screens.errors),
        "first_error": screens.errors[0] if screens.errors else "",
        "connect_seconds": connect_seconds,
        "p50": percentile(latencies, 0.5) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "max": max(latencies, default=float("nan")) * 1000,
        "lost": lost,
        "cpu": median(cpu) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per row; the table shows their median")
    parser.add_argument("--commands", type=int, default=10, help="commands sent per run")
    parser.add_argument("--screens", default="100,500", help="numbers of screens, after the 1-screen baseline")
    parser.add_argument("--timeout", type=float, default=15, help="seconds a command may take to reach every screen")
    args = parser.parse_args()
    sizes = [1] + [int(s) for s in args.screens.split(",") if int(s) != 1]

    print(f"# {machine()}")
    print(f"# {args.runs} runs per row, {args.commands} commands per run; "
          "latency: command sent (HTTP POST) -> its state event read by the screen")
    table = Table(("screens", ">7"), ("connected", ">9"), ("connect s", ">9.2f"), ("conn err", ">8"), ("p50 ms", ">8.1f"),
                  ("p99 ms", ">8.1f"), ("max ms", ">8.1f"), ("lost", ">5"), ("p50 ×", ">6.1f"),
                  ("client CPU ms/cmd", ">17.1f"))
    with server() as kiosk:
        demo = kiosk.demo
        api_token = token(kiosk.env, "demo-btc")
        table.header()
        baseline = None
        problems = []
        for count in sizes:
            runs = [asyncio.run(one_run(kiosk.base_url, demo.slug, demo.screen_key, api_token, count, args.commands,
                                        args.timeout))
                    for _ in range(args.runs)]
            p50 = median([r["p50"] for r in runs])
            baseline = baseline or p50
            errors = sum(r["connect_errors"] for r in runs)
            problems += [r["first_error"] for r in runs if r["first_error"]]
            table.row(count, min(r["connected"] for r in runs), median([r["connect_seconds"] for r in runs]), errors, p50,
                      median([r["p99"] for r in runs]), median([r["max"] for r in runs]),
                      sum(r["lost"] for r in runs), p50 / baseline, median([r["cpu"] for r in runs]))
        for problem in problems[:5]:
            print(f"! connect failed: {problem}")
        kiosk.report_log()
        print(load_now())


if __name__ == "__main__":
    main()
