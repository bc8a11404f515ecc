"""Event cards."""

from __future__ import annotations

from pathlib import Path

from hexikit.cards.model import EventCard
from hexikit.cards.sheet import render_cards
from hexikit.cards.templates import find_template
from tests.core.cards.samples import crop_card, decode, rasterise


def test_event_card_code_decodes(tmp_path: Path) -> None:
    template = find_template("avery-l7163")
    url = "https://hexitime.com/e/0b6c2f1e-8d5b-4f43-b2a1-5d7c0e9f1234"
    result = render_cards([EventCard("Hexithon", "2026-12-01", "Cardiff", "Gwen", url)], template)
    image = rasterise(result.pdf, tmp_path)
    assert decode(crop_card(image, template, 0), tmp_path, "event") == [url]
    assert result.warnings == []
