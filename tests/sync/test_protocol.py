"""The protocol end to end: consent, conflicts, claims, TLS, tokens, bad actors, dump."""

from __future__ import annotations

import json
import logging
import socket
import ssl
import uuid
from typing import Any

import pytest
import requests
import trustme
from sqlalchemy import select

from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.store import entity_to_dict
from hexikit.store.models import SYNCED_ENTITIES, ConflictRecord, Event, Participant
from hexikit.sync import tokens
from hexikit.sync.client.attention import conflict_log
from hexikit.sync.client.http import check_server_url
from hexikit.sync.client.outbox import freeze_batch
from hexikit.sync.client.outcome import InsecureServerURL
from hexikit.sync.client.run import SyncClient
from hexikit.sync.server.schema import operations
from tests.sync.conftest import Laptop, ServerProcess, assert_exactly_once
from tests.sync.proxy import FaultProxy


def shared_state(laptop: Laptop) -> dict[tuple[str, str], dict[str, Any]]:
    """Every synced entity as the server may see it (personal fields only with consent)."""
    state: dict[tuple[str, str], dict[str, Any]] = {}
    with laptop.store.session() as session:
        for entity_type, cls in SYNCED_ENTITIES.items():
            for entity in session.query(cls):
                data = entity_to_dict(entity)
                data.pop("updated_at")
                if isinstance(entity, Participant) and not entity.consent:
                    for name in ("name", "email", "organisation", "role", "consent_wording"):
                        data.pop(name)
                    data.pop("consent_at")
                state[(entity_type, entity.id)] = data
    return state


def assert_converged(*laptops: Laptop) -> None:
    first = shared_state(laptops[0])
    for other in laptops[1:]:
        assert shared_state(other) == first


# ---------------------------------------------------------------- consent


def test_personal_details_without_consent_never_leave_the_laptop(
    make_laptop: Any, server: ServerProcess, proxy: FaultProxy
) -> None:
    laptop, other = make_laptop(), make_laptop("other")
    event = laptop.store.create_event(EventInput(title="Consent check", region="Wales"))
    secret = laptop.store.create_participant(
        event.id,
        ParticipantInput(
            name="Zebedee Hidden",
            email="zebedee@hidden.example",
            organisation="Secret Society",
            role="Undisclosed",
            region="Wales",
            consent=False,
            consent_wording="Wording-NOT-agreed",
        ),
    )
    laptop.store.create_activity(
        event.id, ActivityInput(kind=Kind.OFFER, title="Bike repair"), secret.id
    )
    laptop.store.update(Participant, secret.id, {"name": "Zebedee Hidden-Renamed"})
    assert laptop.sync(proxy.url).status == "up_to_date"
    sent = b"".join(proxy.requests_seen)
    stored = json.dumps(server.dump())
    for personal in ("Zebedee", "zebedee@hidden", "Secret Society", "Undisclosed", "NOT-agreed"):
        assert personal.encode() not in sent
        assert personal not in stored
    participant = next(r for r in server.dump() if r["id"] == secret.id)
    assert participant["claim_code"] == secret.claim_code
    assert participant["region"] == "Wales" and participant["consent"] is False
    # The other laptop gets the anonymous participant and their activity.
    assert other.sync(server.url).status == "up_to_date"
    copy = other.store.get(Participant, secret.id)
    assert copy is not None and copy.name == "" and copy.claim_code == secret.claim_code
    # Consent given later: the details travel with it.
    laptop.store.update(
        Participant, secret.id, {"consent": True, "consent_wording": "I agree to share"}
    )
    assert laptop.sync(server.url).status == "up_to_date"
    participant = next(r for r in server.dump() if r["id"] == secret.id)
    assert participant["name"] == "Zebedee Hidden-Renamed"
    assert participant["email"] == "zebedee@hidden.example"
    # ...and withdrawn: the server erases them.
    laptop.store.update(Participant, secret.id, {"consent": False})
    assert laptop.sync(server.url).status == "up_to_date"
    participant = next(r for r in server.dump() if r["id"] == secret.id)
    assert participant["name"] == "" and participant["email"] == ""
    assert other.sync(server.url).status == "up_to_date"
    copy = other.store.get(Participant, secret.id)
    assert copy is not None and copy.name == ""
    assert_exactly_once(laptop, server)


# ---------------------------------------------------------------- two laptops, conflicts


def test_two_laptops_merge_fields_and_log_conflicts(
    make_laptop: Any, server: ServerProcess
) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    event = a.store.create_event(EventInput(title="Shared", venue="Hall"))
    assert a.sync(server.url).status == "up_to_date"
    assert b.sync(server.url).status == "up_to_date"
    # Different fields: merged silently.
    a.store.update(Event, event.id, {"title": "Shared Hexithon"})
    b.store.update(Event, event.id, {"venue": "Library"})
    for laptop in (a, b, a):
        assert laptop.sync(server.url).status == "up_to_date"
    for laptop in (a, b):
        copy = laptop.store.get(Event, event.id)
        assert copy is not None and (copy.title, copy.venue) == ("Shared Hexithon", "Library")
        assert conflict_log(laptop.store) == []
    # Same field: server order wins; the losing value is in both conflict logs.
    a.store.update(Event, event.id, {"facilitator": "Alice"})
    b.store.update(Event, event.id, {"facilitator": "Bob"})
    for laptop in (a, b, a):
        assert laptop.sync(server.url).status == "up_to_date"
    for laptop in (a, b):
        copy = laptop.store.get(Event, event.id)
        assert copy is not None and copy.facilitator == "Bob"
        logged = [c.detail for c in conflict_log(laptop.store)]
        assert any(
            d.get("fields", {}).get("facilitator", {}).get("lost") == "Alice" for d in logged
        )
    assert_converged(a, b)
    assert_exactly_once(a, server)
    assert_exactly_once(b, server)


def test_delete_racing_an_edit_keeps_the_record(make_laptop: Any, server: ServerProcess) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    first = a.store.create_event(EventInput(title="Edited then deleted"))
    second = a.store.create_event(EventInput(title="Deleted then edited"))
    assert a.sync(server.url).status == "up_to_date"
    assert b.sync(server.url).status == "up_to_date"
    # b edits first, a's delete arrives later: the record stays, flagged.
    b.store.update(Event, first.id, {"venue": "Kept"})
    a.store.delete(Event, first.id)
    # a deletes first, b's edit arrives later: the record comes back, flagged.
    a.store.delete(Event, second.id)
    assert b.sync(server.url).status == "up_to_date"
    assert a.sync(server.url).status == "up_to_date"
    b.store.update(Event, second.id, {"venue": "Revived"})
    for laptop in (b, a, b):
        assert laptop.sync(server.url).status == "up_to_date"
    for laptop in (a, b):
        for event_id, venue in ((first.id, "Kept"), (second.id, "Revived")):
            copy = laptop.store.get(Event, event_id)
            assert copy is not None and copy.deleted_at is None and copy.venue == venue
    kinds = {c.detail.get("kind") for c in conflict_log(a.store) + conflict_log(b.store)}
    assert {"delete_vs_edit", "edit_vs_delete"} <= kinds
    assert_converged(a, b)
    assert_exactly_once(a, server)
    assert_exactly_once(b, server)


def test_same_person_on_two_laptops_is_flagged(make_laptop: Any, server: ServerProcess) -> None:
    a, b = make_laptop("a"), make_laptop("b")
    event = a.store.create_event(EventInput(title="Two desks"))
    assert a.sync(server.url).status == "up_to_date"
    assert b.sync(server.url).status == "up_to_date"
    person = ParticipantInput(name="Gwen Jones", email="gwen@example.org", consent=True)
    a.store.create_participant(event.id, person)
    b.store.create_participant(event.id, person)
    for laptop in (a, b, a):
        assert laptop.sync(server.url).status == "up_to_date"
    assert len(a.store.list_participants(event.id)) == 2  # both kept, never merged silently
    flagged = [c for c in conflict_log(b.store) if c.detail.get("kind") == "possible_duplicate"]
    assert flagged and isinstance(flagged[0], ConflictRecord)
    assert_converged(a, b)


# ---------------------------------------------------------------- claims


def test_claim_moves_activities_to_the_member(make_laptop: Any, server: ServerProcess) -> None:
    laptop = make_laptop()
    event = laptop.store.create_event(EventInput(title="Claims"))
    person = laptop.store.create_participant(event.id, ParticipantInput(name="Anon"))
    for title in ("Offer one", "Offer two"):
        laptop.store.create_activity(
            event.id, ActivityInput(kind=Kind.OFFER, title=title), person.id
        )
    assert laptop.sync(server.url).status == "up_to_date"
    done = laptop.cli(
        "server",
        "claim",
        "--db",
        server.db,
        "--code",
        person.claim_code.lower(),
        "--member",
        "member-42",
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["activities"] == 2
    owned = [r for r in server.dump() if r["type"] == "activity" and r.get("member") == "member-42"]
    assert len(owned) == 2
    # What the command printed equals the records the tests compare.
    assert sorted(map(json.dumps, server.dump_cli())) == sorted(map(json.dumps, server.dump()))


def test_random_claim_codes_are_rate_limited(server: ServerProcess) -> None:
    before = server.dump()
    answers = [
        requests.post(
            server.url + "/v1/claims",
            json={"code": uuid.uuid4().hex[:8].upper(), "member": "guesser"},
            timeout=10,
        )
        for _ in range(14)
    ]
    codes = [a.status_code for a in answers]
    assert 429 in codes and set(codes) <= {400, 404, 429}
    limited = answers[codes.index(429)]
    assert limited.json()["error"] == "rate_limited" and int(limited.headers["Retry-After"]) > 0
    assert server.dump() == before


# ---------------------------------------------------------------- transport security


def test_tls_with_a_private_ca(make_laptop: Any, server: ServerProcess, tmp_path: Any) -> None:
    ca = trustme.CA()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    tls_proxy = FaultProxy(int(server.url.rsplit(":", 1)[1]), tls=context)
    try:
        laptop = make_laptop()
        laptop.store.create_event(EventInput(title="Over TLS"))
        untrusted = laptop.sync(tls_proxy.url, max_attempts=1)
        assert untrusted.status == "offline" and "certificate" in untrusted.message
        assert laptop.sync(tls_proxy.url, ca_bundle=str(bundle)).status == "up_to_date"
        assert_exactly_once(laptop, server)
    finally:
        tls_proxy.close()


def test_plain_http_to_a_remote_host_is_refused(make_laptop: Any) -> None:
    with pytest.raises(InsecureServerURL):
        check_server_url("http://sync.example.org")
    assert check_server_url("http://localhost:8000/") == "http://localhost:8000"
    assert check_server_url("https://sync.example.org/") == "https://sync.example.org"
    laptop = make_laptop()
    with pytest.raises(InsecureServerURL):
        SyncClient(laptop.store, "http://192.0.2.10:8765", "token")
    result = laptop.cli("sync", "--server", "http://sync.example.org", "--token", "x")
    assert result.returncode == 1 and "https://" in result.stderr


def test_token_never_in_logs(
    make_laptop: Any, server: ServerProcess, proxy: FaultProxy, caplog: pytest.LogCaptureFixture
) -> None:
    laptop = make_laptop()
    laptop.store.create_event(EventInput(title="Quiet"))
    caplog.set_level(logging.DEBUG)
    proxy.push("drop", "reset_after_response")
    client = laptop.client(proxy.url)
    report = client.sync()
    assert report.status == "up_to_date"
    bad = SyncClient(laptop.store, server.url, "wrong-" + laptop.token, sleep=lambda _s: None)
    refused = bad.sync()
    assert refused.status == "auth"
    for text in (caplog.text, repr(client), repr(bad), refused.message, report.message):
        assert laptop.token not in text
    assert "Bearer" not in caplog.text
    client.close()
    bad.close()


def test_token_kept_in_keyring_or_memory(memory_keyring: Any, monkeypatch: Any) -> None:
    assert tokens.set_token("https://s.example", "secret-1") is True
    assert tokens.get_token("https://s.example/") == "secret-1"
    import keyring
    from keyring.errors import NoKeyringError

    def no_keyring(*_args: Any) -> None:
        raise NoKeyringError("none")

    monkeypatch.setattr(keyring, "set_password", no_keyring)
    monkeypatch.setattr(keyring, "get_password", no_keyring)
    assert tokens.set_token("https://t.example", "secret-2") is False
    assert tokens.get_token("https://t.example") == "secret-2"
    tokens.forget_token("https://t.example")


# ---------------------------------------------------------------- bad actors


def _post(server: ServerProcess, body: bytes, token: str | None, key: str | None = None) -> Any:
    headers = {"Content-Type": "application/json", "Idempotency-Key": key or str(uuid.uuid4())}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return requests.post(server.url + "/v1/push", data=body, headers=headers, timeout=30)


def _op(**overrides: Any) -> dict[str, Any]:
    entity_id = str(uuid.uuid4())
    op = {
        "op_id": str(uuid.uuid4()),
        "entity_type": "event",
        "entity_id": entity_id,
        "action": "create",
        "base": 0,
        "created_at": "2026-01-01T09:00:00+00:00",
        "payload": {"id": entity_id, "title": "Fine"},
    }
    op.update(overrides)
    return op


def _batch(ops: list[dict[str, Any]]) -> tuple[bytes, str]:
    key = str(uuid.uuid4())
    body = {"device_id": str(uuid.uuid4()), "batch_key": key, "ops": ops}
    return json.dumps(body).encode(), key


def test_bad_actors_get_json_errors_and_change_nothing(
    make_laptop: Any, server: ServerProcess
) -> None:
    victim, attacker = make_laptop("victim"), make_laptop("attacker")
    victim.store.create_event(EventInput(title="Victim's event"))
    assert victim.sync(server.url).status == "up_to_date"
    victim_op = victim.store.run_read(
        lambda s: s.execute(
            __import__("sqlalchemy").text("SELECT op_id, entity_id FROM outbox")
        ).first()
    )
    before = server.dump()
    good_body, good_key = _batch([_op()])
    cases: list[tuple[int, str, Any]] = [
        (401, "unauthorized", _post(server, good_body, None, good_key)),
        (401, "unauthorized", _post(server, good_body, "not-a-token", good_key)),
        (
            400,
            "malformed_json",
            _post(server, *(lambda b, k: (b, attacker.token, k))(b"{not json", good_key)),
        ),
    ]
    wrong_types, key = _batch([_op(base="zero")])
    cases.append((400, "bad_op", _post(server, wrong_types, attacker.token, key)))
    unknown_envelope = json.loads(good_body)
    unknown_envelope["admin"] = True
    cases.append(
        (
            400,
            "unknown_field",
            _post(
                server,
                json.dumps(unknown_envelope).encode(),
                attacker.token,
                unknown_envelope["batch_key"],
            ),
        )
    )
    foreign = _op(
        op_id=victim_op.op_id,
        entity_id=victim_op.entity_id,
        action="update",
        payload={"title": "Hijacked"},
    )
    body, key = _batch([foreign])
    cases.append((403, "foreign_operation", _post(server, body, attacker.token, key)))
    many = [_op() for _ in range(1001)]
    body, key = _batch(many)
    cases.append((413, "too_many_ops", _post(server, body, attacker.token, key)))
    body, key = _batch([_op() for _ in range(100_000)])
    cases.append((413, "too_large", _post(server, body, attacker.token, key)))
    for status_code, error, response in cases:
        assert response.status_code == status_code, (error, response.text)
        assert response.headers["Content-Type"].startswith("application/json")
        assert response.json()["error"] == error
    # Unknown fields and wrong field types inside an op: that op is rejected, nothing stored.
    body, key = _batch(
        [
            _op(payload={"title": "x", "colour": "red"}),
            _op(payload={"title": 42}),
            _op(entity_type="spaceship"),
        ]
    )
    answer = _post(server, body, attacker.token, key)
    assert answer.status_code == 200
    assert [r["status"] for r in answer.json()["results"]] == ["rejected"] * 3
    assert server.dump() == before


def test_huge_body_refused_from_content_length(server: ServerProcess) -> None:
    with socket.create_connection(("127.0.0.1", int(server.url.rsplit(":", 1)[1])), 10) as sock:
        sock.sendall(
            b"POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100000000\r\n\r\n" + b"[" * 1000
        )
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    head, _sep, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413")
    assert json.loads(body)["error"] == "too_large"


def test_health_reconcile_and_status(make_laptop: Any, server: ServerProcess) -> None:
    health = requests.get(server.url + "/health", timeout=10)
    assert health.json()["service"] == "hexikit-sync"
    laptop = make_laptop()
    laptop.store.create_event(EventInput(title="Counted"))
    client = laptop.client(server.url)
    assert client.health()
    assert client.sync().status == "up_to_date"
    facts = client.reconcile()
    client.close()
    assert facts["match"] and facts["local_count"] == facts["server_count"] == 1
    assert freeze_batch(laptop.store) is None


def test_snapshot_rows_send_the_current_record_and_pull_pages(
    make_laptop: Any, server: ServerProcess
) -> None:
    from datetime import UTC, datetime

    from hexikit.store.models import OutboxOperation

    laptop, other = make_laptop("old"), make_laptop("other")
    event = laptop.store.create_event(EventInput(title="Before the outbox", venue="Old hall"))
    with laptop.store.transaction() as session:
        # What migration 0002 leaves for rows older than the outbox: a snapshot with {}.
        session.query(OutboxOperation).delete()
        session.add(
            OutboxOperation(
                entity_type="event",
                entity_id=event.id,
                action="snapshot",
                payload={},
                created_at=datetime.now(UTC),
            )
        )
    for index in range(7):
        laptop.store.create_activity(event.id, ActivityInput(kind=Kind.OFFER, title=f"O{index}"))
    assert laptop.sync(server.url).status == "up_to_date"
    stored = next(r for r in server.dump() if r["id"] == event.id)
    assert stored["title"] == "Before the outbox" and stored["venue"] == "Old hall"
    client = other.client(server.url)
    client.pull_limit = 3  # several pages, each applied with its cursor
    assert client.sync().status == "up_to_date"
    client.close()
    copy = other.store.get(Event, event.id)
    assert copy is not None and copy.venue == "Old hall"
    assert len(other.store.list_activities(event.id)) == 7
    assert_exactly_once(laptop, server)


def test_server_never_keeps_personal_fields_without_consent(
    make_laptop: Any, server: ServerProcess
) -> None:
    sloppy = make_laptop("sloppy")
    person = str(uuid.uuid4())
    op = _op(
        entity_type="participant",
        entity_id=person,
        payload={"id": person, "claim_code": "ZZZZ9999", "consent": False, "name": "Nosy Name"},
    )
    body, key = _batch([op])
    answer = _post(server, body, sloppy.token, key)
    assert [r["status"] for r in answer.json()["results"]] == ["applied"]
    assert "Nosy Name" not in json.dumps(server.dump())
    with server.engine.connect() as conn:
        stored = conn.scalar(select(operations.c.payload).where(operations.c.entity_id == person))
    assert "Nosy" not in str(stored)
