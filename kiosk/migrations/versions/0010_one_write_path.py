"""one write path: request fingerprints beside idempotency keys, refused codes kept,
opinions dated when sent (rate limits), failed logins counted in the database

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
import kiosk.database


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

KEYED_LOGS = ('checkin_scans', 'gift_handouts', 'award_handouts', 'activity_counts', 'opinions')


def upgrade() -> None:
    # What a keyed request asked for: the same key sent with another request is refused.
    for table in KEYED_LOGS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('request_digest', sa.String(length=64), nullable=True))
    with op.batch_alter_table('checkin_scans', schema=None) as batch_op:
        batch_op.add_column(sa.Column('code_tried', sa.String(length=300), nullable=False, server_default=''))

    # Citizens' sends are dated when they were made (a queued one arrives later) and
    # the hall's shared tablet has its own limit.
    for table in ('opinions', 'survey_responses'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('sent_at', kiosk.database.UTCDateTime(), nullable=True))
            batch_op.add_column(sa.Column('via_kiosk', sa.Boolean(), nullable=False, server_default=sa.false()))
        op.execute(f'UPDATE {table} SET sent_at = created_at')
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column('sent_at', existing_type=kiosk.database.UTCDateTime(), nullable=False)
            batch_op.create_index(batch_op.f(f'ix_{table}_sent_at'), ['sent_at'], unique=False)

    op.create_table('login_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=64), nullable=False),
    sa.Column('at', kiosk.database.UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempts'))
    )
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.create_index('ix_login_attempts_account_address_at', ['account', 'address', 'at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('login_attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_login_attempts_account_address_at')
    op.drop_table('login_attempts')
    for table in ('opinions', 'survey_responses'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_sent_at'))
            batch_op.drop_column('via_kiosk')
            batch_op.drop_column('sent_at')
    with op.batch_alter_table('checkin_scans', schema=None) as batch_op:
        batch_op.drop_column('code_tried')
    for table in KEYED_LOGS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('request_digest')
