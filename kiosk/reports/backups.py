"""Backups of the venue's database: a consistent copy taken while the server
runs (SQLite's online backup), rolling snapshots in the instance folder, and
restoring one — refused, changing nothing, when the file is not a kiosk
backup or comes from a newer version."""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from kiosk.fields import KioskError
from kiosk.migrate import alembic_config

REQUIRED_TABLES = {"alembic_version", "events", "users", "delegates", "programme_items"}


class BackupError(KioskError):
    """A refused backup or restore; the message says what to do."""


def sqlite_path(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError("Sao lưu bằng tệp chỉ dùng cho cơ sở dữ liệu SQLite; với PostgreSQL hãy dùng pg_dump.")
    return Path(url.database)


def backup(database_url: str, target: Path) -> Path:
    """A consistent copy of the live database, page by page, without stopping writers."""
    source = sqlite_path(database_url)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    with sqlite3.connect(source, timeout=30) as src, sqlite3.connect(partial) as dst:
        src.backup(dst, pages=256, sleep=0.005)
    partial.replace(target)  # a half-written file never has the final name
    return target


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def check_backup(path: Path) -> str:
    """The backup's schema revision; refused if it is not a kiosk backup or is newer than this kiosk."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not REQUIRED_TABLES <= tables:
                raise BackupError(f"{path.name} không phải bản sao lưu của Ngày hội Kiosk.")
            (revision,) = db.execute("SELECT version_num FROM alembic_version").fetchone()
            if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path.name} bị hỏng (kiểm tra toàn vẹn không đạt).")
    except sqlite3.DatabaseError:
        raise BackupError(f"{path.name} không phải bản sao lưu của Ngày hội Kiosk.") from None
    if revision not in known_revisions():
        raise BackupError(f"{path.name} được tạo bởi phiên bản Ngày hội Kiosk mới hơn ({revision}). "
                          "Hãy cập nhật phần mềm trước khi khôi phục.")
    return revision


def restore(database_url: str, source: Path) -> Path:
    """Replace the database by a backup, keeping the current one beside it.
    The backup is checked first: a refused file changes nothing."""
    check_backup(source)
    target = sqlite_path(database_url)
    kept = target.with_name(f"{target.stem}-truoc-khoi-phuc-{datetime.now():%Y%m%d-%H%M%S}{target.suffix}")
    if target.exists():
        backup(database_url, kept)
    with sqlite3.connect(source) as src, sqlite3.connect(target, timeout=30) as dst:
        src.backup(dst)
    return kept


class Snapshots:
    """A rolling snapshot of the database every few minutes in instance/backups,
    keeping the last few: what a kicked power cable can cost is those minutes."""

    def __init__(self, database_url: str, folder: Path, every_seconds: int = 300, keep: int = 12):
        self.database_url, self.folder, self.every, self.keep = database_url, folder, every_seconds, keep
        self._stop = threading.Event()

    def take(self) -> Path:
        path = backup(self.database_url, self.folder / f"snapshot-{datetime.now():%Y%m%d-%H%M%S}.sqlite3")
        for old in sorted(self.folder.glob("snapshot-*.sqlite3"))[:-self.keep]:
            old.unlink(missing_ok=True)
        return path

    def run(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.take()
            except Exception:  # noqa: BLE001 - a failed snapshot must never stop the server
                time.sleep(1)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, name="kiosk-snapshots", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self._stop.set()
