"""The batch form of the write path (`Store.add_all`): the same rows and outbox rows as one
`add` per entity, in one transaction, all or nothing."""

from __future__ import annotations

from decimal import Decimal
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
from hexikit.store import NewRow, Store, entity_to_dict
from hexikit.store.models import Activity, Event, OutboxOperation, Participant


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


def test_rows_written_in_a_batch_read_back_as_add_writes_them(store: Store) -> None:
    """`add_rows_in` converts values itself (no ORM flush): every column type must come back
    exactly as the one-row path stores it: aware UTC datetimes, lists, Decimals, flags, the
    column defaults, and the outbox payload the whole stored record."""
    event_id = store.create_event(EventInput("Bulk")).id
    person_input = validate_participant(
        ParticipantInput(name="Ada", email="ada@example.org", is_member=True, consent=True)
    )
    offer_input = validate_activity(
        ActivityInput(
            kind=Kind.OFFER,
            title="Run charts",
            categories=["Statistical analysis", "Coaching and mentoring"],
            regions=["London"],
            hours=Decimal("1.50"),
        )
    )
    with store.transaction() as session:
        one_by_one = store.add_in(
            session, store.participant_from_input(session, event_id, person_input)
        )
        single_offer = store.add_in(
            session, store.activity_from_input(event_id, offer_input, one_by_one.id)
        )
        single_ids = (one_by_one.id, single_offer.id)
    heard: list[tuple[str, str]] = []
    store.add_change_listener(
        lambda _session, entity, action, _changes: heard.append((type(entity).__name__, action))
    )
    with store.transaction() as session:
        person_values = store.participant_values(session, event_id, person_input)
        person_values["id"] = "batch-person"
        offer_values = store.activity_values(event_id, offer_input, "batch-person")
        store.add_rows_in(
            session, [NewRow(Activity, offer_values), NewRow(Participant, person_values)]
        )
    assert heard == [("Participant", "create"), ("Activity", "create")]
    skip = {"id", "claim_code", "participant_id", "created_at", "updated_at", "consent_at"}
    with store.session() as session:
        batch_offer = session.scalars(
            select(Activity).where(Activity.participant_id == "batch-person")
        ).one()
        pairs: list[tuple[Participant | Activity | None, Participant | Activity | None]] = [
            (session.get(Participant, single_ids[0]), session.get(Participant, "batch-person")),
            (session.get(Activity, single_ids[1]), batch_offer),
        ]
        for single, batch in pairs:
            assert single is not None and batch is not None
            single_values = entity_to_dict(single)
            batch_values = entity_to_dict(batch)
            assert {k: v for k, v in batch_values.items() if k not in skip} == {
                k: v for k, v in single_values.items() if k not in skip
            }
            assert batch.created_at.tzinfo is not None
            assert batch.updated_at == batch.created_at
            op = session.scalars(
                select(OutboxOperation).where(OutboxOperation.entity_id == batch.id)
            ).one()
            assert op.payload == batch_values
        stored_offer = session.scalars(
            select(Activity).where(Activity.participant_id == "batch-person")
        ).one()
        assert stored_offer.hours == Decimal("1.50")
        assert stored_offer.categories == ["Statistical analysis", "Coaching and mentoring"]


@pytest.mark.parametrize("paramstyle", ["qmark", "named"])
def test_the_batch_insert_writes_the_same_with_positional_or_named_parameters(
    paramstyle: str,
) -> None:
    """The fast path feeds the driver positional rows; a driver with named parameters gets
    SQLAlchemy's own executemany. Both store the same converted values."""
    from datetime import UTC, datetime

    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from hexikit.store import _column_values, _insert_many
    from hexikit.store.models import Base

    engine = create_engine("sqlite://", paramstyle=paramstyle)
    table = Activity.__table__
    Base.metadata.create_all(engine, tables=[Event.__table__, table])  # type: ignore[list-item]
    now = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)
    clean = validate_activity(
        ActivityInput(
            kind=Kind.OFFER, title="Run charts", categories=["Design"], hours=Decimal("1.5")
        )
    )
    given = {**Store.activity_values("e1", clean, None), "id": "a1"}
    values = _column_values(table, {**given, "created_at": now, "updated_at": now})  # type: ignore[arg-type]
    with Session(engine) as session, session.begin():
        _insert_many(session, table, [values])  # type: ignore[arg-type]
    with Session(engine) as session:
        stored = session.get(Activity, "a1")
        assert stored is not None
        assert stored.categories == ["Design"]
        assert stored.hours == Decimal("1.50")
        assert stored.created_at == now
