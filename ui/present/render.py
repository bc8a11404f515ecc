"""Drawing slides into QImages (safe off the GUI thread) and the pre-render cache.

Qt paints the slide itself (no web engine): QTextDocument for the text, QSvgRenderer and
QImage for pictures, QPdfDocument for PDF-backed decks. Everything here paints onto QImage,
never QPixmap, so `render_slide` may run on a worker thread.

The cache keeps the previous, current and next slides rendered at every size a window asks
for, keyed by the deck's content hash, so a slide change only paints a finished image.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QPointF, QRectF, QSize, QSizeF, Qt, QThread, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QTextDocument
from PySide6.QtSvg import QSvgRenderer

from hexikit.decks import layout as L
from hexikit.decks.deck import Deck, Slide
from hexikit.decks.mdblocks import MONO_FACE
from hexikit.ui.fonts import register_slide_fonts
from hexikit.ui.worker import Worker

if TYPE_CHECKING:
    from hexikit.ui.present.kept_frames import KeptFrames

log = logging.getLogger(__name__)

FONT_FAMILY = "DejaVu Sans"
MONO_FAMILY = "DejaVu Sans Mono"
#: Thumbnails of every slide (for the overview grid and as a stand-in while rendering).
THUMBNAIL_SIZE = QSize(320, 180)
THUMBNAIL_BATCH = 12
#: The cache holds at most this many bytes of full-size slide images.
CACHE_BUDGET_BYTES = 400 * 1024 * 1024

_thread_state = threading.local()

#: Each thread's reusable text documents, by (thread ident, role): see `_scratch_document`.
_scratch: dict[tuple[int, str], QTextDocument] = {}
#: Documents of threads that ended, kept rather than deleted (deleting one takes Qt's
#: connection lock while this thread holds the GIL: the deadlock `_scratch_document` avoids).
_retired: list[QTextDocument] = []
_scratch_lock = threading.Lock()


@cache
def create_qt_enums() -> None:
    """Create the Qt enum types that slide rendering uses: on the GUI thread, once.

    PySide6 builds its Python enum types lazily, on first use; render threads doing that at
    the same moment can crash the process (4 concurrent first renders: 8 crashes in 15 runs;
    none after this). Creating them first, on one thread, removes the race.
    """
    from PySide6.QtGui import (
        QBrush,
        QGradient,
        QTextBlockFormat,
        QTextCharFormat,
        QTextFormat,
        QTextLength,
        QTextOption,
    )

    _create_enums_of(
        Qt,
        QPainter,
        QImage,
        QColor,
        QFont,
        QPen,
        QBrush,
        QGradient,
        QTextDocument,
        QTextOption,
        QTextFormat,
        QTextCharFormat,
        QTextBlockFormat,
        QTextLength,
        QSvgRenderer,
    )


@cache
def create_pdf_enums() -> None:
    """`create_qt_enums` for PDF pages (GUI thread, once a PDF-backed deck is opened): QtPdf is
    loaded only then, not before the first slide of every deck."""
    from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions

    _create_enums_of(QPdfDocument, QPdfDocumentRenderOptions)


def _create_enums_of(*owners: object) -> None:
    for owner in owners:
        for name in dir(owner):
            # Types (enums, flags, nested classes) start with a capital; methods do not, and
            # looking each method up costs more than all the enums together.
            if name[:1].isupper():
                getattr(owner, name, None)


def slide_size_for(available: QSize) -> QSize:
    """The largest 16:9 size that fits in `available` (at least 16×9)."""
    width = max(16, available.width())
    height = max(9, available.height())
    if width / height > L.ASPECT:
        width = round(height * L.ASPECT)
    else:
        height = round(width / L.ASPECT)
    return QSize(max(16, width), max(9, height))


def _font(pixel_size: float, bold: bool = False) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPixelSize(max(1, round(pixel_size)))
    font.setBold(bold)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def _block_html(blocks: list[L.Block], body_px: float, colour: str) -> str:
    """The text blocks as the HTML subset QTextDocument lays out."""
    gap = round(body_px * L.PARAGRAPH_GAP / L.BODY_SIZE)
    spacing = f"line-height:{round(L.LINE_SPACING * 100)}%"
    parts: list[str] = []
    open_list: tuple[str, int] | None = None

    def close_list() -> None:
        nonlocal open_list
        if open_list is not None:
            parts.append(f"</{open_list[0]}>")
            open_list = None

    for block in blocks:
        if block.kind in ("bullet", "number"):
            tag = "ul" if block.kind == "bullet" else "ol"
            if open_list != (tag, block.level):
                close_list()
                start = f' start="{block.number}"' if tag == "ol" and block.number else ""
                style = "disc" if block.level == 0 else "circle"
                list_type = f' type="{style}"' if tag == "ul" else ""
                parts.append(f"<{tag}{start}{list_type}>")
                open_list = (tag, block.level)
            parts.append(f'<li style="margin-bottom:{gap}px; {spacing}">{block.html}</li>')
            continue
        close_list()
        if block.kind == "heading":
            size = round(body_px * L.SUBHEADING_SIZE / L.BODY_SIZE)
            parts.append(
                f'<p style="font-size:{size}px; font-weight:bold; color:{L.ACCENT}; '
                f'margin-bottom:{gap}px; {spacing}">{block.html}</p>'
            )
        elif block.kind == "code":
            # Code as written: monospace, its own line breaks, never wrapped.
            parts.append(
                f'<pre style="font-family:{MONO_FAMILY}; margin-bottom:{gap}px">{block.html}</pre>'
            )
        elif block.kind == "quote":
            parts.append(
                f'<p style="font-style:italic; color:{L.MUTED}; margin-left:{round(body_px)}px; '
                f'margin-bottom:{gap}px; {spacing}">{block.html}</p>'
            )
        else:
            parts.append(f'<p style="margin-bottom:{gap}px; {spacing}">{block.html}</p>')
    close_list()
    body = "".join(parts).replace(f'face="{MONO_FACE}"', f'face="{MONO_FAMILY}"')
    return f'<div style="color:{colour}; font-size:{round(body_px)}px">{body}</div>'


def fitting_height(document: QTextDocument, height: float) -> float:
    """How much of `document` to draw in `height`: whole blocks only, so a line that does not
    fit is left out rather than cut through its letters."""
    if document.size().height() <= height:
        return height
    layout = document.documentLayout()
    block = document.begin()
    bottom = 0.0
    while block.isValid():
        rect = layout.blockBoundingRect(block)
        if rect.bottom() > height:
            # Inside a block (a long paragraph), keep its whole lines that fit.
            text_layout = block.layout()
            for index in range(text_layout.lineCount()):
                line = text_layout.lineAt(index)
                if rect.top() + line.y() + line.height() > height:
                    break
                bottom = rect.top() + line.y() + line.height()
            return bottom
        bottom = rect.bottom()
        block = block.next()
    return min(bottom, height)


def _scratch_document(role: str) -> QTextDocument:
    """This thread's one document for `role` ("title" or "body"), made once and reused.

    Why: a QTextDocument connects its layout the first time it is laid out and disconnects
    when it is deleted, each under Qt's connection lock. A render thread does that holding
    the GIL, while the GUI thread, deleting an object, can hold that lock and wait for the
    GIL: both wait for ever (seen as a hang in the tests). Reused documents do neither after
    the first slide. The render lane's threads never expire (`ui/worker.py`), so there are
    few of them."""
    key = (threading.get_ident(), role)
    current = shiboken6.getCppPointer(QThread.currentThread())[0]
    with _scratch_lock:
        document = _scratch.get(key)
        owner = document.thread() if document is not None else None
        if document is None or owner is None or shiboken6.getCppPointer(owner)[0] != current:
            if document is not None:
                _retired.append(document)  # an ended thread's: its ident came round again
            document = QTextDocument()
            document.setDocumentMargin(0)
            document.documentLayout()  # its one connection, made now
            _scratch[key] = document
    return document


def _text_document(
    blocks: list[L.Block], rect: QRectF, height_px: float, colour: str, size_fraction: float
) -> QTextDocument:
    """A document of the blocks at the largest size (down to the minimum) that fits `rect`."""
    fraction = size_fraction
    minimum = min(L.MIN_BODY_SIZE, size_fraction)
    while True:
        body_px = fraction * height_px
        document = _scratch_document("body")
        document.setDefaultFont(_font(body_px))
        document.setIndentWidth(L.INDENT * height_px)
        document.setTextWidth(rect.width())
        document.setHtml(_block_html(blocks, body_px, colour))
        if document.size().height() <= rect.height() or fraction <= minimum:
            return document
        fraction = max(minimum, fraction * 0.92)


def _title_document(
    title: str, rect: QRectF, height_px: float, colour: str, size_fraction: float
) -> QTextDocument:
    """The title, bold, shrunk (down to L.MIN_TITLE_SIZE) until it fits its box."""
    fraction = size_fraction
    while True:
        size_px = round(fraction * height_px)
        document = _scratch_document("title")
        document.setDefaultFont(_font(size_px, bold=True))
        document.setTextWidth(rect.width())
        document.setHtml(
            f'<div style="color:{colour}; font-size:{size_px}px; font-weight:bold">'
            f"{L.inline_html(title)}</div>"
        )
        if document.size().height() <= rect.height() * 1.02 or fraction <= L.MIN_TITLE_SIZE:
            return document
        fraction = max(L.MIN_TITLE_SIZE, fraction * 0.92)


def _draw_document(painter: QPainter, document: QTextDocument, rect: QRectF, centre: bool) -> None:
    painter.save()
    offset = 0.0
    if centre:
        offset = max(0.0, (rect.height() - document.size().height()) / 2)
    painter.translate(rect.x(), rect.y() + offset)
    # List numbers hang left of the text column, into the margin: let them show.
    document.drawContents(
        painter, QRectF(-rect.x(), 0, rect.width() + rect.x(), rect.height() - offset)
    )
    painter.restore()


def _scaled(rect: L.Rect, height_px: float) -> QRectF:
    return QRectF(rect.x * height_px, rect.y * height_px, rect.w * height_px, rect.h * height_px)


def _draw_missing(painter: QPainter, rect: QRectF, label: str, height_px: float) -> None:
    painter.save()
    pen = QPen(QColor(L.MUTED))
    pen.setWidthF(max(1.0, height_px * 0.003))
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QColor("#eeeeee"))
    painter.drawRect(rect)
    painter.setFont(_font(height_px * 0.03))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, label)
    painter.restore()


def _draw_picture(painter: QPainter, path: Path | None, cell: QRectF, height_px: float) -> None:
    if path is None:
        _draw_missing(painter, cell, "picture missing", height_px)
        return
    if path.suffix.lower() == ".svg":
        renderer = QSvgRenderer(str(path))
        if not renderer.isValid():
            _draw_missing(painter, cell, f"cannot show {path.name}", height_px)
            return
        box = renderer.viewBoxF()
        natural = box.size() if not box.isEmpty() else QSizeF(renderer.defaultSize())
        fitted = L.fit_rect(
            L.Rect(cell.x(), cell.y(), cell.width(), cell.height()),
            natural.width(),
            natural.height(),
        )
        renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        renderer.render(painter, QRectF(fitted.x, fitted.y, fitted.w, fitted.h))
        return
    image = QImage(str(path))
    if image.isNull():
        _draw_missing(painter, cell, f"cannot show {path.name}", height_px)
        return
    fitted = L.fit_rect(
        L.Rect(cell.x(), cell.y(), cell.width(), cell.height()), image.width(), image.height()
    )
    painter.drawImage(QRectF(fitted.x, fitted.y, fitted.w, fitted.h), image)


def _pdf_document(path: Path) -> object | None:
    """One QPdfDocument per thread and file (QObjects belong to the thread that made them)."""
    from PySide6.QtPdf import QPdfDocument

    documents: dict[Path, QPdfDocument] = getattr(_thread_state, "pdfs", {})
    _thread_state.pdfs = documents
    document = documents.get(path)
    if document is None:
        document = QPdfDocument()
        error = document.load(str(path))
        if error != QPdfDocument.Error.None_:
            return None
        documents[path] = document
    return document


def _draw_pdf_page(painter: QPainter, deck: Deck, slide: Slide, size: QSize) -> bool:
    from PySide6.QtPdf import QPdfDocument

    if deck.pdf_path is None or slide.pdf_page is None:
        return False
    document = _pdf_document(deck.pdf_path)
    if not isinstance(document, QPdfDocument) or not 0 <= slide.pdf_page < document.pageCount():
        return False
    points = document.pagePointSize(slide.pdf_page)
    fitted = L.fit_rect(L.Rect(0, 0, size.width(), size.height()), points.width(), points.height())
    page = document.render(slide.pdf_page, QSize(round(fitted.w), round(fitted.h)))
    if page.isNull():
        return False
    # QtPdf leaves the page background transparent: the white is ours.
    painter.fillRect(QRectF(fitted.x, fitted.y, fitted.w, fitted.h), QColor("#ffffff"))
    painter.drawImage(QPointF(fitted.x, fitted.y), page)
    return True


def render_slide(deck: Deck, slide: Slide, size: QSize) -> QImage:
    """The slide drawn at `size` (16:9 expected; letterboxed otherwise). Thread-safe."""
    # Opaque RGB32: the fastest format to blit onto a window's backing store.
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("#000000"))
    target = slide_size_for(size)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.translate(
            (size.width() - target.width()) / 2, (size.height() - target.height()) / 2
        )
        _paint_slide(painter, deck, slide, target)
    finally:
        painter.end()
    return image


def _paint_slide(painter: QPainter, deck: Deck, slide: Slide, size: QSize) -> None:
    height_px = float(size.height())
    title_slide = slide.layout == "title"
    background = L.TITLE_BACKGROUND if title_slide else L.BACKGROUND
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor(background))
    if slide.pdf_page is not None:
        if not _draw_pdf_page(painter, deck, slide, size):
            _draw_missing(
                painter,
                QRectF(0, 0, size.width(), size.height()),
                f"page {slide.pdf_page + 1} of the PDF cannot be shown",
                height_px,
            )
        return
    blocks = L.parse_blocks(slide)
    regions = L.regions(slide, blocks)
    text_colour = L.ACCENT_TEXT if title_slide else L.TEXT
    if regions.title is not None and slide.title:
        rect = _scaled(regions.title, height_px)
        size_fraction = L.TITLE_SLIDE_TITLE_SIZE if title_slide else L.TITLE_SIZE
        document = _title_document(slide.title, rect, height_px, text_colour, size_fraction)
        if title_slide:
            # Title slides put the title's last line just above the subtitle.
            painter.save()
            painter.translate(0, max(0.0, rect.height() - document.size().height()))
            _draw_document(painter, document, rect, centre=False)
            painter.restore()
            bar = QRectF(
                rect.x(), rect.bottom() + height_px * 0.012, height_px * 0.18, height_px * 0.012
            )
            painter.fillRect(bar, QColor(L.ACCENT_TEXT))
        else:
            _draw_document(painter, document, rect, centre=False)
            rule_y = rect.bottom() + height_px * 0.004
            painter.fillRect(
                QRectF(rect.x(), rule_y, height_px * 0.16, L.RULE_HEIGHT * height_px),
                QColor(L.ACCENT),
            )
    if regions.text is not None:
        rect = _scaled(regions.text, height_px)
        size_fraction = L.TITLE_SLIDE_SUBTITLE_SIZE if title_slide else L.BODY_SIZE
        document = _text_document(
            L.text_blocks(blocks), rect, height_px, text_colour, size_fraction
        )
        painter.save()
        # Clip below only: list numbers hang into the left margin.
        shown = fitting_height(document, rect.height())
        painter.setClipRect(
            QRectF(0, rect.y() - height_px * 0.02, rect.right(), shown + height_px * 0.02)
        )
        _draw_document(painter, document, rect, centre=False)
        painter.restore()
    if regions.images is not None:
        pictures = L.image_blocks(blocks)
        area = regions.images
        for cell, block in zip(L.image_cells(area, len(pictures)), pictures, strict=False):
            path = block.image.path if block.image is not None else None
            _draw_picture(painter, path, _scaled(cell, height_px), height_px)


class SlideCache(QObject):
    """Rendered slides, keyed by (deck content hash, slide number, size).

    Renders run on the worker's "render" lane; a finished image is announced by `rendered`.
    The GUI thread only ever paints finished images.

    Signals:
        rendered(int, QSize): slide number and size of an image just added to the cache.
    """

    rendered = Signal(int, QSize)

    def __init__(self, worker: Worker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        register_slide_fonts()
        self._worker = worker
        self._deck: Deck | None = None
        self._images: OrderedDict[tuple[str, int, int, int], QImage] = OrderedDict()
        self._thumbnails: dict[tuple[str, int], QImage] = {}
        self._pending: set[tuple[str, int, int, int]] = set()
        self._bytes = 0
        #: Where the first slide drawn at the last launch is kept (None: not kept)
        self.kept: KeptFrames | None = None

    @property
    def deck(self) -> Deck | None:
        return self._deck

    def set_deck(self, deck: Deck) -> None:
        if deck.pdf_path is not None:
            create_pdf_enums()  # before any render thread draws a page of it
        if self._deck is not None and self._deck.content_hash == deck.content_hash:
            self._deck = deck
            return
        self._deck = deck
        self._images.clear()
        self._thumbnails.clear()
        self._pending.clear()
        self._bytes = 0

    def image(self, number: int, size: QSize) -> QImage | None:
        """The finished image of slide `number` at exactly `size`, or None."""
        if self._deck is None:
            return None
        key = (self._deck.content_hash, number, size.width(), size.height())
        found = self._images.get(key)
        if found is not None:
            self._images.move_to_end(key)
        return found

    def thumbnail(self, number: int) -> QImage | None:
        if self._deck is None:
            return None
        return self._thumbnails.get((self._deck.content_hash, number))

    def request(
        self, numbers: Iterable[int], sizes: Iterable[QSize], *, kept_first: bool = False
    ) -> None:
        """Render these slides at these sizes in the background, unless already cached.
        `kept_first`: a deck's first slide, taken from the frames kept at the last launch
        when they are there (read at once: ~1 ms each, and nothing then waits for a render)."""
        deck = self._deck
        if deck is None:
            return
        sizes = list(sizes)
        for number in numbers:
            slide = deck.slide(number)
            if slide is None:
                continue
            for size in sizes:
                if size.width() < 16 or size.height() < 9:
                    continue
                key = (deck.content_hash, number, size.width(), size.height())
                if key in self._images or key in self._pending:
                    continue
                if kept_first and self.kept is not None:
                    found = self.kept.load(deck.content_hash, number, size)
                    if found is not None:
                        self._put(key, found)
                        self.rendered.emit(number, QSize(size))
                        continue
                create_qt_enums()  # on this (GUI) thread, before any render thread needs them
                self._pending.add(key)
                self._start_render(deck, slide, QSize(size), key)

    def _start_render(
        self, deck: Deck, slide: Slide, size: QSize, key: tuple[str, int, int, int]
    ) -> None:
        def render() -> QImage:
            return render_slide(deck, slide, size)

        def done(image: QImage) -> None:
            self._store(key, image)

        def failed(error: BaseException) -> None:
            self._failed(key, error)

        self._worker.run(render, done, failed, lane="render", receiver=self)

    def request_thumbnails(self) -> None:
        """Render a small picture of every slide in the background, a batch at a time (one
        batch in flight, so renders of the slides being shown are never stuck behind them)."""
        deck = self._deck
        if deck is None:
            return
        create_qt_enums()
        batches = [
            deck.slides[i : i + THUMBNAIL_BATCH]
            for i in range(0, len(deck.slides), THUMBNAIL_BATCH)
        ]

        def run_batch(index: int) -> None:
            if index >= len(batches) or self._deck is None:
                return
            if self._deck.content_hash != deck.content_hash:
                return  # another deck was opened meanwhile
            batch = batches[index]

            def render_batch() -> list[tuple[int, QImage]]:
                return [(s.number, render_slide(deck, s, THUMBNAIL_SIZE)) for s in batch]

            def store(result: list[tuple[int, QImage]]) -> None:
                if self._deck is None or self._deck.content_hash != deck.content_hash:
                    return
                for number, image in result:
                    self._thumbnails[(deck.content_hash, number)] = image
                for number, _image in result:
                    self.rendered.emit(number, THUMBNAIL_SIZE)
                run_batch(index + 1)

            self._worker.run(
                render_batch,
                store,
                lambda error: log.warning("thumbnails: %s", error),
                lane="render",
                receiver=self,  # a cache deleted meanwhile (its page closed) is not told
            )

        run_batch(0)

    def render_now(self, number: int, size: QSize) -> QImage | None:
        """Render synchronously and cache (for tests, benchmarks and the first paint only)."""
        deck = self._deck
        slide = deck.slide(number) if deck is not None else None
        if deck is None or slide is None:
            return None
        key = (deck.content_hash, number, size.width(), size.height())
        image = render_slide(deck, slide, size)
        self._pending.discard(key)
        self._put(key, image)
        return image

    def _store(self, key: tuple[str, int, int, int], image: QImage) -> None:
        self._pending.discard(key)
        if self._deck is None or key[0] != self._deck.content_hash:
            return
        self._put(key, image)
        self.rendered.emit(key[1], QSize(key[2], key[3]))

    def _put(self, key: tuple[str, int, int, int], image: QImage) -> None:
        if key in self._images:
            self._bytes -= self._images[key].sizeInBytes()
        self._images[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > CACHE_BUDGET_BYTES and len(self._images) > 6:
            _old_key, old = self._images.popitem(last=False)
            self._bytes -= old.sizeInBytes()

    def _failed(self, key: tuple[str, int, int, int], error: BaseException) -> None:
        self._pending.discard(key)
        log.warning("rendering slide %s failed: %s", key[1], error)

    @property
    def pending(self) -> int:
        return len(self._pending)

    def cached_count(self) -> int:
        return len(self._images)
