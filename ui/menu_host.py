"""What the menus need of the main window.

`hexikit.ui.menus` builds the main window's menus, so it cannot import `main_window` (that
would be a cycle); both import this base class instead, which `MainWindow` extends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QListWidget, QMainWindow, QMenu, QStackedWidget, QWidget

if TYPE_CHECKING:
    from hexikit.ui.context import AppContext


class MenuHost(QMainWindow):
    """A main window with the parts its menus reach: its menus, pages and side bar."""

    context: AppContext | None
    file_menu: QMenu
    view_menu: QMenu
    help_menu: QMenu
    projector_menu: QMenu | None
    pages: QStackedWidget
    sidebar: QListWidget
    page_actions: list[QAction]

    def page(self, class_name: str) -> QWidget:
        """The page of this class name, built now if it was not yet."""
        raise NotImplementedError

    def bring_row(self, row: int) -> None:
        """Show the page in side-bar row `row` with the keyboard in it."""
        raise NotImplementedError
