"""Tablets paired by QR code: each does one station's work, the code opens one
tablet once and expires, and revoking stops the tablet at once, live channel too."""

import re
from datetime import timedelta

import pytest

from kiosk.auth import service as accounts
from kiosk.auth.models import PairedDevice
from kiosk.auth.roles import GRANTS, STATIONS, Permission
from kiosk.database import utcnow
from kiosk.delegates.models import Delegate
from kiosk.extensions import db
from kiosk.reports import audit
from tests.factories import login, make_delegates, make_event, make_user


@pytest.fixture
def venue(app):
    with app.app_context():
        event = make_event("cam-tan")
        make_event("eo-le")
        delegate = make_delegates(event, ["Nguyễn Văn An"])[0]
        organizer = make_user("organizer", username="btc")
        desk = make_user("desk")
    return {"event": event, "delegate": delegate, "organizer": organizer, "desk": desk}


def show_pairing_qr(client, name="Cổng 1", station="checkin", slug="cam-tan") -> str:
    """The organizer asks for a pairing code; returns the URL under the QR code."""
    response = client.post(f"/e/{slug}/devices", data={"name": name, "station": station})
    assert response.status_code == 302 and response.headers["Location"].endswith("/devices#pairing")
    page = client.get(f"/e/{slug}/devices").get_data(as_text=True)
    assert '<div class="pairing-qr" id="pairing-qr"><svg' in page
    return re.search(r'<code id="pairing-url">([^<]+)</code>', page).group(1)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def organizer(client, venue):
    login(client, venue["organizer"])
    return client


@pytest.fixture
def gate(app, organizer):
    """A tablet paired as the check-in gate "Cổng 1"."""
    tablet = app.test_client()
    response = tablet.get(path_of(show_pairing_qr(organizer)))
    assert response.status_code == 302 and response.headers["Location"] == "/e/cam-tan/checkin"
    return tablet


def test_every_station_is_a_share_of_its_role_with_a_real_landing_page(app):
    for key, station in STATIONS.items():
        assert station.permissions <= GRANTS[station.role], key
        assert Permission.VIEW_SCREEN in station.permissions
        assert station.landing in app.view_functions, key
    assert Permission.RUN_EVENT not in set().union(*(s.permissions for s in STATIONS.values()))


def test_the_gate_tablet_checks_in_and_nothing_else(app, gate, venue):
    page = gate.get("/e/cam-tan/checkin")
    assert page.status_code == 200 and '<strong id="device-name">Cổng 1</strong>' in page.get_data(as_text=True)
    for path in ["/e/cam-tan/gifts/desk", "/e/cam-tan/awards/stage", "/e/cam-tan/counters",
                 "/e/cam-tan/programme", "/e/cam-tan/", "/e/cam-tan/devices", "/e/cam-tan/delegates",
                 "/e/cam-tan/mc", "/e/eo-le/checkin"]:
        assert gate.get(path).status_code == 403, path
    assert gate.get("/e/cam-tan/screen").status_code == 200
    for method, path in [("get", "/api/v1/events/cam-tan/dashboard"), ("get", "/api/v1/events/cam-tan/gifts"),
                         ("post", "/api/v1/events/cam-tan/gifts/1/handout"),
                         ("post", "/api/v1/events/cam-tan/awards/1/handout"),
                         ("post", "/api/v1/events/cam-tan/programme/commands"),
                         ("post", "/api/v1/events/eo-le/checkins")]:
        response = getattr(gate, method)(path, json={})
        assert response.status_code == 403 and response.json["error"] == "forbidden", path
    # Its check-ins are recorded at its own name, whatever the page sends.
    answer = gate.post("/api/v1/events/cam-tan/checkins", json={"delegate_id": venue["delegate"].id,
                                                                 "device": "Bàn giả"})
    assert answer.status_code == 200 and answer.json["status"] == "ok"
    with app.app_context():
        delegate = db.session.get(Delegate, venue["delegate"].id)
        assert delegate.checked_in_device == "Cổng 1"


def test_desk_accounts_keep_every_desk(client, venue):
    login(client, venue["desk"])
    for path in ["/e/cam-tan/checkin", "/e/cam-tan/gifts/desk", "/e/cam-tan/awards/stage", "/e/cam-tan/counters"]:
        assert client.get(path).status_code == 200, path
    assert client.get("/e/cam-tan/devices").status_code == 403


@pytest.mark.parametrize("station, landing, refused", [
    ("gifts", "/e/cam-tan/gifts/desk", "/e/cam-tan/checkin"),
    ("awards", "/e/cam-tan/awards/stage", "/e/cam-tan/gifts/desk"),
    ("counters", "/e/cam-tan/counters", "/e/cam-tan/awards/stage"),
    ("mc", "/e/cam-tan/mc", "/e/cam-tan/checkin"),
    ("screen", "/e/cam-tan/screen", "/e/cam-tan/mc"),
])
def test_each_station_lands_on_its_page(app, organizer, station, landing, refused):
    tablet = app.test_client()
    response = tablet.get(path_of(show_pairing_qr(organizer, name="Máy 2", station=station)))
    assert response.headers["Location"] == landing
    assert tablet.get(landing).status_code == 200
    assert tablet.get(refused).status_code == 403


def test_the_tablet_stays_signed_in_after_the_browser_restarts(app, organizer):
    tablet = app.test_client()
    response = tablet.get(path_of(show_pairing_qr(organizer)))
    remember = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")]
    assert remember and "HttpOnly" in remember[0]
    expires = re.search(r"Expires=([^;]+)", remember[0]).group(1)
    from email.utils import parsedate_to_datetime

    assert parsedate_to_datetime(expires) - utcnow() > timedelta(days=29)
    tablet.delete_cookie("session")  # what closing the browser does; the remember cookie stays
    assert tablet.get("/e/cam-tan/checkin").status_code == 200


def test_the_pairing_code_opens_one_tablet_once(app, organizer):
    url = path_of(show_pairing_qr(organizer))
    assert app.test_client().get(url).status_code == 302
    second = app.test_client().get(url)
    assert second.status_code == 400
    assert "Mã ghép thiết bị không đúng hoặc đã được dùng." in second.get_data(as_text=True)
    # Once used, the organizer's page drops the QR code and lists the tablet as in use.
    page = organizer.get("/e/cam-tan/devices").get_data(as_text=True)
    assert 'id="pairing-qr"' not in page
    assert re.search(r'data-status="paired">\s*<td><strong>Cổng 1</strong>', page)


def test_the_pairing_code_expires(app, organizer, monkeypatch):
    url = path_of(show_pairing_qr(organizer))
    later = utcnow() + timedelta(minutes=accounts.PAIRING_MINUTES, seconds=1)
    monkeypatch.setattr(accounts, "utcnow", lambda: later)
    tablet = app.test_client()
    response = tablet.get(url)
    assert response.status_code == 400
    assert "Mã ghép thiết bị đã hết hạn." in response.get_data(as_text=True)
    assert tablet.get("/e/cam-tan/checkin").status_code == 302  # to the login page: nothing opened


def test_a_code_opens_nothing_at_another_event_nor_when_guessed(app, organizer):
    url = path_of(show_pairing_qr(organizer))
    assert app.test_client().get(url.replace("/cam-tan/", "/eo-le/")).status_code == 400
    assert app.test_client().get("/e/cam-tan/pair/doan-bua").status_code == 400
    assert app.test_client().get(url).status_code == 302  # still good for its own event


def test_codes_are_stored_hashed(app, organizer):
    url = path_of(show_pairing_qr(organizer))
    code = url.rsplit("/", 1)[1]
    with app.app_context():
        stored = db.session.scalars(db.select(PairedDevice.pairing_code_hash)).all()
    assert code not in stored and len(stored) == 1


def test_refused_pairing_requests(app, organizer):
    for data, message in [({"name": " ", "station": "checkin"}, "Đặt tên cho thiết bị (ví dụ: Cổng 1)."),
                          ({"name": "Cổng 1", "station": "organizer"}, "Chọn việc của thiết bị.")]:
        organizer.post("/e/cam-tan/devices", data=data)
        assert message in organizer.get("/e/cam-tan/devices").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(PairedDevice)) == 0


def test_only_organizers_of_the_event_pair_and_revoke(app, client, venue):
    with app.app_context():
        other = make_user("organizer", event=make_event("xa-khac"))
        device, _code = accounts.start_pairing(venue["event"], "Cổng 1", "checkin")
    login(client, venue["desk"])
    assert client.get("/e/cam-tan/devices").status_code == 403
    assert client.post("/e/cam-tan/devices", data={"name": "X", "station": "mc"}).status_code == 403
    login(client, other)
    assert client.get("/e/cam-tan/devices").status_code == 403
    assert client.post(f"/e/cam-tan/devices/{device.id}/revoke").status_code == 403
    assert client.post(f"/e/xa-khac/devices/{device.id}/revoke").status_code == 404  # not that event's tablet
    with app.app_context():
        assert db.session.get(PairedDevice, device.id).revoked_at is None


def test_revoking_stops_the_tablet_at_once(app, organizer, gate, venue):
    assert gate.get("/e/cam-tan/checkin").status_code == 200
    with app.app_context():
        device_id = db.session.scalar(db.select(PairedDevice.id))
    response = organizer.post(f"/e/cam-tan/devices/{device_id}/revoke")
    assert response.status_code == 302
    page = organizer.get("/e/cam-tan/devices").get_data(as_text=True)
    assert "Đã thu hồi thiết bị “Cổng 1”." in page
    assert re.search(r'data-status="revoked">\s*<td><strong>Cổng 1</strong>', page)

    refused = gate.get("/e/cam-tan/checkin")
    assert refused.status_code == 403
    assert "Thiết bị đã bị thu hồi" in refused.get_data(as_text=True)
    api = gate.post("/api/v1/events/cam-tan/checkins", json={"delegate_id": venue["delegate"].id})
    assert api.status_code == 403 and api.json["error"] == "device_revoked"
    assert gate.get("/e/cam-tan/checkin").status_code == 403  # and it stays refused on reload
    with app.app_context():
        assert db.session.get(Delegate, venue["delegate"].id).checked_in_at is None
        trail = audit.trail(venue["event"], area="devices")
        assert [(c.action, c.subject, c.actor) for c in trail] == [("revoked", "Cổng 1", "btc"),
                                                                   ("paired", "Cổng 1", "btc")]


def test_a_revoked_tablet_can_still_sign_in_with_an_account(app, organizer, gate, venue):
    with app.app_context():
        accounts.revoke_device(venue["event"], db.session.scalar(db.select(PairedDevice.id)))
    login(gate, venue["desk"])
    assert gate.get("/e/cam-tan/gifts/desk").status_code == 200


def test_revoking_closes_the_live_connection_and_refuses_the_next(app, gate, socket_client, venue):
    sio = socket_client(auth={"event": "cam-tan"}, flask_client=gate)
    assert sio.is_connected()
    assert sio.emit("refresh", callback=True) == {"ok": True}
    with app.app_context():
        accounts.revoke_device(venue["event"], db.session.scalar(db.select(PairedDevice.id)), revoked_by="btc")
    assert not sio.is_connected()
    again = socket_client(auth={"event": "cam-tan"}, flask_client=gate)
    assert not again.is_connected()


def test_a_waiting_code_can_be_cancelled(app, organizer):
    url = path_of(show_pairing_qr(organizer))
    with app.app_context():
        device_id = db.session.scalar(db.select(PairedDevice.id))
    organizer.post(f"/e/cam-tan/devices/{device_id}/revoke")
    assert app.test_client().get(url).status_code == 400
    assert 'id="pairing-qr"' not in organizer.get("/e/cam-tan/devices").get_data(as_text=True)


def test_last_seen_is_kept_at_most_once_a_minute(app, gate, monkeypatch):
    with app.app_context():
        paired = db.session.scalar(db.select(PairedDevice))
    assert paired.last_seen_at == paired.paired_at
    gate.get("/e/cam-tan/checkin")
    with app.app_context():
        assert db.session.scalar(db.select(PairedDevice)).last_seen_at == paired.paired_at
    later = utcnow() + timedelta(minutes=5)
    monkeypatch.setattr(accounts, "utcnow", lambda: later)
    gate.get("/e/cam-tan/checkin")
    with app.app_context():
        assert db.session.scalar(db.select(PairedDevice)).last_seen_at == later
