"""forum moderation and survey

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 17:50:18.451971
"""
from alembic import op
import sqlalchemy as sa
import kiosk.database


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('survey_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_survey_questions_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_questions'))
    )
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_questions_event_id'), ['event_id'], unique=False)

    op.create_table('survey_responses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('device', sa.String(length=64), nullable=False),
    sa.Column('address_ip', sa.String(length=64), nullable=False),
    sa.Column('created_at', kiosk.database.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_survey_responses_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_responses'))
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_responses_event_id'), ['event_id'], unique=False)

    op.create_table('forum_settings',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('on_screen_id', sa.Integer(), nullable=True),
    sa.Column('show_survey_on_screen', sa.Boolean(), nullable=False),
    sa.Column('review_words', sa.JSON(), nullable=False),
    sa.Column('per_device_per_hour', sa.Integer(), nullable=False),
    sa.Column('per_address_per_hour', sa.Integer(), nullable=False),
    sa.Column('min_seconds_between', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_forum_settings_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['on_screen_id'], ['opinions.id'], name=op.f('fk_forum_settings_on_screen_id_opinions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('event_id', name=op.f('pk_forum_settings'))
    )
    with op.batch_alter_table('opinions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('original_text', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('phone', sa.String(length=30), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('flagged', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('answered_by', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('answer_note', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('responsible_unit', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('deadline', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('device', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('address_ip', sa.String(length=64), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('updated_at', kiosk.database.UTCDateTime(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_opinions_merged_into_id_opinions'), 'opinions', ['merged_into_id'], ['id'], ondelete='SET NULL')

    # ### end Alembic commands ###


def downgrade() -> None:
    with op.batch_alter_table('opinions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_opinions_merged_into_id_opinions'), type_='foreignkey')
        batch_op.drop_column('updated_at')
        batch_op.drop_column('address_ip')
        batch_op.drop_column('device')
        batch_op.drop_column('deadline')
        batch_op.drop_column('responsible_unit')
        batch_op.drop_column('answer_note')
        batch_op.drop_column('answered_by')
        batch_op.drop_column('merged_into_id')
        batch_op.drop_column('flagged')
        batch_op.drop_column('phone')
        batch_op.drop_column('original_text')

    op.drop_table('forum_settings')
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_responses_event_id'))

    op.drop_table('survey_responses')
    with op.batch_alter_table('survey_questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_questions_event_id'))

    op.drop_table('survey_questions')
    # ### end Alembic commands ###
