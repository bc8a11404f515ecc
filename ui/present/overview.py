"""Panels drawn over the presenter view: the help overlay (every key) and the overview grid
(every slide as a thumbnail). While one is open it takes the keys."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from hexikit.ui.present.keys import KeyBindings
from hexikit.ui.present.render import THUMBNAIL_SIZE
from hexikit.ui.present.state import Presentation


class Overlay(QWidget):
    """A panel drawn over the presenter view; it takes the keys while it is open."""

    closed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide()

    def open(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def close_overlay(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    def handle_key(self, event: QKeyEvent) -> bool:
        """A key pressed while the overlay is open: True if the overlay used it."""
        return False


class HelpOverlay(Overlay):
    """Lists every key of the presenter; any key or click closes it."""

    def __init__(self, bindings: KeyBindings, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self._bindings = bindings

    def lines(self) -> list[tuple[str, str]]:
        rows = [(", ".join(b.labels), b.description) for b in self._bindings.bindings]
        rows.insert(0, (self.tr("number, then Enter"), self.tr("Go to that slide")))
        return rows

    def handle_key(self, event: QKeyEvent) -> bool:
        self.close_overlay()
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.close_overlay()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(16, 16, 16, 246))
        rows = self.lines()
        margin = 40
        line_h = max(18, min(34, (self.height() - 2 * margin - 60) // max(1, len(rows))))
        font = QFont("DejaVu Sans")
        font.setPixelSize(round(line_h * 0.62))
        bold = QFont(font)
        bold.setBold(True)
        title_font = QFont(font)
        title_font.setPixelSize(round(line_h * 0.95))
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(margin, margin + line_h, self.tr("Keys (press any key to close)"))
        # The key column is as wide as its widest entry, up to half the overlay.
        painter.setFont(bold)
        metrics = painter.fontMetrics()
        widest = max((metrics.horizontalAdvance(keys) for keys, _d in rows), default=100)
        key_w = min(widest + 10, (self.width() - 2 * margin) // 2)
        y = margin + line_h * 2
        for keys, description in rows:
            painter.setFont(bold)
            painter.setPen(QColor("#f2a541"))
            painter.drawText(
                QRect(margin, y, key_w, line_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                painter.fontMetrics().elidedText(keys, Qt.TextElideMode.ElideRight, key_w),
            )
            painter.setFont(font)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(
                QRect(margin + key_w + 24, y, self.width() - key_w - 2 * margin - 24, line_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                description,
            )
            y += line_h
        painter.end()


class OverviewGrid(Overlay):
    """Every slide as a thumbnail; arrows move, Enter or a click jumps, G or Esc closes.
    It is modal over the page: every other key, Tab too, does nothing while it is open.

    Signals:
        slideChosen(int): the user picked this slide.
    """

    slideChosen = Signal(int)
    COLUMNS = 5

    def __init__(self, presentation: Presentation, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("overviewGrid")
        self.presentation = presentation
        self.selected = 1
        self._scroll_row = 0
        presentation.cache.rendered.connect(self._rendered)

    def open(self) -> None:
        self.selected = max(1, self.presentation.current)
        self._scroll_row = 0
        super().open()
        self._keep_visible()

    def _rendered(self, _number: int, size: QSize) -> None:
        if self.isVisible() and size == THUMBNAIL_SIZE:
            self.update()

    def _cell(self) -> tuple[int, int, int]:
        margin = 24
        cell_w = (self.width() - 2 * margin) // self.COLUMNS
        cell_h = round((cell_w - 16) * 9 / 16) + 40
        return margin, cell_w, cell_h

    def _visible_rows(self) -> int:
        margin, _cell_w, cell_h = self._cell()
        return max(1, (self.height() - 2 * margin) // max(1, cell_h))

    def _keep_visible(self) -> None:
        row = (self.selected - 1) // self.COLUMNS
        rows = self._visible_rows()
        if row < self._scroll_row:
            self._scroll_row = row
        elif row >= self._scroll_row + rows:
            self._scroll_row = row - rows + 1
        self.update()

    def move_selection(self, delta: int) -> None:
        count = self.presentation.count
        if count:
            self.selected = min(max(1, self.selected + delta), count)
            self._keep_visible()

    def handle_key(self, event: QKeyEvent) -> bool:
        key = int(event.key())
        moves = {
            int(Qt.Key.Key_Right): 1,
            int(Qt.Key.Key_Left): -1,
            int(Qt.Key.Key_Down): self.COLUMNS,
            int(Qt.Key.Key_Up): -self.COLUMNS,
            int(Qt.Key.Key_PageDown): self.COLUMNS * self._visible_rows(),
            int(Qt.Key.Key_PageUp): -self.COLUMNS * self._visible_rows(),
        }
        if key in moves:
            self.move_selection(moves[key])
        elif key == Qt.Key.Key_Home:
            self.move_selection(-self.presentation.count)
        elif key == Qt.Key.Key_End:
            self.move_selection(self.presentation.count)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.close_overlay()
            self.slideChosen.emit(self.selected)
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_G):
            self.close_overlay()
        return True  # the grid swallows every other key: nothing stray reaches the show

    def number_at(self, x: float, y: float) -> int | None:
        margin, cell_w, cell_h = self._cell()
        column = int((x - margin) // cell_w)
        row = int((y - margin) // cell_h) + self._scroll_row
        if not 0 <= column < self.COLUMNS or x < margin:
            return None
        number = row * self.COLUMNS + column + 1
        return number if 1 <= number <= self.presentation.count else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        number = self.number_at(event.position().x(), event.position().y())
        if number is not None:
            self.close_overlay()
            self.slideChosen.emit(number)

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.move_selection(-self.COLUMNS if event.angleDelta().y() > 0 else self.COLUMNS)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#1b1b1b"))
        margin, cell_w, cell_h = self._cell()
        font = QFont("DejaVu Sans")
        font.setPixelSize(15)
        painter.setFont(font)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rows = self._visible_rows() + 1
        first = self._scroll_row * self.COLUMNS + 1
        last = min(self.presentation.count, first + rows * self.COLUMNS - 1)
        for number in range(first, last + 1):
            index = number - first
            x = margin + (index % self.COLUMNS) * cell_w
            y = margin + (index // self.COLUMNS) * cell_h
            picture = QRectF(x + 8, y + 8, cell_w - 16, (cell_w - 16) * 9 / 16)
            thumb = self.presentation.cache.thumbnail(number)
            if thumb is not None:
                painter.drawImage(picture, thumb)
            else:
                painter.fillRect(picture, QColor("#dddddd"))
            if number == self.selected:
                painter.setPen(QColor("#f2a541"))
                pen = painter.pen()
                pen.setWidth(5)
                painter.setPen(pen)
                painter.drawRect(picture.adjusted(-4, -4, 4, 4))
            if number == self.presentation.current:
                painter.fillRect(
                    QRectF(picture.x(), picture.bottom() + 4, 24, 4), QColor("#ffffff")
                )
            slide = self.presentation.slide(number)
            painter.setPen(QColor("#ffffff"))
            label = f"{number}. {slide.title if slide else ''}"
            painter.drawText(
                QRectF(x + 8, picture.bottom() + 8, cell_w - 16, 26),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                painter.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, cell_w - 16),
            )
        painter.end()


class OverlayKeeper:
    """A page's overlays: one open at a time, covering the page like a dialog. While one is
    open the page holds the keyboard (a button under it must not take Space or Tab); when the
    last closes, the keyboard goes back to where it was."""

    def __init__(self, page: QWidget, *overlays: Overlay) -> None:
        self.page = page
        self.overlays = overlays
        self._focus_before: QWidget | None = None
        for overlay in overlays:
            overlay.closed.connect(self._closed)

    def current(self) -> Overlay | None:
        for overlay in self.overlays:
            if overlay.isVisible():
                return overlay
        return None

    def open(self, wanted: Overlay) -> None:
        if self.current() is None:
            focused = QApplication.focusWidget()
            inside = focused is not None and self.page.isAncestorOf(focused)
            self._focus_before = focused if inside else None
        # else one overlay replaces the other: keep where the keyboard was first
        for overlay in self.overlays:
            if overlay is not wanted:
                overlay.hide()  # replaced, not closed: the keyboard stays with the page
        if self.page.isVisible():
            self.page.setFocus(Qt.FocusReason.OtherFocusReason)
        wanted.open()

    def fit(self) -> None:
        """After the page resized: the open overlay covers it again."""
        overlay = self.current()
        if overlay is not None:
            overlay.setGeometry(self.page.rect())

    def _closed(self) -> None:
        if self.current() is not None:
            return
        back, self._focus_before = self._focus_before, None
        if back is not None and back.isVisible() and back.isEnabled() and self.page.hasFocus():
            back.setFocus(Qt.FocusReason.OtherFocusReason)


__all__ = [
    "HelpOverlay",
    "Overlay",
    "OverlayKeeper",
    "OverviewGrid",
]
