"""The server schema as it was before migrations (issue 15 stamps such databases 0001).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "devices",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "operations",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("op_id", sa.String(36), nullable=False, unique=True),
        sa.Column("device_id", sa.String(36), nullable=False, index=True),
        sa.Column("entity_type", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("action", sa.String(10), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("fields", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("conflict", sa.JSON(none_as_null=True), nullable=True),
        sa.Column("received_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("entity_type", sa.String(20), primary_key=True),
        sa.Column("entity_id", sa.String(36), primary_key=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("field_seq", sa.JSON, nullable=False),
        sa.Column("field_device", sa.JSON, nullable=False),
        sa.Column("participant_id", sa.String(36), nullable=True, index=True),
        sa.Column("claim_code", sa.String(8), nullable=True, index=True),
        sa.Column("member", sa.String(200), nullable=True),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("key", sa.String(36), primary_key=True),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("status_code", sa.Integer, nullable=False),
        sa.Column("response", sa.Text, nullable=False),
        sa.Column("created", sa.Float, nullable=False),
    )
    op.create_table(
        "conflicts",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("entity_type", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.String(36), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("code", sa.String(8), primary_key=True),
        sa.Column("participant_id", sa.String(36), nullable=False),
        sa.Column("member", sa.String(200), nullable=False),
        sa.Column("claimed_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    for table in ("claims", "conflicts", "idempotency_keys", "entities", "operations", "devices"):
        op.drop_table(table)
