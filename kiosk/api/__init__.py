"""/api/v1: JSON, thin over the services, documented in openapi.py."""

from flask import Flask


def init_app(app: Flask) -> None:
    from kiosk.api import awards, delegates, forum, gifts, offline, programme, reports  # noqa: F401  (routes on event_api)
    from kiosk.api.routes import api, event_api
    from kiosk.extensions import csrf

    # Token-authenticated calls carry no CSRF token; cookie-authenticated ones are
    # checked in the blueprint's own before_request instead.
    for blueprint in (api, event_api):
        csrf.exempt(blueprint)
        app.register_blueprint(blueprint)
