"""Everything printed speaks the chosen language (issue 17): a Welsh report and Welsh cards, as
PDFs whose text is Welsh."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from hexikit.base import i18n
from hexikit.cli import main
from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.records.recording import record_activity
from hexikit.store import Store


@pytest.fixture(autouse=True)
def _english_after() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _text(path: Path) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(path).pages)


def _event(store: Store) -> str:
    event_id = store.create_event(EventInput(title="Hexithon Caerdydd", region="Wales")).id
    record_activity(
        store,
        event_id,
        ActivityInput(kind=Kind.OFFER, title="Siartiau rhediad", categories=["Design"]),
        ParticipantInput(name="Siân Jones", consent=True),
    )
    record_activity(
        store,
        event_id,
        ActivityInput(kind=Kind.REQUEST, title="Help gydag arolwg", regions=["Wales"]),
    )
    return event_id


def test_welsh_report_pdf(store: Store, tmp_path: Path) -> None:
    event_id = _event(store)
    out = tmp_path / "adroddiad.pdf"
    assert main(["--lang", "cy", "report", "--event", event_id, "--out", str(out)]) == 0
    text = _text(out)
    for welsh in ("Adroddiad Hexithon", "Cyfranogwyr", "Cynigion a cheisiadau fesul categori"):
        assert welsh in text, welsh
    assert "Dylunio" in text and "Cymru" in text  # the chart's category and region labels
    assert "Participants" not in text and "by category" not in text


def test_welsh_blank_and_personal_cards(store: Store, tmp_path: Path) -> None:
    event_id = _event(store)
    blank = tmp_path / "gwag.pdf"
    assert main(["--lang", "cy", "cards", "--kind", "blank-offer", "--out", str(blank)]) == 0
    text = _text(blank)
    assert "Gallaf gynnig" in text and "Archwilio a gwerthuso" in text
    assert "I can offer" not in text
    personal = tmp_path / "personol.pdf"
    args = ["--lang", "cy", "cards", "--kind", "personal", "--event", event_id]
    assert main([*args, "--out", str(personal)]) == 0
    text = _text(personal)
    assert "Cerdyn ar gyfer Siân Jones" in text or "Cynigion" in text
    assert "Offers" not in text


def test_bilingual_blank_cards_put_welsh_first_and_english_beneath(tmp_path: Path) -> None:
    out = tmp_path / "dwyieithog.pdf"
    assert main(["cards", "--kind", "blank-request", "--bilingual", "--out", str(out)]) == 0
    text = _text(out)
    welsh = text.index("Hoffwn gael help gyda")
    english = text.index("I would like help with")
    assert welsh < english
    assert "Archwilio a gwerthuso / Audit and evaluation" in text
    assert "Cymru / Wales" in text
    assert "Enw / Name" in text


def test_bilingual_cards_from_the_cards_screen_job(tmp_path: Path) -> None:
    from hexikit.cards.jobs import CardsJob, make_cards
    from hexikit.cards.model import CardKind
    from hexikit.cards.templates import find_template

    i18n.set_language("en")
    job = CardsJob(CardKind.BLANK_OFFER, find_template("a4-8up", []), bilingual=True)
    result = make_cards(None, job, "https://hexitime.com/register")
    out = tmp_path / "cards.pdf"
    out.write_bytes(result.pdf)
    assert "Gallaf gynnig" in _text(out)


def test_bilingual_personal_and_event_cards_label_in_both_and_keep_what_people_wrote(
    store: Store, tmp_path: Path
) -> None:
    event_id = _event(store)
    personal = tmp_path / "personol.pdf"
    args = ["cards", "--kind", "personal", "--event", event_id, "--bilingual"]
    assert main([*args, "--out", str(personal)]) == 0
    text = _text(personal)
    assert "Cynigion / Offers" in text and "Offers\n" not in text.replace("/ Offers", "")
    assert text.index("Ymunwch") < text.index("Join at")
    assert "Siartiau rhediad" in text and "Siân Jones" in text
    venue_event = EventInput(title="Hexithon Caerdydd", venue="Neuadd y Ddinas", region="Wales")
    event_id = store.create_event(venue_event).id
    event = tmp_path / "digwyddiad.pdf"
    args = ["cards", "--kind", "event", "--event", event_id, "--bilingual"]
    assert main([*args, "--out", str(event)]) == 0
    text = _text(event)
    assert "Lleoliad / Venue: Neuadd y Ddinas" in text
    assert "Hexithon Caerdydd" in text and "Scan the code" in text
