"""Applying pulled changes to the local store, without writing the outbox.

A pull page is applied together with its cursor in one transaction. Fields with local changes
not yet acknowledged are not overwritten: the local change is on its way and the server merges
it.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hexikit.base.clock import SYSTEM_CLOCK, Clock
from hexikit.records.domain import EntityType
from hexikit.store import Store
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
from hexikit.sync.protocol import OpAction

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


def apply_pull_page(
    store: Store, changes: list[dict[str, Any]], next_cursor: int, clock: Clock = SYSTEM_CLOCK
) -> tuple[int, int]:
    """Apply one page of changes and save its cursor, in one transaction: (applied, conflicts)."""
    applied = conflicts = 0
    with store.transaction() as session:
        cursor = pull_cursor(session)
        if next_cursor <= cursor:
            return 0, 0
        _record_mark(session, cursor)
        for change in changes:
            if int(change["seq"]) <= cursor or change.get("mine"):
                continue
            if apply_remote_in(
                session,
                str(change["entity_type"]),
                str(change["entity_id"]),
                str(change["action"]),
                dict(change.get("fields") or {}),
                change.get("entity"),
            ):
                applied += 1
            if change.get("conflict"):
                conflicts += 1
                log_conflict(
                    session,
                    str(change["entity_type"]),
                    str(change["entity_id"]),
                    {"source": "pull", "op_id": change["op_id"], **change["conflict"]},
                    clock,
                )
        state_set(session, KEY_CURSOR, str(next_cursor))
    return applied, conflicts
