"""The `kiosk` command: serve, demo, user, token(s), link(s), devices, db."""

from __future__ import annotations

import errno
import os
import socket
import sys
import unicodedata
from pathlib import Path

import click

from kiosk.cli_words import KioskGroup, speak_vietnamese

speak_vietnamese()


def fail(message: str) -> None:
    """One clear line saying what to fix, and a non-zero exit."""
    click.echo(f"Lỗi: {message}", err=True)
    sys.exit(1)


def make_app(**overrides):
    """The app, or one line naming what is wrong with the database settings."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    from kiosk import create_app

    url = os.environ.get("KIOSK_DATABASE_URL", "")
    try:
        return create_app(overrides or None)
    except (ArgumentError, NoSuchModuleError, OperationalError, ValueError) as error:
        shown = url
        try:
            shown = make_url(url).render_as_string(hide_password=True) if url else "(SQLite mặc định)"
        except ArgumentError:
            pass
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        fail(f"không mở được cơ sở dữ liệu KIOSK_DATABASE_URL={shown} ({reason}). "
             "Sửa địa chỉ, ví dụ sqlite:///instance/kiosk.sqlite3 hoặc postgresql+psycopg://user@host/db.")


def app_context():
    # A command's changes reach screens at once: the process ends before a coalesced push.
    app = make_app(KIOSK_LIVE_COALESCE=0)
    return app, app.app_context()


@click.group(cls=KioskGroup)
@click.version_option(package_name="ngayhoi-kiosk", prog_name="Ngày hội Kiosk")
def main():
    """Ngày hội Kiosk: máy chủ điều hành Ngày hội toàn dân bảo vệ an ninh Tổ quốc."""


def check_instance_folder() -> Path:
    from kiosk.config import instance_path

    folder = instance_path()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as error:
        fail(f"không ghi được vào thư mục instance {folder} ({error.strerror}). "
             "Đặt KIOSK_INSTANCE_PATH tới một thư mục có quyền ghi.")
    return folder


def check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                fail(f"cổng {port} đang được chương trình khác dùng. Chọn cổng khác: kiosk serve --port {port + 1}")
            fail(f"không mở được địa chỉ {host}:{port} ({error.strerror}). Kiểm tra --host.")


def lan_addresses() -> list[str]:
    """IPv4 addresses tablets on the venue's Wi-Fi can reach (loopback left out)."""
    import psutil

    found = []
    for addresses in psutil.net_if_addrs().values():
        for address in addresses:
            if address.family == socket.AF_INET and not address.address.startswith("127."):
                found.append(address.address)
    return found


@main.command()
@click.option("--host", default="0.0.0.0", show_default=True, help="Địa chỉ lắng nghe")
@click.option("--port", default=5000, show_default=True, type=int, help="Cổng")
@click.option("--https", "use_https", is_flag=True,
              help="Dùng https (chứng chỉ cục bộ, tạo một lần) để máy tính bảng mở được camera")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Số tiến trình; từ 2 trở lên cần KIOSK_MESSAGE_QUEUE (Redis)")
@click.option("--threads", default=1000, show_default=True, type=click.IntRange(4, 10000),
              help="Số luồng mỗi tiến trình (mỗi màn hình đang kết nối giữ một luồng)")
def serve(host: str, port: int, use_https: bool, workers: int, threads: int):
    """Chạy máy chủ cho các máy tính bảng và màn hình trong mạng nội bộ."""
    import qrcode

    from kiosk import server

    folder = check_instance_folder()
    check_port_free(host, port)
    if workers > 1 and not os.environ.get("KIOSK_MESSAGE_QUEUE"):
        fail("nhiều tiến trình (--workers) cần hàng đợi tin nhắn Redis để màn hình nào cũng nhận được cập nhật. "
             "Đặt KIOSK_MESSAGE_QUEUE=redis://127.0.0.1:6379/0 hoặc chạy với --workers 1.")
    app = make_app()  # upgrades the database once, before any worker starts
    database_url, backups = app.config["SQLALCHEMY_DATABASE_URI"], Path(app.instance_path) / "backups"
    with app.app_context():
        from kiosk.extensions import db

        db.engine.dispose()  # workers open their own connections after the fork
    del app  # each worker makes its own; the master keeps none

    addresses = lan_addresses() if host in ("0.0.0.0", "::") else [host]
    certificate = None
    if use_https:
        from kiosk.certificates import ensure_certificate

        cert, key = ensure_certificate(folder, sorted(set(addresses) | {"127.0.0.1"}))
        certificate = (str(cert), str(key))
        os.environ["KIOSK_HTTPS"] = "1"  # secure cookies in the workers
    scheme = "https" if use_https else "http"
    urls = [f"{scheme}://{a}:{port}/" for a in addresses] or [f"{scheme}://127.0.0.1:{port}/"]
    click.echo("Ngày hội Kiosk đang chạy. Mở trên máy tính bảng (cùng mạng Wi-Fi):")
    for url in urls:
        click.echo(f"  {url}")
    if addresses:
        code = qrcode.QRCode(border=1)
        code.add_data(urls[0])
        code.print_ascii(invert=True)
    if use_https:
        click.echo(f"Máy tính bảng tin cậy chứng chỉ: mở {urls[0]}https "
                   "hoặc xem README (mục https).")
    click.echo("Dừng máy chủ: Ctrl+C")
    if database_url.startswith("sqlite"):
        from kiosk.reports.backups import Snapshots

        Snapshots(database_url, backups).start()
    server.run(host, port, workers=workers, threads=threads, certificate=certificate)


@main.command()
@click.option("--reset", is_flag=True, help="Xóa và tạo lại sự kiện demo")
@click.option("--base-url", default="http://127.0.0.1:5000", show_default=True, help="Địa chỉ in trong đường dẫn")
def demo(reset: bool, base_url: str):
    """Tạo sự kiện demo (theo kế hoạch Cẩm Tân 2024, đặt vào ngày hôm nay) và in các tài khoản đăng nhập."""
    from kiosk.demo import build_demo

    app, context = app_context()
    with context:
        logins = build_demo(reset=reset)
        event = logins.event
        click.echo(f"Sự kiện demo: {event.title} — {event.place} (mã: {event.slug})")
        click.echo(f"Bảng điều khiển: {base_url}/e/{event.slug}/")
        click.echo("Tài khoản (mật khẩu mới mỗi lần chạy):")
        for username, password in logins.passwords.items():
            click.echo(f"  {username:<12} {password}")
        click.echo(f"Màn hình hội trường: {base_url}/e/{event.slug}/link/{logins.screen_key}")
        click.echo(f"Trang MC:            {base_url}/e/{event.slug}/link/{logins.mc_key}")


# ---------------------------------------------------------------- accounts, tokens, links, tablets

def cli_actor() -> str:
    """Who the audit trail says made a change from the command line: "CLI (tên người dùng máy)"."""
    import getpass

    try:
        name = getpass.getuser()
    except (OSError, KeyError, ImportError):
        name = str(os.getuid()) if hasattr(os, "getuid") else "?"
    return f"CLI ({name})"


def terminal() -> bool:
    return sys.stdin.isatty()


def shown_width(value: str) -> int:
    """Columns a text takes in a terminal: accents that combine take none, wide characters two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value)


def echo_table(headers: list[str], rows: list[list], empty: str) -> None:
    """A table lined up in columns, or `empty` when there is no row."""
    if not rows:
        click.echo(empty)
        return
    cells = [headers] + [[" ".join(str("" if value is None else value).split()) for value in row] for row in rows]
    widths = [max(shown_width(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        return "  ".join(value + " " * (width - shown_width(value)) for value, width in zip(row, widths)).rstrip()

    click.echo(line(cells[0]))
    click.echo("  ".join("─" * width for width in widths))
    for row in cells[1:]:
        click.echo(line(row))


def when(moment) -> str:
    from kiosk.i18n import format_date, format_time

    return f"{format_date(moment)} {format_time(moment)}" if moment else ""


def user_or_fail(name: str):
    from kiosk.auth.service import find_user

    return find_user(name) or fail(f"không có tài khoản “{name}”.")


@main.group()
def user():
    """Tài khoản: thêm, xem, khóa, mở khóa, đặt lại mật khẩu."""


@user.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["admin", "organizer", "desk", "mc", "screen"]))
@click.option("--event", "event_slug", default=None, help="Chỉ cho phép với một sự kiện")
@click.option("--display-name", default="", help="Tên hiển thị")
def user_add(name: str, role: str, event_slug: str | None, display_name: str):
    """Thêm tài khoản NAME; mật khẩu nhập khi được hỏi, hoặc từ stdin."""
    from kiosk.auth.service import AccountError, add_user
    from kiosk.events.service import find_event

    if sys.stdin.isatty():
        password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    app, context = app_context()
    with context:
        event = None
        if event_slug:
            event = find_event(event_slug) or fail(f"không có sự kiện “{event_slug}”.")
        try:
            add_user(name, password, role, display_name=display_name, event=event, actor=cli_actor())
        except AccountError as error:
            fail(str(error))
    click.echo(f"Đã thêm tài khoản {name} ({role}).")


@user.command("list")
def user_list():
    """Liệt kê các tài khoản, vai trò, sự kiện, số mã API còn dùng được, lần đăng nhập cuối."""
    from kiosk.auth.service import list_users, role_label

    app, context = app_context()
    with context:
        rows = [[row.user.id, row.user.username, row.user.display_name, role_label(row.user.role),
                 row.event.slug if row.event else "mọi sự kiện", row.tokens, when(row.user.last_login_at),
                 "hoạt động" if row.user.active else "ĐÃ KHÓA"] for row in list_users()]
        echo_table(["ID", "Tên đăng nhập", "Tên hiển thị", "Vai trò", "Sự kiện", "Mã API", "Đăng nhập lần cuối",
                    "Trạng thái"], rows, "Chưa có tài khoản nào. Thêm: kiosk user add TÊN --role admin")


def change_active(name: str, active: bool) -> None:
    from kiosk.auth.service import AccountError, set_active

    app, context = app_context()
    with context:
        account = user_or_fail(name)
        try:
            set_active(account, active, actor=cli_actor())
        except AccountError as error:
            fail(str(error))
    if active:
        click.echo(f"Đã mở khóa tài khoản {name}.")
    else:
        click.echo(f"Đã khóa tài khoản {name}: các phiên đăng nhập, mã API và kết nối trực tiếp của tài khoản "
                   "đã ngừng.")


@user.command("disable")
@click.argument("name")
def user_disable(name: str):
    """Khóa tài khoản NAME: đăng nhập, mã API và màn hình đang mở của tài khoản ngừng ngay."""
    change_active(name, False)


@user.command("enable")
@click.argument("name")
def user_enable(name: str):
    """Mở khóa tài khoản NAME."""
    change_active(name, True)


@user.command("password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Đọc mật khẩu mới từ một dòng của stdin")
def user_password(name: str, password_stdin: bool):
    """Đặt lại mật khẩu của NAME: các phiên đăng nhập bằng mật khẩu cũ đều phải đăng nhập lại."""
    from kiosk.auth.service import AccountError, set_password

    if password_stdin or not terminal():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Mật khẩu mới", hide_input=True, confirmation_prompt="Nhập lại mật khẩu mới")
    app, context = app_context()
    with context:
        account = user_or_fail(name)
        try:
            set_password(account, password, actor=cli_actor())
        except AccountError as error:
            fail(str(error))
    click.echo(f"Đã đặt lại mật khẩu của {name}; các phiên đăng nhập cũ phải đăng nhập lại.")


@main.command()
@click.argument("name")
@click.option("--label", default="", help="Ghi chú cho mã (thiết bị, mục đích)")
def token(name: str, label: str):
    """In một mã API mới của tài khoản NAME (Authorization: Bearer ...)."""
    from sqlalchemy import select

    from kiosk.auth.models import User
    from kiosk.auth.service import AccountError, issue_token
    from kiosk.extensions import db

    app, context = app_context()
    with context:
        account = db.session.scalar(select(User).where(User.username == name)) or fail(f"không có tài khoản “{name}”.")
        try:
            click.echo(issue_token(account, label, actor=cli_actor()))
        except AccountError as error:
            fail(str(error))


@main.command("tokens")
@click.argument("name", required=False)
def tokens_list(name: str | None):
    """Liệt kê mã API (của tài khoản NAME, hoặc của mọi tài khoản). Mã chỉ hiện một lần lúc tạo."""
    from kiosk.auth.service import list_tokens

    app, context = app_context()
    with context:
        owner = user_or_fail(name) if name else None
        rows = [[t.id, t.user.username, t.label, when(t.created_at),
                 f"đã thu hồi {when(t.revoked_at)}" if t.revoked_at else "dùng được" if t.user.active
                 else "tài khoản đã khóa"] for t in list_tokens(owner)]
        echo_table(["ID", "Tài khoản", "Ghi chú", "Tạo lúc", "Trạng thái"], rows,
                   f"Tài khoản {name} chưa có mã API nào." if name else "Chưa có mã API nào.")


@main.command("token-revoke")
@click.argument("token_id", metavar="ID", type=int)
def token_revoke(token_id: int):
    """Thu hồi mã API số ID (xem: kiosk tokens): mọi lệnh gọi và kết nối bằng mã này ngừng ngay."""
    from kiosk.auth.service import revoke_token

    app, context = app_context()
    with context:
        token = revoke_token(token_id, actor=cli_actor()) or fail(f"không có mã API số {token_id}.")
        click.echo(f"Đã thu hồi mã API số {token.id} của {token.user.username}.")


@main.command()
@click.argument("slug")
@click.option("--role", type=click.Choice(["screen", "mc"]), default="screen", show_default=True)
@click.option("--base-url", default="http://127.0.0.1:5000", show_default=True)
@click.option("--label", default="", help="Ghi chú cho đường dẫn (máy nào dùng)")
def link(slug: str, role: str, base_url: str, label: str):
    """In đường dẫn mở màn hình hội trường hoặc trang MC không cần mật khẩu."""
    from kiosk.auth.service import AccountError, create_link
    from kiosk.events.service import find_event

    app, context = app_context()
    with context:
        event = find_event(slug) or fail(f"không có sự kiện “{slug}”.")
        try:
            click.echo(f"{base_url}/e/{slug}/link/{create_link(event, role, label, actor=cli_actor())}")
        except AccountError as error:
            fail(str(error))


@main.command("links")
@click.argument("slug")
def links_list(slug: str):
    """Liệt kê đường dẫn màn hình hội trường và trang MC của sự kiện SLUG."""
    from kiosk.auth.service import links_of, role_label

    app, context = app_context()
    with context:
        rows = [[link.id, role_label(link.role), link.label, when(link.created_at),
                 f"đã thu hồi {when(link.revoked_at)}" if link.revoked_at else "dùng được"]
                for link in links_of(event_or_fail(slug))]
        echo_table(["ID", "Vai trò", "Ghi chú", "Tạo lúc", "Trạng thái"], rows,
                   f"Sự kiện {slug} chưa có đường dẫn nào. Tạo: kiosk link {slug} --role screen")


@main.command("link-revoke")
@click.argument("link_id", metavar="ID", type=int)
def link_revoke(link_id: int):
    """Thu hồi đường dẫn số ID (xem: kiosk links SLUG): màn hình hoặc máy MC đang mở nó ngừng ngay."""
    from kiosk.auth.service import link_event, revoke_link, role_label

    app, context = app_context()
    with context:
        found = revoke_link(link_id, actor=cli_actor()) or fail(f"không có đường dẫn số {link_id}.")
        click.echo(f"Đã thu hồi đường dẫn số {found.id} ({found.label or role_label(found.role)}) "
                   f"của sự kiện {link_event(found).slug}.")


@main.command("devices")
@click.argument("slug")
def devices_list(slug: str):
    """Liệt kê máy tính bảng đã ghép bằng mã QR của sự kiện SLUG (thu hồi trên trang Thiết bị)."""
    from kiosk.auth.service import devices_of
    from kiosk.database import utcnow

    statuses = {"revoked": "đã thu hồi", "paired": "đang dùng", "waiting": "chờ quét mã", "expired": "mã hết hạn"}
    app, context = app_context()
    with context:
        now = utcnow()
        rows = [[d.id, d.name, d.work.label if d.work else d.station, when(d.paired_at), when(d.last_seen_at),
                 statuses.get(d.status(now), d.status(now))] for d in devices_of(event_or_fail(slug))]
        echo_table(["ID", "Tên", "Việc", "Ghép lúc", "Lần cuối", "Trạng thái"], rows,
                   f"Sự kiện {slug} chưa ghép thiết bị nào.")


def event_or_fail(slug: str):
    from kiosk.events.service import find_event

    return find_event(slug) or fail(f"không có sự kiện “{slug}”.")


@main.group("import")
def import_():
    """Nhập danh sách từ Excel (.xlsx) hoặc CSV."""


@import_.command("delegates")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--event", "slug", required=True, help="Mã sự kiện")
@click.option("--dry-run", is_flag=True, help="Chỉ xem trước, không ghi gì")
def import_delegates(file: str, slug: str, dry_run: bool):
    """Nhập danh sách đại biểu: in bản xem trước và các lỗi theo dòng; lỗi thì không nhập gì."""
    from kiosk.delegates import importer
    from kiosk.offices import office
    from kiosk.transactions import writing

    app, context = app_context()
    with context:
        event = event_or_fail(slug)
        with writing():  # planned and applied in one write transaction
            plan = importer.plan_import(event, Path(file).read_bytes(), Path(file).name)
            lines = [f"+ dòng {row.row}: {row.full_name} — {office(row.position, row.organization)}".rstrip()
                     for row in plan.creates]
            lines += [f"~ dòng {change.row.row}: {change.delegate.full_name} ("
                      + ", ".join(f"{name}: {old} → {new}" for name, (old, new) in change.fields.items()) + ")"
                      for change in plan.updates]
            finish_import(event, plan, lines, importer.apply_import, dry_run)


@import_.command("awards")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--event", "slug", required=True, help="Mã sự kiện")
@click.option("--decision", "decision_number", default=None, help="Số quyết định, khi tệp không có cột này")
@click.option("--dry-run", is_flag=True, help="Chỉ xem trước, không ghi gì")
def import_awards(file: str, slug: str, decision_number: str | None, dry_run: bool):
    """Nhập danh sách khen thưởng theo quyết định; lỗi thì không nhập gì."""
    from kiosk.awards import importer, service
    from kiosk.transactions import writing

    app, context = app_context()
    with context:
        event = event_or_fail(slug)
        decision_id = None
        if decision_number:
            decision = next((d for d in service.decisions_of(event)
                             if importer.number_key(d.number) == importer.number_key(decision_number)), None)
            decision_id = decision.id if decision else fail(f"không có quyết định số “{decision_number}”.")
        with writing():  # planned and applied in one write transaction
            plan = importer.plan_import(event, Path(file).read_bytes(), Path(file).name, decision_id=decision_id)
            lines = [f"+ dòng {row.row}: {row.name} — QĐ {decision.number}" for decision, row in plan.creates]
            finish_import(event, plan, lines, importer.apply_import, dry_run)


@import_.command("gift-recipients")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--event", "slug", required=True, help="Mã sự kiện")
@click.option("--dry-run", is_flag=True, help="Chỉ xem trước, không ghi gì")
def import_gift_recipients(file: str, slug: str, dry_run: bool):
    """Nhập danh sách người nhận quà; lỗi thì không nhập gì."""
    from kiosk.gifts import importer
    from kiosk.transactions import writing

    app, context = app_context()
    with context:
        event = event_or_fail(slug)
        with writing():  # planned and applied in one write transaction
            plan = importer.plan_import(event, Path(file).read_bytes(), Path(file).name)
            lines = [f"+ dòng {row.row}: {row.name}" + (f" — {package.name}" if package else "") for row, package in plan.creates]
            finish_import(event, plan, lines, importer.apply_import, dry_run)


def finish_import(event, plan, lines: list[str], apply, dry_run: bool) -> None:
    """The preview, every problem by row and column, then all or nothing."""
    click.echo(f"Thêm mới: {len(plan.creates)} · Cập nhật: {len(plan.updates)} · Giữ nguyên: {plan.unchanged}")
    for line in lines:
        click.echo(f"  {line}")
    for skipped in plan.skipped:
        rows = f"{skipped.row}–{skipped.last}" if skipped.last else skipped.row
        click.echo(f"  - bỏ qua dòng {rows}: {skipped.reason}")
    for warning in getattr(plan, "warnings", []):  # only delegate lists have warnings
        click.echo(f"  ~ dòng {warning.row}: {warning.message}")
    for problem in plan.problems:
        where = " ".join(filter(None, [f"dòng {problem.row}" if problem.row else "",
                                       f"cột “{problem.column}”" if problem.column else ""]))
        click.echo(f"  ! {where + ': ' if where else ''}{problem.message}", err=True)
    if plan.problems:
        fail(f"tệp có {len(plan.problems)} lỗi, chưa nhập gì.")
    if dry_run:
        click.echo("Chạy thử: chưa ghi gì.")
        return
    created, updated = apply(event, plan)
    click.echo(f"Đã nhập: {created} mới, {updated} cập nhật.")


@main.command("print")
@click.argument("kind", type=click.Choice(["badges", "invitations", "cards", "introduction",
                                          "call-sheet", "register", "remaining", "receipts", "slips"]))
@click.option("--event", "slug", required=True, help="Mã sự kiện")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Tệp PDF ghi ra")
def print_(kind: str, slug: str, output: str):
    """In thẻ đại biểu, giấy mời, bảng tên, lời giới thiệu đại biểu, hoặc sơ đồ trao thưởng,
    sổ trao thưởng, danh sách khen thưởng chưa trao ra PDF."""
    from kiosk.awards import documents as award_documents
    from kiosk.delegates import documents
    from kiosk.gifts import documents as gift_documents

    app, context = app_context()
    with context:
        area = (award_documents if kind in award_documents.KINDS
                else gift_documents if kind in gift_documents.KINDS else documents)
        data = area.render(event_or_fail(slug), kind)
    Path(output).write_bytes(data)
    click.echo(f"Đã ghi {output} ({len(data) // 1024} KB).")


@main.command("report")
@click.option("--event", "slug", required=True, help="Mã sự kiện")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="FILE.pdf hoặc FILE.xlsx")
def report_command(slug: str, output: str):
    """Báo cáo kết quả tổ chức Ngày hội (PDF hoặc Excel)."""
    from kiosk.reports import service

    if Path(output).suffix.lower() not in (".pdf", ".xlsx"):
        fail("tệp báo cáo phải có đuôi .pdf hoặc .xlsx.")
    app, context = app_context()
    with context:
        event = event_or_fail(slug)
        data = service.pdf(event) if output.lower().endswith(".pdf") else service.xlsx(event)
    Path(output).write_bytes(data)
    click.echo(f"Đã ghi {output} ({len(data) // 1024} KB).")


@main.group("event")
def event_group():
    """Chuyển một sự kiện giữa các máy (chuẩn bị ở cơ quan, chạy tại điểm, mang về)."""


@event_group.command("export")
@click.argument("slug")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
def event_export(slug: str, output: str):
    """Xuất toàn bộ dữ liệu của sự kiện SLUG ra một tệp."""
    from kiosk.reports.transfer import export_event

    app, context = app_context()
    with context:
        data = export_event(event_or_fail(slug))
    Path(output).write_bytes(data)
    click.echo(f"Đã xuất sự kiện {slug} vào {output} ({len(data) // 1024} KB).")


@event_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--replace", is_flag=True, help="Thay sự kiện cùng mã (mang dữ liệu ngày hội về)")
def event_import(file: str, replace: bool):
    """Nhập một tệp sự kiện; tệp lỗi thì không ghi gì."""
    from kiosk.reports.transfer import TransferError, import_event

    app, context = app_context()
    with context:
        try:
            event = import_event(Path(file).read_bytes(), replace=replace)
        except TransferError as error:
            fail(str(error))
        click.echo(f"Đã nhập sự kiện {event.slug} — {event.place}.")


@main.command("backup")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Tệp sao lưu (mặc định: instance/backups/kiosk-<giờ>.sqlite3)")
def backup_command(output: str | None):
    """Sao lưu cơ sở dữ liệu, kể cả khi máy chủ đang chạy."""
    from datetime import datetime

    from kiosk.reports.backups import BackupError, backup

    app = make_app()
    target = Path(output) if output else Path(app.instance_path) / "backups" / f"kiosk-{datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    try:
        backup(app.config["SQLALCHEMY_DATABASE_URI"], target)
    except BackupError as error:
        fail(str(error))
    click.echo(f"Đã sao lưu vào {target}")


@main.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def restore_command(file: str):
    """Khôi phục cơ sở dữ liệu từ tệp sao lưu (dừng máy chủ trước). Bản hiện tại được giữ lại bên cạnh."""
    from kiosk.reports.backups import BackupError, restore

    app = make_app(KIOSK_AUTO_UPGRADE=False)
    try:
        kept = restore(app.config["SQLALCHEMY_DATABASE_URI"], Path(file), Path(app.instance_path) / "backups")
    except BackupError as error:
        fail(str(error))
    click.echo(f"Đã khôi phục từ {file}. Bản trước khi khôi phục: {kept}")


@main.group()
def db():
    """Cơ sở dữ liệu."""


@db.command("upgrade")
def db_upgrade():
    """Nâng cấp lược đồ cơ sở dữ liệu lên bản mới nhất."""
    from kiosk.migrate import current_revision

    app = make_app(KIOSK_AUTO_UPGRADE=True)
    with app.app_context():
        click.echo(f"Lược đồ cơ sở dữ liệu: {current_revision()}")


if __name__ == "__main__":
    main(prog_name="kiosk")
