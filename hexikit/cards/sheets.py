"""Print-ready card sheets: blank offer and request cards, personal claim cards, event cards.

The PDF is drawn with reportlab; QR codes come from `qrcode` as a module matrix and are drawn
as vector rectangles (runs of dark modules merged into one path per code, translated to the
code's origin), error correction M, a 4-module quiet zone. Text uses the bundled DejaVu Sans,
is NFC-normalised and checked glyph by glyph: a character the font lacks is left out with a
warning naming it, never printed as a box.

Long text shrinks to fit, down to 7 pt, and is then cut with an ellipsis and a warning. A
participant with more activities than a card holds gets one card that lists what fits and
says "+ N more" (one card per person keeps the cut sheet in name order and never splits a
person across two cards that could be handed to two people); a warning says so.

The CLI (`hexikit cards`) and the Cards screen both call `make_cards`.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from itertools import groupby
from pathlib import Path
from urllib.parse import urlsplit

import qrcode
import qrcode.constants
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import func, select

from hexikit.base.atomic import atomic_write_bytes
from hexikit.base.fonts import describe_char, printable, register_fonts
from hexikit.base.i18n import _, ngettext
from hexikit.base.settings import DEFAULT_SIGNUP_URL
from hexikit.cards.templates import CardBox, SheetTemplate
from hexikit.records.domain import CATEGORIES, REGIONS, Kind
from hexikit.store import Store
from hexikit.store.models import Activity, Event, Match, Participant

#: Every card keeps its content this far inside its edges (cutting is never exact).
INSET_MM = 3.0
QUIET_ZONE_MODULES = 4
MIN_MODULE_MM = 0.6
TARGET_MODULE_MM = 0.75
MIN_TEXT_PT = 7.0
#: Small print that is not user text (tick-box labels, the URL under a code) may go smaller.
MIN_SMALL_PT = 5.0
ELLIPSIS = "…"


class CardKind(StrEnum):
    BLANK_OFFER = "blank-offer"
    BLANK_REQUEST = "blank-request"
    PERSONAL = "personal"
    EVENT = "event"


class CardsError(Exception):
    """A user-caused problem making cards, with a message saying what to do."""


# ---------------------------------------------------------------------------- URLs


def site_root(signup_base_url: str) -> str:
    """`https://host` of the sign-up URL: claim and event URLs hang off it, kept short."""
    parts = urlsplit(signup_base_url.strip() or DEFAULT_SIGNUP_URL)
    if not parts.scheme or not parts.netloc:
        parts = urlsplit(DEFAULT_SIGNUP_URL)
    return f"{parts.scheme}://{parts.netloc}"


def claim_url(signup_base_url: str, claim_code: str) -> str:
    return f"{site_root(signup_base_url)}/c/{claim_code}"


def event_url(signup_base_url: str, event_id: str) -> str:
    return f"{site_root(signup_base_url)}/e/{event_id}"


def display_url(url: str) -> str:
    """The URL as printed under a code: without the scheme."""
    return url.split("://", 1)[-1]


# ---------------------------------------------------------------------------- card data


@dataclass(frozen=True)
class ActivityLine:
    kind: Kind
    title: str
    categories: tuple[str, ...] = ()
    hours: Decimal | None = None

    def text(self) -> str:
        parts = [self.title]
        if self.categories:
            parts.append(", ".join(self.categories))
        if self.hours is not None:
            parts.append(_("{hours}\u00a0h").format(hours=_format_hours(self.hours)))
        return " · ".join(parts)


@dataclass(frozen=True)
class BlankCard:
    kind: Kind
    signup_url: str


@dataclass(frozen=True)
class PersonalCard:
    name: str
    claim_code: str
    claim_url: str
    signup_url: str
    offers: tuple[ActivityLine, ...] = ()
    requests: tuple[ActivityLine, ...] = ()
    matches: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventCard:
    title: str
    date: str
    venue: str
    facilitator: str
    url: str


Card = BlankCard | PersonalCard | EventCard


@dataclass
class CardsResult:
    """A rendered PDF and what the user should know about it."""

    pdf: bytes
    pages: int
    cards: int
    template: SheetTemplate
    warnings: list[str] = field(default_factory=list)

    def write(self, path: Path) -> None:
        write_pdf(self.pdf, path)


def _format_hours(hours: Decimal) -> str:
    text = format(hours.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


# ---------------------------------------------------------------------------- QR codes


def qr_matrix(data: str) -> list[list[bool]]:
    """The module matrix of `data` (error correction M, no quiet zone; row 0 at the top)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    return matrix


def draw_qr(
    canvas: Canvas, matrix: Sequence[Sequence[bool]], x: float, y: float, size: float
) -> None:
    """Draw `matrix` in a `size`-point square (quiet zone included) whose bottom-left is x, y.

    One path per code, one rectangle per horizontal run of dark modules, in module units
    after translating to the code's origin: small numbers, a small file, cheap to draw.
    """
    count = len(matrix)
    module = size / (count + 2 * QUIET_ZONE_MODULES)
    canvas.saveState()
    canvas.translate(x + QUIET_ZONE_MODULES * module, y + QUIET_ZONE_MODULES * module)
    canvas.scale(module, module)
    # Integer module coordinates written as PDF operators directly: reportlab's path.rect
    # formats every number as a float in pure Python, which cost more than the encoding.
    ops = ["0 g"]
    for row_index, row in enumerate(matrix):
        # PDF y grows upwards; matrix row 0 is the top row.
        row_y = count - 1 - row_index
        column = 0
        for dark, run in groupby(row):
            length = len(list(run))
            if dark:
                ops.append(f"{column} {row_y} {length} 1 re")
            column += length
    ops.append("f")
    canvas.addLiteral("\n".join(ops))
    canvas.restoreState()


# ---------------------------------------------------------------------------- text fitting


class _Text:
    """Text measuring and fitting in the card fonts."""

    def __init__(self) -> None:
        self.regular, self.bold = register_fonts()

    def width(self, text: str, font: str, size: float) -> float:
        return float(stringWidth(text, font, size))

    def cut(self, text: str, font: str, size: float, width: float) -> str:
        """The longest start of `text` that fits `width` with an ellipsis after it."""
        if self.width(text, font, size) <= width:
            return text
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if self.width(text[:middle].rstrip() + ELLIPSIS, font, size) <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + ELLIPSIS

    def fit_line(
        self, text: str, font: str, max_size: float, min_size: float, width: float
    ) -> tuple[str, float, bool]:
        """(text, size, was_cut): shrink from `max_size` to fit one line, down to `min_size`,
        then cut with an ellipsis."""
        natural = self.width(text, font, max_size)
        if natural <= width:
            return text, max_size, False
        size = max(min_size, math.floor(max_size * width / natural * 4) / 4)
        if self.width(text, font, size) <= width:
            return text, size, False
        return self.cut(text, font, size, width), size, True

    def wrap(self, text: str, font: str, size: float, width: float) -> list[str]:
        """Greedy word wrap; a word longer than the line is broken where it must be."""
        lines: list[str] = []
        current = ""
        for word in text.split(" "):
            candidate = f"{current} {word}" if current else word
            if self.width(candidate, font, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            current = word
            while self.width(current, font, size) > width and len(current) > 1:
                split = len(current)
                low, high = 1, len(current)
                while low < high:
                    middle = (low + high + 1) // 2
                    if self.width(current[:middle], font, size) <= width:
                        low = middle
                    else:
                        high = middle - 1
                split = max(1, low)
                lines.append(current[:split])
                current = current[split:]
        if current:
            lines.append(current)
        return lines


# ---------------------------------------------------------------------------- drawing


@dataclass
class _Rect:
    """A rectangle in points, origin bottom-left (PDF space)."""

    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w


class _CardPainter:
    """Draws cards into their boxes and collects warnings."""

    def __init__(self, canvas: Canvas, template: SheetTemplate) -> None:
        self.canvas = canvas
        self.template = template
        self.text = _Text()
        self.warnings: list[str] = []
        self._qr_cache: dict[str, list[list[bool]]] = {}

    # -- helpers

    def _clean(self, text: str, where: str) -> str:
        result = printable(text)
        for char in result.missing:
            self.warnings.append(self._missing_glyph(where, char))
        return result.text

    def _missing_glyph(self, where: str, char: str) -> str:
        return _("{where}: the card font has no glyph for {char}, so it was left out.").format(
            where=where, char=describe_char(char)
        )

    def _string(self, x: float, y: float, text: str, font: str, size: float) -> None:
        self.canvas.setFont(font, size)
        self.canvas.drawString(x, y, text)

    def _qr_size(
        self, matrix: Sequence[Sequence[bool]], room_w: float, room_h: float, where: str
    ) -> float:
        """Side of the code in points: at least the template's minimum, modules near 0.75 mm,
        never more than the room; warns when modules would be under 0.6 mm."""
        modules = len(matrix) + 2 * QUIET_ZONE_MODULES
        wanted = max(self.template.min_qr_mm * mm, modules * TARGET_MODULE_MM * mm)
        side = min(wanted, room_w, room_h)
        if side < self.template.min_qr_mm * mm - 0.01:
            self.warnings.append(
                _(
                    "{where}: the QR code is only {size:.0f} mm wide (phones need at least "
                    "{minimum:.0f} mm); use a template with bigger cards."
                ).format(where=where, size=side / mm, minimum=self.template.min_qr_mm)
            )
        module_mm = side / mm / modules
        if module_mm < MIN_MODULE_MM:
            self.warnings.append(
                _(
                    "{where}: QR modules are {module:.2f} mm (under {minimum} mm), so some "
                    "phones may not read the code; shorten the sign-up address in Settings or "
                    "use bigger cards."
                ).format(where=where, module=module_mm, minimum=MIN_MODULE_MM)
            )
        return side

    def _matrix(self, url: str) -> list[list[bool]]:
        matrix = self._qr_cache.get(url)
        if matrix is None:
            matrix = qr_matrix(url)
            if len(self._qr_cache) < 8:  # blank cards repeat one URL; claim URLs never repeat
                self._qr_cache[url] = matrix
        return matrix

    def _qr_block(
        self, content: _Rect, url: str, caption: str, caption_bold: bool, where: str
    ) -> _Rect:
        """Draw the code at the top right with a caption under it; returns the block's rect."""
        matrix = self._matrix(url)
        caption_pt = 9.0 if caption_bold else 6.5
        room_h = content.h - (caption_pt * 1.25 if caption_bold else caption_pt * 2.4)
        side = self._qr_size(matrix, content.w * 0.5, room_h, where)
        x = content.right - side
        y = content.top - side
        draw_qr(self.canvas, matrix, x, y, side)
        font = self.text.bold if caption_bold else self.text.regular
        lines = self._caption_lines(caption, font, caption_pt, side)
        baseline = y
        for text, size in lines:
            baseline -= size * 1.15
            text_w = self.text.width(text, font, size)
            self._string(x + (side - text_w) / 2, baseline, text, font, size)
        return _Rect(x, baseline - 1, side, y + side - baseline + 1)

    def _caption_lines(
        self, caption: str, font: str, max_pt: float, width: float
    ) -> list[tuple[str, float]]:
        """One line if it fits at 6 pt or more, else two lines split after a '/'."""
        text, size, cut = self.text.fit_line(caption, font, max_pt, MIN_SMALL_PT, width)
        if not cut and size >= 6:
            return [(text, size)]
        for split in range(len(caption) - 1, 0, -1):
            if caption[split - 1] != "/":
                continue
            first, second = caption[:split], caption[split:]
            for size in (6.0, 5.5, MIN_SMALL_PT):
                if (
                    self.text.width(first, font, size) <= width
                    and self.text.width(second, font, size) <= width
                ):
                    return [(first, size), (second, size)]
        return [(text, size)]

    def _title(self, area: _Rect, text: str, max_pt: float, where: str, what: str) -> float:
        """Draw a bold one-line title at the top of `area`; returns the y below it."""
        fitted, size, cut = self.text.fit_line(text, self.text.bold, max_pt, MIN_TEXT_PT, area.w)
        if cut:
            self.warnings.append(
                _("{where}: the {what} is too long for the card and was cut.").format(
                    where=where, what=what
                )
            )
        baseline = area.top - size * 0.95
        self._string(area.x, baseline, fitted, self.text.bold, size)
        return baseline - size * 0.35

    # -- blank cards

    def blank(self, card: BlankCard, box: _Rect) -> None:
        where = _("Blank card")
        block = self._qr_block(box, card.signup_url, display_url(card.signup_url), False, where)
        left = _Rect(box.x, box.y, block.x - box.x - 2 * mm, box.h)
        heading = _("I can offer…") if card.kind == Kind.OFFER else _("I would like help with…")
        y = self._title(left, heading, 12, where, _("title"))
        small = 6.5
        name_y = y - 4.5 * mm
        self._string(left.x, name_y + 0.6 * mm, _("Name"), self.text.regular, small)
        name_w = self.text.width(_("Name"), self.text.regular, small) + 1.5 * mm
        below = _Rect(box.x, box.y, box.w, block.y - box.y - 1.5 * mm)
        size = self._tick_size(below)
        if size is not None:
            # roomy card: writing lines beside the code, tick boxes across the bottom
            self._ruled_lines(left.x, name_y, left.right, block.y + 1 * mm, name_w)
            self._flow(self._tick_groups(), below, size, draw=True)
            return
        # short card (stickers): tick boxes beside the code under the name, lines if room
        self._ruled_lines(left.x, name_y, left.right, name_y, name_w)
        beside = _Rect(left.x, box.y, left.w, name_y - 1.5 * mm - box.y)
        size = self._tick_size(beside)
        if size is None:
            self.warnings.append(
                _(
                    "{where}: the category and region tick boxes do not all fit this card size."
                ).format(where=where)
            )
            size = MIN_SMALL_PT
        end_y = self._flow(self._tick_groups(), beside, size, draw=True)
        if end_y is not None:
            self._ruled_lines(left.x, end_y - 3 * mm, left.right, box.y + 1 * mm, 0)

    def _ruled_lines(
        self, x0: float, top: float, x1: float, bottom: float, first_indent: float
    ) -> None:
        """Grey lines to write on, 6 mm apart, from `top` down to `bottom`."""
        canvas = self.canvas
        canvas.setLineWidth(0.4)
        canvas.setStrokeGray(0.55)
        line_y = top
        indent = first_indent
        while line_y >= bottom - 0.01:
            canvas.line(x0 + indent, line_y, x1, line_y)
            indent = 0
            line_y -= 6 * mm
        canvas.setStrokeGray(0)

    def _tick_groups(self) -> tuple[tuple[str, Sequence[str]], ...]:
        return ((_("Category:"), CATEGORIES), (_("Region:"), REGIONS))

    def _tick_size(self, area: _Rect) -> float | None:
        """The largest size (8 pt down to 5 pt) at which the tick lists fit `area`."""
        size = 8.0
        while size >= MIN_SMALL_PT:
            if area.h > 0 and self._flow(self._tick_groups(), area, size, draw=False) is not None:
                return size
            size -= 0.25
        return None

    def _flow(
        self, groups: Sequence[tuple[str, Sequence[str]]], area: _Rect, size: float, draw: bool
    ) -> float | None:
        lead = size * 1.3
        box_side = size * 0.8
        gap = size * 0.9
        y = area.top - size
        for label, items in groups:
            x = area.x
            tokens = [(label, False)] + [(item, True) for item in items]
            for text, ticked in tokens:
                font = self.text.bold if not ticked else self.text.regular
                token_w = self.text.width(text, font, size) + (
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
                        self.canvas.setLineWidth(0.5)
                        self.canvas.rect(x, y - size * 0.05, box_side, box_side, stroke=1, fill=0)
                        text_x = x + box_side + size * 0.3
                    shown = self.text.cut(text, font, size, area.right - text_x)
                    self._string(text_x, y, shown, font, size)
                x += token_w + gap
            y -= lead
        return y

    # -- personal cards

    def personal(self, card: PersonalCard, box: _Rect) -> None:
        cleaned = printable(card.name)
        name = cleaned.text
        short_name = self.text.cut(name, self.text.regular, 10, 60 * mm) if name else _("(no name)")
        where = _("Card for {name}").format(name=short_name)
        for char in cleaned.missing:
            self.warnings.append(self._missing_glyph(where, char))
        block = self._qr_block(box, card.claim_url, card.claim_code, True, where)
        left = _Rect(box.x, box.y, block.x - box.x - 2.5 * mm, box.h)
        y = self._title(left, name or _("(no name)"), 12, where, _("name"))
        footer_pt = 6.5
        footer = _("Join at {url}, then claim with code {code}").format(
            url=display_url(card.signup_url), code=card.claim_code
        )
        footer_lines = self.text.wrap(footer, self.text.regular, footer_pt, left.w)[:2]
        footer_top = box.y + len(footer_lines) * footer_pt * 1.2
        for index, line in enumerate(footer_lines):
            self._string(
                left.x,
                box.y + (len(footer_lines) - 1 - index) * footer_pt * 1.2 + 1,
                line,
                self.text.regular,
                footer_pt,
            )
        sections: list[tuple[str, list[str]]] = []
        if card.offers:
            sections.append(
                (_("Offers"), [self._clean(line.text(), where) for line in card.offers])
            )
        if card.requests:
            sections.append(
                (_("Requests"), [self._clean(line.text(), where) for line in card.requests])
            )
        if card.matches:
            sections.append(
                (_("Matched today"), [self._clean(text, where) for text in card.matches])
            )
        if not sections:
            sections.append((_("Nothing recorded yet"), []))
        body = _Rect(left.x, footer_top + 1.5 * mm, left.w, y - footer_top - 2.5 * mm)
        self._sections(sections, body, where)

    def _sections(self, sections: list[tuple[str, list[str]]], area: _Rect, where: str) -> None:
        """Headed lists, shrunk to fit from 10 pt to 7 pt; then '+ N more' per section."""
        size = 10.0
        while size >= MIN_TEXT_PT:
            lead = size * 1.2
            lines: list[tuple[str, bool]] = []
            for heading, entries in sections:
                lines.append((heading, True))
                for entry in entries:
                    wrapped = self.text.wrap(entry, self.text.regular, size, area.w - size)
                    if len(wrapped) > 2:
                        break
                    lines.extend((text, False) for text in wrapped)
                else:
                    continue
                break
            else:
                if len(lines) * lead <= area.h:
                    self._draw_lines(lines, area, size)
                    return
            size -= 0.5
        self._draw_overflow(sections, area, where)

    def _draw_lines(self, lines: list[tuple[str, bool]], area: _Rect, size: float) -> None:
        lead = size * 1.2
        y = area.top - size
        for text, is_heading in lines:
            font = self.text.bold if is_heading else self.text.regular
            indent = 0 if is_heading else size
            # never into the QR code: anything still too wide is cut at the column's edge
            shown = self.text.cut(text, font, size, area.w - indent)
            self._string(area.x + indent, y, shown, font, size)
            y -= lead

    def _draw_overflow(
        self, sections: list[tuple[str, list[str]]], area: _Rect, where: str
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
                fitted = self.text.cut(entry, self.text.regular, size, area.w - size)
                cut_count += fitted != entry
                lines.append((fitted, False))
            if hidden:
                hidden_total += hidden
                lines.append((_("+ {count} more").format(count=hidden), False))
        self._draw_lines(lines[:room] if room else [], area, size)
        if cut_count:
            self.warnings.append(
                ngettext(
                    "{where}: {count} entry was too long and was cut with “…”.",
                    "{where}: {count} entries were too long and were cut with “…”.",
                    cut_count,
                ).format(where=where, count=cut_count)
            )
        if hidden_total:
            total = sum(len(entries) for _heading, entries in sections)
            self.warnings.append(
                _(
                    "{where}: {total} entries do not fit one card; it lists {shown} and says "
                    "“+ {hidden} more” (they are all claimed with the code)."
                ).format(where=where, total=total, shown=total - hidden_total, hidden=hidden_total)
            )

    # -- event cards

    def event(self, card: EventCard, box: _Rect) -> None:
        where = _("Event card")
        # the full event address is too long to type; the caption names the site instead
        caption = _("{host} · event page").format(host=urlsplit(card.url).netloc)
        block = self._qr_block(box, card.url, caption, False, where)
        left = _Rect(box.x, box.y, block.x - box.x - 2.5 * mm, box.h)
        title = self._clean(card.title, where) or _("Hexithon")
        size = 13.0
        while size > MIN_TEXT_PT and len(self.text.wrap(title, self.text.bold, size, left.w)) > 2:
            size -= 0.5
        title_lines = self.text.wrap(title, self.text.bold, size, left.w)
        if len(title_lines) > 2:
            title_lines = [
                title_lines[0],
                self.text.cut(" ".join(title_lines[1:]), self.text.bold, size, left.w),
            ]
            self.warnings.append(
                _("{where}: the event title is too long and was cut.").format(where=where)
            )
        y = left.top - size
        for line in title_lines:
            self._string(left.x, y, line, self.text.bold, size)
            y -= size * 1.15
        details = [
            (_("Date"), card.date),
            (_("Venue"), card.venue),
            (_("Facilitator"), card.facilitator),
        ]
        y -= 2 * mm
        detail_pt = 9.0
        for label, value in details:
            value = self._clean(value, where)
            if not value:
                continue
            line = f"{label}: {value}"
            fitted, fitted_pt, cut = self.text.fit_line(
                line, self.text.regular, detail_pt, MIN_TEXT_PT, left.w
            )
            if cut:
                self.warnings.append(
                    _("{where}: the {what} is too long and was cut.").format(
                        where=where, what=label.lower()
                    )
                )
            if y < box.y + 8 * mm:
                break
            self._string(left.x, y, fitted, self.text.regular, fitted_pt)
            y -= detail_pt * 1.35
        hint = _("Scan the code for this event's page on Hexitime.")
        for index, line in enumerate(
            reversed(self.text.wrap(hint, self.text.regular, 6.5, left.w)[:2])
        ):
            self._string(left.x, box.y + index * 6.5 * 1.2 + 1, line, self.text.regular, 6.5)


# ---------------------------------------------------------------------------- sheets


def _card_rect(template: SheetTemplate, box: CardBox) -> _Rect:
    x = box.left_mm * mm
    y = (template.page_height_mm - box.top_mm - box.height_mm) * mm
    return _Rect(x, y, box.width_mm * mm, box.height_mm * mm)


def _new_canvas(buffer: io.BytesIO, template: SheetTemplate, title: str) -> Canvas:
    canvas = Canvas(
        buffer,
        pagesize=(template.page_width_mm * mm, template.page_height_mm * mm),
        pageCompression=1,
    )
    canvas.setTitle(title)
    canvas.setAuthor("Hexikit")
    canvas.setCreator("Hexikit")
    # Printing at "fit to page" shrinks the cards off the sheet's grid.
    canvas.setViewerPreference("PrintScaling", "None")
    return canvas


def _start_page(canvas: Canvas, offset_mm: tuple[float, float]) -> None:
    # Offsets are in mm, x to the right and y downwards, as a printer's misplacement is seen.
    if offset_mm != (0.0, 0.0):
        canvas.translate(offset_mm[0] * mm, -offset_mm[1] * mm)


def _crop_marks(canvas: Canvas, template: SheetTemplate) -> bool:
    """Short marks outside the grid at every card edge; False when there is no room."""
    left, top, right, bottom = template.grid_extent_mm()
    page_w, page_h = template.page_width_mm, template.page_height_mm
    gap, length = 1.0, 5.0
    room = min(left, top, page_w - right, page_h - bottom)
    if room < gap + 1.5:
        return False
    length = min(length, room - gap)
    xs = sorted(
        {round(template.left_mm + c * template.pitch_x_mm, 3) for c in range(template.columns)}
        | {
            round(template.left_mm + c * template.pitch_x_mm + template.card_width_mm, 3)
            for c in range(template.columns)
        }
    )
    ys = sorted(
        {round(template.top_mm + r * template.pitch_y_mm, 3) for r in range(template.rows)}
        | {
            round(template.top_mm + r * template.pitch_y_mm + template.card_height_mm, 3)
            for r in range(template.rows)
        }
    )
    canvas.saveState()
    canvas.setLineWidth(0.25)
    path = canvas.beginPath()
    for x in xs:
        path.moveTo(x * mm, (page_h - top + gap) * mm)
        path.lineTo(x * mm, (page_h - top + gap + length) * mm)
        path.moveTo(x * mm, (page_h - bottom - gap) * mm)
        path.lineTo(x * mm, (page_h - bottom - gap - length) * mm)
    for y in ys:
        path.moveTo((left - gap) * mm, (page_h - y) * mm)
        path.lineTo((left - gap - length) * mm, (page_h - y) * mm)
        path.moveTo((right + gap) * mm, (page_h - y) * mm)
        path.lineTo((right + gap + length) * mm, (page_h - y) * mm)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()
    return True


def render_cards(
    cards: Sequence[Card],
    template: SheetTemplate,
    *,
    crop_marks: bool = False,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    outlines: bool = False,
    title: str = "",
) -> CardsResult:
    """Lay `cards` out on sheets of `template`; the PDF bytes, page count and warnings."""
    if not cards:
        raise CardsError(_("There are no cards to print."))
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, template, title or _("Hexikit cards"))
    painter = _CardPainter(canvas, template)
    per_sheet = template.cards_per_sheet
    pages = math.ceil(len(cards) / per_sheet)
    marks_drawn = True
    drawers: dict[type, Callable[[Card, _Rect], None]] = {
        BlankCard: painter.blank,  # type: ignore[dict-item]
        PersonalCard: painter.personal,  # type: ignore[dict-item]
        EventCard: painter.event,  # type: ignore[dict-item]
    }
    for page in range(pages):
        canvas.saveState()
        _start_page(canvas, offset_mm)
        if crop_marks:
            marks_drawn = _crop_marks(canvas, template) and marks_drawn
        for slot, card in enumerate(cards[page * per_sheet : (page + 1) * per_sheet]):
            rect = _card_rect(template, template.card_box(slot))
            if outlines:
                canvas.setLineWidth(0.25)
                canvas.setStrokeGray(0.6)
                canvas.rect(rect.x, rect.y, rect.w, rect.h, stroke=1, fill=0)
                canvas.setStrokeGray(0)
            inset = INSET_MM * mm
            content = _Rect(rect.x + inset, rect.y + inset, rect.w - 2 * inset, rect.h - 2 * inset)
            drawers[type(card)](card, content)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    warnings = list(dict.fromkeys(painter.warnings))
    if crop_marks and not marks_drawn:
        warnings.append(
            _(
                "No crop marks: the cards of “{template}” reach the edge of the page, so there "
                "is no room outside the grid. Cut along the card edges instead."
            ).format(template=template.label)
        )
    return CardsResult(buffer.getvalue(), pages, len(cards), template, warnings)


def render_test_sheet(
    template: SheetTemplate, offset_mm: tuple[float, float] = (0.0, 0.0)
) -> CardsResult:
    """One page: every card's outline and a 100 mm ruler across and down, for calibration."""
    buffer = io.BytesIO()
    canvas = _new_canvas(buffer, template, _("Hexikit test sheet"))
    regular, bold = register_fonts()
    page_w, page_h = template.page_width_mm * mm, template.page_height_mm * mm
    _start_page(canvas, offset_mm)
    canvas.setLineWidth(0.3)
    for index, box in enumerate(template.card_boxes()):
        rect = _card_rect(template, box)
        canvas.rect(rect.x, rect.y, rect.w, rect.h, stroke=1, fill=0)
        canvas.setFont(regular, 7)
        canvas.drawString(rect.x + 3 * mm, rect.top - 6 * mm, str(index + 1))
    # rulers: 100 mm across the page's centre, and 100 mm down from under the text
    start_x = page_w / 2 - 50 * mm
    ruler_y = page_h / 2
    ruler_x = start_x
    start_y = ruler_y - 17 * mm
    canvas.setFillGray(1)
    canvas.rect(start_x - 4 * mm, ruler_y - 14 * mm, 108 * mm, 24 * mm, stroke=0, fill=1)
    canvas.rect(ruler_x - 1 * mm, start_y - 101 * mm, 10 * mm, 102 * mm, stroke=0, fill=1)
    canvas.setFillGray(0)
    path = canvas.beginPath()
    path.moveTo(start_x, ruler_y)
    path.lineTo(start_x + 100 * mm, ruler_y)
    path.moveTo(ruler_x, start_y)
    path.lineTo(ruler_x, start_y - 100 * mm)
    for tick in range(101):
        length = 4 * mm if tick % 10 == 0 else (2.5 * mm if tick % 5 == 0 else 1.5 * mm)
        path.moveTo(start_x + tick * mm, ruler_y)
        path.lineTo(start_x + tick * mm, ruler_y + length)
        path.moveTo(ruler_x, start_y - tick * mm)
        path.lineTo(ruler_x + length, start_y - tick * mm)
    canvas.setLineWidth(0.25)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.setFont(regular, 6)
    for tick in range(10, 101, 10):
        canvas.drawString(ruler_x + 5 * mm, start_y - tick * mm - 2, str(tick))
    canvas.setFont(regular, 6)
    for tick in range(0, 101, 10):
        canvas.drawCentredString(start_x + tick * mm, ruler_y + 5 * mm, str(tick))
    canvas.setFont(bold, 9)
    canvas.drawString(start_x, ruler_y - 5 * mm, _("This line should measure exactly 100 mm."))
    canvas.setFont(regular, 7.5)
    canvas.drawString(
        start_x,
        ruler_y - 9 * mm,
        _("If it does not, the printer scaled the page: print at 100 % (actual size)."),
    )
    canvas.drawString(
        start_x,
        ruler_y - 12.5 * mm,
        _("If the outlines are shifted, set the printer's offset on the Cards screen."),
    )
    canvas.showPage()
    canvas.save()
    return CardsResult(buffer.getvalue(), 1, 0, template, [])


def write_pdf(pdf: bytes, path: Path) -> None:
    """Write atomically; a clear CardsError when the place cannot be written."""
    path = Path(path)
    try:
        directory = path.parent if str(path.parent) else Path(".")
        if not directory.is_dir():
            raise CardsError(
                _("Cannot save to {path}: the folder {folder} does not exist.").format(
                    path=path, folder=directory
                )
            )
        atomic_write_bytes(path, pdf)
    except CardsError:
        raise
    except OSError as exc:
        raise CardsError(
            _("Cannot save to {path} ({reason}). Choose another folder or file name.").format(
                path=path, reason=exc.strerror or exc
            )
        ) from exc


# ---------------------------------------------------------------------------- from the store


@dataclass(frozen=True)
class CardsJob:
    """What to print: the same request from the CLI and the Cards screen.

    participants: "all", "with-activities", or a tuple of participant ids (a selection).
    """

    kind: CardKind
    template: SheetTemplate
    event_id: str = ""
    participants: str | tuple[str, ...] = "all"
    count: int = 0  # blank cards; 0 = one full sheet
    crop_marks: bool = False
    offset_mm: tuple[float, float] = (0.0, 0.0)


def resolve_event_id(store: Store, event_id: str, current_event_id: str = "") -> str:
    """The event to use: the one given, else the current one, else the only one."""
    events = store.list_events()
    if event_id:
        if any(event.id == event_id for event in events):
            return event_id
        matches = [event for event in events if event.id.startswith(event_id)]
        if len(matches) == 1:
            return matches[0].id
        raise CardsError(
            _("No event with the id “{id}”. `hexikit events` lists them.").format(id=event_id)
        )
    if current_event_id and any(event.id == current_event_id for event in events):
        return current_event_id
    if len(events) == 1:
        return events[0].id
    if not events:
        raise CardsError(_("There are no events yet: record one first (Capture)."))
    raise CardsError(
        _("There are several events: choose one with --event ID (`hexikit events` lists them).")
    )


def personal_cards(
    store: Store, event_id: str, participants: str | tuple[str, ...], signup_base_url: str
) -> list[PersonalCard]:
    """One card per chosen participant of the event, with their activities and confirmed
    matches, in name order."""

    def read(session: object) -> list[PersonalCard]:
        from sqlalchemy.orm import Session

        assert isinstance(session, Session)
        people = list(
            session.scalars(
                select(Participant)
                .where(Participant.event_id == event_id, Participant.deleted_at.is_(None))
                .order_by(func.lower(Participant.name))
            )
        )
        activities = list(
            session.scalars(
                select(Activity)
                .where(Activity.event_id == event_id, Activity.deleted_at.is_(None))
                .order_by(Activity.created_at)
            )
        )
        matches = list(
            session.scalars(
                select(Match).where(
                    Match.event_id == event_id,
                    Match.deleted_at.is_(None),
                    Match.status == "confirmed",
                )
            )
        )
        by_person: dict[str, list[Activity]] = {}
        for activity in activities:
            if activity.participant_id:
                by_person.setdefault(activity.participant_id, []).append(activity)
        activity_by_id = {activity.id: activity for activity in activities}
        person_by_id = {person.id: person for person in people}
        if isinstance(participants, tuple):
            wanted = set(participants)
            people = [person for person in people if person.id in wanted]
        elif participants == "with-activities":
            people = [person for person in people if by_person.get(person.id)]
        signup = signup_base_url or DEFAULT_SIGNUP_URL
        cards: list[PersonalCard] = []
        for person in people:
            own = by_person.get(person.id, [])
            lines = [
                ActivityLine(
                    Kind(activity.kind),
                    activity.title,
                    tuple(activity.categories or ()),
                    activity.hours,
                )
                for activity in own
            ]
            match_texts: list[str] = []
            for match in matches:
                offer = activity_by_id.get(match.offer_id)
                request = activity_by_id.get(match.request_id)
                if offer is None or request is None:
                    continue
                if offer.participant_id == person.id:
                    other = person_by_id.get(request.participant_id or "")
                    text = _("You help with “{request}”").format(request=request.title)
                elif request.participant_id == person.id:
                    other = person_by_id.get(offer.participant_id or "")
                    text = _("“{offer}” helps you").format(offer=offer.title)
                else:
                    continue
                # another person's name only when they agreed to share their details
                if other is not None and other.consent:
                    text += " " + _("(with {name})").format(name=other.name)
                match_texts.append(text)
            cards.append(
                PersonalCard(
                    name=person.name,
                    claim_code=person.claim_code,
                    claim_url=claim_url(signup, person.claim_code),
                    signup_url=signup,
                    offers=tuple(line for line in lines if line.kind == Kind.OFFER),
                    requests=tuple(line for line in lines if line.kind == Kind.REQUEST),
                    matches=tuple(match_texts),
                )
            )
        return cards

    return store.run_read(read)


def event_card(store: Store, event_id: str, signup_base_url: str) -> EventCard:
    event = store.get(Event, event_id)
    if event is None or event.is_deleted:
        raise CardsError(_("That event no longer exists."))
    return EventCard(
        title=event.title,
        date=event.date,
        venue=event.venue,
        facilitator=event.facilitator,
        url=event_url(signup_base_url or DEFAULT_SIGNUP_URL, event.id),
    )


def build_cards(
    store: Store | None, job: CardsJob, signup_base_url: str, current_event_id: str = ""
) -> list[Card]:
    """The cards `job` asks for, read from the store; CardsError when there are none."""
    if job.count < 0 or job.count > 10_000:
        raise CardsError(_("Choose between 1 and 10,000 cards."))
    count = job.count or job.template.cards_per_sheet
    signup = signup_base_url.strip() or DEFAULT_SIGNUP_URL
    if job.kind in (CardKind.BLANK_OFFER, CardKind.BLANK_REQUEST):
        kind = Kind.OFFER if job.kind == CardKind.BLANK_OFFER else Kind.REQUEST
        return [BlankCard(kind, signup)] * count
    if store is None:
        raise CardsError(_("Personal and event cards need the Hexikit data."))
    event_id = resolve_event_id(store, job.event_id, current_event_id)
    if job.kind == CardKind.EVENT:
        return [event_card(store, event_id, signup)] * count
    if isinstance(job.participants, tuple) and not job.participants:
        raise CardsError(_("Tick at least one participant to print their card."))
    cards = personal_cards(store, event_id, job.participants, signup)
    if not cards:
        if job.participants == "with-activities":
            raise CardsError(_("No participant of this event has an offer or a request yet."))
        raise CardsError(
            _("This event has no participants yet, so there are no personal cards to print.")
        )
    return list(cards)


def make_cards(
    store: Store | None, job: CardsJob, signup_base_url: str, current_event_id: str = ""
) -> CardsResult:
    """Read, lay out and render the cards of `job` (the CLI and the Cards screen call this)."""
    cards = build_cards(store, job, signup_base_url, current_event_id)
    titles = {
        CardKind.BLANK_OFFER: _("Hexikit blank offer cards"),
        CardKind.BLANK_REQUEST: _("Hexikit blank request cards"),
        CardKind.PERSONAL: _("Hexikit personal cards"),
        CardKind.EVENT: _("Hexikit event cards"),
    }
    return render_cards(
        cards,
        job.template,
        crop_marks=job.crop_marks,
        offset_mm=job.offset_mm,
        title=titles[job.kind],
    )
