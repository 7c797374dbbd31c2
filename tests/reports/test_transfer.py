"""An event exported from one installation and imported into another comes
out equal: the same figures, the same records, badges that still check in."""

import json

import pytest

from kiosk.delegates import service as delegates
from kiosk.events.service import find_event
from kiosk.extensions import db
from kiosk.reports import service as reports
from kiosk.reports.transfer import TransferError, event_tables, export_event, import_event
from tests.conftest import make_test_app
from tests.reports.test_report import day  # noqa: F401  (the recorded day)


def table_counts(event) -> dict[str, int]:
    document = json.loads(export_event(event))
    return {name: len(rows) for name, rows in document["tables"].items()}


def comparable(report):
    report.generated_at = ""
    report.event = None
    return report


def test_export_then_import_elsewhere_is_equal(app, day, tmp_path):  # noqa: F811
    with app.app_context():
        event = find_event("cam-tan")
        data = export_event(event)
        before = comparable(reports.build(event))
        counts = table_counts(event)
        badge = delegates.code_for(event, delegates.delegates_in_order(event)[-1])
    other = make_test_app(f"sqlite:///{tmp_path / 'venue.sqlite3'}", tmp_path / "venue")
    with other.app_context():
        imported = import_event(data)
        assert imported.slug == "cam-tan"
        after = comparable(reports.build(imported))
        assert after == before
        assert table_counts(imported) == counts
        # The badge printed at the office checks in at the venue.
        assert delegates.check_in(imported, code=badge)["status"] in ("ok", "already_checked_in")
        with pytest.raises(TransferError, match="Đã có sự kiện"):
            import_event(data)
        again = import_event(data, replace=True)  # bringing the day back replaces the event
        assert table_counts(again) == counts
        db.engine.dispose()


def test_bad_files_are_refused_and_write_nothing(app, day, tmp_path):  # noqa: F811
    with app.app_context():
        data = json.loads(export_event(find_event("cam-tan")))
    other = make_test_app(f"sqlite:///{tmp_path / 'venue.sqlite3'}", tmp_path / "venue")
    with other.app_context():
        newer = dict(data, schema="9999")
        broken = json.loads(json.dumps(data))
        broken["tables"]["delegates"][0]["full_name"] = None  # a required column missing
        for bad, message in ((b"not json", "không phải tệp sự kiện"), (b'{"format": "x"}', "không phải tệp sự kiện"),
                             (json.dumps(newer).encode(), "phiên bản Ngày hội Kiosk mới hơn"),
                             (json.dumps(broken).encode(), "Chưa ghi gì")):
            with pytest.raises(TransferError, match=message):
                import_event(bad)
            assert find_event("cam-tan") is None
        db.engine.dispose()


def test_every_event_table_travels():
    names = {table.name for table in event_tables()}
    assert {"events", "delegates", "checkin_scans", "programme_items", "programme_live", "award_recipients",
            "award_handouts", "gift_recipients", "gift_handouts", "opinions", "survey_responses", "audit_entries",
            "activity_counts"} <= names
    assert not names & {"users", "api_tokens", "event_links"}
