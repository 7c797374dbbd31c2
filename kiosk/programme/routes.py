from __future__ import annotations

from flask import g, render_template

from kiosk import live
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.events.service import event_blueprint
from kiosk.programme import service

bp = event_blueprint("programme", __name__)


@bp.route("/mc")
@requires(Permission.READ_PROGRAMME)
def mc():
    state = live.current_state(g.event, {live.PUBLIC, live.STAFF})
    return render_template("programme/mc.html", event=g.event, items=service.numbered(g.event), state=state)
