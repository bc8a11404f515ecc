"""The join scene on the projector (stage scene `Scene.ROOM`): how the room joins in.

Painted, so it scales with the screen: a large QR code of the join URL on the left; on the
right the URL in large type, the live counts, and the newest titles, each named only when its
participant consented (`hexikit.room.entries.room_summary` asks the store). A closed room
says so, with no code to scan.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from hexikit.cards.qr import QUIET_ZONE_MODULES, qr_matrix
from hexikit.records.domain import Kind
from hexikit.room.entries import RoomSummary

BACKGROUND = "#0f2a44"
TEXT = "#ffffff"
MUTED = "#b8c7d9"
OFFER = "#6fd3c4"
REQUEST = "#f7c07a"


class JoinScene(QWidget):
    """The QR code, the address, the counts and the newest entries."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("joinScene")
        self.url = ""
        self.summary: RoomSummary | None = None
        self._matrix: list[list[bool]] = []

    def show_room(self, url: str, summary: RoomSummary | None) -> None:
        if url != self.url:
            self.url = url
            self._matrix = qr_matrix(url) if url else []
        self.summary = summary
        self.update()

    def newest_lines(self) -> list[str]:
        """The newest entries as the room reads them ("Offer: Teach run charts — Ana")."""
        if self.summary is None:
            return []
        lines = []
        for kind, title, name in self.summary.newest:
            word = self.tr("Request") if kind == str(Kind.REQUEST) else self.tr("Offer")
            lines.append(f"{word}: {title}" + (f" — {name}" if name else ""))
        return lines

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(BACKGROUND))
        width, height = float(self.width()), float(self.height())
        margin = min(width, height) * 0.05
        if not self.url:
            self._text(
                painter,
                QRectF(margin, margin, width - 2 * margin, height - 2 * margin),
                self.tr("The room is closed."),
                height * 0.08,
                TEXT,
                Qt.AlignmentFlag.AlignCenter,
            )
            painter.end()
            return
        side = min(height - 2 * margin, width * 0.45)
        self._paint_qr(painter, QRectF(margin, (height - side) / 2, side, side))
        left = margin * 2 + side
        column = QRectF(left, margin, width - left - margin, height - 2 * margin)
        y = column.top()
        y += self._text(
            painter,
            QRectF(column.left(), y, column.width(), height),
            self.tr("Add your offers and requests from your phone"),
            height * 0.055,
            TEXT,
        )
        y += margin * 0.4
        y += self._text(
            painter,
            QRectF(column.left(), y, column.width(), height),
            self.tr("Scan the code, or type this address:"),
            height * 0.035,
            MUTED,
        )
        y += self._text(
            painter,
            QRectF(column.left(), y, column.width(), height),
            self.url.removeprefix("http://"),
            self._fit(self.url.removeprefix("http://"), column.width(), height * 0.06),
            TEXT,
            bold=True,
        )
        summary = self.summary
        if summary is not None:
            y += margin * 0.6
            counts = self.tr("Offers: {offers} · Requests: {requests}")
            counts = counts.replace("{offers}", str(summary.offers)).replace(
                "{requests}", str(summary.requests)
            )
            y += self._text(
                painter,
                QRectF(column.left(), y, column.width(), height),
                counts,
                height * 0.05,
                TEXT,
                bold=True,
            )
            y += margin * 0.3
            for line, (kind, _title, _name) in zip(
                self.newest_lines(), summary.newest, strict=True
            ):
                if y > column.bottom() - height * 0.04:
                    break
                colour = REQUEST if kind == str(Kind.REQUEST) else OFFER
                y += self._text(
                    painter,
                    QRectF(column.left(), y, column.width(), height * 0.05),
                    line,
                    height * 0.033,
                    colour,
                    elide=True,
                )
        painter.end()

    def _paint_qr(self, painter: QPainter, square: QRectF) -> None:
        painter.fillRect(square, QColor("#ffffff"))
        count = len(self._matrix)
        if not count:
            return
        module = square.width() / (count + 2 * QUIET_ZONE_MODULES)
        origin_x = square.left() + QUIET_ZONE_MODULES * module
        origin_y = square.top() + QUIET_ZONE_MODULES * module
        black = QColor("#000000")
        for row_index, row in enumerate(self._matrix):
            for column_index, dark in enumerate(row):
                if dark:
                    painter.fillRect(
                        QRectF(
                            origin_x + column_index * module,
                            origin_y + row_index * module,
                            module + 0.5,
                            module + 0.5,
                        ),
                        black,
                    )

    def _fit(self, text: str, width: float, size: float) -> float:
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(max(8, int(size)))
        measured = QFontMetricsF(font).horizontalAdvance(text)
        return size if measured <= width else max(8.0, size * width / measured)

    def _text(
        self,
        painter: QPainter,
        rect: QRectF,
        text: str,
        size: float,
        colour: str,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
        bold: bool = False,
        elide: bool = False,
    ) -> float:
        """Draw `text` wrapped in `rect`; returns the height used."""
        font = QFont(self.font())
        font.setPixelSize(max(8, int(size)))
        font.setBold(bold)
        painter.setFont(font)
        painter.setPen(QColor(colour))
        metrics = QFontMetricsF(font)
        if elide:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignTop), text)
            return metrics.height() * 1.25
        flags = int(align | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap)
        used = painter.boundingRect(rect, flags, text)
        painter.drawText(rect, flags, text)
        return used.height() if align != Qt.AlignmentFlag.AlignCenter else rect.height()
