"""The laptop window: a side bar of modes (only those that exist) and the page of each."""

from __future__ import annotations

import importlib
import logging
from typing import Protocol

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from hexikit.ui.context import AppContext

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


def _set_shortcut(action: QAction, keys: QKeySequence) -> None:
    """`action.setShortcut(keys)`, through the property: PySide's overload check of
    setShortcut touches the Qt namespace, whose first touch builds all its enum classes
    (~40 ms), and the window's first paint need not wait for that."""
    action.setProperty("shortcut", keys)


class ModePage(Protocol):
    @classmethod
    def mode_title(cls) -> str: ...


class MainWindow(QMainWindow):
    """The facilitator's window.

    Signals:
        modeChanged(str): the object name of the page now shown.
    """

    modeChanged = Signal(str)

    def __init__(self, context: AppContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hexikit"))
        self.resize(1280, 800)
        self.context: AppContext | None = None
        #: Ask for the current event when none is chosen (off for `hexikit present`).
        self.ask_for_event = True
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("modeSidebar")
        self.sidebar.setFixedWidth(170)
        self.sidebar.setIconSize(QSize(20, 20))
        # No Qt.* enum before the first paint: the first touch of the Qt namespace builds all its
        # enum classes (~40 ms). So the focus policy is set by property (0 is Qt::NoFocus) and
        # the loading text centred by style sheet.
        self.sidebar.setProperty("focusPolicy", 0)
        # The side bar is the one place the facilitator finds every mode: make it obvious.
        self.sidebar.setStyleSheet(SIDEBAR_STYLE)
        self.pages = QStackedWidget()
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
        self._build_menus()
        if context is not None:
            self.attach(context)

    def _build_menus(self) -> None:
        self.file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.event_menu = self.menuBar().addMenu(self.tr("&Event"))
        choose_event = QAction(self.tr("&Choose or create event…"), self)
        # Not Ctrl+E: the presenter uses that to edit notes.
        _set_shortcut(choose_event, QKeySequence("Ctrl+Shift+E"))
        choose_event.triggered.connect(self.choose_event)
        self.event_menu.addAction(choose_event)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.help_menu = self.menuBar().addMenu(self.tr("&Help"))
        quit_action = QAction(self.tr("&Quit"), self)
        _set_shortcut(quit_action, QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        self.file_menu.addAction(quit_action)
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

    def attach(self, context: AppContext) -> None:
        """Build the mode pages once the store is open."""
        self.context = context
        from hexikit.ui.widgets.event_dialog import ensure_current_event

        # Asked first, so the event check is not queued behind every page's first read.
        # Not when opened straight into a show: a dialog must never cover the first slide.
        if self.ask_for_event:
            ensure_current_event(context, self)
        for index, (module_name, class_name) in enumerate(MODE_PAGES):
            module = importlib.import_module(module_name)
            page_class = getattr(module, class_name)
            page: QWidget = page_class(context, self)
            page.setObjectName(class_name)
            self.pages.addWidget(page)
            self._page_names.append(class_name)
            item = QListWidgetItem(page_class.mode_title())
            item.setSizeHint(QSize(160, 40))
            self.sidebar.addItem(item)
            shortcut = QAction(self)
            shortcut.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            shortcut.triggered.connect(lambda _=False, row=index: self.sidebar.setCurrentRow(row))
            self.addAction(shortcut)
        self.sidebar.setCurrentRow(0)
        from hexikit.ui.routing import install_stage_keys

        install_stage_keys(self, context)
        from hexikit.ui.sync.indicator import install_sync_indicator

        install_sync_indicator(self, context)

    def page(self, class_name: str) -> QWidget:
        widget = self.pages.widget(self._page_names.index(class_name) + 1)
        assert widget is not None
        return widget

    def show_page(self, class_name: str) -> None:
        self.sidebar.setCurrentRow(self._page_names.index(class_name))

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        self.pages.setCurrentIndex(row + 1)
        self.modeChanged.emit(self._page_names[row])

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.context is not None:
            self.context.audience.close()
        super().closeEvent(event)
