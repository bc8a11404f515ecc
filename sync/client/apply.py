"""Applying pulled changes to the local store, without writing the outbox.

A pull page is applied together with its cursor in one transaction. Fields with local changes
not yet acknowledged are not overwritten: the local change is on its way and the server merges
it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from hexikit.base.clock import SYSTEM_CLOCK, Clock
from hexikit.records.domain import EntityType
from hexikit.store import Store, StoreWriteError
from hexikit.store.models import SYNCED_ENTITIES, ConflictRecord, OutboxOperation, SyncedEntity
from hexikit.sync.client.state import (
    KEY_CURSOR,
    KEY_MARKS,
    UNACKED,
    OutboxState,
    pull_cursor,
    state_get,
    state_set,
)
from hexikit.sync.protocol import UNAPPLIED, OpAction

log = logging.getLogger(__name__)


def _to_model_value(entity_cls: type[SyncedEntity], name: str, value: Any) -> Any:
    column = entity_cls.__table__.columns.get(name)
    if column is None or value is None:
        return value
    type_name = type(column.type).__name__
    if type_name == "UTCDateTime" and isinstance(value, str):
        return datetime.fromisoformat(value)
    if type_name == "Numeric":
        return Decimal(str(value))
    return value


def _protected_fields(session: Session, entity_type: str, entity_id: str) -> set[str]:
    """Fields with local changes not yet acknowledged: remote values must not overwrite them."""
    protected: set[str] = set()
    rows = session.execute(
        select(OutboxOperation.action, OutboxOperation.payload).where(
            OutboxOperation.entity_id == entity_id,
            OutboxOperation.entity_type == entity_type,
            OutboxOperation.state.in_(UNACKED),
        )
    ).all()
    for action, payload in rows:
        if action in (OpAction.CREATE, OpAction.SNAPSHOT):
            return {"*"}
        protected.update(payload)
    protected.discard("updated_at")
    return protected


def synced_class(entity_type: str) -> type[SyncedEntity] | None:
    """The model of a synced entity type as the wire names it (None for an unknown one)."""
    try:
        return SYNCED_ENTITIES.get(EntityType(entity_type))
    except ValueError:
        return None


def apply_remote_in(
    session: Session,
    entity_type: str,
    entity_id: str,
    action: str,
    fields: dict[str, Any],
    full: dict[str, Any] | None = None,
) -> bool:
    """Write remote values into the local row without an outbox row; True when it changed.

    `full` is the server's current record, used when the laptop does not have it yet.
    """
    entity_cls = synced_class(entity_type)
    if entity_cls is None or not (fields or full):
        return False
    protected = _protected_fields(session, entity_type, entity_id)
    if "*" in protected:
        return False
    columns = entity_cls.__table__.columns

    def model_values(source: dict[str, Any]) -> dict[str, Any]:
        return {
            name: _to_model_value(entity_cls, name, value)
            for name, value in source.items()
            if name in columns and name not in protected and name != "id"
        }

    values = model_values(fields)
    entity = session.get(entity_cls, entity_id)
    if entity is None:
        if action not in (OpAction.CREATE, OpAction.SNAPSHOT) or not full:
            log.warning("remote %s for unknown %s %s skipped", action, entity_type, entity_id)
            return False
        values = model_values(full)
        if entity_type == EntityType.PARTICIPANT:
            values["name"] = values.get("name") or ""
        entity = entity_cls(id=entity_id, **values)
        session.add(entity)
        session.flush()
        return True
    changed = False
    for name, value in values.items():
        if getattr(entity, name) != value:
            setattr(entity, name, value)
            changed = True
    if changed:
        session.flush()
    return changed


def log_conflict(
    session: Session, entity_type: str, entity_id: str, detail: dict[str, Any], clock: Clock
) -> None:
    session.add(
        ConflictRecord(
            entity_type=entity_type, entity_id=entity_id, detail=detail, created_at=clock.now()
        )
    )


def _record_mark(session: Session, cursor: int) -> None:
    """Remember that every outbox row written so far was based on `cursor` (see outbox._base_for)."""
    top = session.scalar(select(func.max(OutboxOperation.seq))) or 0
    oldest_pending = session.scalar(
        select(func.min(OutboxOperation.seq)).where(OutboxOperation.state == OutboxState.PENDING)
    )
    marks: list[list[int]] = json.loads(state_get(session, KEY_MARKS) or "[]")
    if oldest_pending is None:
        marks = []
    else:
        marks = [mark for mark in marks if mark[0] >= oldest_pending]
        if not marks or marks[-1][0] < top:
            marks.append([int(top), cursor])
    state_set(session, KEY_MARKS, json.dumps(marks))


@dataclass
class PageOutcome:
    """What applying one pull page did."""

    applied: int = 0
    conflicts: int = 0
    #: Changes this laptop could not use: logged with the reason, and the cursor moved on.
    unapplied: int = 0


def _apply_change(session: Session, change: dict[str, Any], clock: Clock) -> tuple[bool, bool]:
    """Apply one change of the feed: (changed a record, logged a conflict)."""
    changed = apply_remote_in(
        session,
        str(change["entity_type"]),
        str(change["entity_id"]),
        str(change["action"]),
        dict(change.get("fields") or {}),
        change.get("entity"),
    )
    if not change.get("conflict"):
        return changed, False
    log_conflict(
        session,
        str(change["entity_type"]),
        str(change["entity_id"]),
        {"source": "pull", "op_id": change.get("op_id"), **dict(change["conflict"])},
        clock,
    )
    return changed, True


def _change_seq(change: object) -> int | None:
    """The change's sequence number, or None for a change too malformed to look at."""
    if not isinstance(change, dict):
        return None
    seq = change.get("seq")
    return seq if isinstance(seq, int) and not isinstance(seq, bool) else None


def _log_unapplied(session: Session, change: object, reason: str, clock: Clock) -> None:
    source = change if isinstance(change, dict) else {}
    log_conflict(
        session,
        str(source.get("entity_type") or "?")[:20],
        str(source.get("entity_id") or "?")[:36],
        {
            "kind": UNAPPLIED,
            "source": "pull",
            "seq": _change_seq(change),
            "op_id": str(source.get("op_id") or ""),
            "reason": reason[:500],
        },
        clock,
    )


def _wanted(changes: list[Any], cursor: int) -> list[Any]:
    """The page's changes this laptop has not seen and did not write (malformed ones too)."""
    wanted = []
    for change in changes:
        seq = _change_seq(change)
        if seq is not None and (seq <= cursor or change.get("mine")):
            continue
        wanted.append(change)
    return wanted


def apply_pull_page(
    store: Store, changes: list[Any], next_cursor: int, clock: Clock = SYSTEM_CLOCK
) -> PageOutcome:
    """Apply one page of changes and save its cursor, in one transaction.

    A change this laptop cannot use (a value it cannot store, a record it does not have, a
    claim code it already gave someone else) never stops the pull: the page is then applied
    change by change, each that fails is logged with the reason ("unapplied" in the conflict
    log, shown on the Sync page), and the cursor moves on. Applying a change twice writes the
    same values, so a crash between those transactions loses nothing.
    """
    try:
        return _apply_page_at_once(store, changes, next_cursor, clock)
    except Exception as exc:
        if _is_disk_problem(exc):
            raise  # the disk, not the change: stop, and the next sync tries again
        log.warning("pull page with an unusable change (%s); applying change by change", exc)
    return _apply_page_one_by_one(store, changes, next_cursor, clock)


def _is_disk_problem(exc: Exception) -> bool:
    """A write that failed for the file's sake (full, read-only, locked), not the change's."""
    return isinstance(exc, StoreWriteError) and isinstance(exc.__cause__, OperationalError)


def _apply_page_at_once(
    store: Store, changes: list[Any], next_cursor: int, clock: Clock
) -> PageOutcome:
    outcome = PageOutcome()
    with store.transaction() as session:
        cursor = pull_cursor(session)
        if next_cursor <= cursor:
            return outcome
        _record_mark(session, cursor)
        for change in _wanted(changes, cursor):
            if _change_seq(change) is None:
                raise ValueError("a change without a sequence number")
            changed, conflicted = _apply_change(session, change, clock)
            outcome.applied += changed
            outcome.conflicts += conflicted
        state_set(session, KEY_CURSOR, str(next_cursor))
    return outcome


def _apply_page_one_by_one(
    store: Store, changes: list[Any], next_cursor: int, clock: Clock
) -> PageOutcome:
    outcome = PageOutcome()
    with store.session() as session:
        cursor = pull_cursor(session)
    if next_cursor <= cursor:
        return outcome
    for change in _wanted(changes, cursor):
        try:
            with store.transaction() as session:
                if _change_seq(change) is None:
                    raise ValueError("the change has no sequence number")
                changed, conflicted = _apply_change(session, change, clock)
            outcome.applied += changed
            outcome.conflicts += conflicted
        except Exception as exc:
            if _is_disk_problem(exc):
                raise
            reason = f"{type(exc).__name__}: {exc}".splitlines()[0]
            log.warning("remote change %s not applied: %s", _change_seq(change), reason)
            with store.transaction() as session:
                _log_unapplied(session, change, reason, clock)
            outcome.unapplied += 1
    with store.transaction() as session:
        _record_mark(session, cursor)
        state_set(session, KEY_CURSOR, str(next_cursor))
    return outcome
