"""Sheet templates for cards, as data: a grid of cards on a page.

Figures for the stock sheets come from `shared/design/cards.md` (gLabels' published grids).
Users add their own grids in `Settings.custom_templates` (a list of dicts with the same field
names as `SheetTemplate`, plus `page` = "A4" | "Letter" as a shortcut for the page size).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from hexikit.base.i18n import N_, _

MM_PER_INCH = 25.4
POINTS_PER_MM = 72.0 / MM_PER_INCH

PAGE_SIZES_MM: dict[str, tuple[float, float]] = {
    "A4": (210.0, 297.0),
    "Letter": (8.5 * MM_PER_INCH, 11.0 * MM_PER_INCH),
}

#: Grids may touch the page edge; this absorbs rounding in inch-based figures.
_FIT_TOLERANCE_MM = 0.05


class TemplateError(ValueError):
    """A template that cannot be used, with a message saying what to change."""


@dataclass(frozen=True)
class CardBox:
    """Where one card sits on the page, in mm from the page's top-left corner."""

    left_mm: float
    top_mm: float
    width_mm: float
    height_mm: float


@dataclass(frozen=True)
class SheetTemplate:
    """A grid of equal cards on one page size. Lengths in mm, positions from the top-left."""

    name: str
    label: str
    page_width_mm: float
    page_height_mm: float
    card_width_mm: float
    card_height_mm: float
    columns: int
    rows: int
    left_mm: float
    top_mm: float
    pitch_x_mm: float
    pitch_y_mm: float

    @property
    def cards_per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def page_name(self) -> str:
        """ "A4", "Letter" or "W × H mm"."""
        for name, (width, height) in PAGE_SIZES_MM.items():
            if abs(width - self.page_width_mm) < 0.5 and abs(height - self.page_height_mm) < 0.5:
                return name
        return f"{self.page_width_mm:g} × {self.page_height_mm:g} mm"

    @property
    def min_qr_mm(self) -> float:
        """Smallest QR code (quiet zone included) phones read at arm's length on this card.

        A7-sized cards (about 105 × 74 mm) are held further away: 30 mm; smaller cards 25 mm.
        """
        return 30.0 if self.card_width_mm >= 100 and self.card_height_mm >= 65 else 25.0

    def card_box(self, index: int) -> CardBox:
        """The box of card `index` (0-based, row by row) on its page."""
        slot = index % self.cards_per_sheet
        row, column = divmod(slot, self.columns)
        return CardBox(
            left_mm=self.left_mm + column * self.pitch_x_mm,
            top_mm=self.top_mm + row * self.pitch_y_mm,
            width_mm=self.card_width_mm,
            height_mm=self.card_height_mm,
        )

    def card_boxes(self) -> list[CardBox]:
        return [self.card_box(index) for index in range(self.cards_per_sheet)]

    def grid_extent_mm(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the whole grid, in mm from the top-left."""
        right = self.left_mm + (self.columns - 1) * self.pitch_x_mm + self.card_width_mm
        bottom = self.top_mm + (self.rows - 1) * self.pitch_y_mm + self.card_height_mm
        return (self.left_mm, self.top_mm, right, bottom)

    def sheets_for(self, card_count: int) -> int:
        return max(1, math.ceil(card_count / self.cards_per_sheet))

    def describe(self) -> str:
        return _("{label}: {columns} × {rows} cards of {width:g} × {height:g} mm on {page}").format(
            label=_(self.label),
            columns=self.columns,
            rows=self.rows,
            width=round(self.card_width_mm, 2),
            height=round(self.card_height_mm, 2),
            page=self.page_name,
        )


def _inch(value: float) -> float:
    return value * MM_PER_INCH


_A4_W, _A4_H = PAGE_SIZES_MM["A4"]
_LETTER_W, _LETTER_H = PAGE_SIZES_MM["Letter"]

BUILTIN_TEMPLATES: tuple[SheetTemplate, ...] = (
    SheetTemplate(
        "a4-8up", N_("A4 plain, 8-up (A7)"), _A4_W, _A4_H, 105, 74.25, 2, 4, 0, 0, 105, 74.25
    ),
    SheetTemplate(
        "avery-c32011",
        N_("A4 Avery C32011 business cards (10-up)"),
        _A4_W,
        _A4_H,
        85,
        54,
        2,
        5,
        15,
        13.5,
        95,
        54,
    ),
    SheetTemplate(
        "avery-c32015",
        N_("A4 Avery C32015 business cards (8-up)"),
        _A4_W,
        _A4_H,
        85,
        54,
        2,
        4,
        17,
        31.5,
        91,
        60,
    ),
    SheetTemplate(
        "letter-8up",
        N_("US Letter plain, 8-up"),
        _LETTER_W,
        _LETTER_H,
        _inch(4.25),
        _inch(2.75),
        2,
        4,
        0,
        0,
        _inch(4.25),
        _inch(2.75),
    ),
    SheetTemplate(
        "avery-5371",
        N_("US Avery 5371 / 8371 business cards (10-up)"),
        _LETTER_W,
        _LETTER_H,
        _inch(3.5),
        _inch(2),
        2,
        5,
        _inch(0.75),
        _inch(0.5),
        _inch(3.5),
        _inch(2),
    ),
    SheetTemplate(
        "avery-l7163",
        N_("A4 Avery L7163 stickers (14-up)"),
        _A4_W,
        _A4_H,
        99.1,
        38.1,
        2,
        7,
        3.35,
        15.2,
        103.0,
        38.1,
    ),
)

#: Other names people type for the same sheet.
ALIASES = {"avery-8371": "avery-5371", "a7": "a4-8up", "letter": "letter-8up", "a4": "a4-8up"}

DEFAULT_TEMPLATE = "a4-8up"

_NUMBER_FIELDS = (
    "card_width_mm",
    "card_height_mm",
    "left_mm",
    "top_mm",
    "pitch_x_mm",
    "pitch_y_mm",
    "page_width_mm",
    "page_height_mm",
)


def validate_template(template: SheetTemplate) -> SheetTemplate:
    """Check the grid is sane and fits its page; raise TemplateError saying what to change."""
    name = template.label or template.name
    if template.columns < 1 or template.rows < 1:
        raise TemplateError(
            _("Template “{name}” needs at least one column and one row.").format(name=name)
        )
    for key in _NUMBER_FIELDS:
        value = getattr(template, key)
        if not math.isfinite(value) or value < 0:
            raise TemplateError(
                _("Template “{name}”: {field} must be a number of mm, 0 or more.").format(
                    name=name, field=key
                )
            )
    if template.card_width_mm < 20 or template.card_height_mm < 20:
        raise TemplateError(
            _(
                "Template “{name}”: cards of {width:g} × {height:g} mm are too small for a "
                "readable card and a QR code; use cards at least 20 × 20 mm (50 × 30 mm or "
                "more is better)."
            ).format(name=name, width=template.card_width_mm, height=template.card_height_mm)
        )
    if template.columns > 1 and template.pitch_x_mm + _FIT_TOLERANCE_MM < template.card_width_mm:
        raise TemplateError(
            _(
                "Template “{name}”: the horizontal pitch ({pitch:g} mm) is smaller than the card "
                "width ({width:g} mm), so cards would overlap."
            ).format(name=name, pitch=template.pitch_x_mm, width=template.card_width_mm)
        )
    if template.rows > 1 and template.pitch_y_mm + _FIT_TOLERANCE_MM < template.card_height_mm:
        raise TemplateError(
            _(
                "Template “{name}”: the vertical pitch ({pitch:g} mm) is smaller than the card "
                "height ({height:g} mm), so cards would overlap."
            ).format(name=name, pitch=template.pitch_y_mm, height=template.card_height_mm)
        )
    _left, _top, right, bottom = template.grid_extent_mm()
    if right > template.page_width_mm + _FIT_TOLERANCE_MM:
        raise TemplateError(
            _(
                "Template “{name}” does not fit the page: its {columns} columns end at "
                "{right:.1f} mm but the page is {page:g} mm wide. Use fewer columns, a smaller "
                "card or pitch, or a smaller left margin."
            ).format(name=name, columns=template.columns, right=right, page=template.page_width_mm)
        )
    if bottom > template.page_height_mm + _FIT_TOLERANCE_MM:
        raise TemplateError(
            _(
                "Template “{name}” does not fit the page: its {rows} rows end at {bottom:.1f} mm "
                "but the page is {page:g} mm tall. Use fewer rows, a smaller card or pitch, or a "
                "smaller top margin."
            ).format(name=name, rows=template.rows, bottom=bottom, page=template.page_height_mm)
        )
    return template


def template_from_dict(raw: Mapping[str, Any]) -> SheetTemplate:
    """A custom template from its settings dict; TemplateError with a clear message if bad."""
    name = str(raw.get("name", "")).strip()
    if not name:
        raise TemplateError(_("A custom template needs a name."))
    values: dict[str, Any] = {"name": name, "label": str(raw.get("label") or name)}
    page = raw.get("page")
    if page is not None:
        sizes = {key.lower(): size for key, size in PAGE_SIZES_MM.items()}
        size = sizes.get(str(page).strip().lower())
        if size is None:
            raise TemplateError(
                _("Template “{name}”: unknown page “{page}” (use A4 or Letter).").format(
                    name=name, page=page
                )
            )
        values["page_width_mm"], values["page_height_mm"] = size
    for template_field in fields(SheetTemplate):
        key = template_field.name
        if key in values:
            continue
        if key not in raw:
            raise TemplateError(
                _("Template “{name}” is missing “{field}”.").format(name=name, field=key)
            )
        try:
            number = float(raw[key])
        except (TypeError, ValueError):
            raise TemplateError(
                _("Template “{name}”: “{field}” must be a number, not “{value}”.").format(
                    name=name, field=key, value=raw[key]
                )
            ) from None
        if key in ("columns", "rows"):
            if number != int(number):
                raise TemplateError(
                    _("Template “{name}”: “{field}” must be a whole number.").format(
                        name=name, field=key
                    )
                )
            values[key] = int(number)
        else:
            values[key] = number
    return validate_template(SheetTemplate(**values))


def template_to_dict(template: SheetTemplate) -> dict[str, Any]:
    return {
        template_field.name: getattr(template, template_field.name)
        for template_field in fields(template)
    }


def all_templates(custom: Iterable[Mapping[str, Any]] = ()) -> list[SheetTemplate]:
    """Built-in templates, then the custom ones that are valid (bad ones are skipped)."""
    found = list(BUILTIN_TEMPLATES)
    taken = {template.name for template in found}
    for raw in custom:
        try:
            template = template_from_dict(raw)
        except TemplateError:
            continue
        if template.name not in taken:
            found.append(template)
            taken.add(template.name)
    return found


def find_template(name: str, custom: Iterable[Mapping[str, Any]] = ()) -> SheetTemplate:
    """The template called `name` (built-in, alias or custom); TemplateError if unknown or bad."""
    wanted = name.strip().lower()
    wanted = ALIASES.get(wanted, wanted)
    for template in BUILTIN_TEMPLATES:
        if template.name == wanted:
            return template
    for raw in custom:
        if str(raw.get("name", "")).strip().lower() == wanted:
            return template_from_dict(raw)  # raises with the reason when it is bad
    known = ", ".join(template.name for template in all_templates(custom))
    raise TemplateError(
        _("Unknown card template “{name}”. Choose one of: {known}.").format(name=name, known=known)
    )
