"""The audience window: a stage that shows exactly one scene at a time.

The presenter, the timer, the run sheet and the match board each provide a scene (a QWidget)
and ask the stage to show it. Black and white screens are scenes too.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget


class Scene(StrEnum):
    """What the projector can show; each capability provides the widget for its scene."""

    SLIDES = "slides"
    TIMER = "timer"
    MATCHES = "matches"
    FEEDBACK = "feedback"
    BLACK = "black"
    WHITE = "white"
    IDENTIFY = "identify"
    SESSION_TITLE = "session-title"  # a run-sheet segment's title, when its own scene is missing


class _PlainScene(QWidget):
    def __init__(self, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(colour))
        self.setPalette(palette)
        self.setAutoFillBackground(True)


class AudienceWindow(QWidget):
    """The projector window.

    Signals:
        sceneChanged(str): the scene now shown (a `Scene` value).
        keyPressed(QKeyEvent): keys pressed while the audience window has focus, forwarded so
            the presenter's shortcuts work whichever window a clicker is talking to.
    """

    sceneChanged = Signal(str)
    keyPressed = Signal(QKeyEvent)

    def __init__(self, parent: QWidget | None = None) -> None:
        # QtCore.Qt, not Qt imported at the top: the first touch of the Qt namespace builds all
        # its enum classes (~40 ms), which the main window's first paint need not wait for.
        super().__init__(parent, QtCore.Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Hexikit — audience"))
        self.setObjectName("audienceWindow")
        self._stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self._scenes: dict[Scene, QWidget] = {}
        # The first scene added (black) is what the stack shows until someone asks.
        self._current = Scene.BLACK
        self._previous: Scene | None = None
        self._placer: Callable[[], None] | None = None
        self.add_scene(Scene.BLACK, _PlainScene("#000000"))
        self.add_scene(Scene.WHITE, _PlainScene("#ffffff"))
        self.resize(960, 540)

    def add_scene(self, name: Scene, widget: QWidget) -> None:
        """Register a scene; adding a name twice replaces the old widget."""
        old = self._scenes.get(name)
        if old is not None:
            self._stack.removeWidget(old)
            old.deleteLater()
        self._scenes[name] = widget
        self._stack.addWidget(widget)

    def has_scene(self, name: Scene) -> bool:
        return name in self._scenes

    def scene(self, name: Scene) -> QWidget:
        return self._scenes[name]

    def show_scene(self, name: Scene) -> None:
        widget = self._scenes[name]
        self._stack.setCurrentWidget(widget)
        if name != self._current:
            self._previous = self._current
            self._current = name
            self.sceneChanged.emit(name)

    def toggle(self, name: Scene) -> Scene:
        """Show scene `name`, or, when it is already shown, go back to the scene shown before it
        (the slide scene keeps its slide, so slides ↔ timer loses nothing). Returns the scene
        now shown."""
        if self._current != name:
            self.show_scene(name)
        elif self._previous and self._previous != name and self._previous in self._scenes:
            self.show_scene(self._previous)
        elif Scene.SLIDES in self._scenes and name != Scene.SLIDES:
            self.show_scene(Scene.SLIDES)
        else:
            self.show_scene(Scene.BLACK)
        return self._current

    def set_placer(self, placer: Callable[[], None] | None) -> None:
        """Install what puts this window on the projector (full screen on the right screen);
        the presenter's screen logic provides it."""
        self._placer = placer

    def show_on_projector(self) -> None:
        """Show the stage where the room can see it, whoever asks (timer, run sheet, slides)."""
        if self._placer is not None:
            try:
                self._placer()
                return
            except RuntimeError:  # the page that placed us is gone: fall back to a plain window
                self._placer = None
        self.show()

    @property
    def current_scene(self) -> Scene:
        return self._current

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.keyPressed.emit(event)
        event.accept()
