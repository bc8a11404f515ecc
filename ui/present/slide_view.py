"""The slides as widgets: `SlideView` paints one pre-rendered slide (never renders on a key
press), `SlidesScene` is the stage scene (`hexikit.ui.stage.SLIDES`) the audience sees."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QWidget

from hexikit.ui.present.keys import KeySpec
from hexikit.ui.present.render import slide_size_for
from hexikit.ui.present.state import Presentation
from hexikit.ui.stage import Scene


class PresenterHost(Protocol):
    """What `SlidesScene` needs of the presenter page (`PresentPage`) it belongs to; a
    protocol, so this module does not import the page that builds it."""

    @property
    def presentation(self) -> Presentation: ...

    def start_show(self, from_slide: int = 1, reset_clock: bool = True) -> None: ...

    def add_key(self, key: KeySpec, callback: Callable[[], object], description: str) -> None: ...


class SlideView(QWidget):
    """Paints one slide from the cache: `offset` 0 is the current slide, 1 the next one.

    It never renders on the GUI thread: until the exact image is ready it paints the
    thumbnail scaled up (or the title), and repaints when the cache announces the image.

    Signals:
        slidePainted(int): the exact image of this slide number was painted (not a stand-in).
    """

    slidePainted = Signal(int)

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
        self.presentation.view_on_screen(self.view_name, True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.presentation.view_on_screen(self.view_name, False)

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
            self.slidePainted.emit(number)
            self.presentation.painted(self.view_name)
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
        white = self.presentation.blank == Scene.WHITE
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

    def __init__(self, page: PresenterHost, parent: QWidget | None = None) -> None:
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

    def add_key(self, key: KeySpec, callback: Callable[[], object], description: str) -> None:
        """Bind a key on the presenter view (and the audience window); see PresentPage."""
        self._page.add_key(key, callback, description)

    def page(self) -> PresenterHost:
        """The presenter view this scene belongs to."""
        return self._page


__all__ = ["PresenterHost", "SlideView", "SlidesScene"]
