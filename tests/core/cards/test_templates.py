"""Sheet templates: the stock grids fit their pages; custom grids are checked with clear messages."""

from __future__ import annotations

import pytest

from hexikit.cards.templates import (
    BUILTIN_TEMPLATES,
    SheetTemplate,
    TemplateError,
    all_templates,
    find_template,
    template_from_dict,
    template_to_dict,
    validate_template,
)


def _custom(**changes: object) -> dict[str, object]:
    raw: dict[str, object] = {
        "name": "my-cards",
        "label": "My cards",
        "page": "A4",
        "card_width_mm": 90,
        "card_height_mm": 55,
        "columns": 2,
        "rows": 5,
        "left_mm": 10,
        "top_mm": 10,
        "pitch_x_mm": 95,
        "pitch_y_mm": 55,
    }
    raw.update(changes)
    return raw


@pytest.mark.parametrize("template", BUILTIN_TEMPLATES, ids=lambda t: t.name)
def test_builtin_templates_fit_their_pages(template: SheetTemplate) -> None:
    validate_template(template)


def test_stock_grids_match_the_design_note() -> None:
    c32011 = find_template("avery-c32011")
    assert (c32011.columns, c32011.rows, c32011.cards_per_sheet) == (2, 5, 10)
    last = c32011.card_box(9)
    assert (last.left_mm, last.top_mm) == (110, 13.5 + 4 * 54)
    a7 = find_template("a4-8up")
    assert a7.card_box(7).top_mm + a7.card_height_mm == pytest.approx(297)
    assert a7.min_qr_mm == 30 and c32011.min_qr_mm == 25
    avery = find_template("avery-8371")  # alias of 5371
    assert avery.name == "avery-5371"
    assert avery.card_width_mm == pytest.approx(88.9)
    assert avery.page_name == "Letter"
    assert find_template("letter-8up").min_qr_mm == 30


def test_custom_template_round_trip_and_listing() -> None:
    template = template_from_dict(_custom())
    assert template.cards_per_sheet == 10
    assert template_from_dict(template_to_dict(template)) == template
    names = [t.name for t in all_templates([_custom()])]
    assert names[-1] == "my-cards" and len(names) == len(BUILTIN_TEMPLATES) + 1
    assert find_template("MY-CARDS", [_custom()]) == template


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"columns": 3}, r"does not fit the page: its 3 columns end at 290\.0 mm"),
        ({"rows": 6}, r"does not fit the page: its 6 rows end at 340\.0 mm"),
        ({"pitch_x_mm": 80}, "cards would overlap"),
        ({"card_width_mm": "wide"}, "must be a number"),
        ({"columns": 1.5}, "whole number"),
        ({"columns": 0}, "at least one column"),
        ({"page": "A3"}, "unknown page"),
        ({"card_width_mm": 10}, "too small"),
        ({"top_mm": -1}, "0 or more"),
        ({"name": ""}, "needs a name"),
    ],
)
def test_bad_custom_grids_say_what_to_change(changes: dict[str, object], message: str) -> None:
    with pytest.raises(TemplateError, match=message):
        template_from_dict(_custom(**changes))


def test_missing_field_is_named() -> None:
    raw = _custom()
    del raw["pitch_y_mm"]
    with pytest.raises(TemplateError, match="missing “pitch_y_mm”"):
        template_from_dict(raw)


def test_bad_custom_templates_are_skipped_in_the_list_but_explained_by_name() -> None:
    bad = _custom(name="broken", columns=3)
    assert "broken" not in [t.name for t in all_templates([bad])]
    with pytest.raises(TemplateError, match="does not fit"):
        find_template("broken", [bad])
    with pytest.raises(TemplateError, match=r"Unknown card template “nope”.*a4-8up"):
        find_template("nope")
