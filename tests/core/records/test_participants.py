"""Correcting a participant: only changed fields are written (and go to the outbox); consent
given later is stamped with the time and wording; withdrawn consent clears both."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from hexikit.base.clock import FakeClock
from hexikit.records.domain import CONSENT_WORDING_V1, EventInput, ParticipantInput, ValidationError
from hexikit.records.participants import (
    participant_changes,
    participant_input_from,
    update_participant,
)
from hexikit.store import Store, StoreError
from hexikit.store.models import OutboxOperation, Participant


def make_person(store: Store, consent: bool = False) -> Participant:
    event = store.create_event(EventInput(title="Hexithon Cardiff"))
    return store.create_participant(
        event.id,
        ParticipantInput(
            name="Sian Jones",
            email="sian@example.org",
            organisation="Cardiff Trust",
            consent=consent,
        ),
    )


def updates(store: Store, person_id: str) -> list[OutboxOperation]:
    with store.session() as session:
        return list(
            session.scalars(
                select(OutboxOperation)
                .where(OutboxOperation.entity_id == person_id, OutboxOperation.action == "update")
                .order_by(OutboxOperation.seq)
            )
        )


def test_changes_hold_only_what_differs(clocked_store: Store, clock: FakeClock) -> None:
    person = make_person(clocked_store)
    data = participant_input_from(person)
    data.name = "  Siân Jones "
    assert participant_changes(person, data, clock.now()) == {"name": "Siân Jones"}
    assert participant_changes(person, participant_input_from(person), clock.now()) == {}


def test_changes_validate(clocked_store: Store, clock: FakeClock) -> None:
    person = make_person(clocked_store)
    data = participant_input_from(person)
    data.email = "sian@"
    with pytest.raises(ValidationError) as caught:
        participant_changes(person, data, clock.now())
    assert "email" in caught.value.problems


def test_update_writes_row_and_one_outbox_update(clocked_store: Store, clock: FakeClock) -> None:
    person = make_person(clocked_store)
    clock.advance(60)
    data = participant_input_from(person)
    data.name = "Siân Jones"
    data.email = "sian.jones@example.org"
    update_participant(clocked_store, person.id, data)

    stored = clocked_store.get(Participant, person.id)
    assert stored is not None
    assert (stored.name, stored.email) == ("Siân Jones", "sian.jones@example.org")
    assert stored.organisation == "Cardiff Trust"
    assert stored.updated_at == clock.now()
    (op,) = updates(clocked_store, person.id)
    assert set(op.payload) == {"name", "email", "updated_at"}
    assert op.payload["name"] == "Siân Jones"


def test_nothing_changed_writes_nothing(clocked_store: Store) -> None:
    person = make_person(clocked_store)
    update_participant(clocked_store, person.id, participant_input_from(person))
    assert updates(clocked_store, person.id) == []


def test_consent_given_later_is_stamped(clocked_store: Store, clock: FakeClock) -> None:
    person = make_person(clocked_store)
    assert person.consent_at is None
    clock.advance(3600)
    data = participant_input_from(person)
    data.consent = True
    update_participant(clocked_store, person.id, data)
    stored = clocked_store.get(Participant, person.id)
    assert stored is not None
    assert stored.consent is True
    assert stored.consent_at == clock.now()
    assert stored.consent_wording == CONSENT_WORDING_V1
    (op,) = updates(clocked_store, person.id)
    assert set(op.payload) == {"consent", "consent_at", "consent_wording", "updated_at"}


def test_consent_kept_keeps_its_time(clocked_store: Store, clock: FakeClock) -> None:
    person = make_person(clocked_store, consent=True)
    given_at = person.consent_at
    clock.advance(3600)
    data = participant_input_from(person)
    data.role = "Nurse"
    update_participant(clocked_store, person.id, data)
    stored = clocked_store.get(Participant, person.id)
    assert stored is not None
    assert stored.consent_at == given_at
    assert stored.consent_wording == CONSENT_WORDING_V1


def test_consent_withdrawn_is_cleared(clocked_store: Store) -> None:
    person = make_person(clocked_store, consent=True)
    data = participant_input_from(person)
    data.consent = False
    update_participant(clocked_store, person.id, data)
    stored = clocked_store.get(Participant, person.id)
    assert stored is not None
    assert (stored.consent, stored.consent_at, stored.consent_wording) == (False, None, "")


def test_deleted_participant_is_refused(clocked_store: Store) -> None:
    person = make_person(clocked_store)
    clocked_store.delete(Participant, person.id)
    with pytest.raises(StoreError):
        update_participant(clocked_store, person.id, participant_input_from(person))
