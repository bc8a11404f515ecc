"""The run sheet's own projector scenes: a segment's title (when its scene is missing) and the
closing scene that ends the half hour."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


class SegmentTitleScene(QWidget):
    """A plain projector scene with a title and a line: used for a segment whose own scene
    (the slides) is not available, and for the closing scene, so the room never sees a stale
    screen."""

    def __init__(self, parent: QWidget | None = None, background: str = "#10233a") -> None:
        super().__init__(parent)
        self.setObjectName("segmentTitleScene")
        self._title = ""
        self._line = ""
        self._background = QColor(background)

    def set_text(self, title: str, line: str) -> None:
        self._title, self._line = title, line
        self.update()

    def text(self) -> str:
        """The title and the line, as the room reads them."""
        return f"{self._title}\n{self._line}".strip()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self._background)
        height = float(self.height())
        margin = self.width() * 0.07
        width = self.width() - 2 * margin
        top = Qt.AlignmentFlag.AlignTop
        self._draw_text(
            painter,
            height / 9,
            True,
            "#ffffff",
            QRectF(margin, height * 0.2, width, height * 0.4),
            Qt.AlignmentFlag.AlignBottom,
            self._title,
        )
        self._draw_text(
            painter,
            height / 20,
            False,
            "#c9d6e3",
            QRectF(margin, height * 0.64, width, height * 0.3),
            top,
            self._line,
        )
        painter.end()

    def _draw_text(
        self,
        painter: QPainter,
        pixel_size: float,
        bold: bool,
        colour: str,
        rect: QRectF,
        vertical: Qt.AlignmentFlag,
        text: str,
    ) -> None:
        font = QFont(self.font())
        font.setPixelSize(max(int(pixel_size), 12 if bold else 10))
        font.setBold(bold)
        painter.setFont(font)
        painter.setPen(QColor(colour))
        painter.drawText(
            rect, Qt.AlignmentFlag.AlignLeft | vertical | Qt.TextFlag.TextWordWrap, text
        )


class ClosingScene(SegmentTitleScene):
    """The end of the half hour: "Thank you — 12 offers and 9 requests today"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="#00545c")
        self.setObjectName("closingScene")
        self.show_counts(None, None)

    def show_counts(self, offers: int | None, requests: int | None) -> None:
        """The thank-you with what the room produced (None: not counted, or no event)."""
        if offers is None or requests is None:
            self.set_text(self.tr("Thank you"), self.tr("See you on Hexitime."))
            return
        offer_text = (
            self.tr("1 offer") if offers == 1 else self.tr("{n} offers").replace("{n}", str(offers))
        )
        request_text = (
            self.tr("1 request")
            if requests == 1
            else self.tr("{n} requests").replace("{n}", str(requests))
        )
        self.set_text(
            self.tr("Thank you — {offers} and {requests} today")
            .replace("{offers}", offer_text)
            .replace("{requests}", request_text),
            self.tr("See you on Hexitime."),
        )
