from __future__ import annotations

import io
from datetime import timedelta
from urllib.parse import urlsplit

import qrcode
import qrcode.image.svg
from flask import (Blueprint, abort, current_app, flash, g, redirect, render_template, request, send_file, session,
                   url_for)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from markupsafe import Markup

from kiosk import certificates
from kiosk.auth import service
from kiosk.auth.access import requires
from kiosk.auth import limits
from kiosk.auth.roles import STATIONS, Permission
from kiosk.database import utcnow
from kiosk.events.service import event_blueprint
from kiosk.transactions import writing

bp = Blueprint("auth", __name__)
devices_bp = event_blueprint("devices", __name__)

PAIRED_DAYS = 30  # how long a paired tablet stays signed in, browser restarts included (revoking ends it at once)
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def qr_svg(text: str) -> Markup:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10, border=3)
    return Markup(image.to_string(encoding="unicode"))


def tablets_cannot_reach() -> bool:
    """This page was opened at the laptop's own address: a QR code of it is no use to a tablet."""
    host = (urlsplit(request.host_url).hostname or "").lower()
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def safe_next(target: str | None) -> str:
    """Only a path on this server: never send a tablet to another site after login."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    return url_for("events.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        username = request.form.get("username", "")
        attempt = limits.reserve_attempt(username)
        if not isinstance(attempt, limits.LoginAttempt):  # even the right password waits now
            return limits.too_many_attempts(attempt)
        user = service.authenticate(username, request.form.get("password", ""))
        if user is None:
            flash(_("Tên đăng nhập hoặc mật khẩu không đúng."), "error")
            return render_template("auth/login.html"), 401
        with writing():  # one write: the attempt was no failure, and when the account last signed in
            limits.forget_attempt(attempt)
            service.note_login(user)
        login_user(user, remember=True)
        return redirect(safe_next(request.args.get("next")))
    if current_user.is_authenticated:
        return redirect(safe_next(request.args.get("next")))
    return render_template("auth/login.html")


@bp.post("/logout")
def logout():
    logout_user()
    return redirect(url_for("auth.login"))


@bp.route("/ca.crt")
def ca_certificate():
    """The kiosk's local certificate authority, for tablets to trust (see /https). Public."""
    path = certificates.ca_certificate_path(current_app.instance_path)
    if not path.exists():
        abort(404)
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    der = x509.load_pem_x509_certificate(path.read_bytes()).public_bytes(Encoding.DER)
    return send_file(io.BytesIO(der), mimetype="application/x-x509-ca-cert", as_attachment=True,
                     download_name="ngay-hoi-kiosk-ca.crt", max_age=0)


@bp.route("/https")
def https_help():
    """How a tablet trusts the kiosk's certificate, with a QR code of /ca.crt."""
    folder = current_app.instance_path
    ready = certificates.ca_certificate_path(folder).exists()
    url = url_for("auth.ca_certificate", _external=True)
    return render_template("auth/https.html", ready=ready, url=url, qr=qr_svg(url) if ready else None,
                           fingerprint=certificates.ca_fingerprint(folder), ca_name=certificates.CA_NAME,
                           unreachable=tablets_cannot_reach())


PAIRING_SESSION_KEY = "pairing"  # the organizer's browser keeps the code its QR shows until it is used


@devices_bp.route("/devices")
@requires(Permission.RUN_EVENT)
def devices():
    """Pair a tablet by QR code for one station, see the paired ones, revoke."""
    now = utcnow()
    listed = service.devices_of(g.event)
    pairing = None
    shown = session.get(PAIRING_SESSION_KEY) or {}
    waiting = next((d for d in listed if d.id == shown.get("device") and d.status(now) == "waiting"), None)
    if waiting is not None and shown.get("event") == g.event.id:
        url = url_for("devices.pair", code=shown["code"], _external=True)
        pairing = {"device": waiting, "url": url, "qr": qr_svg(url)}
    elif shown:
        session.pop(PAIRING_SESSION_KEY, None)
    return render_template("auth/devices.html", event=g.event, devices=listed, now=now, stations=STATIONS,
                           pairing=pairing, minutes=service.PAIRING_MINUTES, unreachable=tablets_cannot_reach())


@devices_bp.post("/devices")
@requires(Permission.RUN_EVENT)
def start_pairing():
    try:
        device, code = service.start_pairing(g.event, request.form.get("name", ""), request.form.get("station", ""),
                                             created_by=current_user.name)
    except service.AccountError as error:
        flash(_(str(error)), "error")
        return redirect(url_for("devices.devices"))
    session[PAIRING_SESSION_KEY] = {"event": g.event.id, "device": device.id, "code": code}
    return redirect(url_for("devices.devices") + "#pairing")


@devices_bp.post("/devices/<int:device_id>/revoke")
@requires(Permission.RUN_EVENT)
def revoke(device_id: int):
    device = service.revoke_device(g.event, device_id, revoked_by=current_user.name)
    if device is None:
        abort(404)
    flash(_("Đã thu hồi thiết bị “%(name)s”.", name=device.name), "success")
    return redirect(url_for("devices.devices"))


@devices_bp.route("/pair/<code>")
def pair(code: str):
    """A tablet's camera opened the pairing QR code: it becomes that device, for good, on its station's page."""
    try:
        device = service.pair_device(g.event, code)
    except service.PairingError as error:
        return render_template("errors/error.html", code=400, message=str(error)), 400
    login_user(device, remember=True, duration=timedelta(days=PAIRED_DAYS))
    return redirect(url_for(device.work.landing, slug=g.event.slug))
