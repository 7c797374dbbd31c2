"""Property tests of the signed codes (NHK1 badges, NHQ1 gift slips) through the
real services on a real SQLite database: whatever is done to a code (one
character changed, cut short, lengthened, its case changed, its scheme swapped)
it never checks anyone in nor hands out a gift, and nothing is written; a valid
code of another event is recognised as such; a valid code always parses back to
its fields."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from kiosk.delegates import codes
from kiosk.delegates import service as delegates
from kiosk.delegates.models import CheckInScan, Delegate
from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.gifts import service as gifts
from kiosk.gifts.models import GiftHandout, GiftRecipient
from tests.conftest import make_test_app
from tests.factories import make_delegates, make_event

PROPERTY = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture
def venue(sqlite_url, tmp_path):
    """Two events, each with a delegate and a gift recipient given a package; an app context held."""
    app = make_test_app(sqlite_url, tmp_path)
    with app.app_context():
        made = {}
        for slug in ("cam-tan", "eo-le"):
            event = make_event(slug)
            delegate = make_delegates(event, ["Nguyễn Văn An"])[0]
            package = gifts.create_package(event, {"name": "Suất quà", "unit_value": 500_000, "quantity": 5})
            recipient = gifts.add_recipient(event, {"name": "Hộ bà Lê Thị Hoa"})
            gifts.allocate(event, recipient.id, package.id)
            made[slug] = {"badge": delegates.code_for(event, delegate), "slip": gifts.code_for(event, recipient)}
        yield made
        db.session.remove()
        for engine in db.engines.values():
            engine.dispose()


def counts() -> dict:
    """Every row a check-in or a hand-out could write or change."""
    return {
        "checked_in": db.session.scalar(select(func.count()).where(Delegate.checked_in_at.is_not(None))),
        "scans_naming_someone": db.session.scalar(select(func.count()).select_from(CheckInScan)
                                                  .where(CheckInScan.delegate_id.is_not(None))),
        "scans": db.session.scalar(select(func.count()).select_from(CheckInScan)),
        "handed": db.session.scalar(select(func.count()).where(GiftRecipient.handed_at.is_not(None))),
        "hand_outs": db.session.scalar(select(func.count()).select_from(GiftHandout)),
    }


def tamperings(code: str):
    """Everything done to a code that must not leave it valid."""
    n = len(code)
    letters = [i for i, ch in enumerate(code) if ch.isalpha()]
    one_changed = st.tuples(st.integers(0, n - 1), st.characters()).filter(
        lambda change: code[change[0]] != change[1]).map(lambda c: code[:c[0]] + c[1] + code[c[0] + 1:])
    # Added text that is not only spaces: a scanner's spaces and Enter around a code are the same code.
    added = st.text(min_size=1, max_size=20).filter(lambda text: text.strip())
    return st.one_of(
        one_changed,
        st.integers(0, n - 1).map(lambda k: code[:k]),  # cut short
        st.integers(1, n - 1).map(lambda k: code[k:]),  # its start lost
        added.map(lambda text: code + text),
        added.map(lambda text: text + code),
        st.sampled_from([str.lower, str.upper, str.swapcase]).map(lambda change: change(code)),
        st.sampled_from(letters).map(lambda i: code[:i] + code[i].swapcase() + code[i + 1:]),
        st.just(code.replace("NHK1", "NHQ1", 1) if code.startswith("NHK1") else code.replace("NHQ1", "NHK1", 1)),
    )


@PROPERTY
@given(data=st.data())
def test_a_tampered_badge_never_checks_in(venue, data):
    tampered = data.draw(tamperings(venue["cam-tan"]["badge"]))
    assume(tampered.strip() != venue["cam-tan"]["badge"])
    event = find_event("cam-tan")
    before = counts()
    answer = delegates.check_in(event, code=tampered, device="Cổng 1")
    assert answer["status"] == "invalid" and answer["delegate"] is None
    after = counts()
    # Only the refused scan itself is logged, naming nobody.
    assert after == {**before, "scans": before["scans"] + 1}
    last = db.session.scalar(select(CheckInScan).order_by(CheckInScan.id.desc()).limit(1))
    assert (last.status, last.delegate_id) == ("invalid", None)


@PROPERTY
@given(data=st.data())
def test_a_tampered_slip_never_hands_out_a_gift(venue, data):
    tampered = data.draw(tamperings(venue["cam-tan"]["slip"]))
    assume(tampered.strip() != venue["cam-tan"]["slip"])
    event = find_event("cam-tan")
    before = counts()
    answer = gifts.handout(event, code=tampered, desk="Bàn 1", actor="Cán bộ")
    assert answer["status"] == "invalid" and answer["recipient"] is None
    assert counts() == before


@PROPERTY
@given(data=st.data())
def test_a_badge_is_no_slip_and_a_slip_no_badge(venue, data):
    """Even untouched, a code of the other kind opens nothing, whichever event it comes from."""
    slug = data.draw(st.sampled_from(["cam-tan", "eo-le"]))
    event = find_event("cam-tan")
    before = counts()
    assert gifts.handout(event, code=venue[slug]["badge"], desk="Bàn 1")["status"] == "invalid"
    assert delegates.check_in(event, code=venue[slug]["slip"])["status"] == "invalid"
    assert counts() == {**before, "scans": before["scans"] + 1}


@PROPERTY
@given(padding=st.sampled_from(["", " ", "\n", "\r\n", "\t "]), which=st.sampled_from(["badge", "slip"]))
def test_another_events_valid_code_is_recognised_and_refused(venue, padding, which):
    event = find_event("cam-tan")
    code = padding + venue["eo-le"][which] + padding
    before = counts()
    if which == "badge":
        answer = delegates.check_in(event, code=code)
        assert answer["status"] == "wrong_event" and "sự kiện khác" in answer["message"]
        assert counts() == {**before, "scans": before["scans"] + 1}
    else:
        answer = gifts.handout(event, code=code, desk="Bàn 1")
        assert answer["status"] == "wrong_event" and "sự kiện khác" in answer["message"]
        assert counts() == before


def test_the_untouched_codes_still_work(venue):
    """The other side of the properties above: after all that, the real badge and slip are accepted, once."""
    event = find_event("cam-tan")
    assert delegates.check_in(event, code=f" {venue['cam-tan']['badge']}\n")["status"] == "ok"
    assert delegates.check_in(event, code=venue["cam-tan"]["badge"])["status"] == "already_checked_in"
    assert gifts.handout(event, code=venue["cam-tan"]["slip"], desk="Bàn 1")["status"] == "ok"
    assert gifts.handout(event, code=venue["cam-tan"]["slip"], desk="Bàn 2")["status"] == "already_handed"


BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


@settings(max_examples=300, deadline=None)
@given(prefix=st.text(BASE32, min_size=8, max_size=8), badge=st.text(BASE32, min_size=10, max_size=10),
       version=st.integers(0, 999_999), scheme=st.sampled_from([codes.BADGE, codes.GIFT_SLIP]),
       seed=st.binary(min_size=32, max_size=32).map(bytes.hex))
def test_a_valid_code_parses_back_to_its_fields(prefix, badge, version, scheme, seed):
    code = codes.make_code(seed, prefix, badge, version, scheme=scheme)
    parsed = codes.parse(code, scheme)
    assert (parsed.event_prefix, parsed.badge_id, parsed.version) == (prefix, badge, version)
    assert codes.signature_valid(seed, parsed)
    assert codes.parse(code, codes.GIFT_SLIP if scheme == codes.BADGE else codes.BADGE) is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reissued=st.integers(0, 3))
def test_only_the_latest_badge_checks_in(venue, reissued):
    """Through the services: a delegate's badge reissued k times; every older code is revoked."""
    event = find_event("cam-tan")
    delegate = make_delegates(event, ["Trần Thị Bình"])[0]
    issued = [delegates.code_for(event, delegate)]
    for _ in range(reissued):
        issued.append(delegates.reissue_code(event, delegate.id))
    for old in issued[:-1]:
        assert delegates.check_in(event, code=old)["status"] == "revoked"
    answer = delegates.check_in(event, code=issued[-1])
    assert answer["status"] == "ok" and answer["delegate"]["id"] == delegate.id
