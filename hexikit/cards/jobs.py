"""What to print, read from the store: the one entry of the CLI (`hexikit cards`) and the
Cards screen, `make_cards(store, job, …)`, which reads the cards a `CardsJob` asks for, lays
them out and renders them."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy import func, select

from hexikit.base.i18n import _
from hexikit.base.settings import DEFAULT_SIGNUP_URL
from hexikit.cards.model import (
    ActivityLine,
    BlankCard,
    Card,
    CardKind,
    CardsError,
    EventCard,
    PersonalCard,
    claim_url,
    event_url,
)
from hexikit.cards.sheet import CardsResult, render_cards
from hexikit.cards.templates import SheetTemplate
from hexikit.records.domain import Kind
from hexikit.store import Store
from hexikit.store.models import Activity, Event, Match, Participant


@dataclass(frozen=True)
class CardsJob:
    """What to print: the same request from the CLI and the Cards screen.

    participants: "all", "with-activities", or a tuple of participant ids (a selection).
    """

    kind: CardKind
    template: SheetTemplate
    event_id: str = ""
    participants: str | tuple[str, ...] = "all"
    count: int = 0  # blank cards; 0 = one full sheet
    crop_marks: bool = False
    offset_mm: tuple[float, float] = (0.0, 0.0)
    #: Cards' own words in Welsh first, English beneath (as NHS Wales signs are), whatever
    #: the app's language; what people wrote stays as written.
    bilingual: bool = False


def resolve_event_id(store: Store, event_id: str, current_event_id: str = "") -> str:
    """The event to use: the one given, else the current one, else the only one."""
    events = store.list_events()
    if event_id:
        if any(event.id == event_id for event in events):
            return event_id
        matches = [event for event in events if event.id.startswith(event_id)]
        if len(matches) == 1:
            return matches[0].id
        raise CardsError(
            _("No event with the id “{id}”. `hexikit events` lists them.").format(id=event_id)
        )
    if current_event_id and any(event.id == current_event_id for event in events):
        return current_event_id
    if len(events) == 1:
        return events[0].id
    if not events:
        raise CardsError(_("There are no events yet: record one first (Capture)."))
    raise CardsError(
        _("There are several events: choose one with --event ID (`hexikit events` lists them).")
    )


def personal_cards(
    store: Store, event_id: str, participants: str | tuple[str, ...], signup_base_url: str
) -> list[PersonalCard]:
    """One card per chosen participant of the event, with their activities and confirmed
    matches, in name order."""

    def read(session: object) -> list[PersonalCard]:
        from sqlalchemy.orm import Session

        assert isinstance(session, Session)
        people = list(
            session.scalars(
                select(Participant)
                .where(Participant.event_id == event_id, Participant.deleted_at.is_(None))
                .order_by(func.lower(Participant.name))
            )
        )
        activities = list(
            session.scalars(
                select(Activity)
                .where(Activity.event_id == event_id, Activity.deleted_at.is_(None))
                .order_by(Activity.created_at)
            )
        )
        matches = list(
            session.scalars(
                select(Match).where(
                    Match.event_id == event_id,
                    Match.deleted_at.is_(None),
                    Match.status == "confirmed",
                )
            )
        )
        by_person: dict[str, list[Activity]] = {}
        for activity in activities:
            if activity.participant_id:
                by_person.setdefault(activity.participant_id, []).append(activity)
        activity_by_id = {activity.id: activity for activity in activities}
        person_by_id = {person.id: person for person in people}
        if isinstance(participants, tuple):
            wanted = set(participants)
            people = [person for person in people if person.id in wanted]
        elif participants == "with-activities":
            people = [person for person in people if by_person.get(person.id)]
        signup = signup_base_url or DEFAULT_SIGNUP_URL
        cards: list[PersonalCard] = []
        for person in people:
            own = by_person.get(person.id, [])
            lines = [
                ActivityLine(
                    Kind(activity.kind),
                    activity.title,
                    tuple(activity.categories or ()),
                    activity.hours,
                )
                for activity in own
            ]
            match_texts: list[str] = []
            for match in matches:
                offer = activity_by_id.get(match.offer_id)
                request = activity_by_id.get(match.request_id)
                if offer is None or request is None:
                    continue
                if offer.participant_id == person.id:
                    other = person_by_id.get(request.participant_id or "")
                    text = _("You help with “{request}”").format(request=request.title)
                elif request.participant_id == person.id:
                    other = person_by_id.get(offer.participant_id or "")
                    text = _("“{offer}” helps you").format(offer=offer.title)
                else:
                    continue
                # another person's name only when they agreed to share their details
                if other is not None and other.consent:
                    text += " " + _("(with {name})").format(name=other.name)
                match_texts.append(text)
            cards.append(
                PersonalCard(
                    name=person.name,
                    claim_code=person.claim_code,
                    claim_url=claim_url(signup, person.claim_code),
                    signup_url=signup,
                    offers=tuple(line for line in lines if line.kind == Kind.OFFER),
                    requests=tuple(line for line in lines if line.kind == Kind.REQUEST),
                    matches=tuple(match_texts),
                )
            )
        return cards

    return store.run_read(read)


def event_card(store: Store, event_id: str, signup_base_url: str) -> EventCard:
    event = store.get(Event, event_id)
    if event is None or event.is_deleted:
        raise CardsError(_("That event no longer exists."))
    return EventCard(
        title=event.title,
        date=event.date,
        venue=event.venue,
        facilitator=event.facilitator,
        url=event_url(signup_base_url or DEFAULT_SIGNUP_URL, event.id),
    )


def build_cards(
    store: Store | None, job: CardsJob, signup_base_url: str, current_event_id: str = ""
) -> list[Card]:
    """The cards `job` asks for, read from the store; CardsError when there are none."""
    if job.count < 0 or job.count > 10_000:
        raise CardsError(_("Choose between 1 and 10,000 cards."))
    count = job.count or job.template.cards_per_sheet
    signup = signup_base_url.strip() or DEFAULT_SIGNUP_URL
    if job.kind in (CardKind.BLANK_OFFER, CardKind.BLANK_REQUEST):
        kind = Kind.OFFER if job.kind == CardKind.BLANK_OFFER else Kind.REQUEST
        return [BlankCard(kind, signup, job.bilingual)] * count
    if store is None:
        raise CardsError(_("Personal and event cards need the Hexikit data."))
    event_id = resolve_event_id(store, job.event_id, current_event_id)
    if job.kind == CardKind.EVENT:
        return [replace(event_card(store, event_id, signup), bilingual=job.bilingual)] * count
    if isinstance(job.participants, tuple) and not job.participants:
        raise CardsError(_("Tick at least one participant to print their card."))
    cards = [
        replace(card, bilingual=job.bilingual)
        for card in personal_cards(store, event_id, job.participants, signup)
    ]
    if not cards:
        if job.participants == "with-activities":
            raise CardsError(_("No participant of this event has an offer or a request yet."))
        raise CardsError(
            _("This event has no participants yet, so there are no personal cards to print.")
        )
    return list(cards)


def make_cards(
    store: Store | None, job: CardsJob, signup_base_url: str, current_event_id: str = ""
) -> CardsResult:
    """Read, lay out and render the cards of `job` (the CLI and the Cards screen call this)."""
    cards = build_cards(store, job, signup_base_url, current_event_id)
    titles = {
        CardKind.BLANK_OFFER: _("Hexikit blank offer cards"),
        CardKind.BLANK_REQUEST: _("Hexikit blank request cards"),
        CardKind.PERSONAL: _("Hexikit personal cards"),
        CardKind.EVENT: _("Hexikit event cards"),
    }
    return render_cards(
        cards,
        job.template,
        crop_marks=job.crop_marks,
        offset_mm=job.offset_mm,
        title=titles[job.kind],
    )
