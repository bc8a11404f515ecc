"""Applying a pushed batch: field-by-field merge, conflict rules, exactly-once bookkeeping.

`apply_batch` runs inside the caller's transaction (the WSGI app holds the write lock), so the
change sequence it assigns is the commit order. Exactly once: an operation ID is stored
forever under a UNIQUE constraint, and an ID seen before is answered `duplicate` however late
it comes back.

Conflict rules (docs/sync-protocol.md): concurrent edits of one field keep the later commit and
note the lost value; a delete racing an edit, and an edit racing a delete, keep the record and
flag it; a consented participant who looks like another device's (same event, same name or
email) is flagged as a possible duplicate. Consent withdrawn erases the personal fields, from
the record and from the stored operations.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from hexikit.records.domain import EntityType
from hexikit.sync.protocol import (
    PERSONAL_FIELDS,
    REFERENCES,
    ConflictKind,
    OpAction,
    ResultStatus,
    WireOp,
    op_problem,
)
from hexikit.sync.server.schema import (
    chunks,
    claims,
    conflicts,
    device_of,
    entities,
    iso_now,
    name_key,
    operations,
    seq_of,
)

#: What a create leaves out takes these values.
_DEFAULTS: dict[str, dict[str, Any]] = {
    EntityType.EVENT: {"date": "", "venue": "", "region": "", "facilitator": ""},
    EntityType.PARTICIPANT: {
        "event_id": None,
        "name": "",
        "email": "",
        "organisation": "",
        "role": "",
        "region": "",
        "is_member": False,
        "consent": False,
        "consent_at": None,
        "consent_wording": "",
    },
    EntityType.ACTIVITY: {
        "participant_id": None,
        "description": "",
        "categories": [],
        "regions": [],
        "mode": "either",
        "hours": None,
    },
    EntityType.MATCH: {"status": "confirmed", "score": 0.0, "explanation": ""},
    EntityType.FEEDBACK: {"worked": "", "even_better_if": "", "rating": None},
}


@dataclass
class _EntityState:
    data: dict[str, Any]
    field_seq: dict[str, int]
    field_device: dict[str, str]
    member: str | None
    new: bool
    dirty: bool = False


@dataclass
class _BatchWork:
    device_id: str
    now: str
    states: dict[tuple[str, str], _EntityState | None] = field(default_factory=dict)
    op_rows: list[dict[str, Any]] = field(default_factory=list)
    conflict_rows: list[dict[str, Any]] = field(default_factory=list)
    claimed: dict[str, str] = field(default_factory=dict)  # participant id -> member
    #: Records created by this batch's valid creates: references to them are fine.
    batch_creates: set[tuple[str, str]] = field(default_factory=set)
    #: Records found on the server by a reference check.
    known: set[tuple[str, str]] = field(default_factory=set)
    #: Claim codes given out by this batch: code -> participant id.
    codes: dict[str, str] = field(default_factory=dict)


def _outcome(conflict: dict[str, Any] | None) -> ResultStatus:
    return ResultStatus.CONFLICT if conflict else ResultStatus.APPLIED


def _personal_blanks(data: dict[str, Any]) -> dict[str, Any]:
    """The personal fields that hold something, each mapped to "" (to erase them)."""
    return {name: "" for name in PERSONAL_FIELDS if data.get(name)}


#: At most this many namesakes are looked at per key (the note names the first by ID).
_DUPLICATES_LOOKED_AT = 100


def _possible_duplicate(
    conn: Connection, work: _BatchWork, entity_id: str, data: dict[str, Any]
) -> str | None:
    """Another device's consented participant at the same event with the same name or email.

    An indexed lookup (schema: ix_entities_person_name / _email), whatever the number stored.
    """
    name, email = name_key(data.get("name")), name_key(data.get("email"))
    event_id = data.get("event_id")
    if not data.get("consent") or not (name or email) or not event_id or data.get("deleted_at"):
        return None
    # One query per key, each on its own index, and no ORDER BY: with `name OR email` and an
    # ORDER BY, SQLite walked the primary key over every participant (25x slower at 10,000).
    found: set[str] = set()
    for column, key in ((entities.c.name_key, name), (entities.c.email_key, email)):
        if not key:
            continue
        found.update(
            conn.scalars(
                # Only the key's index fits this (keys are set for participants only): with
                # entity_type or entity_id in it, SQLite took the primary key instead.
                select(entities.c.entity_id)
                .where(
                    column == key,
                    entities.c.event_id == event_id,
                    entities.c.origin_device != work.device_id,
                )
                .limit(_DUPLICATES_LOOKED_AT)
            )
        )
    found.discard(entity_id)
    return min(found) if found else None


def _reference_problem(conn: Connection, work: _BatchWork, op: WireOp) -> str | None:
    """A reference to a record the server does not hold and the batch does not bring."""
    for name, target in REFERENCES.get(op.entity_type, {}).items():
        value = op.payload.get(name)
        if value is None:
            continue
        key = (target, str(value))
        if key in work.batch_creates or work.states.get(key) is not None:
            continue
        if key not in work.known:
            found = conn.execute(
                select(entities.c.entity_id).where(
                    entities.c.entity_type == target, entities.c.entity_id == str(value)
                )
            ).first()
            if found is None:
                return f"{name} names a {target} the server does not have: {value}"
            work.known.add(key)
    return None


def _claim_code_problem(conn: Connection, work: _BatchWork, op: WireOp) -> str | None:
    """A claim code another participant already holds (codes must identify one person)."""
    code = op.payload.get("claim_code")
    if op.entity_type != EntityType.PARTICIPANT or not isinstance(code, str):
        return None
    holder = work.codes.get(code)
    if holder is None:
        row = conn.execute(
            select(entities.c.entity_id).where(
                entities.c.entity_type == EntityType.PARTICIPANT,
                entities.c.claim_code == code,
                entities.c.entity_id != op.entity_id,
            )
        ).first()
        holder = str(row.entity_id) if row is not None else None
    if holder is not None and holder != op.entity_id:
        return f"claim code {code} belongs to another participant"
    return None


def _apply_op(
    conn: Connection, work: _BatchWork, op: WireOp, seq: int
) -> tuple[ResultStatus, dict[str, Any] | None, dict[str, Any] | None, dict[str, Any] | None]:
    """Apply one valid op; returns (status, fields set, conflict detail, resolved for sender)."""
    key = (op.entity_type, op.entity_id)
    state = work.states.get(key)
    device = work.device_id
    payload = dict(op.payload)
    conflict: dict[str, Any] | None = None
    resolved: dict[str, Any] | None = None
    if state is None and op.action in (OpAction.UPDATE, OpAction.DELETE):
        raise _Rejected(f"no {op.entity_type} {op.entity_id} on the server")
    if op.entity_type == EntityType.PARTICIPANT and payload.get("consent") is False:
        # Consent withdrawn (or never given): personal details are erased, never stored.
        for name in PERSONAL_FIELDS:
            payload.pop(name, None)
    if state is None:
        data = {**_DEFAULTS[op.entity_type], **payload, "id": op.entity_id}
        data.setdefault("created_at", op.created_at)
        data.setdefault("updated_at", op.created_at)
        data.setdefault("deleted_at", None)
        state = _EntityState(
            data=data,
            # "*" is every field not listed: a create writes one small JSON, not one per field.
            field_seq={"*": seq},
            field_device={"*": device},
            member=None,
            new=True,
            dirty=True,
        )
        if op.entity_type == EntityType.ACTIVITY and data.get("participant_id"):
            state.member = _member_of(conn, work, str(data["participant_id"]))
        work.states[key] = state
        created: dict[str, Any] | None = None  # the feed sends the whole record for a create
        if op.entity_type == EntityType.PARTICIPANT:
            other = _possible_duplicate(conn, work, op.entity_id, data)
            if other is not None:
                conflict = {"kind": ConflictKind.POSSIBLE_DUPLICATE, "other_id": other}
        return _outcome(conflict), created, conflict, None

    data = state.data
    concurrent = {
        name
        for name in data
        if seq_of(state.field_seq, name) > op.base
        and device_of(state.field_device, name) != device
        and name != "updated_at"
    }
    if op.action == OpAction.DELETE:
        edited = concurrent - {"deleted_at"}
        if edited and op.action == OpAction.DELETE:
            # A delete racing an edit: the record stays and the conflict is flagged.
            conflict = {"kind": ConflictKind.DELETE_VS_EDIT, "edited_fields": sorted(edited)}
            return ResultStatus.CONFLICT, {}, conflict, {"deleted_at": None}
    fields: dict[str, Any] = {}
    lost: dict[str, Any] = {}
    for name, value in payload.items():
        if name in ("id", "created_at"):
            continue
        if op.action == OpAction.UPDATE and name in concurrent and data.get(name) != value:
            lost[name] = {"lost": data.get(name), "won": value}
        if data.get(name) != value or name == "updated_at":
            fields[name] = value
        data[name] = value
        state.field_seq[name] = seq
        state.field_device[name] = device
    if (
        op.action == OpAction.UPDATE
        and data.get("deleted_at") is not None
        and "deleted_at" not in payload
        and "deleted_at" in concurrent
    ):
        # An edit racing a delete: keep the record, flag it.
        data["deleted_at"] = None
        fields["deleted_at"] = None
        state.field_seq["deleted_at"] = seq
        state.field_device["deleted_at"] = device
        conflict = {"kind": ConflictKind.EDIT_VS_DELETE}
        resolved = {"deleted_at": None}
    if op.entity_type == EntityType.PARTICIPANT and data.get("consent") is False:
        erased = _personal_blanks(data)
        if erased:
            data.update(erased)
            fields.update(erased)
            for name in erased:
                state.field_seq[name] = seq
                state.field_device[name] = device
            _scrub_personal(conn, work, op.entity_id)
    if lost:
        conflict = {
            **(conflict or {}),
            "kind": (conflict or {}).get("kind", ConflictKind.FIELD),
            **{"fields": lost},
        }
    state.dirty = True
    return _outcome(conflict), fields, conflict, resolved


def _stored_payload(work: _BatchWork, op: WireOp) -> dict[str, Any]:
    """The payload as kept for audit: never personal fields of a participant without consent."""
    state = work.states.get((op.entity_type, op.entity_id))
    if (
        op.entity_type == EntityType.PARTICIPANT
        and state is not None
        and not state.data.get("consent")
    ):
        return {k: v for k, v in op.payload.items() if k not in PERSONAL_FIELDS}
    return op.payload


def _scrub_personal(conn: Connection, work: _BatchWork, participant_id: str) -> None:
    """Consent withdrawn: personal details leave the stored operations too."""

    def scrubbed(values: dict[str, Any] | None) -> dict[str, Any] | None:
        if values is None:
            return None
        return {k: v for k, v in values.items() if k not in PERSONAL_FIELDS}

    rows = conn.execute(
        select(operations.c.seq, operations.c.payload, operations.c.fields).where(
            operations.c.entity_type == EntityType.PARTICIPANT,
            operations.c.entity_id == participant_id,
        )
    ).all()
    for row in rows:
        conn.execute(
            update(operations)
            .where(operations.c.seq == row.seq)
            .values(payload=scrubbed(row.payload), fields=scrubbed(row.fields))
        )
    for pending in work.op_rows:
        if (
            pending["entity_type"] == EntityType.PARTICIPANT
            and pending["entity_id"] == participant_id
        ):
            pending["payload"] = scrubbed(pending["payload"])
            pending["fields"] = scrubbed(pending["fields"])


def _member_of(conn: Connection, work: _BatchWork, participant_id: str) -> str | None:
    if participant_id in work.claimed:
        return work.claimed[participant_id]
    row = conn.execute(
        select(claims.c.member).where(claims.c.participant_id == participant_id)
    ).first()
    member = row.member if row is not None else None
    if member is not None:
        work.claimed[participant_id] = member
    return member


class _Rejected(Exception):
    pass


class ForeignOperation(Exception):
    """The batch holds an operation ID stored for another device."""


def _load_states(conn: Connection, work: _BatchWork, ops: list[WireOp]) -> None:
    wanted: dict[str, set[str]] = {}
    for op in ops:
        wanted.setdefault(op.entity_type, set()).add(op.entity_id)
    for entity_type, ids in wanted.items():
        for chunk in chunks(sorted(ids)):
            rows = conn.execute(
                select(entities).where(
                    entities.c.entity_type == entity_type, entities.c.entity_id.in_(chunk)
                )
            )
            for row in rows:
                work.states[(entity_type, row.entity_id)] = _EntityState(
                    data=dict(row.data),
                    field_seq=dict(row.field_seq),
                    field_device=dict(row.field_device),
                    member=row.member,
                    new=False,
                )


def stored_owners(conn: Connection, op_ids: list[str]) -> dict[str, str]:
    """The device that holds each of `op_ids` the server already stores."""
    existing: dict[str, str] = {}
    for chunk in chunks(op_ids):
        for row in conn.execute(
            select(operations.c.op_id, operations.c.device_id).where(operations.c.op_id.in_(chunk))
        ):
            existing[row.op_id] = row.device_id
    return existing


def valid_creates(ops: list[WireOp]) -> set[tuple[str, str]]:
    """The records `ops` create, when those ops are valid (references to them are fine)."""
    return {
        (op.entity_type, op.entity_id)
        for op in ops
        if op.action in (OpAction.CREATE, OpAction.SNAPSHOT) and op_problem(op) is None
    }


def apply_batch(
    conn: Connection,
    device_id: str,
    ops: list[WireOp],
    later_creates: set[tuple[str, str]] | None = None,
) -> list[dict[str, Any]]:
    """Apply `ops` inside the caller's transaction; returns the per-op results.

    `later_creates`: records the rest of the push creates in later transactions (a push is
    applied in short slices), so a reference to one of them is not refused.
    """
    existing = stored_owners(conn, [op.op_id for op in ops])
    if any(owner != device_id for owner in existing.values()):
        raise ForeignOperation
    work = _BatchWork(device_id=device_id, now=iso_now())
    _load_states(conn, work, [op for op in ops if op.op_id not in existing])
    next_seq = int(conn.scalar(select(func.coalesce(func.max(operations.c.seq), 0))) or 0) + 1
    problems = {op.op_id: op_problem(op) for op in ops if op.op_id not in existing}
    work.batch_creates = {
        (op.entity_type, op.entity_id)
        for op in ops
        if problems.get(op.op_id) is None
        and op.op_id not in existing
        and op.action in (OpAction.CREATE, OpAction.SNAPSHOT)
    } | (later_creates or set())
    results: list[dict[str, Any]] = []
    for op in ops:
        if op.op_id in existing:
            results.append({"op_id": op.op_id, "status": ResultStatus.DUPLICATE})
            continue
        code, problem = "invalid_op", problems[op.op_id]
        if problem is None:
            code, problem = "unknown_reference", _reference_problem(conn, work, op)
        if problem is None:
            code, problem = "claim_code_taken", _claim_code_problem(conn, work, op)
        if problem is None:
            try:
                status, fields, conflict, resolved = _apply_op(conn, work, op, next_seq)
            except _Rejected as exc:
                code, problem = "unknown_record", str(exc)
        if problem is not None:
            work.batch_creates.discard((op.entity_type, op.entity_id))
            results.append(
                {
                    "op_id": op.op_id,
                    "status": ResultStatus.REJECTED,
                    "error": {"code": code, "message": problem},
                }
            )
            continue
        if isinstance(op.payload.get("claim_code"), str):
            work.codes[op.payload["claim_code"]] = op.entity_id
        work.op_rows.append(
            {
                "seq": next_seq,
                "op_id": op.op_id,
                "device_id": device_id,
                "entity_type": op.entity_type,
                "entity_id": op.entity_id,
                "action": op.action,
                "payload": _stored_payload(work, op),
                "fields": fields,
                "status": status,
                "conflict": conflict,
                "received_at": work.now,
            }
        )
        if conflict is not None:
            work.conflict_rows.append(
                {
                    "id": str(uuid.uuid4()),
                    "seq": next_seq,
                    "entity_type": op.entity_type,
                    "entity_id": op.entity_id,
                    "detail": {**conflict, "op_id": op.op_id, "device": device_id},
                }
            )
        result: dict[str, Any] = {"op_id": op.op_id, "status": status, "seq": next_seq}
        if conflict is not None:
            result["conflict"] = conflict
        if resolved is not None:
            result["resolved"] = resolved
        results.append(result)
        next_seq += 1
    if work.op_rows:
        conn.execute(insert(operations), work.op_rows)
    if work.conflict_rows:
        conn.execute(insert(conflicts), work.conflict_rows)
    _store_states(conn, work)
    return results


def _person_keys(entity_type: str, data: dict[str, Any]) -> dict[str, Any]:
    """The duplicate-check columns: set only for a consented, live participant."""
    live = (
        entity_type == EntityType.PARTICIPANT
        and bool(data.get("consent"))
        and not data.get("deleted_at")
    )
    return {
        "event_id": data.get("event_id") if live else None,
        "name_key": name_key(data.get("name")) if live else None,
        "email_key": name_key(data.get("email")) if live else None,
    }


def _store_states(conn: Connection, work: _BatchWork) -> None:
    new_rows: list[dict[str, Any]] = []
    for (entity_type, entity_id), state in work.states.items():
        if state is None or not state.dirty:
            continue
        row = {
            "data": state.data,
            "field_seq": state.field_seq,
            "field_device": state.field_device,
            "participant_id": state.data.get("participant_id")
            if entity_type == EntityType.ACTIVITY
            else None,
            "claim_code": state.data.get("claim_code")
            if entity_type == EntityType.PARTICIPANT
            else None,
            "member": state.member,
            **_person_keys(entity_type, state.data),
        }
        if state.new:
            row["origin_device"] = device_of(state.field_device, "id")
            new_rows.append({"entity_type": entity_type, "entity_id": entity_id, **row})
        else:
            conn.execute(
                update(entities)
                .where(entities.c.entity_type == entity_type, entities.c.entity_id == entity_id)
                .values(**row)
            )
    if new_rows:
        conn.execute(insert(entities), new_rows)
