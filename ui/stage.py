"""The audience window: a stage that shows exactly one scene at a time.

The presenter, the timer, the run sheet and the match board each provide a scene (a QWidget)
and ask the stage to show it. Black and white screens are scenes too.

The stage is the one owner of the projector: every key that changes what the room sees goes
through it (`show_scene`, `toggle`, `back_to_slides`), and anyone who needs to say what the
room sees asks it (`current_scene`, `scene_label`), so the slides, the timer, the match board
and the feedback prompts can never disagree about who is showing. `back_to_slides` (Shift+F5
from any page) brings the talk back where it left off.

The window never takes the keyboard: it does not accept focus and is shown without
activating, so keys keep going to the laptop's window; keys that do reach it (a test, a
window manager that gives it focus anyway) are offered to the presenter and then forwarded
to the laptop's window.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget


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
    CLOSING = "closing"  # the end of the session: thank you, and what the room produced
    ROOM = "room"  # the room web app's join scene: QR code, address, live counts (issue 18)


#: The scenes that belong to the talk: the slide keys move the slides only while one shows.
TALK_SCENES = frozenset({Scene.SLIDES, Scene.BLACK, Scene.WHITE})


def scene_label(name: Scene | str) -> str:
    """What the room sees, in words, for the laptop's status lines ("the timer")."""

    labels = {
        Scene.SLIDES: QCoreApplication.translate("Stage", "the slides"),
        Scene.TIMER: QCoreApplication.translate("Stage", "the timer"),
        Scene.MATCHES: QCoreApplication.translate("Stage", "the match board"),
        Scene.FEEDBACK: QCoreApplication.translate("Stage", "the feedback prompts"),
        Scene.BLACK: QCoreApplication.translate("Stage", "a black screen"),
        Scene.WHITE: QCoreApplication.translate("Stage", "a white screen"),
        Scene.IDENTIFY: QCoreApplication.translate("Stage", "the screen numbers"),
        Scene.SESSION_TITLE: QCoreApplication.translate("Stage", "the segment's title"),
        Scene.CLOSING: QCoreApplication.translate("Stage", "the closing thank-you"),
        Scene.ROOM: QCoreApplication.translate("Stage", "the join screen for phones"),
    }
    try:
        return labels.get(Scene(name), str(name))
    except ValueError:  # a scene some capability added by its own name
        return str(name)


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
        keyPressed(QKeyEvent): keys that reached the audience window when no key target
            (the laptop's window) is set, for the presenter's handlers.
    """

    sceneChanged = Signal(str)
    keyPressed = Signal(QKeyEvent)

    def __init__(self, parent: QWidget | None = None) -> None:
        # QtCore.Qt, not Qt imported at the top: the first touch of the Qt namespace builds all
        # its enum classes (~40 ms), which the main window's first paint need not wait for.
        super().__init__(
            parent, QtCore.Qt.WindowType.Window | QtCore.Qt.WindowType.WindowDoesNotAcceptFocus
        )
        # Appearing (or going full screen) must not take the keyboard from the laptop's window:
        # Space on the Timer page must still start the timer after T put it on the projector.
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
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
        self._talk: Callable[[], None] | None = None
        self._key_target: Callable[[], QWidget | None] | None = None
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
        """Show scene `name`, or, when it is already shown, go back to the talk (the slides
        where it left off, `back_to_slides`): T switches timer ↔ slides, never timer ↔ feedback
        or some other stale scene. Returns the scene now shown."""
        if self._current != name:
            self.show_scene(name)
        else:
            self.back_to_slides()
        return self._current

    def set_talk(self, resume: Callable[[], None] | None) -> None:
        """Install how the talk comes back (the presenter: the slides on the projector at the
        slide where the talk left off, its clock running again)."""
        self._talk = resume

    def back_to_slides(self) -> None:
        """The one way back to the talk, from any state: the slides where they were."""
        if self._talk is not None:
            try:
                self._talk()
                return
            except RuntimeError:  # the presenter that installed it is gone
                self._talk = None
        if Scene.SLIDES in self._scenes:
            self.show_scene(Scene.SLIDES)
        elif self._previous in TALK_SCENES and self._previous in self._scenes:
            self.show_scene(self._previous)
        else:
            self.show_scene(Scene.BLACK)

    def shows_talk(self) -> bool:
        """True when the room sees the talk (slides, or a black or white screen)."""
        return self._current in TALK_SCENES

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

    def set_key_target(self, target: Callable[[], QWidget | None] | None) -> None:
        """Where keys go that reach this window and nobody here used: the laptop's window."""
        self._key_target = target

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # With a key target (the app's window) the key goes where the keyboard is: the page
        # the facilitator is on handles it as if typed there (Space on the Timer page starts
        # the timer even with the mouse over the projector). Without one (a presenter on its
        # own), the presenter's handlers get it.
        if self._forward(event):
            event.accept()
            return
        self.keyPressed.emit(event)
        event.accept()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        event.accept()

    def _forward(self, event: QKeyEvent) -> bool:
        window = self._key_target() if self._key_target is not None else None
        if window is None:
            return False
        receiver = window.focusWidget() or window
        copy = QKeyEvent(
            event.type(),
            event.key(),
            event.modifiers(),
            event.text(),
            event.isAutoRepeat(),
            event.count(),
        )
        QApplication.sendEvent(receiver, copy)
        return True
