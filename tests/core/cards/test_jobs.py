"""Cards from the store: personal cards with consent-aware matches, event cards, clear errors."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from hexikit.cards.jobs import CardsJob, make_cards
from hexikit.cards.model import CardKind, CardsError
from hexikit.cards.templates import find_template
from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.store import Store
from hexikit.store.models import Match
from tests.core.cards.samples import BASE, crop_card, decode, pdf_text, rasterise


def _event_with_people(store: Store) -> tuple[str, list[str]]:
    event = store.create_event(EventInput("Hexithon Abertawe", "2026-12-01", "Swansea", "", "Gwen"))
    ana = store.create_participant(event.id, ParticipantInput("Ana Ŵ", consent=True))
    ben = store.create_participant(event.id, ParticipantInput("Ben", consent=False))
    store.create_participant(event.id, ParticipantInput("Cai (nothing yet)"))
    offer = store.create_activity(
        event.id,
        ActivityInput(Kind.OFFER, "Run charts", categories=["Design"], hours=Decimal(2)),
        ana.id,
    )
    request = store.create_activity(
        event.id, ActivityInput(Kind.REQUEST, "Help with charts"), ben.id
    )
    store.add(
        Match(event_id=event.id, offer_id=offer.id, request_id=request.id, status="confirmed")
    )
    store.add(
        Match(event_id=event.id, offer_id=offer.id, request_id=request.id, status="dismissed")
    )
    return event.id, [ana.claim_code, ben.claim_code]


def test_make_personal_cards_from_the_store(store: Store, tmp_path: Path) -> None:
    event_id, codes = _event_with_people(store)
    job = CardsJob(CardKind.PERSONAL, find_template("a4-8up"), event_id=event_id)
    result = make_cards(store, job, BASE)
    assert result.cards == 3
    text = " ".join(pdf_text(result.pdf, tmp_path).split())
    for code in codes:
        assert code in text
    assert "Run charts" in text and "Matched today" in text
    # Ben did not consent: Ana's card does not name him; Ben's card names Ana, who did
    assert "(with Ben)" not in text and "(with Ana Ŵ)" in text
    assert text.count("Matched today") == 2  # the dismissed match is not printed
    only_active = make_cards(
        store,
        CardsJob(CardKind.PERSONAL, find_template("a4-8up"), event_id, "with-activities"),
        BASE,
    )
    assert only_active.cards == 2
    nobody = CardsJob(CardKind.PERSONAL, find_template("a4-8up"), event_id, ())
    with pytest.raises(CardsError, match="Tick at least one"):
        make_cards(store, nobody, BASE)


def test_empty_event_personal_cards_is_a_clear_error_and_event_card_works(
    store: Store, tmp_path: Path
) -> None:
    event = store.create_event(EventInput("Empty"))
    job = CardsJob(CardKind.PERSONAL, find_template("a4-8up"), event_id=event.id)
    with pytest.raises(CardsError, match="no participants"):
        make_cards(store, job, BASE)
    event_job = CardsJob(CardKind.EVENT, find_template("a4-8up"), event_id=event.id, count=1)
    result = make_cards(store, event_job, BASE)
    assert result.cards == 1
    image = rasterise(result.pdf, tmp_path)
    assert decode(crop_card(image, find_template("a4-8up"), 0), tmp_path, "ev") == [
        f"https://hexitime.com/e/{event.id}"
    ]
