"""Keyboard and screen-reader helpers every page shares (issue 13, 8 and 12).

- `FocusRing`: one ring that follows the keyboard focus around the whole app, drawn the same on
  every platform style: a dark outer line and a white inner line, so it stands out at ≥ 3:1
  (WCAG 2.2) against light pages, dark side bars and coloured buttons alike.
- `keyboard_friendly(view)`: Tab leaves a table or list (arrows move between its cells), which
  Qt's default Tab-between-cells with wrapping never does.
- `tab_only(...)`: buttons reachable with Tab whose mouse click leaves the focus where it was,
  so the Present page's keys keep working after a click.
"""

from __future__ import annotations

import itertools

import shiboken6
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFocusFrame,
    QPlainTextEdit,
    QStyle,
    QStyleOption,
    QTextEdit,
    QWidget,
)

#: The ring's outer line: near black, 16:1 on the page background (#f6f7f9), 3.2:1 on the
#: accent blue of the Save button (#2563eb).
RING_DARK = QColor("#111827")
#: The ring's inner line: white, so the ring also shows on the dark side bar (#0b3d47).
RING_LIGHT = QColor("#ffffff")

#: Set this property to True on a widget whose focus is shown some other way (the Present
#: page, which is the whole screen: the ring would only frame the window).
NO_RING = "hexikitNoFocusRing"
#: Set this property to True on a widget that is the typing part of a bigger control (a tag
#: picker's text box): the ring goes round the parent.
RING_ON_PARENT = "hexikitRingOnParent"


#: Pixels to keep free round controls inside a scroll area, which clips at its edge: the ring
#: is drawn there.
RING_ROOM = 4


_ring: FocusRing | None = None


class FocusRing(QFocusFrame):
    """The app's one focus indicator; `install()` it once, after the QApplication exists."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.setObjectName("focusRing")
        app.focusChanged.connect(self._follow)

    @classmethod
    def install(cls) -> FocusRing | None:
        """The app's ring, made on first use (and again if its window took it down with it)."""
        global _ring
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return None
        if _ring is None or not shiboken6.isValid(_ring):
            _ring = cls(app)
            _ring._follow(None, app.focusWidget())
        return _ring

    def _follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        target = new
        # A combo box or spin box gives the focus to its line edit: ring the whole control.
        while target is not None and target.parentWidget() is not None:
            parent = target.parentWidget()
            if parent is not None and (
                parent.focusProxy() is target or bool(target.property(RING_ON_PARENT))
            ):
                target = parent
            else:
                break
        if target is None or target.isWindow() or bool(target.property(NO_RING)):
            self.setWidget(None)  # type: ignore[arg-type]
            self.hide()
            return
        self.setWidget(target)
        self.show()
        self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:
        option = QStyleOption()
        option.initFrom(self)
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, option, self)
        painter = QPainter(self)
        draw_ring(painter, QRect(self.rect()), max(2, margin))
        painter.end()


def draw_ring(painter: QPainter, rect: QRect, dark_width: int = 2) -> None:
    """The ring's look just inside `rect`: `dark_width` pixels of dark, then 1 of white. For
    widgets that show their focus themselves (the Timer page, the Present page's slide)."""
    _frame(painter, rect, dark_width, RING_DARK)
    inner = dark_width
    _frame(painter, rect.adjusted(inner, inner, -inner, -inner), 1, RING_LIGHT)


def _frame(painter: QPainter, rect: QRect, width: int, color: QColor) -> None:
    """A `width`-pixel frame just inside `rect` (filled strips: no pen, so no Qt enums)."""
    x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    painter.fillRect(QRect(x, y, w, width), color)
    painter.fillRect(QRect(x, y + h - width, w, width), color)
    painter.fillRect(QRect(x, y, width, h), color)
    painter.fillRect(QRect(x + w - width, y, width, h), color)


def keyboard_friendly(*views: QAbstractItemView) -> None:
    """Tab moves on from these tables and lists (arrows move inside them), and they show
    focus."""
    for view in views:
        view.setTabKeyNavigation(False)
        view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def tab_only(*widgets: QWidget) -> None:
    """Reachable with Tab; a mouse click does not take the focus from where it was."""
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)


def chain(*widgets: QWidget) -> None:
    """Tab visits these widgets in this order (Shift+Tab the reverse)."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def tab_moves_on(*editors: QPlainTextEdit | QTextEdit) -> None:
    """Tab in these editors moves to the next control instead of typing a tab character."""
    for editor in editors:
        editor.setTabChangesFocus(True)
