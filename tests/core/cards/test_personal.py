"""Personal cards: Welsh and other text, characters the font lacks, long names, more activities
than fit."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from hexikit.cards.model import ActivityLine, BlankCard
from hexikit.cards.sheet import render_cards
from hexikit.cards.templates import find_template
from hexikit.records.domain import Kind
from tests.core.cards.samples import (
    BASE,
    WELSH,
    crop_card,
    decode,
    pdf_text,
    person,
    rasterise,
)


def test_welsh_text_is_in_the_pdf(tmp_path: Path) -> None:
    card = person(
        1,
        name=f"Siôn {WELSH}",
        offers=(ActivityLine(Kind.OFFER, f"Gweithdy {WELSH}", ("Design",), Decimal("1.5")),),
    )
    result = render_cards([card, BlankCard(Kind.OFFER, BASE)], find_template("a4-8up"))
    text = pdf_text(result.pdf, tmp_path)
    for char in WELSH.split():
        assert char in text
    assert "Gweithdy" in text and "1.5 h" in text
    assert result.warnings == []


def test_text_is_nfc_normalised(tmp_path: Path) -> None:
    decomposed = "Sio\u0302n w\u0302"  # ô and ŵ as base letter + combining circumflex
    result = render_cards([person(1, name=decomposed)], find_template("a4-8up"))
    assert "Siôn ŵ" in pdf_text(result.pdf, tmp_path)


def test_uncovered_character_is_named_in_a_warning_not_printed(tmp_path: Path) -> None:
    card = person(1, name="Ana 🦀", offers=(ActivityLine(Kind.OFFER, "Crabs 🦀 and 漢"),))
    result = render_cards([card], find_template("a4-8up"))
    crab = [warning for warning in result.warnings if "U+1F980" in warning]
    assert crab and "🦀" in crab[0] and "CRAB" in crab[0]
    assert any("U+6F22" in warning for warning in result.warnings)
    text = pdf_text(result.pdf, tmp_path)
    assert "Ana" in text and "🦀" not in text


def test_two_thousand_character_names_and_offers_are_cut_with_a_warning(tmp_path: Path) -> None:
    long_name = "Bartholomew " * 167  # 2,004 characters
    long_offer = "x" * 2000
    cards = [
        person(1, name=long_name[:2000], offers=(ActivityLine(Kind.OFFER, long_offer),)),
        person(2, name="y" * 2000),
    ]
    template = find_template("avery-c32011")
    result = render_cards(cards, template)
    assert len(PdfReader(io.BytesIO(result.pdf)).pages) == 1
    assert any("name is too long" in warning for warning in result.warnings)
    assert any("cut with" in warning for warning in result.warnings)
    text = pdf_text(result.pdf, tmp_path)
    assert "…" in text
    assert "y" * 200 not in text
    image = rasterise(result.pdf, tmp_path)
    for slot, card in enumerate(cards):
        assert decode(crop_card(image, template, slot), tmp_path, f"long{slot}") == [card.claim_url]


def test_thirty_activities_list_what_fits_and_say_how_many_more(tmp_path: Path) -> None:
    offers = tuple(
        ActivityLine(Kind.OFFER, f"Offer {index}", ("Design",), Decimal(1)) for index in range(30)
    )
    result = render_cards([person(1, offers=offers)], find_template("avery-c32011"))
    text = pdf_text(result.pdf, tmp_path)
    shown = [
        index for index in range(30) if f"Offer {index} " in text or f"Offer {index}\n" in text
    ]
    hidden = 30 - len(shown)
    assert 0 < len(shown) < 30
    assert f"+ {hidden} more" in text
    assert any(f"“+ {hidden} more”" in warning for warning in result.warnings)


def test_few_activities_fit_without_warnings(tmp_path: Path) -> None:
    offers = (ActivityLine(Kind.OFFER, "Run charts", ("Statistical analysis",), Decimal(2)),)
    requests = (ActivityLine(Kind.REQUEST, "Someone to review our audit", (), None),)
    result = render_cards(
        [person(1, offers=offers, requests=requests, matches=("You help with “X”",))],
        find_template("avery-c32011"),
    )
    assert result.warnings == []
    text = " ".join(pdf_text(result.pdf, tmp_path).split())
    for expected in ("Offers", "Requests", "Run charts", "Statistical analysis", "2 h", "K001WXYZ"):
        assert expected in text
