"""Two server processes on one PostgreSQL database keep exactly once (issue 15, point 6).

Four laptops push at once, two to each process, and each laptop also sends its first batch
to both processes at the same time (a retry through a load balancer). Every operation is
stored once, each laptop's reconcile matches what it sent, and the change sequence has no
gap and no repeat, so a pull in commit order never skips a change.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from sqlalchemy import select

from hexikit.sync.protocol import ops_digest
from hexikit.sync.server.schema import operations
from tests.sync.conftest import ServerProcess, start_server
from tests.sync.postgres import PostgresCluster
from tests.sync.test_hostile_ops import _op

BATCHES = 3
OPS = 400


@pytest.fixture
def two_servers(postgres: PostgresCluster) -> Iterator[tuple[ServerProcess, ServerProcess]]:
    db = postgres.database("two")
    first = start_server(db, "postgresql")
    second = start_server(db, "postgresql")
    yield first, second
    first.stop()
    second.stop()


def _push(url: str, token: str, device: str, ops: list[dict[str, Any]], key: str) -> Any:
    body = json.dumps({"device_id": device, "batch_key": key, "ops": ops}).encode()
    headers = {
        "Content-Type": "application/json",
        "Idempotency-Key": key,
        "Authorization": f"Bearer {token}",
    }
    for _attempt in range(30):  # 409 while the other process applies the same key
        answer = requests.post(url + "/v1/push", data=body, headers=headers, timeout=120)
        if answer.status_code != 409:
            return answer
        threading.Event().wait(float(answer.headers.get("Retry-After", "1")))
    return answer


def test_two_processes_on_one_database_keep_exactly_once(
    two_servers: tuple[ServerProcess, ServerProcess],
) -> None:
    first, second = two_servers
    laptops = []
    for number in range(4):
        token = first.new_device(f"laptop {number}")
        event = _op("event", {"title": f"Event {number}"})
        batches = [[event]]
        for _ in range(BATCHES):
            batches.append(
                [
                    _op("activity", {"event_id": event["entity_id"], "kind": "offer", "title": "x"})
                    for _ in range(OPS)
                ]
            )
        laptops.append((token, str(uuid.uuid4()), batches))
    errors: list[str] = []

    def send(url: str, token: str, device: str, ops: list[dict[str, Any]], key: str) -> None:
        answer = _push(url, token, device, ops, key)
        if answer.status_code != 200:
            errors.append(f"{answer.status_code} {answer.text[:200]}")
            return
        statuses = {r["status"] for r in answer.json()["results"]}
        if not statuses <= {"applied", "duplicate"}:
            errors.append(f"unexpected {statuses}")

    def laptop_run(index: int) -> None:
        token, device, batches = laptops[index]
        home, other = (first, second) if index % 2 else (second, first)
        send(home.url, token, device, batches[0], str(uuid.uuid4()))
        key = str(uuid.uuid4())
        # The same batch to both processes at once.
        twins = [
            threading.Thread(target=send, args=(server.url, token, device, batches[1], key))
            for server in (home, other)
        ]
        for twin in twins:
            twin.start()
        for twin in twins:
            twin.join()
        for batch in batches[2:]:
            send(home.url, token, device, batch, str(uuid.uuid4()))

    threads = [threading.Thread(target=laptop_run, args=(n,)) for n in range(len(laptops))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors

    sent = [op["op_id"] for _t, _d, batches in laptops for batch in batches for op in batch]
    with first.engine.connect() as conn:
        rows = conn.execute(select(operations.c.op_id, operations.c.seq)).all()
    stored = [row.op_id for row in rows]
    assert len(stored) == len(set(stored)) == len(sent)
    assert set(stored) == set(sent)
    seqs = sorted(row.seq for row in rows)
    assert seqs == list(range(1, len(sent) + 1)), "the change sequence has a gap or a repeat"
    for token, _device, batches in laptops:
        held = requests.get(
            second.url + "/v1/reconcile", headers={"Authorization": f"Bearer {token}"}, timeout=30
        ).json()
        mine = [op["op_id"] for batch in batches for op in batch]
        assert (held["count"], held["hash"]) == ops_digest(mine)
