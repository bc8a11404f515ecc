"""A JSON snapshot of what the room and the facilitator see, for the end-to-end test.

With the environment variable HEXIKIT_DEBUG_STATUS set to a file path the app keeps that file
up to date (written atomically whenever the snapshot changes, checked every 100 ms): the scene
on the projector, on which screen it is and whether it is full screen, the page shown on the
laptop, the widget with the keyboard, the active window, the session segment and the timer's
step, the closing scene's text and the match board's cards. Nothing reads it inside the app;
a test on a real X server reads it between key presses.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStackedWidget, QWidget

from hexikit.base.atomic import atomic_write_text
from hexikit.ui.context import AppContext

INTERVAL_MS = 100


def _page_of(widget: QWidget | None, pages: QStackedWidget | None) -> str:
    while widget is not None and pages is not None:
        parent = widget.parentWidget()
        if parent is pages or widget.parent() is pages:
            return widget.objectName()
        widget = parent
    return ""


def _session_page(window: QWidget) -> QWidget | None:
    """The Session page: named after its class once the main window has built it, and
    "sessionPage" (its own name) on its own."""
    for name in ("SessionPage", "sessionPage"):
        page = window.findChild(QWidget, name)
        if page is not None:
            return page
    return None


def snapshot(window: QWidget, context: AppContext) -> dict[str, Any]:
    """What the projector shows and which page and widget have the keyboard, as plain data."""
    audience = context.audience
    pages = getattr(window, "pages", None)
    pages = pages if isinstance(pages, QStackedWidget) else None
    focus = QApplication.focusWidget()
    active = QApplication.activeWindow()
    screen = audience.screen()
    current_page = pages.currentWidget() if pages is not None else None
    data: dict[str, Any] = {
        "scene": str(audience.current_scene),
        "audience_visible": audience.isVisible(),
        "audience_fullscreen": audience.isFullScreen(),
        "audience_screen": screen.name() if screen is not None else "",
        "audience_takes_focus": not bool(
            audience.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
        ),
        "page": current_page.objectName() if current_page is not None else "",
        "focus": focus.objectName() if focus is not None else "",
        "focus_class": type(focus).__name__ if focus is not None else "",
        "focus_page": _page_of(focus, pages),
        # In a list or table: the current row (-1: none), which Enter acts on.
        "focus_row": focus.currentIndex().row() if isinstance(focus, QAbstractItemView) else -1,
        "active_window": active.windowTitle() if active is not None else "",
    }
    session = _session_page(window)
    status = getattr(session, "status", None)
    if status is not None:
        data["session_state"] = str(status.state)
        data["segment_index"] = status.index
        data["segment_kind"] = str(status.segment.kind) if status.segment is not None else ""
        room = getattr(session, "room_label", None)
        data["room"] = room.text() if room is not None else ""
    closing = audience.scene(audience.current_scene)
    text = getattr(closing, "text", None)
    if callable(text):
        data["scene_text"] = str(text())
    sentences = getattr(closing, "visible_sentences", None)
    if callable(sentences):  # the match board's cards
        data["scene_sentences"] = [str(sentence) for sentence in sentences()]
    return data


class StatusWriter(QObject):
    """Keeps `path` holding the latest `snapshot` (only rewritten when it changes)."""

    def __init__(self, path: Path, window: QWidget, context: AppContext) -> None:
        super().__init__(window)
        self._path = path
        self._window = window
        self._context = context
        self._last = ""
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.write)
        self._timer.start()
        self.write()

    def write(self) -> None:
        text = json.dumps(snapshot(self._window, self._context), sort_keys=True)
        if text != self._last:
            self._last = text
            try:
                atomic_write_text(self._path, text)
            except OSError:  # a debugging aid must never stop the app
                return
