"""offline requests: opinions' request ids, conflicts of offline hand-outs

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24 12:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
import kiosk.database


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('offline_conflicts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(length=20), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('gift_handout_id', sa.Integer(), nullable=True),
    sa.Column('award_handout_id', sa.Integer(), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('created_at', kiosk.database.UTCDateTime(), nullable=False),
    sa.Column('resolved_at', kiosk.database.UTCDateTime(), nullable=True),
    sa.Column('resolved_by', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['award_handout_id'], ['award_handouts.id'], name=op.f('fk_offline_conflicts_award_handout_id_award_handouts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_offline_conflicts_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['gift_handout_id'], ['gift_handouts.id'], name=op.f('fk_offline_conflicts_gift_handout_id_gift_handouts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_offline_conflicts'))
    )
    with op.batch_alter_table('offline_conflicts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_offline_conflicts_event_id'), ['event_id'], unique=False)

    # A citizen's opinion queued on a tablet while the server was out of reach
    # is sent again on reconnecting: its request id makes it count once.
    with op.batch_alter_table('opinions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('request_id', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_opinions_event_id_request_id'), ['event_id', 'request_id'])

    # ### end Alembic commands ###


def downgrade() -> None:
    with op.batch_alter_table('opinions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_opinions_event_id_request_id'), type_='unique')
        batch_op.drop_column('request_id')

    with op.batch_alter_table('offline_conflicts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_offline_conflicts_event_id'))

    op.drop_table('offline_conflicts')
    # ### end Alembic commands ###
