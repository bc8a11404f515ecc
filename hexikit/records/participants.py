"""Correcting a participant after the fact: a mistyped name, a wrong email, consent given later.

`participant_changes` works out the smallest set of column changes (so the outbox, and sync,
carry only what was corrected); `update_participant` validates and writes them through the
store's one write path in a single transaction.

Consent: given now stamps `consent_at` with the time and stores the wording read out
(`CONSENT_WORDING_V1`); withdrawn clears both. Consent kept as it was keeps the original
time and wording: that is what the person agreed to, and when.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from hexikit.base.i18n import _
from hexikit.records.domain import ParticipantInput, participant_details, validate_participant
from hexikit.records.store_api import StoreError

if TYPE_CHECKING:
    # Named by the capture screen before its first paint: SQLAlchemy comes with the store.
    from hexikit.store import Store
    from hexikit.store.models import Participant

#: Columns a facilitator may correct, in the order the dialog shows them.
EDITABLE_FIELDS = ("name", "email", "organisation", "role", "region", "is_member")


def participant_input_from(person: Participant) -> ParticipantInput:
    """What the edit dialog starts from: the participant as stored."""
    return ParticipantInput(
        name=person.name,
        email=person.email or "",
        organisation=person.organisation or "",
        role=person.role or "",
        region=person.region or "",
        is_member=bool(person.is_member),
        consent=bool(person.consent),
        consent_wording=person.consent_wording or "",
    )


def participant_changes(
    existing: Participant, data: ParticipantInput, now: datetime
) -> dict[str, Any]:
    """The column changes that turn `existing` into what `data` says; only what differs.

    Validates `data` first (raises `ValidationError` with every problem).
    """
    clean = validate_participant(data)
    wanted = participant_details(clean)
    if clean.consent and not existing.consent:
        wanted.update(consent=True, consent_at=now, consent_wording=clean.consent_wording)
    elif not clean.consent:
        # Withdrawn (or never given): nothing left that says they agreed.
        wanted.update(consent=False, consent_at=None, consent_wording="")
    return {key: value for key, value in wanted.items() if getattr(existing, key) != value}


def update_participant(store: Store, participant_id: str, data: ParticipantInput) -> Participant:
    """Validate `data` and write the differences to participant `participant_id` (worker thread).

    Read and write happen in one transaction, so the changes are worked out against the row
    as it is when written. Nothing changed: nothing written, no outbox row.
    """
    from hexikit.store.models import Participant

    with store.transaction() as session:
        existing = session.get(Participant, participant_id)
        if existing is None or existing.deleted_at is not None:
            raise StoreError(
                _("That participant no longer exists; close this window and choose again.")
            )
        changes = participant_changes(existing, data, store.clock.now())
        return store.update_in(session, Participant, participant_id, changes)


def read_participant(
    store: Store, participant_id: str
) -> tuple[ParticipantInput, datetime | None] | None:
    """What the edit dialog starts from, and when consent was given; None for a participant
    that is gone (worker thread)."""
    from hexikit.store.models import Participant

    person = store.get(Participant, participant_id)
    if person is None or person.deleted_at is not None:
        return None
    return participant_input_from(person), person.consent_at
