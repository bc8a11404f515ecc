"""Fitting a slide's text into its layout, measured with reportlab (no Qt), and the overflow
warnings that follow from it.

The handout draws with exactly these paragraphs; `deck check`, the Present page's problem list
and the handout's messages all get `overflow_problems` from here, so the warning is what the
layout does: text shrinks down to the readable minimum (`layout.MIN_BODY_SIZE`) and what still
does not fit is left out (the projector and the handout both leave out whole lines).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, Preformatted

from hexikit.base.i18n import _
from hexikit.base.resources import asset
from hexikit.decks import layout as L
from hexikit.decks.deck import Problem, Slide
from hexikit.decks.mdblocks import MONO_FACE

log = logging.getLogger(__name__)

REGULAR = "HandoutSans"
BOLD = "HandoutSans-Bold"
ITALIC = "HandoutSans-Oblique"
BOLD_ITALIC = "HandoutSans-BoldOblique"
_SYSTEM_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
    MONO_FACE: "DejaVuSansMono.ttf",
}
_font_lock = threading.Lock()
_fonts: dict[str, str] | None = None
#: Slides are measured at this height in points (every size is a fraction of it).
MEASURE_HEIGHT = 540.0


def _font_file(filename: str) -> Path | None:
    for candidate in (asset("fonts", filename), _SYSTEM_FONT_DIR / filename):
        if candidate.is_file():
            return candidate
    return None


def register_fonts() -> dict[str, str]:
    """Register DejaVu Sans (bundled, else the system's) once; returns style -> font name.

    Falls back to reportlab's Helvetica when no TTF is found (then only Latin-1 prints);
    code (`<font face="monospace">`) falls back to Courier.
    """
    global _fonts
    with _font_lock:
        if _fonts is not None:
            return _fonts
        found: dict[str, str] = {}
        for name, filename in _FILES.items():
            path = _font_file(filename)
            if path is None:
                continue
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except Exception as exc:  # a damaged font file: fall back below
                log.warning("font %s unusable: %s", path, exc)
                continue
            found[name] = name
        regular = found.get(REGULAR, "Helvetica")
        bold = found.get(BOLD, "Helvetica-Bold" if regular == "Helvetica" else regular)
        italic = found.get(ITALIC, "Helvetica-Oblique" if regular == "Helvetica" else regular)
        bold_italic = found.get(BOLD_ITALIC, bold)
        if regular != "Helvetica":
            pdfmetrics.registerFontFamily(
                regular, normal=regular, bold=bold, italic=italic, boldItalic=bold_italic
            )
        mono = found.get(MONO_FACE)
        if mono is None:
            # `<font face="monospace">` must name a known font: map it to Courier.
            from reportlab.lib.fonts import addMapping

            addMapping(MONO_FACE, 0, 0, "Courier")
            addMapping(MONO_FACE, 1, 0, "Courier-Bold")
            addMapping(MONO_FACE, 0, 1, "Courier-Oblique")
            addMapping(MONO_FACE, 1, 1, "Courier-BoldOblique")
            mono = "Courier"
        else:
            pdfmetrics.registerFontFamily(
                MONO_FACE, normal=MONO_FACE, bold=MONO_FACE, italic=MONO_FACE, boldItalic=MONO_FACE
            )
        _fonts = {
            "regular": regular,
            "bold": bold,
            "italic": italic,
            "bold_italic": bold_italic,
            "mono": mono,
        }
        return _fonts


def safe_paragraph(markup: str, style: ParagraphStyle, bullet: str | None = None) -> Paragraph:
    """A Paragraph of our HTML subset; should reportlab still refuse it, its plain text."""
    try:
        return Paragraph(markup, style, bulletText=bullet)
    except ValueError:
        import html
        import re

        plain = html.escape(html.unescape(re.sub(r"<[^>]*>", "", markup)), quote=False)
        return Paragraph(plain, style, bulletText=bullet)


def paragraphs(
    blocks: list[L.Block], fraction: float, slide_h: float, colour: str
) -> list[tuple[Flowable, float]]:
    """The text blocks as reportlab flowables at body size `fraction`, each with its gap."""
    fonts = register_fonts()
    body = fraction * slide_h
    gap = body * L.PARAGRAPH_GAP / L.BODY_SIZE
    result: list[tuple[Flowable, float]] = []
    for block in blocks:
        size = body
        font = fonts["regular"]
        text_colour = colour
        left = 0.0
        bullet: str | None = None
        bullet_indent = 0.0
        if block.kind == "heading":
            size = body * L.SUBHEADING_SIZE / L.BODY_SIZE
            font = fonts["bold"]
            text_colour = L.ACCENT if colour == L.TEXT else colour
        elif block.kind in ("bullet", "number"):
            bullet_indent = L.INDENT * slide_h * block.level
            left = bullet_indent + L.INDENT * slide_h
            bullet = "•" if block.kind == "bullet" else f"{block.number}."
        elif block.kind == "quote":
            font = fonts["italic"]
            left = body
            text_colour = L.MUTED if colour == L.TEXT else colour
        elif block.kind == "code":
            font = fonts["mono"]
        style = ParagraphStyle(
            "slideBody",
            fontName=font,
            fontSize=size,
            leading=size * L.LINE_SPACING,
            textColor=colors.HexColor(text_colour),
            leftIndent=left,
            bulletIndent=bullet_indent,
            bulletFontName=fonts["regular"],
            bulletFontSize=size,
            alignment=TA_LEFT,
        )
        if block.kind == "code":
            result.append((Preformatted(block.text, style), gap))
        else:
            result.append((safe_paragraph(block.html, style, bullet), gap))
    return result


@dataclass
class TextFit:
    """The text laid out in its box: flowables, their heights, the size used, and how many
    blocks are drawn whole (the rest are left out)."""

    laid_out: list[tuple[Flowable, float]]
    heights: list[float]
    fraction: float
    shown: int


def fit_text(
    blocks: list[L.Block], width: float, height: float, slide_h: float, start: float, colour: str
) -> TextFit:
    """Shrink from `start` down to the readable minimum until the blocks fit `height`."""
    fraction = start
    minimum = min(L.MIN_BODY_SIZE, start)
    while True:
        laid_out = paragraphs(blocks, fraction, slide_h, colour)
        heights = [flowable.wrap(width, height)[1] for flowable, _gap in laid_out]
        total = sum(heights) + sum(gap for _f, gap in laid_out[:-1])
        if total <= height or fraction <= minimum:
            break
        fraction = max(minimum, fraction * 0.92)
    shown = 0
    used = 0.0
    for (_flowable, gap), block_h in zip(laid_out, heights, strict=True):
        if used + block_h > height + 1:
            break
        used += block_h + gap
        shown += 1
    return TextFit(laid_out, heights, fraction, shown)


def fit_title(
    title: str, width: float, height: float, start_px: float, min_px: float, colour: str = L.TEXT
) -> tuple[Paragraph, float, float]:
    """The title paragraph shrunk until it fits: (paragraph, size, height used)."""
    fonts = register_fonts()
    size = start_px
    while True:
        style = ParagraphStyle(
            "slideTitle",
            fontName=fonts["bold"],
            fontSize=size,
            leading=size * 1.2,
            textColor=colors.HexColor(colour),
        )
        paragraph = safe_paragraph(L.inline_html(title), style)
        _w, used = paragraph.wrap(width, height * 2)
        if used <= height * 1.02 or size <= min_px:
            return paragraph, size, used
        size = max(min_px, size * 0.92)


def _words(text: str, count: int = 6) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def overflow_problems(slide: Slide) -> list[Problem]:
    """Warnings for text of `slide` the layout cuts off (slide and line). Never raises."""
    if slide.pdf_page is not None:
        return []
    try:
        return _overflow(slide)
    except Exception as exc:  # a warning must never stop a deck from opening
        log.warning("measuring slide %s failed: %s", slide.number, exc)
        return []


def _overflow(slide: Slide) -> list[Problem]:
    h = MEASURE_HEIGHT
    blocks = L.parse_blocks(slide)
    regions = L.regions(slide, blocks)
    title_slide = slide.layout == "title"
    found: list[Problem] = []
    if regions.title is not None and slide.title:
        start = (L.TITLE_SLIDE_TITLE_SIZE if title_slide else L.TITLE_SIZE) * h
        _p, _size, used = fit_title(
            slide.title, regions.title.w * h, regions.title.h * h, start, L.MIN_TITLE_SIZE * h
        )
        if used > regions.title.h * h * 1.05:
            found.append(
                Problem(
                    slide.line,
                    _(
                        "Slide {number}: the title is too long to fit even at the smallest "
                        "readable size; shorten it."
                    ).format(number=slide.number),
                )
            )
    if regions.text is None:
        return found
    text = L.text_blocks(blocks)
    box_w, box_h = regions.text.w * h, regions.text.h * h
    start = L.TITLE_SLIDE_SUBTITLE_SIZE if title_slide else L.BODY_SIZE
    fitted = fit_text(text, box_w, box_h, h, start, L.TEXT)
    if fitted.shown < len(text):
        cut = text[fitted.shown]
        found.append(
            Problem(
                slide.source_line(cut.line),
                _(
                    "Slide {number}: the text does not fit, even at the smallest readable size; "
                    "from “{words}” on it is cut off. Move some of it to the notes or split the "
                    "slide."
                ).format(number=slide.number, words=_words(cut.text)),
            )
        )
    fonts = register_fonts()
    size = fitted.fraction * h
    for block in text[: fitted.shown]:
        if block.kind != "code":
            continue
        for offset, code_line in enumerate(block.text.split("\n")):
            if pdfmetrics.stringWidth(code_line, fonts["mono"], size) > box_w + 1:
                found.append(
                    Problem(
                        slide.source_line(block.line + 1 + offset),
                        _(
                            "Slide {number}: this line of code is too wide for the slide and "
                            "is cut off at the right (code is never wrapped); shorten it."
                        ).format(number=slide.number),
                    )
                )
    return found
