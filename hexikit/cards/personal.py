"""Personal claim cards: a participant's name, claim code and QR code, their offers, requests
and confirmed matches.

A participant with more activities than a card holds gets one card that lists what fits and
says "+ N more" (one card per person keeps the cut sheet in name order and never splits a
person across two cards that could be handed to two people); a warning says so.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from hexikit.base.fonts import printable
from hexikit.base.i18n import N_, _, ngettext
from hexikit.cards.model import PersonalCard, card_sentences, card_text, display_url
from hexikit.cards.painter import MIN_TEXT_PT, CardPainter, Rect


def draw_personal_card(painter: CardPainter, card: PersonalCard, box: Rect) -> None:
    cleaned = printable(card.name)
    name = cleaned.text
    short_name = (
        painter.text.cut(name, painter.text.regular, 10, 60 * mm) if name else _("(no name)")
    )
    where = _("Card for {name}").format(name=short_name)
    for char in cleaned.missing:
        painter.warnings.append(painter.missing_glyph(where, char))
    block = painter.draw_qr_block(box, card.claim_url, card.claim_code, True, where)
    left = Rect(box.x, box.y, block.x - box.x - 2.5 * mm, box.h)
    y = painter.draw_title(left, name or _("(no name)"), 12, where, _("name"))
    footer_pt = 6.5
    footer_lines: list[str] = []
    for footer in card_sentences(N_("Join at {url}, then claim with code {code}"), card.bilingual):
        footer = footer.format(url=display_url(card.signup_url), code=card.claim_code)
        footer_lines += painter.text.wrap(footer, painter.text.regular, footer_pt, left.w)[:2]
    footer_top = box.y + len(footer_lines) * footer_pt * 1.2
    for index, line in enumerate(footer_lines):
        painter.draw_string(
            left.x,
            box.y + (len(footer_lines) - 1 - index) * footer_pt * 1.2 + 1,
            line,
            painter.text.regular,
            footer_pt,
        )
    sections: list[tuple[str, list[str]]] = []
    if card.offers:
        sections.append(
            (
                card_text(N_("Offers"), card.bilingual),
                [painter.clean(line.text(), where) for line in card.offers],
            )
        )
    if card.requests:
        sections.append(
            (
                card_text(N_("Requests"), card.bilingual),
                [painter.clean(line.text(), where) for line in card.requests],
            )
        )
    if card.matches:
        sections.append(
            (
                card_text(N_("Matched today"), card.bilingual),
                [painter.clean(text, where) for text in card.matches],
            )
        )
    if not sections:
        sections.append((card_text(N_("Nothing recorded yet"), card.bilingual), []))
    body = Rect(left.x, footer_top + 1.5 * mm, left.w, y - footer_top - 2.5 * mm)
    _sections(painter, sections, body, where)


def _sections(
    painter: CardPainter, sections: list[tuple[str, list[str]]], area: Rect, where: str
) -> None:
    """Headed lists, shrunk to fit from 10 pt to 7 pt; then '+ N more' per section."""
    size = 10.0
    while size >= MIN_TEXT_PT:
        lead = size * 1.2
        lines: list[tuple[str, bool]] = []
        for heading, entries in sections:
            lines.append((heading, True))
            for entry in entries:
                wrapped = painter.text.wrap(entry, painter.text.regular, size, area.w - size)
                if len(wrapped) > 2:
                    break
                lines.extend((text, False) for text in wrapped)
            else:
                continue
            break
        else:
            if len(lines) * lead <= area.h:
                _draw_lines(painter, lines, area, size)
                return
        size -= 0.5
    _draw_overflow(painter, sections, area, where)


def _draw_lines(
    painter: CardPainter, lines: list[tuple[str, bool]], area: Rect, size: float
) -> None:
    lead = size * 1.2
    y = area.top - size
    for text, is_heading in lines:
        font = painter.text.bold if is_heading else painter.text.regular
        indent = 0 if is_heading else size
        # never into the QR code: anything still too wide is cut at the column's edge
        shown = painter.text.cut(text, font, size, area.w - indent)
        painter.draw_string(area.x + indent, y, shown, font, size)
        y -= lead


def _draw_overflow(
    painter: CardPainter, sections: list[tuple[str, list[str]]], area: Rect, where: str
) -> None:
    """At 7 pt: one line per entry (cut with an ellipsis), as many as fit, '+ N more'."""
    size = MIN_TEXT_PT
    lead = size * 1.2
    room = max(0, int(area.h // lead))
    budget = max(0, room - len(sections))
    shown = [len(entries) for _heading, entries in sections]
    while sum(shown) > budget and max(shown) > 0:
        biggest = shown.index(max(shown))
        shown[biggest] -= 1
    lines: list[tuple[str, bool]] = []
    cut_count = 0
    hidden_total = 0
    for (heading, entries), slots in zip(sections, shown, strict=True):
        lines.append((heading, True))
        hidden = len(entries) - slots
        visible = entries[: slots - 1] if hidden and slots > 0 else entries[:slots]
        if hidden:
            hidden = len(entries) - len(visible)
        for entry in visible:
            fitted = painter.text.cut(entry, painter.text.regular, size, area.w - size)
            cut_count += fitted != entry
            lines.append((fitted, False))
        if hidden:
            hidden_total += hidden
            lines.append((_("+ {count} more").format(count=hidden), False))
    _draw_lines(painter, lines[:room] if room else [], area, size)
    if cut_count:
        painter.warnings.append(
            ngettext(
                "{where}: {count} entry was too long and was cut with “…”.",
                "{where}: {count} entries were too long and were cut with “…”.",
                cut_count,
            ).format(where=where, count=cut_count)
        )
    if hidden_total:
        total = sum(len(entries) for _heading, entries in sections)
        painter.warnings.append(
            _(
                "{where}: {total} entries do not fit one card; it lists {shown} and says "
                "“+ {hidden} more” (they are all claimed with the code)."
            ).format(where=where, total=total, shown=total - hidden_total, hidden=hidden_total)
        )
