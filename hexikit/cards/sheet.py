"""Sheets of cards: the cards laid out on a label-sheet template, drawn into one PDF with
reportlab, the printer's test sheet, and writing the PDF to a file.

Each card keeps its content 3 mm inside its edges (cutting is never exact); optional crop
marks sit outside the grid, and an offset moves everything to make up for a printer that
places the page a little off.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from hexikit.base.atomic import atomic_write_bytes
from hexikit.base.fonts import register_fonts
from hexikit.base.i18n import _
from hexikit.cards.blank import draw_blank_card
from hexikit.cards.event import draw_event_card
from hexikit.cards.model import BlankCard, Card, CardsError, PersonalCard
from hexikit.cards.painter import CardPainter, Rect
from hexikit.cards.personal import draw_personal_card
from hexikit.cards.templates import CardBox, SheetTemplate

#: Every card keeps its content this far inside its edges (cutting is never exact).
INSET_MM = 3.0


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


def _card_rect(template: SheetTemplate, box: CardBox) -> Rect:
    x = box.left_mm * mm
    y = (template.page_height_mm - box.top_mm - box.height_mm) * mm
    return Rect(x, y, box.width_mm * mm, box.height_mm * mm)


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


def _draw_card(painter: CardPainter, card: Card, box: Rect) -> None:
    if isinstance(card, BlankCard):
        draw_blank_card(painter, card, box)
    elif isinstance(card, PersonalCard):
        draw_personal_card(painter, card, box)
    else:
        draw_event_card(painter, card, box)


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
    painter = CardPainter(canvas, template)
    per_sheet = template.cards_per_sheet
    pages = math.ceil(len(cards) / per_sheet)
    marks_drawn = True
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
            content = Rect(rect.x + inset, rect.y + inset, rect.w - 2 * inset, rect.h - 2 * inset)
            _draw_card(painter, card, content)
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
