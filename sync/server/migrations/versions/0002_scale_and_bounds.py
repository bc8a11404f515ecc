"""64-bit change sequences; indexed duplicate-person lookup columns, filled for stored people.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from hexikit.sync.server.schema import name_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_NEW_COLUMNS = ("event_id", "name_key", "email_key", "origin_device")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":  # SQLite's INTEGER is 64-bit already
        op.alter_column("operations", "seq", type_=sa.BigInteger(), existing_nullable=False)
        op.alter_column("conflicts", "seq", type_=sa.BigInteger(), existing_nullable=False)
    with op.batch_alter_table("entities") as batch:
        batch.add_column(sa.Column("event_id", sa.String(36), nullable=True))
        batch.add_column(sa.Column("name_key", sa.String(800), nullable=True))
        batch.add_column(sa.Column("email_key", sa.String(800), nullable=True))
        batch.add_column(sa.Column("origin_device", sa.String(36), nullable=True))
    entities = sa.table(
        "entities",
        sa.column("entity_type", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("data", sa.JSON),
        sa.column("field_device", sa.JSON),
        *(sa.column(name, sa.String) for name in _NEW_COLUMNS),
    )
    people = bind.execute(
        sa.select(entities.c.entity_id, entities.c.data, entities.c.field_device).where(
            entities.c.entity_type == "participant"
        )
    ).all()
    for person in people:
        data, devices = person.data, person.field_device
        live = bool(data.get("consent")) and not data.get("deleted_at")
        bind.execute(
            sa.update(entities)
            .where(
                entities.c.entity_type == "participant", entities.c.entity_id == person.entity_id
            )
            .values(
                event_id=data.get("event_id") if live else None,
                name_key=name_key(data.get("name")) if live else None,
                email_key=name_key(data.get("email")) if live else None,
                origin_device=devices.get("id", devices.get("*")),
            )
        )
    op.create_index("ix_entities_person_name", "entities", ["entity_type", "event_id", "name_key"])
    op.create_index(
        "ix_entities_person_email", "entities", ["entity_type", "event_id", "email_key"]
    )


def downgrade() -> None:
    op.drop_index("ix_entities_person_email", "entities")
    op.drop_index("ix_entities_person_name", "entities")
    with op.batch_alter_table("entities") as batch:
        for name in _NEW_COLUMNS:
            batch.drop_column(name)
