"""The handout: notes pages for organisers, one slide as a picture with its notes beneath.

Qt-free: each slide is drawn as vectors with reportlab, following the same layout rules as
the projector (`hexikit.decks.layout`), so its text stays selectable and searchable. SVG
pictures are converted with svglib; PNG and JPEG are embedded as they are. Pages of a
PDF-backed deck are copied from the PDF into the picture box with pypdf.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

from hexikit.base.atomic import atomic_write_bytes
from hexikit.base.durations import format_duration
from hexikit.base.i18n import _
from hexikit.decks import layout as L
from hexikit.decks.deck import DEFAULT_WPM, Deck, Slide, speaking_seconds
from hexikit.decks.fit import fit_text, fit_title, register_fonts, safe_paragraph

log = logging.getLogger(__name__)

PAPER_SIZES = {"a4": A4, "letter": LETTER}


class HandoutError(Exception):
    """The handout could not be written (a message for the user)."""


@dataclass(frozen=True)
class _Box:
    """A rectangle in PDF points (origin bottom-left)."""

    x: float
    y: float
    w: float
    h: float


class SlidePicture(Flowable):
    """One slide drawn at `width` points wide (16:9), as the projector shows it."""

    def __init__(self, deck: Deck, slide: Slide, width: float) -> None:
        super().__init__()
        self.deck = deck
        self.slide = slide
        self.width = width
        self.height = width / L.ASPECT
        self.pdf_boxes: list[tuple[int, _Box]] = []
        #: (handout page index, x, y) of the picture's lower-left corner, once drawn.
        self.drawn_at: tuple[int, float, float] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    # Slide units (fractions of the slide height, origin top-left) to points.
    def _box(self, rect: L.Rect) -> _Box:
        h = self.height
        return _Box(rect.x * h, h - (rect.y + rect.h) * h, rect.w * h, rect.h * h)

    def draw(self) -> None:
        canvas = self.canv
        fonts = register_fonts()
        slide = self.slide
        h = self.height
        title_slide = slide.layout == "title"
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(L.TITLE_BACKGROUND if title_slide else L.BACKGROUND))
        canvas.rect(0, 0, self.width, h, stroke=0, fill=1)
        if slide.pdf_page is not None:
            # The page itself is copied in by pypdf after the document is built.
            self.pdf_boxes.append((slide.pdf_page, _Box(0, 0, self.width, h)))
            x, y = canvas.absolutePosition(0, 0)
            self.drawn_at = (canvas.getPageNumber() - 1, x, y)
            canvas.restoreState()
            self._outline()
            return
        blocks = L.parse_blocks(slide)
        regions = L.regions(slide, blocks)
        colour = L.ACCENT_TEXT if title_slide else L.TEXT
        if regions.title is not None and slide.title:
            box = self._box(regions.title)
            size = (L.TITLE_SLIDE_TITLE_SIZE if title_slide else L.TITLE_SIZE) * h
            # Shrunk until it fits its box, as on the projector.
            paragraph, _size, used = fit_title(
                slide.title, box.w, box.h, size, L.MIN_TITLE_SIZE * h, colour
            )
            if title_slide:
                paragraph.drawOn(canvas, box.x, box.y)
                canvas.setFillColor(colors.HexColor(L.ACCENT_TEXT))
                canvas.rect(box.x, box.y - 0.024 * h, 0.18 * h, 0.012 * h, stroke=0, fill=1)
            else:
                paragraph.drawOn(canvas, box.x, box.y + box.h - used)
                canvas.setFillColor(colors.HexColor(L.ACCENT))
                canvas.rect(
                    box.x,
                    box.y - 0.004 * h - L.RULE_HEIGHT * h,
                    0.16 * h,
                    L.RULE_HEIGHT * h,
                    stroke=0,
                    fill=1,
                )
        if regions.text is not None:
            box = self._box(regions.text)
            start = L.TITLE_SLIDE_SUBTITLE_SIZE if title_slide else L.BODY_SIZE
            self._draw_text(L.text_blocks(blocks), box, start, colour)
        if regions.images is not None:
            pictures = L.image_blocks(blocks)
            for cell, block in zip(
                L.image_cells(regions.images, len(pictures)), pictures, strict=False
            ):
                path = block.image.path if block.image is not None else None
                self._draw_picture(path, self._box(cell), fonts)
        canvas.restoreState()
        self._outline()

    def _outline(self) -> None:
        self.canv.saveState()
        self.canv.setStrokeColor(colors.HexColor("#888888"))
        self.canv.setLineWidth(0.6)
        self.canv.rect(0, 0, self.width, self.height, stroke=1, fill=0)
        self.canv.restoreState()

    def _draw_text(self, blocks: list[L.Block], box: _Box, start: float, colour: str) -> None:
        fitted = fit_text(blocks, box.w, box.h, self.height, start, colour)
        canvas = self.canv
        canvas.saveState()
        # Code is never wrapped: a line too wide is cut at the box's right edge.
        clip = canvas.beginPath()
        clip.rect(0, box.y - 2, box.x + box.w, box.h + self.height * 0.04)
        canvas.clipPath(clip, stroke=0, fill=0)
        top = box.y + box.h
        shown = fitted.laid_out[: fitted.shown]
        for (flowable, gap), height in zip(shown, fitted.heights, strict=False):
            flowable.drawOn(canvas, box.x, top - height)
            top -= height + gap
        canvas.restoreState()  # what does not fit is left out, as on the projector

    def _draw_picture(self, path: Path | None, cell: _Box, fonts: dict[str, str]) -> None:
        canvas = self.canv
        if path is not None and path.suffix.lower() == ".svg":
            drawing = _svg_drawing(path)
            if drawing is not None and drawing.width > 0 and drawing.height > 0:
                fitted = L.fit_rect(
                    L.Rect(cell.x, cell.y, cell.w, cell.h), drawing.width, drawing.height
                )
                scale = fitted.w / drawing.width
                canvas.saveState()
                canvas.translate(fitted.x, fitted.y)
                canvas.scale(scale, scale)
                renderPDF.draw(drawing, canvas, 0, 0)
                canvas.restoreState()
                return
        elif path is not None:
            try:
                reader = ImageReader(str(path))
                width, height = reader.getSize()
            except Exception:  # a broken picture is shown as a placeholder
                reader = None
            if reader is not None:
                fitted = L.fit_rect(L.Rect(cell.x, cell.y, cell.w, cell.h), width, height)
                canvas.drawImage(reader, fitted.x, fitted.y, fitted.w, fitted.h, mask="auto")
                return
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#eeeeee"))
        canvas.setStrokeColor(colors.HexColor(L.MUTED))
        canvas.setDash(3, 3)
        canvas.rect(cell.x, cell.y, cell.w, cell.h, stroke=1, fill=1)
        canvas.setFillColor(colors.HexColor(L.MUTED))
        canvas.setFont(fonts["regular"], max(5.0, self.height * 0.03))
        canvas.drawCentredString(cell.x + cell.w / 2, cell.y + cell.h / 2, _("picture missing"))
        canvas.restoreState()


_svg_cache: dict[Path, Any] = {}


def _svg_drawing(path: Path) -> Any:
    if path in _svg_cache:
        return _svg_cache[path]
    try:
        from svglib.svglib import svg2rlg

        drawing = svg2rlg(str(path))
    except Exception as exc:  # svglib raises many kinds of errors on bad files
        log.warning("cannot read SVG %s: %s", path, exc)
        drawing = None
    _svg_cache[path] = drawing
    return drawing


def _styles(fonts: dict[str, str]) -> dict[str, ParagraphStyle]:
    return {
        "notes": ParagraphStyle(
            "notes", fontName=fonts["regular"], fontSize=12, leading=17, spaceAfter=6
        ),
        "heading": ParagraphStyle(
            "heading",
            fontName=fonts["bold"],
            fontSize=11,
            leading=14,
            textColor=colors.HexColor(L.ACCENT),
            spaceBefore=10,
            spaceAfter=4,
        ),
        "meta": ParagraphStyle(
            "meta",
            fontName=fonts["regular"],
            fontSize=9,
            leading=12,
            textColor=colors.HexColor("#555555"),
            spaceAfter=6,
        ),
        "missing": ParagraphStyle(
            "missing",
            fontName=fonts["italic"],
            fontSize=11,
            leading=15,
            textColor=colors.HexColor("#555555"),
        ),
    }


def _notes_paragraphs(notes: str) -> list[str]:
    return [" ".join(part.split()) for part in notes.split("\n\n") if part.strip()]


def write_handout(deck: Deck, out: Path, paper: str = "a4", wpm: int = DEFAULT_WPM) -> int:
    """Write the handout PDF for `deck` to `out`; returns the number of pages.

    Raises HandoutError with a plain message when the deck has no slides or the file cannot
    be written.
    """
    if paper not in PAPER_SIZES:
        raise HandoutError(_("Paper must be a4 or letter."))
    if not deck.slides:
        raise HandoutError(_("The deck has no slides, so there is nothing to print."))
    fonts = register_fonts()
    styles = _styles(fonts)
    page_w, page_h = PAPER_SIZES[paper]
    margin = 18 * mm
    buffer = io.BytesIO()
    total = len(deck.slides)
    title = deck.title

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(fonts["regular"], 9)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(margin, page_h - margin + 6 * mm, title)
        canvas.drawRightString(
            page_w - margin, margin - 9 * mm, _("Page {page}").format(page=doc.page)
        )
        canvas.restoreState()

    document = SimpleDocTemplate(
        buffer,
        pagesize=(page_w, page_h),
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author="Hexikit",
        subject=_("Speaker notes"),
    )
    pictures: list[SlidePicture] = []
    story: list[Flowable] = []
    for slide in deck.slides:
        picture = SlidePicture(deck, slide, document.width)
        pictures.append(picture)
        seconds = speaking_seconds(slide.notes_words, wpm)
        meta = _("Slide {number} of {total} · {words} words of notes · about {time} to say").format(
            number=slide.number,
            total=total,
            words=slide.notes_words,
            time=format_duration(seconds),
        )
        head: list[Flowable] = [
            Paragraph(meta, styles["meta"]),
            picture,
            Spacer(1, 6 * mm),
            Paragraph(_("Speaker notes"), styles["heading"]),
        ]
        notes = _notes_paragraphs(slide.notes)
        if notes:
            head.append(safe_paragraph(L.inline_html(notes[0]), styles["notes"]))
            story.append(KeepTogether(head))
            story.extend(safe_paragraph(L.inline_html(text), styles["notes"]) for text in notes[1:])
        else:
            head.append(Paragraph(_("No notes for this slide."), styles["missing"]))
            story.append(KeepTogether(head))
        if slide.number != total:
            story.append(PageBreak())
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    data = buffer.getvalue()
    if deck.pdf_path is not None and any(picture.pdf_boxes for picture in pictures):
        data = _copy_pdf_pages(data, deck.pdf_path, pictures)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(out, data)
    except OSError as exc:
        raise HandoutError(
            _("The handout could not be written to {path}: {error}").format(
                path=out, error=exc.strerror or exc
            )
        ) from exc
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _copy_pdf_pages(handout: bytes, source: Path, pictures: list[SlidePicture]) -> bytes:
    """Lay each PDF-backed slide's page into its picture box (vector, text selectable)."""
    from pypdf import PdfReader, PdfWriter, Transformation

    try:
        slides_pdf = PdfReader(str(source))
    except Exception as exc:  # an unreadable PDF leaves the boxes empty
        log.warning("cannot read %s: %s", source, exc)
        return handout
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(handout)))
    for picture in pictures:
        if picture.drawn_at is None:
            continue
        handout_page, x, y = picture.drawn_at
        for page_index, box in picture.pdf_boxes:
            if not 0 <= page_index < len(slides_pdf.pages) or handout_page >= len(writer.pages):
                continue
            source_page = slides_pdf.pages[page_index]
            width = float(source_page.mediabox.width)
            height = float(source_page.mediabox.height)
            fitted = L.fit_rect(L.Rect(x + box.x, y + box.y, box.w, box.h), width, height)
            scale = fitted.w / width
            writer.pages[handout_page].merge_transformed_page(
                source_page, Transformation().scale(scale, scale).translate(fitted.x, fitted.y)
            )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
