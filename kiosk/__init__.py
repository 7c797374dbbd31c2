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
        channel=app.config["KIOSK_MESSAGE_CHANNEL"],  # several installations may share one Redis
        async_mode="threading",
        cors_allowed_origins=app.config.get("KIOSK_CORS_ORIGINS", []),
    )

    register_areas(app)
    from kiosk import wsgi

    wsgi.init_app(app)  # outermost, around Socket.IO's middleware too

    if app.config["KIOSK_AUTO_UPGRADE"]:
        from kiosk.migrate import upgrade

        with app.app_context():
            upgrade()
    return app


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
