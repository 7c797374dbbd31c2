"""Backups: taken while the day's writes go on, they restore to a consistent
database; a file that is no kiosk backup, or one from a newer version, is
refused and changes nothing."""

import sqlite3
import threading

import pytest
from click.testing import CliRunner

from kiosk.cli import main
from kiosk.delegates.service import add_delegate, check_in
from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.reports.backups import BackupError, Snapshots, backup, check_backup, restore
from kiosk.transactions import writing
from tests.conftest import make_test_app
from tests.factories import make_event


@pytest.fixture
def venue(sqlite_url, tmp_path):
    app = make_test_app(sqlite_url, tmp_path)
    with app.app_context():
        make_event("cam-tan")
    yield app
    with app.app_context():
        db.engine.dispose()


def counts(path) -> tuple[int, int]:
    with sqlite3.connect(path) as connection:
        return (connection.execute("SELECT count(*) FROM delegates").fetchone()[0],
                connection.execute("SELECT count(*) FROM checkin_scans").fetchone()[0])


def test_backup_during_a_stream_of_writes_is_consistent(venue, sqlite_url, tmp_path):
    stop = threading.Event()
    written = []

    def writer():
        with venue.app_context():
            event = find_event("cam-tan")
            n = 0
            while not stop.is_set() and n < 400:
                with writing():
                    delegate = add_delegate(event, full_name=f"Đại biểu {n}")
                check_in(event, delegate_id=delegate.id, device="Cổng 1")
                written.append(n)
                n += 1
            db.session.remove()

    thread = threading.Thread(target=writer)
    thread.start()
    while len(written) < 30:
        threading.Event().wait(0.01)
    copies = [backup(sqlite_url, tmp_path / f"copy-{i}.sqlite3") for i in range(3)]
    stop.set()
    thread.join()
    for copy in copies:
        with sqlite3.connect(copy) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
            # Every delegate in the copy was checked in in the same transaction as its scan row.
            present, scans = connection.execute(
                "SELECT count(checked_in_at), (SELECT count(*) FROM checkin_scans) FROM delegates").fetchone()
            assert present == scans
        delegates, _ = counts(copy)
        assert 30 <= delegates <= len(written)
        assert check_backup(copy)


def test_restore_brings_the_data_back_and_keeps_the_current_file(venue, sqlite_url, tmp_path):
    with venue.app_context():
        event = find_event("cam-tan")
        with writing():
            add_delegate(event, full_name="Trước khi sao lưu")
    copy = backup(sqlite_url, tmp_path / "before.sqlite3")
    with venue.app_context():
        with writing():
            add_delegate(find_event("cam-tan"), full_name="Sau khi sao lưu")
        db.engine.dispose()
    kept = restore(sqlite_url, copy)
    assert counts(sqlite_url.removeprefix("sqlite:///"))[0] == 1
    assert counts(kept)[0] == 2  # nothing recorded is lost: the replaced database is kept


def test_not_a_backup_or_a_newer_one_is_refused_and_changes_nothing(venue, sqlite_url, tmp_path):
    database = sqlite_url.removeprefix("sqlite:///")
    before = counts(database)
    junk = tmp_path / "anh.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0 not a database")
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (x)")
    newer = backup(sqlite_url, tmp_path / "newer.sqlite3")
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    for bad, message in ((junk, "không phải bản sao lưu"), (other, "không phải bản sao lưu"),
                         (newer, "phiên bản Ngày hội Kiosk mới hơn")):
        with pytest.raises(BackupError, match=message):
            restore(sqlite_url, bad)
    assert counts(database) == before
    assert list(tmp_path.glob("*truoc-khoi-phuc*")) == []


def test_snapshots_keep_the_last_few(venue, sqlite_url, tmp_path):
    snapshots = Snapshots(sqlite_url, tmp_path / "backups", keep=3)
    import time

    for _ in range(5):
        snapshots.take()
        time.sleep(1.01)  # snapshot names carry the second
    assert len(list((tmp_path / "backups").glob("snapshot-*.sqlite3"))) == 3


def test_cli_backup_and_restore(venue, sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("KIOSK_DATABASE_URL", sqlite_url)
    runner = CliRunner()
    target = tmp_path / "ban-sao.sqlite3"
    done = runner.invoke(main, ["backup", "-o", str(target)])
    assert done.exit_code == 0 and target.exists()
    junk = tmp_path / "junk.sqlite3"
    junk.write_text("xin chào")
    refused = runner.invoke(main, ["restore", str(junk)])
    assert refused.exit_code == 1 and "không phải bản sao lưu" in refused.output
    assert runner.invoke(main, ["restore", str(target)]).exit_code == 0


def test_postgresql_backup_is_a_portable_file_and_restores(app, database_url, tmp_path):
    """On PostgreSQL too: one snapshot copied into a SQLite file, restored back."""
    if not database_url.startswith("postgresql"):
        pytest.skip("the PostgreSQL half of the backups (runs in the postgresql parametrization)")
    with app.app_context():
        event = make_event("pg-site")
        with writing():
            people = [add_delegate(event, full_name=f"Đại biểu {n}") for n in range(5)]
        for person in people:
            check_in(event, delegate_id=person.id)
        copy = backup(database_url, tmp_path / "pg.sqlite3")
        assert check_backup(copy) and counts(copy) == (5, 5)
        with writing():
            add_delegate(find_event("pg-site"), full_name="Sau sao lưu")
        db.session.remove()
        kept = restore(database_url, copy, tmp_path)
        assert counts(kept) == (6, 5)
        assert db.session.scalar(db.select(db.func.count()).select_from(db.metadata.tables["delegates"])) == 5
        # New rows after a restore get new ids.
        with writing():
            add_delegate(find_event("pg-site"), full_name="Sau khôi phục")


# ---------------------------------------------------------------- a backup missing part of the schema

def database_state(app) -> tuple:
    """What a restore must not change: the delegates' names and the schema revision."""
    with app.app_context():
        names = db.session.scalars(db.select(db.metadata.tables["delegates"].c.full_name)
                                   .order_by("full_name")).all()
        revision = db.session.scalar(db.text("SELECT version_num FROM alembic_version"))
        db.session.remove()
    return tuple(names), revision


def damaged_copy(app, database_url, folder, name, *statements):
    copy = backup(database_url, folder / name)
    with sqlite3.connect(copy) as connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()
    return copy


@pytest.mark.parametrize("damage, missing", [
    (["DROP TABLE paired_devices"], "thiếu bảng paired_devices"),
    (["DROP TABLE gift_handouts", "DROP TABLE award_batches"], "thiếu bảng award_batches, gift_handouts"),
    (["ALTER TABLE users DROP COLUMN session_generation"], "thiếu cột users.session_generation"),
    (["DROP TABLE survey_responses", "ALTER TABLE delegates DROP COLUMN introduced_at"],
     "thiếu bảng survey_responses; thiếu cột delegates.introduced_at"),
    (["DELETE FROM alembic_version"], "không ghi phiên bản lược đồ"),
], ids=["table", "tables", "column", "table-and-column", "no-revision"])
def test_a_backup_missing_part_of_the_schema_is_refused_and_changes_nothing(app, database_url, tmp_path,
                                                                           damage, missing):
    """A copy missing a table or a column (restored, the server would not start)
    is refused before anything is replaced, with what is missing named; the
    current database stays as it was and no "before restore" copy is made."""
    with app.app_context():
        event = make_event("cam-tan")
        with writing():
            add_delegate(event, full_name="Đang dùng")
        db.session.remove()
    copy = damaged_copy(app, database_url, tmp_path, "thieu.sqlite3", *damage)
    before = database_state(app)
    kept_folder = tmp_path / "kept"
    with pytest.raises(BackupError, match=missing) as refused:
        restore(database_url, copy, kept_folder)
    assert "thieu.sqlite3" in str(refused.value)
    assert database_state(app) == before
    assert not kept_folder.exists() and list(tmp_path.rglob("*truoc-khoi-phuc*")) == []


def test_cli_restore_names_what_the_backup_lacks(venue, sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("KIOSK_DATABASE_URL", sqlite_url)
    copy = damaged_copy(venue, sqlite_url, tmp_path, "ban-sao.sqlite3", "DROP TABLE offline_conflicts")
    before = database_state(venue)
    refused = CliRunner().invoke(main, ["restore", str(copy)])
    assert refused.exit_code == 1, refused.output
    assert "ban-sao.sqlite3 không đầy đủ" in refused.output and "thiếu bảng offline_conflicts" in refused.output
    assert database_state(venue) == before
    assert list(tmp_path.rglob("*truoc-khoi-phuc*")) == []


def test_an_older_backup_is_checked_against_its_own_version(tmp_path):
    """A backup from an older version (upgraded when the server starts) is
    checked against the schema of its own revision, not today's."""
    from alembic import command

    from kiosk.migrate import alembic_config

    older = tmp_path / "cu.sqlite3"
    app = make_test_app(f"sqlite:///{older}", tmp_path, KIOSK_AUTO_UPGRADE=False)
    with app.app_context():
        command.upgrade(alembic_config(), "0005")
        db.engine.dispose()
    assert check_backup(older) == "0005"  # no paired_devices, no session_generation yet: complete for 0005
    with sqlite3.connect(older) as connection:
        connection.execute("DROP TABLE gift_handouts")
    connection.close()
    with pytest.raises(BackupError, match="lược đồ phiên bản 0005: thiếu bảng gift_handouts"):
        check_backup(older)


# ---------------------------------------------------------------- file names with URL characters

WEIRD_NAMES = ["sao lưu #1.sqlite3", "ban?sao=1.sqlite3", "ban%20sao.sqlite3", "a%23b#c?d.sqlite3"]


def test_backup_and_restore_with_url_characters_in_the_names(app, database_url, tmp_path):
    """"#", "?" and "%20" are only characters of a file name: the backup is
    written under it, checked and restored from it, and no other file appears
    (a "#" in a URI used to create a stray file with the name cut there)."""
    with app.app_context():
        event = make_event("cam-tan")
        with writing():
            add_delegate(event, full_name="Trước khi sao lưu")
        db.session.remove()
    folder = tmp_path / "sao lưu #2?x=%20"
    folder.mkdir()
    copies = [backup(database_url, folder / name) for name in WEIRD_NAMES]
    assert sorted(p.name for p in folder.iterdir()) == sorted(WEIRD_NAMES)
    for copy in copies:
        assert check_backup(copy) and counts(copy)[0] == 1
        with app.app_context():
            with writing():
                add_delegate(find_event("cam-tan"), full_name="Sau khi sao lưu")
            db.session.remove()
            db.engine.dispose()
        kept = restore(database_url, copy, folder / "truoc #khoi?phuc")
        assert kept.exists() and counts(kept)[0] == 2
        kept.unlink()
        assert database_state(app)[0] == ("Trước khi sao lưu",)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*WEIRD_NAMES, "truoc #khoi?phuc"])
