"""Alembic migrations, run programmatically (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine

if TYPE_CHECKING:
    from alembic.config import Config

SCRIPT_LOCATION = Path(__file__).resolve().parent


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    return config


def _migration_engine(engine: Engine) -> Engine:
    """A private engine for migrating: one real transaction, foreign keys off while it runs.

    SQLite can only rebuild a table (Alembic batch mode) with foreign keys off, and pysqlite
    would otherwise commit DDL statement by statement, leaving a half-upgraded file after a
    failure. So: autocommit driver mode, our own BEGIN IMMEDIATE, and a foreign-key check
    before the commit (SQLite's documented procedure for altering tables).
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    migrator = create_engine(engine.url, poolclass=NullPool, connect_args={"timeout": 30})

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.close()

    def on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(migrator, "connect", on_connect)
    event.listen(migrator, "begin", on_begin)
    return migrator


def run_upgrade(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database behind `engine` to `revision`, all in one transaction."""
    from alembic import command

    config = alembic_config()
    in_memory = engine.url.database in (None, "", ":memory:")
    migrator = engine if in_memory else _migration_engine(engine)
    try:
        with migrator.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise RuntimeError(f"the upgrade would break {len(broken)} references")
    finally:
        if migrator is not engine:
            migrator.dispose()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations have {len(heads)} heads: {heads}")
    return str(heads[0])
