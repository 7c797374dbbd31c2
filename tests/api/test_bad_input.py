"""Input that used to make the API answer 500 (found by tests/api/test_schemathesis.py
and by probing what a hostile tablet can send): each is now a clear 400 in
Vietnamese, or a 404 for an id that cannot exist, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from kiosk.auth import service as accounts
from kiosk.awards import service as awards
from kiosk.gifts import service as gifts
from kiosk.programme import service as programme
from tests.factories import make_delegates, make_event, make_user

HUGE = 99999999999999999999999  # beyond SQLite's 64-bit integers
BEYOND_INT = 3_000_000_000  # beyond PostgreSQL's INTEGER


@pytest.fixture
def venue(app):
    """An event with one of everything the calls below name, and an organizer's token."""
    with app.app_context():
        event = make_event("cam-tan")
        delegate, = make_delegates(event, ["Nguyễn Văn An"])
        item = programme.add_item(event, {"title": "Chào cờ", "kind": "flag_salute"})
        activity = programme.add_activity(event, {"name": "Khám bệnh, cấp thuốc miễn phí", "kind": "service"})
        package = gifts.create_package(event, {"name": "Suất quà của UBND xã", "unit_value": 500_000, "quantity": 5})
        recipient = gifts.add_recipient(event, {"name": "Trần Thị Bình", "package_id": package.id})
        form = awards.ensure_forms(event)[0]
        decision = awards.create_decision(event, {"number": "12/QĐ-UBND", "signed_on": "2024-08-05",
                                                  "authority": "Chủ tịch UBND xã", "form_id": form.id})
        honoree = awards.add_recipient(event, decision.id, {"kind": "individual", "name": "Lê Văn Cường"})
        for form_id in awards.limit_warnings(event):
            awards.acknowledge_warnings(event, form_id, "Ban Tổ chức")
        batch, = awards.plan_batches(event, 5)
        token = accounts.issue_token(make_user("organizer", event=event))
        ids = {"delegate": delegate.id, "item": item.id, "activity": activity.id, "package": package.id,
               "gift_recipient": recipient.id, "form": form.id, "decision": decision.id, "honoree": honoree.id,
               "batch": batch.id}
    return {"headers": {"Authorization": f"Bearer {token}"}, **ids}


def send(client, venue, method: str, path: str, body=None, raw: str | None = None):
    data = raw if raw is not None else (json.dumps(body) if body is not None else None)
    return client.open(f"/api/v1/events/cam-tan{path}", method=method, data=data, headers=venue["headers"],
                       content_type="application/json")


def refused(response, status: int = 400) -> str:
    assert response.status_code == status, response.get_data(as_text=True)
    answer = response.get_json()
    assert answer["error"] == {400: "bad_request", 404: "not_found"}[status]
    return answer["message"]


# A list or an object where a code from a fixed list was expected: the services
# looked it up in a dict (TypeError: unhashable type).
CODES = [
    ("POST", "/programme/items", {"title": "Văn nghệ", "kind": {}}, "Loại mục không hợp lệ."),
    ("PATCH", "/programme/items/{item}", {"kind": []}, "Loại mục không hợp lệ."),
    ("POST", "/activities", {"name": "Khám bệnh", "kind": [None]}, "Loại hoạt động không hợp lệ."),
    ("POST", "/delegates", {"full_name": "Phạm Văn Dũng", "level": {}}, "Cấp không hợp lệ."),
    ("PATCH", "/delegates/{delegate}", {"group": []}, "Thành phần không hợp lệ."),
    ("POST", "/walk-ins", {"full_name": "Phạm Văn Dũng", "group": {}}, "Thành phần không hợp lệ."),
    ("POST", "/award-decisions/{decision}/recipients", {"kind": {}, "name": "Thôn Eo Lê"}, "Loại phải là tập thể"),
    ("PATCH", "/award-recipients/{honoree}", {"kind": []}, "Loại phải là tập thể"),
    ("POST", "/gift-packages", {"name": "Gạo", "unit_value": 1, "quantity": 1, "kind": {}}, "Hình thức quà"),
    ("PATCH", "/gift-packages/{package}", {"funding_source": []}, "Nguồn kinh phí phải là"),
    ("POST", "/gift-recipients", {"name": "Hộ ông Hải", "kind": {}}, "Loại người nhận"),
    ("PATCH", "/gift-recipients/{gift_recipient}", {"category": []}, "Đối tượng phải là"),
    ("POST", "/opinions", {"text": "Đề nghị tăng cường tuần tra", "topic": [None, None]}, "Lĩnh vực không hợp lệ."),
]


def test_a_list_or_object_for_a_code_is_refused(client, venue):
    for method, path, body, message in CODES:
        assert message in refused(send(client, venue, method, path.format(**venue), body)), (method, path)


def test_survey_answers_must_be_an_object(client, venue):
    # AttributeError: 'list' object has no attribute 'items'
    message = refused(send(client, venue, "POST", "/survey/responses", {"answers": [None, None]}))
    assert "mã câu hỏi" in message


def test_text_fields_refuse_lists_and_objects(client, venue):
    message = refused(send(client, venue, "POST", "/gift-packages",
                           {"name": ["Gạo"], "unit_value": 1, "quantity": 1}))
    assert message == "Tên suất quà phải là một đoạn chữ."


# Ids no row can have: SQLite cannot even bind one beyond 64 bits (OverflowError),
# PostgreSQL refuses one beyond its INTEGER in a comparison.
IMPOSSIBLE_IDS = [
    ("DELETE", "/delegates/{id}", None), ("DELETE", "/gift-packages/{id}", None),
    ("PATCH", "/programme/items/{id}", {"title": "Chào cờ"}), ("POST", "/delegates/{id}/reissue", None),
    ("DELETE", "/mc-messages/{id}", None), ("POST", "/checkins", {"delegate_id": "{id}"}),
    ("PATCH", "/programme/items/{item}", {"speaker_delegate_id": "{id}"}),
]


@pytest.mark.parametrize("row_id", [HUGE, BEYOND_INT])
def test_an_id_too_large_for_the_database_is_not_found(client, venue, row_id):
    for method, path, body in IMPOSSIBLE_IDS:
        body = {name: row_id if value == "{id}" else value for name, value in (body or {}).items()} or None
        response = send(client, venue, method, path.format(id=row_id, item=venue["item"]), body)
        assert response.status_code == 404, (method, path, response.get_data(as_text=True))
        assert response.get_json()["error"] == "not_found"


LARGE_NUMBERS = [
    ("PATCH", "/delegates/{delegate}", {"rank_override": BEYOND_INT}, "Thứ tự lễ tân không được lớn hơn 1000000."),
    ("POST", "/gift-packages", {"name": "Gạo", "unit_value": 2**63, "quantity": 1},
     "Giá trị mỗi suất (đồng) không được lớn hơn 1000000000000."),
    ("PATCH", "/gift-packages/{package}", {"quantity": BEYOND_INT}, "Số suất không được lớn hơn 100000."),
    ("PATCH", "/award-forms/{form}", {"max_individuals": BEYOND_INT}, "Định mức không được lớn hơn 100000."),
]


def test_numbers_beyond_what_the_database_keeps_are_refused(client, venue):
    # OverflowError on SQLite, NumericValueOutOfRange on PostgreSQL
    for method, path, body, message in LARGE_NUMBERS:
        assert refused(send(client, venue, method, path.format(**venue), body)) == message


def test_a_programme_command_naming_no_item_is_refused(client, venue):
    # TypeError: unhashable type, for a list or an object
    for item in ([], {}, "1", True, HUGE):
        response = send(client, venue, "POST", "/programme/commands", {"command": "goto", "expected_item": None,
                                                                       "item": item})
        assert refused(response) == "Không tìm thấy mục này trong chương trình.", item
        assert response.get_json()["ok"] is False


def test_whole_numbers_sent_as_decimals_are_refused(client, venue):
    # 1.0 == 1 passed the checks: a list index of 1.0 (TypeError), a counter total of 1.0, a batch id of 1.0 stored
    response = send(client, venue, "POST", f"/programme/items/{venue['item']}/move", {"offset": 1.0})
    assert refused(response) == "offset phải là -1 (lên) hoặc 1 (xuống)."
    assert refused(send(client, venue, "POST", f"/counters/{venue['activity']}", {"delta": 1.0})) == \
        "Mỗi lần bấm chỉ thêm hoặc bớt 1."
    response = send(client, venue, "POST", "/award-stage/commands", {"command": "goto", "expected_batch": None,
                                                                     "batch": float(venue["batch"])})
    assert refused(response, 404) == "Không tìm thấy đợt này."


def test_a_place_in_a_batch_must_be_a_number(client, venue):
    # ValueError: invalid literal for int()
    message = refused(send(client, venue, "POST", f"/award-recipients/{venue['honoree']}/move",
                           {"batch_id": venue["batch"], "order": "đầu"}))
    assert message.startswith("Vị trí (order) phải là số thứ tự")


# Text no database can keep: NUL (PostgreSQL refuses it) and half a surrogate pair
# (UnicodeEncodeError on both): refused before any service sees it.
def test_unstorable_text_in_a_body_is_refused(client, venue):
    for raw in ('{"text": "Câu hỏi\\u0000"}', '{"text": "Câu hỏi \\ud800"}',
                '{"text": "Câu hỏi", "author_name": "\\udfff"}', '{"\\u0000": 1, "text": "a"}'):
        response = client.post("/api/v1/events/cam-tan/opinions", data=raw, content_type="application/json")
        assert refused(response) == "Nội dung gửi lên có ký tự không hợp lệ.", raw


def test_unstorable_text_anywhere_in_a_staff_body_is_refused(client, venue):
    response = send(client, venue, "PUT", "/forum/settings", {"review_words": ["bom", "\u0000"]})
    assert refused(response) == "Nội dung gửi lên có ký tự không hợp lệ."
    response = send(client, venue, "POST", "/programme/commands", raw='{"command": "\\ud800"}')
    assert refused(response) == "Nội dung gửi lên có ký tự không hợp lệ."


def test_nul_in_a_query_is_refused(client, venue):
    response = client.get("/api/v1/events/cam-tan/delegates?q=an%00", headers=venue["headers"])
    assert refused(response) == "Nội dung gửi lên có ký tự không hợp lệ."


def test_an_event_slug_with_nul_is_not_found(client, venue):
    refused(client.get("/api/v1/events/cam%00tan", headers=venue["headers"]), 404)


def test_json_nested_too_deep_is_refused(client, venue):
    # RecursionError while parsing, on a route anyone may call
    for raw in ("[" * 25_000 + "]" * 25_000, '{"a": ' * 5_000 + "1" + "}" * 5_000):  # within the 64 KB
        response = client.post("/api/v1/events/cam-tan/opinions", data=raw, content_type="application/json")
        assert refused(response) == "Dữ liệu JSON lồng nhau quá sâu."


def test_a_device_header_with_nul_is_kept_without_it(client, venue):
    response = client.post("/api/v1/events/cam-tan/opinions", json={"text": "Đề nghị lắp đèn đường"},
                           headers={"X-Kiosk-Device": "may\x00tinh"})
    assert response.status_code == 201, response.get_data(as_text=True)
