"""/api/v1 for offline tablets: the public key that verifies the event's codes
(and never the seed), the lists a desk keeps, queued actions with offline_at,
the conflicts and their settling; the service worker's route."""

import uuid
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from kiosk.database import utcnow
from kiosk.delegates import codes
from kiosk.delegates import service as delegates
from kiosk.events.service import find_event
from kiosk.gifts import service as gifts
from tests.conftest import make_test_app
from tests.factories import login, make_delegates, make_event, make_user


@pytest.fixture
def setup(app):
    with app.app_context():
        event = make_event("cam-tan")
        people = make_delegates(event, ["Phạm Thị Dung", "Hoàng Văn Em"])
        package = gifts.create_package(event, {"name": "Suất quà", "unit_value": 300_000, "quantity": 3})
        recipient = gifts.add_recipient(event, {"name": "Hộ bà Lê Thị Hoa", "package_id": package.id})
        return {"desk": make_user("desk", event), "organizer": make_user("organizer", event),
                "screen": make_user("screen", event), "delegate": people[0].id, "recipient": recipient.id,
                "code": delegates.code_for(event, people[0]), "slip": gifts.code_for(event, recipient)}


def unb64(text: str) -> bytes:
    return codes.unb64(text)


def test_the_code_key_verifies_the_events_badges_and_slips(app, client, setup):
    login(client, setup["desk"])
    key = client.get("/api/v1/events/cam-tan/code-key").json
    assert key["algorithm"] == "Ed25519" and len(unb64(key["public_key"])) == 32
    public = Ed25519PublicKey.from_public_bytes(unb64(key["public_key"]))
    for code, scheme in ((setup["code"], codes.BADGE), (setup["slip"], codes.GIFT_SLIP)):
        body, signature = code.rsplit(".", 1)
        assert body.startswith(f"{scheme}.{key['event_prefix']}.")
        public.verify(unb64(signature), body.encode())  # raises if it does not verify
    with app.app_context():
        seed = find_event("cam-tan").code_seed
    assert seed not in str(key) and key["public_key"] == codes.public_key_b64(seed)


@pytest.mark.parametrize("path", ["code-key", "offline/delegates", "offline/gift-recipients"])
def test_desk_lists_are_for_desks(app, client, setup, path):
    assert client.get(f"/api/v1/events/cam-tan/{path}").status_code == 401
    login(client, setup["screen"])
    assert client.get(f"/api/v1/events/cam-tan/{path}").status_code == 403


def test_the_lists_a_desk_keeps(app, client, setup):
    login(client, setup["desk"])
    people = client.get("/api/v1/events/cam-tan/offline/delegates").json
    assert [d["search_name"] for d in people["delegates"]] == ["pham thi dung", "hoang van em"]
    parsed = codes.parse(setup["code"])
    assert people["delegates"][0]["badge_id"] == parsed.badge_id and people["delegates"][0]["code_version"] == 1
    assert people["key"]["event_prefix"] == parsed.event_prefix
    recipients = client.get("/api/v1/events/cam-tan/offline/gift-recipients").json["recipients"]
    assert recipients[0]["slip_id"] == codes.parse(setup["slip"], codes.GIFT_SLIP).badge_id


def test_queued_actions_carry_offline_at(app, client, setup):
    login(client, setup["desk"])
    made = (utcnow() - timedelta(minutes=4)).isoformat()
    answer = client.post("/api/v1/events/cam-tan/checkins", json={"delegate_id": setup["delegate"], "device": "Cổng 2",
                                                                  "scan_id": "s-1", "offline_at": made}).json
    assert answer["status"] == "ok" and answer["checked_in_at"] == made
    for path, body in (("checkins", {"delegate_id": setup["delegate"]}), ("gifts/handout-by-code", {"code": setup["slip"]}),
                       (f"gifts/{setup['recipient']}/handout", {}), ("walk-ins", {"full_name": "Khách"})):
        refused = client.post(f"/api/v1/events/cam-tan/{path}", json={**body, "offline_at": "sáng nay"})
        assert refused.status_code == 400 and "offline_at" in refused.json["message"]
    walk_in = {"full_name": "Khách Mời", "level": "co_so", "group": "citizen", "honorific": "", "device": "Cổng 2",
               "request_id": "w-1", "offline_at": made}
    first = client.post("/api/v1/events/cam-tan/walk-ins", json=walk_in)
    again = client.post("/api/v1/events/cam-tan/walk-ins", json=walk_in)
    assert first.status_code == again.status_code == 201 and first.json == again.json
    assert first.json["checked_in_at"] == made


def test_a_conflict_through_the_api_and_its_settling(app, client, setup):
    login(client, setup["organizer"])
    handout = f"/api/v1/events/cam-tan/gifts/{setup['recipient']}/handout"
    assert client.post(handout, json={"desk": "Bàn 2"}).json["status"] == "ok"
    body = {"desk": "Bàn 1", "request_id": str(uuid.uuid4()), "offline_at": utcnow().isoformat()}
    conflict = client.post(handout, json=body).json
    assert conflict["status"] == "conflict" and client.post(handout, json=body).json == conflict
    listed = client.get("/api/v1/events/cam-tan/offline-conflicts").json
    assert listed["open"] == 1
    (item,) = listed["items"]
    assert item["details"]["first"]["desk"] == "Bàn 2" and item["details"]["offline"]["desk"] == "Bàn 1"
    assert client.get("/api/v1/events/cam-tan/dashboard").json["offline_conflicts"]["open"] == 1
    resolve = f"/api/v1/events/cam-tan/offline-conflicts/{item['id']}/resolve"
    assert client.post(resolve, json={}).status_code == 400
    assert client.post("/api/v1/events/cam-tan/offline-conflicts/9999/resolve", json={"note": "x"}).status_code == 404
    settled = client.post(resolve, json={"note": "Đã thu hồi"}).json
    assert settled["resolved"] and settled["note"] == "Đã thu hồi" and settled["resolved_by"]
    assert client.get("/api/v1/events/cam-tan/offline-conflicts").json["open"] == 0


def test_desks_cannot_settle_conflicts(app, client, setup):
    login(client, setup["desk"])
    assert client.post("/api/v1/events/cam-tan/offline-conflicts/1/resolve", json={"note": "x"}).status_code == 403


def test_a_queued_opinion_from_the_kiosk_tablet_counts_once(app, client, setup):
    body = {"text": "Đề nghị lắp đèn đường", "request_id": "op-1", "offline_at": utcnow().isoformat()}
    first = client.post("/api/v1/events/cam-tan/opinions", json=body)
    again = client.post("/api/v1/events/cam-tan/opinions", json=body)
    assert first.status_code == again.status_code == 201 and first.json["id"] == again.json["id"]
    assert client.post("/api/v1/events/cam-tan/opinions", json={**body, "request_id": "x" * 65}).status_code == 400


def test_the_service_worker_is_served_from_the_root(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.headers["Service-Worker-Allowed"] == "/" and response.headers["Cache-Control"] == "no-cache"
    assert response.mimetype == "application/javascript"
    text = response.get_data(as_text=True)
    assert text.startswith("self.KIOSK = {") and '"/static/js/outbox.js"' in text and '"/static/css/kiosk.css"' in text
    assert ".map\"" not in text and "addEventListener(\"fetch\"" in text


def test_the_service_worker_changes_with_the_assets(tmp_path):
    from kiosk.offline.routes import worker_source

    (tmp_path / "js").mkdir()
    (tmp_path / "sw.js").write_text("// worker\n")
    (tmp_path / "js" / "a.js").write_text("one")
    before = worker_source(str(tmp_path), ("1",))
    (tmp_path / "js" / "a.js").write_text("two")
    after = worker_source(str(tmp_path), ("2",))
    assert before.split("\n")[0] != after.split("\n")[0] and '"/static/js/a.js"' in after


def test_a_stale_csrf_token_has_its_own_code(database_url, tmp_path):
    app = make_test_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        make_event("cam-tan")
        desk = make_user("desk", find_event("cam-tan"))
    client = app.test_client()
    page = client.get("/login")
    token = page.get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]
    client.post("/login", data={"username": desk.username, "password": "mat-khau-thu-nghiem", "csrf_token": token})
    refused = client.post("/api/v1/events/cam-tan/checkins", json={"delegate_id": 1}, headers={"X-CSRFToken": "cu"})
    assert refused.status_code == 400 and refused.json["error"] == "csrf_failed"
