"""The Event (one Ngày hội site), its dashboard, big screen and live channel."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.events.routes import bp, event_bp

    app.register_blueprint(bp)
    app.register_blueprint(event_bp)
