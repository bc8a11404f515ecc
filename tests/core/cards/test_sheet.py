"""Sheets of cards: page sizes and count, no scaling, crop marks, the printer offset, the test
sheet."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, NameObject

from hexikit.cards.model import CardsError
from hexikit.cards.sheet import render_cards, render_test_sheet
from hexikit.cards.templates import TemplateError, find_template, template_from_dict
from tests.core.cards.samples import DPI, grey_level, pdf_text, person, rasterise


@pytest.mark.parametrize(
    ("template_name", "page_pt"),
    [
        ("a4-8up", (595.28, 841.89)),
        ("letter-8up", (612.0, 792.0)),
        ("avery-c32011", (595.28, 841.89)),
    ],
)
def test_page_size_and_count(template_name: str, page_pt: tuple[float, float]) -> None:
    template = find_template(template_name)
    cards = [person(index) for index in range(template.cards_per_sheet * 2 + 1)]
    result = render_cards(cards, template)
    reader = PdfReader(io.BytesIO(result.pdf))
    assert len(reader.pages) == 3 == result.pages
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(page_pt[0], abs=0.05)
        assert float(page.mediabox.height) == pytest.approx(page_pt[1], abs=0.05)


def test_pdf_asks_viewers_not_to_scale() -> None:
    result = render_cards([person(1)], find_template("a4-8up"))
    reader = PdfReader(io.BytesIO(result.pdf))
    # pypdf types every dictionary value as a bare PdfObject: narrow to the dictionaries.
    root = reader.trailer["/Root"]
    assert isinstance(root, DictionaryObject)
    prefs = root["/ViewerPreferences"]
    assert isinstance(prefs, DictionaryObject)
    assert prefs["/PrintScaling"] == NameObject("/None")


def test_custom_grid_that_does_not_fit_gives_a_clear_error() -> None:
    raw = {
        "name": "too-wide",
        "page": "A4",
        "card_width_mm": 90,
        "card_height_mm": 55,
        "columns": 3,
        "rows": 4,
        "left_mm": 10,
        "top_mm": 10,
        "pitch_x_mm": 95,
        "pitch_y_mm": 60,
    }
    with pytest.raises(TemplateError, match=r"does not fit the page.*210 mm wide"):
        template_from_dict(raw)
    with pytest.raises(TemplateError, match="does not fit"):
        find_template("too-wide", [raw])


def test_crop_marks_outside_the_grid_and_warning_when_no_room(tmp_path: Path) -> None:
    template = find_template("avery-c32011")
    result = render_cards([person(1)], template, crop_marks=True)
    assert result.warnings == []
    image = rasterise(result.pdf, tmp_path)
    px = DPI / 25.4
    # a mark above the grid at the first card's left edge (x = 15 mm, y = 13.5 - 1 - ... mm)
    column = round(15 * px)
    marks = [grey_level(image, (column + dx, round(10 * px))) for dx in (-1, 0, 1)]
    assert min(marks) < 128
    full_page = render_cards([person(1)], find_template("a4-8up"), crop_marks=True)
    assert any("No crop marks" in warning for warning in full_page.warnings)


def test_offset_moves_everything(tmp_path: Path) -> None:
    template = find_template("avery-c32011")
    plain = rasterise(render_test_sheet(template).pdf, tmp_path)
    shifted = rasterise(render_test_sheet(template, offset_mm=(2.0, 3.0)).pdf, tmp_path, page=1)
    px = DPI / 25.4
    # the first card's outline: left edge at 15 mm, moved to 17 mm; top at 13.5 → 16.5 mm

    def darkest(image: Image.Image, x_mm: float, y_mm: float) -> int:
        x, y = round(x_mm * px), round(y_mm * px)
        return min(grey_level(image, (x + dx, y)) for dx in range(-3, 4))

    assert darkest(plain, 15, 30) < 128
    assert darkest(shifted, 17, 33) < 128
    assert darkest(shifted, 15, 30) > 128


def test_test_sheet_has_outlines_and_a_ruler(tmp_path: Path) -> None:
    result = render_test_sheet(find_template("a4-8up"))
    assert result.pages == 1
    text = pdf_text(result.pdf, tmp_path)
    assert "100 mm" in text and "100 %" in text


def test_no_cards_is_an_error() -> None:
    with pytest.raises(CardsError):
        render_cards([], find_template("a4-8up"))
