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


def is_sqlite(database_url: str) -> bool:
    return make_url(database_url).get_backend_name() == "sqlite"


def sqlite_path(database_url: str) -> Path:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise BackupError("Cần một tệp SQLite.")
    return Path(url.database)


def backup(database_url: str, target: Path) -> Path:
    """A consistent copy of the live database without stopping writers: SQLite
    page by page; PostgreSQL copied table by table from one snapshot into a
    SQLite file of the same schema, so every backup is one portable file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    partial.unlink(missing_ok=True)
    if is_sqlite(database_url):
        with sqlite3.connect(sqlite_path(database_url), timeout=30) as src, sqlite3.connect(partial) as dst:
            src.backup(dst, pages=256, sleep=0.005)
    else:
        copy_tables(database_url, f"sqlite:///{partial}", snapshot=True)
    partial.replace(target)  # a half-written file never has the final name
    return target


def copy_tables(source_url: str, target_url: str, *, snapshot: bool = False) -> None:
    """Every table's rows from one database into another of the same schema,
    parents first; the target's rows are replaced. `snapshot` reads the source
    in one repeatable-read transaction, so the copy is consistent while it writes."""
    from sqlalchemy import create_engine, delete, insert, select, text

    from kiosk import models  # noqa: F401 - every table in the metadata
    from kiosk.extensions import db

    source = create_engine(source_url)
    target = create_engine(target_url)
    try:
        db.metadata.create_all(target)
        options = {"isolation_level": "REPEATABLE READ"} if snapshot and source.dialect.name == "postgresql" else {}
        with source.connect().execution_options(**options) as src, target.begin() as dst:
            revision = src.execute(text("SELECT version_num FROM alembic_version")).scalar()
            for table in reversed(db.metadata.sorted_tables):
                dst.execute(delete(table))
            for table in db.metadata.sorted_tables:
                rows = [dict(row._mapping) for row in src.execute(select(table))]
                if rows:
                    dst.execute(insert(table), rows)
            dst.execute(text("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)"))
            dst.execute(text("DELETE FROM alembic_version"))
            dst.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": revision})
            if dst.dialect.name == "postgresql":
                # Restored ids must not be handed out again.
                for table in db.metadata.sorted_tables:
                    if "id" in table.c and table.c.id.autoincrement:
                        dst.execute(text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                                         f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))
    finally:
        source.dispose()
        target.dispose()


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


def restore(database_url: str, source: Path, kept_folder: Path | None = None) -> Path:
    """Replace the database by a backup, keeping the current one beside it (or
    in `kept_folder`). The backup is checked first: a refused file changes nothing."""
    revision = check_backup(source)
    stamp = f"truoc-khoi-phuc-{datetime.now():%Y%m%d-%H%M%S}"
    if is_sqlite(database_url):
        target = sqlite_path(database_url)
        kept = (kept_folder or target.parent) / f"{target.stem}-{stamp}{target.suffix}"
        if target.exists():
            backup(database_url, kept)
        with sqlite3.connect(source) as src, sqlite3.connect(target, timeout=30) as dst:
            src.backup(dst)
        return kept
    from kiosk.migrate import head_revision

    if revision != head_revision():
        raise BackupError("Bản sao lưu từ phiên bản cũ hơn: khôi phục vào SQLite rồi nâng cấp, hoặc dùng phiên bản đã tạo ra nó.")
    kept = (kept_folder or source.parent) / f"kiosk-{stamp}.sqlite3"
    backup(database_url, kept)
    copy_tables(f"sqlite:///{source}", database_url)
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
