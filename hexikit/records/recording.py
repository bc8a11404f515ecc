"""Recording offers and requests with who made them: the core under `hexikit record`.

A participant is identified inside one event by their name (compared without regard to case,
accents kept): recording a second activity for "Siân Jones" at the same event reuses her
participant record instead of making a second one. Details given later (email, organisation,
role, region) fill in blanks on the existing record; they never overwrite what is there.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hexikit.base.i18n import _
from hexikit.records.domain import (
    ActivityInput,
    ParticipantInput,
    clean_text,
    validate_activity,
    validate_participant,
)
from hexikit.store import Store, StoreError, StoreWriteError
from hexikit.store.models import Activity, Event, Participant

#: Participant fields that later entries may fill in when they are still blank.
FILLABLE_FIELDS = ("email", "organisation", "role", "region")

#: A shortened event id must be at least this long (the first block of a UUID is 8).
MIN_ID_PREFIX = 4


def name_key(name: str) -> str:
    """How two typed names are compared: cleaned (NFC, trimmed, inner spaces collapsed), casefolded."""
    return " ".join(clean_text(name).split()).casefold()


def find_event(store: Store, text: str) -> Event:
    """The live event whose id is `text` or starts with it (at least 4 characters)."""
    wanted = clean_text(text).lower()
    if not wanted:
        raise StoreError(_("Say which event: give its id (see 'hexikit events')."))
    with store.session() as session:
        exact = session.get(Event, wanted)
        if exact is not None and exact.deleted_at is None:
            return exact
        found: list[Event] = []
        if len(wanted) >= MIN_ID_PREFIX:
            found = list(
                session.scalars(
                    select(Event).where(Event.id.startswith(wanted), Event.deleted_at.is_(None))
                )
            )
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise StoreError(
            _("More than one event starts with '{id}': give more of the id.").format(id=text)
        )
    raise StoreError(
        _("There is no event '{id}' (see 'hexikit events' for the ids).").format(id=text)
    )


def find_participant_by_name(session: Session, event_id: str, name: str) -> Participant | None:
    """The live participant of `event_id` with this name (see `name_key`), oldest first."""
    key = name_key(name)
    candidates = session.scalars(
        select(Participant)
        .where(Participant.event_id == event_id, Participant.deleted_at.is_(None))
        .order_by(Participant.created_at)
    )
    for participant in candidates:
        if name_key(participant.name) == key:
            return participant
    return None


def blank_fields_to_fill(existing: Participant, clean: ParticipantInput) -> dict[str, str]:
    """Details in `clean` that `existing` does not have yet."""
    changes: dict[str, str] = {}
    for field_name in FILLABLE_FIELDS:
        new_value = getattr(clean, field_name)
        if new_value and not getattr(existing, field_name):
            changes[field_name] = new_value
    return changes


def record_activity(
    store: Store,
    event_id: str,
    data: ActivityInput,
    participant: ParticipantInput | None = None,
) -> Activity:
    """Validate and store one offer or request (and its participant) in one transaction.

    Raises ValidationError (with every problem) or StoreError; on error nothing is stored.
    """
    clean = validate_activity(data)
    clean_person = validate_participant(participant) if participant is not None else None
    for _attempt in range(5):
        try:
            with store.transaction() as session:
                event = session.get(Event, event_id)
                if event is None or event.deleted_at is not None:
                    raise StoreError(
                        _("There is no event '{id}' (see 'hexikit events' for the ids).").format(
                            id=event_id
                        )
                    )
                participant_id: str | None = None
                if clean_person is not None:
                    existing = find_participant_by_name(session, event_id, clean_person.name)
                    if existing is None:
                        person = store.participant_from_input(session, event_id, clean_person)
                        participant_id = store.add_in(session, person).id
                    else:
                        participant_id = existing.id
                        changes = blank_fields_to_fill(existing, clean_person)
                        if changes:
                            store.update_in(session, Participant, existing.id, changes)
                activity = store.activity_from_input(event_id, clean, participant_id)
                return store.add_in(session, activity)
        except IntegrityError:  # a claim code collided between check and insert: try again
            continue
    raise StoreWriteError(_("Could not make a unique claim code; please try again."))
