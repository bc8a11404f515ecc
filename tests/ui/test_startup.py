"""Start-up shows the real thing first: the pages are built and take typing before the store
has finished opening; what was typed is saved once it has."""

from __future__ import annotations

import importlib
import threading
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
from hexikit.ui.app import Application
from hexikit.ui.capture.page import CapturePage
from hexikit.ui.pending_store import PendingStore
from tests.fresh_python import printed_json


def _every_page_built(application: Application) -> bool:
    for row, (_module, name) in enumerate(main_window.MODE_PAGES):
        widget = application.window.pages.widget(row + 1)
        if widget is None or widget.objectName() != name:
            return False
    return True


def test_side_bar_titles_are_the_pages_own() -> None:
    for module_name, class_name in main_window.MODE_PAGES:
        page_class = getattr(importlib.import_module(module_name), class_name)
        assert main_window.MODE_TITLES[class_name] == page_class.mode_title()


@pytest.fixture
def wrexham(data_dir: Path) -> str:
    """A data folder with a current event (made before the store is slowed down)."""
    store = Store.open(data_dir)
    event_id = store.create_event(EventInput(title="Hexithon Wrexham")).id
    store.close()
    Settings(current_event_id=event_id).save(data_dir)
    return event_id


@pytest.fixture
def slow_store(wrexham: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The store takes as long to open as the test wants: until the event is set."""
    opened = threading.Event()
    real_open = Store.open

    def open_when_allowed(folder: Path) -> Store:
        assert opened.wait(30), "the test never let the store open"
        return real_open(folder)

    monkeypatch.setattr(Store, "open", staticmethod(open_when_allowed))
    yield opened
    opened.set()


def test_typing_before_the_store_is_open_is_saved_when_it_is(
    qtbot: QtBot, data_dir: Path, wrexham: str, slow_store: threading.Event
) -> None:
    event_id = wrexham
    application = Application(data_dir)
    try:
        application.start()
        assert application.context is not None
        pending = application.context.store
        assert isinstance(pending, PendingStore) and not pending.is_open
        # Every page is there (built one per turn of the event loop) while the store is shut.
        qtbot.waitUntil(lambda: _every_page_built(application), timeout=20000)
        page = application.window.page("CapturePage")
        assert isinstance(page, CapturePage)
        assert page.isVisible() and page.form.title_edit.isVisible()
        page.form.title_edit.setFocus()
        QTest.keyClicks(page.form.title_edit, "Help with run charts")
        QTest.keyClick(page.form.title_edit, Qt.Key.Key_Return)
        assert not pending.is_open  # typed and submitted with the store still shut
        slow_store.set()
        qtbot.waitUntil(
            lambda: (
                application.context is not None
                and not isinstance(application.context.store, PendingStore)
            ),
            timeout=20000,
        )
        saved = application.context.store
        qtbot.waitUntil(lambda: len(saved.list_activities(event_id)) == 1, timeout=20000)
        [activity] = saved.list_activities(event_id)
        assert activity.title == "Help with run charts"
    finally:
        slow_store.set()
        qtbot.waitUntil(lambda: application.worker.pending == 0, timeout=20000)
        application.window.close()
        qtbot.waitUntil(lambda: application.worker.pending == 0, timeout=20000)
        application.window.deleteLater()
        application.worker.wait_for_done(10000)
        if application.context is not None and not isinstance(
            application.context.store, PendingStore
        ):
            application.context.store.close()


def _started(qtbot: QtBot, data_dir: Path) -> Application:
    application = Application(data_dir)
    application.start()
    application.window.activateWindow()
    qtbot.waitUntil(lambda: _every_page_built(application), timeout=20000)
    return application


def _stop(qtbot: QtBot, application: Application) -> None:
    qtbot.waitUntil(lambda: application.worker.pending == 0, timeout=20000)
    application.window.close()
    application.window.deleteLater()
    application.worker.wait_for_done(10000)
    if application.context is not None and not isinstance(application.context.store, PendingStore):
        application.context.store.close()


def test_the_cursor_is_in_the_capture_form_at_start_up(
    qtbot: QtBot, data_dir: Path, wrexham: str
) -> None:
    application = _started(qtbot, data_dir)
    try:
        page = application.window.page("CapturePage")
        assert isinstance(page, CapturePage)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form.participant_combo)
        # Typing works at once: no Tab, no click.
        QTest.keyClicks(page.form.participant_combo, "Ana")
        assert page.form.participant_combo.currentText() == "Ana"
    finally:
        _stop(qtbot, application)


def test_the_cursor_is_in_the_restored_entry_after_a_crash(
    qtbot: QtBot, data_dir: Path, wrexham: str
) -> None:
    from hexikit.records.drafts import CaptureDraft, save_draft

    save_draft(data_dir, CaptureDraft(event_id=wrexham, title="Half-typed offer"))
    application = _started(qtbot, data_dir)
    try:
        page = application.window.page("CapturePage")
        assert isinstance(page, CapturePage)
        qtbot.waitUntil(lambda: page.form.title_edit.text() == "Half-typed offer")
        qtbot.waitUntil(lambda: QApplication.focusWidget() is page.form.title_edit)
        assert "unsaved entry" in page.status_text
    finally:
        _stop(qtbot, application)


#: What the first paint must not wait for: the store's libraries come on the worker thread
#: after it, and the folder lock is the operating system's own (filelock brings asyncio).
NOT_BEFORE_FIRST_PAINT = [
    "sqlalchemy",
    "alembic",
    "filelock",
    "asyncio",
    "reportlab",
    "importlib.metadata",
]


def test_the_first_pages_import_none_of_the_store_libraries() -> None:
    code = (
        "import json, sys\n"
        "import hexikit.ui.app, hexikit.ui.cli, hexikit.ui.present.cli\n"
        "import hexikit.ui.capture.page, hexikit.ui.present.page\n"
        "import hexikit.ui.widgets.event_dialog, hexikit.ui.routing, hexikit.ui.sync.indicator\n"
        f"print(json.dumps([name for name in {NOT_BEFORE_FIRST_PAINT!r} if name in sys.modules]))\n"
    )
    assert printed_json(code) == []


def test_the_store_opens_only_after_the_capture_form_has_painted(
    qtbot: QtBot, data_dir: Path, wrexham: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    painted_before_open: list[bool] = []
    real_open = Store.open
    application: Application | None = None

    def open_and_note(folder: Path) -> Store:
        assert application is not None
        assert application.context is not None
        painted_before_open.append(application.context.content_on_screen)
        return real_open(folder)

    monkeypatch.setattr(Store, "open", staticmethod(open_and_note))

    def pages_built(window: main_window.MainWindow) -> None:
        main_window.when_first_painted(window.pages.currentWidget(), window.content_shown)

    application = Application(data_dir, on_pages=pages_built, content_first=True)
    try:
        application.start()
        application.window.activateWindow()
        page = application.window.page("CapturePage")
        assert isinstance(page, CapturePage)
        qtbot.waitUntil(lambda: painted_before_open == [True], timeout=20000)
        # The list fills in once the store has answered.
        qtbot.waitUntil(lambda: page.event_title.text() == "Hexithon Wrexham", timeout=20000)
    finally:
        _stop(qtbot, application)


def test_modules_imported_after_the_app_are_not_scanned_for_pyside_features() -> None:
    # PySide6 reads each new module's source to look for "PySide6" (~20 ms at start-up).
    code = (
        "import inspect, json, sys\n"
        "import hexikit.ui.app\n"
        "read = []\n"
        "real = inspect.getsource\n"
        "inspect.getsource = lambda obj: read.append(getattr(obj, '__name__', '')) or real(obj)\n"
        "import hexikit.decks.handout, hexikit.report.measures\n"
        "print(json.dumps(read))\n"
    )
    assert printed_json(code) == []


def test_first_painted_is_told_once_after_a_covered_page_paints(qtbot: QtBot) -> None:
    """The page is covered by an opaque child, so only the child gets a paint event: that is
    the page's first paint. Said once, after the paint, and not before the page is shown."""
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    page = QWidget()
    qtbot.addWidget(page)
    cover = QLabel("The Capture form", page)
    cover.setAutoFillBackground(True)
    QVBoxLayout(page).addWidget(cover)
    told: list[bool] = []
    painted: list[bool] = []
    original_paint = cover.paintEvent

    def paint(event: object) -> None:
        painted.append(True)
        original_paint(event)  # type: ignore[arg-type]

    cover.paintEvent = paint  # type: ignore[method-assign]
    main_window.when_first_painted(page, lambda: told.append(bool(painted)))
    QApplication.processEvents()
    assert told == []  # not shown, not painted: not yet
    page.show()
    qtbot.waitUntil(lambda: told != [])
    assert told == [True]
    cover.update()
    qtbot.waitUntil(lambda: len(painted) > 1)
    QApplication.processEvents()
    assert told == [True]
