"""Entries from phones sync like any other record, and a phone's "no" to consent holds in sync:
the participant travels as an anonymous ID with region and claim code only (issue 18)."""

from __future__ import annotations

import json

from hexikit.records.domain import EventInput
from hexikit.room.codes import phone_hash
from hexikit.room.entries import parse_post, save_phone_entry
from hexikit.store import Store
from hexikit.sync.client.outbox import freeze_batch
from tests.core.room.conftest import ENTRY


def test_phone_entries_go_in_the_sync_batch_and_refused_consent_is_redacted(store: Store) -> None:
    event = store.create_event(EventInput(title="Hexithon"))
    yes = save_phone_entry(
        store, event.id, phone_hash("a" * 24), parse_post({**ENTRY, "name": "Ana Shared"})
    )
    no = save_phone_entry(
        store,
        event.id,
        phone_hash("b" * 24),
        parse_post({**ENTRY, "title": "Private one", "name": "Ben Private", "consent": False}),
    )
    batch = freeze_batch(store)
    assert batch is not None
    body = json.loads(batch.body)
    ops = {(op["entity_type"], op["entity_id"]): op for op in body["ops"]}
    assert ("activity", yes) in ops and ("activity", no) in ops
    people = [op["payload"] for op in body["ops"] if op["entity_type"] == "participant"]
    shared = [p for p in people if p.get("name") == "Ana Shared"]
    assert len(shared) == 1 and shared[0]["consent"] is True
    private = [p for p in people if p.get("consent") is False]
    assert len(private) == 1 and "name" not in private[0]
    assert "Ben Private" not in batch.body.decode("utf-8")
