"""A column that scrolls up and down, never sideways (the Timer's side column, the Session's
run sheet column): at a large system font the page scrolls instead of outgrowing the laptop."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


class VerticalScroll(QScrollArea):
    """A column that scrolls up and down, never sideways: as wide as its content needs."""

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Not a Tab stop itself: Tab goes to the controls in it, and the area scrolls to them.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def _width(self, content: int) -> int:
        return content + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        hint = super().minimumSizeHint()
        if content is None:
            return hint
        return QSize(self._width(content.minimumSizeHint().width()), hint.height())

    def sizeHint(self) -> QSize:
        content = self.widget()
        hint = super().sizeHint()
        if content is None:
            return hint
        return QSize(self._width(content.sizeHint().width()), hint.height())


__all__ = ["VerticalScroll"]
