"""Starting the app: the window opens on the current event or asks for one; one app per folder."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hexikit.base.settings import Settings
from hexikit.records.domain import EventInput
from hexikit.store import Store
from hexikit.ui import main_window
from hexikit.ui.app import Application, DataFolderInUse, lock_data_folder
from hexikit.ui.capture.page import CapturePage
from hexikit.ui.widgets.event_dialog import EventDialog

#: Every mode page reads the store as the app starts; on a busy CI machine that takes a while.
START_TIMEOUT_MS = 30000


@pytest.fixture
def application(
    qtbot: QtBot,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Application]:
    """An app on the test's data folder with only the Capture page (these tests are about
    starting and capturing; other pages have their own tests), wound down cleanly: every
    background result is delivered before its window goes."""
    monkeypatch.setattr(main_window, "MODE_PAGES", [("hexikit.ui.capture.page", "CapturePage")])
    app = Application(data_dir)
    yield app
    qtbot.waitUntil(lambda: app.worker.pending == 0, timeout=20000)
    app.window.close()
    # Closing may start more background work (pages saving state): let it all report back
    # while the pages are still alive, then delete the window.
    qtbot.waitUntil(lambda: app.worker.pending == 0, timeout=20000)
    app.window.deleteLater()
    qtbot.waitUntil(lambda: app.worker.pending == 0, timeout=20000)
    app.worker.wait_for_done(10000)
    if app.context is not None:
        app.context.store.close()


def capture_page(application: Application) -> CapturePage:
    page = application.window.page("CapturePage")
    assert isinstance(page, CapturePage)
    return page


def test_first_start_asks_for_an_event_and_opens_on_it(
    qtbot: QtBot,
    application: Application,
    data_dir: Path,
) -> None:
    application.start()
    assert application.window.isVisible()  # shown before the store is even open
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), EventDialog), timeout=START_TIMEOUT_MS
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, EventDialog)
    assert dialog.event_list.isHidden()  # nothing to choose from: straight to "new"
    QTest.keyClicks(dialog.title_edit, "Hexithon in Walsall")
    QTest.keyClick(dialog.title_edit, Qt.Key.Key_Return)
    page = capture_page(application)
    qtbot.waitUntil(
        lambda: page.event_title.text() == "Hexithon in Walsall", timeout=START_TIMEOUT_MS
    )
    assert application.window.windowTitle() == "Hexikit — Hexithon in Walsall"
    assert application.context is not None
    [event] = application.context.store.list_events()
    assert Settings.load(data_dir).current_event_id == event.id


@pytest.fixture
def belfast(data_dir: Path) -> str:
    store = Store.open(data_dir)
    event = store.create_event(EventInput(title="Hexithon Belfast", date="2026-11-26"))
    store.close()
    Settings(current_event_id=event.id).save(data_dir)
    return event.id


def test_start_opens_on_the_current_event_without_asking(
    qtbot: QtBot,
    belfast: str,
    application: Application,
) -> None:
    application.start()
    qtbot.waitUntil(lambda: application.context is not None, timeout=START_TIMEOUT_MS)
    page = capture_page(application)
    qtbot.waitUntil(lambda: page.event_title.text() == "Hexithon Belfast", timeout=START_TIMEOUT_MS)
    assert "2026-11-26" in page.event_meta.text()
    assert QApplication.activeModalWidget() is None


@pytest.fixture
def gone(data_dir: Path) -> str:
    store = Store.open(data_dir)
    kept = store.create_event(EventInput(title="Kept"))
    Settings(current_event_id="no-such-event").save(data_dir)
    store.close()
    return kept.id


def test_an_event_that_is_gone_makes_it_ask_again(
    qtbot: QtBot,
    gone: str,
    application: Application,
) -> None:
    application.start()
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), EventDialog), timeout=START_TIMEOUT_MS
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, EventDialog)
    assert dialog.event_list.count() == 1
    QTest.keyClick(dialog.event_list, Qt.Key.Key_Return)
    page = capture_page(application)
    qtbot.waitUntil(lambda: page.event_title.text() == "Kept", timeout=START_TIMEOUT_MS)
    assert application.context is not None
    assert application.context.current_event_id == gone


def test_a_second_lock_on_the_same_folder_is_refused(data_dir: Path) -> None:
    first = lock_data_folder(data_dir)
    try:
        with pytest.raises(DataFolderInUse):
            lock_data_folder(data_dir)
    finally:
        first.release()
    again = lock_data_folder(data_dir)  # free once the first app is gone
    again.release()


def test_a_second_app_process_is_refused_with_a_message(data_dir: Path) -> None:
    held = lock_data_folder(data_dir)
    script = textwrap.dedent(
        """
        import sys
        from PySide6.QtWidgets import QMessageBox
        # Print the message instead of showing a modal box nobody can click.
        QMessageBox.critical = lambda parent, title, text: print(title, "|", text)
        from hexikit.ui.app import run_gui
        sys.exit(run_gui(sys.argv[1]))
        """
    )
    try:
        result = subprocess.run(
            [sys.executable, "-c", script, str(data_dir)],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    finally:
        held.release()
    assert result.returncode == 1, result.stderr
    assert "already open" in result.stdout
    assert str(data_dir) in result.stdout
    assert not (data_dir / "hexikit.sqlite3").exists()  # it never touched the database
