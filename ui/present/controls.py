"""The presenter view's buttons and its keyboard cue (issue 13, defects 9 and 12).

- `PresenterButton`: reachable with Tab, but a mouse click leaves the keyboard where it was
  (`tab_only`), so the slide keys keep working after a click. Space activates the focused
  button (the platform's convention); every other key the page uses goes on to the page,
  arrows included: a plain QPushButton takes the arrows to move the focus to its neighbours,
  which would stop a clicker's Left/Right from moving the slides.
- `TitleBar`: the deck's title and the buttons on one line while the title keeps room beside
  them (cut with "…" if it must), the buttons under the title when it would not (at a large
  system font). Decided on resize, so at the usual font nothing is laid out twice.
- `KeysCue`: the frame round the current slide that says "the keys move the slides". The
  page is the whole screen, so the app's focus ring round it would only frame the window
  (the page opts out with `a11y.NO_RING`); this frame, in the ring's two colours, shows
  instead while the page itself has the keyboard.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QWidget

from hexikit.ui.widgets.a11y import draw_ring, tab_only

#: Keys a QPushButton would use to move the focus; on the presenter view they move the slides.
_SLIDE_ARROWS = frozenset(
    int(key) for key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down)
)

#: The cue's width: the slide sits this far inside the frame whether the cue shows or not, so
#: the slide never moves when the keyboard comes and goes.
CUE_WIDTH = 4


class PresenterButton(QPushButton):
    """A button on the presenter view: Tab reaches it, a click leaves the keyboard where it
    was, and the arrow keys go on to the page's slide keys."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        tab_only(self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if int(event.key()) in _SLIDE_ARROWS:
            event.ignore()  # on to the page (the parents see an ignored key press)
            return
        super().keyPressEvent(event)


#: The title keeps at least this many average characters beside the buttons (or all of it, if
#: shorter); with less room the buttons go under it.
TITLE_ROOM_CHARS = 16
#: Pixels between the title and the buttons.
TITLE_GAP = 8


class TitleBar(QWidget):
    """The deck's title beside the buttons, or above them when that leaves it too little room."""

    def __init__(self, title: QLabel, buttons: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("titleBar")
        self.title = title
        self.buttons = buttons
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(TITLE_GAP)
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(0, 1)
        self.stacked: bool | None = None
        self._arrange(stacked=False)

    def title_room(self) -> int:
        """The width the title should keep beside the buttons."""
        metrics = self.title.fontMetrics()
        return min(self.title.sizeHint().width(), metrics.averageCharWidth() * TITLE_ROOM_CHARS)

    def _arrange(self, stacked: bool) -> None:
        if stacked == self.stacked:
            return
        self.stacked = stacked
        self.grid.removeWidget(self.title)
        self.grid.removeWidget(self.buttons)
        self.grid.addWidget(self.title, 0, 0)
        if stacked:
            self.grid.addWidget(self.buttons, 1, 0)
        else:
            self.grid.addWidget(self.buttons, 0, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        needed = self.title_room() + TITLE_GAP + self.buttons.sizeHint().width()
        self._arrange(stacked=self.width() < needed)
        super().resizeEvent(event)


class KeysCue(QWidget):
    """Holds the current slide and frames it while `lit` (the page has the keyboard)."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keysCue")
        self.lit = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(CUE_WIDTH, CUE_WIDTH, CUE_WIDTH, CUE_WIDTH)
        layout.addWidget(content)

    def set_lit(self, lit: bool) -> None:
        if lit != self.lit:
            self.lit = lit
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.lit:
            return
        painter = QPainter(self)
        # The ring's look: dark outside, white inside, so it shows on any slide and page.
        draw_ring(painter, QRect(self.rect()), CUE_WIDTH - 1)
        painter.end()


__all__ = ["CUE_WIDTH", "KeysCue", "PresenterButton", "TitleBar"]
