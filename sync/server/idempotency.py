"""Idempotency keys: a push replayed with the same key gets the stored answer for 24 h.

A key is reserved as running before its batch is applied and holds the answer once the batch
committed (in the same transaction). Operation IDs are kept forever (see apply), so a batch
replayed after its key was forgotten is still answered `duplicate`, op by op.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from http import HTTPStatus

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from hexikit.sync.server.errors import HTTPError
from hexikit.sync.server.schema import KeyState, idempotency

IDEMPOTENCY_TTL_SECONDS = 24 * 3600
#: A key still "running" after this long belongs to a request that died with its server.
STALE_RUNNING_SECONDS = 120.0


def reserve_key(
    engine: Engine,
    device_id: str,
    key: str,
    request_hash: str,
    ttl: float,
    running_here: Callable[[str, str], bool] | None = None,
) -> tuple[HTTPStatus, bytes] | None:
    """Record the key as running (None), or answer from it: the stored answer of a replay,
    409 while its batch is still being applied, 422 when it came with another body."""
    now = time.time()
    this_key = (idempotency.c.device_id == device_id, idempotency.c.key == key)
    for _attempt in range(3):
        with engine.begin() as conn:
            row = conn.execute(select(idempotency).where(*this_key)).first()
            if row is not None and row.created < now - ttl:
                conn.execute(delete(idempotency).where(*this_key))
                row = None
            if row is not None:
                if row.request_hash != request_hash:
                    raise HTTPError(
                        HTTPStatus.UNPROCESSABLE_ENTITY,
                        "idempotency_key_reused",
                        "this Idempotency-Key was used with a different body",
                    )
                if row.state == KeyState.DONE:
                    return HTTPStatus(int(row.status_code)), str(row.response).encode("utf-8")
                # Still running here, or (another server process may be applying it) young.
                # A key only this process could hold that it does not is a dead request's:
                # exactly once is kept by the operation IDs, so taking it over is safe.
                alive = running_here(device_id, key) if running_here is not None else True
                if alive and row.created > now - STALE_RUNNING_SECONDS:
                    raise HTTPError(
                        HTTPStatus.CONFLICT,
                        "in_progress",
                        "this batch is still being applied; retry shortly",
                        [("Retry-After", "1")],
                    )
                conn.execute(update(idempotency).where(*this_key).values(created=now))
                return None
            try:
                conn.execute(
                    insert(idempotency).values(
                        device_id=device_id,
                        key=key,
                        request_hash=request_hash,
                        state=KeyState.RUNNING,
                        status_code=0,
                        response="",
                        created=now,
                    )
                )
            except IntegrityError:
                continue
            return None
    raise HTTPError(
        HTTPStatus.CONFLICT, "in_progress", "this batch is being applied", [("Retry-After", "1")]
    )


def record_answer(
    conn: Connection, device_id: str, key: str, status: HTTPStatus, response: bytes
) -> None:
    """Keep the answer with its key, inside the transaction that applied the batch."""
    conn.execute(
        update(idempotency)
        .where(idempotency.c.device_id == device_id, idempotency.c.key == key)
        .values(state=KeyState.DONE, status_code=int(status), response=response.decode("utf-8"))
    )


def release_key(engine: Engine, device_id: str, key: str) -> None:
    """The batch failed before it committed: the key may be used again at once."""
    with engine.begin() as conn:
        conn.execute(
            delete(idempotency).where(
                idempotency.c.device_id == device_id,
                idempotency.c.key == key,
                idempotency.c.state == KeyState.RUNNING,
            )
        )


def purge_idempotency_keys(engine: Engine, older_than_seconds: float) -> int:
    """Forget idempotency keys older than the window (operation IDs are never forgotten)."""
    cutoff = time.time() - older_than_seconds
    with engine.begin() as conn:
        return conn.execute(delete(idempotency).where(idempotency.c.created <= cutoff)).rowcount
