"""Failed logins are limited: a password cannot be guessed by trying.

Counted per account name *and* network address: a venue's tablets share one
Wi-Fi address, and one person's typos must not lock the others out. Counts are
kept in memory, or in the Redis of KIOSK_MESSAGE_QUEUE when several server
processes share the work (each would otherwise count on its own)."""

from __future__ import annotations

import math
import time

from flask import Flask, current_app, flash, make_response, render_template, request
from flask_babel import gettext as _

from kiosk.extensions import limiter


def storage_uri(message_queue: str | None) -> str:
    if message_queue and message_queue.startswith(("redis://", "rediss://", "unix://")):
        return message_queue
    return "memory://"


def init_app(app: Flask) -> None:
    app.config.setdefault("RATELIMIT_STORAGE_URI", storage_uri(app.config.get("KIOSK_MESSAGE_QUEUE")))
    # Installations sharing one Redis keep their counts apart, as their live channels.
    app.config.setdefault("RATELIMIT_KEY_PREFIX", app.config.get("KIOSK_MESSAGE_CHANNEL") or "ngay-hoi-kiosk")
    # Redis down for a moment: keep counting in this process rather than fail the login page.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    limiter.init_app(app)


def login_attempts() -> str:
    return current_app.config["KIOSK_LOGIN_ATTEMPTS"]


def account_and_address() -> str:
    username = " ".join(request.form.get("username", "").split()).casefold()
    return f"{username}|{request.remote_addr or ''}"


def failed(response) -> bool:
    return response.status_code == 401


def too_many_attempts(limit):
    """429 with the login page and how long to wait."""
    seconds = max(1, math.ceil(limit.window.reset_time - time.time()))
    flash(_("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(seconds)d giây.", seconds=seconds), "error")
    response = make_response(render_template("auth/login.html"), 429)
    response.headers["Retry-After"] = str(seconds)
    return response


def limit_failed_logins(view):
    """The login route's decorator: after too many failed attempts for one account
    from one address, even the right password waits until the window has passed."""
    return limiter.limit(login_attempts, key_func=account_and_address, methods=["POST"], deduct_when=failed,
                         on_breach=too_many_attempts)(view)
