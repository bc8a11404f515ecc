"""The capture screen's core: what it reads (rows, counts, the Who box's people), how it checks
the form (every problem at once; the typed name against the people), and the save: a new
entry or an edit of its fields and its participant, in one transaction with one outbox row,
and nothing at all when it fails."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from hexikit.base.clock import FakeClock
from hexikit.records.capture import (
    ActivityRow,
    CaptureData,
    EventInfo,
    WhoMatch,
    WhoProblem,
    activity_from_draft,
    draft_for_row,
    load_rows,
    match_participant,
    participant_choices,
    read_capture_data,
    save_activity,
)
from hexikit.records.domain import (
    ActivityInput,
    EventInput,
    Kind,
    Mode,
    ParticipantInput,
    ValidationError,
)
from hexikit.records.drafts import CaptureDraft
from hexikit.store import Counts, Store, StoreError
from hexikit.store.models import Activity, Event, OutboxOperation


def outbox_rows(store: Store) -> list[OutboxOperation]:
    with store.session() as session:
        return list(session.scalars(select(OutboxOperation).order_by(OutboxOperation.seq)))


def activity_count(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Activity)) or 0)


def stored(store: Store, activity_id: str) -> Activity:
    activity = store.get(Activity, activity_id)
    assert activity is not None
    return activity


def broken_listener(*_args: Any) -> None:
    raise RuntimeError("sync hook failed")


# ---------------------------------------------------------------------- reading


def test_load_rows_reads_the_store(store: Store) -> None:
    event = store.create_event(EventInput(title="Hexithon"))
    person = store.create_participant(event.id, ParticipantInput(name="Zoë O'Brien"))
    first = store.create_activity(
        event.id, ActivityInput(kind=Kind.OFFER, title="Coaching"), person.id
    )
    gone = store.create_activity(event.id, ActivityInput(kind=Kind.REQUEST, title="Gone"))
    store.delete(type(gone), gone.id)
    rows = load_rows(store, event.id)
    assert [(r.id, r.number, r.participant_name) for r in rows] == [(first.id, 1, "Zoë O'Brien")]
    assert load_rows(store, "") == []


def test_shared_names_are_told_apart_in_the_who_box(store: Store) -> None:
    event = store.create_event(EventInput(title="Hexithon"))
    for name, organisation, email in (
        ("Sam Patel", "Leeds Teaching Hospitals", "sam@leeds.example"),
        ("sam patel", "", "sam@bristol.example"),
        ("Sam Patel", "", ""),
        ("Ana Lima", "Whittington Health", ""),
    ):
        store.create_participant(
            event.id, ParticipantInput(name=name, organisation=organisation, email=email)
        )
    people = store.list_participants(event.id)
    choices = participant_choices(people)
    assert [person_id for person_id, _label in choices] == [person.id for person in people]
    labels = {
        person.email or person.organisation or "none": label
        for person, (_id, label) in zip(people, choices, strict=True)
    }
    no_details = next(person for person in people if not person.organisation and not person.email)
    assert labels == {
        "none": f"Sam Patel ({no_details.claim_code})",
        "sam@leeds.example": "Sam Patel (Leeds Teaching Hospitals)",
        "sam@bristol.example": "sam patel (sam@bristol.example)",
        "Whittington Health": "Ana Lima",
    }


def test_read_capture_data_for_an_event_and_for_none(store: Store) -> None:
    event = store.create_event(
        EventInput(title="Hexithon Leeds", date="2026-11-26", region="Wales")
    )
    person = store.create_participant(event.id, ParticipantInput(name="Ana Lima"))
    store.create_activity(event.id, ActivityInput(kind=Kind.OFFER, title="Run charts"), person.id)
    store.create_activity(event.id, ActivityInput(kind=Kind.REQUEST, title="Survey help"))
    data = read_capture_data(store, event.id)
    assert data.event == EventInfo(event.id, "Hexithon Leeds", "2026-11-26", "", "Wales")
    assert [(row.number, row.title) for row in data.rows] == [(1, "Run charts"), (2, "Survey help")]
    assert data.counts == Counts(participants=1, offers=1, requests=1)
    assert data.participants == [(person.id, "Ana Lima")]

    nothing = CaptureData(None, [], Counts(0, 0, 0), [])
    assert read_capture_data(store, "") == nothing
    store.delete(Event, event.id)
    assert read_capture_data(store, event.id) == nothing


def test_draft_for_row_puts_a_saved_entry_on_the_form() -> None:
    row = ActivityRow(
        id="a1",
        number=3,
        kind="request",
        title="Help with SPC",
        description="Two hours, online",
        categories=("Statistical analysis",),
        regions=("Wales", "London"),
        mode="remote",
        hours=Decimal("1.50"),
        participant_id="p1",
        participant_name="Ana Lima",
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    assert draft_for_row(row, "e1") == CaptureDraft(
        event_id="e1",
        editing_id="a1",
        kind="request",
        participant_id="p1",
        title="Help with SPC",
        description="Two hours, online",
        categories=["Statistical analysis"],
        regions=["Wales", "London"],
        mode="remote",
        hours="1.5",
    )


# ---------------------------------------------------------------------- checking

CHOICES = [
    ("p1", "Łukasz Nowak"),
    ("p2", "Ana Lima"),
    ("p3", "Ana Limón"),
    ("p4", "Sam Patel (Leeds)"),
    ("p5", "Sam Patel (Bristol)"),
]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", WhoMatch()),
        ("   ", WhoMatch()),
        ("łukasz", WhoMatch("p1")),  # any part, any case
        ("  ana lima ", WhoMatch("p2")),  # the exact name wins over "Ana Limón"
        ("limón", WhoMatch("p3")),
        ("ana", WhoMatch(problem=WhoProblem.SEVERAL)),
        ("sam patel", WhoMatch(problem=WhoProblem.SEVERAL)),
        ("bristol", WhoMatch("p5")),
        ("Nobody Here", WhoMatch(problem=WhoProblem.NOBODY)),
    ],
)
def test_match_participant(typed: str, expected: WhoMatch) -> None:
    assert match_participant(typed, CHOICES) == expected


def test_activity_from_a_good_draft() -> None:
    draft = CaptureDraft(
        kind="request",
        title="Help designing a patient survey",
        description="Short one",
        categories=["Design"],
        regions=["Wales"],
        mode="face-to-face",
        hours="1,5",
    )
    assert activity_from_draft(draft) == ActivityInput(
        kind=Kind.REQUEST,
        title="Help designing a patient survey",
        description="Short one",
        categories=["Design"],
        regions=["Wales"],
        mode=Mode.FACE_TO_FACE,
        hours=Decimal("1.5"),
    )


def test_a_draft_with_problems_reports_every_one() -> None:
    draft = CaptureDraft(
        title="  ",
        categories=["Not a category"],
        hours="1.3",
        category_text="desi",
        region_text="Atlantis",
    )
    with pytest.raises(ValidationError) as caught:
        activity_from_draft(draft, {"participant": "Nobody called “Zed” yet."})
    problems = caught.value.problems
    assert list(problems) == ["title", "categories", "participant", "hours", "regions"]
    assert "title is needed" in problems["title"]
    assert problems["participant"] == "Nobody called “Zed” yet."
    assert "quarter hours" in problems["hours"]
    # The text still in the picker says more than "not a category" for the tag.
    assert problems["categories"] == "“desi” is not a category."
    assert problems["regions"] == "“Atlantis” is not a region."


# ---------------------------------------------------------------------- writing


def test_a_new_entry_is_one_row_and_one_outbox_row(clocked_store: Store) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    person = clocked_store.create_participant(event.id, ParticipantInput(name="Ana Lima"))
    before = len(outbox_rows(clocked_store))
    saved = save_activity(
        clocked_store,
        event.id,
        ActivityInput(kind=Kind.OFFER, title="  Run charts  ", hours=Decimal("1.5")),
        person.id,
    )
    row = stored(clocked_store, saved.id)
    assert (row.event_id, row.participant_id, row.title, row.hours) == (
        event.id,
        person.id,
        "Run charts",
        Decimal("1.5"),
    )
    added = outbox_rows(clocked_store)[before:]
    assert [(op.entity_type, op.entity_id, op.action) for op in added] == [
        ("activity", saved.id, "create")
    ]
    assert added[0].payload["participant_id"] == person.id
    assert added[0].payload["title"] == "Run charts"


def test_a_new_entry_for_nobody(clocked_store: Store) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    saved = save_activity(clocked_store, event.id, ActivityInput(kind=Kind.REQUEST, title="Help"))
    assert stored(clocked_store, saved.id).participant_id is None


def test_an_edit_of_fields_and_participant_is_one_update(
    clocked_store: Store, clock: FakeClock
) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    ana = clocked_store.create_participant(event.id, ParticipantInput(name="Ana Lima"))
    ben = clocked_store.create_participant(event.id, ParticipantInput(name="Ben Okafor"))
    first = save_activity(
        clocked_store, event.id, ActivityInput(kind=Kind.OFFER, title="Coaching"), ana.id
    )
    before = len(outbox_rows(clocked_store))
    clock.advance(60)
    edited = save_activity(
        clocked_store,
        event.id,
        ActivityInput(kind=Kind.REQUEST, title="Coaching for QI leads"),
        ben.id,
        editing_id=first.id,
    )
    assert edited.id == first.id
    row = stored(clocked_store, first.id)
    assert (row.kind, row.title, row.participant_id) == ("request", "Coaching for QI leads", ben.id)
    assert row.updated_at == first.updated_at + timedelta(seconds=60)
    added = outbox_rows(clocked_store)[before:]
    assert [(op.entity_id, op.action) for op in added] == [(first.id, "update")]
    payload = added[0].payload
    assert payload["title"] == "Coaching for QI leads"
    assert payload["kind"] == "request"
    assert payload["participant_id"] == ben.id
    assert payload["updated_at"] == row.updated_at.isoformat()
    assert "description" not in payload  # only what changed travels

    # Taking the participant away is an edit too.
    save_activity(
        clocked_store,
        event.id,
        ActivityInput(kind=Kind.REQUEST, title="Coaching for QI leads"),
        "",
        editing_id=first.id,
    )
    assert stored(clocked_store, first.id).participant_id is None
    assert outbox_rows(clocked_store)[-1].payload["participant_id"] is None


def test_an_edit_that_changes_nothing_writes_nothing(
    clocked_store: Store, clock: FakeClock
) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    data = ActivityInput(kind=Kind.OFFER, title="Coaching")
    first = save_activity(clocked_store, event.id, data)
    before = len(outbox_rows(clocked_store))
    clock.advance(60)
    save_activity(clocked_store, event.id, data, editing_id=first.id)
    assert stored(clocked_store, first.id).updated_at == first.updated_at
    assert len(outbox_rows(clocked_store)) == before


def test_a_bad_entry_stores_nothing(clocked_store: Store) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    before = len(outbox_rows(clocked_store))
    with pytest.raises(ValidationError) as caught:
        save_activity(clocked_store, event.id, ActivityInput(kind=Kind.OFFER, title=""))
    assert "title" in caught.value.problems
    assert activity_count(clocked_store) == 0
    assert len(outbox_rows(clocked_store)) == before


def test_a_failing_new_entry_leaves_no_row_and_no_outbox_row(clocked_store: Store) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    person = clocked_store.create_participant(event.id, ParticipantInput(name="Ana Lima"))
    before = len(outbox_rows(clocked_store))
    clocked_store.add_change_listener(broken_listener)
    with pytest.raises(RuntimeError):
        save_activity(
            clocked_store, event.id, ActivityInput(kind=Kind.OFFER, title="Coaching"), person.id
        )
    assert activity_count(clocked_store) == 0
    assert len(outbox_rows(clocked_store)) == before


def test_a_failing_edit_changes_neither_the_fields_nor_the_participant(
    clocked_store: Store,
) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    ana = clocked_store.create_participant(event.id, ParticipantInput(name="Ana Lima"))
    ben = clocked_store.create_participant(event.id, ParticipantInput(name="Ben Okafor"))
    first = save_activity(
        clocked_store, event.id, ActivityInput(kind=Kind.OFFER, title="Coaching"), ana.id
    )
    before = len(outbox_rows(clocked_store))
    clocked_store.add_change_listener(broken_listener)
    with pytest.raises(RuntimeError):
        save_activity(
            clocked_store,
            event.id,
            ActivityInput(kind=Kind.REQUEST, title="Coaching for QI leads"),
            ben.id,
            editing_id=first.id,
        )
    row = stored(clocked_store, first.id)
    assert (row.kind, row.title, row.participant_id) == ("offer", "Coaching", ana.id)
    assert row.updated_at == first.updated_at
    assert len(outbox_rows(clocked_store)) == before


def test_editing_an_entry_that_is_gone_stores_nothing(clocked_store: Store) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    person = clocked_store.create_participant(event.id, ParticipantInput(name="Ana Lima"))
    before = len(outbox_rows(clocked_store))
    with pytest.raises(StoreError):
        save_activity(
            clocked_store,
            event.id,
            ActivityInput(kind=Kind.OFFER, title="Coaching"),
            person.id,
            editing_id="00000000-0000-4000-8000-000000000000",
        )
    assert activity_count(clocked_store) == 0
    assert len(outbox_rows(clocked_store)) == before
