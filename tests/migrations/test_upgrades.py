"""Upgrading the schema keeps every row: a venue's database from an older
version comes through with its events, delegates and programme intact."""

import pytest
from alembic import command
from sqlalchemy import text

from kiosk.extensions import db
from kiosk.migrate import alembic_config, current_revision, head_revision
from tests.conftest import make_test_app

SEED_0002 = [
    "INSERT INTO events (id, slug, organizing_body, title, year, place, event_date, backdrop_top, backdrop_middle,"
    " backdrop_bottom, slogans, timezone, created_at) VALUES (1, 'cam-tan', 'BCĐ xã Cẩm Tân', 'Ngày hội', 2024,"
    " 'Cẩm Tân', '2024-08-15', '', '', '', '[]', 'Asia/Ho_Chi_Minh', '2024-08-01 00:00:00')",
    "INSERT INTO delegates (id, event_id, full_name, search_name, honorific, position, organization, level,"
    " \"group\", protocol_rank, seat, phone, notes, invited, checked_in_at, checked_in_device, created_at)"
    " VALUES (1, 1, 'Nguyễn Văn An', 'nguyen van an', 'Đồng chí', 'Chủ tịch UBND xã', 'UBND xã', 'xa', 'ubnd',"
    " 20210, 'A1', '', '', true, '2024-08-15 00:40:00', 'Cổng 1', '2024-08-01 00:00:00')",
    "INSERT INTO programme_items (id, event_id, position, title, kind, optional, speaker, planned_seconds, script,"
    " cues, notes, status, added_seconds) VALUES (1, 1, 1, 'Lễ chào cờ', 'flag_salute', false, '', 300, '', '[]',"
    " '', 'done', 0)",
    "INSERT INTO gift_packages (id, event_id, name, kind, unit_value, quantity, funding_source, presenter)"
    " VALUES (1, 1, 'Suất quà của UBND xã', 'cash', 500000, 5, 'commune', '')",
    "INSERT INTO gift_recipients (id, event_id, package_id, name, search_name, category, address, handed_at)"
    " VALUES (1, 1, 1, 'Hộ bà Lê Thị Hoa', 'ho ba le thi hoa', 'poor_household', 'Thôn Eo Lê', '2024-08-15 02:00:00')",
]


@pytest.mark.parametrize("start", ["0002"])
def test_upgrade_to_head_keeps_the_data(database_url, tmp_path, start):
    app = make_test_app(database_url, tmp_path, KIOSK_AUTO_UPGRADE=False)
    with app.app_context():
        command.upgrade(alembic_config(), start)
        with db.engine.begin() as connection:
            for statement in SEED_0002:
                connection.execute(text(statement))
        command.upgrade(alembic_config(), "head")
        assert current_revision() == head_revision()
        with db.engine.connect() as connection:
            assert connection.execute(text("SELECT full_name, checked_in_device FROM delegates")).all() == [
                ("Nguyễn Văn An", "Cổng 1")]
            assert connection.execute(text("SELECT title FROM programme_items")).all() == [("Lễ chào cờ",)]
            prefix, seed = connection.execute(text("SELECT code_prefix, code_seed FROM events")).one()
            assert len(prefix) == 8 and len(seed) == 64
            assert len(connection.execute(text("SELECT badge_id FROM delegates")).scalar()) == 10
            name, slip_id, handed = connection.execute(
                text("SELECT name, slip_id, handed_at FROM gift_recipients")).one()
            assert name == "Hộ bà Lê Thị Hoa" and len(slip_id) == 10 and handed is not None
        db.engine.dispose()


def test_every_migration_goes_down_and_up_again(database_url, tmp_path):
    app = make_test_app(database_url, tmp_path, KIOSK_AUTO_UPGRADE=False)
    with app.app_context():
        command.upgrade(alembic_config(), "head")
        command.downgrade(alembic_config(), "base")
        command.upgrade(alembic_config(), "head")
        assert current_revision() == head_revision()
        db.engine.dispose()
