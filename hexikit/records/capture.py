"""What the capture screen reads and writes, without Qt: the core under `hexikit.ui.capture`.

Reading (`read_capture_data`, worker thread): the event, its live entries as `ActivityRow`s
numbered in the order they were typed, the counts, and the people for the Who box, labelled so
that two people with one name can be told apart.

Checking (`activity_from_draft`, `match_participant`): the form as typed becomes an
`ActivityInput` with every problem at once, and the text in the Who box names one person, or
nobody, or several.

Writing (`save_activity`): a new entry, or the change to one being edited (its fields and who
made it), in ONE store transaction through the store's write path, so the outbox carries one
row per change and a failure leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from hexikit.base.i18n import _
from hexikit.records.domain import (
    ActivityInput,
    Kind,
    Mode,
    ValidationError,
    activity_columns,
    format_hours,
    parse_hours,
    validate_activity,
)
from hexikit.records.drafts import CaptureDraft
from hexikit.records.store_api import Counts

if TYPE_CHECKING:
    # The capture screen imports this module before its first paint; SQLAlchemy comes with
    # the store, on the worker thread (the functions below run there).
    from sqlalchemy.orm import Session

    from hexikit.store import Store
    from hexikit.store.models import Activity, Participant

#: A person the Who box offers: (participant id, label), in the order the store lists them.
ParticipantChoice = tuple[str, str]


# ---------------------------------------------------------------------- reading


@dataclass(frozen=True)
class ActivityRow:
    """One offer or request as the list shows it."""

    id: str
    number: int
    kind: str
    title: str
    description: str
    categories: tuple[str, ...]
    regions: tuple[str, ...]
    mode: str
    hours: Decimal | None
    participant_id: str
    participant_name: str
    created_at: datetime

    def haystack(self) -> str:
        """Everything the filter looks in, case-folded once."""
        return " ".join(
            (
                self.kind,
                self.title,
                self.description,
                " ".join(self.categories),
                " ".join(self.regions),
                self.mode,
                self.participant_name,
                f"#{self.number}",
            )
        ).casefold()


@dataclass(frozen=True)
class EventInfo:
    """The event the capture screen is typing into, as its heading shows it."""

    id: str
    title: str
    date: str
    venue: str
    region: str


@dataclass(frozen=True)
class CaptureData:
    """One refresh of the capture screen, read on the store lane."""

    event: EventInfo | None
    rows: list[ActivityRow]
    counts: Counts
    participants: list[ParticipantChoice]


def load_rows(store: Store, event_id: str) -> list[ActivityRow]:
    """The event's live activities, oldest first, numbered 1.. in that order (worker thread)."""
    if not event_id:
        return []
    names = {person.id: person.name for person in store.list_participants(event_id)}
    rows: list[ActivityRow] = []
    for number, activity in enumerate(store.list_activities(event_id), start=1):
        rows.append(
            ActivityRow(
                id=activity.id,
                number=number,
                kind=activity.kind,
                title=activity.title,
                description=activity.description,
                categories=tuple(activity.categories or ()),
                regions=tuple(activity.regions or ()),
                mode=activity.mode,
                hours=activity.hours,
                participant_id=activity.participant_id or "",
                participant_name=names.get(activity.participant_id or "", ""),
                created_at=activity.created_at,
            )
        )
    return rows


def participant_choices(people: Sequence[Participant]) -> list[ParticipantChoice]:
    """The Who box's (id, label) pairs: the name, and for a name shared (in any case) by two
    or more people, their organisation, email or claim code after it."""
    names: dict[str, int] = {}
    for person in people:
        names[person.name.casefold()] = names.get(person.name.casefold(), 0) + 1
    choices: list[ParticipantChoice] = []
    for person in people:
        label = person.name
        if names[person.name.casefold()] > 1:
            label = f"{person.name} ({person.organisation or person.email or person.claim_code})"
        choices.append((person.id, label))
    return choices


def read_capture_data(store: Store, event_id: str) -> CaptureData:
    """Everything the capture screen shows for `event_id` (worker thread); an event that is
    not there (or deleted) reads as nothing at all."""
    from hexikit.store.models import Event

    event = store.get(Event, event_id) if event_id else None
    if event is None or event.deleted_at is not None:
        return CaptureData(None, [], Counts(0, 0, 0), [])
    return CaptureData(
        EventInfo(event.id, event.title, event.date, event.venue, event.region),
        load_rows(store, event_id),
        store.counts(event_id),
        participant_choices(store.list_participants(event_id)),
    )


def draft_for_row(row: ActivityRow, event_id: str) -> CaptureDraft:
    """The form's contents for editing the saved entry `row`."""
    return CaptureDraft(
        event_id=event_id,
        editing_id=row.id,
        kind=row.kind,
        participant_id=row.participant_id,
        title=row.title,
        description=row.description,
        categories=list(row.categories),
        regions=list(row.regions),
        mode=row.mode,
        hours=format_hours(row.hours),
    )


# ---------------------------------------------------------------------- checking


class WhoProblem(StrEnum):
    """Why the text in the Who box names no one person."""

    NOBODY = "nobody"
    SEVERAL = "several"


@dataclass(frozen=True)
class WhoMatch:
    """What the Who box names: a participant id ("" for nobody), or why it cannot say."""

    participant_id: str = ""
    problem: WhoProblem | None = None


def match_participant(typed: str, choices: Sequence[ParticipantChoice]) -> WhoMatch:
    """The one choice whose label is `typed` (in any case), else the one whose label contains
    it. Blank text names nobody, and that is fine: the Who box is optional."""
    wanted = typed.strip().casefold()
    if not wanted:
        return WhoMatch()
    exact = [person_id for person_id, label in choices if label.casefold() == wanted]
    found = exact or [person_id for person_id, label in choices if wanted in label.casefold()]
    if len(found) == 1:
        return WhoMatch(found[0])
    return WhoMatch(problem=WhoProblem.SEVERAL if found else WhoProblem.NOBODY)


def activity_from_draft(
    draft: CaptureDraft, problems_found: Mapping[str, str] | None = None
) -> ActivityInput:
    """The offer or request the form describes, checked as a save checks it.

    Raises ValidationError with every problem at once: those the caller already found
    (`problems_found`, the Who box), the hours, text left in the category or region picker
    that is not a tag yet, and `validate_activity`'s. A field's own problem wins over the
    generic one `validate_activity` gives for it.
    """
    problems: dict[str, str] = dict(problems_found or {})
    hours: Decimal | None = None
    try:
        hours = parse_hours(draft.hours)
    except ValidationError as exc:
        problems.update(exc.problems)
    if draft.category_text.strip():
        problems["categories"] = _("“{text}” is not a category.").format(
            text=draft.category_text.strip()
        )
    if draft.region_text.strip():
        problems["regions"] = _("“{text}” is not a region.").format(text=draft.region_text.strip())
    data = ActivityInput(
        kind=Kind.REQUEST if draft.kind == str(Kind.REQUEST) else Kind.OFFER,
        title=draft.title,
        description=draft.description,
        categories=draft.categories,
        regions=draft.regions,
        mode=Mode(draft.mode),
        hours=hours,
    )
    try:
        validate_activity(data)
    except ValidationError as exc:
        problems = {**exc.problems, **problems}
    if problems:
        raise ValidationError(problems)
    return data


# ---------------------------------------------------------------------- writing


def save_activity(
    store: Store,
    event_id: str,
    data: ActivityInput,
    participant_id: str = "",
    editing_id: str = "",
) -> Activity:
    """Store the entry typed on the capture form, in one transaction (worker thread).

    A new entry (`editing_id` "") is added to `event_id` for `participant_id` ("" for nobody);
    an edited one gets its fields and its participant changed together, as one update (one
    outbox row, nothing written when nothing changed). Raises ValidationError (every
    problem) or StoreError; on error nothing is stored and nothing goes to the outbox.
    """
    clean = validate_activity(data)
    with store.transaction() as session:
        return save_activity_in(store, session, event_id, clean, participant_id, editing_id)


def save_activity_in(
    store: Store,
    session: Session,
    event_id: str,
    data: ActivityInput,
    participant_id: str = "",
    editing_id: str = "",
) -> Activity:
    """`save_activity` inside a transaction the caller holds (the room web app writes the
    phone's participant and its entry together): the same rules, the same write path."""
    from hexikit.store.models import Activity

    clean = validate_activity(data)
    if editing_id:
        changes = activity_columns(clean)
        changes["participant_id"] = participant_id or None
        return store.update_in(session, Activity, editing_id, changes)
    activity = store.activity_from_input(event_id, clean, participant_id or None)
    return store.add_in(session, activity)


def delete_activity(store: Store, activity_id: str) -> Activity:
    """Delete an entry from the capture list (a tombstone, so it can be undone; worker thread)."""
    from hexikit.store.models import Activity

    return store.delete(Activity, activity_id)


def restore_activity(store: Store, activity_id: str) -> Activity:
    """Undo `delete_activity` (worker thread)."""
    from hexikit.store.models import Activity

    return store.restore(Activity, activity_id)
