"""The status snapshot the two-screen end-to-end test reads (HEXIKIT_DEBUG_STATUS): the
session's segment is in it once the main window has built the Session page (which names the
page after its class, "SessionPage"), and so is the current row of a focused table."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.base.settings import Settings
from hexikit.records.domain import EventInput
from hexikit.store import Store
from hexikit.ui import main_window
from hexikit.ui.context import AppContext
from hexikit.ui.debug_status import snapshot
from hexikit.ui.main_window import MainWindow
from hexikit.ui.session.page import SessionPage
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.worker import Worker

PAGES = [("hexikit.ui.session.page", "SessionPage")]


@pytest.fixture
def window(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, AppContext]]:
    monkeypatch.setattr(main_window, "MODE_PAGES", PAGES)
    store = Store.open(data_dir)
    event = store.create_event(EventInput("Hexithon in Bangor"))
    settings = Settings()
    settings.current_event_id = event.id
    audience = AudienceWindow()
    worker = Worker()
    context = AppContext(data_dir, store, settings, worker, audience, FakeClock())
    win = MainWindow(context)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=20000)
    yield win, context
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=20000)
    for action in win.findChildren(QAction):  # no clash with the next test's F6
        action.setEnabled(False)
    audience.close()
    win.close()
    win.deleteLater()
    audience.deleteLater()
    worker.wait_for_done(10000)
    store.close()


def test_the_session_segment_is_in_the_snapshot_of_the_main_window(
    qtbot: QtBot, window: tuple[MainWindow, AppContext]
) -> None:
    win, context = window
    page = win.page("SessionPage")
    assert isinstance(page, SessionPage)
    assert page.objectName() == "SessionPage"  # the main window's name for it

    ready = snapshot(win, context)
    assert ready["session_state"] == "ready"
    assert ready["segment_kind"] == ""

    page.next_segment()
    running = snapshot(win, context)
    assert running["session_state"] == "running"
    assert running["segment_index"] == 0
    assert running["segment_kind"] == "pitch"


def test_the_current_row_of_a_focused_table_is_in_the_snapshot(
    qtbot: QtBot, window: tuple[MainWindow, AppContext]
) -> None:
    win, context = window
    page = win.page("SessionPage")
    assert isinstance(page, SessionPage)
    win.show_page("SessionPage")
    win.activateWindow()
    page.table.setFocus()
    qtbot.waitUntil(lambda: page.table.hasFocus(), timeout=5000)
    page.table.selectRow(2)
    data = snapshot(win, context)
    assert data["focus"] == "runSheet"
    assert data["focus_row"] == 2
    assert data["focus_page"] == "SessionPage"
    other: QWidget = page.next_button
    other.setFocus()
    qtbot.waitUntil(lambda: other.hasFocus(), timeout=5000)
    assert snapshot(win, context)["focus_row"] == -1
