"""What a device reads back: the change feed (`GET /v1/changes`) and the reconcile digest."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Engine, Row, select

from hexikit.sync.protocol import OpAction, ops_digest
from hexikit.sync.server.schema import chunks, entities, operations, seq_of

#: An entity's current per-field sequences and data, by (entity type, entity id).
_Current = dict[tuple[str, str], tuple[dict[str, int], dict[str, Any]]]


def changes_page(engine: Engine, device_id: str, after: int, limit: int) -> dict[str, Any]:
    """Up to `limit` changes after sequence `after`, in commit order, as `device_id` sees them."""
    with engine.connect() as conn:
        rows = list(
            conn.execute(
                select(operations)
                .where(operations.c.seq > after)
                .order_by(operations.c.seq)
                .limit(limit + 1)
            )
        )
        more = len(rows) > limit
        rows = rows[:limit]
        current = _current_state(conn, rows)
    changes = []
    for row in rows:
        # Only values still current: a field a later operation overwrote is not sent, so
        # an older change can never undo a newer one on the laptop.
        seqs, data = current.get((row.entity_type, row.entity_id), ({}, {}))
        fields = {k: v for k, v in (row.fields or {}).items() if seq_of(seqs, k) == row.seq}
        change = {
            "seq": row.seq,
            "op_id": row.op_id,
            "mine": row.device_id == device_id,
            "entity_type": row.entity_type,
            "entity_id": row.entity_id,
            "action": row.action,
            "fields": fields,
            "conflict": row.conflict,
        }
        if row.action in (OpAction.CREATE, OpAction.SNAPSHOT) and row.device_id != device_id:
            # A laptop that does not have the record yet creates it from its current state.
            change["entity"] = data
        changes.append(change)
    next_cursor = rows[-1].seq if rows else after
    return {"changes": changes, "next": next_cursor, "more": more}


def _current_state(conn: Connection, rows: Sequence[Row[Any]]) -> _Current:
    wanted: dict[str, set[str]] = {}
    for row in rows:
        wanted.setdefault(row.entity_type, set()).add(row.entity_id)
    found: _Current = {}
    for entity_type, ids in wanted.items():
        for chunk in chunks(sorted(ids)):
            for entity in conn.execute(
                select(entities.c.entity_id, entities.c.field_seq, entities.c.data).where(
                    entities.c.entity_type == entity_type, entities.c.entity_id.in_(chunk)
                )
            ):
                found[(entity_type, entity.entity_id)] = (
                    dict(entity.field_seq),
                    dict(entity.data),
                )
    return found


def reconcile(engine: Engine, device_id: str) -> dict[str, Any]:
    """The count and hash of the operation IDs the server holds for `device_id`."""
    with engine.connect() as conn:
        ids = conn.scalars(
            select(operations.c.op_id).where(operations.c.device_id == device_id)
        ).all()
    count, digest = ops_digest(ids)
    return {"device": device_id, "count": count, "hash": digest}
