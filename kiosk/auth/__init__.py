"""Accounts, roles, API tokens and screen links."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.auth import access
    from kiosk.auth.routes import bp

    access.init_login(app)
    app.register_blueprint(bp)
