"""Events: creating one (with a programme template), who sees which."""

from datetime import date

import pytest

from kiosk.events import service
from kiosk.programme.service import numbered
from tests.factories import login, make_event, make_user


def test_create_event_fills_the_backdrop(app):
    with app.app_context():
        event = service.create_event(slug="eo-le-2024", organizing_body="Ban Chỉ đạo ANTT xã Cẩm Tân",
                                     place="Cẩm Tân", event_date=date(2024, 8, 15))
    assert event.backdrop_top == "BAN CHỈ ĐẠO ANTT XÃ CẨM TÂN"
    assert event.backdrop_middle == "NGÀY HỘI\nTOÀN DÂN BẢO VỆ AN NINH TỔ QUỐC NĂM 2024"
    assert event.backdrop_bottom == "Cẩm Tân, ngày 15 tháng 08 năm 2024"
    assert event.timezone == "Asia/Ho_Chi_Minh" and event.year == 2024
    assert event.slogans


@pytest.mark.parametrize("slug", ["", "Có Dấu", "a b", "-dau-gach", "x" * 81])
def test_bad_slugs_are_refused(app, slug):
    with app.app_context(), pytest.raises(service.EventError):
        service.create_event(slug=slug, organizing_body="BCĐ", place="Xã", event_date=date(2024, 8, 19))


def test_duplicate_slug_is_refused(app):
    with app.app_context():
        make_event("trung")
        with pytest.raises(service.EventError, match="đã được dùng"):
            make_event("trung")


def test_admin_creates_an_event_from_a_template(app, client):
    with app.app_context():
        admin = make_user("admin")
    login(client, admin)
    response = client.post("/events", data={"organizing_body": "Công an xã Cẩm Tân", "place": "Thôn Phiến Thôn",
                                            "event_date": "2024-08-19", "slug": "phien-thon",
                                            "template": "thanh-hoa-2023"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/e/phien-thon/")
    with app.app_context():
        titles = [item.title for _, item in numbered(service.find_event("phien-thon"))]
    assert len(titles) == 11 and "Trình chiếu phóng sự" not in titles


def test_organizer_cannot_create_events(app, client):
    with app.app_context():
        organizer = make_user("organizer")
    login(client, organizer)
    response = client.post("/events", data={"organizing_body": "X", "place": "Y", "event_date": "2024-08-19",
                                            "slug": "khong-duoc"})
    assert response.status_code == 403
    with app.app_context():
        assert service.find_event("khong-duoc") is None


def test_event_list_shows_only_what_the_account_may_see(app, client):
    with app.app_context():
        mine = make_event("cua-toi")
        make_event("cua-nguoi-khac")
        limited = make_user("organizer", event=mine)
    login(client, limited)
    page = client.get("/").get_data(as_text=True)
    assert "/e/cua-toi/" in page and "/e/cua-nguoi-khac/" not in page
    listed = client.get("/api/v1/events").json["events"]
    assert [e["slug"] for e in listed] == ["cua-toi"]


def test_dashboard_shows_the_figures(app, client):
    from tests.factories import make_delegates

    with app.app_context():
        event = make_event("so-lieu")
        make_delegates(event, ["Nguyễn Văn An", "Trần Văn Bảo"])
        organizer = make_user("organizer")
    login(client, organizer)
    page = client.get("/e/so-lieu/").get_data(as_text=True)
    assert 'data-live="attendance.invited">2<' in page
    figures = client.get("/api/v1/events/so-lieu/dashboard").json
    assert figures["attendance"] == {"invited": 2, "present": 0, "walk_ins": 0}


def test_programme_templates_follow_the_plans():
    from kiosk.programme.templates import PROGRAMME_TEMPLATES

    bac_giang = PROGRAMME_TEMPLATES["bac-giang-2024"]["items"]
    cam_tan = PROGRAMME_TEMPLATES["cam-tan-2024"]["items"]
    assert len(bac_giang) == 9 and len(cam_tan) == 12 and len(PROGRAMME_TEMPLATES["thanh-hoa-2023"]["items"]) == 11
    assert [i["title"] for i in cam_tan if i["optional"]] == ["Trình chiếu phóng sự", "Ký kết giao ước thi đua"]
    assert bac_giang[0]["title"] == "Lễ chào cờ" and bac_giang[-1]["title"] == "Tuyên bố kết thúc phần lễ"
