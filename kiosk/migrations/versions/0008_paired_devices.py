"""paired devices

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
import kiosk.database


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('paired_devices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('station', sa.String(length=20), nullable=False, server_default=''),
    sa.Column('pairing_code_hash', sa.String(length=64), nullable=True),
    sa.Column('pairing_expires_at', kiosk.database.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False, server_default=''),
    sa.Column('created_at', kiosk.database.UTCDateTime(), nullable=False),
    sa.Column('paired_at', kiosk.database.UTCDateTime(), nullable=True),
    sa.Column('last_seen_at', kiosk.database.UTCDateTime(), nullable=True),
    sa.Column('revoked_at', kiosk.database.UTCDateTime(), nullable=True),
    sa.Column('revoked_by', sa.String(length=200), nullable=False, server_default=''),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_paired_devices_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paired_devices')),
    sa.UniqueConstraint('pairing_code_hash', name=op.f('uq_paired_devices_pairing_code_hash'))
    )
    with op.batch_alter_table('paired_devices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paired_devices_event_id'), ['event_id'], unique=False)

    # ### end Alembic commands ###


def downgrade() -> None:
    with op.batch_alter_table('paired_devices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paired_devices_event_id'))

    op.drop_table('paired_devices')
    # ### end Alembic commands ###
