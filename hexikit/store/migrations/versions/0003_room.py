"""The room web app's local tables (issue 18): which phone speaks for which participant, and
which entries came from a phone.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hexikit.store.models import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "room_phones",
        sa.Column("phone_hash", sa.String(64), primary_key=True),
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("participant_id", sa.String(36), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("phone_hash", "event_id", name="pk_room_phones"),
    )
    op.create_table(
        "room_entries",
        sa.Column("activity_id", sa.String(36), primary_key=True),
        sa.Column("phone_hash", sa.String(64), nullable=False),
        sa.Column("event_id", sa.String(36), nullable=False),
        sa.Column("post_key", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("activity_id", name="pk_room_entries"),
    )
    op.create_index("ix_room_entries_phone_hash", "room_entries", ["phone_hash"])
    op.create_index("ix_room_entries_event_id", "room_entries", ["event_id"])


def downgrade() -> None:
    op.drop_index("ix_room_entries_event_id", table_name="room_entries")
    op.drop_index("ix_room_entries_phone_hash", table_name="room_entries")
    op.drop_table("room_entries")
    op.drop_table("room_phones")
