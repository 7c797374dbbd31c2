"""badge codes and check-in scans

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 17:04:48.794201
"""
from alembic import op
import sqlalchemy as sa
import kiosk.database
from kiosk.delegates import codes


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('checkin_scans',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('scan_id', sa.String(length=64), nullable=True),
    sa.Column('delegate_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('device', sa.String(length=100), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('created_at', kiosk.database.UTCDateTime(), nullable=False),
    sa.Column('answer', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['delegate_id'], ['delegates.id'], name=op.f('fk_checkin_scans_delegate_id_delegates'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_checkin_scans_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_checkin_scans')),
    sa.UniqueConstraint('event_id', 'scan_id', name=op.f('uq_checkin_scans_event_id_scan_id'))
    )
    with op.batch_alter_table('checkin_scans', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_checkin_scans_delegate_id'), ['delegate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_checkin_scans_event_id'), ['event_id'], unique=False)

    # New NOT NULL columns: added with server defaults or nullable, filled row by row
    # (random codes for existing events and delegates), then made NOT NULL.
    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('rank_override', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('is_leader', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('badge_id', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('code_version', sa.Integer(), nullable=False, server_default='1'))
        batch_op.add_column(sa.Column('stand_in_name', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('introduced_at', kiosk.database.UTCDateTime(), nullable=True))
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code_prefix', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('code_seed', sa.String(length=64), nullable=True))

    connection = op.get_bind()
    for (event_id,) in connection.execute(sa.text("SELECT id FROM events")).fetchall():
        connection.execute(sa.text("UPDATE events SET code_prefix = :p, code_seed = :s WHERE id = :id"),
                           {"p": codes.new_event_prefix(), "s": codes.new_seed(), "id": event_id})
    for (delegate_id,) in connection.execute(sa.text("SELECT id FROM delegates")).fetchall():
        connection.execute(sa.text("UPDATE delegates SET badge_id = :b WHERE id = :id"),
                           {"b": codes.new_badge_id(), "id": delegate_id})

    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.alter_column('badge_id', existing_type=sa.String(length=10), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_delegates_event_id_badge_id'), ['event_id', 'badge_id'])
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.alter_column('code_prefix', existing_type=sa.String(length=8), nullable=False)
        batch_op.alter_column('code_seed', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_events_code_prefix'), ['code_prefix'])

    # ### end Alembic commands ###


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_events_code_prefix'), type_='unique')
        batch_op.drop_column('code_seed')
        batch_op.drop_column('code_prefix')

    with op.batch_alter_table('delegates', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_delegates_event_id_badge_id'), type_='unique')
        batch_op.drop_column('introduced_at')
        batch_op.drop_column('stand_in_name')
        batch_op.drop_column('code_version')
        batch_op.drop_column('badge_id')
        batch_op.drop_column('is_leader')
        batch_op.drop_column('rank_override')

    with op.batch_alter_table('checkin_scans', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_checkin_scans_event_id'))
        batch_op.drop_index(batch_op.f('ix_checkin_scans_delegate_id'))

    op.drop_table('checkin_scans')
    # ### end Alembic commands ###
