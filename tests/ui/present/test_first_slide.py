"""A new deck's first slide comes first: nothing else renders until what is on screen is in."""

from __future__ import annotations

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.base.resources import builtin_deck_dir
from hexikit.decks.loading import load_deck
from hexikit.ui.present.state import Presentation
from hexikit.ui.worker import Worker

CURRENT = QSize(645, 363)
NEXT = QSize(240, 135)
AUDIENCE = QSize(640, 360)


def test_only_the_slides_on_screen_render_until_they_are_in(qtbot: QtBot) -> None:
    worker = Worker()
    presentation = Presentation(worker, FakeClock(0.0))
    requested: list[tuple[int, int, int]] = []
    real_start = presentation.cache._start_render

    def recording(deck, slide, size, key) -> None:  # type: ignore[no-untyped-def]
        requested.append((slide.number, size.width(), size.height()))
        real_start(deck, slide, size, key)

    presentation.cache._start_render = recording  # type: ignore[method-assign]
    for name, size in (("current", CURRENT), ("next", NEXT), ("audience", AUDIENCE)):
        presentation.set_view_size(name, size)
    deck = load_deck(builtin_deck_dir())
    presentation.set_deck(deck)
    # Slide 1 in the current view and on the projector, slide 2 in the next view: no more.
    assert sorted(requested) == [(1, 640, 360), (1, 645, 363), (2, 240, 135)]
    assert presentation.cache.thumbnail(1) is None
    # Once slide 1 is on screen, the render-ahead and every thumbnail follow.
    qtbot.waitUntil(lambda: presentation.cache.image(1, CURRENT) is not None, timeout=20000)
    qtbot.waitUntil(lambda: presentation.cache.pending == 0, timeout=20000)
    assert len(requested) == 3
    presentation.view_on_screen("current", True)
    presentation.view_on_screen("next", True)
    presentation.painted("current")
    assert len(requested) == 3  # the next view has not painted slide 2 yet
    presentation.painted("next")
    # Released once that paint has reached the screen (the next turn of the event loop).
    qtbot.waitUntil(lambda: (2, 645, 363) in requested, timeout=5000)
    assert (3, 645, 363) in requested
    qtbot.waitUntil(
        lambda: all(presentation.cache.thumbnail(n) is not None for n in range(1, 11)),
        timeout=20000,
    )
    assert presentation.cache.thumbnail(10) is not None
    worker.wait_for_done(10000)


def test_with_no_view_on_screen_the_rest_renders_anyway(qtbot: QtBot) -> None:
    worker = Worker()
    presentation = Presentation(worker, FakeClock(0.0))
    presentation.set_view_size("current", CURRENT)
    presentation.set_deck(load_deck(builtin_deck_dir()))
    presentation.go_to(5)
    qtbot.waitUntil(lambda: presentation.cache.image(5, CURRENT) is not None, timeout=20000)
    qtbot.waitUntil(lambda: presentation.cache.image(6, CURRENT) is not None, timeout=20000)
    qtbot.waitUntil(lambda: presentation.cache.thumbnail(1) is not None, timeout=20000)
    worker.wait_for_done(10000)
