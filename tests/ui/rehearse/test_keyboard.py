"""The rehearsal tools from the keyboard (issue 13, defects 9 and 12): Tab leaves the notes
editor's text box instead of typing a tab, arrows move in its slide list and Tab leaves it,
the summary's lists let Tab go on, the bar's buttons open their windows with Space, and every
control says what it is. Real key presses to the focused widget; nothing sleeps."""

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
from hexikit.decks.loading import load_deck
from hexikit.store import Store
from hexikit.ui.context import AppContext
from hexikit.ui.present.page import PresentPage
from hexikit.ui.rehearse.notes_editor import NotesEditor
from hexikit.ui.rehearse.summary import RehearsalSummaryWindow
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.worker import Worker
from tests.ui.a11y_walk import accessible_name

DECK = """---
title: Practice talk
---
# Hello
Notes:
Say hello.
---
## Middle
Notes:
The middle part.
---
## End
Notes:
Thank everyone.
"""


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    folder = tmp_path / "talk"
    folder.mkdir()
    path = folder / "deck.md"
    path.write_text(DECK, encoding="utf-8")
    return path


@pytest.fixture
def context(qtbot: QtBot, data_dir: Path, deck_file: Path) -> Iterator[AppContext]:
    store = Store.open(data_dir)
    worker = Worker()
    audience = AudienceWindow()
    qtbot.addWidget(audience)
    ctx = AppContext(
        data_dir,
        store,
        Settings(last_deck_path=str(deck_file)),
        worker,
        audience,
        clock=FakeClock(100.0),
    )
    yield ctx
    worker.wait_for_done(10000)
    store.close()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard"
    return widget


def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focused(), k, modifier)


def shown(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()


def test_tab_leaves_the_notes_box_instead_of_typing_a_tab(
    qtbot: QtBot, context: AppContext, deck_file: Path
) -> None:
    editor = NotesEditor(context, load_deck(deck_file), 2)
    shown(qtbot, editor)
    editor.text.setFocus(Qt.FocusReason.TabFocusReason)
    key(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor.text, " Slowly.")
    key(Qt.Key.Key_Tab)
    assert editor.text.toPlainText() == "The middle part. Slowly."  # no tab character
    assert focused() is editor.save_button  # on to Save, enabled by the edit
    key(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is editor.text
    key(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is editor.slides


def test_arrows_move_in_the_slide_list_and_tab_leaves_it(
    qtbot: QtBot, context: AppContext, deck_file: Path
) -> None:
    editor = NotesEditor(context, load_deck(deck_file), 1)
    shown(qtbot, editor)
    editor.slides.setFocus(Qt.FocusReason.TabFocusReason)
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Down)
    assert editor.current_number() == 3
    assert editor.text.toPlainText() == "Thank everyone."
    key(Qt.Key.Key_Tab)
    assert focused() is editor.text
    names = {accessible_name(editor.slides), accessible_name(editor.text)}
    assert names == {"Slides", "Notes of this slide"}


def test_the_summary_lists_let_tab_go_on(qtbot: QtBot) -> None:
    window = RehearsalSummaryWindow()
    shown(qtbot, window)
    window.history.setFocus(Qt.FocusReason.TabFocusReason)
    key(Qt.Key.Key_Tab)
    assert focused() is window.often_long
    key(Qt.Key.Key_Tab)
    assert window.isAncestorOf(focused()) and focused() not in (window.history, window.often_long)
    assert accessible_name(window.history) == "History of runs"
    assert accessible_name(window.often_long) == "Slides that most often run long"


def test_space_on_edit_notes_opens_the_editor_on_the_current_slide(
    qtbot: QtBot, context: AppContext
) -> None:
    page = PresentPage(context)
    shown(qtbot, page)
    qtbot.waitUntil(lambda: page.presentation.count == 3, timeout=10000)
    coach = page.rehearsal
    page.setFocus(Qt.FocusReason.TabFocusReason)
    key(Qt.Key.Key_Right)  # slide 2
    for _press in range(30):
        if focused() is coach.edit_button:
            break
        key(Qt.Key.Key_Tab)
    assert focused() is coach.edit_button
    key(Qt.Key.Key_Space)
    editor = coach.notes_editor
    assert editor is not None
    qtbot.addWidget(editor)
    qtbot.waitUntil(editor.isVisible)
    assert editor.current_number() == 2
