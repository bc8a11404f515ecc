"""The fault list of docs/sync-protocol.md: nothing lost, nothing duplicated.

Every test ends with `assert_exactly_once`: the laptop's acknowledged operations equal the
server's (`hexikit server dump`), each once, nothing pending.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import requests
from sqlalchemy import select, text

from hexikit.base.clock import FakeClock
from hexikit.records.domain import ActivityInput, EventInput, Kind
from hexikit.store import Store
from hexikit.store.models import Activity, Event, OutboxOperation
from hexikit.sync.client.attention import discard_parked, parked_operations, retry_parked
from hexikit.sync.client.outbox import freeze_batch
from hexikit.sync.client.state import status
from hexikit.sync.server.idempotency import purge_idempotency_keys
from tests.sync.conftest import Laptop, ServerProcess, assert_exactly_once
from tests.sync.proxy import FaultProxy, canned

ROOT = Path(__file__).resolve().parents[2]


def record(laptop: Laptop, count: int, title: str = "Offer") -> str:
    event = laptop.store.create_event(EventInput(title="Hexithon"))
    for index in range(count):
        laptop.store.create_activity(
            event.id, ActivityInput(kind=Kind.OFFER, title=f"{title} {index}")
        )
    return event.id


def driver(mode: str, laptop: Laptop, *extra: str, env: dict[str, str] | None = None) -> Any:
    import os

    return subprocess.Popen(
        [sys.executable, "-m", "tests.sync.driver", mode, str(laptop.folder), *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def server_ops(server: ServerProcess) -> list[dict[str, Any]]:
    return [r for r in server.dump() if r["type"] == "operation"]


# ---------------------------------------------------------------- SIGKILL


def test_sigkill_during_local_write_keeps_change_and_outbox_together(
    make_laptop: Any, server: ServerProcess
) -> None:
    laptop = make_laptop()
    laptop.store.close()
    process = driver("write", laptop)
    assert process.stdout is not None
    for line in process.stdout:
        if int(line) >= 40:
            break
    process.kill()
    process.wait()
    laptop.store = Store.open(laptop.folder)
    activities = laptop.store.list_activities(include_deleted=True)
    with laptop.store.session() as session:
        creates = session.scalars(
            select(OutboxOperation.entity_id).where(OutboxOperation.entity_type == "activity")
        ).all()
    # Every row that survived has exactly its outbox operation, and no outbox row is orphaned.
    assert sorted(creates) == sorted(a.id for a in activities)
    assert laptop.sync(server.url).status == "up_to_date"
    assert_exactly_once(laptop, server)


def test_sigkill_after_freeze_resends_the_same_bytes(
    make_laptop: Any, server: ServerProcess
) -> None:
    laptop = make_laptop()
    record(laptop, 30)
    laptop.store.close()
    process = driver("freeze_then_die", laptop, server.url, laptop.token, env={"BATCH_OPS": "10"})
    out, _err = process.communicate(timeout=60)
    assert process.returncode == -9
    frozen_hash = out.strip()
    laptop.store = Store.open(laptop.folder)
    batch = freeze_batch(laptop.store)
    assert batch is not None
    assert hashlib.sha256(batch.body).hexdigest() == frozen_hash
    assert laptop.sync(server.url).status == "up_to_date"
    engine = server.engine
    with engine.connect() as conn:
        hashes = set(conn.scalars(text("SELECT request_hash FROM idempotency_keys")))
    assert frozen_hash in hashes
    assert_exactly_once(laptop, server)


def test_sigkill_after_server_commit_before_ack(make_laptop: Any, server: ServerProcess) -> None:
    laptop = make_laptop()
    record(laptop, 25)
    laptop.store.close()
    process = driver("die_after_commit", laptop, server.url, laptop.token)
    process.communicate(timeout=60)
    assert process.returncode == -9
    laptop.store = Store.open(laptop.folder)
    assert status(laptop.store)["acknowledged"] == 0
    committed = len([op for op in server_ops(server) if op["action"] == "create"])
    assert committed >= 26
    assert laptop.sync(server.url).status == "up_to_date"
    assert_exactly_once(laptop, server)


def test_crash_between_pull_page_and_cursor(make_laptop: Any, server: ServerProcess) -> None:
    writer, reader = make_laptop("writer"), make_laptop("reader")
    record(writer, 12)
    assert writer.sync(server.url).status == "up_to_date"
    reader.store.close()
    process = driver("die_before_cursor", reader, server.url, reader.token)
    process.communicate(timeout=60)
    assert process.returncode == -9
    reader.store = Store.open(reader.folder)
    assert reader.store.list_activities() == []  # the page was not committed without its cursor
    assert reader.sync(server.url).status == "up_to_date"
    assert len(reader.store.list_activities()) >= 12
    ids = [a.id for a in reader.store.list_activities()]
    assert len(ids) == len(set(ids))
    assert status(reader.store)["pending"] == 0  # pulled rows never enter the outbox
    assert_exactly_once(writer, server)


# ---------------------------------------------------------------- lost replies


def test_commit_then_read_timeout(
    make_laptop: Any, server: ServerProcess, proxy: FaultProxy
) -> None:
    laptop = make_laptop()
    record(laptop, 20)
    proxy.push("hold_response")
    report = laptop.sync(proxy.url, read_timeout=1.0)
    assert report.status == "up_to_date"
    assert len(laptop.sleeps) >= 1
    assert_exactly_once(laptop, server)


def test_connection_reset_after_commit(
    make_laptop: Any, server: ServerProcess, proxy: FaultProxy
) -> None:
    laptop = make_laptop()
    record(laptop, 20)
    proxy.push("reset_after_response", "reset_after_response")
    assert laptop.sync(proxy.url).status == "up_to_date"
    assert_exactly_once(laptop, server)


def test_truncated_request_body_commits_nothing(
    make_laptop: Any, server: ServerProcess, proxy: FaultProxy
) -> None:
    laptop = make_laptop()
    record(laptop, 20)
    before = len(server_ops(server))
    proxy.push(("truncate", 400))
    client = laptop.client(proxy.url, max_attempts=1)
    report = client.sync()
    client.close()
    assert report.status == "offline"
    assert len(server_ops(server)) == before  # half a batch is never committed
    assert laptop.sync(proxy.url).status == "up_to_date"
    assert_exactly_once(laptop, server)


# ---------------------------------------------------------------- busy servers


def test_503_and_429_with_retry_after_seconds_and_date(
    make_laptop: Any, server: ServerProcess, proxy: FaultProxy
) -> None:
    laptop = make_laptop()
    record(laptop, 5)
    clock = FakeClock(wall=datetime(2026, 3, 1, 12, 0, tzinfo=UTC))
    later = format_datetime(clock.now() + timedelta(seconds=90), usegmt=True)
    proxy.push(
        canned("503 Service Unavailable", {"Retry-After": "7"}),
        canned("429 Too Many Requests", {"Retry-After": later}),
    )
    assert laptop.sync(proxy.url, clock=clock).status == "up_to_date"
    assert laptop.sleeps[:2] == [7.0, 90.0]
    assert_exactly_once(laptop, server)


def test_burst_of_500s(make_laptop: Any, server: ServerProcess, proxy: FaultProxy) -> None:
    laptop = make_laptop()
    record(laptop, 5)
    proxy.push(
        *[canned("500 Internal Server Error", body=b"{}")] * 3,
        canned("409 Conflict", body=b'{"error": "in_progress"}'),
        canned("408 Request Timeout"),
        canned("425 Too Early"),
        canned("502 Bad Gateway", {"Content-Type": "text/html"}, b"<html>proxy</html>"),
    )
    assert laptop.sync(proxy.url, max_attempts=10).status == "up_to_date"
    assert len(laptop.sleeps) == 7
    # Full jitter: every wait is within [0, base * 2**attempt].
    assert all(0 <= s <= 0.5 * 2**n for n, s in enumerate(laptop.sleeps, start=1))
    assert_exactly_once(laptop, server)


def test_unreachable_server_leaves_everything_pending(make_laptop: Any, proxy: FaultProxy) -> None:
    laptop = make_laptop()
    record(laptop, 3)
    proxy.push(*["drop"] * 10)
    report = laptop.sync(proxy.url, max_attempts=3)
    assert report.status == "offline"
    assert report.pending == 4
    assert len(laptop.sleeps) == 2


# ---------------------------------------------------------------- refusals


def test_rejected_operations_are_parked_not_deleted(
    make_laptop: Any, server: ServerProcess
) -> None:
    laptop = make_laptop()
    record(laptop, 3)
    with laptop.store.transaction() as session:
        # What a newer Hexikit might send: a field this server cannot store.
        activity = session.scalars(select(Activity)).first()
        assert activity is not None
        session.add(
            OutboxOperation(
                entity_type="activity",
                entity_id=activity.id,
                action="update",
                payload={"colour": "green", "updated_at": datetime.now(UTC).isoformat()},
                created_at=datetime.now(UTC),
            )
        )
    report = laptop.sync(server.url)
    assert report.status == "needs_attention"
    parked = parked_operations(laptop.store)
    assert len(parked) == 1 and "colour" in parked[0].error
    # Retry keeps the same op ID; it is parked again; discard needs the user's say-so.
    assert retry_parked(laptop.store, [parked[0].seq]) == 1
    assert laptop.sync(server.url).status == "needs_attention"
    assert discard_parked(laptop.store, [parked[0].seq]) == 1
    assert status(laptop.store)["parked"] == 0
    with laptop.store.session() as session:
        assert session.get(OutboxOperation, parked[0].seq) is not None
    assert_exactly_once(laptop, server)
    code = laptop.cli("sync", "--server", server.url, "--token", laptop.token)
    assert code.returncode == 0, code.stderr


def test_cli_exit_codes(make_laptop: Any, server: ServerProcess, proxy: FaultProxy) -> None:
    laptop = make_laptop()
    record(laptop, 2)
    laptop.store.close()
    proxy.push(*["drop"] * 20)
    offline = laptop.cli("sync", "--server", proxy.url, "--token", laptop.token, "--attempts", "2")
    assert offline.returncode == 3, offline.stderr
    ok = laptop.cli("sync", "--server", server.url, env={"HEXIKIT_SYNC_TOKEN": laptop.token})
    assert ok.returncode == 0, ok.stderr
    facts = json.loads(laptop.cli("sync", "status", "--json").stdout)
    assert facts["pending"] == 0 and facts["acknowledged"] == 3
    wrong = laptop.cli("sync", "--server", server.url, "--token", "wrong")
    assert wrong.returncode == 3 and "token" in wrong.stderr
    laptop.store = Store.open(laptop.folder)
    assert_exactly_once(laptop, server)


def test_same_key_different_body_is_422_and_replay_after_expiry_is_deduplicated(
    make_laptop: Any, server: ServerProcess
) -> None:
    laptop = make_laptop()
    record(laptop, 4)
    batch = freeze_batch(laptop.store)
    assert batch is not None
    headers = {
        "Authorization": f"Bearer {laptop.token}",
        "Content-Type": "application/json",
        "Idempotency-Key": batch.key,
    }
    first = requests.post(server.url + "/v1/push", data=batch.body, headers=headers, timeout=10)
    assert first.status_code == 200
    assert {r["status"] for r in first.json()["results"]} == {"applied"}
    replay = requests.post(server.url + "/v1/push", data=batch.body, headers=headers, timeout=10)
    assert replay.content == first.content  # the stored answer, byte for byte
    changed = json.loads(batch.body)
    changed["ops"] = changed["ops"][:1]
    reused = requests.post(
        server.url + "/v1/push", data=json.dumps(changed), headers=headers, timeout=10
    )
    assert reused.status_code == 422 and reused.json()["error"] == "idempotency_key_reused"
    purge_idempotency_keys(server.engine, 0)
    late = requests.post(server.url + "/v1/push", data=batch.body, headers=headers, timeout=10)
    assert late.status_code == 200
    assert {r["status"] for r in late.json()["results"]} == {"duplicate"}
    assert laptop.sync(server.url).status == "up_to_date"
    assert_exactly_once(laptop, server)


def test_client_clock_wrong_by_hours(make_laptop: Any, server: ServerProcess) -> None:
    ahead, behind = make_laptop("ahead"), make_laptop("behind")
    ahead.store.clock = FakeClock(wall=datetime.now(UTC) + timedelta(hours=9))
    behind.store.clock = FakeClock(wall=datetime.now(UTC) - timedelta(hours=9))
    event_id = record(ahead, 1)
    assert ahead.sync(server.url).status == "up_to_date"
    assert behind.sync(server.url).status == "up_to_date"
    # The laptop whose clock is hours behind edits last: server order wins, not timestamps.
    ahead.store.update(Event, event_id, {"venue": "Hall A"})
    assert ahead.sync(server.url).status == "up_to_date"
    behind.store.update(Event, event_id, {"venue": "Hall B"})
    assert behind.sync(server.url).status == "up_to_date"
    assert ahead.sync(server.url).status == "up_to_date"
    for laptop in (ahead, behind):
        event = laptop.store.get(Event, event_id)
        assert event is not None and event.venue == "Hall B"
        assert_exactly_once(laptop, server)


def test_captive_portal(make_laptop: Any, server: ServerProcess, proxy: FaultProxy) -> None:
    laptop = make_laptop()
    record(laptop, 2)
    elsewhere = FaultProxy(1)  # a "login page" host: it must never see the token
    html = b"<html><body>Sign in to the Wi-Fi</body></html>"
    proxy.push(canned("200 OK", {"Content-Type": "text/html"}, html))
    client = laptop.client(proxy.url, max_attempts=2)
    assert client.health() is False
    proxy.push(*[canned("302 Found", {"Location": elsewhere.url + "/login"})] * 2)
    report = client.sync()
    client.close()
    assert report.status == "offline"
    assert elsewhere.connections == 0
    elsewhere.close()
    assert laptop.sync(proxy.url).status == "up_to_date"
    assert_exactly_once(laptop, server)
