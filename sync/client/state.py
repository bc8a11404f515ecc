"""The client's bookkeeping in the local store: SyncState keys and the outbox rows' states."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hexikit.store import Store
from hexikit.store.models import ConflictRecord, OutboxOperation, SyncState


class OutboxState(StrEnum):
    """Where an outbox row stands (the Store writes new rows as `pending`)."""

    PENDING = "pending"
    #: In a frozen batch: its request body is stored and resent byte for byte until answered.
    FROZEN = "frozen"
    ACKED = "acked"
    #: Refused by the server: kept for the user to retry or discard ("needs attention").
    PARKED = "parked"
    #: The user chose to drop it; the row stays.
    DISCARDED = "discarded"


#: Local changes the server does not hold yet.
UNACKED = (OutboxState.PENDING, OutboxState.FROZEN, OutboxState.PARKED)

KEY_DEVICE = "device_id"
KEY_CURSOR = "pull_cursor"
KEY_LAST_SYNC = "last_sync"
KEY_MARKS = "base_marks"
KEY_BATCH_PREFIX = "batch:"


def state_get(session: Session, key: str) -> str | None:
    row = session.get(SyncState, key)
    return row.value if row is not None else None


def state_set(session: Session, key: str, value: str) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


def rowcount(result: Any) -> int:
    """The rows an UPDATE touched (0 when the driver does not say)."""
    return int(getattr(result, "rowcount", 0) or 0)


def ensure_device_id(session: Session) -> str:
    """This laptop's device ID, made on first use."""
    value = state_get(session, KEY_DEVICE)
    if not value:
        value = str(uuid.uuid4())
        state_set(session, KEY_DEVICE, value)
    return value


def device_id(store: Store) -> str:
    with store.transaction() as session:
        return ensure_device_id(session)


def pull_cursor(session: Session) -> int:
    """The sequence of the last change pulled and applied."""
    return int(state_get(session, KEY_CURSOR) or 0)


def outbox_counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        rows = session.execute(
            select(OutboxOperation.state, func.count()).group_by(OutboxOperation.state)
        ).all()
    counts: dict[str, int] = dict.fromkeys(OutboxState, 0)
    counts.update({state: int(count) for state, count in rows})
    return counts


def status(store: Store) -> dict[str, Any]:
    """Counts, last sync and device ID (for `hexikit sync status` and the indicator)."""
    counts = outbox_counts(store)
    ident = device_id(store)
    with store.session() as session:
        last = state_get(session, KEY_LAST_SYNC) or ""
        cursor = pull_cursor(session)
        open_conflicts = session.scalar(
            select(func.count())
            .select_from(ConflictRecord)
            .where(ConflictRecord.resolved.is_(False))
        )
    return {
        "device_id": ident,
        "pending": counts[OutboxState.PENDING] + counts[OutboxState.FROZEN],
        "parked": counts[OutboxState.PARKED],
        "acknowledged": counts[OutboxState.ACKED],
        "discarded": counts[OutboxState.DISCARDED],
        "last_sync": last,
        "pull_cursor": cursor,
        "conflicts": int(open_conflicts or 0),
    }


def acknowledged_op_ids(store: Store) -> list[str]:
    with store.session() as session:
        return list(
            session.scalars(
                select(OutboxOperation.op_id).where(OutboxOperation.state == OutboxState.ACKED)
            )
        )
