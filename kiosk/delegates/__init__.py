"""Delegates, QR invitations and badges, check-in at the gate, the MC's introduction."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.delegates.routes import bp

    app.register_blueprint(bp)
