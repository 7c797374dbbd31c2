"""phan hoi counters and audit entries

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23 18:23:51.372536
"""
from alembic import op
import sqlalchemy as sa
import kiosk.database


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(length=30), nullable=False),
    sa.Column('action', sa.String(length=50), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('device', sa.String(length=100), nullable=False),
    sa.Column('at', kiosk.database.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_audit_entries_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_event_id'), ['event_id'], unique=False)

    op.create_table('activity_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('delta', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.String(length=64), nullable=True),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('device', sa.String(length=100), nullable=False),
    sa.Column('at', kiosk.database.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['festival_activities.id'], name=op.f('fk_activity_counts_activity_id_festival_activities'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_activity_counts_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity_counts')),
    sa.UniqueConstraint('event_id', 'request_id', name=op.f('uq_activity_counts_event_id_request_id'))
    )
    with op.batch_alter_table('activity_counts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_counts_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_counts_event_id'), ['event_id'], unique=False)

    with op.batch_alter_table('festival_activities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('count_label', sa.String(length=100), nullable=False, server_default=''))

    # ### end Alembic commands ###


def downgrade() -> None:
    with op.batch_alter_table('festival_activities', schema=None) as batch_op:
        batch_op.drop_column('count_label')

    with op.batch_alter_table('activity_counts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_counts_event_id'))
        batch_op.drop_index(batch_op.f('ix_activity_counts_activity_id'))

    op.drop_table('activity_counts')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_event_id'))

    op.drop_table('audit_entries')
    # ### end Alembic commands ###
