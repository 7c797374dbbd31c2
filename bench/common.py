"""What the bench scripts share: a free port, the real server started as
`python -m kiosk.cli serve --host 127.0.0.1 --port N` (and stopped), an event
to measure (a prepared one, or `kiosk demo`), Socket.IO screens, medians and
percentiles, and the printed table.

Not a script: `bench/checkin.py`, `fanout.py`, `memory.py` and `page.py` import it."""

from __future__ import annotations

import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- the machine


def machine() -> str:
    """One line saying what the figures were measured on (client and server share it)."""
    try:
        import psutil

        memory = f", {psutil.virtual_memory().total / 2**30:.0f} GiB RAM"
    except ImportError:  # pragma: no cover - psutil is a dependency of the kiosk
        memory = ""
    load = ", load average %.1f" % os.getloadavg()[0] if hasattr(os, "getloadavg") else ""
    return (f"{os.cpu_count()} CPU cores{memory}{load}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}; the clients run on the same machine as the server")


def load_now() -> str:
    """The closing line: other work on the machine during the run makes every figure worse."""
    if not hasattr(os, "getloadavg"):
        return "# load average: unknown"
    one, five, _ = os.getloadavg()
    return f"# load average at the end: {one:.1f} (1 min), {five:.1f} (5 min), on {os.cpu_count()} cores"


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(folder: str | Path, database_url: str | None = None) -> dict:
    """The environment of a kiosk whose instance folder (and SQLite file) is `folder`."""
    return {**os.environ, "KIOSK_INSTANCE_PATH": str(folder),
            "KIOSK_DATABASE_URL": database_url or f"sqlite:///{folder}/kiosk.sqlite3"}


def kiosk(env, *args, input=None) -> str:
    """Run a `kiosk` command against the same database; its standard output."""
    return subprocess.run([sys.executable, "-m", "kiosk.cli", *args], env=env, input=input, capture_output=True,
                          text=True, check=True, cwd=ROOT).stdout


def add_user(env, name: str, role: str, password: str = "mat-khau-bench") -> str:
    kiosk(env, "user", "add", name, "--role", role, input=f"{password}\n")
    return password


def token(env, name: str) -> str:
    """A fresh API token of `name` (Authorization: Bearer ...)."""
    return kiosk(env, "token", name).strip()


def prepare_event(env, *, slug: str = "bench", delegates: int = 0, template: str | None = None) -> None:
    """An event `slug` with `delegates` delegates ("Đại biểu n") and, optionally, a programme template."""
    script = f"""
from datetime import date
from kiosk import create_app
from kiosk.delegates.service import add_delegate
from kiosk.events.service import create_event
from kiosk.programme.service import apply_template
from kiosk.transactions import writing
app = create_app()
with app.app_context(), writing():
    event = create_event(slug={slug!r}, organizing_body="BCĐ", place="Bench", event_date=date(2024, 8, 19))
    for n in range({delegates}):
        add_delegate(event, full_name=f"Đại biểu {{n}}")
    if {template!r}:
        apply_template(event, {template!r})
"""
    subprocess.run([sys.executable, "-c", script], env=env, check=True, cwd=ROOT)


@dataclass
class Demo:
    """What `kiosk demo` printed: the event's slug, the accounts' passwords, the screen link's key."""

    slug: str
    passwords: dict[str, str] = field(default_factory=dict)
    screen_key: str = ""


def demo(env, base_url: str) -> Demo:
    """`kiosk demo`: the Cẩm Tân 2024 event with its programme, delegates, awards, gifts..."""
    printed = kiosk(env, "demo", "--base-url", base_url)
    found = Demo(slug="demo")
    for line in printed.splitlines():
        parts = line.split()
        if "(mã:" in line:
            found.slug = line.rsplit("(mã:", 1)[1].strip(" )")
        elif len(parts) == 2 and parts[0].startswith("demo-"):
            found.passwords[parts[0]] = parts[1]
        elif line.startswith("Màn hình hội trường:"):
            found.screen_key = parts[-1].rsplit("/", 1)[-1]
    return found


def start(env, port: int, log: Path | None = None, timeout: float = 60) -> subprocess.Popen:
    """`kiosk serve` on 127.0.0.1:port, once it answers; its output goes to `log`."""
    output = log.open("w") if log else subprocess.DEVNULL
    process = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                               env=env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            requests.get(f"http://127.0.0.1:{port}/login", timeout=1)
            return process
        except requests.RequestException:
            time.sleep(0.1)
    process.kill()
    shown = log.read_text()[-2000:] if log else ""
    raise RuntimeError(f"the server did not start\n{shown}")


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Server:
    base_url: str
    env: dict
    process: subprocess.Popen
    folder: Path
    demo: Demo | None = None

    def log(self) -> str:
        return (self.folder / "server.log").read_text(errors="replace")

    def report_log(self) -> None:
        """A line on what the server's log shows that went wrong (tracebacks), and whether it is still up."""
        log = self.log()
        tracebacks = log.count("Traceback (most recent call last)")
        if tracebacks:
            kinds = sorted({line.strip() for line in log.splitlines()
                            if line and not line.startswith(" ") and ("Error" in line or "Exception" in line)
                            and "Traceback" not in line})
            kept = Path(tempfile.gettempdir()) / f"bench-server-{self.process.pid}.log"
            kept.write_text(log)
            print(f"! server log: {tracebacks} tracebacks ({'; '.join(kinds[:4])}); kept in {kept}")
        if self.process.poll() is not None:
            print(f"! the server exited (code {self.process.returncode}):\n{log[-2000:]}")


@contextmanager
def server(*, with_demo: bool = True, database_url: str | None = None) -> Iterator[Server]:
    """A fresh instance folder, `kiosk demo` in it (unless with_demo=False), and `kiosk serve`; stopped after."""
    with tempfile.TemporaryDirectory() as folder:
        env = environment(folder, database_url)
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        made = demo(env, base_url) if with_demo else None
        process = start(env, port, Path(folder) / "server.log")
        try:
            yield Server(base_url, env, process, Path(folder), made)
        finally:
            stop(process)


# ---------------------------------------------------------------- figures


def median(values: Sequence[float]) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th quantile (0..1) of values, nearest rank; nan when empty."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


class Table:
    """Columns given as (title, spec): spec is an alignment, a width and a format,
    as in format() ("<11" text left, ">8.1f" a figure right); the width grows to
    the title's. Each row is printed (and flushed) as soon as it is measured; a
    None cell prints as "-"."""

    def __init__(self, *columns: tuple[str, str]):
        self.columns = []
        for title, spec in columns:
            align, width, kind = re.fullmatch(r"([<>]?)(\d*)(.*)", spec).groups()
            self.columns.append((title, align or ">", max(len(title), int(width or 0)), kind))

    def header(self) -> None:
        print(" ".join(f"{title:{align}{width}}" for title, align, width, _ in self.columns), flush=True)

    def row(self, *values) -> None:
        cells = []
        for (_, align, width, kind), value in zip(self.columns, values):
            if value is None:
                text = "-"
            elif isinstance(value, str) or not kind:
                text = str(value)
            else:
                text = format(value, kind)
            cells.append(f"{text:{align}{width}}")
        print(" ".join(cells).rstrip(), flush=True)


# ---------------------------------------------------------------- Socket.IO screens


class Screens:
    """`count` Socket.IO clients of one event, each as a big screen (the screen
    link's key), websocket transport only, in one asyncio loop (python-socketio's
    AsyncClient on aiohttp: no thread per client). Each remembers when it first
    got each version of the "programme" state part (time.perf_counter())."""

    def __init__(self, base_url: str, slug: str, key: str):
        self.base_url, self.slug, self.key = base_url, slug, key
        self.clients: list = []
        self.arrivals: list[dict[int, float]] = []
        self.errors: list[str] = []
        self._waiting: dict[int, tuple[int, object]] = {}  # version -> (clients still to get it, asyncio.Event)

    async def connect(self, count: int, concurrency: int = 50) -> float:
        """Connect `count` more screens (at most `concurrency` at a time); seconds it took.
        A failed connect is not retried: it is counted in self.errors."""
        import asyncio

        import socketio

        gate = asyncio.Semaphore(concurrency)

        async def one() -> None:
            client = socketio.AsyncClient(reconnection=False)
            seen: dict[int, float] = {}
            client.on("state", lambda data, seen=seen: self._on_state(seen, data))
            async with gate:
                try:
                    await client.connect(self.base_url, auth={"event": self.slug, "key": self.key},
                                         transports=["websocket"], wait_timeout=30)
                except Exception as error:  # noqa: BLE001 - every failure is reported, none retried
                    self.errors.append(f"{error.__class__.__name__}: {error}")
                    return
            self.clients.append(client)
            self.arrivals.append(seen)

        began = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(count)))
        return time.perf_counter() - began

    def _on_state(self, seen: dict[int, float], data) -> None:
        now = time.perf_counter()
        programme = data.get("programme") if isinstance(data, dict) else None
        if not programme:
            return
        version = programme["live"]["version"]
        if version in seen:
            return
        seen[version] = now
        waiting = self._waiting.get(version)
        if waiting:
            left, done = waiting
            self._waiting[version] = (left - 1, done)
            if left - 1 <= 0:
                done.set()

    def expect(self, version: int):
        """An asyncio.Event set once every connected screen has got `version`."""
        import asyncio

        done = asyncio.Event()
        left = len(self.clients) - sum(1 for seen in self.arrivals if version in seen)
        self._waiting[version] = (left, done)
        if left <= 0:
            done.set()
        return done

    def times(self, version: int) -> list[float | None]:
        """When each screen got `version` (None: not yet)."""
        return [seen.get(version) for seen in self.arrivals]

    async def disconnect(self) -> None:
        import asyncio

        await asyncio.gather(*(client.disconnect() for client in self.clients), return_exceptions=True)
        self.clients, self.arrivals = [], []

    def connected(self) -> int:
        return sum(1 for client in self.clients if client.connected)


@dataclass
class Memory:
    rss: float  # MB, summed over the processes: pages they share (after a fork) count once per process
    pss: float  # MB, proportional set size: shared pages split between their processes, so it adds up
    threads: int
    files: int  # open files and sockets
    processes: int


def server_memory(process) -> Memory:
    """The memory of a server process and all its children (psutil)."""
    import psutil

    root = psutil.Process(process.pid)
    members = [root, *root.children(recursive=True)]
    rss = pss = threads = files = alive = 0
    for member in members:
        try:
            full = member.memory_full_info()
            rss += full.rss
            pss += getattr(full, "pss", full.rss)
            threads += member.num_threads()
            files += member.num_fds()
            alive += 1
        except psutil.NoSuchProcess:
            continue
    return Memory(rss / 2**20, pss / 2**20, threads, files, alive)
