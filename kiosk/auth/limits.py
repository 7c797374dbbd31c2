"""Failed logins are limited: a password cannot be guessed by trying.

Counted per account name *and* network address: a venue's tablets share one
Wi-Fi address, and one person's typos must not lock the others out. An
attempt is counted in the write path before the password is checked, and
forgotten when the password was right: forty wrong passwords sent at once are
limited exactly like forty sent one after another, and successful logins never
count. The count lives in the database, so every server process shares it."""

from __future__ import annotations

import math
from datetime import timedelta

from flask import current_app, flash, make_response, render_template, request
from flask_babel import gettext as _
from limits import parse
from sqlalchemy import delete, func, select

from kiosk.auth.models import LoginAttempt
from kiosk.database import utcnow
from kiosk.extensions import db
from kiosk.transactions import writing


def window() -> tuple[int, timedelta]:
    """KIOSK_LOGIN_ATTEMPTS ("10 per minute"): how many attempts, within how long."""
    limit = parse(current_app.config["KIOSK_LOGIN_ATTEMPTS"])
    return limit.amount, timedelta(seconds=limit.get_expiry())


def account_and_address(username: str) -> tuple[str, str]:
    return " ".join(username.split()).casefold()[:200], (request.remote_addr or "")[:64]


def reserve_attempt(username: str) -> LoginAttempt | float:
    """The attempt, counted; or, when the window is full, the seconds to wait."""
    account, address = account_and_address(username)
    amount, length = window()
    now = utcnow()
    mine = [LoginAttempt.account == account, LoginAttempt.address == address]
    with writing():
        db.session.execute(delete(LoginAttempt).where(*mine, LoginAttempt.at <= now - length))
        count, oldest = db.session.execute(select(func.count(), func.min(LoginAttempt.at)).where(*mine)).one()
        if count >= amount:
            return (oldest + length - now).total_seconds()
        attempt = LoginAttempt(account=account, address=address, at=now)
        db.session.add(attempt)
    return attempt


def forget_attempt(attempt: LoginAttempt) -> None:
    """The password was right: this attempt was no failure."""
    with writing():
        db.session.execute(delete(LoginAttempt).where(LoginAttempt.id == attempt.id))


def too_many_attempts(wait: float):
    """429 with the login page and how long to wait."""
    seconds = max(1, math.ceil(wait))
    flash(_("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(seconds)d giây.", seconds=seconds), "error")
    response = make_response(render_template("auth/login.html"), 429)
    response.headers["Retry-After"] = str(seconds)
    return response
