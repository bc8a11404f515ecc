"""Blank offer and request cards."""

from __future__ import annotations

from pathlib import Path

import pytest

from hexikit.cards.model import BlankCard
from hexikit.cards.sheet import render_cards
from hexikit.cards.templates import find_template
from hexikit.records.domain import Kind
from tests.core.cards.samples import BASE, crop_card, decode, rasterise


@pytest.mark.parametrize("kind", [Kind.OFFER, Kind.REQUEST])
def test_blank_card_codes_decode_to_the_signup_url(kind: Kind, tmp_path: Path) -> None:
    template = find_template("avery-c32015")
    result = render_cards([BlankCard(kind, BASE)] * template.cards_per_sheet, template)
    image = rasterise(result.pdf, tmp_path)
    for slot in range(template.cards_per_sheet):
        assert decode(crop_card(image, template, slot), tmp_path, f"blank{slot}") == [BASE]
