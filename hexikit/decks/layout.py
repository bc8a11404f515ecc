"""How a slide is laid out, shared by the Qt renderer (the projector) and the handout PDF.

Sizes are fractions of the slide height, so a slide looks the same at any resolution and in
the PDF. A slide's Markdown is parsed once, by markdown-it-py (`hexikit.decks.mdblocks`), into
blocks (headings, paragraphs, bullet and numbered items, quotes, code, pictures) whose inline
text is the small HTML subset both Qt's QTextDocument and reportlab's Paragraph understand.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from hexikit.decks import mdblocks
from hexikit.decks.deck import Slide, SlideImage

#: Slides are 16:9.
ASPECT = 16 / 9

# Theme: one clean, high-contrast look that survives a washed-out projector.
BACKGROUND = "#ffffff"
TEXT = "#111111"
ACCENT = "#00545c"  # dark teal: 9:1 against white
ACCENT_TEXT = "#ffffff"
MUTED = "#3a3a3a"  # still 11:1 against white
TITLE_BACKGROUND = ACCENT

# Sizes as fractions of the slide height (body text must be at least 1/25 = 0.04).
MARGIN_X = 0.07
MARGIN_TOP = 0.07
MARGIN_BOTTOM = 0.07
TITLE_SIZE = 0.078
MIN_TITLE_SIZE = 0.05
TITLE_GAP = 0.045
RULE_HEIGHT = 0.008
BODY_SIZE = 0.056
MIN_BODY_SIZE = 0.042
SUBHEADING_SIZE = 0.06
LINE_SPACING = 1.25
PARAGRAPH_GAP = 0.022
INDENT = 0.055
TITLE_SLIDE_TITLE_SIZE = 0.11
TITLE_SLIDE_SUBTITLE_SIZE = 0.055
#: With text and a picture, the text takes this share of the width; the picture the rest.
TEXT_COLUMN_SHARE = 0.56
COLUMN_GAP = 0.05
FOOTER_SIZE = 0.028


@dataclass(frozen=True)
class Block:
    """One piece of a slide's body.

    kind: "heading", "paragraph", "bullet", "number", "quote", "code" or "image".
    `html` is the text with inline markup (<b>, <i>, <br/>, <font face="monospace">) already
    escaped and converted (`hexikit.decks.mdblocks`); `text` is what the audience reads;
    `line` is the block's first line within the slide's body (1-based; 0 when unknown).
    A "code" block's `text` is drawn as it is, monospace, one source line per line.
    """

    kind: str
    html: str = ""
    level: int = 0
    number: int = 0
    image: SlideImage | None = None
    text: str = ""
    line: int = 0


inline_html = mdblocks.inline_html
inline_text = mdblocks.inline_text


def parse_blocks(slide: Slide) -> list[Block]:
    """The body of `slide` as blocks, in order; pictures come from `slide.images`."""
    blocks: list[Block] = []
    images = list(slide.images)
    for kind, runs, level, number, line, _picture in mdblocks.parse_body(slide.body):
        if kind == "image":
            if images:
                blocks.append(Block("image", image=images.pop(0), line=line))
            continue
        if kind == "code":
            text = runs[0].text if runs else ""
            blocks.append(Block("code", html.escape(text, quote=False), text=text, line=line))
            continue
        text = mdblocks.runs_text(runs)
        blocks.append(Block(kind, mdblocks.runs_html(runs), level, number, text=text, line=line))
    return blocks


def slide_text(slide: Slide) -> str:
    """All the text the audience sees on `slide`: its title and body, one block a line."""
    parts = [inline_text(slide.title)] if slide.title else []
    parts.extend(block.text for block in parse_blocks(slide) if block.kind != "image")
    return "\n".join(part for part in parts if part)


def text_blocks(blocks: list[Block]) -> list[Block]:
    return [block for block in blocks if block.kind != "image"]


def image_blocks(blocks: list[Block]) -> list[Block]:
    return [block for block in blocks if block.kind == "image"]


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Regions:
    """Where the parts of a slide go, in slide-height units (width = ASPECT)."""

    title: Rect | None
    text: Rect | None
    images: Rect | None


def title_lines(title: str, width: float) -> int:
    """Lines a content slide's title gets (1 or 2), from an estimate of its width: bold
    DejaVu Sans averages about 0.62 em per character. Renderers shrink what still overflows."""
    plain = re.sub(r"[*_`]", "", title)
    per_line = width / (TITLE_SIZE * 0.62)
    return 1 if len(plain) <= per_line else 2


def regions(slide: Slide, blocks: list[Block]) -> Regions:
    """The one layout rule: title on top, then text, with pictures beside or below it."""
    width = ASPECT
    has_text = bool(text_blocks(blocks))
    has_images = bool(image_blocks(blocks))
    inner_w = width - 2 * MARGIN_X
    if slide.layout == "title":
        # Title slide: title and subtitle in the left part of a coloured slide, picture right.
        text_w = inner_w * (0.62 if has_images else 1.0)
        title = Rect(MARGIN_X, 0.26, text_w, 0.30)
        text = Rect(MARGIN_X, 0.62, text_w, 0.32) if has_text else None
        pictures = (
            Rect(MARGIN_X + text_w + COLUMN_GAP, 0.16, inner_w - text_w - COLUMN_GAP, 0.68)
            if has_images
            else None
        )
        return Regions(title, text, pictures)
    top = MARGIN_TOP
    title_rect = None
    if slide.title:
        title_h = TITLE_SIZE * 1.3 * title_lines(slide.title, inner_w)
        title_rect = Rect(MARGIN_X, top, inner_w, title_h)
        top += title_h + RULE_HEIGHT + TITLE_GAP
    body_h = 1.0 - top - MARGIN_BOTTOM
    if has_text and has_images:
        text_w = inner_w * TEXT_COLUMN_SHARE
        return Regions(
            title_rect,
            Rect(MARGIN_X, top, text_w, body_h),
            Rect(MARGIN_X + text_w + COLUMN_GAP, top, inner_w - text_w - COLUMN_GAP, body_h),
        )
    if has_images:
        return Regions(title_rect, None, Rect(MARGIN_X, top, inner_w, body_h))
    return Regions(title_rect, Rect(MARGIN_X, top, inner_w, body_h) if has_text else None, None)


def image_cells(area: Rect, count: int) -> list[Rect]:
    """Split the picture area into `count` cells side by side (at most 3 per row)."""
    if count <= 0:
        return []
    per_row = min(count, 3)
    rows = (count + per_row - 1) // per_row
    gap = 0.03
    cell_w = (area.w - gap * (per_row - 1)) / per_row
    cell_h = (area.h - gap * (rows - 1)) / rows
    return [
        Rect(
            area.x + (i % per_row) * (cell_w + gap),
            area.y + (i // per_row) * (cell_h + gap),
            cell_w,
            cell_h,
        )
        for i in range(count)
    ]


def fit_rect(cell: Rect, image_w: float, image_h: float) -> Rect:
    """The largest rectangle of the image's aspect ratio centred in `cell`."""
    if image_w <= 0 or image_h <= 0:
        return cell
    scale = min(cell.w / image_w, cell.h / image_h)
    w, h = image_w * scale, image_h * scale
    return Rect(cell.x + (cell.w - w) / 2, cell.y + (cell.h - h) / 2, w, h)
