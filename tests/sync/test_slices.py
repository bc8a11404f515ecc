"""A push is applied in short transactions (issue 15, point 6): what a laptop sees is as if
it were one, and exactly once holds across the slices."""

from __future__ import annotations

import json
import uuid
from typing import Any

import requests
from sqlalchemy import select

from hexikit.sync.server.schema import operations
from hexikit.sync.server.wsgi import APPLY_SLICE
from tests.sync.conftest import ServerProcess
from tests.sync.test_hostile_ops import _op

DEVICE = str(uuid.uuid4())


def _push(server: ServerProcess, token: str, ops: list[dict[str, Any]], key: str) -> Any:
    body = json.dumps({"device_id": DEVICE, "batch_key": key, "ops": ops})
    return requests.post(
        server.url + "/v1/push",
        data=body.encode(),
        headers={
            "Content-Type": "application/json",
            "Idempotency-Key": key,
            "Authorization": f"Bearer {token}",
        },
        timeout=60,
    )


def test_a_batch_over_several_slices_applies_once_in_order(server: ServerProcess) -> None:
    token = server.new_device("slices")
    event = _op("event", {"title": "Sliced"})
    # A reference forward across slices: the activities come first, their event last.
    count = 2 * APPLY_SLICE + 17
    activities = [
        _op("activity", {"event_id": event["entity_id"], "kind": "offer", "title": f"A{n}"})
        for n in range(count)
    ]
    ops = [*activities, event]
    key = str(uuid.uuid4())
    answer = _push(server, token, ops, key)
    assert answer.status_code == 200, answer.text
    results = answer.json()["results"]
    assert [r["op_id"] for r in results] == [op["op_id"] for op in ops]
    assert {r["status"] for r in results} == {"applied"}, results[:3]
    seqs = [r["seq"] for r in results]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
    # The replay gets the same answer; a new key for the same ops gets duplicates.
    assert _push(server, token, ops, key).json() == answer.json()
    again = _push(server, token, ops, str(uuid.uuid4())).json()["results"]
    assert {r["status"] for r in again} == {"duplicate"}
    with server.engine.connect() as conn:
        stored = conn.scalars(
            select(operations.c.op_id).where(operations.c.op_id.in_([op["op_id"] for op in ops]))
        ).all()
    assert sorted(stored) == sorted(op["op_id"] for op in ops)
