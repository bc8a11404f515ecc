"""The teleprompter: a notes-only view for rehearsal.

Very large light text on black, the current slide's notes first (then the following slides'),
and optional auto-scroll at the chosen speaking rate. The scroll position is computed from
the injected clock (offset when scrolling began + elapsed time × speed), never by adding up
timer ticks, so a slow frame never makes it drift.

Keys: Space starts/stops scrolling; Up/Down (or +/-) faster/slower; Left/Right (PageUp/
PageDown, P/N) previous/next slide; Home back to the top of this slide's notes; [ and ]
smaller/larger text; Esc closes.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QCloseEvent,
    QColor,
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hexikit.base.clock import Clock
from hexikit.decks.deck import Deck, count_words
from hexikit.decks.layout import inline_html
from hexikit.ui.rehearse.host import PresenterHost

MIN_WPM = 40
MAX_WPM = 300
WPM_STEP = 10
FRAME_MS = 33
#: Text height as a share of the view's height (1/12: about 6 lines on a laptop screen).
TEXT_SHARE = 1 / 12
MIN_TEXT_PX = 28


class TeleprompterView(QWidget):
    """Paints the notes from the current slide on and scrolls them by the clock.

    Signals:
        rateChanged(int): the auto-scroll speed, in words per minute, changed.
        scrollingChanged(bool): auto-scroll started (True) or stopped (False).
    """

    rateChanged = Signal(int)
    scrollingChanged = Signal(bool)

    def __init__(self, clock: Clock, wpm: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("teleprompterView")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(320, 200)
        self.clock = clock
        self.wpm = min(MAX_WPM, max(MIN_WPM, wpm))
        self.text_scale = 1.0
        self.deck: Deck | None = None
        self.number = 0
        self.document = QTextDocument(self)
        self._words = 0
        self._offset_base = 0.0
        self._scroll_since: float | None = None
        self._frame = QTimer(self)
        self._frame.setInterval(FRAME_MS)
        self._frame.timeout.connect(self.update)

    # ---------------------------------------------------------------- content

    def set_deck(self, deck: Deck | None, number: int = 1) -> None:
        self.deck = deck
        self.set_slide(number)

    def set_slide(self, number: int) -> None:
        """Show the notes from slide `number` on, scrolled back to the top."""
        self.number = number
        self._relayout()
        self._anchor(0.0)
        self.update()

    def text_px(self) -> int:
        return max(MIN_TEXT_PX, round(self.height() * TEXT_SHARE * self.text_scale))

    def _relayout(self) -> None:
        px = self.text_px()
        font = QFont("DejaVu Sans")
        font.setPixelSize(px)
        self.document.setDefaultFont(font)
        self.document.setDocumentMargin(px * 0.6)
        self.document.setTextWidth(max(100, self.width()))
        self.document.setDefaultStyleSheet(
            "p { color: #f5f5f5; margin-bottom: 0.6em; }"
            " p.head { color: #8fb8ff; margin-top: 0.8em; margin-bottom: 0.2em; }"
            " p.empty { color: #8a8a8a; font-style: italic; }"
        )
        self.document.setHtml(self._html())

    def _html(self) -> str:
        deck = self.deck
        if deck is None or not deck.slides:
            no_deck = self.tr("No deck is open.")
            return f"<p class='empty'>{html.escape(no_deck)}</p>"
        parts: list[str] = []
        words = 0
        heading_px = round(self.text_px() * 0.55)
        no_notes = html.escape(self.tr("No notes."))
        for slide in deck.slides[max(0, self.number - 1) :]:
            title = slide.title or self.tr("Slide {n}").replace("{n}", str(slide.number))
            parts.append(
                f"<p class='head'><span style='font-size:{heading_px}px'>"
                f"{slide.number} · {html.escape(title)}</span></p>"
            )
            paragraphs = [p.strip() for p in slide.notes.split("\n\n") if p.strip()]
            if not paragraphs:
                parts.append(f"<p class='empty'>{no_notes}</p>")
            for paragraph in paragraphs:
                parts.append(f"<p>{inline_html(' '.join(paragraph.split()))}</p>")
            words += count_words(slide.notes)
        self._words = words
        return "".join(parts)

    # ---------------------------------------------------------------- scrolling

    @property
    def scrolling(self) -> bool:
        return self._scroll_since is not None

    def pixels_per_second(self) -> float:
        """Scroll speed that reads `wpm` words a minute through this text's layout."""
        if self._words == 0:
            return 0.0
        height = self.document.size().height()
        return height / self._words * self.wpm / 60.0

    def max_offset(self) -> float:
        return max(0.0, self.document.size().height() - self.height() * 0.5)

    def offset(self) -> float:
        """How far the text is scrolled now (pixels), from the clock."""
        value = self._offset_base
        if self._scroll_since is not None:
            value += (self.clock.monotonic() - self._scroll_since) * self.pixels_per_second()
        return min(max(0.0, value), self.max_offset())

    def _anchor(self, offset: float) -> None:
        self._offset_base = min(max(0.0, offset), self.max_offset())
        if self._scroll_since is not None:
            self._scroll_since = self.clock.monotonic()

    def start_scrolling(self) -> None:
        if self._scroll_since is None:
            self._offset_base = self.offset()
            self._scroll_since = self.clock.monotonic()
            self._frame.start()
            self.scrollingChanged.emit(True)

    def stop_scrolling(self) -> None:
        if self._scroll_since is not None:
            self._offset_base = self.offset()
            self._scroll_since = None
            self._frame.stop()
            self.update()
            self.scrollingChanged.emit(False)

    def toggle_scrolling(self) -> None:
        if self.scrolling:
            self.stop_scrolling()
        else:
            self.start_scrolling()

    def set_rate(self, wpm: int) -> None:
        wpm = min(MAX_WPM, max(MIN_WPM, wpm))
        if wpm == self.wpm:
            return
        self._anchor(self.offset())  # keep the place; only the speed from now on changes
        self.wpm = wpm
        self.rateChanged.emit(wpm)
        self.update()

    def faster(self) -> None:
        self.set_rate(self.wpm + WPM_STEP)

    def slower(self) -> None:
        self.set_rate(self.wpm - WPM_STEP)

    def scroll_by(self, pixels: float) -> None:
        self._anchor(self.offset() + pixels)
        self.update()

    def back_to_top(self) -> None:
        self._anchor(0.0)
        self.update()

    def change_text_size(self, factor: float) -> None:
        self.text_scale = min(2.5, max(0.5, self.text_scale * factor))
        ratio = self.offset() / max(1.0, self.document.size().height())
        self._relayout()
        self._anchor(ratio * self.document.size().height())
        self.update()

    # ---------------------------------------------------------------- Qt

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        ratio = self.offset() / max(1.0, self.document.size().height())
        self._relayout()
        self._anchor(ratio * self.document.size().height())

    def wheelEvent(self, event: QWheelEvent) -> None:
        self.scroll_by(-event.angleDelta().y() / 120 * self.text_px() * 1.5)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#000000"))
        painter.translate(QPointF(0, -self.offset()))
        context = QAbstractTextDocumentLayout.PaintContext()
        palette = context.palette
        palette.setColor(QPalette.ColorRole.Text, QColor("#f5f5f5"))
        context.palette = palette
        context.clip = QRectF(0, self.offset(), self.width(), self.height())
        self.document.documentLayout().draw(painter, context)
        painter.resetTransform()
        # A reading guide a third of the way down.
        guide = round(self.height() / 3)
        painter.fillRect(QRectF(0, guide - 2, 14, 4), QColor("#8fb8ff"))
        painter.end()


class TeleprompterWindow(QWidget):
    """The teleprompter as its own window, following the presenter's current slide.

    Signals:
        closed(): the window was closed.
    """

    closed = Signal()

    def __init__(self, page: PresenterHost, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("teleprompterWindow")
        self.setWindowTitle(self.tr("Hexikit — teleprompter"))
        self.page = page
        self.presentation = page.presentation
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#000000"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#bbbbbb"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.view = TeleprompterView(clock, page.context.settings.speaking_rate_wpm, self)
        self.status = QLabel()
        self.status.setObjectName("teleprompterStatus")
        self.status.setWordWrap(True)
        status_font = QFont(self.status.font())
        status_font.setPointSizeF(status_font.pointSizeF() * 1.15)
        self.status.setFont(status_font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.resize(1100, 760)
        self.view.rateChanged.connect(lambda _wpm: self._update_status())
        self.view.scrollingChanged.connect(lambda _on: self._update_status())
        self.presentation.slideChanged.connect(self._slide_changed)
        self.presentation.deckChanged.connect(self._deck_changed)
        self.view.set_deck(self.presentation.deck, max(1, self.presentation.current))
        self._update_status()

    def _deck_changed(self) -> None:
        self.view.set_deck(self.presentation.deck, max(1, self.presentation.current))
        self._update_status()

    def _slide_changed(self, number: int) -> None:
        self.view.set_slide(number)
        self._update_status()

    def _update_status(self) -> None:
        count = self.presentation.count
        state = self.tr("scrolling") if self.view.scrolling else self.tr("still")
        self.status.setText(
            "  "
            + self.tr(
                "Slide {n} / {count} · {wpm} words per minute, {state} — Space: scroll · "
                "↑/↓: faster/slower · ←/→: slides · [ ]: text size · Esc: close"
            )
            .replace("{n}", str(self.presentation.current))
            .replace("{count}", str(count))
            .replace("{wpm}", str(self.view.wpm))
            .replace("{state}", state)
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        k = Qt.Key
        if key == k.Key_Space:
            self.view.toggle_scrolling()
        elif key in (k.Key_Up, k.Key_Plus, k.Key_Equal):
            self.view.faster()
        elif key in (k.Key_Down, k.Key_Minus, k.Key_Underscore):
            self.view.slower()
        elif key in (k.Key_Right, k.Key_PageDown, k.Key_N, k.Key_Return, k.Key_Enter):
            self.presentation.next()
        elif key in (k.Key_Left, k.Key_PageUp, k.Key_P, k.Key_Backspace):
            self.presentation.previous()
        elif key == k.Key_Home:
            self.view.back_to_top()
        elif key == k.Key_BracketRight:
            self.view.change_text_size(1.15)
        elif key == k.Key_BracketLeft:
            self.view.change_text_size(1 / 1.15)
        elif key == k.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.view.stop_scrolling()
        self.closed.emit()
        super().closeEvent(event)


__all__ = ["TeleprompterView", "TeleprompterWindow"]
