"""Freezing outbox batches and recording the server's answers to them.

`freeze_batch` takes the oldest pending operations, builds the request body once (consent
applied: participants who did not consent travel as an anonymous UUID plus region, claim code,
event and membership) and commits it, under a new batch key, before anything is sent. After a
crash the same body is resent byte for byte. `store_results` marks the operations acknowledged
(applied, duplicate or conflict) or parks them ("needs attention", never dropped) in one
transaction.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Text, select, type_coerce, update
from sqlalchemy.orm import Session

from hexikit.base.clock import SYSTEM_CLOCK, Clock
from hexikit.base.i18n import _
from hexikit.records.domain import EntityType
from hexikit.store import Store, entity_to_dict
from hexikit.store.models import OutboxOperation, Participant, SyncState
from hexikit.sync.client.apply import apply_remote_in, log_conflict, synced_class
from hexikit.sync.client.outcome import ServerUnreachable
from hexikit.sync.client.state import (
    KEY_BATCH_PREFIX,
    KEY_MARKS,
    OutboxState,
    ensure_device_id,
    pull_cursor,
    rowcount,
    state_get,
    state_set,
)
from hexikit.sync.protocol import (
    ACKED_STATUSES,
    CLIENT_BATCH_BYTES,
    CLIENT_BATCH_OPS,
    PERSONAL_FIELDS,
    OpAction,
    ResultStatus,
    redact_participant,
)


@dataclass
class FrozenBatch:
    """A push body built once and stored under its batch key (the Idempotency-Key)."""

    key: str
    body: bytes
    op_ids: list[str] = field(default_factory=list)


def _base_for(marks: list[list[int]], seq: int, cursor: int) -> int:
    """The pull cursor the laptop had when outbox row `seq` was written."""
    for mark_seq, mark_cursor in marks:
        if mark_seq >= seq:
            return mark_cursor
    return cursor


def _wire_payload(
    session: Session, op: Any, consented: set[str], entities: dict[str, Any]
) -> dict[str, Any]:
    """The payload as it goes on the wire (`op` is an outbox row with `payload_text`)."""
    payload = dict(json.loads(op.payload_text or "{}"))
    if op.action == OpAction.SNAPSHOT:
        entity = entities.get(op.entity_id)
        payload = entity_to_dict(entity) if entity is not None else {}
    if op.entity_type != EntityType.PARTICIPANT:
        return payload
    if op.entity_id not in consented:
        return redact_participant(payload)
    if op.action == OpAction.UPDATE and payload.get("consent") is True:
        # Consent given later: the personal details travel with it.
        entity = entities.get(op.entity_id) or session.get(Participant, op.entity_id)
        if entity is not None:
            full = entity_to_dict(entity)
            payload.update({name: full[name] for name in PERSONAL_FIELDS})
            payload["consent_at"] = full["consent_at"]
    return payload


def freeze_batch(
    store: Store, max_ops: int = CLIENT_BATCH_OPS, max_bytes: int = CLIENT_BATCH_BYTES
) -> FrozenBatch | None:
    """The frozen batch to send: an existing one (resent byte for byte) or a new one."""
    with store.transaction() as session:
        ident = ensure_device_id(session)
        key = session.scalar(
            select(OutboxOperation.batch_key)
            .where(OutboxOperation.state == OutboxState.FROZEN)
            .order_by(OutboxOperation.seq)
            .limit(1)
        )
        if key is not None:
            body = state_get(session, KEY_BATCH_PREFIX + key)
            op_ids = list(
                session.scalars(
                    select(OutboxOperation.op_id)
                    .where(
                        OutboxOperation.batch_key == key,
                        OutboxOperation.state == OutboxState.FROZEN,
                    )
                    .order_by(OutboxOperation.seq)
                )
            )
            if body is not None:
                return FrozenBatch(key=key, body=body.encode("utf-8"), op_ids=op_ids)
            # The body is lost (should not happen): unfreeze and build a new batch.
            session.execute(
                update(OutboxOperation)
                .where(
                    OutboxOperation.batch_key == key, OutboxOperation.state == OutboxState.FROZEN
                )
                .values(state=OutboxState.PENDING, batch_key=None)
            )
        rows = session.execute(
            select(
                OutboxOperation.seq,
                OutboxOperation.op_id,
                OutboxOperation.entity_type,
                OutboxOperation.entity_id,
                OutboxOperation.action,
                # Raw JSON text and stored time: most payloads go on the wire as stored.
                type_coerce(OutboxOperation.payload, Text).label("payload_text"),
                type_coerce(OutboxOperation.created_at, Text).label("created_text"),
            )
            .where(OutboxOperation.state == OutboxState.PENDING)
            .order_by(OutboxOperation.seq)
            .limit(max_ops)
        ).all()
        if not rows:
            return None
        people = {row.entity_id for row in rows if row.entity_type == EntityType.PARTICIPANT}
        consented = set(
            session.scalars(
                select(Participant.id).where(
                    Participant.id.in_(people), Participant.consent.is_(True)
                )
            )
        )
        snapshot_entities: dict[str, Any] = {}
        for row in rows:
            needs_entity = row.action == OpAction.SNAPSHOT or (
                row.entity_type == EntityType.PARTICIPANT and row.entity_id in consented
            )
            if needs_entity and row.entity_id not in snapshot_entities:
                cls = synced_class(row.entity_type)
                if cls is not None:
                    snapshot_entities[row.entity_id] = session.get(cls, row.entity_id)
        marks = json.loads(state_get(session, KEY_MARKS) or "[]")
        cursor = pull_cursor(session)
        key = str(uuid.uuid4())
        wire_ops: list[str] = []
        taken: list[Any] = []
        size = 200
        for row in rows:
            if row.entity_type == EntityType.PARTICIPANT or row.action == OpAction.SNAPSHOT:
                payload_text = json.dumps(
                    _wire_payload(session, row, consented, snapshot_entities),
                    separators=(",", ":"),
                    ensure_ascii=False,
                )
            else:
                payload_text = row.payload_text
            created = datetime.fromisoformat(row.created_text).replace(tzinfo=UTC)
            # IDs are UUIDs and type/action plain words the Store wrote: no escaping needed.
            wire = (
                f'{{"op_id":"{row.op_id}",'
                f'"entity_type":"{row.entity_type}",'
                f'"entity_id":"{row.entity_id}",'
                f'"action":"{row.action}",'
                f'"base":{_base_for(marks, row.seq, cursor)},'
                f'"created_at":"{created.isoformat()}",'
                f'"payload":{payload_text}}}'
            )
            if taken and size + len(wire) > max_bytes:
                break
            size += len(wire) + 1
            wire_ops.append(wire)
            taken.append(row)
        body = (
            '{"device_id":'
            + json.dumps(ident)
            + ',"batch_key":'
            + json.dumps(key)
            + ',"ops":['
            + ",".join(wire_ops)
            + "]}"
        )
        session.execute(
            update(OutboxOperation)
            .where(OutboxOperation.seq.in_([op.seq for op in taken]))
            .values(state=OutboxState.FROZEN, batch_key=key)
            .execution_options(synchronize_session=False)
        )
        state_set(session, KEY_BATCH_PREFIX + key, body)
        return FrozenBatch(key=key, body=body.encode("utf-8"), op_ids=[op.op_id for op in taken])


def rekey_batch(store: Store, key: str) -> None:
    """Drop a frozen batch the server refused as a whole; its ops are frozen again later."""
    with store.transaction() as session:
        session.execute(
            update(OutboxOperation)
            .where(OutboxOperation.batch_key == key, OutboxOperation.state == OutboxState.FROZEN)
            .values(state=OutboxState.PENDING, batch_key=None)
        )
        row = session.get(SyncState, KEY_BATCH_PREFIX + key)
        if row is not None:
            session.delete(row)


def park_batch(store: Store, key: str, message: str) -> int:
    with store.transaction() as session:
        count = rowcount(
            session.execute(
                update(OutboxOperation)
                .where(
                    OutboxOperation.batch_key == key, OutboxOperation.state == OutboxState.FROZEN
                )
                .values(state=OutboxState.PARKED, batch_key=None, last_error=message)
            )
        )
        row = session.get(SyncState, KEY_BATCH_PREFIX + key)
        if row is not None:
            session.delete(row)
        return int(count)


def store_results(
    store: Store, batch: FrozenBatch, results: list[dict[str, Any]], clock: Clock = SYSTEM_CLOCK
) -> tuple[int, int, int]:
    """Record the server's per-op answers in one transaction: (acked, parked, conflicts)."""
    by_id = {str(result.get("op_id")): result for result in results}
    if set(by_id) != set(batch.op_ids):
        raise ServerUnreachable(_("The server's answer did not match the batch; will retry."))
    acked = parked = conflicts = 0
    now = clock.now()
    plain = [
        op_id
        for op_id in batch.op_ids
        if by_id[op_id].get("status") in (ResultStatus.APPLIED, ResultStatus.DUPLICATE)
        and not by_id[op_id].get("resolved")
    ]
    with store.transaction() as session:
        # The common case in one statement; conflicts and refusals row by row below.
        for start in range(0, len(plain), 500):
            acked += rowcount(
                session.execute(
                    update(OutboxOperation)
                    .where(
                        OutboxOperation.batch_key == batch.key,
                        OutboxOperation.state == OutboxState.FROZEN,
                        OutboxOperation.op_id.in_(plain[start : start + 500]),
                    )
                    .values(state=OutboxState.ACKED, acked_at=now, last_error="")
                    .execution_options(synchronize_session=False)
                )
            )
        special = set(batch.op_ids) - set(plain)
        rows = {
            row.op_id: row
            for row in session.scalars(
                select(OutboxOperation).where(
                    OutboxOperation.batch_key == batch.key,
                    OutboxOperation.op_id.in_(list(special)),
                )
            )
        }
        for op_id in batch.op_ids:
            row = rows.get(op_id)
            if row is None or row.state != OutboxState.FROZEN:
                continue
            result = by_id[op_id]
            outcome = result.get("status")
            if outcome in ACKED_STATUSES:
                row.state = OutboxState.ACKED
                row.acked_at = now
                row.last_error = ""
                acked += 1
                if outcome == ResultStatus.CONFLICT:
                    conflicts += 1
                    log_conflict(
                        session,
                        row.entity_type,
                        row.entity_id,
                        {"source": "push", "op_id": op_id, **(result.get("conflict") or {})},
                        clock,
                    )
                resolved = result.get("resolved")
                if isinstance(resolved, dict) and resolved:
                    session.flush()
                    apply_remote_in(
                        session, row.entity_type, row.entity_id, OpAction.UPDATE, resolved
                    )
            else:
                error = result.get("error") or {}
                row.state = OutboxState.PARKED
                row.batch_key = None
                row.attempts += 1
                row.last_error = str(error.get("message") or outcome or "rejected")
                parked += 1
        state_row = session.get(SyncState, KEY_BATCH_PREFIX + batch.key)
        if state_row is not None:
            session.delete(state_row)
    return acked, parked, conflicts
