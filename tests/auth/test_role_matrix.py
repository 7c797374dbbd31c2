"""The role matrix: every route of the app (every page, every /api/v1 call,
every method) and every Socket.IO event, called by every kind of caller, gets
the answer the permission table says.

What a route requires is read from the route itself (`requires(...)` and
`socket_requires(...)` record it on the view), and what each caller holds from
GRANTS (roles.py) and STATIONS (paired tablets): the expected answer is derived
here, never by asking the code under test. A route that records no permission
and is not in PUBLIC below fails the walk: a new route must say who may call it.
"""

from __future__ import annotations

import inspect
import json
import re
from dataclasses import dataclass

import pytest

from kiosk.auth import service as accounts
from kiosk.auth.access import FORBIDDEN_SOCKET
from kiosk.auth.roles import GRANTS, STATIONS, Permission, Role
from kiosk.extensions import socketio
from tests.factories import fill_event, login, make_event, make_user

# Routes anyone may call, and why. Nothing else may lack a recorded permission.
PUBLIC = {
    "static": "the pages' scripts, styles and fonts",
    "auth.login": "the login page itself",
    "auth.logout": "ends whatever session there is",
    "auth.ca_certificate": "the kiosk's public CA certificate, for tablets to trust",
    "auth.https_help": "how to trust that certificate",
    "event.open_link": "a screen's or MC's unguessable link key is its own credential",
    "devices.pair": "a one-time pairing code is its own credential",
    "forum.opinion": "citizens send opinions without an account",
    "forum.opinion_qr": "the QR code of that page, on the poster",
    "forum.survey": "citizens answer the survey without an account",
    "event_api.send_opinion": "the same, as JSON",
    "event_api.survey_questions": "the survey's questions",
    "event_api.send_survey": "the survey's answers",
    "api.ping": "the benchmarks' baseline",
    "api.openapi": "the API's description",
    "offline.service_worker": "the script that keeps pages open offline",
}
# Socket.IO: connecting is refused inline (kiosk/events/sockets.py) without VIEW_SCREEN for the event.
SOCKET_CONNECT_PERMISSION = Permission.VIEW_SCREEN
SOCKET_EXEMPT = {"connect", "disconnect"}

METHOD_ORDER = {"GET": 0, "POST": 1, "PUT": 2, "PATCH": 3, "DELETE": 4}  # deletions last: the rest still finds rows


@dataclass(frozen=True)
class Caller:
    role: Role | None  # None: nobody signed in
    how: str  # login (session cookie), link (screen/MC link), token (API Bearer), device (paired tablet), none
    scope: str | None = None  # "event": the seeded event only; "other": another event only; None: every event
    station: str | None = None  # a paired tablet's station (roles.STATIONS)


CALLERS = {
    "anonymous": Caller(None, "none"),
    "admin": Caller(Role.ADMIN, "login"),
    "organizer": Caller(Role.ORGANIZER, "login"),
    "desk": Caller(Role.DESK, "login"),
    "mc": Caller(Role.MC, "login"),
    "screen": Caller(Role.SCREEN, "login"),
    "screen_link": Caller(Role.SCREEN, "link", scope="event"),
    "mc_link": Caller(Role.MC, "link", scope="event"),
    "organizer_of_another_event": Caller(Role.ORGANIZER, "login", scope="other"),
    "desk_api_token": Caller(Role.DESK, "token"),
    **{f"paired_{name}": Caller(station.role, "device", scope="event", station=name)
       for name, station in STATIONS.items()},
}


def held(caller: Caller) -> frozenset[Permission]:
    return STATIONS[caller.station].permissions if caller.station else GRANTS[caller.role]


def expected_allowed(caller: Caller, permission: Permission, event_route: bool) -> bool:
    """What the tables say: the permission is held, and for an event's route the
    caller is not limited to another event (an admin never is)."""
    if caller.role is None or permission not in held(caller):
        return False
    if not event_route or caller.scope is None or caller.role == Role.ADMIN:
        return True
    return caller.scope == "event"


# ---------------------------------------------------------------- the seeded event and URLs

ID_ARGUMENTS = {"item_id": "item_id", "delegate_id": "delegate_id", "decision_id": "decision_id",
                "form_id": "form_id", "batch_id": "batch_id", "package_id": "package_id",
                "activity_id": "activity_id", "message_id": "message_id", "opinion_id": "opinion_id"}
OTHER_ARGUMENTS = {
    "conflict_id": 999999,  # none recorded: an allowed caller gets 404
    "device_id": 999999,
    "user_id": 999999,  # the access page's accounts, tokens and links: none such, 404 for the admin
    "token_id": 999999,
    "link_id": 999999,
    "kind": "khong-co",
    "token": "0" * 32,
    "key": "khong-phai-khoa",
    "code": "khong-phai-ma",
    "filename": "css/app.css",
    "name": "khong-co.mp4",
}


def url_values(rule, slug: str, ids: dict) -> dict:
    values = {}
    for argument in rule.arguments:
        if argument == "slug":
            values[argument] = slug
        elif argument == "recipient_id":
            values[argument] = ids["gift_recipient_id" if "gift" in rule.rule else "award_recipient_id"]
        elif argument in ID_ARGUMENTS:
            values[argument] = ids[ID_ARGUMENTS[argument]]
        elif argument in OTHER_ARGUMENTS:
            values[argument] = OTHER_ARGUMENTS[argument]
        else:
            pytest.fail(f"{rule.rule}: no value for <{argument}>; add one to tests/auth/test_role_matrix.py")
    return values


def calls(app):
    """(endpoint, rule, method) for every route and method, GET first, DELETE last."""
    found = [(rule.endpoint, rule, method) for rule in app.url_map.iter_rules()
             for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return sorted(found, key=lambda c: (METHOD_ORDER.get(c[2], 9), c[1].rule))


def url_for_rule(rule, values: dict) -> str:
    return rule.build(values)[1]


@pytest.fixture
def seeded(app):
    with app.app_context():
        event = make_event("cam-tan")
        other = make_event("eo-le")
        ids = fill_event(event)
    return {"slug": event.slug, "event": event, "other": other, "ids": ids}


def sign_in(app, caller_name: str, seeded) -> tuple:
    """A test client signed in as the caller, and the headers its requests carry."""
    caller = CALLERS[caller_name]
    client = app.test_client()
    headers = {}
    with app.app_context():
        if caller.how == "login":
            event = seeded["other"] if caller.scope == "other" else None
            user = make_user(caller.role, event=event)
        elif caller.how == "token":
            headers["Authorization"] = f"Bearer {accounts.issue_token(make_user(caller.role))}"
        elif caller.how == "link":
            key = accounts.create_link(seeded["event"], caller.role)
        elif caller.how == "device":
            _device, code = accounts.start_pairing(seeded["event"], f"Máy {caller.station}", caller.station)
    if caller.how == "login":
        login(client, user)
    elif caller.how == "link":
        assert client.get(f"/e/{seeded['slug']}/link/{key}").status_code == 302
    elif caller.how == "device":
        assert client.get(f"/e/{seeded['slug']}/pair/{code}").status_code == 302
    return client, headers


def outcome(response) -> str:
    if response.status_code == 401 or (response.status_code in (301, 302, 303, 307)
                                       and "/login" in response.headers.get("Location", "")):
        return "login"
    if response.status_code == 403:
        return "forbidden"
    if response.status_code >= 500:
        return "error"
    return "through"


def body_for(url: str, method: str) -> dict:
    if method == "GET":
        return {}
    return {"json": {}} if url.startswith("/api/") else {"data": {}}


# ---------------------------------------------------------------- the walk

def test_every_route_names_its_permission_or_is_public(app):
    unnamed, both = [], []
    for endpoint, view in app.view_functions.items():
        permission = getattr(view, "required_permission", None)
        if permission is None and endpoint not in PUBLIC:
            unnamed.append(endpoint)
        if permission is not None:
            assert permission in set(Permission), f"{endpoint}: unknown permission {permission!r}"
            if endpoint in PUBLIC:
                both.append(endpoint)
    assert not unnamed, (f"routes with no recorded permission (use @requires(...)) and not in PUBLIC: "
                         f"{sorted(unnamed)}")
    assert not both, f"routes in PUBLIC that also require a permission: {sorted(both)}"
    assert not set(PUBLIC) - set(app.view_functions), f"PUBLIC names routes that no longer exist: " \
                                                       f"{sorted(set(PUBLIC) - set(app.view_functions))}"


def test_every_socket_event_names_its_permission(app):
    handlers = socketio.server.handlers["/"]
    unnamed = [name for name, handler in handlers.items()
               if name not in SOCKET_EXEMPT and getattr(handler, "required_permission", None) is None]
    assert not unnamed, f"Socket.IO events with no recorded permission (use @socket_requires(...)): {unnamed}"


@pytest.mark.parametrize("caller_name", list(CALLERS))
def test_role_matrix(app, seeded, caller_name):
    caller = CALLERS[caller_name]
    client, headers = sign_in(app, caller_name, seeded)
    wrong, checked = [], 0
    for endpoint, rule, method in calls(app):
        view = app.view_functions[endpoint]
        permission = getattr(view, "required_permission", None)
        url = url_for_rule(rule, url_values(rule, seeded["slug"], seeded["ids"]))
        if permission is None:
            # Public: only the anonymous caller tries it (logout would end the others' session).
            if caller.role is not None:
                continue
            response = client.open(url, method=method, headers=headers, **body_for(url, method))
            checked += 1
            got = outcome(response)
            by_design = endpoint in ("auth.login", "auth.logout")  # a wrong password is 401; logout goes to login
            if got in ("forbidden", "error") or (got == "login" and not by_design):
                wrong.append(f"{method} {url} (public): {response.status_code}")
            continue
        allowed = expected_allowed(caller, permission, "slug" in rule.arguments)
        response = client.open(url, method=method, headers=headers, **body_for(url, method))
        checked += 1
        got = outcome(response)
        if allowed:
            want = {"through"}
        elif caller.role is None:
            want = {"login"}  # pages redirect to the login page, the API answers 401
        else:
            want = {"forbidden"}
        if got not in want:
            wrong.append(f"{method} {url} needs {permission}: {'allowed' if allowed else 'refused'} expected, "
                         f"got {response.status_code} ({got})")
    assert checked > 100
    assert not wrong, f"{caller_name}:\n" + "\n".join(wrong)


def socket_auth(caller: Caller, headers: dict, slug: str) -> dict:
    auth = {"event": slug}
    if caller.how == "token":
        auth["token"] = headers["Authorization"].split(" ", 1)[1]
    return auth


@pytest.mark.parametrize("caller_name", list(CALLERS))
def test_socket_events_matrix(app, seeded, socket_client, caller_name):
    caller = CALLERS[caller_name]
    client, headers = sign_in(app, caller_name, seeded)
    sio = socket_client(auth=socket_auth(caller, headers, seeded["slug"]), flask_client=client)
    assert sio.is_connected() == expected_allowed(caller, SOCKET_CONNECT_PERMISSION, True), "connect"
    if not sio.is_connected():
        return
    handlers = socketio.server.handlers["/"]
    for name, handler in sorted(handlers.items()):
        if name in SOCKET_EXEMPT:
            continue
        permission = handler.required_permission
        payload = ({},) if inspect.signature(handler).parameters else ()  # refresh takes none, commands an object
        answer = sio.emit(name, *payload, callback=True)
        if expected_allowed(caller, permission, True):
            assert answer != FORBIDDEN_SOCKET, f"{name} needs {permission}: allowed expected, got {answer}"
        else:
            assert answer == FORBIDDEN_SOCKET, f"{name} needs {permission}: refused expected, got {answer}"


def test_a_caller_limited_to_another_event_is_let_in_there(app, seeded, socket_client):
    """The other side of "organizer_of_another_event": their own event opens, for pages and live alike."""
    client, _ = sign_in(app, "organizer_of_another_event", seeded)
    assert client.get("/e/eo-le/").status_code == 200
    assert client.get("/e/cam-tan/").status_code == 403
    sio = socket_client(auth={"event": "eo-le"}, flask_client=client)
    assert sio.is_connected()
    assert sio.emit("programme:command", {}, callback=True) != FORBIDDEN_SOCKET


# ---------------------------------------------------------------- what each caller's live connection receives

# Each part of the live state, and the routes that answer the same data over HTTP: a caller's
# socket (and the state a page starts from) may hold a part only if the caller may call one of
# them. The permission is read from the route, never from kiosk/live.py.
PART_ROUTES = {
    "event": ["event_api.event_detail"],
    "attendance": ["event.screen"],
    "programme": ["event_api.programme"],
    "screen": ["event.screen"],
    "activities": ["event.screen"],
    "forum_screen": ["event.screen"],
    "attendance_detail": ["event_api.dashboard"],
    "introduction": ["programme.mc", "event_api.dashboard"],
    "programme_staff": ["programme.mc"],
    "gifts": ["event_api.gifts", "event_api.dashboard"],
    "stage_gifts": ["event_api.gifts", "programme.mc"],
    "awards": ["event_api.awards", "event_api.dashboard"],
    "stage_awards": ["event_api.awards", "programme.mc"],
    "counters": ["reports.counters", "event_api.dashboard"],
    "opinions": ["event_api.dashboard"],
    "survey": ["event_api.survey_results"],
    "forum_queue": ["event_api.list_opinions"],
    "offline_conflicts": ["event_api.offline_conflicts"],
}


def allowed_parts(app, caller: Caller) -> set[str]:
    def may_call(endpoint: str) -> bool:
        return expected_allowed(caller, app.view_functions[endpoint].required_permission, True)

    return {part for part, endpoints in PART_ROUTES.items() if any(may_call(e) for e in endpoints)}


def received_parts(sio) -> set[str]:
    return {name for packet in sio.get_received() if packet["name"] == "state" for name in packet["args"][0]}


def test_every_live_part_has_its_http_counterpart(app):
    from kiosk import live

    assert set(PART_ROUTES) == set(live._parts), "a new part of the live state: name its HTTP counterpart here"
    for endpoints in PART_ROUTES.values():
        for endpoint in endpoints:
            assert getattr(app.view_functions[endpoint], "required_permission", None), endpoint


@pytest.mark.parametrize("caller_name", [name for name, c in CALLERS.items() if c.role is not None])
def test_live_state_matrix(app, seeded, socket_client, caller_name):
    """What a caller's socket receives, on connecting and on a later push, and what
    the pages it may open start from, is exactly what its HTTP permissions allow."""
    from kiosk.events.service import find_event
    from kiosk.forum import service as forum

    caller = CALLERS[caller_name]
    if not expected_allowed(caller, SOCKET_CONNECT_PERMISSION, True):
        return
    client, headers = sign_in(app, caller_name, seeded)
    sio = socket_client(auth=socket_auth(caller, headers, seeded["slug"]), flask_client=client)
    allowed = allowed_parts(app, caller)
    assert received_parts(sio) == allowed, caller_name

    # A citizen's opinion with a phone number: pushed to whoever may moderate, and only to them.
    with app.app_context():
        forum.submit_opinion(find_event("cam-tan"), {"text": "Xin số điện thoại", "phone": "0912 345 678"},
                             device="matrix", address="10.0.0.77")
    pushed = sio.get_received()
    assert {name for packet in pushed if packet["name"] == "state" for name in packet["args"][0]} <= allowed
    assert ("0912 345 678" in str(pushed)) == ("forum_queue" in allowed), caller_name

    # The state a page starts from is held to the same rule.
    for endpoint, rule, method in calls(app):
        view = app.view_functions[endpoint]
        permission = getattr(view, "required_permission", None)
        if method != "GET" or permission is None or rule.rule.startswith("/api/") \
                or not expected_allowed(caller, permission, "slug" in rule.arguments):
            continue
        page = client.get(url_for_rule(rule, url_values(rule, seeded["slug"], seeded["ids"])), headers=headers)
        if not page.content_type.startswith("text/html"):
            continue  # a PDF, a workbook
        found = re.search(r'<script type="application/json" id="initial-state">(.*?)</script>',
                          page.get_data(as_text=True), re.S)
        if found:
            assert set(json.loads(found.group(1))) <= allowed, f"{caller_name} on {rule.rule}"
