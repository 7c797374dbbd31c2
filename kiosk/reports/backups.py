"""Backups of the venue's database: a consistent copy taken while the server
runs (SQLite's online backup), rolling snapshots in the instance folder, and
restoring one — refused, changing nothing, when the file is not a kiosk
backup, comes from a newer version or lacks a table or column its version has.

Files are opened by their path, never by a URI or URL pasted together from
their name: "#", "?" or "%20" in a name are only characters of the name."""

from __future__ import annotations

import sqlite3
import tempfile
import threading
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from kiosk.fields import KioskError
from kiosk.migrate import alembic_config

# Tables that make a file recognisably the kiosk's (what else it must hold: expected_schema()).
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


def sqlite_file_url(path: Path) -> URL:
    """The SQLAlchemy URL of a SQLite file, its path given as is (a URL string
    would be parsed: "?" starts a query, "%20" turns into a space)."""
    return URL.create("sqlite", database=str(path))


def read_only(path: Path) -> sqlite3.Connection:
    """The file opened read-only: SQLite takes that only as a URI, so the path
    is made one by pathlib, which escapes "#", "?" and "%" ("file:" + the name
    would open, or create, another file)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def backup(database_url: str, target: Path) -> Path:
    """A consistent copy of the live database without stopping writers: SQLite
    page by page; PostgreSQL copied table by table from one snapshot into a
    SQLite file of the same schema, so every backup is one portable file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(target.suffix + ".part")
    partial.unlink(missing_ok=True)
    if is_sqlite(database_url):
        with closing(sqlite3.connect(sqlite_path(database_url), timeout=30)) as src, \
                closing(sqlite3.connect(partial)) as dst:
            src.backup(dst, pages=256, sleep=0.005)
            # One self-contained file: not in WAL mode as the live database is, so
            # opening it (read-only, to check it) leaves no -wal/-shm beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
    else:
        copy_tables(database_url, sqlite_file_url(partial), snapshot=True)
    partial.replace(target)  # a half-written file never has the final name
    return target


def copy_tables(source_url: str | URL, target_url: str | URL, *, snapshot: bool = False) -> None:
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
    """The backup's schema revision; refused if it is not a kiosk backup, is
    newer than this kiosk, or lacks any table or column of its revision's
    schema (restored, the server would not start)."""
    not_ours = BackupError(f"{path.name} không phải bản sao lưu của Ngày hội Kiosk.")
    try:
        with closing(read_only(path)) as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables or not tables & (REQUIRED_TABLES - {"alembic_version"}):
                raise not_ours
            revisions = [row[0] for row in db.execute("SELECT version_num FROM alembic_version")]
            if len(revisions) != 1 or not revisions[0]:
                raise BackupError(f"{path.name} không ghi phiên bản lược đồ (bảng alembic_version trống "
                                  "hoặc hỏng): không khôi phục được.")
            (revision,) = revisions
            if db.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path.name} bị hỏng (kiểm tra toàn vẹn không đạt).")
            columns = {table: {row[0] for row in db.execute("SELECT name FROM pragma_table_info(?)", (table,))}
                       for table in tables}
    except sqlite3.DatabaseError:
        raise not_ours from None
    if revision not in known_revisions():
        raise BackupError(f"{path.name} được tạo bởi phiên bản Ngày hội Kiosk mới hơn ({revision}). "
                          "Hãy cập nhật phần mềm trước khi khôi phục.")
    missing = missing_from(columns, expected_schema(revision))
    if missing:
        raise BackupError(f"{path.name} không đầy đủ so với lược đồ phiên bản {revision}: {missing}. "
                          "Không khôi phục; cơ sở dữ liệu hiện tại được giữ nguyên.")
    return revision


def missing_from(found: dict[str, set[str]], expected: dict[str, set[str]]) -> str:
    """What of `expected` (table: columns) `found` lacks, said in Vietnamese; "" if nothing."""
    tables = sorted(set(expected) - set(found))
    columns = sorted(f"{table}.{column}" for table in set(expected) & set(found)
                     for column in expected[table] - found[table])
    parts = []
    if tables:
        parts.append(f"thiếu bảng {', '.join(tables)}")
    if columns:
        parts.append(f"thiếu cột {', '.join(columns)}")
    return "; ".join(parts)


def expected_schema(revision: str) -> dict[str, set[str]]:
    """The tables, with their columns, of a kiosk database at `revision`: the
    current models' at the head; for an older backup (upgraded when the server
    starts), what the migrations up to it make in a scratch SQLite file."""
    from kiosk import models  # noqa: F401 - every table in the metadata
    from kiosk.extensions import db
    from kiosk.migrate import head_revision

    if revision == head_revision():
        schema = {table.name: {column.name for column in table.columns} for table in db.metadata.sorted_tables}
        return {**schema, "alembic_version": {"version_num"}}
    from alembic import command
    from flask import Flask

    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder) / "schema.sqlite3"
        app = Flask("kiosk-schema")  # the migrations run on db.engine, of an app's context
        app.config["SQLALCHEMY_DATABASE_URI"] = sqlite_file_url(scratch)
        db.init_app(app)
        with app.app_context():
            try:
                command.upgrade(alembic_config(), revision)
            finally:
                db.engine.dispose()
        with closing(sqlite3.connect(scratch)) as made:
            tables = [row[0] for row in made.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                                     "AND name NOT LIKE 'sqlite_%'")]
            return {table: {row[0] for row in made.execute("SELECT name FROM pragma_table_info(?)", (table,))}
                    for table in tables}


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
    copy_tables(sqlite_file_url(source), database_url)
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
