"""One bad op never stops anyone (issue 15): the server rejects it alone, and a laptop's pull
moves on past a change it cannot use."""

from __future__ import annotations

import json
import uuid
from typing import Any

import requests
from sqlalchemy import insert, select

from hexikit.records.domain import EventInput
from hexikit.store.models import ConflictRecord, Event
from hexikit.sync.protocol import UNAPPLIED
from hexikit.sync.server.schema import entities, operations
from tests.sync.conftest import ServerProcess

NOW = "2026-01-01T09:00:00+00:00"


def _op(entity_type: str, payload: dict[str, Any], **envelope: Any) -> dict[str, Any]:
    entity_id = payload.setdefault("id", str(uuid.uuid4()))
    op = {
        "op_id": str(uuid.uuid4()),
        "entity_type": entity_type,
        "entity_id": entity_id,
        "action": "create",
        "base": 0,
        "created_at": NOW,
        "payload": payload,
    }
    op.update(envelope)
    return op


def _push(server: ServerProcess, token: str, ops: list[dict[str, Any]]) -> Any:
    key = str(uuid.uuid4())
    body = json.dumps({"device_id": str(uuid.uuid4()), "batch_key": key, "ops": ops})
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


def test_each_bad_op_is_rejected_alone_and_others_still_pull(
    make_laptop: Any, server: ServerProcess
) -> None:
    token = server.new_device("hostile")
    event = _op("event", {"title": "Real event"})
    event_id = event["entity_id"]
    person = _op("participant", {"claim_code": "ABCD2345", "event_id": event_id})
    bad = {
        "garbage_time": _op("event", {"title": "x"}, created_at="garbage"),
        "megabyte": _op("event", {"title": "x" * 1_000_000}),
        "unknown_event": _op(
            "activity", {"event_id": str(uuid.uuid4()), "kind": "offer", "title": "t"}
        ),
        "same_code": _op("participant", {"claim_code": "ABCD2345", "event_id": event_id}),
        "huge_rating": _op("feedback", {"event_id": event_id, "rating": 10**30}),
        "surrogate": _op("event", {"title": "\ud800"}),
        "year_one": _op("event", {"title": "x", "updated_at": "0001-01-01T00:00:00+14:00"}),
        "nan_score": _op(
            "match",
            {
                "event_id": event_id,
                "offer_id": event_id,
                "request_id": event_id,
                "score": float("nan"),
            },
        ),
        "gift": _op("activity", {"event_id": event_id, "kind": "gift", "title": "t"}),
        "bad_date": _op("event", {"title": "x", "date": "2026-02-30"}),
    }
    good = _op("activity", {"event_id": event_id, "kind": "offer", "title": "Fine offer"})
    answer = _push(server, token, [event, person, *bad.values(), good])
    assert answer.status_code == 200, answer.text
    results = {r["op_id"]: r for r in answer.json()["results"]}
    for name, op in bad.items():
        result = results[op["op_id"]]
        assert result["status"] == "rejected", (name, result)
        assert result["error"]["code"] and result["error"]["message"], name
    for op in (event, person, good):
        assert results[op["op_id"]]["status"] == "applied"
    with server.engine.connect() as conn:
        stored = set(conn.scalars(select(operations.c.op_id)))
    assert not stored & {op["op_id"] for op in bad.values()}
    # Another laptop pulls everything and is up to date.
    laptop = make_laptop()
    report = laptop.sync(server.url)
    assert report.status == "up_to_date", report
    with laptop.store.session() as session:
        assert session.get(Event, event_id) is not None


def test_a_change_the_laptop_cannot_use_is_logged_and_the_pull_moves_on(
    make_laptop: Any, server: ServerProcess
) -> None:
    laptop = make_laptop()
    real = laptop.store.create_event(EventInput(title="Before"))
    assert laptop.sync(server.url).status == "up_to_date"
    # What an older server could have stored: an activity whose event nobody has.
    with server.engine.begin() as conn:
        top = conn.scalar(select(operations.c.seq).order_by(operations.c.seq.desc())) or 0
        orphan = str(uuid.uuid4())
        data = {
            "id": orphan,
            "event_id": str(uuid.uuid4()),
            "kind": "offer",
            "title": "Orphan",
            "created_at": NOW,
            "updated_at": NOW,
            "deleted_at": None,
        }
        conn.execute(
            insert(operations).values(
                seq=top + 1,
                op_id=str(uuid.uuid4()),
                device_id=str(uuid.uuid4()),
                entity_type="activity",
                entity_id=orphan,
                action="create",
                payload=data,
                fields=None,
                status="applied",
                conflict=None,
                received_at=NOW,
            )
        )
        conn.execute(
            insert(entities).values(
                entity_type="activity",
                entity_id=orphan,
                data=data,
                field_seq={"*": top + 1},
                field_device={"*": "old"},
            )
        )
    other = make_laptop()
    later = other.store.create_event(EventInput(title="After"))
    # Every laptop meets it; each logs it and goes on.
    assert other.sync(server.url).unapplied_now == 1
    report = laptop.sync(server.url)
    assert report.status == "needs_attention" and report.unapplied_now == 1
    with laptop.store.session() as session:
        assert session.get(Event, later.id) is not None  # the change after it arrived
        assert session.get(Event, real.id) is not None
        logged = session.scalars(select(ConflictRecord)).all()
    assert [c.detail["kind"] for c in logged] == [UNAPPLIED]
    assert logged[0].entity_id == orphan and "FOREIGN KEY" in logged[0].detail["reason"].upper()
    # The next sync does not meet it again, and the command line exits 0.
    assert laptop.sync(server.url).status == "up_to_date"
    done = laptop.cli("sync", "--server", server.url, "--token", laptop.token)
    assert done.returncode == 0, done.stderr
