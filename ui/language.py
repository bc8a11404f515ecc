"""The language setting: View ▸ Language (English / Cymraeg).

Every page's text is translated as the page is built, so a new language shows once Hexikit
starts again: choosing one saves the setting and says so, in both languages (the person
choosing may not read the one on screen). `--lang` and `HEXIKIT_LANG` win over the setting.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from hexikit.base import i18n


class MainWindow(Protocol):
    """What the language menu needs of the main window (not imported: no import cycle)."""

    view_menu: QMenu
    context: Any


#: Said in both languages, Welsh first: the person choosing may not read the one on screen.
RESTART_MESSAGE = (
    "Bydd Hexikit yn siarad {cy} y tro nesaf y byddwch chi'n ei agor. Caewch Hexikit a'i "
    "agor eto i newid nawr.\n\nHexikit will speak {en} the next time you open it. Close "
    "Hexikit and open it again to change now."
)
#: Each language's name as the other language says it.
_NAMES = {"cy": ("Gymraeg", "Welsh"), "en": ("Saesneg", "English")}


def restart_message(language: str) -> str:
    cy, en = _NAMES.get(language, _NAMES["en"])
    return RESTART_MESSAGE.format(cy=cy, en=en)


def add_language_menu(window: MainWindow) -> QActionGroup:
    """View ▸ Language: one checkable action per language, the running one checked."""
    menu = window.view_menu.addMenu(QCoreApplication.translate("MainWindow", "&Language"))
    menu.setObjectName("languageMenu")
    owner: Any = window  # a QWidget: the actions' parent
    group = QActionGroup(owner)
    group.setExclusive(True)
    for code in i18n.LANGUAGES:
        action = QAction(i18n.LANGUAGE_NAMES[code], owner)
        action.setObjectName(f"language_{code}")
        action.setCheckable(True)
        action.setChecked(code == i18n.current_language())
        action.triggered.connect(lambda _=False, code=code: choose(window, code))
        group.addAction(action)
        menu.addAction(action)
    return group


def choose(window: MainWindow, code: str, ask: bool = True) -> None:
    """Save `code` as the language setting; say it applies when Hexikit starts again."""
    context = window.context
    if context is not None:
        context.settings.language = code
        context.save_settings()
    if code != i18n.current_language() and ask:
        show_restart_message(owner_widget(window), code)


def owner_widget(window: MainWindow) -> QWidget:
    assert isinstance(window, QWidget)
    return window


def show_restart_message(parent: QWidget, code: str) -> None:
    box = QMessageBox(parent)
    box.setObjectName("languageRestartMessage")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Iaith · Language")
    box.setText(restart_message(code))
    box.open()
