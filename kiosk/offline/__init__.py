"""Tablets cut off from the server: the service worker that keeps the desk
pages and their scripts on the tablet, what a desk needs to work alone (the
delegate and recipient lists, the public half of the event's signing key), and
the conflicts found when queued hand-outs reach the server after another desk
made the same one."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.offline.routes import bp

    app.register_blueprint(bp)
