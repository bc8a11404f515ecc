"""Event cards: the event's title, date, venue and facilitator, and a code for its page."""

from __future__ import annotations

from urllib.parse import urlsplit

from reportlab.lib.units import mm

from hexikit.base.i18n import N_, _
from hexikit.cards.model import EventCard, card_sentences, card_text
from hexikit.cards.painter import MIN_TEXT_PT, CardPainter, Rect


def draw_event_card(painter: CardPainter, card: EventCard, box: Rect) -> None:
    where = _("Event card")
    # the full event address is too long to type; the caption names the site instead
    host = urlsplit(card.url).netloc
    # Two languages do not fit under the code: the site alone, the hint below says the rest.
    caption = host if card.bilingual else _("{host} · event page").format(host=host)
    block = painter.draw_qr_block(box, card.url, caption, False, where)
    left = Rect(box.x, box.y, block.x - box.x - 2.5 * mm, box.h)
    title = painter.clean(card.title, where) or _("Hexithon")
    size = 13.0
    while size > MIN_TEXT_PT and len(painter.text.wrap(title, painter.text.bold, size, left.w)) > 2:
        size -= 0.5
    title_lines = painter.text.wrap(title, painter.text.bold, size, left.w)
    if len(title_lines) > 2:
        title_lines = [
            title_lines[0],
            painter.text.cut(" ".join(title_lines[1:]), painter.text.bold, size, left.w),
        ]
        painter.warnings.append(
            _("{where}: the event title is too long and was cut.").format(where=where)
        )
    y = left.top - size
    for line in title_lines:
        painter.draw_string(left.x, y, line, painter.text.bold, size)
        y -= size * 1.15
    details = [
        (card_text(N_("Date"), card.bilingual), card.date),
        (card_text(N_("Venue"), card.bilingual), card.venue),
        (card_text(N_("Facilitator"), card.bilingual), card.facilitator),
    ]
    y -= 2 * mm
    detail_pt = 9.0
    for label, value in details:
        value = painter.clean(value, where)
        if not value:
            continue
        line = f"{label}: {value}"
        fitted, fitted_pt, cut = painter.text.fit_line(
            line, painter.text.regular, detail_pt, MIN_TEXT_PT, left.w
        )
        if cut:
            painter.warnings.append(
                _("{where}: the {what} is too long and was cut.").format(
                    where=where, what=label.lower()
                )
            )
        if y < box.y + 8 * mm:
            break
        painter.draw_string(left.x, y, fitted, painter.text.regular, fitted_pt)
        y -= detail_pt * 1.35
    hint_lines: list[str] = []
    for hint in card_sentences(
        N_("Scan the code for this event's page on Hexitime."), card.bilingual
    ):
        hint_lines += painter.text.wrap(hint, painter.text.regular, 6.5, left.w)[:2]
    for index, line in enumerate(reversed(hint_lines)):
        painter.draw_string(left.x, box.y + index * 6.5 * 1.2 + 1, line, painter.text.regular, 6.5)
