"""The ceremony's programme: run-of-show, live control, MC page, printing."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.programme.routes import bp

    app.register_blueprint(bp)
