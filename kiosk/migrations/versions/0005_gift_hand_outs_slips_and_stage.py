"""gift hand-outs, slips and stage

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 17:34:11.092327
"""
from alembic import op
import sqlalchemy as sa
import kiosk.database
from kiosk.delegates import codes


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('gift_stage',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('current_batch', sa.Integer(), nullable=False),
    sa.Column('stage_width', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_gift_stage_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_gift_stage'))
    )
    op.create_table('gift_handouts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.String(length=64), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('desk', sa.String(length=100), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('at', kiosk.database.UTCDateTime(), nullable=False),
    sa.Column('answer', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_gift_handouts_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recipient_id'], ['gift_recipients.id'], name=op.f('fk_gift_handouts_recipient_id_gift_recipients'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gift_handouts')),
    sa.UniqueConstraint('event_id', 'request_id', name=op.f('uq_gift_handouts_event_id_request_id'))
    )
    with op.batch_alter_table('gift_handouts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_gift_handouts_event_id'), ['event_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_gift_handouts_recipient_id'), ['recipient_id'], unique=False)

    with op.batch_alter_table('gift_packages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('presenter_delegate_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('position', sa.Integer(), nullable=False, server_default='0'))
        batch_op.create_foreign_key(batch_op.f('fk_gift_packages_presenter_delegate_id_delegates'), 'delegates', ['presenter_delegate_id'], ['id'], ondelete='SET NULL')

    with op.batch_alter_table('gift_recipients', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False, server_default='individual'))
        batch_op.add_column(sa.Column('id_number', sa.String(length=20), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('phone', sa.String(length=30), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('notes', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('slip_id', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('handed_desk', sa.String(length=100), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('handed_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('received_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('relationship_to_recipient', sa.String(length=100), nullable=False, server_default=''))

    # Every recipient listed before this version gets a slip id for its QR code.
    connection = op.get_bind()
    for (recipient_id,) in connection.execute(sa.text("SELECT id FROM gift_recipients")).fetchall():
        connection.execute(sa.text("UPDATE gift_recipients SET slip_id = :s WHERE id = :id"),
                           {"s": codes.new_badge_id(), "id": recipient_id})
    with op.batch_alter_table('gift_recipients', schema=None) as batch_op:
        batch_op.alter_column('slip_id', existing_type=sa.String(length=10), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_gift_recipients_event_id_slip_id'), ['event_id', 'slip_id'])

    # ### end Alembic commands ###


def downgrade() -> None:
    with op.batch_alter_table('gift_recipients', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_gift_recipients_event_id_slip_id'), type_='unique')
        batch_op.drop_column('relationship_to_recipient')
        batch_op.drop_column('received_by')
        batch_op.drop_column('handed_by')
        batch_op.drop_column('handed_desk')
        batch_op.drop_column('slip_id')
        batch_op.drop_column('notes')
        batch_op.drop_column('phone')
        batch_op.drop_column('id_number')
        batch_op.drop_column('kind')
        batch_op.drop_column('position')

    with op.batch_alter_table('gift_packages', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_gift_packages_presenter_delegate_id_delegates'), type_='foreignkey')
        batch_op.drop_column('position')
        batch_op.drop_column('presenter_delegate_id')

    with op.batch_alter_table('gift_handouts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_gift_handouts_recipient_id'))
        batch_op.drop_index(batch_op.f('ix_gift_handouts_event_id'))

    op.drop_table('gift_handouts')
    op.drop_table('gift_stage')
    # ### end Alembic commands ###
