"""Starting the Hexikit app: one QApplication, one data folder lock, the store opened off the GUI
thread, then the main window's pages."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

# First of ours: PySide6 set up to start quickly, before the modules imported after it.
import hexikit.ui.pyside_startup  # noqa: F401
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
from hexikit.ui.worker import Lane, Worker

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
    app.setDesktopFileName("hexikit")
    # Reference cycles are freed on this thread only: a worker freeing Qt objects deadlocks.
    install_collector(app)
    icon = asset("icons", "hexikit.png")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _set_version(app: QApplication) -> None:
    from hexikit import __version__  # read from the package metadata on first use

    app.setApplicationVersion(__version__)


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
        held_lanes: Iterable[Lane] = ("store", "io", "network"),
    ) -> None:
        """`first_page` is the page built and shown first. With `content_first` the store
        opens only once that page calls `MainWindow.content_shown()` (slide 1 or the Capture
        form is on screen) or after 5 s, and the other pages are built once the store has
        answered that page's first reads. `on_pages` runs once the first page is built
        (before the store is open: for what needs no data, such as the first slide);
        `on_ready` once the store is open. Until then the worker's `held_lanes` run nothing
        (their jobs wait), so the first paint has the interpreter to itself."""
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
        self._held_lanes = tuple(held_lanes)
        self._status: QObject | None = None

    def start(self) -> None:
        if not self._content_first:
            self.window.show()
        if self.audience is None:
            self.audience = AudienceWindow()
        from hexikit.ui.fonts import register_slide_fonts
        from hexikit.ui.pending_store import PendingStore

        # One typeface everywhere (slides, timer, notes, cards preview), whatever the laptop has.
        register_slide_fonts()
        pending = PendingStore()
        if self._content_first:
            # The store opens (and the other held lanes start) once the first content is on
            # screen, or after 5 s whatever happens.
            self.worker.hold(self._held_lanes)
            self.window.contentShown.connect(self.worker.release)
            QTimer.singleShot(5000, self.worker, self.worker.release)
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
        if self._content_first:
            self.context.content_on_screen = False
            self.window.contentShown.connect(self.context.content_shown)
        self.window.attach(self.context, self._first_page, rest_later=self._content_first)
        if self._content_first:
            # The other pages once the first page's own reads have answered: this job queues
            # behind the store's opening and those reads, on the store's one thread. Built
            # earlier, they held the interpreter while the store opened, and the Capture list
            # came ~0.4 s later.
            self.worker.run(
                lambda: None, lambda _none: self.window.build_the_rest(), receiver=self.window
            )
        if os.environ.get(STATUS_VARIABLE):
            from hexikit.ui.debug_status import StatusWriter

            self._status = StatusWriter(
                Path(os.environ[STATUS_VARIABLE]), self.window, self.context
            )
        if self._on_pages is not None:
            self._on_pages(self.window)
        if self._content_first:
            # Shown once its first page is built: built inside a shown window, every widget
            # added is shown, polished and laid out as it comes.
            self.window.show()

    def _open_store(self, pending: PendingStore) -> Store:
        # Imported here, on the worker thread: SQLAlchemy takes longer to import than the
        # window takes to appear, so the first paint must not wait for it.
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
    held_lanes: Iterable[Lane] = ("store", "io", "network"),
) -> int:
    """Start the app; returns the exit code."""
    os.environ.setdefault("QT_ENABLE_HIGHDPI_SCALING", "1")
    app = ensure_application()
    folder = resolve_data_dir(data_dir)
    # The language first: every window's text is translated as it is built.
    from hexikit.base.i18n import follow_setting
    from hexikit.ui.translation import install_translators

    settings = Settings.load(folder)
    install_translators(follow_setting(settings.language))
    application = Application(
        folder, on_ready, ask_for_event, on_pages, first_page, content_first, held_lanes
    )
    # The version is read from the package metadata (importlib.metadata: ~15 ms to import):
    # after the first paint, when the first page's content comes first.
    if content_first:
        application.window.contentShown.connect(lambda: _set_version(app))
    else:
        _set_version(app)
    from hexikit.ui.placement import restore_placement

    # Where it was on these screens last time (else the first start's whole available screen).
    restore_placement(application.window, settings)
    # The store opens, and the pages write, only once the lock is held. With the first page's
    # content first, the window shows once that page is built (start() shows it): shown now,
    # it would lay out and paint an empty page first (~13 ms).
    if not content_first:
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
