"""The reportage video of a "Trình chiếu" item: only MP4 or WebM, told by the
file's first bytes (a renamed file is refused), within KIOSK_MAX_VIDEO_BYTES,
which is above what any other request may send; nothing is written otherwise."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.programme import service
from kiosk.uploads import video_kind
from tests.conftest import make_test_app
from tests.factories import login, make_event, make_user

MB = 1024 * 1024
MP4 = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00" * 512
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm" + b"\0" * 512
NOT_VIDEO = {
    "program": b"MZ\x90\x00" + b"\0" * 512,
    "text": b"Phong su ve ANTT" * 40,
    "m4a-audio": b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom\x00\x00\x00\x00" + b"\0" * 512,
    "heic-photo": b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\0" * 512,
    "matroska": WEBM.replace(b"\x84webm", b"\x88matroska"),
    "ogg": b"OggS\x00\x02" + b"\0" * 512,
    "empty": b"",
}


def open_app(database_url, tmp_path, **overrides):
    app = make_test_app(database_url, tmp_path, **overrides)
    with app.app_context():
        event = make_event("cam-tan")
        service.apply_template(event, "cam-tan-2024")
        item = next(i for i in service.items(event) if i.kind == "video")
        organizer = make_user("organizer")
    client = app.test_client()
    login(client, organizer)
    return app, client, f"/e/cam-tan/programme/items/{item.id}/video", item.id


@pytest.fixture
def venue(database_url, tmp_path):
    app, client, url, item_id = open_app(database_url, tmp_path)
    yield app, client, url, item_id
    with app.app_context():
        for engine in db.engines.values():
            engine.dispose()


def media(app) -> list[str]:
    folder = Path(app.instance_path) / "media"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def video_file(app, item_id):
    with app.app_context():
        return service.get_item(find_event("cam-tan"), item_id).video_file


def send(client, url, data, name):
    return client.post(url, data={"video": (io.BytesIO(data), name)}, content_type="multipart/form-data")


@pytest.mark.parametrize("data, suffix", [(MP4, ".mp4"), (WEBM, ".webm")], ids=["mp4", "webm"])
def test_mp4_and_webm_are_kept_as_what_they_are(venue, data, suffix):
    app, client, url, item_id = venue
    response = send(client, url, data, "phong-su.video")  # the name does not matter, the bytes do
    assert response.status_code == 302
    assert client.get("/e/cam-tan/programme").status_code == 200
    (saved,) = media(app)
    assert saved.endswith(suffix) and video_file(app, item_id) == saved


@pytest.mark.parametrize("kind", list(NOT_VIDEO))
def test_anything_else_is_refused_and_nothing_written(venue, kind):
    app, client, url, item_id = venue
    response = send(client, url, NOT_VIDEO[kind], "phong-su.mp4")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Chỉ nhận tệp video .mp4 hoặc .webm" in page
    assert media(app) == [] and video_file(app, item_id) is None


def test_no_file_chosen(venue):
    app, client, url, item_id = venue
    response = client.post(url, data={}, content_type="multipart/form-data")
    assert "Chọn tệp video .mp4 hoặc .webm để tải lên." in client.get(response.headers["Location"]).get_data(as_text=True)
    assert media(app) == []


def test_a_video_may_be_larger_than_any_other_request(venue):
    app, client, url, item_id = venue
    big = MP4 + b"\0" * (17 * MB)  # over MAX_CONTENT_LENGTH (16 MB), under the video's own limit
    assert send(client, url, big, "phong-su.mp4").status_code == 302
    (saved,) = media(app)
    assert (Path(app.instance_path) / "media" / saved).stat().st_size == len(big)


def test_over_the_video_limit_is_a_vietnamese_413(database_url, tmp_path):
    app, client, url, item_id = open_app(database_url, tmp_path, KIOSK_MAX_VIDEO_BYTES=2 * MB)
    try:
        response = send(client, url, MP4 + b"\0" * (2 * MB), "phong-su.mp4")
        assert response.status_code == 413
        assert "Tệp tải lên quá lớn: tối đa 2 MB." in response.get_data(as_text=True)
        assert media(app) == [] and video_file(app, item_id) is None
    finally:
        with app.app_context():
            for engine in db.engines.values():
                engine.dispose()


def test_video_kind_reads_the_signature():
    assert video_kind(MP4) == ".mp4" and video_kind(WEBM) == ".webm"
    assert video_kind(b"\x00\x00\x00\x18ftypmp42" + b"\0" * 16) == ".mp4"
    assert all(video_kind(data) is None for data in NOT_VIDEO.values())


def test_media_serves_only_this_events_own_videos(database_url, tmp_path):
    """Event "cam-tan" and event "cam-tan-2": the second's files begin with
    "cam-tan-" too, yet a cam-tan screen is never given them; only a file one of
    the event's own items names is served."""
    app = make_test_app(database_url, tmp_path)
    try:
        with app.app_context():
            ours, theirs = make_event("cam-tan"), make_event("cam-tan-2")
            for event in (ours, theirs):
                service.apply_template(event, "cam-tan-2024")
            our_item = next(i for i in service.items(ours) if i.kind == "video")
            their_item = next(i for i in service.items(theirs) if i.kind == "video")
            our_organizer = make_user("organizer", event=ours)
            their_organizer = make_user("organizer", event=theirs)
        our_client, their_client = app.test_client(), app.test_client()
        login(our_client, our_organizer)
        login(their_client, their_organizer)
        url = "/e/{}/programme/items/{}/video"
        assert send(our_client, url.format("cam-tan", our_item.id), MP4, "a.mp4").status_code == 302
        assert send(their_client, url.format("cam-tan-2", their_item.id), WEBM, "b.webm").status_code == 302
        with app.app_context():
            our_file = service.get_item(find_event("cam-tan"), our_item.id).video_file
            their_file = service.get_item(find_event("cam-tan-2"), their_item.id).video_file
        assert their_file.startswith("cam-tan-")  # what the old check let through

        assert our_client.get(f"/e/cam-tan/media/{their_file}").status_code == 404
        assert our_client.get(f"/e/cam-tan-2/media/{their_file}").status_code == 403
        served = our_client.get(f"/e/cam-tan/media/{our_file}")
        assert served.status_code == 200 and served.data == MP4
        served.close()
        served = their_client.get(f"/e/cam-tan-2/media/{their_file}")
        assert served.status_code == 200 and served.data == WEBM
        served.close()
        assert their_client.get(f"/e/cam-tan-2/media/{our_file}").status_code == 404
        # a file in the media folder that no item names (a replaced video, anything put there)
        (Path(app.instance_path) / "media" / "cam-tan-9-000000000000.mp4").write_bytes(MP4)
        assert our_client.get("/e/cam-tan/media/cam-tan-9-000000000000.mp4").status_code == 404
    finally:
        with app.app_context():
            for engine in db.engines.values():
                engine.dispose()
