"""What a phone posts, checked by the core's rules and written through the one write path.

A post carries `kind`, `title`, `name`, `consent`, `categories`, `regions` and `description`
(the JSON API and the HTML form alike). `parse_post` checks them all at once (ValidationError
naming each field); `save_phone_entry` finds the phone's participant again (or makes one,
with the same consent wording as one typed in on the laptop), writes the entry with
`hexikit.records.capture.save_activity_in`, and marks it as coming from that phone, in ONE
store transaction: one outbox row per record, nothing left behind on failure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hexikit.base.i18n import _
from hexikit.records.capture import save_activity_in
from hexikit.records.domain import (
    ActivityInput,
    Kind,
    ParticipantInput,
    ValidationError,
    consent_wording,
    validate_activity,
    validate_participant,
)
from hexikit.records.participants import participant_changes, participant_input_from
from hexikit.store import Store, StoreError
from hexikit.store.models import Activity, Event, Participant, RoomEntry, RoomPhone

FIELDS = ("kind", "title", "name", "consent", "categories", "regions", "description")
_TEXT_FIELDS = ("kind", "title", "name", "description")
_FORM_ORDER = ("kind", "title", "description", "categories", "regions", "name", "consent")
MAX_TAGS = 20


class EventClosed(StoreError):
    """The room's event was deleted on the laptop."""


class EntryNotFound(StoreError):
    """Not an entry of this phone (another phone's, or removed on the laptop)."""


@dataclass(frozen=True)
class PhonePost:
    """One checked post: the entry and who the phone says they are."""

    activity: ActivityInput
    person: ParticipantInput


@dataclass(frozen=True)
class OwnEntry:
    """An entry as its own phone sees it (never anyone else's)."""

    id: str
    kind: str
    title: str
    description: str
    categories: tuple[str, ...]
    regions: tuple[str, ...]


@dataclass(frozen=True)
class PhoneView:
    """What one phone may see of the room: its own name, consent and entries."""

    event_title: str
    name: str
    consent: bool
    entries: list[OwnEntry]


def parse_post(fields: Mapping[str, Any]) -> PhonePost:
    """Check a post's fields (JSON types, then the core's rules); raises ValidationError with
    a message for every field that is wrong, unknown fields included."""
    problems: dict[str, str] = {}
    for key in fields:
        if key not in FIELDS:
            problems[str(key)[:40]] = _("This field is not known here.")
    text: dict[str, str] = {}
    for key in _TEXT_FIELDS:
        value = fields.get(key, "")
        if isinstance(value, str):
            text[key] = value
        else:
            problems[key] = _("This must be text.")
            text[key] = ""
    consent = fields.get("consent", False)
    if not isinstance(consent, bool):
        problems["consent"] = _("Consent must be true or false.")
        consent = False
    tags: dict[str, list[str]] = {"categories": [], "regions": []}
    for key in ("categories", "regions"):
        value = fields.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems[key] = _("This must be a list of names.")
        elif len(value) > MAX_TAGS:
            problems[key] = _("Choose at most {count}.").format(count=MAX_TAGS)
        else:
            tags[key] = value
    kind = text["kind"]
    if kind not in (str(Kind.OFFER), str(Kind.REQUEST)):
        problems.setdefault("kind", _("Choose whether this is an offer or a request."))
    activity = ActivityInput(
        kind=Kind.REQUEST if kind == str(Kind.REQUEST) else Kind.OFFER,
        title=text["title"],
        description=text["description"],
        categories=tags["categories"],
        regions=tags["regions"],
    )
    person = ParticipantInput(
        name=text["name"],
        consent=consent,
        consent_wording=consent_wording() if consent else "",
    )
    try:
        activity = validate_activity(activity)
    except ValidationError as exc:
        problems = {**exc.problems, **problems}
    try:
        person = validate_participant(person)
    except ValidationError as exc:
        problems = {**exc.problems, **problems}
    if problems:
        # In the form's order (kind, title, ..., name), unknown fields last.
        order = {key: index for index, key in enumerate(_FORM_ORDER)}
        ranked = sorted(problems.items(), key=lambda item: order.get(item[0], len(order)))
        raise ValidationError(dict(ranked))
    return PhonePost(activity, person)


def _live_event(session: Session, event_id: str) -> Event:
    event = session.get(Event, event_id)
    if event is None or event.deleted_at is not None:
        raise EventClosed(_("This event is no longer open on the laptop."))
    return event


def _phone_person(session: Session, event_id: str, phone: str) -> Participant | None:
    row = session.get(RoomPhone, (phone, event_id))
    if row is None:
        return None
    person = session.get(Participant, row.participant_id)
    if person is None or person.deleted_at is not None:
        return None
    return person


def _person_for_post(
    store: Store, session: Session, event_id: str, phone: str, wanted: ParticipantInput
) -> Participant:
    """The phone's participant, corrected to the name and consent just posted (only those:
    what the facilitator added on the laptop stays), or a new one."""
    person = _phone_person(session, event_id, phone)
    if person is not None:
        data = replace(
            participant_input_from(person),
            name=wanted.name,
            consent=wanted.consent,
            consent_wording=wanted.consent_wording,
        )
        changes = participant_changes(person, data, store.clock.now())
        return store.update_in(session, Participant, person.id, changes)
    person = store.add_in(session, store.participant_from_input(session, event_id, wanted))
    row = session.get(RoomPhone, (phone, event_id))
    if row is None:
        session.add(RoomPhone(phone_hash=phone, event_id=event_id, participant_id=person.id))
    else:  # the phone's old participant was deleted on the laptop: speak for the new one
        row.participant_id = person.id
    return person


def save_phone_entry(
    store: Store, event_id: str, phone: str, post: PhonePost, post_key: str = ""
) -> str:
    """Store a new entry from the phone whose cookie hashes to `phone`; returns its id.

    One transaction: the participant (found again or made), the activity (through
    `save_activity_in`, the capture form's write), and the mark that it came from this phone.
    A `post_key` this phone already used returns the entry it made, writing nothing: a
    double tap, or a post sent again after its answer was lost, is stored once.
    """
    with store.transaction() as session:
        _live_event(session, event_id)
        if post_key:
            done = session.scalar(
                select(RoomEntry.activity_id).where(
                    RoomEntry.phone_hash == phone, RoomEntry.post_key == post_key
                )
            )
            if done is not None:
                return str(done)
        person = _person_for_post(store, session, event_id, phone, post.person)
        activity = save_activity_in(store, session, event_id, post.activity, person.id)
        session.add(
            RoomEntry(
                activity_id=activity.id, phone_hash=phone, event_id=event_id, post_key=post_key
            )
        )
        return activity.id


def correct_phone_entry(
    store: Store, event_id: str, phone: str, activity_id: str, post: PhonePost
) -> str:
    """Change an entry this phone made (and the name and consent it gave). An entry of any
    other phone, or one deleted on the laptop, is refused as not there (StoreError)."""
    with store.transaction() as session:
        _live_event(session, event_id)
        mark = session.get(RoomEntry, activity_id)
        activity = session.get(Activity, activity_id)
        if (
            mark is None
            or mark.phone_hash != phone
            or mark.event_id != event_id
            or activity is None
            or activity.deleted_at is not None
        ):
            raise EntryNotFound(_("That entry is not one of yours, or it was removed."))
        person = _person_for_post(store, session, event_id, phone, post.person)
        save_activity_in(store, session, event_id, post.activity, person.id, editing_id=activity_id)
        return activity_id


def phone_view(store: Store, event_id: str, phone: str) -> PhoneView:
    """What this phone may see: the event's title, its own name, consent and live entries."""
    with store.session() as session:
        event = _live_event(session, event_id)
        person = _phone_person(session, event_id, phone)
        query = (
            select(Activity)
            .join(RoomEntry, RoomEntry.activity_id == Activity.id)
            .where(
                RoomEntry.phone_hash == phone,
                RoomEntry.event_id == event_id,
                Activity.deleted_at.is_(None),
            )
            .order_by(Activity.created_at)
        )
        entries = [
            OwnEntry(
                id=activity.id,
                kind=activity.kind,
                title=activity.title,
                description=activity.description,
                categories=tuple(activity.categories or ()),
                regions=tuple(activity.regions or ()),
            )
            for activity in session.scalars(query)
        ]
        return PhoneView(
            event_title=event.title,
            name=person.name if person else "",
            consent=bool(person.consent) if person else False,
            entries=entries,
        )


def is_from_phone(store: Store, activity_id: str) -> bool:
    """True when the entry was added from a phone in the room."""
    with store.session() as session:
        return session.get(RoomEntry, activity_id) is not None


@dataclass(frozen=True)
class RoomSummary:
    """What the join scene shows: counts and the newest titles, named only with consent."""

    offers: int
    requests: int
    people: int
    newest: list[tuple[str, str, str]]  # (kind, title, name or "")


def room_summary(store: Store, event_id: str, newest: int = 5) -> RoomSummary:
    """The event's live counts and its newest entries (worker thread); a name is given only
    for a participant who consented (the store answers who did)."""
    counts = store.counts(event_id)
    with store.session() as session:
        rows = list(
            session.scalars(
                select(Activity)
                .where(Activity.event_id == event_id, Activity.deleted_at.is_(None))
                .order_by(Activity.created_at.desc())
                .limit(newest)
            )
        )
    ids = [row.participant_id for row in rows if row.participant_id]
    shareable = store.shareable_participant_ids(ids)
    names: dict[str, str] = {}
    if shareable:
        with store.session() as session:
            for person in session.scalars(
                select(Participant).where(Participant.id.in_(list(shareable)))
            ):
                names[person.id] = person.name
    return RoomSummary(
        offers=counts.offers,
        requests=counts.requests,
        people=counts.participants,
        newest=[(row.kind, row.title, names.get(row.participant_id or "", "")) for row in rows],
    )
