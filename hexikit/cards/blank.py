"""Blank offer and request cards: the sign-up code, a title, lines to write on and tick boxes
for the categories and regions (beside the code on short cards such as stickers)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm

from hexikit.base.i18n import N_, _, in_language
from hexikit.cards.model import BlankCard, display_url
from hexikit.cards.painter import MIN_SMALL_PT, CardPainter, Rect
from hexikit.records.domain import CATEGORIES, REGIONS, Kind, category_labels, region_labels


def draw_blank_card(painter: CardPainter, card: BlankCard, box: Rect) -> None:
    where = _("Blank card")
    block = painter.draw_qr_block(box, card.signup_url, display_url(card.signup_url), False, where)
    left = Rect(box.x, box.y, block.x - box.x - 2 * mm, box.h)
    heading = N_("I can offer…") if card.kind == Kind.OFFER else N_("I would like help with…")
    groups = _tick_groups(card.bilingual)
    if card.bilingual:
        # Welsh first, English beneath, smaller.
        y = painter.draw_title(left, in_language("cy", heading), 12, where, _("title"))
        under = Rect(left.x, left.y, left.w, y - left.y)
        y = painter.draw_title(under, in_language("en", heading), 8, where, _("title"))
        name = f"{in_language('cy', 'Name')} / {in_language('en', 'Name')}"
    else:
        y = painter.draw_title(left, _(heading), 12, where, _("title"))
        name = _("Name")
    small = 6.5
    name_y = y - 4.5 * mm
    painter.draw_string(left.x, name_y + 0.6 * mm, name, painter.text.regular, small)
    name_w = painter.text.width(name, painter.text.regular, small) + 1.5 * mm
    below = Rect(box.x, box.y, box.w, block.y - box.y - 1.5 * mm)
    size = _tick_size(painter, below, groups)
    if size is not None:
        # roomy card: writing lines beside the code, tick boxes across the bottom
        _ruled_lines(painter, left.x, name_y, left.right, block.y + 1 * mm, name_w)
        _flow(painter, groups, below, size, draw=True)
        return
    # short card (stickers): tick boxes beside the code under the name, lines if room
    _ruled_lines(painter, left.x, name_y, left.right, name_y, name_w)
    beside = Rect(left.x, box.y, left.w, name_y - 1.5 * mm - box.y)
    size = _tick_size(painter, beside, groups)
    if size is None:
        painter.warnings.append(
            _("{where}: the category and region tick boxes do not all fit this card size.").format(
                where=where
            )
        )
        size = MIN_SMALL_PT
    end_y = _flow(painter, groups, beside, size, draw=True)
    if end_y is not None:
        _ruled_lines(painter, left.x, end_y - 3 * mm, left.right, box.y + 1 * mm, 0)


def _ruled_lines(
    painter: CardPainter, x0: float, top: float, x1: float, bottom: float, first_indent: float
) -> None:
    """Grey lines to write on, 6 mm apart, from `top` down to `bottom`."""
    canvas = painter.canvas
    canvas.setLineWidth(0.4)
    canvas.setStrokeGray(0.55)
    line_y = top
    indent = first_indent
    while line_y >= bottom - 0.01:
        canvas.line(x0 + indent, line_y, x1, line_y)
        indent = 0
        line_y -= 6 * mm
    canvas.setStrokeGray(0)


def _tick_groups(bilingual: bool = False) -> tuple[tuple[str, Sequence[str]], ...]:
    if not bilingual:
        return (
            (_("Category:"), category_labels(CATEGORIES)),
            (_("Region:"), region_labels(REGIONS)),
        )

    def both(text: str) -> str:
        welsh, english = in_language("cy", text), in_language("en", text)
        return welsh if welsh == english else f"{welsh.removesuffix(':')} / {english}"

    return (
        (both("Category:"), [both(key) for key in CATEGORIES]),
        (both("Region:"), [both(key) for key in REGIONS]),
    )


def _tick_size(
    painter: CardPainter, area: Rect, groups: Sequence[tuple[str, Sequence[str]]]
) -> float | None:
    """The largest size (8 pt down to 5 pt) at which the tick lists fit `area`."""
    size = 8.0
    while size >= MIN_SMALL_PT:
        if area.h > 0 and _flow(painter, groups, area, size, draw=False) is not None:
            return size
        size -= 0.25
    return None


def _flow(
    painter: CardPainter,
    groups: Sequence[tuple[str, Sequence[str]]],
    area: Rect,
    size: float,
    draw: bool,
) -> float | None:
    lead = size * 1.3
    box_side = size * 0.8
    gap = size * 0.9
    y = area.top - size
    for label, items in groups:
        x = area.x
        tokens = [(label, False)] + [(item, True) for item in items]
        for text, ticked in tokens:
            font = painter.text.bold if not ticked else painter.text.regular
            token_w = painter.text.width(text, font, size) + (
                box_side + size * 0.3 if ticked else 0
            )
            if x > area.x and x + token_w > area.right:
                x = area.x + size * 0.5
                y -= lead
            if y < area.y:
                return None
            if draw:
                text_x = x
                if ticked:
                    painter.canvas.setLineWidth(0.5)
                    painter.canvas.rect(x, y - size * 0.05, box_side, box_side, stroke=1, fill=0)
                    text_x = x + box_side + size * 0.3
                shown = painter.text.cut(text, font, size, area.right - text_x)
                painter.draw_string(text_x, y, shown, font, size)
            x += token_w + gap
        y -= lead
    return y
