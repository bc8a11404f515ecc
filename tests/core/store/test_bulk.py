"""The batch form of the write path (`Store.add_all`): the same rows and outbox rows as one
`add` per entity, in one transaction, all or nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError

from hexikit.records.domain import (
    ActivityInput,
    EventInput,
    Kind,
    ParticipantInput,
    validate_activity,
    validate_participant,
)
from hexikit.records.exchange import import_csv_bytes
from hexikit.store import Store, entity_to_dict
from hexikit.store.models import Activity, OutboxOperation, Participant


def _count(store: Store, model: Any) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _people_and_offers(store: Store, event_id: str, people: int) -> list[Participant | Activity]:
    rows: list[Participant | Activity] = []
    with store.session() as session:
        codes = store.unused_claim_codes(session, people)
        for n in range(people):
            person = store.participant_from_input(
                session,
                event_id,
                validate_participant(ParticipantInput(name=f"Person {n}", consent=True)),
                claim_code=codes[n],
            )
            rows.append(person)
    for n in range(people):
        offer = store.activity_from_input(
            event_id,
            validate_activity(ActivityInput(kind=Kind.OFFER, title=f"Run charts {n}")),
            None,
        )
        rows.insert(n, offer)  # activities before people on purpose: the store orders them
    return rows


def test_add_all_writes_what_add_writes(store: Store) -> None:
    event_id = store.create_event(EventInput("Bulk")).id
    rows = _people_and_offers(store, event_id, 3)
    store.add_all(rows)
    assert _count(store, Participant) == 3
    assert _count(store, Activity) == 3
    with store.session() as session:
        ops = list(
            session.scalars(
                select(OutboxOperation)
                .where(OutboxOperation.entity_type != "event")
                .order_by(OutboxOperation.seq)
            )
        )
        assert [op.action for op in ops] == ["create"] * 6
        # Parents first: the participants' outbox rows come before the activities'.
        assert [op.entity_type for op in ops] == ["participant"] * 3 + ["activity"] * 3
        for op in ops:
            model = Participant if op.entity_type == "participant" else Activity
            stored = session.get(model, op.entity_id)
            assert stored is not None
            # The payload is the whole stored record, exactly as `add` sends it.
            assert op.payload == entity_to_dict(stored)
            assert op.state == "pending"
        assert len({op.op_id for op in ops}) == 6


def test_add_all_is_all_or_nothing(store: Store) -> None:
    event_id = store.create_event(EventInput("Bulk")).id
    rows = _people_and_offers(store, event_id, 2)
    clash = next(row for row in rows if isinstance(row, Participant))
    twin = next(row for row in reversed(rows) if isinstance(row, Participant))
    twin.claim_code = clash.claim_code  # a unique column repeated: the whole batch must fail
    outbox_before = _count(store, OutboxOperation)
    with pytest.raises(IntegrityError):  # as for `add`: the caller decides (the import says so)
        store.add_all(rows)
    assert _count(store, Participant) == 0
    assert _count(store, Activity) == 0
    assert _count(store, OutboxOperation) == outbox_before


def test_import_is_one_transaction_with_every_outbox_row(store: Store) -> None:
    event_id = store.create_event(EventInput("Bulk")).id
    lines = ["kind,title,participant_name,participant_consent"]
    lines += [f"offer,Run charts {n},Person {n // 2},yes" for n in range(400)]
    commits: list[int] = []
    event.listen(store.engine, "commit", lambda _connection: commits.append(1))
    result = import_csv_bytes(store, "\n".join(lines).encode(), event_id)
    assert result.activities == 400
    assert result.participants_created == 200
    assert _count(store, Activity) == 400
    assert _count(store, Participant) == 200
    with store.session() as session:
        synced = session.scalar(
            select(func.count())
            .select_from(OutboxOperation)
            .where(OutboxOperation.entity_type.in_(["participant", "activity"]))
        )
    assert synced == 600
    assert len(commits) == 1
