"""Settings: defaults in code, overridden by KIOSK_* environment variables,
then by the mapping handed to create_app() (tests)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def instance_path() -> Path:
    """The venue's own folder: the SQLite file, the secret key, uploads, backups."""
    return Path(os.environ.get("KIOSK_INSTANCE_PATH", "instance")).resolve()


def load_secret_key(folder: Path) -> str:
    """KIOSK_SECRET_KEY, or a key made once and kept in the instance folder,
    so sessions and signed codes survive restarts."""
    from_env = os.environ.get("KIOSK_SECRET_KEY")
    if from_env:
        return from_env
    key_file = folder / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_hex(32)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


MB = 1024 * 1024


def settings_from_environment(folder: Path) -> dict:
    default_db = f"sqlite:///{folder / 'kiosk.sqlite3'}"
    https = os.environ.get("KIOSK_HTTPS", "0") not in ("", "0")
    return {
        "SQLALCHEMY_DATABASE_URI": os.environ.get("KIOSK_DATABASE_URL", default_db),
        "KIOSK_MESSAGE_QUEUE": os.environ.get("KIOSK_MESSAGE_QUEUE") or None,
        "KIOSK_MESSAGE_CHANNEL": os.environ.get("KIOSK_MESSAGE_CHANNEL", "ngay-hoi-kiosk"),
        # Seconds a burst of changes is gathered before screens get the recomputed parts.
        "KIOSK_LIVE_COALESCE": float(os.environ.get("KIOSK_LIVE_COALESCE", "0.2")),
        "KIOSK_AUTO_UPGRADE": os.environ.get("KIOSK_AUTO_UPGRADE", "1") != "0",
        "BABEL_DEFAULT_LOCALE": "vi",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Ho_Chi_Minh",
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent / "translations"),
        "KIOSK_LANGUAGES": ["vi", "en"],
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # Served over https (`kiosk serve --https` sets KIOSK_HTTPS=1): cookies never travel in clear.
        "SESSION_COOKIE_SECURE": https,
        "REMEMBER_COOKIE_SECURE": https,
        "PREFERRED_URL_SCHEME": "https" if https else "http",
        # Failed logins per account name and address ("10 per minute", the `limits` notation),
        # counted in the database (kiosk.auth.limits), so every server process shares the count.
        "KIOSK_LOGIN_ATTEMPTS": os.environ.get("KIOSK_LOGIN_ATTEMPTS", "10 per minute"),
        "WTF_CSRF_TIME_LIMIT": None,  # a tablet page stays open all day
        "SQLALCHEMY_TRACK_MODIFICATIONS": False,
        # Request bodies (kiosk.wsgi): read whole before the app runs, within the route's limit:
        # the routes that take files name their own (kiosk.uploads), anonymous routes (the
        # citizens' pages: an opinion is a few KB) take small ones, and a body is given
        # KIOSK_BODY_SECONDS plus the time to arrive at KIOSK_MIN_BODY_RATE bytes a second.
        "MAX_CONTENT_LENGTH": 16 * MB,
        "KIOSK_MAX_BODY": int(os.environ.get("KIOSK_MAX_BODY_KB", "1024")) * 1024,
        "KIOSK_MAX_PUBLIC_BODY": int(os.environ.get("KIOSK_MAX_PUBLIC_BODY_KB", "64")) * 1024,
        "KIOSK_BODY_SECONDS": float(os.environ.get("KIOSK_BODY_SECONDS", "10")),
        "KIOSK_MIN_BODY_RATE": int(os.environ.get("KIOSK_MIN_BODY_RATE", str(16 * 1024))),
        # Behind a reverse proxy: its addresses or networks ("127.0.0.1, 10.0.0.0/8"); only
        # requests from them have their X-Forwarded-For believed.
        "KIOSK_TRUSTED_PROXIES": os.environ.get("KIOSK_TRUSTED_PROXIES", ""),
        # Live connections (Socket.IO) are accepted from the kiosk's own pages only; other
        # origins allowed to connect, comma-separated ("https://bang-tin.example").
        "KIOSK_CORS_ORIGINS": os.environ.get("KIOSK_CORS_ORIGINS", ""),
        "KIOSK_MAX_IMPORT_BYTES": int(os.environ.get("KIOSK_MAX_IMPORT_MB", "10")) * MB,  # spreadsheets
        "KIOSK_MAX_VIDEO_BYTES": int(os.environ.get("KIOSK_MAX_VIDEO_MB", "1024")) * MB,  # a reportage video
    }
