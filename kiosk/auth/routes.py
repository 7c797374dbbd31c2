from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from kiosk.auth import service

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str:
    """Only a path on this server: never send a tablet to another site after login."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("events.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        user = service.authenticate(request.form.get("username", ""), request.form.get("password", ""))
        if user is None:
            flash(_("Tên đăng nhập hoặc mật khẩu không đúng."), "error")
            return render_template("auth/login.html"), 401
        login_user(user, remember=True)
        return redirect(safe_next(request.args.get("next")))
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html")


@bp.post("/logout")
def logout():
    logout_user()
    return redirect(url_for("auth.login"))
