"""Who in the room can help whom: offer → request suggestions, ranked and explained.

Ranking is lexicographic, in the order a facilitator would reason:
1. shared categories (more is better),
2. region and mode: a remote side matches anything; face-to-face on both sides needs a shared
   region (pairs that cannot meet are not suggested); a shared region ranks higher,
3. words in common in the titles and descriptions (after stop words and a Porter2 stemmer).

A person is never paired with themselves. Confirmed and dismissed suggestions become `Match`
rows through the store's write path, so they sync like everything else.

What the projector may show is decided here, from the participants' consent: a participant
who did not consent is "Someone" on the screen.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

import snowballstemmer
from sqlalchemy import select

from hexikit.base.i18n import _
from hexikit.records.domain import Kind, Mode, category_label, region_label
from hexikit.store import Store, StoreError
from hexikit.store.models import Activity, Match, Participant


class MatchStatus(StrEnum):
    """What the facilitator decided about a suggestion (a suggestion not yet decided has none)."""

    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"


# Weights keep the ranking lexicographic: one shared category outweighs any region, mode or
# word signal; a shared region outweighs any number of common words (capped below).
CATEGORY_WEIGHT = 1000.0
REGION_WEIGHT = 100.0
REMOTE_WEIGHT = 50.0
WORD_WEIGHT = 5.0
MAX_WORDS_COUNTED = 9

_STOP_WORDS_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further get got had has have having he her here hers herself him himself his how i if in
    into is it its itself just like me more most my myself need needs no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than that
    the their theirs them themselves then there these they this those through to too under
    until up very was we were what when where which while who whom why will with would you
    your yours yourself yourselves help helping offer offering request requesting want wants
    someone anyone people person use using able one two new make making work working
"""
_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


_STEMMERS = threading.local()


def stem(word: str) -> str:
    """The Porter2 (Snowball English) stem: 'improvement' and 'improving' → 'improv'.

    Stemmer objects keep state between calls, so each thread gets its own.
    """
    stemmer = getattr(_STEMMERS, "english", None)
    if stemmer is None:
        stemmer = _STEMMERS.english = snowballstemmer.stemmer("english")
    return str(stemmer.stemWord(word))


def keywords(text: str) -> dict[str, str]:
    """Stems of the meaningful words in `text`, each with the first word form seen."""
    found: dict[str, str] = {}
    normal = unicodedata.normalize("NFKC", text).casefold()
    for match in _WORD_RE.finditer(normal):
        word = match.group(0).replace("’", "'")
        if "'" in word:
            word = word.split("'", 1)[0]
        if len(word) < 3 or word in _STOP_WORDS:
            continue
        found.setdefault(stem(word), word)
    return found


@functools.lru_cache(maxsize=4096)
def _cached_keywords(text: str) -> dict[str, str]:
    # Every offer meets every request: extract each text's words once, not once per pair.
    return keywords(text)


@dataclass(frozen=True)
class ActivityFacts:
    """What matching needs to know about one activity (and its author)."""

    id: str
    kind: str
    title: str
    description: str
    categories: tuple[str, ...]
    regions: tuple[str, ...]
    mode: str
    participant_id: str | None
    participant_name: str = ""
    participant_region: str = ""
    consent: bool = False

    @property
    def places(self) -> frozenset[str]:
        """The activity's regions, or its author's region when the activity names none."""
        if self.regions:
            return frozenset(self.regions)
        return frozenset([self.participant_region]) if self.participant_region else frozenset()


@dataclass(frozen=True)
class Suggestion:
    """An offer that may meet a request, with why."""

    offer: ActivityFacts
    request: ActivityFacts
    score: float
    shared_categories: tuple[str, ...]
    shared_regions: tuple[str, ...]
    remote: bool
    shared_words: tuple[str, ...]
    #: "confirmed", "dismissed" or "" (not decided yet)
    status: MatchStatus | None = None
    match_id: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.offer.id, self.request.id)

    @property
    def explanation(self) -> str:
        parts: list[str] = [
            _("both {category}").format(category=category_label(category))
            for category in self.shared_categories
        ]
        parts += [
            _("both {region}").format(region=region_label(region)) for region in self.shared_regions
        ]
        if self.remote and not self.shared_regions:
            parts.append(_("can be done remotely"))
        if self.shared_words:
            parts.append(_("words in common: {words}").format(words=", ".join(self.shared_words)))
        return ", ".join(parts)


def _modes_meet(offer: ActivityFacts, request: ActivityFacts) -> tuple[bool, bool]:
    """(compatible, remote): remote on either side matches anything; otherwise they must meet."""
    remote_possible = Mode.REMOTE in (offer.mode, request.mode) or (
        offer.mode == Mode.EITHER and request.mode == Mode.EITHER
    )
    if remote_possible:
        return True, True
    # At least one side needs face-to-face: they need a region in common, when both say one.
    if offer.places and request.places and not (offer.places & request.places):
        return False, False
    return True, False


def score_pair(offer: ActivityFacts, request: ActivityFacts) -> Suggestion | None:
    """The suggestion for this pair, or None when they should not be suggested."""
    if offer.participant_id is not None and offer.participant_id == request.participant_id:
        return None
    compatible, remote = _modes_meet(offer, request)
    if not compatible:
        return None
    shared_categories = tuple(c for c in offer.categories if c in set(request.categories))
    shared_regions = tuple(sorted(offer.places & request.places))
    offer_words = _cached_keywords(f"{offer.title} {offer.description}")
    request_words = _cached_keywords(f"{request.title} {request.description}")
    shared_stems = [s for s in offer_words if s in request_words]
    shared_words = tuple(request_words[s] for s in shared_stems)
    if not shared_categories and not shared_words:
        return None
    score = (
        CATEGORY_WEIGHT * len(shared_categories)
        + REGION_WEIGHT * min(len(shared_regions), 1)
        + (REMOTE_WEIGHT if remote else 0.0)
        + WORD_WEIGHT * min(len(shared_words), MAX_WORDS_COUNTED)
    )
    return Suggestion(
        offer=offer,
        request=request,
        score=score,
        shared_categories=shared_categories,
        shared_regions=shared_regions,
        remote=remote,
        shared_words=shared_words[:5],
    )


def rank(offers: Iterable[ActivityFacts], requests: Iterable[ActivityFacts]) -> list[Suggestion]:
    """Every worthwhile offer → request pair, best first (ties: offer title, request title)."""
    request_list = list(requests)
    found: list[Suggestion] = []
    for offer in offers:
        for request in request_list:
            suggestion = score_pair(offer, request)
            if suggestion is not None:
                found.append(suggestion)
    found.sort(
        key=lambda s: (-s.score, s.offer.title.casefold(), s.request.title.casefold(), s.key)
    )
    return found


# ---------------------------------------------------------------- the store side


def event_activities(store: Store, event_id: str) -> list[ActivityFacts]:
    """The event's live activities with their authors' name, region and consent."""
    with store.session() as session:
        rows = session.execute(
            select(Activity, Participant)
            .outerjoin(Participant, Activity.participant_id == Participant.id)
            .where(Activity.event_id == event_id, Activity.deleted_at.is_(None))
            .order_by(Activity.created_at)
        ).all()
    # Consent is data the store owns: ask it rather than reading the column here.
    consenting = store.shareable_participant_ids(
        [a.participant_id for a, _p in rows if a.participant_id]
    )
    facts = []
    for activity, participant in rows:
        live = participant is not None and participant.deleted_at is None
        facts.append(
            ActivityFacts(
                id=activity.id,
                kind=activity.kind,
                title=activity.title,
                description=activity.description or "",
                categories=tuple(activity.categories or ()),
                regions=tuple(activity.regions or ()),
                mode=activity.mode or str(Mode.EITHER),
                participant_id=activity.participant_id,
                participant_name=participant.name if live else "",
                participant_region=participant.region if live else "",
                consent=live and activity.participant_id in consenting,
            )
        )
    return facts


def event_matches(store: Store, event_id: str, status: MatchStatus | None = None) -> list[Match]:
    """The event's stored (not deleted) matches, optionally of one status."""
    with store.session() as session:
        query = select(Match).where(Match.event_id == event_id, Match.deleted_at.is_(None))
        if status is not None:
            query = query.where(Match.status == status)
        return list(session.scalars(query.order_by(Match.created_at)))


def suggest(store: Store, event_id: str, include_dismissed: bool = False) -> list[Suggestion]:
    """Ranked suggestions for the event, each with its stored decision (if any).

    Confirmed matches come first (in ranking order), then undecided ones; dismissed ones are
    left out unless asked for.
    """
    facts = event_activities(store, event_id)
    offers = [f for f in facts if f.kind == Kind.OFFER]
    requests = [f for f in facts if f.kind == Kind.REQUEST]
    decided = {(m.offer_id, m.request_id): m for m in event_matches(store, event_id)}
    result: list[Suggestion] = []
    for suggestion in rank(offers, requests):
        stored = decided.get(suggestion.key)
        if stored is not None:
            suggestion = _with_status(suggestion, MatchStatus(stored.status), stored.id)
        if suggestion.status is MatchStatus.DISMISSED and not include_dismissed:
            continue
        result.append(suggestion)
    order = {MatchStatus.CONFIRMED: 0, None: 1, MatchStatus.DISMISSED: 2}
    result.sort(key=lambda s: order.get(s.status, 1))
    return result


def _with_status(suggestion: Suggestion, status: MatchStatus, match_id: str) -> Suggestion:
    return replace(suggestion, status=status, match_id=match_id)


def decide(store: Store, event_id: str, suggestion: Suggestion, status: MatchStatus) -> Match:
    """Store the facilitator's decision on `suggestion` (confirm or dismiss) as a Match row."""
    status = MatchStatus(status)  # a stray string is a ValueError here, not a stored row
    offer, request = suggestion.offer, suggestion.request
    if offer.participant_id is not None and offer.participant_id == request.participant_id:
        raise StoreError(_("A person cannot be matched with themselves."))
    with store.transaction() as session:
        existing = session.scalar(
            select(Match).where(
                Match.event_id == event_id,
                Match.offer_id == offer.id,
                Match.request_id == request.id,
            )
        )
        if existing is None:
            return store.add_in(
                session,
                Match(
                    event_id=event_id,
                    offer_id=offer.id,
                    request_id=request.id,
                    status=status,
                    score=suggestion.score,
                    explanation=suggestion.explanation,
                ),
            )
        changes: dict[str, object] = {"status": status, "explanation": suggestion.explanation}
        if existing.deleted_at is not None:
            changes["deleted_at"] = None
        return store.update_in(session, Match, existing.id, changes)


def confirm(store: Store, event_id: str, suggestion: Suggestion) -> Match:
    return decide(store, event_id, suggestion, MatchStatus.CONFIRMED)


def dismiss(store: Store, event_id: str, suggestion: Suggestion) -> Match:
    return decide(store, event_id, suggestion, MatchStatus.DISMISSED)


def undo(store: Store, match_id: str) -> Match:
    """Take a decision back (the suggestion is undecided again); the delete syncs too."""
    return store.delete(Match, match_id)


# ---------------------------------------------------------------- what the projector shows


@dataclass(frozen=True)
class MatchCard:
    """One confirmed match as the room sees it."""

    match_id: str
    helper: str
    helped: str
    topic: str
    reason: str

    @property
    def sentence(self) -> str:
        return _("{helper} can help {helped} with {topic}").format(
            helper=self.helper, helped=self.helped, topic=self.topic
        )


def public_name(facts: ActivityFacts, capitalised: bool = True) -> str:
    """The author's first name if they consented to be named, otherwise 'Someone'."""
    name = facts.participant_name.strip()
    if facts.consent and name:
        return name.split()[0]
    return _("Someone") if capitalised else _("someone")


# Request titles often start with what the sentence already says ("can help … with").
_TOPIC_LEADS = (
    "i need help with ",
    "i need help ",
    "need help with ",
    "need help ",
    "looking for help with ",
    "looking for ",
    "help with ",
    "help on ",
    "help ",
    "support with ",
    "i need ",
    "need ",
)


def _topic(title: str) -> str:
    """A request title as the end of a sentence: 'Run charts' → 'run charts'."""
    text = " ".join(title.split()).rstrip(".!?;:")
    lowered = text.casefold()
    for lead in _TOPIC_LEADS:
        if lowered.startswith(lead) and len(text) > len(lead) + 2:
            text = text[len(lead) :].lstrip()
            break
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


def projector_cards(store: Store, event_id: str) -> list[MatchCard]:
    """The confirmed matches of the event, worded for the projector (consent respected)."""
    facts = {f.id: f for f in event_activities(store, event_id)}
    cards = []
    for match in event_matches(store, event_id, MatchStatus.CONFIRMED):
        offer = facts.get(match.offer_id)
        request = facts.get(match.request_id)
        if offer is None or request is None:
            continue  # one side was deleted since
        cards.append(card_for(match.id, offer, request, match.explanation))
    return cards


def card_for(match_id: str, offer: ActivityFacts, request: ActivityFacts, reason: str) -> MatchCard:
    return MatchCard(
        match_id=match_id,
        helper=public_name(offer),
        helped=public_name(request, capitalised=False),
        topic=_topic(request.title),
        reason=reason,
    )


def unique_participant_ids(suggestions: Sequence[Suggestion]) -> set[str]:
    """Everyone named in `suggestions` (for summaries)."""
    ids: set[str] = set()
    for suggestion in suggestions:
        for side in (suggestion.offer, suggestion.request):
            if side.participant_id:
                ids.add(side.participant_id)
    return ids
