"""Accounts, roles, API tokens, screen links and paired tablets."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.auth import access, admin
    from kiosk.auth.routes import bp, devices_bp

    access.init_login(app)
    app.register_blueprint(bp)
    app.register_blueprint(devices_bp)
    app.register_blueprint(admin.bp)
