"""accounts: installation-wide audit entries (no event), a user's last login

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 09:00:00.000000
"""
from alembic import op
import sqlalchemy as sa
import kiosk.database


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Accounts and API tokens belong to the installation, not to one event: their
    # changes are audited with no event.
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.alter_column('event_id', existing_type=sa.Integer(), nullable=True)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_login_at', kiosk.database.UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('last_login_at')
    # An older version has nowhere to show installation-wide entries.
    op.execute('DELETE FROM audit_entries WHERE event_id IS NULL')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.alter_column('event_id', existing_type=sa.Integer(), nullable=False)
