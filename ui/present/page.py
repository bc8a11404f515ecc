"""Present mode: the deck on the projector, the presenter view (notes, clocks) on the laptop.

Pieces:
- `Presentation`: the state of a talk (deck, current slide, black/white, the clock).
- `SlideView`: paints a pre-rendered slide image (never renders on a key press).
- `SlidesScene`: the stage scene (`hexikit.ui.stage.SLIDES`) the audience sees; other
  capabilities use its public methods to show a slide or start presenting.
- `PresentPage`: the mode page with the presenter view, its keys, the overview grid, the help
  overlay and the deck's problems.

Keys are one table (`KeyBindings`); other capabilities add theirs with `add_key`, and every
key appears in the help overlay. Keys pressed in the audience window come through its
`keyPressed` signal to the same handler.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hexikit.base.clock import Clock
from hexikit.base.durations import Rounding, format_countdown, format_duration
from hexikit.base.resources import builtin_deck_dir
from hexikit.decks.deck import ERROR, Deck, Problem, Slide, load_deck
from hexikit.decks.layout import inline_html
from hexikit.ui.context import AppContext
from hexikit.ui.present.render import THUMBNAIL_SIZE, SlideCache, slide_size_for
from hexikit.ui.screens import ScreenPlacer, identify_screens
from hexikit.ui.stage import BLACK, SLIDES, WHITE, AudienceWindow
from hexikit.ui.worker import Worker

log = logging.getLogger(__name__)

MIN_NOTES_PT = 10
#: Seconds off the even (or per-slide) plan before the pace is called behind or ahead.
PACE_TOLERANCE = 60
MAX_NOTES_PT = 72
DECK_FILTER = "Decks (*.md *.markdown *.txt *.pdf *.pptx);;All files (*)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Presenter", text)


class Presentation(QObject):
    """The state of one talk: deck, current slide, blanking and the talk clock.

    Signals:
        deckChanged(): a new deck was set (or the same one reloaded).
        slideChanged(int): the current slide number (1-based).
        blankChanged(str): "black", "white" or "" when the slide is shown.
        presentingChanged(bool): the show started (True) or ended (False).
        clockChanged(): the clock was started, paused, resumed or reset.
    """

    deckChanged = Signal()
    slideChanged = Signal(int)
    blankChanged = Signal(str)
    presentingChanged = Signal(bool)
    clockChanged = Signal()

    def __init__(self, worker: Worker, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.cache = SlideCache(worker, self)
        self.deck: Deck | None = None
        self.current = 0
        self.blank = ""
        self.presenting = False
        # The talk clock: accumulated seconds plus the running stretch since `_running_since`.
        self._accumulated = 0.0
        self._running_since: float | None = None
        self._sizes: dict[str, QSize] = {}
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.setInterval(20)
        self._prefetch_timer.timeout.connect(self.prefetch)

    # Deck and slides ---------------------------------------------------------------------

    @property
    def count(self) -> int:
        return 0 if self.deck is None else len(self.deck.slides)

    def slide(self, number: int) -> Slide | None:
        return None if self.deck is None else self.deck.slide(number)

    def set_deck(self, deck: Deck, start_at: int = 1) -> None:
        self.deck = deck
        self.cache.set_deck(deck)
        self.current = min(max(1, start_at), len(deck.slides)) if deck.slides else 0
        self.deckChanged.emit()
        self.prefetch()
        self.cache.request_thumbnails()
        self.slideChanged.emit(self.current)

    def go_to(self, number: int) -> bool:
        """Show slide `number` (clamped to the deck). Returns True if the slide changed."""
        if self.count == 0:
            return False
        number = min(max(1, number), self.count)
        changed = number != self.current
        self.current = number
        if self.blank:
            self.set_blank("")
        if changed:
            self.slideChanged.emit(number)
            # Render ahead once this change is on screen, so the renders never compete with
            # the repaint of the slide just asked for.
            self._prefetch_timer.start()
        return changed

    def next(self) -> bool:
        if self.blank:
            self.set_blank("")
            return False
        return self.go_to(self.current + 1)

    def previous(self) -> bool:
        if self.blank:
            self.set_blank("")
            return False
        return self.go_to(self.current - 1)

    def set_blank(self, kind: str) -> None:
        """Black or white the audience screen ("" shows the slide again)."""
        if kind == self.blank:
            return
        self.blank = kind
        self.blankChanged.emit(kind)

    def toggle_blank(self, kind: str) -> None:
        self.set_blank("" if self.blank == kind else kind)

    # Rendering ahead ----------------------------------------------------------------------

    def set_view_size(self, name: str, size: QSize) -> None:
        """A view (audience, current, next) paints at this device size; render for it."""
        if self._sizes.get(name) == size:
            return
        self._sizes[name] = QSize(size)
        self.prefetch()

    def prefetch_pending(self) -> bool:
        return self._prefetch_timer.isActive()

    def prefetch(self) -> None:
        """Render previous, current, next (and the one after) at every view size."""
        if self.count == 0:
            return
        numbers = [self.current, self.current + 1, self.current - 1, self.current + 2]
        self.cache.request([n for n in numbers if 1 <= n <= self.count], self._sizes.values())

    # Show ---------------------------------------------------------------------------------

    def start(self, from_slide: int = 1, reset_clock: bool = True) -> None:
        if reset_clock:
            self._accumulated = 0.0
            self._running_since = None
        self.go_to(from_slide)
        self.set_blank("")
        self.resume_clock()
        if not self.presenting:
            self.presenting = True
            self.presentingChanged.emit(True)

    def end(self) -> None:
        self.pause_clock()
        if self.presenting:
            self.presenting = False
            self.presentingChanged.emit(False)

    # Clock --------------------------------------------------------------------------------

    @property
    def clock_running(self) -> bool:
        return self._running_since is not None

    def elapsed(self) -> float:
        running = 0.0
        if self._running_since is not None:
            running = self.clock.monotonic() - self._running_since
        return self._accumulated + running

    def remaining(self) -> float | None:
        """Seconds left to the deck's target (negative past it), or None without a target."""
        target = self.deck.target_seconds if self.deck is not None else None
        return None if target is None else target - self.elapsed()

    def planned_start(self, number: int) -> float | None:
        """When slide `number` should start, in seconds into the talk: the slides' own
        targets where given, the rest of the deck's target shared evenly. None: no plan."""
        deck = self.deck
        if deck is None or not deck.slides:
            return None
        known = [s.target_seconds for s in deck.slides if s.target_seconds is not None]
        unknown = len(deck.slides) - len(known)
        if unknown and deck.target_seconds is None:
            return None
        share = 0.0
        if unknown and deck.target_seconds is not None:
            share = max(0.0, deck.target_seconds - sum(known)) / unknown
        return sum(
            s.target_seconds if s.target_seconds is not None else share
            for s in deck.slides[: max(0, number - 1)]
        )

    def pace(self) -> float | None:
        """Seconds behind (positive) or ahead (negative) of the plan for the current slide."""
        planned = self.planned_start(self.current)
        if planned is None or (not self.presenting and self.elapsed() == 0):
            return None
        return self.elapsed() - planned

    def pause_clock(self) -> None:
        if self._running_since is not None:
            self._accumulated += self.clock.monotonic() - self._running_since
            self._running_since = None
            self.clockChanged.emit()

    def resume_clock(self) -> None:
        if self._running_since is None:
            self._running_since = self.clock.monotonic()
            self.clockChanged.emit()

    def toggle_clock(self) -> None:
        if self.clock_running:
            self.pause_clock()
        else:
            self.resume_clock()

    def reset_clock(self) -> None:
        running = self._running_since is not None
        self._accumulated = 0.0
        self._running_since = self.clock.monotonic() if running else None
        self.clockChanged.emit()


class SlideView(QWidget):
    """Paints one slide from the cache: `offset` 0 is the current slide, 1 the next one.

    It never renders on the GUI thread: until the exact image is ready it paints the
    thumbnail scaled up (or the title), and repaints when the cache announces the image.
    """

    def __init__(
        self,
        presentation: Presentation,
        view_name: str,
        offset: int = 0,
        follow_blank: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.presentation = presentation
        self.view_name = view_name
        self.offset = offset
        self.follow_blank = follow_blank
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setMinimumSize(160, 90)
        presentation.slideChanged.connect(self._changed)
        presentation.deckChanged.connect(self._deck_changed)
        presentation.cache.rendered.connect(self._rendered)
        if follow_blank:
            presentation.blankChanged.connect(lambda _kind: self.update())

    @property
    def number(self) -> int:
        return self.presentation.current + self.offset

    def device_size(self) -> QSize:
        ratio = self.devicePixelRatioF()
        return slide_size_for(QSize(round(self.width() * ratio), round(self.height() * ratio)))

    def _changed(self, _number: int) -> None:
        self.update()

    def _deck_changed(self) -> None:
        if self.isVisible():
            self.presentation.set_view_size(self.view_name, self.device_size())
        self.update()

    def _rendered(self, number: int, _size: QSize) -> None:
        if number == self.number:
            self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            self.presentation.set_view_size(self.view_name, self.device_size())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.presentation.set_view_size(self.view_name, self.device_size())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        number = self.number
        slide = self.presentation.slide(number)
        if slide is None:
            painter.fillRect(self.rect(), QColor("#000000"))
            self._paint_end(painter)
            painter.end()
            return
        ratio = self.devicePixelRatioF()
        size = self.device_size()
        target = QRectF(
            (self.width() - size.width() / ratio) / 2,
            (self.height() - size.height() / ratio) / 2,
            size.width() / ratio,
            size.height() / ratio,
        )
        # Only the letterbox bands are filled: the slide image covers the rest (speed).
        if target.top() > 0:
            painter.fillRect(QRectF(0, 0, self.width(), target.top()), QColor("#000000"))
            painter.fillRect(
                QRectF(0, target.bottom(), self.width(), self.height() - target.bottom()),
                QColor("#000000"),
            )
        if target.left() > 0:
            painter.fillRect(QRectF(0, 0, target.left(), self.height()), QColor("#000000"))
            painter.fillRect(
                QRectF(target.right(), 0, self.width() - target.right(), self.height()),
                QColor("#000000"),
            )
        image = self.presentation.cache.image(number, size)
        if image is not None:
            if image.devicePixelRatio() != ratio:
                image.setDevicePixelRatio(ratio)
            painter.drawImage(target.topLeft(), image)
        else:
            self.presentation.prefetch()
            thumbnail = self.presentation.cache.thumbnail(number)
            if thumbnail is not None:
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                painter.drawImage(target, thumbnail)
            else:
                painter.fillRect(target, QColor("#ffffff"))
                painter.setPen(QColor("#111111"))
                font = QFont("DejaVu Sans")
                font.setPixelSize(max(8, round(target.height() / 14)))
                painter.setFont(font)
                painter.drawText(target, Qt.AlignmentFlag.AlignCenter, slide.title)
        if self.follow_blank and self.presentation.blank:
            self._paint_blank_veil(painter, target)
        painter.end()

    def _paint_blank_veil(self, painter: QPainter, target: QRectF) -> None:
        """The presenter still sees the slide, veiled, and what the audience sees instead."""
        white = self.presentation.blank == WHITE
        painter.fillRect(target, QColor(255, 255, 255, 200) if white else QColor(0, 0, 0, 190))
        painter.setPen(QColor("#111111") if white else QColor("#ffffff"))
        font = QFont("DejaVu Sans")
        font.setBold(True)
        font.setPixelSize(max(10, round(target.height() / 12)))
        painter.setFont(font)
        text = (
            self.tr("White screen (W to show the slide)")
            if white
            else self.tr("Black screen (B to show the slide)")
        )
        painter.drawText(target, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)

    def _paint_end(self, painter: QPainter) -> None:
        if self.offset > 0 and self.presentation.count:
            painter.setPen(QColor("#bbbbbb"))
            font = QFont("DejaVu Sans")
            font.setPixelSize(max(10, self.height() // 10))
            painter.setFont(font)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("End of the deck"))


class SlidesScene(SlideView):
    """The slides as the audience sees them: the stage scene `hexikit.ui.stage.SLIDES`.

    Other capabilities find it with `context.audience.scene(SLIDES)` and use:
    `show_slide(n)`, `current_slide()`, `start_presenting(from_slide)`, `add_key(...)` and
    the `slideChanged` signal.

    Signals:
        slideChanged(int): the current slide number (1-based) changed.
    """

    slideChanged = Signal(int)

    def __init__(self, page: PresentPage, parent: QWidget | None = None) -> None:
        super().__init__(page.presentation, "audience", 0, follow_blank=False, parent=parent)
        self._page = page
        self.setObjectName("slidesScene")
        # No mouse pointer over the audience's slides.
        self.setCursor(Qt.CursorShape.BlankCursor)
        page.presentation.slideChanged.connect(self.slideChanged)

    def show_slide(self, number: int) -> None:
        """Make slide `number` the current slide (shown on the stage if the stage shows us)."""
        self.presentation.go_to(number)

    def current_slide(self) -> int:
        return self.presentation.current

    def start_presenting(self, from_slide: int = 1) -> None:
        """Start the show at `from_slide`: the audience window goes to its screen."""
        self._page.start_show(from_slide, reset_clock=from_slide == 1)

    def add_key(
        self,
        key: Qt.Key | QKeySequence | list[Qt.Key | QKeySequence],
        callback: Callable[[], object],
        description: str,
    ) -> None:
        """Bind a key on the presenter view (and the audience window); see PresentPage."""
        self._page.add_key(key, callback, description)

    def page(self) -> PresentPage:
        """The presenter view this scene belongs to."""
        return self._page


@dataclass
class KeyBinding:
    keys: list[tuple[int, int | None]]  # (key, modifiers or None = any shift/keypad)
    callback: Callable[[], object]
    description: str
    labels: list[str]


def _key_label(key: Qt.Key | QKeySequence) -> str:
    if isinstance(key, QKeySequence):
        return key.toString(QKeySequence.SequenceFormat.NativeText)
    special = {
        Qt.Key.Key_Space: "Space",
        Qt.Key.Key_Return: "Enter",
        Qt.Key.Key_Enter: "Enter",
        Qt.Key.Key_Period: ".",
        Qt.Key.Key_Comma: ",",
        Qt.Key.Key_Question: "?",
        Qt.Key.Key_Plus: "+",
        Qt.Key.Key_Minus: "-",
    }
    if key in special:
        return special[key]
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


_IGNORED_MODIFIERS = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier


class KeyBindings:
    """The presenter's keys: one table, so the help overlay lists every one of them."""

    def __init__(self) -> None:
        self.bindings: list[KeyBinding] = []

    def add(
        self,
        keys: list[Qt.Key | QKeySequence] | Qt.Key | QKeySequence,
        callback: Callable[[], object],
        description: str,
    ) -> None:
        key_list = keys if isinstance(keys, list) else [keys]
        parsed: list[tuple[int, int | None]] = []
        for key in key_list:
            if isinstance(key, QKeySequence):
                if key.isEmpty():
                    continue
                combination = cast(Any, key)[0]
                parsed.append(
                    (int(combination.key().value), int(combination.keyboardModifiers().value))
                )
            else:
                parsed.append((int(key.value), None))
        labels: list[str] = []
        for key in key_list:
            label = _key_label(key)
            if label not in labels:
                labels.append(label)
        self.bindings.append(KeyBinding(parsed, callback, description, labels))

    def find(self, event: QKeyEvent) -> KeyBinding | None:
        key = int(event.key())
        modifiers = int(event.modifiers().value)
        relevant = modifiers & ~int(Qt.KeyboardModifier.KeypadModifier.value)
        # Exact matches (e.g. Shift+F5) win over plain keys.
        for binding in reversed(self.bindings):
            if any(k == key and m == relevant for k, m in binding.keys if m is not None):
                return binding
        loose = modifiers & ~int(_IGNORED_MODIFIERS.value)
        if loose:
            return None  # Ctrl/Alt combinations belong to the menus
        for binding in reversed(self.bindings):
            if any(k == key for k, m in binding.keys if m is None):
                return binding
        return None


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
    """Every slide as a thumbnail; arrows move, Enter or a click jumps, Tab/G/Esc closes.

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
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_G, Qt.Key.Key_Backtab):
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


class _ClockLabel(QLabel):
    def __init__(self, object_name: str, size_px: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        font = QFont("DejaVu Sans")
        font.setPixelSize(size_px)
        font.setBold(True)
        self.setFont(font)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)


class PresentPage(QWidget):
    """The Present mode page: the presenter view and its controls.

    Signals:
        slideChanged(int): the current slide number changed.
        deckLoaded(str): a deck was loaded (its path).
    """

    slideChanged = Signal(int)
    deckLoaded = Signal(str)

    @classmethod
    def mode_title(cls) -> str:
        return QCoreApplication.translate("PresentPage", "Present")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.audience: AudienceWindow = context.audience
        self.presentation = Presentation(context.worker, context.clock, self)
        self.presentation.slideChanged.connect(self._slide_changed)
        self.presentation.deckChanged.connect(self._deck_changed)
        self.presentation.blankChanged.connect(self._blank_changed)
        self.presentation.clockChanged.connect(self._tick)
        self.presentation.presentingChanged.connect(self._presenting_changed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._digits = ""
        self.keys = KeyBindings()
        self._build()
        self.scene = SlidesScene(self)
        self.audience.add_scene(SLIDES, self.scene)
        self.audience.keyPressed.connect(self.handle_key)
        self.screens = ScreenPlacer(
            self.audience,
            lambda: self,
            context.settings.audience_screen_by_name,
            context.save_settings,
            self,
        )
        self.screens.placementChanged.connect(self._update_screen_label)
        # The timer and the run sheet show the stage through this too, so it lands full screen
        # on the projector even when no slide was ever shown.
        self.audience.set_placer(self.screens.show_audience)
        self.help_overlay = HelpOverlay(self.keys, self)
        self.grid = OverviewGrid(self.presentation, self)
        self.grid.slideChosen.connect(self.presentation.go_to)
        self._add_default_keys()
        self._add_menu_actions(parent)
        # Rehearse mode, teleprompter, notes editing and deck import (issue 8) plug in here.
        from hexikit.ui.rehearse.coach import attach_rehearsal

        self.rehearsal = attach_rehearsal(self)
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(0)
        self._notes_timer.timeout.connect(self._refresh_notes)
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._tick()
        last = context.settings.last_deck_path
        self.open_deck(Path(last) if last and Path(last).exists() else builtin_deck_dir())

    # Building -----------------------------------------------------------------------------

    def _button(self, text: str, slot: Callable[[], None], name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _=False: slot())
        return button

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        bar = QHBoxLayout()
        self.deck_label = QLabel()
        self.deck_label.setObjectName("deckTitle")
        bold = self.deck_label.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.deck_label.setFont(bold)
        bar.addWidget(self.deck_label, 1)
        self.start_button = self._button(self.tr("Start (F5)"), lambda: self.start_show(1), "start")
        self.open_button = self._button(self.tr("Open deck…"), self.choose_deck, "openDeck")
        self.builtin_button = self._button(
            self.tr("Built-in deck"), lambda: self.open_deck(builtin_deck_dir()), "builtinDeck"
        )
        self.pause_button = self._button(
            self.tr("Pause clock"), self.presentation.toggle_clock, "pauseClock"
        )
        self.reset_button = self._button(
            self.tr("Reset clock"), self.presentation.reset_clock, "resetClock"
        )
        self.swap_button = self._button(self.tr("Swap screens (S)"), self.swap_screens, "swap")
        self.identify_button = self._button(
            self.tr("Identify screens"), self.identify_screens, "identify"
        )
        self.help_button = self._button(self.tr("Keys (?)"), self.show_help, "help")
        for button in (
            self.start_button,
            self.pause_button,
            self.reset_button,
            self.open_button,
            self.builtin_button,
            self.swap_button,
            self.identify_button,
            self.help_button,
        ):
            bar.addWidget(button)
        layout.addLayout(bar)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        self.current_view = SlideView(self.presentation, "current", 0, follow_blank=True)
        self.current_view.setObjectName("currentSlide")
        self.current_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        top_layout.addWidget(self.current_view, 3)
        side = QVBoxLayout()
        self.next_label = QLabel(self.tr("Next"))
        side.addWidget(self.next_label)
        self.next_view = SlideView(self.presentation, "next", 1)
        self.next_view.setObjectName("nextSlide")
        self.next_view.setMinimumSize(240, 135)
        side.addWidget(self.next_view, 2)
        self.position_label = _ClockLabel("slidePosition", 30)
        self.elapsed_label = _ClockLabel("elapsed", 46)
        self.countdown_label = _ClockLabel("countdown", 34)
        self.time_of_day_label = _ClockLabel("timeOfDay", 22)
        self.pace_label = _ClockLabel("pace", 20)
        self.status_label = QLabel()
        self.status_label.setObjectName("showStatus")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_label.setWordWrap(True)
        for widget in (
            self.position_label,
            self.elapsed_label,
            self.countdown_label,
            self.pace_label,
            self.time_of_day_label,
            self.status_label,
        ):
            side.addWidget(widget)
        side.addStretch(1)
        top_layout.addLayout(side, 2)
        splitter.addWidget(top)

        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        notes_bar = QHBoxLayout()
        notes_title = QLabel(self.tr("Notes"))
        notes_bar.addWidget(notes_title)
        notes_bar.addStretch(1)
        self.smaller_button = self._button("A−", lambda: self.change_notes_size(-2), "notesSmaller")
        self.larger_button = self._button("A+", lambda: self.change_notes_size(2), "notesLarger")
        self.smaller_button.setToolTip(self.tr("Smaller notes (-)"))
        self.larger_button.setToolTip(self.tr("Larger notes (+)"))
        notes_bar.addWidget(self.smaller_button)
        notes_bar.addWidget(self.larger_button)
        bottom_layout.addLayout(notes_bar)
        self.notes = QTextBrowser()
        self.notes.setObjectName("notes")
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notes.setOpenLinks(False)
        bottom_layout.addWidget(self.notes, 1)
        self.problems = QListWidget()
        self.problems.setObjectName("problems")
        self.problems.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.problems.setMaximumHeight(110)
        self.problems.itemClicked.connect(self._problem_clicked)
        bottom_layout.addWidget(self.problems)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)
        self._apply_notes_size()

    def slides_on_projector(self) -> bool:
        """False while another capability (timer, match board, feedback) holds the projector.

        Slide keys then leave the hidden slides alone: a clicker press during the timer must
        not move the talk on behind the room's back.
        """
        if not self.audience.isVisible():
            return True
        return self.audience.current_scene in (SLIDES, BLACK, WHITE)

    def _if_slides_shown(self, move: Callable[[], object]) -> Callable[[], object]:
        def guarded() -> object:
            if self.slides_on_projector():
                return move()
            self.status_label.setText(
                self.tr(
                    "The projector is not showing the slides, so the slide did not move. "
                    "Press T to bring the slides back."
                )
            )
            return None

        return guarded

    def _add_default_keys(self) -> None:
        p = self.presentation
        k = Qt.Key
        self.add_key(
            [
                k.Key_Right,
                k.Key_Down,
                k.Key_PageDown,
                k.Key_Space,
                k.Key_Return,
                k.Key_Enter,
                k.Key_N,
            ],
            self._if_slides_shown(p.next),
            self.tr("Next slide"),
        )
        self.add_key(
            [k.Key_Left, k.Key_Up, k.Key_PageUp, k.Key_Backspace, k.Key_P],
            self._if_slides_shown(p.previous),
            self.tr("Previous slide"),
        )
        self.add_key(k.Key_Home, self._if_slides_shown(lambda: p.go_to(1)), self.tr("First slide"))
        self.add_key(
            k.Key_End, self._if_slides_shown(lambda: p.go_to(p.count)), self.tr("Last slide")
        )
        self.add_key(
            [k.Key_B, k.Key_Period], lambda: p.toggle_blank(BLACK), self.tr("Black screen")
        )
        self.add_key([k.Key_W, k.Key_Comma], lambda: p.toggle_blank(WHITE), self.tr("White screen"))
        self.add_key(
            QKeySequence("F5"), lambda: self.start_show(1), self.tr("Start from the first slide")
        )
        self.add_key(
            QKeySequence("Shift+F5"),
            lambda: self.start_show(p.current, reset_clock=False),
            self.tr("Start from the current slide"),
        )
        self.add_key(k.Key_Escape, self.end_show, self.tr("End the show (back to this view)"))
        self.add_key([k.Key_Tab, k.Key_G], self.show_grid, self.tr("Overview of all slides"))
        self.add_key([k.Key_Question, QKeySequence("F1")], self.show_help, self.tr("This help"))
        self.add_key(
            [k.Key_Plus, k.Key_Equal], lambda: self.change_notes_size(2), self.tr("Larger notes")
        )
        self.add_key(
            [k.Key_Minus, k.Key_Underscore],
            lambda: self.change_notes_size(-2),
            self.tr("Smaller notes"),
        )
        self.add_key(k.Key_S, self.swap_screens, self.tr("Swap the screens"))

    def _add_menu_actions(self, parent: QWidget | None) -> None:
        if not isinstance(parent, QMainWindow):
            return
        menu = getattr(parent, "file_menu", None)
        if menu is None:
            return
        open_action = QAction(self.tr("Open &deck…"), self)
        open_action.setObjectName("openDeckAction")
        open_action.triggered.connect(self.choose_deck)
        builtin_action = QAction(self.tr("Open the &built-in deck"), self)
        builtin_action.triggered.connect(lambda _=False: self.open_deck(builtin_deck_dir()))
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, open_action)
        menu.insertAction(first, builtin_action)
        if first is not None:
            menu.insertSeparator(first)

    # Public API for other capabilities ---------------------------------------------------

    def add_key(
        self,
        key: Qt.Key | QKeySequence | list[Qt.Key | QKeySequence],
        callback: Callable[[], object],
        description: str,
    ) -> None:
        """Bind a key (it then also appears in the help overlay). Later bindings win."""
        self.keys.add(key, callback, description)

    def show_slide(self, number: int) -> None:
        self.presentation.go_to(number)

    def current_slide(self) -> int:
        return self.presentation.current

    # Deck ---------------------------------------------------------------------------------

    def choose_deck(self) -> None:
        start = self.context.settings.last_deck_path or str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open a deck"), start, self.tr(DECK_FILTER)
        )
        if path:
            self.open_deck(Path(path))

    def open_deck(
        self, path: Path, on_loaded: Callable[[Deck], None] | None = None, start_at: int = 1
    ) -> None:
        """Load a deck off the GUI thread, then show it (and call `on_loaded`)."""
        self.deck_label.setText(self.tr("Opening {name}…").replace("{name}", path.name))

        def loaded(deck: Deck) -> None:
            self.presentation.set_deck(deck, start_at)
            if deck.source_path is not None:
                remembered = "" if _is_builtin(deck.source_path) else str(deck.source_path)
                if remembered != self.context.settings.last_deck_path:
                    self.context.settings.last_deck_path = remembered
                    self.context.save_settings()
            self.deckLoaded.emit(str(deck.source_path or path))
            if on_loaded is not None:
                on_loaded(deck)

        def failed(error: BaseException) -> None:
            # load_deck does not raise on bad input; this is a bug, but never a crash.
            log.error("loading deck %s failed", path, exc_info=error)
            self.deck_label.setText(
                self.tr("The deck could not be opened: {error}").replace("{error}", str(error))
            )

        self.context.worker.run(lambda: load_deck(path), loaded, failed, lane="io")

    def _deck_changed(self) -> None:
        deck = self.presentation.deck
        if deck is None:
            return
        title = deck.title
        if deck.target_minutes:
            title += "  ·  " + self.tr("{minutes} min").replace(
                "{minutes}", f"{deck.target_minutes:g}"
            )
        self.deck_label.setText(title)
        self.problems.clear()
        for problem in deck.problems:
            item = QListWidgetItem(_problem_text(problem))
            item.setData(Qt.ItemDataRole.UserRole, problem.line)
            if problem.severity == ERROR:
                item.setForeground(QColor("#b00020"))
            self.problems.addItem(item)
        self.problems.setVisible(bool(deck.problems))
        self._expect_audience_size()
        self._show_notes()
        self._tick()

    def _problem_clicked(self, item: QListWidgetItem) -> None:
        line = int(item.data(Qt.ItemDataRole.UserRole) or 0)
        deck = self.presentation.deck
        if deck is None or not line:
            return
        number = 1
        for slide in deck.slides:
            if slide.line <= line:
                number = slide.number
        self.presentation.go_to(number)

    # Show ---------------------------------------------------------------------------------

    def start_show(self, from_slide: int = 1, reset_clock: bool = True) -> None:
        """Start presenting: the audience window shows the slides on its screen."""
        if self.presentation.count == 0:
            return
        self._expect_audience_size()
        self.audience.show_scene(SLIDES)
        self.presentation.start(from_slide, reset_clock)
        self.screens.show_audience()
        self.setFocus()

    def end_show(self) -> None:
        """End the show: the audience window goes away; the app keeps running."""
        if self.help_overlay.isVisible() or self.grid.isVisible():
            return
        self.presentation.end()
        if self.audience.current_scene in (SLIDES, BLACK, WHITE):
            self.screens.hide_audience()
        # Back to the presenter view, in front, with the keys.
        window = self.window()
        window.raise_()
        window.activateWindow()
        self.setFocus()

    def _presenting_changed(self, presenting: bool) -> None:
        self.start_button.setText(self.tr("Restart (F5)") if presenting else self.tr("Start (F5)"))
        self._tick()

    def _blank_changed(self, kind: str) -> None:
        if kind == BLACK:
            self.audience.show_scene(BLACK)
        elif kind == WHITE:
            self.audience.show_scene(WHITE)
        elif self.audience.current_scene in (BLACK, WHITE):
            self.audience.show_scene(SLIDES)
        self._tick()

    def swap_screens(self) -> None:
        self.screens.swap()

    def identify_screens(self) -> None:
        self._identify = identify_screens()

    def _update_screen_label(self) -> None:
        if not self.scene.isVisible():
            self._expect_audience_size()
        self._tick()

    def _expect_audience_size(self) -> None:
        """Render for the audience window's size before it is even shown, so the first slide
        of the show is ready when F5 is pressed."""
        expected = self.screens.expected_audience_size()
        if expected is not None:
            self.presentation.set_view_size("audience", slide_size_for(expected))

    # Keys ---------------------------------------------------------------------------------

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab opens the overview grid; it never moves focus away from the presenter.
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def event(self, event: QEvent) -> bool:
        # Tab and Backtab must reach keyPressEvent instead of moving focus.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        ):
            self.keyPressEvent(event)
            return True
        return super().event(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Handle a key from the presenter view or the audience window. True if used."""
        for overlay in (self.help_overlay, self.grid):
            if overlay.isVisible():
                event.accept()
                return overlay.handle_key(event)
        key = int(event.key())
        plain = not (
            event.modifiers()
            & (
                Qt.KeyboardModifier.ControlModifier
                | Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.MetaModifier
            )
        )
        if plain and Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            digit = int(key) - int(Qt.Key.Key_0)
            self._digits = (self._digits + str(digit))[-4:]
            self._tick()
            event.accept()
            return True
        if self._digits:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                number = int(self._digits)
                self._digits = ""
                self._if_slides_shown(lambda: self.presentation.go_to(number))()
                self._tick()
                event.accept()
                return True
            if key == Qt.Key.Key_Backspace:
                self._digits = self._digits[:-1]
                self._tick()
                event.accept()
                return True
            if key == Qt.Key.Key_Escape:
                self._digits = ""
                self._tick()
                event.accept()
                return True
            self._digits = ""
        binding = self.keys.find(event)
        if binding is None:
            return False
        event.accept()
        binding.callback()
        return True

    def show_help(self) -> None:
        self.grid.close_overlay()
        self.help_overlay.open()

    def show_grid(self) -> None:
        self.help_overlay.close_overlay()
        self.grid.open()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        for overlay in (self.help_overlay, self.grid):
            if overlay.isVisible():
                overlay.setGeometry(self.rect())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus()

    # Notes and clocks ---------------------------------------------------------------------

    def change_notes_size(self, delta: int) -> None:
        settings = self.context.settings
        size = min(MAX_NOTES_PT, max(MIN_NOTES_PT, settings.notes_font_pt + delta))
        if size != settings.notes_font_pt:
            settings.notes_font_pt = size
            self.context.save_settings()
        self._apply_notes_size()

    def _apply_notes_size(self) -> None:
        font = QFont("DejaVu Sans")
        font.setPointSize(self.context.settings.notes_font_pt)
        self.notes.setFont(font)
        self.notes.document().setDefaultFont(font)

    def _show_notes(self) -> None:
        slide = self.presentation.slide(self.presentation.current)
        if slide is None:
            self.notes.setPlainText(self.tr("This deck has no slides."))
            return
        if not slide.notes:
            self.notes.setHtml(f"<p style='color:#777'>{self.tr('No notes for this slide.')}</p>")
            return
        paragraphs = [p.strip() for p in slide.notes.split("\n\n") if p.strip()]
        self.notes.setHtml(
            "".join(f"<p>{inline_html(' '.join(p.split()))}</p>" for p in paragraphs)
        )

    def _slide_changed(self, number: int) -> None:
        # The slides repaint first; notes and labels follow right after (a zero timer), so a
        # long note never delays the projector.
        self._notes_timer.start()
        self.slideChanged.emit(number)

    def _show_pace(self, pace: float | None) -> None:
        """Like pdfpc: say so (and colour it) when more than a minute off the plan."""
        if pace is None:
            self.pace_label.setText("")
        elif pace > PACE_TOLERANCE:
            self.pace_label.setText(
                self.tr("{time} behind plan").replace("{time}", format_duration(pace))
            )
            self._set_style(self.pace_label, "color: #8a4b00;")
        elif pace < -PACE_TOLERANCE:
            self.pace_label.setText(
                self.tr("{time} ahead of plan").replace("{time}", format_duration(-pace))
            )
            self._set_style(self.pace_label, "color: #00545c;")
        else:
            self.pace_label.setText(self.tr("on plan"))
            self._set_style(self.pace_label, "color: #3a3a3a;")

    @staticmethod
    def _set_style(label: QLabel, style: str) -> None:
        # Style sheets re-polish the widget: only set one when it changes.
        if label.styleSheet() != style:
            label.setStyleSheet(style)

    def is_settled(self) -> bool:
        """True when nothing is left to do after a slide change (renders, notes)."""
        return (
            not self._notes_timer.isActive()
            and not self.presentation.prefetch_pending()
            and self.context.worker.pending == 0
        )

    def _refresh_notes(self) -> None:
        self._show_notes()
        self._tick()

    def _tick(self) -> None:
        p = self.presentation
        count = p.count
        position = (
            self.tr("slide {n} / {total}")
            .replace("{n}", str(p.current))
            .replace("{total}", str(count))
        )
        if self._digits:
            position = self.tr("go to slide {n}…").replace("{n}", self._digits)
        self.position_label.setText(position)
        elapsed = p.elapsed()
        self.elapsed_label.setText(format_duration(elapsed, Rounding.DOWN))
        self.elapsed_label.setToolTip(self.tr("Time elapsed"))
        remaining = p.remaining()
        if remaining is None:
            self.countdown_label.setText("")
        elif remaining >= 0:
            self.countdown_label.setText(
                self.tr("{time} left").replace("{time}", format_countdown(remaining))
            )
            self._set_style(self.countdown_label, "color: #111111;")
        else:
            self.countdown_label.setText(
                self.tr("+{time} over").replace(
                    "{time}", format_duration(-remaining, Rounding.DOWN)
                )
            )
            self._set_style(
                self.countdown_label, "color: #ffffff; background: #c0001a; border-radius: 6px;"
            )
        self._show_pace(p.pace())
        now = self.context.clock.now().astimezone()
        self.time_of_day_label.setText(now.strftime("%H:%M"))
        self.pause_button.setText(
            self.tr("Pause clock") if p.clock_running else self.tr("Resume clock")
        )
        status: list[str] = []
        if not p.clock_running and elapsed > 0:
            status.append(self.tr("Clock paused"))
        if p.presenting:
            status.append(self.tr("Presenting"))
            screen = self.screens.placement.audience
            if screen and self.screens.placement.audience_fullscreen:
                status.append(self.tr("audience on {screen}").replace("{screen}", screen))
            elif screen:
                status.append(self.tr("one screen: audience in its own window"))
        if p.blank:
            status.append(
                self.tr("Audience sees: black")
                if p.blank == BLACK
                else self.tr("Audience sees: white")
            )
        self.status_label.setText("  ·  ".join(status))


def _problem_text(problem: Problem) -> str:
    where = _tr("line {line}").replace("{line}", str(problem.line)) if problem.line else _tr("deck")
    kind = _tr("Error") if problem.severity == ERROR else _tr("Warning")
    return f"{kind}, {where}: {problem.message}"


def _is_builtin(path: Path) -> bool:
    with contextlib.suppress(OSError, FileNotFoundError):
        return path.resolve().is_relative_to(builtin_deck_dir().resolve())
    return False


def present_page(window: QWidget) -> PresentPage | None:
    """The Present page of a main window, if it has one."""
    found = window.findChild(PresentPage)
    return found if isinstance(found, PresentPage) else None


__all__ = [
    "KeyBindings",
    "OverviewGrid",
    "PresentPage",
    "Presentation",
    "SlideView",
    "SlidesScene",
    "present_page",
]
