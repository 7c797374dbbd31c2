"""Awards: decisions, recipients, stage batches and the hand-out on stage."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.awards.routes import bp

    app.register_blueprint(bp)
