"""Protocol of presenters (issue #17, point 8): each batch is handed by a
leader of the level that decided the award; the organizer may choose
another, the page then warns, and the choice holds until the plan is redone."""

import re
from collections import Counter
from pathlib import Path

import pytest

from kiosk.awards import protocol, service
from kiosk.awards.models import DEFAULT_AWARD_FORMS
from kiosk.delegates.service import add_delegate, check_in
from kiosk.demo import build_demo
from kiosk.events.service import find_event
from kiosk.transactions import writing
from tests.factories import login, make_event, make_user

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


# ---------------------------------------------------------------- the level of a decision (pure)

@pytest.mark.parametrize("text, level", [
    # The default forms (kiosk.awards.models, DOMAIN.md), highest first.
    ("Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”", "trung_uong"),
    ("Bằng khen của Bộ trưởng Bộ Công an", "trung_uong"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "tinh"),
    ("Giấy khen của Giám đốc Công an tỉnh", "tinh"),
    ("Giấy khen của Chủ tịch UBND huyện, xã", "huyen"),
    # The demo's issuing authorities.
    ("Chủ tịch UBND huyện Cẩm Thủy", "huyen"),
    ("Chủ tịch UBND xã Cẩm Tân", "xa"),
    # As the seeds write them.
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "tinh"),
    ("Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện", "huyen"),
    ("Kỷ niệm chương “Bảo vệ ANTQ”", "trung_uong"),
    ("Thủ tướng Chính phủ", "trung_uong"),
    # Places that are not what their words say first.
    ("Chủ tịch UBND thị xã Bỉm Sơn", "huyen"),
    ("Chủ tịch UBND thành phố Thanh Hóa", "huyen"),
    ("Chủ tịch UBND thành phố Hà Nội", "tinh"),
    ("Trưởng Ban Chỉ đạo ANTT xã Cẩm Tân, huyện Cẩm Thủy", "xa"),  # the smallest unit first
    ("Giám đốc Sở Lao động - Thương binh và Xã hội", None),  # "xã hội" is no commune
    ("chu tich ubnd huyen cam thuy", "huyen"),  # typed without marks
    ("Ban Tổ chức", None),
    ("", None),
])
def test_issuer_level(text, level):
    assert protocol.issuer_level(text) == level


def test_every_default_form_has_a_level_and_the_authority_comes_first():
    assert [protocol.issuer_level(name) for name, *_ in DEFAULT_AWARD_FORMS] == [
        "trung_uong", "trung_uong", "tinh", "tinh", "huyen"]
    # The demo's commune decision is of the "huyện, xã" form: who signed it says which.
    assert protocol.decision_level("Chủ tịch UBND xã Cẩm Tân", DEFAULT_AWARD_FORMS[4][0]) == "xa"
    assert protocol.decision_level("Văn phòng", "Bằng khen của Chủ tịch UBND tỉnh") == "tinh"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed plans are not beside the project")
def test_every_form_the_seeds_name_has_a_level():
    forms = set()
    for seed in SEEDS.glob("*.txt"):
        forms |= set(re.findall(r"(?:Bằng khen|Giấy khen) của [^,.;:(]*?(?:tỉnh|huyện|xã|Bộ Công an)",
                                seed.read_text(encoding="utf-8")))
    assert len(forms) >= 4
    assert {form: protocol.issuer_level(form) for form in forms} == {
        form: ("trung_uong" if "Bộ" in form else "tinh" if form.endswith("tỉnh") else "huyen") for form in forms}


# ---------------------------------------------------------------- choosing (pure)

def test_a_same_level_leader_before_any_higher_guest_and_batches_in_turn():
    by_level = {"trung_uong": ["Phó Cục trưởng"], "tinh": ["Phó Chủ tịch tỉnh"],
                "huyen": ["Bí thư Huyện ủy", "Chủ tịch UBND huyện"]}
    turns = Counter()
    picks = [protocol.next_presenter(by_level, "huyen", turns) for _ in range(3)]
    assert picks == ["Bí thư Huyện ủy", "Chủ tịch UBND huyện", "Bí thư Huyện ủy"]
    assert protocol.next_presenter(by_level, "trung_uong", turns) == "Phó Cục trưởng"


def test_no_leader_of_the_level_the_nearest_level_above_then_below():
    assert protocol.levels_to_try("xa") == ["xa", "huyen", "tinh", "trung_uong", "co_so"]
    by_level = {"trung_uong": ["Phó Cục trưởng"], "tinh": ["Phó Chủ tịch tỉnh"], "xa": ["Chủ tịch UBND xã"]}
    assert protocol.next_presenter(by_level, "huyen", Counter()) == "Phó Chủ tịch tỉnh"
    assert protocol.next_presenter({"xa": ["Chủ tịch UBND xã"]}, "tinh", Counter()) == "Chủ tịch UBND xã"
    assert protocol.next_presenter(by_level, None, Counter()) == "Phó Cục trưởng"  # unknown: protocol order
    assert protocol.next_presenter({}, "huyen", Counter()) is None


# ---------------------------------------------------------------- the plan

@pytest.fixture
def event(app):
    with app.app_context():
        return make_event("cam-tan")


def decision(event, form_rank: int, authority: str, number: str, people: int):
    forms = service.ensure_forms(event)
    made = service.create_decision(event, {"number": number, "signed_on": "2024-08-05", "authority": authority,
                                           "form_id": forms[form_rank - 1].id})
    for n in range(people):
        service.add_recipient(event, made.id, {"kind": "individual", "name": f"{number} người {n + 1}"})
    return made


def district_site(e):
    """A central guest in the hall, two district leaders invited, a provincial
    leader, and a commune chairman; a district and a provincial decision."""
    with writing():
        guest = add_delegate(e, full_name="Dương Minh Thắng", level="trung_uong", group="police",
                             position="Phó Cục trưởng", organization="Cục Xây dựng phong trào, Bộ Công an")
        province = add_delegate(e, full_name="Hà Văn Tỉnh", level="tinh", group="ubnd",
                                position="Phó Chủ tịch UBND tỉnh")
        chair = add_delegate(e, full_name="Lê Văn Bình", level="huyen", group="ubnd", position="Chủ tịch UBND huyện")
        vice = add_delegate(e, full_name="Trần Thị Chi", level="huyen", group="ubnd",
                            position="Phó Chủ tịch UBND huyện")
        add_delegate(e, full_name="Ngô Văn Xã", level="xa", group="ubnd", position="Chủ tịch UBND xã")
        add_delegate(e, full_name="Không Mời", level="huyen", group="party", position="Bí thư Huyện ủy",
                     invited=False)  # neither invited nor in the hall: not asked to present
    check_in(e, delegate_id=guest.id)
    decision(e, 3, "Chủ tịch UBND tỉnh Thanh Hóa", "99/QĐ-UBND", 2)
    decision(e, 5, "Chủ tịch UBND huyện Cẩm Thủy", "1856/QĐ-UBND", 7)
    return guest, province, chair, vice


def test_a_district_decision_gets_district_leaders_though_a_central_guest_is_here(app, event):
    with app.app_context():
        e = find_event("cam-tan")
        guest, province, chair, vice = district_site(e)
        batches = service.plan_batches(e, width=3)
        assert [b.presenter_delegate_id for b in batches] == [province.id, chair.id, vice.id, chair.id]
        assert batches[1].presenter == "Đồng chí Lê Văn Bình, Chủ tịch UBND huyện"
        assert guest.id not in {b.presenter_delegate_id for b in batches}
        assert service.presenter_mismatches(e) == {}


def test_the_demo_plans_district_and_commune_leaders(app):
    with app.app_context():
        event = build_demo().event
        guest = next(d for d in service.leading_delegates(event) if d.level == "trung_uong")
        check_in(event, delegate_id=guest.id)
        levels = {d.id: d.level for d in service.leading_delegates(event)}
        by_decision = {}
        for batch in service.plan_batches(event):
            number = service.recipients_in_batch(batch.id)[0].decision.number
            by_decision.setdefault(number, []).append(levels[batch.presenter_delegate_id])
        assert by_decision == {"1856/QĐ-UBND": ["huyen", "huyen"], "215/QĐ-UBND": ["xa", "xa"]}
        assert service.presenter_mismatches(event) == {}


def test_a_manual_presenter_is_kept_warned_about_and_replaced_only_by_a_new_plan(app, client, event):
    with app.app_context():
        e = find_event("cam-tan")
        guest, province, chair, vice = district_site(e)
        batches = service.plan_batches(e, width=3)
        district_batch = batches[1].id
        organizer = make_user("organizer", event=e)
    login(client, organizer)
    answer = client.patch(f"/api/v1/events/cam-tan/award-batches/{district_batch}",
                          json={"presenter_delegate_id": guest.id})
    assert answer.status_code == 200  # a warning, not a refusal

    with app.app_context():
        e = find_event("cam-tan")
        assert service.presenter_mismatches(e) == {district_batch: {"presenter": "trung_uong", "award": "huyen"}}
        # The stage moves on, people move between batches: the choice holds.
        service.stage_command(e, "next", expected_batch=None)
        state = service.stage_command(e, "next", expected_batch=batches[0].id)
        assert state["current"]["presenter_delegate_id"] == guest.id
        assert state["current"]["presenter"].startswith("Đồng chí Dương Minh Thắng, Phó Cục trưởng")
        last = service.recipients_in_batch(batches[3].id)[0]
        service.move_recipient(e, last.id, batches[0].id)
        service.add_recipient(e, service.decisions_of(e)[1].id, {"kind": "individual", "name": "Người thêm"})
        assert service.stage_state_batch(e, service.batches_of(e)[1])["presenter_delegate_id"] == guest.id

    page = client.get("/e/cam-tan/awards").get_data(as_text=True)
    assert page.count("presenter-level") == 1
    assert ("Đại biểu trao là lãnh đạo cấp trung ương, khen thưởng do cấp huyện quyết định: "
            "theo lễ tân, nên mời lãnh đạo cấp huyện trao.") in page
    assert '<optgroup label="Huyện">' in page and "Ngô Văn Xã" in page  # every level's leaders to choose from

    with app.app_context():
        e = find_event("cam-tan")
        # A typed presenter is read for its level too.
        service.set_presenter(e, district_batch, presenter="Đồng chí Ngô Văn Xã, Chủ tịch UBND xã Cẩm Tân")
        assert service.presenter_mismatches(e)[district_batch] == {"presenter": "xa", "award": "huyen"}
    with app.app_context():
        e = find_event("cam-tan")
        service.stage_command(e, "previous", expected_batch=district_batch)
        # Nothing handed yet: the organizer plans again, the protocol choice comes back.
        replanned = service.plan_batches(e, width=3)
        assert [b.presenter_delegate_id for b in replanned] == [province.id, chair.id, vice.id, chair.id]
        assert service.presenter_mismatches(e) == {}
    assert "presenter-level" not in client.get("/e/cam-tan/awards").get_data(as_text=True)
