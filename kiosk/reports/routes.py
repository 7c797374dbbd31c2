from __future__ import annotations

from flask import Blueprint, g, render_template, request
from flask_login import current_user

from kiosk import live
from kiosk.auth.access import requires
from kiosk.auth.roles import Permission
from kiosk.events import service as events
from kiosk.events.service import event_blueprint
from kiosk.reports import audit, service
from kiosk.web import file_response

bp = event_blueprint("reports", __name__)
overview_bp = Blueprint("overview", __name__)


@bp.route("/counters")
@requires(Permission.COUNT_VISITORS)
def counters():
    """A phần hội station's tablet: one tap per person served."""
    state = live.current_state(g.event, current_user)
    return render_template("reports/counters.html", event=g.event, state=state)


@bp.route("/audit")
@requires(Permission.RUN_EVENT)
def audit_trail():
    area = request.args.get("area") or None
    action = request.args.get("action") or None
    changes = audit.trail(g.event, area=area, actor=request.args.get("actor") or None,
                          query=request.args.get("q", ""), installation=current_user.can(Permission.MANAGE_INSTALLATION))
    # The filters' values are codes; their dropdowns show the words (the actions: those of the changes shown).
    actions = audit.actions_for(changes)
    if action:
        changes = [c for c in changes if c.action == action]
    return render_template("reports/audit.html", event=g.event, changes=[c.row(g.event) for c in changes[:2000]],
                           count=len(changes), areas=audit.AREAS, area=area or "", actions=actions,
                           action=action or "", actor=request.args.get("actor", ""), query=request.args.get("q", ""))


@bp.route("/report.pdf")
@requires(Permission.RUN_EVENT)
def report_pdf():
    return file_response(service.pdf(g.event), f"bao-cao-{g.event.slug}.pdf")


@bp.route("/report.xlsx")
@requires(Permission.RUN_EVENT)
def report_xlsx():
    return file_response(service.xlsx(g.event), f"bao-cao-{g.event.slug}.xlsx")


def visible_events():
    return [e for e in events.all_events() if current_user.can(Permission.RUN_EVENT, e)]


@overview_bp.route("/overview")
@requires(Permission.RUN_EVENT)  # desks, the MC and screens have no site to sum up
def overview():
    """Several sites at once, for a district or province team: a row each and totals."""
    rows = service.overview(visible_events())
    totals = {key: sum(r[key] for r in rows) for key in service.TOTALS}
    return render_template("reports/overview.html", rows=rows, totals=totals, event=None)


@overview_bp.route("/overview.xlsx")
@requires(Permission.RUN_EVENT)
def overview_xlsx():
    return file_response(service.overview_xlsx(service.overview(visible_events())), "tong-hop-cac-diem.xlsx")
