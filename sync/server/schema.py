"""The reference server's tables (SQLAlchemy Core) and the engine that holds them.

SQLite by default, PostgreSQL by URL. Each entity keeps, per field, the change sequence and
the device of its last write (`field_seq`, `field_device`); the key "*" stands for every field
not listed, so a create stores one small JSON instead of one entry per field.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
)
from sqlalchemy.exc import ArgumentError

metadata = MetaData()

devices = Table(
    "devices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
)

operations = Table(
    "operations",
    metadata,
    # The change sequence: assigned under the write lock, so it is the commit order. 64-bit.
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("op_id", String(36), nullable=False, unique=True),
    Column("device_id", String(36), nullable=False, index=True),
    Column("entity_type", String(20), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("action", String(10), nullable=False),
    Column("payload", JSON, nullable=False),
    # NULL (not JSON null) for "no fields" and "no conflict": creates skip two encodings.
    Column("fields", JSON(none_as_null=True), nullable=True),
    Column("status", String(10), nullable=False),
    Column("conflict", JSON(none_as_null=True), nullable=True),
    Column("received_at", String(40), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("entity_type", String(20), primary_key=True),
    Column("entity_id", String(36), primary_key=True),
    Column("data", JSON, nullable=False),
    Column("field_seq", JSON, nullable=False),
    Column("field_device", JSON, nullable=False),
    Column("participant_id", String(36), nullable=True, index=True),
    Column("claim_code", String(8), nullable=True, index=True),
    Column("member", String(200), nullable=True),
    # The duplicate-person check (apply._possible_duplicate) is an indexed lookup on these:
    # a consented, live participant's event, normalised name and email, and the device that
    # created it. NULL for everything else, so a withdrawn consent leaves nothing behind.
    Column("event_id", String(36), nullable=True),
    Column("name_key", String(800), nullable=True),
    Column("email_key", String(800), nullable=True),
    Column("origin_device", String(36), nullable=True),
    # Led by the key (migration 0003): each lookup has exactly one index that fits.
    Index("ix_entities_person_name", "name_key", "event_id"),
    Index("ix_entities_person_email", "email_key", "event_id"),
)


class KeyState(StrEnum):
    """Where the request behind an idempotency key stands."""

    RUNNING = "running"
    DONE = "done"


idempotency = Table(
    "idempotency_keys",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("key", String(36), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("state", String(10), nullable=False),  # a KeyState
    Column("status_code", Integer, nullable=False, default=0),
    Column("response", Text, nullable=False, default=""),
    Column("created", Float, nullable=False),
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("entity_type", String(20), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("detail", JSON, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("participant_id", String(36), nullable=False),
    Column("member", String(200), nullable=False),
    Column("claimed_at", String(40), nullable=False),
)


def open_engine(url: str) -> Engine:
    """An engine for `url` with its schema migrated to the newest (a plain path is a SQLite file).

    PostgreSQL needs the `server` extra (`pip install 'hexikit[server]'`, psycopg 3):
    `postgresql+psycopg://role@host/database`.
    """
    if "://" not in url:
        url = f"sqlite:///{url}"
    try:
        engine = create_engine(url, future=True, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise ServerDatabaseError(
            f"the database driver {exc.name!r} is not installed: for PostgreSQL run "
            "pip install 'hexikit[server]' and use a postgresql+psycopg:// URL"
        ) from None
    except ArgumentError as exc:
        raise ServerDatabaseError(f"not a database URL: {url} ({exc})") from None
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()

    from hexikit.sync.server.migrations import upgrade

    upgrade(engine)
    return engine


class ServerDatabaseError(Exception):
    """The server's database cannot be opened; the message says what to do."""


def name_key(value: object) -> str | None:
    """A name or email as the duplicate-person check compares it (None when empty)."""
    key = " ".join(str(value or "").split()).casefold()
    return key or None


def iso_now() -> str:
    """The stored form of "now": ISO 8601 text in UTC."""
    return datetime.now(UTC).isoformat()


def seq_of(field_seq: dict[str, int], name: str) -> int:
    """The change sequence that last wrote field `name` of an entity."""
    return int(field_seq.get(name, field_seq.get("*", 0)))


def device_of(field_device: dict[str, str], name: str) -> str:
    """The device that last wrote field `name` of an entity."""
    return str(field_device.get(name, field_device.get("*", "")))


def chunks(items: Sequence[str], size: int = 500) -> Iterator[Sequence[str]]:
    """`items` in pieces for IN (...) lists (SQLite limits the number of bound values)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
