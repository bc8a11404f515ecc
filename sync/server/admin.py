"""Devices and their tokens, and the audit dump (`hexikit server add-device`, `... dump`).

Device tokens are stored as SHA-256 hashes: they are 256-bit random, so a fast hash is enough.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Engine, insert, select

from hexikit.sync.server.schema import claims, conflicts, devices, entities, iso_now, operations


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_device(engine: Engine, name: str) -> tuple[str, str]:
    """Register a device; returns (device id, token). Only the token's hash is stored."""
    # 256 bits; never starting with "-", which a command line would read as an option
    # (`hexikit sync --token -x…` failed one time in 64).
    token = "hx" + secrets.token_urlsafe(32)
    device_id = str(uuid.uuid4())
    with engine.begin() as conn:
        conn.execute(
            insert(devices).values(
                id=device_id, name=name, token_hash=hash_token(token), created_at=iso_now()
            )
        )
    return device_id, token


def device_for_token(engine: Engine, token: str) -> str | None:
    """The ID of the device holding `token`, or None for a token the server never issued."""
    with engine.connect() as conn:
        row = conn.execute(
            select(devices.c.id).where(devices.c.token_hash == hash_token(token))
        ).first()
    return str(row.id) if row is not None else None


def dump(engine: Engine) -> Iterator[dict[str, Any]]:
    """Every stored record as a JSON-ready dict with `type` and `id` (for audits and tests)."""
    with engine.connect() as conn:
        for row in conn.execute(select(devices.c.id, devices.c.name, devices.c.created_at)):
            yield {"type": "device", "id": row.id, "name": row.name, "created_at": row.created_at}
        for row in conn.execute(select(entities).order_by(entities.c.entity_type)):
            record = {"type": row.entity_type, "id": row.entity_id, **row.data}
            if row.member is not None:
                record["member"] = row.member
            yield record
        for row in conn.execute(select(operations).order_by(operations.c.seq)):
            yield {
                "type": "operation",
                "id": row.op_id,
                "seq": row.seq,
                "device": row.device_id,
                "entity_type": row.entity_type,
                "entity_id": row.entity_id,
                "action": row.action,
                "status": row.status,
            }
        for row in conn.execute(select(conflicts).order_by(conflicts.c.seq)):
            yield {
                "type": "conflict",
                "id": row.id,
                "seq": row.seq,
                "entity_type": row.entity_type,
                "entity_id": row.entity_id,
                "detail": row.detail,
            }
        for row in conn.execute(select(claims)):
            yield {
                "type": "claim",
                "id": row.participant_id,
                "code": row.code,
                "member": row.member,
                "claimed_at": row.claimed_at,
            }
