"""Matching: ranking, explanations, consent on the projector, no self-matches, stored decisions."""

from __future__ import annotations

from hexikit.matching import suggestions as matching
from hexikit.matching.suggestions import ActivityFacts, keywords, rank, stem
from hexikit.records.domain import ActivityInput, EventInput, Kind, Mode, ParticipantInput
from hexikit.store import Store
from hexikit.store.models import Match, OutboxOperation


def facts(
    id_: str,
    kind: str,
    title: str,
    categories: tuple[str, ...] = (),
    regions: tuple[str, ...] = (),
    mode: str = "either",
    person: str | None = None,
) -> ActivityFacts:
    return ActivityFacts(id_, kind, title, "", categories, regions, mode, person or f"p-{id_}")


def test_stemming_and_stop_words() -> None:
    assert stem("charts") == stem("chart")
    assert stem("running") == "run"
    assert stem("studies") == stem("study")
    assert "the" not in keywords("the run charts")
    assert set(keywords("Run charts, please!")) == {"run", "chart", stem("please")}


def test_category_ranks_before_region_before_words() -> None:
    request = facts(
        "r", "request", "Run charts for my ward", ("Statistical analysis",), ("London",)
    )
    category_only = facts("o1", "offer", "Stats coaching", ("Statistical analysis",), ("Wales",))
    category_and_region = facts(
        "o2", "offer", "Data help", ("Statistical analysis",), ("London",), "face-to-face"
    )
    words_only = facts("o3", "offer", "Run charts in Excel", ("Design",), ("London",))
    unrelated = facts("o4", "offer", "Choir practice", ("Engagement",))
    ranked = rank([category_only, words_only, unrelated, category_and_region], [request])
    assert [s.offer.id for s in ranked] == ["o2", "o1", "o3"]
    assert ranked[0].explanation == "both Statistical analysis, both London"
    assert ranked[1].explanation.startswith("both Statistical analysis, can be done remotely")
    assert "words in common: run, charts" in ranked[2].explanation


def test_face_to_face_needs_a_shared_region_remote_matches_anything() -> None:
    request = facts(
        "r", "request", "Coaching", ("Coaching and mentoring",), ("Wales",), "face-to-face"
    )
    far = facts("o1", "offer", "Coaching", ("Coaching and mentoring",), ("London",), "face-to-face")
    remote = facts("o2", "offer", "Coaching", ("Coaching and mentoring",), ("London",), "remote")
    ranked = rank([far, remote], [request])
    assert [s.offer.id for s in ranked] == ["o2"]
    assert ranked[0].remote


def test_never_pairs_a_person_with_themselves() -> None:
    offer = facts("o", "offer", "Run charts", ("Statistical analysis",), person="ana")
    request = facts("r", "request", "Run charts", ("Statistical analysis",), person="ana")
    assert rank([offer], [request]) == []


def _room(store: Store) -> tuple[str, dict[str, str]]:
    event = store.create_event(EventInput("Hexithon"))
    ana = store.create_participant(event.id, ParticipantInput("Ana Silva", consent=True))
    ben = store.create_participant(event.id, ParticipantInput("Ben Okafor", consent=True))
    cy = store.create_participant(event.id, ParticipantInput("Cy Private", consent=False))
    store.create_activity(
        event.id,
        ActivityInput(
            Kind.OFFER,
            "Run chart coaching",
            categories=["Statistical analysis"],
            regions=["London"],
        ),
        ana.id,
    )
    store.create_activity(
        event.id,
        ActivityInput(
            Kind.REQUEST,
            "Help with run charts",
            categories=["Statistical analysis"],
            regions=["London"],
        ),
        ben.id,
    )
    store.create_activity(
        event.id,
        ActivityInput(
            Kind.REQUEST,
            "Statistics for an audit",
            categories=["Statistical analysis"],
            mode=Mode.REMOTE,
        ),
        cy.id,
    )
    store.create_activity(
        event.id,
        ActivityInput(Kind.REQUEST, "Run charts myself", categories=["Statistical analysis"]),
        ana.id,
    )
    return event.id, {"ana": ana.id, "ben": ben.id, "cy": cy.id}


def test_suggest_confirm_dismiss_are_stored_through_the_write_path(store: Store) -> None:
    event_id, people = _room(store)
    suggestions = matching.suggest(store, event_id)
    assert len(suggestions) == 2  # Ana's own request is never suggested to her
    assert all(s.offer.participant_id != s.request.participant_id for s in suggestions)
    best, second = suggestions
    assert best.request.participant_id == people["ben"]
    match = matching.confirm(store, event_id, best)
    matching.dismiss(store, event_id, second)
    with store.session() as session:
        rows = session.query(Match).all()
        assert {(r.request_id, r.status) for r in rows} == {
            (best.request.id, "confirmed"),
            (second.request.id, "dismissed"),
        }
        synced = session.query(OutboxOperation).filter_by(entity_type="match").count()
        assert synced == 2
    after = matching.suggest(store, event_id)
    assert [(s.key, s.status) for s in after] == [(best.key, "confirmed")]
    assert len(matching.suggest(store, event_id, include_dismissed=True)) == 2
    # Confirming the dismissed one later updates the same row.
    matching.confirm(store, event_id, second)
    assert len(matching.event_matches(store, event_id, matching.MatchStatus.CONFIRMED)) == 2
    matching.undo(store, match.id)
    assert len(matching.event_matches(store, event_id, matching.MatchStatus.CONFIRMED)) == 1


def test_projector_names_only_people_who_consented(store: Store) -> None:
    event_id, _people = _room(store)
    for suggestion in matching.suggest(store, event_id):
        matching.confirm(store, event_id, suggestion)
    sentences = sorted(card.sentence for card in matching.projector_cards(store, event_id))
    assert sentences == [
        "Ana can help Ben with run charts",
        "Ana can help someone with statistics for an audit",
    ]
    assert not any("Cy" in s or "Private" in s for s in sentences)


def test_stems_join_the_words_of_qi() -> None:
    # The small stemmer this replaced left these apart.
    assert stem("improvement") == stem("improving") == stem("improve")
    assert stem("measurement") == stem("measuring") == stem("measures")
