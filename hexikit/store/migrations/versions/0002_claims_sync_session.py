"""Claim codes on participants; matches, feedback; outbox and sync state; plans; rehearsals.

Existing participants get a fresh unique claim code.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hexikit.records.claimcodes import new_claim_code
from hexikit.store.models import UTCDateTime

revision = "0002"
down_revision = "0001"
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
    with op.batch_alter_table("participants") as batch:
        batch.add_column(sa.Column("claim_code", sa.String(8), nullable=True))
    connection = op.get_bind()
    used: set[str] = set()
    for (participant_id,) in connection.execute(sa.text("SELECT id FROM participants")):
        code = new_claim_code()
        while code in used:
            code = new_claim_code()
        used.add(code)
        connection.execute(
            sa.text("UPDATE participants SET claim_code = :code WHERE id = :id"),
            {"code": code, "id": participant_id},
        )
    with op.batch_alter_table("participants") as batch:
        batch.alter_column("claim_code", existing_type=sa.String(8), nullable=False)
        batch.create_unique_constraint("uq_participants_claim_code", ["claim_code"])

    op.create_table(
        "matches",
        *_entity_columns(),
        sa.Column(
            "event_id",
            sa.String(36),
            sa.ForeignKey("events.id", name="fk_matches_event_id_events"),
            nullable=False,
        ),
        sa.Column(
            "offer_id",
            sa.String(36),
            sa.ForeignKey("activities.id", name="fk_matches_offer_id_activities"),
            nullable=False,
        ),
        sa.Column(
            "request_id",
            sa.String(36),
            sa.ForeignKey("activities.id", name="fk_matches_request_id_activities"),
            nullable=False,
        ),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("explanation", sa.Text(), nullable=False),
    )
    op.create_index("ix_matches_event_id", "matches", ["event_id"])
    op.create_table(
        "feedback",
        *_entity_columns(),
        sa.Column(
            "event_id",
            sa.String(36),
            sa.ForeignKey("events.id", name="fk_feedback_event_id_events"),
            nullable=False,
        ),
        sa.Column("worked", sa.Text(), nullable=False),
        sa.Column("even_better_if", sa.Text(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=True),
    )
    op.create_index("ix_feedback_event_id", "feedback", ["event_id"])
    op.create_table(
        "outbox",
        sa.Column("seq", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("op_id", sa.String(36), nullable=False, unique=True),
        sa.Column("entity_type", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("batch_key", sa.String(36), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("acked_at", UTCDateTime(), nullable=True),
    )
    op.create_index("ix_outbox_state_seq", "outbox", ["state", "seq"])
    op.create_index("ix_outbox_entity_id", "outbox", ["entity_id"])
    op.create_index("ix_outbox_batch_key", "outbox", ["batch_key"])
    # Changes made before the outbox existed must still reach the server.
    op.execute(
        """
        INSERT INTO outbox (op_id, entity_type, entity_id, action, payload, created_at, state,
                            attempts, last_error)
        SELECT lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' ||
               substr(lower(hex(randomblob(2))), 2) || '-a' || substr(lower(hex(randomblob(2))), 2)
               || '-' || lower(hex(randomblob(6))),
               t.entity_type, t.id, 'snapshot', '{}', t.updated_at, 'pending', 0, ''
        FROM (SELECT 'event' AS entity_type, id, updated_at FROM events
              UNION ALL SELECT 'participant', id, updated_at FROM participants
              UNION ALL SELECT 'activity', id, updated_at FROM activities) AS t
        """
    )
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "conflicts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("entity_type", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("resolved", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_conflicts_entity_id", "conflicts", ["entity_id"])
    op.create_table(
        "saved_plans",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=True),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_saved_plans_kind", "saved_plans", ["kind"])
    op.create_index("ix_saved_plans_event_id", "saved_plans", ["event_id"])
    op.create_table(
        "rehearsal_runs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("deck_key", sa.String(500), nullable=False),
        sa.Column("deck_title", sa.String(200), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("total_seconds", sa.Float(), nullable=False),
        sa.Column("slide_seconds", sa.JSON(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
    )
    op.create_index("ix_rehearsal_runs_deck_key", "rehearsal_runs", ["deck_key"])


def downgrade() -> None:
    for table in (
        "rehearsal_runs",
        "saved_plans",
        "conflicts",
        "sync_state",
        "outbox",
        "feedback",
        "matches",
    ):
        op.drop_table(table)
    with op.batch_alter_table("participants") as batch:
        batch.drop_constraint("uq_participants_claim_code", type_="unique")
        batch.drop_column("claim_code")
