"""Opening the SQLite database safely: pragmas, damaged files moved aside, migrations.

Alembic is imported only when the schema is not current, so a normal start does not pay for it.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from hexikit.base.i18n import _
from hexikit.records.store_api import StoreError

log = logging.getLogger(__name__)

#: The newest migration; a test checks it equals Alembic's head.
HEAD_REVISION = "0003"


@dataclass
class OpenNotice:
    """Something the user must be told after opening (a damaged file was moved aside)."""

    message: str
    moved_to: Path | None = None


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": 5},
    )
    event.listen(engine, "connect", _set_pragmas)
    return engine


# SQLite errors that mean "this file is damaged or not a database" (extended names such as
# SQLITE_CORRUPT_INDEX included); anything else (busy, locked, cannot open, permissions, I/O)
# is not the file's fault and must never make us move a good database aside.
_DAMAGED_NAMES = ("SQLITE_CORRUPT", "SQLITE_NOTADB")


def _is_damage(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", None)
    if not name:
        return isinstance(exc, sqlite3.DatabaseError) and not isinstance(
            exc, sqlite3.OperationalError
        )
    return str(name).startswith(_DAMAGED_NAMES)


def _cannot_open(path: Path, exc: sqlite3.Error) -> StoreError:
    return StoreError(
        _(
            "Hexikit could not open its database at {path} ({error}). It was left as it is. "
            "If another program is using it, close that program; otherwise check the folder's "
            "permissions, then start Hexikit again."
        ).format(path=path, error=exc)
    )


def _probe(path: Path) -> tuple[bool, str | None]:
    """(healthy, current revision) of an existing database file, using plain sqlite3.

    Raises StoreError when the file cannot be read for a reason other than damage.
    """
    try:
        conn = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=5)
    except sqlite3.Error as exc:
        raise _cannot_open(path, exc) from exc
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        row = conn.execute("PRAGMA quick_check").fetchone()
        if not row or row[0] != "ok":
            return False, None
        has_version = conn.execute(
            "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()[0]
        if not has_version:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            # An empty file is a fresh database; tables without a version are not ours.
            return (tables == 0), None
        version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return True, version[0] if version else None
    except sqlite3.Error as exc:
        if _is_damage(exc):
            return False, None
        raise _cannot_open(path, exc) from exc
    finally:
        conn.close()


def move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL/SHM) out of the way; never delete it."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.damaged-{stamp}-{counter}{path.suffix}")
        counter += 1
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run Alembic migrations up to `revision` on `engine`."""
    from hexikit.store.migrations import run_upgrade

    run_upgrade(engine, revision)


def prepare_database(path: Path) -> tuple[Engine, OpenNotice | None]:
    """Open (creating or migrating as needed) the database at `path`."""
    notice: OpenNotice | None = None
    revision: str | None = None
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > 0:
        healthy, revision = _probe(path)
        if not healthy:
            try:
                moved = move_aside(path)
            except OSError as exc:
                raise StoreError(
                    _(
                        "The Hexikit database at {path} could not be read, and it could not be "
                        "moved aside either ({error}). Check the folder's permissions, or "
                        "start Hexikit with another data folder (--data-dir)."
                    ).format(path=path, error=exc)
                ) from exc
            log.warning("damaged database moved aside to %s", moved)
            notice = OpenNotice(
                _(
                    "The Hexikit database could not be read, so it was moved aside to {path} "
                    "and a new, empty one was started. Nothing was deleted: keep that file and "
                    "send it to support if you need what was in it."
                ).format(path=moved),
                moved_to=moved,
            )
            revision = None
    engine = make_engine(path)
    if revision != HEAD_REVISION:
        try:
            upgrade(engine)
        except Exception as exc:  # a migration failure must explain itself, not crash
            engine.dispose()
            raise StoreError(
                _(
                    "Hexikit could not prepare its database at {path} ({error}). "
                    "Check that the folder is writable and the disk is not full."
                ).format(path=path, error=exc)
            ) from exc
    return engine, notice
