"""Công an lắng nghe ý kiến Nhân dân: citizens' opinions, moderation, the screen; the satisfaction survey."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.forum.routes import bp

    app.register_blueprint(bp)
