"""Where the main window was, remembered per set of screens.

A laptop alone and the same laptop with the venue's projector are different desks: the window
goes back to the size, position and maximised state it had the last time the same screens were
plugged in. A screen set never seen before gets the first-start size (the available screen).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from hexikit.base.settings import Settings


def screen_set_key(screens: Iterable[tuple[str, QRect]]) -> str:
    """The screens' names and geometries, sorted: the same desk gives the same key."""
    parts = sorted(
        f"{name}={rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}" for name, rect in screens
    )
    return ";".join(parts)


def current_screen_set() -> str:
    screens: list[QScreen] = QGuiApplication.screens()
    return screen_set_key((screen.name(), screen.geometry()) for screen in screens)


def restore_placement(window: QWidget, settings: Settings) -> bool:
    """Put `window` where it was on these screens (call before it is shown); False if new."""
    saved = settings.window_placements.get(current_screen_set(), "")
    if not isinstance(saved, str) or not saved:  # a hand-edited file may hold anything
        return False
    return bool(window.restoreGeometry(QByteArray.fromBase64(QByteArray(saved.encode("ascii")))))


def remember_placement(window: QWidget, settings: Settings) -> None:
    """Note where `window` is (including maximised) for these screens."""
    encoded = bytes(window.saveGeometry().toBase64().data()).decode("ascii")
    settings.window_placements[current_screen_set()] = encoded
