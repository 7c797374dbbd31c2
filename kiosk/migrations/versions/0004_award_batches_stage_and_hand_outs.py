"""award batches stage and hand-outs

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 17:23:54.917193
"""
from alembic import op
import sqlalchemy as sa
import kiosk.database


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('award_batches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('presenter', sa.String(length=300), nullable=False),
    sa.Column('presenter_delegate_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_award_batches_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['presenter_delegate_id'], ['delegates.id'], name=op.f('fk_award_batches_presenter_delegate_id_delegates'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_batches'))
    )
    with op.batch_alter_table('award_batches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_batches_event_id'), ['event_id'], unique=False)

    op.create_table('award_stage',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('current_batch_id', sa.Integer(), nullable=True),
    sa.Column('stage_width', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['current_batch_id'], ['award_batches.id'], name=op.f('fk_award_stage_current_batch_id_award_batches'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_award_stage_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_award_stage'))
    )
    op.create_table('award_handouts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.String(length=64), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=False),
    sa.Column('stand_in_name', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('device', sa.String(length=100), nullable=False),
    sa.Column('at', kiosk.database.UTCDateTime(), nullable=False),
    sa.Column('answer', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_award_handouts_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recipient_id'], ['award_recipients.id'], name=op.f('fk_award_handouts_recipient_id_award_recipients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_handouts')),
    sa.UniqueConstraint('event_id', 'request_id', name=op.f('uq_award_handouts_event_id_request_id'))
    )
    with op.batch_alter_table('award_handouts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_award_handouts_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_award_handouts_recipient_id'), ['recipient_id'], unique=False)

    with op.batch_alter_table('award_forms', schema=None) as batch_op:
        batch_op.add_column(sa.Column('max_collectives', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('max_individuals', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('max_leader_share', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('acknowledged_warnings', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('acknowledged_by', sa.String(length=200), nullable=False, server_default=''))

    with op.batch_alter_table('award_recipients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('batch_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('batch_order', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('outcome', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('stand_in_name', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('handed_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.create_index(batch_op.f('ix_award_recipients_batch_id'), ['batch_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_award_recipients_batch_id_award_batches'), 'award_batches', ['batch_id'], ['id'], ondelete='SET NULL')
    # Recipients marked as handed before this version keep their hand-out.
    op.execute("UPDATE award_recipients SET outcome = 'handed' WHERE handed_at IS NOT NULL")

    # ### end Alembic commands ###


def downgrade() -> None:
    with op.batch_alter_table('award_recipients', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_award_recipients_batch_id_award_batches'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_award_recipients_batch_id'))
        batch_op.drop_column('handed_by')
        batch_op.drop_column('stand_in_name')
        batch_op.drop_column('outcome')
        batch_op.drop_column('batch_order')
        batch_op.drop_column('batch_id')

    with op.batch_alter_table('award_forms', schema=None) as batch_op:
        batch_op.drop_column('acknowledged_by')
        batch_op.drop_column('acknowledged_warnings')
        batch_op.drop_column('max_leader_share')
        batch_op.drop_column('max_individuals')
        batch_op.drop_column('max_collectives')

    with op.batch_alter_table('award_handouts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_handouts_recipient_id'))
        batch_op.drop_index(batch_op.f('ix_award_handouts_event_id'))

    op.drop_table('award_handouts')
    op.drop_table('award_stage')
    with op.batch_alter_table('award_batches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_award_batches_event_id'))

    op.drop_table('award_batches')
    # ### end Alembic commands ###
