"""Needs attention: operations the server refused, and the conflict log.

Parked operations are kept until the user retries them (same op IDs, so still exactly once)
or discards them (the rows stay, marked discarded).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from hexikit.store import Store
from hexikit.store.models import ConflictRecord, OutboxOperation
from hexikit.sync.client.state import OutboxState, rowcount


@dataclass(frozen=True)
class ParkedOperation:
    seq: int
    op_id: str
    entity_type: str
    entity_id: str
    action: str
    error: str
    created_at: datetime


def parked_operations(store: Store) -> list[ParkedOperation]:
    with store.session() as session:
        rows = session.scalars(
            select(OutboxOperation)
            .where(OutboxOperation.state == OutboxState.PARKED)
            .order_by(OutboxOperation.seq)
        )
        return [
            ParkedOperation(
                seq=row.seq,
                op_id=row.op_id,
                entity_type=row.entity_type,
                entity_id=row.entity_id,
                action=row.action,
                error=row.last_error,
                created_at=row.created_at,
            )
            for row in rows
        ]


def retry_parked(store: Store, seqs: Iterable[int]) -> int:
    """Put parked operations back in the queue (same op IDs, so still exactly once)."""
    with store.transaction() as session:
        return rowcount(
            session.execute(
                update(OutboxOperation)
                .where(
                    OutboxOperation.seq.in_(list(seqs)), OutboxOperation.state == OutboxState.PARKED
                )
                .values(state=OutboxState.PENDING, batch_key=None)
            )
        )


def discard_parked(store: Store, seqs: Iterable[int]) -> int:
    """The user chose to drop these operations; the rows stay, marked discarded."""
    with store.transaction() as session:
        return rowcount(
            session.execute(
                update(OutboxOperation)
                .where(
                    OutboxOperation.seq.in_(list(seqs)), OutboxOperation.state == OutboxState.PARKED
                )
                .values(state=OutboxState.DISCARDED)
            )
        )


def conflict_log(store: Store, limit: int = 200) -> list[ConflictRecord]:
    with store.session() as session:
        return list(
            session.scalars(
                select(ConflictRecord).order_by(ConflictRecord.created_at.desc()).limit(limit)
            )
        )
