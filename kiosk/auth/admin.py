"""The admin's access page: accounts, API tokens, each event's screen and MC
links, and the way to each event's paired tablets, without a database shell.
Every change goes through kiosk.auth.service, which records it in the audit
trail with the admin's name."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from openpyxl import Workbook
from openpyxl.styles import Font

from kiosk.auth import service
from kiosk.auth.access import requires
from kiosk.auth.models import ApiToken, EventLink, User
from kiosk.auth.roles import ROLE_LABELS, Permission, Role
from kiosk.database import utcnow
from kiosk.events import service as events
from kiosk.events.models import Event
from kiosk.extensions import db
from kiosk.fields import MAX_INT
from kiosk.reports import audit
from kiosk.web import file_response
from kiosk.workbooks import append, saved

bp = Blueprint("access", __name__, url_prefix="/admin/access")

LOG_ON_PAGE = 30  # the latest changes; the workbook has them all
LINK_ROLES = (Role.SCREEN, Role.MC)


def actor() -> str:
    """Who the audit trail says made the change: "Quản trị (admin)"."""
    me = current_user._get_current_object()
    return service.account_label(me) if isinstance(me, User) else current_user.name


def me() -> User | None:
    found = current_user._get_current_object()
    return found if isinstance(found, User) else None


def row_of(model, value):
    """The row whose id a form or URL gave, or None (nothing raised for junk)."""
    if not isinstance(value, str) or not value.isascii() or not value.isdigit() or len(value) > 10 \
            or not 0 < int(value) <= MAX_INT:
        return None
    return db.session.get(model, int(value))


def get_or_404(model, row_id: int):
    found = db.session.get(model, row_id) if row_id <= MAX_INT else None
    return found or abort(404)


def page(status: int = 200, *, new_token: dict | None = None, new_link: dict | None = None, form=None):
    """The whole page; a new token or link is shown in this answer only (never kept)."""
    from kiosk.auth.routes import tablets_cannot_reach

    now = utcnow()
    listed = events.all_events()
    sites = [{"event": e, "links": service.links_of(e),
              "tablets": sum(1 for d in service.devices_of(e) if d.status(now) == "paired")} for e in listed]
    response = render_template(
        "auth/access.html", event=None, accounts=service.list_users(), tokens=service.list_tokens(), sites=sites,
        events=listed, roles=ROLE_LABELS, link_roles=LINK_ROLES, log=audit.account_changes(LOG_ON_PAGE),
        me=me(), new_token=new_token, new_link=new_link, form=form or {}, minimum=service.MIN_PASSWORD,
        unreachable=tablets_cannot_reach())
    headers = {"Cache-Control": "no-store"} if new_token or new_link else {}
    return response, status, headers


def back(anchor: str):
    return redirect(url_for("access.index") + f"#{anchor}")


@bp.route("/")
@requires(Permission.MANAGE_INSTALLATION)
def index():
    return page()


# ---------------------------------------------------------------- accounts

@bp.post("/users")
@requires(Permission.MANAGE_INSTALLATION)
def add_user():
    form = request.form
    kept = {key: form.get(key, "") for key in ("username", "display_name", "role", "event")}

    def refuse(message: str):
        flash(message, "error")
        return page(400, form=kept)

    if form.get("password", "") != form.get("password_again", ""):
        return refuse(_("Hai lần nhập mật khẩu không giống nhau."))
    event = None
    if form.get("event"):
        event = row_of(Event, form["event"])
        if event is None:
            return refuse(_("Không có sự kiện này."))
    try:
        user = service.add_user(form.get("username", ""), form.get("password", ""), form.get("role", ""),
                                display_name=form.get("display_name", ""), event=event, actor=actor())
    except service.AccountError as error:
        return refuse(str(error))
    flash(_("Đã thêm tài khoản “%(name)s”.", name=user.username), "success")
    return back(f"user-{user.id}")


@bp.post("/users/<int:user_id>/active")
@requires(Permission.MANAGE_INSTALLATION)
def set_active(user_id: int):
    user = get_or_404(User, user_id)
    active = request.form.get("active") == "1"
    try:
        service.set_active(user, active, actor=actor(), by=me())
    except service.AccountError as error:
        flash(str(error), "error")
        return back(f"user-{user_id}")
    if active:
        flash(_("Đã mở khóa tài khoản “%(name)s”.", name=user.username), "success")
    else:
        flash(_("Đã khóa tài khoản “%(name)s”: các phiên đăng nhập, mã API và màn hình đang mở của tài khoản "
                "đã ngừng.", name=user.username), "success")
    return back(f"user-{user_id}")


@bp.post("/users/<int:user_id>/password")
@requires(Permission.MANAGE_INSTALLATION)
def reset_password(user_id: int):
    user = get_or_404(User, user_id)
    password = request.form.get("password", "")
    if password != request.form.get("password_again", ""):
        flash(_("Hai lần nhập mật khẩu không giống nhau."), "error")
        return back(f"user-{user_id}")
    try:
        service.set_password(user, password, actor=actor())
    except service.AccountError as error:
        flash(str(error), "error")
        return back(f"user-{user_id}")
    if me() is not None and me().id == user_id:
        # Your own: the sessions signed in before end, this one carries on with the new password.
        login_user(db.session.get(User, user_id), remember=True)
    flash(_("Đã đặt lại mật khẩu của “%(name)s”: mọi nơi đang đăng nhập bằng mật khẩu cũ phải đăng nhập lại.",
            name=user.username), "success")
    return back(f"user-{user_id}")


# ---------------------------------------------------------------- API tokens

@bp.post("/tokens")
@requires(Permission.MANAGE_INSTALLATION)
def issue_token():
    user = row_of(User, request.form.get("user"))
    if user is None:
        flash(_("Chọn tài khoản được cấp mã."), "error")
        return back("tokens")
    try:
        token = service.issue_token(user, request.form.get("label", ""), actor=actor())
    except service.AccountError as error:
        flash(str(error), "error")
        return back("tokens")
    return page(new_token={"value": token, "user": user, "label": request.form.get("label", "")})


@bp.post("/tokens/<int:token_id>/revoke")
@requires(Permission.MANAGE_INSTALLATION)
def revoke_token(token_id: int):
    token = service.revoke_token(get_or_404(ApiToken, token_id).id, actor=actor())
    flash(_("Đã thu hồi mã API số %(id)d của “%(name)s”.", id=token.id, name=token.user.username), "success")
    return back("tokens")


# ---------------------------------------------------------------- screen and MC links

@bp.post("/links")
@requires(Permission.MANAGE_INSTALLATION)
def create_link():
    event = row_of(Event, request.form.get("event"))
    if event is None:
        flash(_("Không có sự kiện này."), "error")
        return back("links")
    try:
        key = service.create_link(event, request.form.get("role", ""), request.form.get("label", ""), actor=actor())
    except service.AccountError as error:
        flash(str(error), "error")
        return back(f"links-{event.id}")
    from kiosk.auth.routes import qr_svg

    url = url_for("event.open_link", slug=event.slug, key=key, _external=True)
    return page(new_link={"url": url, "qr": qr_svg(url), "event": event, "role": request.form.get("role"),
                          "label": request.form.get("label", "")})


@bp.post("/links/<int:link_id>/revoke")
@requires(Permission.MANAGE_INSTALLATION)
def revoke_link(link_id: int):
    link = service.revoke_link(get_or_404(EventLink, link_id).id, actor=actor())
    flash(_("Đã thu hồi đường dẫn “%(name)s”.", name=link.label or _(ROLE_LABELS.get(link.role, link.role))),
          "success")
    return back(f"links-{link.event_id}")


# ---------------------------------------------------------------- the log

@bp.route("/log.xlsx")
@requires(Permission.MANAGE_INSTALLATION)
def log_xlsx():
    """Every change to accounts, API tokens and links, as a workbook."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Nhật ký tài khoản"
    append(sheet, ["Ngày", "Giờ", "Thao tác", "Đối tượng", "Sự kiện", "Người thực hiện", "Chi tiết"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for c in audit.account_changes():
        append(sheet, [c["date"], c["time"], c["action"], c["subject"], c["event"], c["actor"], c["details"]])
    return file_response(saved(book), "nhat-ky-tai-khoan.xlsx")
