"""The laptop window: a side bar of modes (only those that exist) and the page of each."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeySequence,
    QScreen,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from hexikit.ui.context import AppContext
from hexikit.ui.menu_host import MenuHost
from hexikit.ui.theme import font_scale, scaled

log = logging.getLogger(__name__)

#: (module, class) of each mode page, in side-bar order. Each capability adds its line.
#: A page class takes (context, parent) and has a `mode_title()` static/class method.
MODE_PAGES: list[tuple[str, str]] = [
    ("hexikit.ui.capture.page", "CapturePage"),
    ("hexikit.ui.present.page", "PresentPage"),
    ("hexikit.ui.timer.page", "TimerPage"),
    ("hexikit.ui.session.page", "SessionPage"),
    ("hexikit.ui.cards.page", "CardsPage"),
    ("hexikit.ui.sync.page", "SyncPage"),
    ("hexikit.ui.report.page", "ReportPage"),
]

#: Each page's side-bar title (its `mode_title()`, in the page's translation context), shown
#: before the page is built: pages are built after the first one paints. (The strings are
#: extracted for translation from the pages' own `mode_title()`.)
MODE_TITLES: dict[str, str] = {
    "CapturePage": "Capture",
    "PresentPage": "Present",
    "TimerPage": "Timer",
    "SessionPage": "Session",
    "CardsPage": "Cards",
    "SyncPage": "Sync",
    "ReportPage": "Report",
}


SIDEBAR_WIDTH = 170
SIDEBAR_FONT_PX = 15
SIDEBAR_STYLE = """
QListWidget#modeSidebar {
    background: #0b3d47; color: #e8f4f2; border: none; padding-top: 12px;
    font-size: 15px;
}
QListWidget#modeSidebar::item { padding: 6px 16px; border-left: 4px solid transparent; }
QListWidget#modeSidebar::item:hover { background: #114f5b; }
QListWidget#modeSidebar::item:selected {
    background: #15616e; color: #ffffff; border-left: 4px solid #ffb347; font-weight: bold;
}
"""


class _FirstPaint(QObject):
    """Calls `then` once, on the next turn after `widget` (or any widget inside it) paints.

    It watches `widget` and every widget inside it when it is made: a page covered by its own
    opaque children never gets a paint event of its own. Not the whole application: a filter
    there sees every event of every object before the first paint (about a thousand calls into
    Python), and making the Python wrapper of each unfamiliar object builds the classes, and
    their enums, of every QObject type PySide knows (about 10 ms).
    """

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        for watched in (widget, *widget.findChildren(QWidget)):
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._then is not None and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._then)
            self._then = None
            # Qt drops a deleted filter from every object it watched.
            self.deleteLater()
        return False


def when_first_painted(widget: QWidget | None, then: Callable[[], None]) -> None:
    """Call `then` once `widget` has painted (at once when there is no widget)."""
    if widget is None:
        QTimer.singleShot(0, then)
        return
    _FirstPaint(widget, then)


def _set_shortcut(action: QAction, keys: QKeySequence) -> None:
    """`action.setShortcut(keys)`, through the property: PySide's overload check of
    setShortcut touches the Qt namespace, whose first touch builds all its enum classes
    (~40 ms), and the window's first paint need not wait for that."""
    action.setProperty("shortcut", keys)


class ModePage(Protocol):
    @classmethod
    def mode_title(cls) -> str: ...


class CurrentPageStack(QStackedWidget):
    """The pages, sized by the page shown: a page built in the background (or the widest
    page) never widens the window past the screen while another is on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = self.layout()
        if layout is not None:
            layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


class MainWindow(MenuHost):
    """The facilitator's window.

    Signals:
        modeChanged(str): the object name of the page now shown.
        pageBuilt(str): the page of this class name has been built (pages are built after the
            first one has painted).
        contentShown(): the first page has its real content on screen (see `content_shown`).
    """

    modeChanged = Signal(str)
    pageBuilt = Signal(str)
    contentShown = Signal()

    def __init__(self, context: AppContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hexikit"))
        self._fit_available_screen()
        self.context: AppContext | None = None
        #: Ask for the current event when none is chosen (off for `hexikit present`).
        self.ask_for_event = True
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("modeSidebar")
        self.sidebar.setFixedWidth(SIDEBAR_WIDTH)
        self.sidebar.setIconSize(QSize(20, 20))
        # No Qt.* enum before the first paint: the first touch of the Qt namespace builds all its
        # enum classes (~40 ms). So the focus policy is set by property (1 is Qt::TabFocus: the
        # side bar is reachable with Tab and arrows, a click leaves the keyboard in the page)
        # and the loading text centred by style sheet.
        self.sidebar.setProperty("focusPolicy", 1)
        self.sidebar.setAccessibleName(self.tr("Modes"))
        # The side bar is the one place the facilitator finds every mode: make it obvious.
        self.sidebar.setStyleSheet(scaled(SIDEBAR_STYLE))
        self.pages = CurrentPageStack()
        self._loading = QLabel(self.tr("Opening your Hexithon data…"))
        self._loading.setStyleSheet("qproperty-alignment: AlignCenter;")
        self.pages.addWidget(self._loading)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self._show_row)
        self._page_names: list[str] = []
        self.page_actions: list[QAction] = []
        self._build_menus()
        if context is not None:
            self.attach(context)

    def _fit_available_screen(self) -> None:
        """Open as large as the laptop's screen allows (not a fixed 1280×800): every page then
        lays out once, at its final width, however wide the pages built later are."""
        # Typed as never None, but Qt returns None while no screen is plugged in.
        screen: QScreen | None = QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        available = screen.availableGeometry()
        self.resize(available.size())
        self.move(available.topLeft())

    def _build_menus(self) -> None:
        from hexikit.ui import menus

        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.event_menu = self.menuBar().addMenu(self.tr("&Event"))
        choose_event = QAction(self.tr("&Choose or create event…"), self)
        # Not Ctrl+E: the presenter uses that to edit notes.
        _set_shortcut(choose_event, QKeySequence("Ctrl+Shift+E"))
        choose_event.triggered.connect(self.choose_event)
        self.event_menu.addAction(choose_event)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.projector_menu: QMenu | None = None
        menus.build_view_menu(self)
        from hexikit.ui.language import add_language_menu

        add_language_menu(self)
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        menus.build_file_menu(self)
        quit_action = QAction(self.tr("&Quit"), self)
        _set_shortcut(quit_action, QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)
        menus.build_help_menu(self)
        about_action = QAction(self.tr("&About Hexikit"), self)
        about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(about_action)

    def choose_event(self) -> None:
        if self.context is not None:
            from hexikit.ui.widgets.event_dialog import open_event_dialog

            open_event_dialog(self.context, self)

    def show_about(self) -> None:
        from hexikit.base.paths import data_dir
        from hexikit.ui.about import AboutDialog

        folder = self.context.data_dir if self.context is not None else data_dir()
        AboutDialog(folder, self).exec()

    def attach(
        self, context: AppContext, first: str | None = None, rest_later: bool = False
    ) -> None:
        """Build the mode pages: `first` (default: the first in the side bar) at once, so it
        paints without waiting for the others; the others one per turn of the event loop (or
        at once when something asks for one), from the next turn or, with `rest_later`, once
        `build_the_rest()` is called (at the latest after 5 s)."""
        self.context = context
        # Asked first, so the event check is not queued behind every page's first read.
        # Not when opened straight into a show: a dialog must never cover the first slide.
        if self.ask_for_event:
            from hexikit.ui.widgets.event_dialog import ensure_current_event

            ensure_current_event(context, self)
        for _module_name, class_name in MODE_PAGES:
            # A stand-in until the page is built.
            stand_in = QWidget()
            stand_in.setObjectName(f"{class_name}StandIn")
            self.pages.addWidget(stand_in)
            self._page_names.append(class_name)
            title = MODE_TITLES.get(class_name, "")
            item = QListWidgetItem(QCoreApplication.translate(class_name, title) if title else "")
            item.setSizeHint(QSize(160, round(40 * font_scale())))
            self.sidebar.addItem(item)
        self._fit_sidebar()
        from hexikit.ui import menus

        self.page_actions = menus.add_page_actions(
            self, [self.sidebar.item(row).text() for row in range(self.sidebar.count())]
        )
        first_name = first if first in self._page_names else self._page_names[0]
        self._build_page(first_name)
        self.sidebar.setCurrentRow(self._page_names.index(first_name))
        # Keyboard first: typing works at once, with no Tab or click (the window gives this
        # widget the keyboard as soon as it is activated).
        self.focus_page(first_name)
        from hexikit.ui.widgets.a11y import FocusRing

        FocusRing.install()
        from hexikit.ui.routing import install_stage_keys

        back_to_slides = install_stage_keys(self, context)
        menus.add_back_to_slides(self, back_to_slides)
        from hexikit.ui.sync.indicator import install_sync_indicator

        install_sync_indicator(self, context)
        # After the first page has painted: the others are built one per turn.
        if rest_later:
            QTimer.singleShot(5000, self, self._build_next_page)
        else:
            QTimer.singleShot(0, self, self._build_next_page)

    def _fit_sidebar(self) -> None:
        """Wide enough for the longest mode title in the side bar's font (which grows with the
        system font), and never narrower than usual."""
        font = QFont(self.sidebar.font())
        font.setPixelSize(round(SIDEBAR_FONT_PX * font_scale()))
        font.setBold(True)
        metrics = QFontMetrics(font)
        widest = max(
            (
                metrics.horizontalAdvance(self.sidebar.item(row).text())
                for row in range(self.sidebar.count())
            ),
            default=0,
        )
        # The item's padding (16 px each side), its 4 px marker and the scroll bar's room.
        self.sidebar.setFixedWidth(max(SIDEBAR_WIDTH, widest + 2 * 16 + 4 + 24))

    def content_shown(self) -> None:
        """The first page's real content is on screen (e.g. slide 1): the rest may start."""
        self.contentShown.emit()

    def _build_page(self, class_name: str) -> QWidget:
        row = self._page_names.index(class_name)
        current = self.pages.widget(row + 1)
        assert current is not None and self.context is not None
        if current.objectName() == class_name:
            return current
        module_name = MODE_PAGES[row][0]
        page_class = getattr(importlib.import_module(module_name), class_name)
        page: QWidget = page_class(self.context, self)
        page.setObjectName(class_name)
        showing = self.pages.currentIndex() == row + 1
        self.pages.insertWidget(row + 1, page)
        self.pages.removeWidget(current)
        current.deleteLater()
        if showing:
            self.pages.setCurrentIndex(row + 1)
        item = self.sidebar.item(row)
        assert item is not None
        item.setText(page_class.mode_title())
        if row < len(self.page_actions):
            self.page_actions[row].setText(page_class.mode_title())
        self.pageBuilt.emit(class_name)
        return page

    def build_the_rest(self) -> None:
        """Build the pages not built yet, one per turn of the event loop."""
        QTimer.singleShot(0, self, self._build_next_page)

    def _build_next_page(self) -> None:
        for row, class_name in enumerate(self._page_names):
            widget = self.pages.widget(row + 1)
            if widget is not None and widget.objectName() != class_name:
                self._build_page(class_name)
                QTimer.singleShot(0, self, self._build_next_page)
                return

    def page(self, class_name: str) -> QWidget:
        return self._build_page(class_name)

    def show_page(self, class_name: str) -> None:
        self.sidebar.setCurrentRow(self._page_names.index(class_name))

    def focus_page(self, class_name: str) -> None:
        """Give the keyboard to the page's home widget (`keyboard_home()`, else the page)."""
        page = self.page(class_name)
        home = getattr(page, "keyboard_home", None)
        target = home() if callable(home) else page
        if isinstance(target, QWidget):
            target.setFocus()

    def bring_row(self, row: int) -> None:
        """Show the page in side-bar row `row` with the keyboard in it (View ▸ pages)."""
        self.sidebar.setCurrentRow(row)
        if 0 <= row < len(self._page_names):
            self.focus_page(self._page_names[row])

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        self._build_page(self._page_names[row])
        self.pages.setCurrentIndex(row + 1)
        self.modeChanged.emit(self._page_names[row])

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.context is not None:
            from hexikit.ui.placement import remember_placement

            remember_placement(self, self.context.settings)
            self.context.save_settings()
            self.context.audience.close()
        super().closeEvent(event)
