"""Ngày hội Kiosk: the event-day server of a "Ngày hội toàn dân bảo vệ an ninh Tổ quốc" site."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from kiosk.config import PROJECT_ROOT, instance_path, load_secret_key, settings_from_environment
from kiosk.extensions import babel, csrf, db, login_manager, socketio


def create_app(config: dict | None = None) -> Flask:
    folder = Path(config["INSTANCE_PATH"]) if config and "INSTANCE_PATH" in config else instance_path()
    app = Flask(
        __name__,
        instance_path=str(folder),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    folder.mkdir(parents=True, exist_ok=True)
    app.config.update(settings_from_environment(folder))
    app.json.ensure_ascii = False  # Vietnamese readable in API answers
    if config:
        app.config.update(config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = load_secret_key(folder)
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(app.config["SQLALCHEMY_DATABASE_URI"]))

    from kiosk.i18n import compile_catalogues, select_locale

    compile_catalogues(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]))
    db.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    csrf.init_app(app)
    login_manager.init_app(app)
    # Socket.IO handlers must be declared before the first init_app: Flask-SocketIO
    # keeps only those for the servers of later apps (tests make many).
    from kiosk.events import sockets  # noqa: F401
    from kiosk.programme import sockets as _programme_sockets  # noqa: F401
    socketio.init_app(
        app,
        message_queue=app.config["KIOSK_MESSAGE_QUEUE"],
        # Always named: Flask-SocketIO keeps the options of an earlier app (tests make many).
        client_manager=client_manager(app.config),
        async_mode="threading",
        cors_allowed_origins=socket_origins(app.config),
    )

    register_areas(app)
    from kiosk import wsgi

    wsgi.init_app(app)  # outermost, around Socket.IO's middleware too

    if app.config["KIOSK_AUTO_UPGRADE"]:
        from kiosk.migrate import upgrade

        with app.app_context():
            upgrade()
    return app


def client_manager(config: dict):
    """Several server processes share live messages through Redis, with a manager
    that can also close a revoked credential's connections in every process
    (kiosk.live); one process keeps them in memory (python-socketio's default)."""
    queue = config["KIOSK_MESSAGE_QUEUE"]
    if not queue:
        return None
    if not queue.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("KIOSK_MESSAGE_QUEUE phải là địa chỉ Redis (redis://...).")
    from kiosk.live import ClosingRedisManager

    # several installations may share one Redis: each its own channel
    return ClosingRedisManager(queue, channel=config["KIOSK_MESSAGE_CHANNEL"])


def socket_origins(config: dict):
    """Which pages may open a live connection (Socket.IO checks the Origin a
    browser sends; [] would turn the check off and let any site's page connect
    with the venue's cookies): the kiosk's own, the scheme://host the request
    came to (None: python-engineio's same-origin check, which also takes a
    reverse proxy's X-Forwarded-Proto/-Host), and the extra origins named in
    KIOSK_CORS_ORIGINS (a list, or comma-separated: "https://a.example, https://b.example")."""
    extra = config.get("KIOSK_CORS_ORIGINS") or []
    if isinstance(extra, str):
        extra = extra.split(",")
    extra = {origin.strip().rstrip("/") for origin in extra if origin.strip()}
    if not extra:
        return None

    def allowed(origin, environ) -> bool:
        return origin in extra or "*" in extra or origin in own_origins(environ)

    return allowed


def own_origins(environ: dict) -> set[str]:
    """The origins of the kiosk's own pages for a request, as python-engineio counts them."""
    scheme, host = environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST")
    if not host:
        return set()
    forwarded_scheme = environ.get("HTTP_X_FORWARDED_PROTO", scheme).split(",")[0].strip()
    forwarded_host = environ.get("HTTP_X_FORWARDED_HOST", host).split(",")[0].strip()
    return {f"{scheme}://{host}", f"{forwarded_scheme}://{forwarded_host}"}


def engine_options(url: str) -> dict:
    if url.startswith("sqlite"):
        # One connection per thread; the busy timeout lets writers queue instead of failing.
        return {"connect_args": {"timeout": 15, "check_same_thread": False}}
    return {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 20}


def register_areas(app: Flask) -> None:
    from kiosk import api, auth, awards, delegates, events, forum, gifts, offline, programme, reports, web

    web.init_app(app)
    auth.init_app(app)
    events.init_app(app)
    programme.init_app(app)
    delegates.init_app(app)
    awards.init_app(app)
    gifts.init_app(app)
    forum.init_app(app)
    reports.init_app(app)
    offline.init_app(app)
    api.init_app(app)

    # Models of every area, so metadata (and Alembic) sees them all, and their
    # services, so every part of the live state is registered.
    from kiosk import models  # noqa: F401
    from kiosk.awards import service as _awards  # noqa: F401
    from kiosk.delegates import service as _delegates  # noqa: F401
    from kiosk.forum import service as _forum  # noqa: F401
    from kiosk.gifts import service as _gifts  # noqa: F401
    from kiosk.offline import service as _offline  # noqa: F401
    from kiosk.programme import service as _programme  # noqa: F401
    from kiosk.reports import counters as _counters  # noqa: F401
