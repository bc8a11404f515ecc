"""The Timer page's key list (?), drawn over the page; any key or click closes it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


@dataclass
class TimerKey:
    keys: list[Qt.Key]
    labels: str
    description: str
    action: Callable[[], object]


class HelpOverlay(QWidget):
    """The keys of the Timer page, over the page; any key or click closes it."""

    def __init__(self, keys: list[TimerKey], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("timerHelpOverlay")
        self._keys = keys
        self.hide()
        parent.installEventFilter(self)

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            parent = self.parentWidget()
            if parent is not None:
                self.setGeometry(parent.rect())
        return False

    def mousePressEvent(self, event: object) -> None:
        self.hide()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(10, 20, 32, 235))
        font = painter.font()
        margin = 40
        rows = [(key.labels, key.description) for key in self._keys]
        line_h = max(20, min(36, (self.height() - 2 * margin - 70) // max(1, len(rows))))
        font.setPixelSize(round(line_h * 0.9))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(margin, margin + line_h, self.tr("Timer keys (press any key to close)"))
        font.setPixelSize(round(line_h * 0.6))
        y = margin + line_h * 2
        key_w = min(300, self.width() // 3)
        for labels, description in rows:
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(QColor("#f4b400"))
            painter.drawText(margin, y + int(line_h * 0.7), labels)
            font.setBold(False)
            painter.setFont(font)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(margin + key_w, y + int(line_h * 0.7), description)
            y += line_h
        painter.end()


__all__ = ["HelpOverlay", "TimerKey"]
