"""What every card is drawn with: text measured and fitted in the card fonts, rectangles in
PDF points, and a painter that draws a card's QR block and title and collects warnings.

Text uses the bundled DejaVu Sans, is NFC-normalised and checked glyph by glyph: a character
the font lacks is left out with a warning naming it, never printed as a box. Long text shrinks
to fit, down to 7 pt, and is then cut with an ellipsis and a warning.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from hexikit.base.fonts import describe_char, printable, register_fonts
from hexikit.base.i18n import _
from hexikit.cards.qr import (
    MIN_MODULE_MM,
    QUIET_ZONE_MODULES,
    TARGET_MODULE_MM,
    draw_qr,
    qr_matrix,
)
from hexikit.cards.templates import SheetTemplate

MIN_TEXT_PT = 7.0
#: Small print that is not user text (tick-box labels, the URL under a code) may go smaller.
MIN_SMALL_PT = 5.0
ELLIPSIS = "…"


class CardText:
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


@dataclass
class Rect:
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


class CardPainter:
    """What every card's drawing shares: the canvas, the fonts, the QR block and the title, and
    the warnings collected on the way (one painter draws a whole PDF)."""

    def __init__(self, canvas: Canvas, template: SheetTemplate) -> None:
        self.canvas = canvas
        self.template = template
        self.text = CardText()
        self.warnings: list[str] = []
        self._qr_cache: dict[str, list[list[bool]]] = {}

    def clean(self, text: str, where: str) -> str:
        """`text` NFC-normalised, without the characters the font lacks (each one warned of)."""
        result = printable(text)
        for char in result.missing:
            self.warnings.append(self.missing_glyph(where, char))
        return result.text

    def missing_glyph(self, where: str, char: str) -> str:
        return _("{where}: the card font has no glyph for {char}, so it was left out.").format(
            where=where, char=describe_char(char)
        )

    def draw_string(self, x: float, y: float, text: str, font: str, size: float) -> None:
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

    def draw_qr_block(
        self, content: Rect, url: str, caption: str, caption_bold: bool, where: str
    ) -> Rect:
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
            self.draw_string(x + (side - text_w) / 2, baseline, text, font, size)
        return Rect(x, baseline - 1, side, y + side - baseline + 1)

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

    def draw_title(self, area: Rect, text: str, max_pt: float, where: str, what: str) -> float:
        """Draw a bold one-line title at the top of `area`; returns the y below it."""
        fitted, size, cut = self.text.fit_line(text, self.text.bold, max_pt, MIN_TEXT_PT, area.w)
        if cut:
            self.warnings.append(
                _("{where}: the {what} is too long for the card and was cut.").format(
                    where=where, what=what
                )
            )
        baseline = area.top - size * 0.95
        self.draw_string(area.x, baseline, fitted, self.text.bold, size)
        return baseline - size * 0.35
