"""The `kiosk` command, as a venue's laptop runs it."""

import os
import socket
import subprocess
import sys

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from kiosk.cli import main


@pytest.fixture
def cli(database_url, tmp_path, monkeypatch):
    """Run `kiosk ...` in-process against the test database."""
    monkeypatch.setenv("KIOSK_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("KIOSK_DATABASE_URL", database_url)
    runner = CliRunner()

    def run(*args, input=None):
        return runner.invoke(main, list(args), input=input, catch_exceptions=False)

    yield run
    from kiosk.extensions import db

    # Close what the commands' apps left open, so the schema can be dropped.
    from kiosk import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "KIOSK_AUTO_UPGRADE": False})
    with app.app_context():
        db.engine.dispose()


def test_user_add_reads_the_password_from_stdin_and_token_works(cli, database_url, tmp_path):
    result = cli("user", "add", "btc-cam-tan", "--role", "organizer", input="mat-khau-dai-du\n")
    assert result.exit_code == 0, result.output
    assert "Đã thêm tài khoản btc-cam-tan" in result.output

    token = cli("token", "btc-cam-tan").output.strip()
    assert len(token) > 30

    from tests.conftest import make_test_app

    app = make_test_app(database_url, tmp_path)
    assert app.test_client().get("/api/v1/events", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    assert app.test_client().post("/login", data={"username": "btc-cam-tan", "password": "mat-khau-dai-du"}).status_code == 302


def test_user_add_refuses_short_password_and_duplicates(cli):
    short = cli("user", "add", "a", "--role", "desk", input="ngan\n")
    assert short.exit_code == 1 and "ít nhất 8 ký tự" in short.output
    cli("user", "add", "b", "--role", "desk", input="mat-khau-dai-du\n")
    again = cli("user", "add", "b", "--role", "desk", input="mat-khau-dai-du\n")
    assert again.exit_code == 1 and "đã có" in again.output


def test_token_for_unknown_user_fails(cli):
    result = cli("token", "khong-co")
    assert result.exit_code == 1 and "không có tài khoản" in result.output


def test_demo_builds_the_cam_tan_event(cli, database_url, tmp_path):
    result = cli("demo")
    assert result.exit_code == 0, result.output
    for username in ("demo-admin", "demo-btc", "demo-cong1", "demo-mc"):
        assert username in result.output
    assert "/e/demo/link/" in result.output

    from kiosk.awards.models import AwardRecipient
    from kiosk.delegates.models import LEVELS, Delegate
    from kiosk.extensions import db
    from kiosk.forum.models import Opinion
    from kiosk.gifts.models import GiftPackage, GiftRecipient
    from kiosk.programme.service import numbered
    from kiosk.events.service import find_event
    from tests.conftest import make_test_app

    app = make_test_app(database_url, tmp_path)
    with app.app_context():
        event = find_event("demo")
        titles = [item.title for _, item in numbered(event)]
        assert len(titles) == 12
        assert titles[0] == "Văn nghệ chào mừng" and titles[-1] == "Tuyên bố kết thúc buổi lễ"
        assert db.session.scalar(select(func.count(Delegate.id))) >= 150
        assert set(db.session.scalars(select(Delegate.level).distinct())) == set(LEVELS)
        assert db.session.scalar(select(func.count(AwardRecipient.id))) >= 30
        assert db.session.scalar(select(func.count(GiftPackage.id))) >= 2
        assert db.session.scalar(select(func.count(GiftRecipient.id))) >= 10
        assert db.session.scalar(select(func.count(Opinion.id))) >= 5
        db.engine.dispose()

    # Running it again keeps the event and hands out fresh passwords.
    again = cli("demo")
    assert again.exit_code == 0 and "demo-admin" in again.output
    password = next(line.split()[1] for line in again.output.splitlines() if line.strip().startswith("demo-btc"))
    assert app.test_client().post("/login", data={"username": "demo-btc", "password": password}).status_code == 302


def test_db_upgrade(cli):
    from kiosk.migrate import head_revision

    result = cli("db", "upgrade")
    assert result.exit_code == 0 and head_revision() in result.output


def run_serve(tmp_path, *args, env_extra=None):
    env = {**os.environ, "KIOSK_INSTANCE_PATH": str(tmp_path / "instance")}
    env.pop("KIOSK_DATABASE_URL", None)
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "kiosk.cli", "serve", *args], env=env, capture_output=True,
                          text=True, timeout=60)


def test_serve_with_a_wrong_database_url_says_what_to_fix(tmp_path):
    result = run_serve(tmp_path, "--port", "0",
                       env_extra={"KIOSK_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "KIOSK_DATABASE_URL" in lines[0] and lines[0].startswith("Lỗi:")


def test_serve_with_a_malformed_database_url(tmp_path):
    result = run_serve(tmp_path, "--port", "0", env_extra={"KIOSK_DATABASE_URL": "khong-phai-url"})
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "KIOSK_DATABASE_URL" in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere; checked with a file in the way instead")
def test_serve_with_an_unwritable_instance_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    result = run_serve(tmp_path, env_extra={"KIOSK_INSTANCE_PATH": str(folder)})
    assert result.returncode == 1 and "KIOSK_INSTANCE_PATH" in result.stderr


def test_serve_with_an_instance_path_that_is_a_file(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = run_serve(tmp_path, env_extra={"KIOSK_INSTANCE_PATH": str(blocker / "instance")})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "KIOSK_INSTANCE_PATH" in lines[0]


def test_serve_on_a_port_in_use(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_serve(tmp_path, "--host", "127.0.0.1", "--port", str(port))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"cổng {port} đang được chương trình khác dùng" in lines[0]
