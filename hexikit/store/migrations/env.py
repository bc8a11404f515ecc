"""Alembic environment: always called with a live connection from `run_upgrade`."""

from __future__ import annotations

from alembic import context

from hexikit.store.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite needs batch mode for ALTER
)
with context.begin_transaction():
    context.run_migrations()
