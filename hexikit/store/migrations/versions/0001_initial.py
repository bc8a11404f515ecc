"""First schema: events, participants, activities.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hexikit.store.models import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _entity_columns() -> list[sa.Column]:  # type: ignore[type-arg,unused-ignore]
    return [
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("deleted_at", UTCDateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "events",
        *_entity_columns(),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("date", sa.String(10), nullable=False),
        sa.Column("venue", sa.String(200), nullable=False),
        sa.Column("region", sa.String(40), nullable=False),
        sa.Column("facilitator", sa.String(200), nullable=False),
    )
    op.create_table(
        "participants",
        *_entity_columns(),
        sa.Column(
            "event_id",
            sa.String(36),
            sa.ForeignKey("events.id", name="fk_participants_event_id_events"),
            nullable=True,
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("role", sa.String(200), nullable=False),
        sa.Column("region", sa.String(40), nullable=False),
        sa.Column("is_member", sa.Boolean(), nullable=False),
        sa.Column("consent", sa.Boolean(), nullable=False),
        sa.Column("consent_at", UTCDateTime(), nullable=True),
        sa.Column("consent_wording", sa.Text(), nullable=False),
    )
    op.create_index("ix_participants_event_id", "participants", ["event_id"])
    op.create_table(
        "activities",
        *_entity_columns(),
        sa.Column(
            "event_id",
            sa.String(36),
            sa.ForeignKey("events.id", name="fk_activities_event_id_events"),
            nullable=False,
        ),
        sa.Column(
            "participant_id",
            sa.String(36),
            sa.ForeignKey("participants.id", name="fk_activities_participant_id_participants"),
            nullable=True,
        ),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("regions", sa.JSON(), nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("hours", sa.Numeric(6, 2), nullable=True),
    )
    op.create_index("ix_activities_event_kind", "activities", ["event_id", "kind"])
    op.create_index("ix_activities_participant_id", "activities", ["participant_id"])


def downgrade() -> None:
    op.drop_table("activities")
    op.drop_table("participants")
    op.drop_table("events")
