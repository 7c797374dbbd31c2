"""After the day: the results report, the overview of several sites, the audit
trail, phần hội counters and backups."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.reports.routes import bp, overview_bp

    app.register_blueprint(bp)
    app.register_blueprint(overview_bp)
