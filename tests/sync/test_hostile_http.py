"""Hostile HTTP is a 4xx, a dead server's batch does not block the next sync, and one
address guessing claim codes never locks out another's real claim (issue 15)."""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from typing import Any

import requests
from sqlalchemy import insert

from hexikit.base.clock import FakeClock
from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.sync.client.outbox import freeze_batch
from hexikit.sync.server.schema import KeyState, idempotency, open_engine
from hexikit.sync.server.wsgi import SyncServerApp
from tests.sync.conftest import ServerProcess, assert_exactly_once


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_malformed_requests_are_4xx(server: ServerProcess) -> None:
    token = server.new_device("probe")
    wrong = requests.get(server.url + "/v1/push", headers=_auth(token), timeout=10)
    assert wrong.status_code == 405 and wrong.headers["Allow"] == "POST"
    for after in ("2147483648", str(2**63 - 1)):
        page = requests.get(
            server.url + "/v1/changes", params={"after": after}, headers=_auth(token), timeout=10
        )
        assert page.status_code == 200, (after, page.text)
        assert page.json()["changes"] == []
    for after in (str(2**63), "-1", "١٢", "+5", "5_0", " 5"):
        page = requests.get(
            server.url + "/v1/changes", params={"after": after}, headers=_auth(token), timeout=10
        )
        assert page.status_code == 400, (after, page.text)
    key = str(uuid.uuid4())
    deep = b"[" * 5000 + b"]" * 5000
    for path, headers in (
        ("/v1/push", {"Idempotency-Key": key, **_auth(token)}),
        ("/v1/claims", {}),
    ):
        answer = requests.post(
            server.url + path,
            data=deep,
            headers={"Content-Type": "application/json", **headers},
            timeout=10,
        )
        assert answer.status_code == 400, (path, answer.text)
        assert answer.json()["error"] == "too_deep"


def test_a_batch_left_running_by_a_killed_server_goes_through_at_once(
    make_laptop: Any, server: ServerProcess
) -> None:
    laptop = make_laptop()
    event = laptop.store.create_event(EventInput(title="Killed server"))
    for number in range(5):
        laptop.store.create_activity(event.id, ActivityInput(kind=Kind.OFFER, title=f"O{number}"))
    batch = freeze_batch(laptop.store)
    assert batch is not None
    device = json.loads(batch.body)["device_id"]
    with laptop.store.session():
        pass
    # What a SIGKILLed server leaves: the key marked running, nothing applied.
    from hexikit.sync.server.admin import device_for_token

    server_device = device_for_token(server.engine, laptop.token)
    assert server_device is not None and device
    with server.engine.begin() as conn:
        conn.execute(
            insert(idempotency).values(
                device_id=server_device,
                key=batch.key,
                request_hash=hashlib.sha256(batch.body).hexdigest(),
                state=KeyState.RUNNING,
                status_code=0,
                response="",
                created=time.time(),
            )
        )
    report = laptop.sync(server.url)
    assert report.status == "up_to_date" and report.pushed == 6
    assert laptop.sleeps == []  # no 409 "still running" to wait out
    assert_exactly_once(laptop, server)


def test_guessing_from_many_addresses_never_blocks_a_real_claim(
    make_laptop: Any, server: ServerProcess
) -> None:
    laptop = make_laptop()
    event = laptop.store.create_event(EventInput(title="Claims"))
    person = laptop.store.create_participant(event.id, ParticipantInput(name="Real Member"))
    assert laptop.sync(server.url).status == "up_to_date"
    clock = FakeClock()
    app = SyncServerApp(open_engine(server.db), monotonic=clock.monotonic)

    def claim(code: str, address: str) -> str:
        body = json.dumps({"code": code, "member": "member-1"}).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": "/v1/claims",
            "CONTENT_LENGTH": str(len(body)),
            "CONTENT_TYPE": "application/json",
            "REMOTE_ADDR": address,
            "wsgi.input": __import__("io").BytesIO(body),
        }
        statuses: list[str] = []
        app(environ, lambda status, _headers: statuses.append(status))
        return statuses[0]

    codes = [f"{n:08d}"[:8].replace("0", "Z") for n in range(400)]
    refused = sum(claim(codes[n], f"10.0.{n % 30}.1").startswith("429") for n in range(400))
    assert refused > 0  # the guessers are slowed down
    assert claim(person.claim_code, "10.9.9.9").startswith("200")
    app.engine.dispose()
