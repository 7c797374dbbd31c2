"""The Event (one Ngày hội site), its dashboard, big screen and live channel."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.events import sockets  # noqa: F401  (registers Socket.IO handlers)
    from kiosk.events.routes import bp, event_bp
    from kiosk.programme.routes import bp as programme_bp

    app.register_blueprint(bp)
    app.register_blueprint(event_bp)
    app.register_blueprint(programme_bp)
