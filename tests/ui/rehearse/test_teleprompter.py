"""The teleprompter: notes from the current slide on, auto-scroll by the injected clock, keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.base.settings import Settings
from hexikit.decks.markdown import parse_deck
from hexikit.store import Store
from hexikit.ui.context import AppContext
from hexikit.ui.present.page import PresentPage
from hexikit.ui.rehearse.teleprompter import MAX_WPM, TeleprompterView, TeleprompterWindow
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.worker import Worker

LONG_NOTES = " ".join(f"word{n}" for n in range(400))
DECK = f"""# First
Notes:
{LONG_NOTES}
---
# Second
Notes:
The second slide's notes.
---
# Third
"""


def is_scrolling(view: TeleprompterView) -> bool:
    """`view.scrolling`, read afresh: mypy keeps a property narrowed by an earlier assert even
    across the key presses that change it."""
    return view.scrolling


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(50.0)


@pytest.fixture
def view(qtbot: QtBot, clock: FakeClock) -> TeleprompterView:
    widget = TeleprompterView(clock, 140)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    widget.set_deck(parse_deck(DECK, Path("/talk/deck.md")), 1)
    return widget


def test_current_slide_notes_come_first(view: TeleprompterView) -> None:
    text = view.document.toPlainText()
    assert text.startswith("1 · First")
    assert text.index("word0") < text.index("The second slide") < text.index("3 · Third")
    assert "No notes." in text
    view.set_slide(2)
    assert view.document.toPlainText().startswith("2 · Second")
    assert "word0" not in view.document.toPlainText()


def test_text_is_very_large(view: TeleprompterView) -> None:
    assert view.text_px() >= 48  # 1/12 of 600 px


def test_auto_scroll_follows_the_clock_at_the_speaking_rate(
    view: TeleprompterView, clock: FakeClock
) -> None:
    assert view.offset() == 0
    view.start_scrolling()
    speed = view.pixels_per_second()
    assert speed > 0
    clock.advance(4)
    assert view.offset() == pytest.approx(4 * speed)
    view.faster()  # the place is kept, only the speed changes from now on
    assert view.wpm == 150
    assert view.offset() == pytest.approx(4 * speed)
    clock.advance(2)
    assert view.offset() == pytest.approx(4 * speed + 2 * speed * 150 / 140)
    view.stop_scrolling()
    stopped_at = view.offset()
    clock.advance(30)
    assert view.offset() == pytest.approx(stopped_at)


def test_speed_matches_words_per_minute(view: TeleprompterView) -> None:
    """At 140 words a minute, a minute of scrolling moves through 140 words' worth of text."""
    height = view.document.size().height()
    words = 400 + 4  # the first slide's notes and the second's
    assert view.pixels_per_second() * 60 == pytest.approx(height / words * 140)


def test_scroll_never_passes_the_end(view: TeleprompterView, clock: FakeClock) -> None:
    view.start_scrolling()
    clock.advance(100000)
    assert view.offset() == pytest.approx(view.max_offset())


def test_rate_is_bounded(view: TeleprompterView) -> None:
    for _ in range(100):
        view.faster()
    assert view.wpm == MAX_WPM


def test_changing_slide_goes_back_to_the_top(view: TeleprompterView, clock: FakeClock) -> None:
    view.start_scrolling()
    clock.advance(10)
    assert view.offset() > 0
    view.set_slide(2)
    assert view.offset() == 0
    assert view.scrolling  # keeps scrolling through the new slide's notes


def test_renders_light_text_on_black(view: TeleprompterView) -> None:
    image = view.grab().toImage()
    assert image.pixelColor(5, image.height() - 5).name() == "#000000"
    light = sum(
        1
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
        if image.pixelColor(x, y).lightness() > 200
    )
    assert light > 50


@pytest.fixture
def page(qtbot: QtBot, data_dir: Path, clock: FakeClock, tmp_path: Path) -> Iterator[PresentPage]:
    deck_file = tmp_path / "deck.md"
    deck_file.write_text(DECK, encoding="utf-8")
    store = Store.open(data_dir)
    worker = Worker()
    audience = AudienceWindow()
    qtbot.addWidget(audience)
    context = AppContext(
        data_dir, store, Settings(last_deck_path=str(deck_file)), worker, audience, clock=clock
    )
    widget = PresentPage(context)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.presentation.count == 3, timeout=10000)
    yield widget
    worker.wait_for_done(10000)
    store.close()


def test_window_follows_the_presenter_and_takes_keys(
    qtbot: QtBot, page: PresentPage, clock: FakeClock
) -> None:
    page.rehearsal.open_teleprompter()
    window = page.rehearsal.teleprompter
    assert isinstance(window, TeleprompterWindow)
    qtbot.addWidget(window)
    assert window.view.wpm == page.context.settings.speaking_rate_wpm
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert page.presentation.current == 2
    assert window.view.document.toPlainText().startswith("2 · Second")
    QTest.keyClick(window, Qt.Key.Key_Left)
    assert page.presentation.current == 1
    QTest.keyClick(window, Qt.Key.Key_Space)
    assert window.view.scrolling
    assert "scrolling" in window.status.text()
    QTest.keyClick(window, Qt.Key.Key_Up)
    assert window.view.wpm == 150
    QTest.keyClick(window, Qt.Key.Key_Down)
    QTest.keyClick(window, Qt.Key.Key_Down)
    assert window.view.wpm == 130
    assert "130 words per minute" in window.status.text()
    size = window.view.text_px()
    QTest.keyClick(window, Qt.Key.Key_BracketRight)
    assert window.view.text_px() > size
    QTest.keyClick(window, Qt.Key.Key_Space)
    assert not is_scrolling(window.view)
    with qtbot.waitSignal(window.closed):
        QTest.keyClick(window, Qt.Key.Key_Escape)
