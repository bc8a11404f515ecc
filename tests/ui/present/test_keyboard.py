"""The Present page from the keyboard (issue 13, defects 9 and 12): Tab reaches every button
(and comes back with Shift+Tab), the slide keys still work while a button has the keyboard,
Space on a focused button presses it, G (not Tab) opens the overview, and a click leaves the
keyboard on the slides. Real key presses to the focused widget; nothing sleeps."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.base.settings import Settings
from hexikit.store import Store
from hexikit.ui.context import AppContext
from hexikit.ui.present.page import PresentPage
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.worker import Worker
from tests.ui.a11y_walk import accessible_name

NO = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def context(qtbot: QtBot, data_dir: Path) -> Iterator[AppContext]:
    store = Store.open(data_dir)
    worker = Worker()
    audience = AudienceWindow()
    qtbot.addWidget(audience)
    ctx = AppContext(data_dir, store, Settings(), worker, audience, FakeClock(1000.0))
    yield ctx
    worker.wait_for_done(10000)
    store.close()


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> PresentPage:
    widget = PresentPage(context)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    qtbot.waitUntil(lambda: widget.presentation.count == 10, timeout=10000)
    qtbot.waitUntil(widget.hasFocus)
    return widget


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = NO) -> None:
    """A key press to whatever has the keyboard, as a real keyboard would send it."""
    QTest.keyClick(focused(), k, modifier)


def tab_to(qtbot: QtBot, page: PresentPage, target: QWidget) -> None:
    """Tab from the page until `target` has the keyboard."""
    page.setFocus(Qt.FocusReason.TabFocusReason)
    for _press in range(40):
        if focused() is target:
            return
        key(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target.objectName()}")


def current(page: PresentPage) -> int:
    """The current slide, read afresh (mypy keeps an earlier assert's narrowing otherwise)."""
    return page.presentation.current


def test_tab_walks_every_control_down_the_page_and_shift_tab_walks_back(
    page: PresentPage,
) -> None:
    coach = page.rehearsal
    walk: list[str] = []
    for _press in range(30):
        key(Qt.Key.Key_Tab)
        if focused() is page:  # round again
            break
        walk.append(focused().objectName())
    assert walk == [
        "start",
        "pauseClock",
        "resetClock",
        "openDeck",
        "builtinDeck",
        "otherDeck",
        "swap",
        "identify",
        "help",
        "rehearse",
        "teleprompter",
        "editNotes",
        "importDeck",
        "history",
        "speakingRate",
        "notesSmaller",
        "notesLarger",
    ]
    assert not page.grid.isVisible()  # Tab moves on; it no longer opens the overview
    coach.history_button.setFocus(Qt.FocusReason.TabFocusReason)
    back: list[str] = []
    while focused() is not page:
        key(Qt.Key.Key_Tab, SHIFT)
        back.append(focused().objectName())
    assert back == [
        "importDeck",
        "editNotes",
        "teleprompter",
        "rehearse",
        "help",
        "identify",
        "swap",
        "otherDeck",
        "builtinDeck",
        "openDeck",
        "resetClock",
        "pauseClock",
        "start",
        page.objectName(),
    ]


def test_every_control_says_what_it_is(page: PresentPage) -> None:
    coach = page.rehearsal
    names = {
        widget.objectName(): accessible_name(widget)
        for widget in (
            page,
            page.smaller_button,
            page.larger_button,
            page.identify_button,
            page.problems,
            coach.history_button,
            coach.import_button,
            coach.rate,
        )
    }
    assert names == {
        page.objectName(): "Presenter view",
        "notesSmaller": "Smaller notes",
        "notesLarger": "Larger notes",
        "identify": "Identify screens",
        "problems": "Problems in the deck",
        "history": "History",
        "importDeck": "Import deck…",
        "speakingRate": "Speaking rate",
    }


def test_the_overview_opens_with_g_not_tab_and_keeps_the_keyboard_while_open(
    qtbot: QtBot, page: PresentPage
) -> None:
    key(Qt.Key.Key_Tab)
    assert focused() is page.start_button and not page.grid.isVisible()
    key(Qt.Key.Key_G)  # from a button: the page's key still
    assert page.grid.isVisible()
    assert focused() is page  # not a button hidden under the grid
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Space)  # would press Start if Tab had gone under the grid
    assert not page.grid.isVisible()
    assert not page.presentation.presenting
    assert current(page) == 1  # Space chose the selected slide, the one it was on
    assert focused() is page.start_button  # the keyboard back where it was
    key(Qt.Key.Key_G)
    key(Qt.Key.Key_Right)
    key(Qt.Key.Key_Escape)
    assert not page.grid.isVisible() and current(page) == 1
    rows = dict(page.help_overlay.lines())
    assert [keys for keys, what in rows.items() if what == "Overview of all slides"] == ["G"]


def test_slide_keys_work_while_a_button_has_the_keyboard(qtbot: QtBot, page: PresentPage) -> None:
    history = page.rehearsal.history_button
    tab_to(qtbot, page, history)
    key(Qt.Key.Key_Right)
    assert current(page) == 2
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_PageDown)
    assert current(page) == 4
    key(Qt.Key.Key_Left)
    key(Qt.Key.Key_Up)
    assert current(page) == 2
    key(Qt.Key.Key_End)
    assert current(page) == 10
    key(Qt.Key.Key_Home)
    assert current(page) == 1
    key(Qt.Key.Key_7)
    key(Qt.Key.Key_Return)
    assert current(page) == 7
    key(Qt.Key.Key_B)
    assert page.presentation.blank == "black"
    key(Qt.Key.Key_B)
    assert page.presentation.blank == ""
    assert focused() is history  # the arrows moved the slides, not the keyboard


def test_space_presses_the_focused_button_and_moves_the_slide_from_the_page(
    qtbot: QtBot, page: PresentPage
) -> None:
    key(Qt.Key.Key_Space)  # the page has the keyboard: next slide
    assert current(page) == 2
    tab_to(qtbot, page, page.help_button)
    key(Qt.Key.Key_Space)
    assert page.help_overlay.isVisible()
    assert current(page) == 2
    key(Qt.Key.Key_Space)  # any key closes the help
    assert not page.help_overlay.isVisible() and current(page) == 2
    assert focused() is page.help_button
    history = page.rehearsal.history_button
    tab_to(qtbot, page, history)
    key(Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: "No rehearsals" in page.rehearsal.message_label.text())
    assert current(page) == 2


def test_space_on_identify_shows_the_screens_and_keeps_the_keyboard(
    qtbot: QtBot, page: PresentPage
) -> None:
    tab_to(qtbot, page, page.identify_button)
    key(Qt.Key.Key_Space)
    shown = page._identify
    assert shown and all(overlay.isVisible() for overlay in shown)
    for overlay in shown:
        overlay.close()
    key(Qt.Key.Key_Right)
    assert current(page) == 2


def test_a_click_leaves_the_keyboard_on_the_slides(qtbot: QtBot, page: PresentPage) -> None:
    assert page.keys_cue.lit
    QTest.mouseClick(page.pause_button, Qt.MouseButton.LeftButton)
    assert page.presentation.clock_running
    assert focused() is page
    key(Qt.Key.Key_Right)
    assert current(page) == 2


def lit(page: PresentPage) -> bool:
    """Whether the keys cue shows, read afresh (an earlier assert would narrow it for mypy)."""
    return page.keys_cue.lit


def test_the_cue_shows_where_the_keyboard_is(qtbot: QtBot, page: PresentPage) -> None:
    assert lit(page)
    key(Qt.Key.Key_Tab)
    assert not lit(page)
    key(Qt.Key.Key_Tab, SHIFT)
    assert focused() is page and lit(page)


def test_escape_from_the_speaking_rate_gives_the_slides_the_keyboard(
    qtbot: QtBot, page: PresentPage
) -> None:
    rate = page.rehearsal.rate
    tab_to(qtbot, page, rate)
    before = rate.value()
    key(Qt.Key.Key_Up)  # in the box the arrows are its own
    assert rate.value() == before + 5 and current(page) == 1
    key(Qt.Key.Key_Escape)
    assert focused() is page
    key(Qt.Key.Key_Right)
    assert current(page) == 2


def test_tab_reaches_the_deck_problems_and_enter_goes_to_that_slide(
    qtbot: QtBot, page: PresentPage, tmp_path: Path
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "deck.md").write_text("# One\n---\n## Two\n![x](missing.png)\n", encoding="utf-8")
    with qtbot.waitSignal(page.deckLoaded, timeout=10000):
        page.open_deck(bad)
    qtbot.waitUntil(lambda: page.problems.count() > 0 and page.problems.isVisible())
    tab_to(qtbot, page, page.problems)
    assert current(page) == 1
    key(Qt.Key.Key_Down if page.problems.currentRow() < 0 else Qt.Key.Key_Home)
    key(Qt.Key.Key_Return)
    assert current(page) == 2
    key(Qt.Key.Key_Tab)
    assert not page.problems.hasFocus()  # Tab leaves the list
