"""The server schema's Alembic migrations, run programmatically by `open_engine`.

A database from before migrations (made by `create_all`, with no `alembic_version`) is stamped
as revision 0001, the schema it has, then upgraded. Upgrades take a lock first (an advisory
lock on PostgreSQL, BEGIN IMMEDIATE on SQLite), so several server processes starting at once on
one database migrate it once; all of an upgrade is one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.pool import NullPool

SCRIPT_LOCATION = Path(__file__).resolve().parent
#: The newest revision (tests/sync/test_server_schema.py checks it against the scripts), so a
#: server opening a current database skips loading Alembic at all.
HEAD = "0003"
_MIGRATION_LOCK = 4243


def _current(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    version = conn.scalar(text("SELECT version_num FROM alembic_version"))
    return None if version is None else str(version)


def _sqlite_migrator(engine: Engine) -> Engine:
    """pysqlite commits DDL statement by statement; our own BEGIN IMMEDIATE makes it one."""
    migrator = create_engine(engine.url, poolclass=NullPool, connect_args={"timeout": 30})

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    def on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(migrator, "connect", on_connect)
    event.listen(migrator, "begin", on_begin)
    return migrator


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind `engine` to `revision` (the newest by default)."""
    with engine.connect() as conn:
        if revision == "head" and _current(conn) == HEAD:
            return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    sqlite = engine.dialect.name == "sqlite"
    in_memory = sqlite and engine.url.database in (None, "", ":memory:")
    migrator = _sqlite_migrator(engine) if sqlite and not in_memory else engine
    try:
        with migrator.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})"))
            config.attributes["connection"] = conn
            if _current(conn) is None and inspect(conn).has_table("operations"):
                command.stamp(config, "0001")
            command.upgrade(config, revision)
    finally:
        if migrator is not engine:
            migrator.dispose()
