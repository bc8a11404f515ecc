"""Starting the Hexikit app: one QApplication, one data folder lock, the store opened off the GUI
thread, then the main window's pages."""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from hexikit.base.clock import clock_from_environment
from hexikit.base.folder_lock import FolderLock, FolderLocked
from hexikit.base.paths import data_dir as resolve_data_dir
from hexikit.base.paths import lock_path
from hexikit.base.resources import asset
from hexikit.base.settings import Settings
from hexikit.ui.collector import install_collector
from hexikit.ui.context import AppContext
from hexikit.ui.main_window import MainWindow
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.worker import Worker

if TYPE_CHECKING:
    from hexikit.store import Store
    from hexikit.ui.pending_store import PendingStore

log = logging.getLogger(__name__)

#: When set to a file path, the app keeps a JSON snapshot there of what the projector shows and
#: which page and widget have the keyboard (for the two-screen end-to-end test).
STATUS_VARIABLE = "HEXIKIT_DEBUG_STATUS"


def ensure_application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        install_collector(app)
        return app
    # The projector's timer must wake on time even while a background thread (PDF, slide
    # rendering, sync) runs Python: hand the GIL over within 1 ms instead of Python's 5 ms.
    # Measured with bench/timer.py and a busy thread: 191 of 720 displayed seconds skipped at
    # 5 ms, none at 1 ms.
    sys.setswitchinterval(0.001)
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Hexikit")
    app.setOrganizationName("Hexitime")
    from hexikit import __version__  # read from the package metadata on first use

    app.setApplicationVersion(__version__)
    app.setDesktopFileName("hexikit")
    # Reference cycles are freed on this thread only: a worker freeing Qt objects deadlocks.
    install_collector(app)
    icon = asset("icons", "hexikit.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


class DataFolderInUse(Exception):
    """Another Hexikit window already has this data folder open."""


def lock_data_folder(folder: Path) -> FolderLock:
    """Take the per-folder lock so a second app cannot write beside the first."""
    lock = FolderLock(lock_path(folder))
    try:
        lock.acquire()
    except FolderLocked:
        raise DataFolderInUse(str(folder)) from None
    return lock


class Application:
    """Owns the windows and services of one running Hexikit."""

    def __init__(
        self,
        data_dir: Path,
        on_ready: Callable[[MainWindow], None] | None = None,
        ask_for_event: bool = True,
        on_pages: Callable[[MainWindow], None] | None = None,
        first_page: str | None = None,
        content_first: bool = False,
    ) -> None:
        """`first_page` is the page built and shown first; with `content_first` the store
        opens, and the other pages are built, only once that page calls
        `MainWindow.content_shown()` (the first slide is on screen) or after 5 s; `on_pages` runs once the pages are built (before the store is open: for what needs
        no data, such as the first slide); `on_ready` once the store is open."""
        self.data_dir = data_dir
        self.worker = Worker()
        self.window = MainWindow()
        # Made in start(), after the first paint: the projector window is not shown at start.
        self.audience: AudienceWindow | None = None
        self.window.ask_for_event = ask_for_event
        self.context: AppContext | None = None
        self._on_ready = on_ready
        self._on_pages = on_pages
        self._first_page = first_page
        self._content_first = content_first
        # The store opens once this is set (at once, unless the first content comes first).
        self._may_open_store = threading.Event()
        self._status: QObject | None = None

    def start(self) -> None:
        self.window.show()
        if self.audience is None:
            self.audience = AudienceWindow()
        from hexikit.ui.pending_store import PendingStore
        from hexikit.ui.present.render import register_slide_fonts

        # One typeface everywhere (slides, timer, notes, cards preview), whatever the laptop has.
        register_slide_fonts()
        pending = PendingStore()
        if self._content_first:
            self.window.contentShown.connect(self._may_open_store.set)
        else:
            self._may_open_store.set()
        # Opening the store is the store lane's first job, so every page's first read queues
        # behind it; the pages are built now, and show (and take typing) before it is open.
        self.worker.run(lambda: self._open_store(pending), self._store_opened, self._store_failed)
        # HEXIKIT_CLOCK_SPEED runs the app's clock faster (a session rehearsed in minutes).
        self.context = AppContext(
            self.data_dir,
            cast("Store", pending),
            Settings.load(self.data_dir),
            self.worker,
            self.audience,
            clock_from_environment(),
        )
        self.context.presenting_on_start = self._first_page == "PresentPage"
        self.window.attach(self.context, self._first_page, rest_after_content=self._content_first)
        if os.environ.get(STATUS_VARIABLE):
            from hexikit.ui.debug_status import StatusWriter

            self._status = StatusWriter(
                Path(os.environ[STATUS_VARIABLE]), self.window, self.context
            )
        if self._on_pages is not None:
            self._on_pages(self.window)

    def _open_store(self, pending: PendingStore) -> Store:
        # Imported here, on the worker thread: SQLAlchemy takes longer to import than the
        # window takes to appear, so the first paint must not wait for it.
        # Waiting here holds the store lane only: what needs the store waits with it, and the
        # first slide gets the processor to itself.
        self._may_open_store.wait(5)
        from hexikit.store import Store

        try:
            store = Store.open(self.data_dir)
        except BaseException as error:
            pending.fail(error)
            raise
        pending.resolve(store)
        return store

    def _store_opened(self, store: Store) -> None:
        assert self.context is not None  # made in start()
        # From now on the context holds the store itself.
        self.context.store = store
        if store.notice is not None:
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("Hexikit", "Your data file was damaged"),
                store.notice.message,
            )
        if self._on_ready is not None:
            self._on_ready(self.window)

    def _store_failed(self, error: BaseException) -> None:
        from hexikit.store import StoreError

        message = str(error) if isinstance(error, StoreError) else repr(error)
        QMessageBox.critical(
            self.window,
            QCoreApplication.translate("Hexikit", "Hexikit cannot open its data"),
            message,
        )
        QTimer.singleShot(0, self.window.close)


def run_gui(
    data_dir: str | None = None,
    on_ready: Callable[[MainWindow], None] | None = None,
    ask_for_event: bool = True,
    on_pages: Callable[[MainWindow], None] | None = None,
    first_page: str | None = None,
    content_first: bool = False,
) -> int:
    """Start the app; returns the exit code."""
    os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "1")
    app = ensure_application()
    folder = resolve_data_dir(data_dir)
    # The language first: every window's text is translated as it is built.
    from hexikit.ui.translation import choose_language, install_translators

    settings = Settings.load(folder)
    install_translators(choose_language(settings.language))
    application = Application(folder, on_ready, ask_for_event, on_pages, first_page, content_first)
    from hexikit.ui.placement import restore_placement

    # Where it was on these screens last time (else the first start's whole available screen).
    restore_placement(application.window, settings)
    # The window shows (and paints) before the lock is taken: showing writes nothing. The
    # store opens, and the pages write, only once the lock is held.
    application.window.show()
    app.processEvents()
    try:
        lock = lock_data_folder(folder)
    except DataFolderInUse:
        QMessageBox.critical(
            application.window,
            QCoreApplication.translate("Hexikit", "Hexikit is already open"),
            QCoreApplication.translate(
                "Hexikit",
                "Hexikit is already running with the data folder {folder}. Switch to that "
                "window (check the taskbar), or close it first. Two windows writing one "
                "folder could lose what you type.",
            ).replace("{folder}", str(folder)),
        )
        application.window.close()
        return 1
    try:
        application.start()
        code = app.exec()
        application.worker.wait_for_done(10000)
        return code
    finally:
        lock.release()
