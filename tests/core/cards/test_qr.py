"""QR codes on cards: they scan (zbarimg) to the right address, drawn the right way round, at
the right size with a quiet zone."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from hexikit.cards.model import ActivityLine, PersonalCard, claim_url
from hexikit.cards.qr import draw_qr, qr_matrix
from hexikit.cards.sheet import render_cards
from hexikit.cards.templates import find_template
from hexikit.records.domain import Kind
from tests.core.cards.samples import (
    BASE,
    CATEGORIES_ALL,
    DPI,
    CardContents,
    crop_card,
    decode,
    grey_level,
    person,
    rasterise,
)


@pytest.mark.parametrize("template_name", ["a4-8up", "avery-c32011", "avery-5371"])
def test_every_personal_card_code_decodes_to_its_claim_url(
    template_name: str, tmp_path: Path
) -> None:
    template = find_template(template_name)
    cards = [person(index) for index in range(template.cards_per_sheet)]
    result = render_cards(cards, template)
    image = rasterise(result.pdf, tmp_path)
    for slot, card in enumerate(cards):
        decoded = decode(crop_card(image, template, slot), tmp_path, f"card{slot}")
        assert decoded == [card.claim_url], f"card {slot} on {template_name}"
        assert card.claim_url == f"https://hexitime.com/c/{card.claim_code}"


def test_code_is_drawn_the_right_way_round(tmp_path: Path) -> None:
    """Sample every module of a rasterised code: it equals the matrix (not mirrored, not
    flipped), and the finder patterns sit top-left, top-right and bottom-left."""
    url = claim_url(BASE, "7QX2M9TB")
    matrix = qr_matrix(url)
    count = len(matrix)
    side_mm = 30.0
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(50 * mm, 50 * mm))
    draw_qr(canvas, matrix, 10 * mm, 10 * mm, side_mm * mm)
    canvas.save()
    image = rasterise(buffer.getvalue(), tmp_path)
    px = DPI / 25.4
    module_mm = side_mm / (count + 8)
    # the square's top-left is 10 mm from the left and 50 - 10 - 30 = 10 mm from the top
    origin = 10 + 4 * module_mm

    def dark(row: int, column: int) -> bool:
        x = (origin + (column + 0.5) * module_mm) * px
        y = (origin + (row + 0.5) * module_mm) * px
        return grey_level(image, (round(x), round(y))) < 128

    sampled = [[dark(row, column) for column in range(count)] for row in range(count)]
    assert sampled == [list(map(bool, row)) for row in matrix]

    def finder_at(row: int, column: int) -> bool:
        ring = all(dark(row, column + k) and dark(row + 6, column + k) for k in range(7))
        gap = not dark(row + 1, column + 1) and not dark(row + 5, column + 5)
        return ring and gap and dark(row + 3, column + 3)

    assert finder_at(0, 0)
    assert finder_at(0, count - 7)
    assert finder_at(count - 7, 0)
    assert not finder_at(count - 7, count - 7)
    assert decode(image, tmp_path, "orientation") == [url]


BUSY: CardContents = {
    "name": "Wwwwww " * 300,
    "offers": tuple(ActivityLine(Kind.OFFER, "Mmmm " * 60, CATEGORIES_ALL) for _ in range(30)),
    "requests": (ActivityLine(Kind.REQUEST, "W" * 500),),
    "matches": ("M" * 400,),
}


@pytest.mark.parametrize(
    ("template_name", "min_mm", "busy"),
    [("a4-8up", 30.0, False), ("avery-c32011", 25.0, False), ("avery-5371", 25.0, True)],
)
def test_card_code_size_quiet_zone_and_orientation(
    template_name: str, min_mm: float, busy: bool, tmp_path: Path
) -> None:
    """On a real card: the code is the minimum size for the card, sits 3 mm inside the top
    right corner, has a white 4-module quiet zone (no text runs into it, however long), and
    every module matches the matrix."""
    template = find_template(template_name)
    card = person(3, **BUSY) if busy else person(3)
    image = rasterise(render_cards([card], template).pdf, tmp_path)
    matrix = qr_matrix(card.claim_url)
    count = len(matrix)
    # at least the card's minimum, grown so modules reach 0.75 mm when there is room
    side_mm = max(min_mm, (count + 8) * 0.75)
    module_mm = side_mm / (count + 8)
    assert module_mm >= 0.6 and template.min_qr_mm == min_mm
    box = template.card_box(0)
    square_left = box.left_mm + box.width_mm - 3 - side_mm
    square_top = box.top_mm + 3
    px = DPI / 25.4

    def dark(row: int, column: int) -> bool:
        x = (square_left + (column + 4.5) * module_mm) * px
        y = (square_top + (row + 4.5) * module_mm) * px
        return grey_level(image, (round(x), round(y))) < 128

    assert [[dark(r, c) for c in range(count)] for r in range(count)] == [
        list(map(bool, row)) for row in matrix
    ]
    quiet = [
        (r, c)
        for r in range(-4, count + 4)
        for c in range(-4, count + 4)
        if not (0 <= r < count and 0 <= c < count)
    ]
    assert not any(dark(r, c) for r, c in quiet)


def test_long_base_url_warns_about_small_modules() -> None:
    base = "https://a-very-long-host-name.example.org/some/long/sign-up/path/that/keeps/going"
    code = "ABCDEFGH"
    card = PersonalCard("Ana", code, claim_url(base, code) + "?" + "x" * 400, base)
    result = render_cards([card], find_template("avery-c32011"))
    assert any("QR modules are" in warning for warning in result.warnings)
