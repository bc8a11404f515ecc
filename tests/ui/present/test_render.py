"""Rendering slides into images: text, pictures, PDF pages, threads, the cache."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QColor, QImage, QTextDocument
from pytestqt.qtbot import QtBot
from reportlab.lib.colors import red
from reportlab.pdfgen.canvas import Canvas

from hexikit.base.resources import builtin_deck_dir
from hexikit.decks import layout as L
from hexikit.decks.deck import Deck, Slide
from hexikit.decks.handout import write_handout
from hexikit.decks.loading import load_deck
from hexikit.decks.markdown import parse_deck
from hexikit.ui.present import render as slide_render
from hexikit.ui.present.render import SlideCache, render_slide, slide_size_for
from hexikit.ui.worker import Worker

SIZE = QSize(960, 540)


def count_pixels(image: QImage, rect: QRect, predicate: Callable[[QColor], bool]) -> int:
    found = 0
    for y in range(rect.top(), rect.bottom(), 3):
        for x in range(rect.left(), rect.right(), 3):
            if predicate(image.pixelColor(x, y)):
                found += 1
    return found


def dark(colour: QColor) -> bool:
    return colour.red() < 80 and colour.green() < 80 and colour.blue() < 80


def luminance(hex_colour: str) -> float:
    colour = QColor(hex_colour)

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_theme_is_readable_from_the_back_of_the_room() -> None:
    assert L.MIN_BODY_SIZE >= 1 / 25
    assert L.BODY_SIZE >= 1 / 25
    assert contrast(L.TEXT, L.BACKGROUND) >= 7
    assert contrast(L.ACCENT_TEXT, L.TITLE_BACKGROUND) >= 7
    assert contrast(L.ACCENT, L.BACKGROUND) >= 7
    assert slide_size_for(QSize(1280, 800)) == QSize(1280, 720)
    assert slide_size_for(QSize(1920, 1080)) == QSize(1920, 1080)


def test_slide_image_is_not_blank_and_has_its_title(qtbot: QtBot) -> None:
    with_title = parse_deck("## Offers and requests\n- a point\nNotes: n\n---\n## x\n", None)
    without = parse_deck("## \u200b\n- a point\nNotes: n\n---\n## x\n", None)
    image = render_slide(with_title, with_title.slides[0], SIZE)
    blank = render_slide(without, without.slides[0], SIZE)
    assert image.size() == SIZE
    # The slide is white with dark text, not a blank image.
    assert image.pixelColor(5, 5) == QColor(L.BACKGROUND)
    title_band = QRect(0, 0, SIZE.width(), round(SIZE.height() * 0.17))
    assert count_pixels(image, title_band, dark) > 150
    assert count_pixels(blank, title_band, dark) < 20
    body = QRect(0, round(SIZE.height() * 0.25), SIZE.width(), round(SIZE.height() * 0.2))
    assert count_pixels(image, body, dark) > 30


def test_builtin_slides_render_with_pictures(qtbot: QtBot) -> None:
    deck = load_deck(builtin_deck_dir())
    title = render_slide(deck, deck.slides[0], SIZE)
    assert title.pixelColor(5, 5) == QColor(L.TITLE_BACKGROUND)
    # The hexagon clock (orange outline) is drawn on the right of the title slide.
    right = QRect(SIZE.width() // 2, 0, SIZE.width() // 2, SIZE.height())

    def orange(colour: QColor) -> bool:
        return colour.red() > 200 and 120 < colour.green() < 200 and colour.blue() < 110

    assert count_pixels(title, right, orange) > 50
    hourglass = render_slide(deck, deck.slides[1], SIZE)
    assert count_pixels(hourglass, right, orange) > 50


def test_missing_picture_draws_a_placeholder(tmp_path: Path, qtbot: QtBot) -> None:
    (tmp_path / "deck.md").write_text("## Pic\n![x](gone.svg)\nNotes: n\n", encoding="utf-8")
    deck = load_deck(tmp_path)
    image = render_slide(deck, deck.slides[0], SIZE)
    centre = image.pixelColor(SIZE.width() // 2, SIZE.height() // 2 + 40)
    assert centre == QColor("#eeeeee")


def test_crowded_slide_shrinks_but_not_below_the_minimum(qtbot: QtBot) -> None:
    blocks = [L.Block("paragraph", "word " * 60) for _ in range(6)]
    rect = QRectF(0, 0, 800, 200)
    document = slide_render._text_document(blocks, rect, 540.0, L.TEXT, L.BODY_SIZE)
    assert document.defaultFont().pixelSize() >= round(540 / 25)


def test_pdf_page_is_rendered_on_white(tmp_path: Path, qtbot: QtBot) -> None:
    pdf = tmp_path / "talk.pdf"
    canvas = Canvas(str(pdf), pagesize=(640, 360))
    canvas.setFillColor(red)
    canvas.rect(0, 0, 100, 100, stroke=0, fill=1)
    canvas.showPage()
    canvas.save()
    deck = Deck(title="pdf", source_path=pdf, pdf_path=pdf)
    deck.slides = [
        Slide(number=1, title="p", body="", notes="", pdf_page=0),
        Slide(number=2, title="gone", body="", notes="", pdf_page=7),
    ]
    image = render_slide(deck, deck.slides[0], SIZE)
    assert image.pixelColor(SIZE.width() - 10, 10) == QColor("#ffffff")
    corner = image.pixelColor(20, SIZE.height() - 20)
    assert corner.red() > 200 and corner.green() < 60
    missing = render_slide(deck, deck.slides[1], SIZE)
    assert not missing.isNull()


def test_rendering_off_the_gui_thread_matches(qtbot: QtBot) -> None:
    deck = load_deck(builtin_deck_dir())
    worker = Worker()
    results: list[QImage] = []
    worker.run(lambda: render_slide(deck, deck.slides[3], SIZE), results.append, lane="render")
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    here = render_slide(deck, deck.slides[3], SIZE)
    assert results[0] == here


def test_cache_renders_in_the_background_and_keys_by_content(qtbot: QtBot, tmp_path: Path) -> None:
    worker = Worker()
    cache = SlideCache(worker)
    deck = load_deck(builtin_deck_dir())
    cache.set_deck(deck)
    assert cache.image(1, SIZE) is None
    with qtbot.waitSignal(cache.rendered, timeout=10000) as blocker:
        cache.request([1], [SIZE])
    assert blocker.args == [1, SIZE]
    assert cache.image(1, SIZE) is not None
    cache.request([1], [SIZE])  # already cached: nothing pending
    assert cache.pending == 0
    # The same content keeps its images; another deck drops them.
    cache.set_deck(load_deck(builtin_deck_dir()))
    assert cache.image(1, SIZE) is not None
    other = parse_deck("# Other\nNotes: n\n", None)
    cache.set_deck(other)
    assert cache.image(1, SIZE) is None
    with qtbot.waitSignal(cache.rendered, timeout=10000):
        cache.request_thumbnails()
    assert cache.thumbnail(1) is not None
    worker.wait_for_done(10000)


INLINE_MARKDOWN = st.text(alphabet="ab *_`[]()\\<>&!#~-x", max_size=40)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(line=INLINE_MARKDOWN)
def test_any_inline_markdown_draws_the_text_the_handout_prints(
    line: str, tmp_path: Path, qtbot: QtBot
) -> None:
    deck = parse_deck(f"## T\n\n{line}\n\nNotes: n\n")
    image = render_slide(deck, deck.slides[0], SIZE)  # never raises
    assert not image.isNull()
    document = QTextDocument()
    document.setHtml(slide_render._block_html(L.parse_blocks(deck.slides[0]), 20, "#000000"))
    on_screen = "".join(document.toPlainText().split())
    out = tmp_path / "h.pdf"
    write_handout(deck, out)
    printed = "".join("".join(page.extract_text() for page in PdfReader(out).pages).split())
    assert on_screen in printed


def test_text_that_does_not_fit_stops_after_the_last_whole_line(qtbot: QtBot) -> None:
    document = QTextDocument()
    document.setHtml("<p>" + "<br>".join(f"line {n}" for n in range(30)) + "</p>")
    document.setTextWidth(400)
    document.size()  # lays the document out
    block = document.begin()
    lines = [block.layout().lineAt(i) for i in range(block.layout().lineCount())]
    top = document.documentLayout().blockBoundingRect(block).top()
    bottoms = [top + line.y() + line.height() for line in lines]
    cut = (bottoms[9] + bottoms[10]) / 2  # the height ends halfway through line 11
    drawn = slide_render.fitting_height(document, cut)
    assert drawn == pytest.approx(bottoms[9])  # ten whole lines, none cut through
    assert slide_render.fitting_height(document, bottoms[-1] + 50) == bottoms[-1] + 50
