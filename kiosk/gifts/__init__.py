"""Gifts: packages, recipients, hand-out without double-giving, the receipt list."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.gifts.routes import bp

    app.register_blueprint(bp)
