"""The timer on the projector (stage scene `hexikit.ui.stage.TIMER`).

Painted, not laid out, so everything scales with the screen: the remaining time in digits at
least a quarter of the screen high, the phase (Alone / Pairs / Foursomes / All), the question,
a progress bar and what comes next. Calm navy while running, amber at the warning, red at zero;
and always a second cue besides colour (a shape and words: "30 seconds left", "Time's up",
"+0:42 over", "Paused"), for colour-blind people and washed-out projectors.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QWidget

from hexikit.base.durations import format_duration
from hexikit.base.i18n import welsh_and_english
from hexikit.base.resources import asset
from hexikit.timer.engine import GroupSize, TimerState, TimerStatus
from hexikit.timer.groups import describe
from hexikit.ui.timer.controller import TimerController
from hexikit.ui.translation import in_welsh_and_english

FLASH_MS = 700


@dataclass(frozen=True)
class Palette:
    background: str
    text: str
    muted: str
    bar: str
    track: str


CALM = Palette("#0f2a44", "#ffffff", "#b8c7d9", "#5fb3f9", "#24476b")
WARNING = Palette("#f4b400", "#111111", "#3b2f00", "#111111", "#c98f00")
OVER = Palette("#b3161b", "#ffffff", "#ffd6d6", "#ffffff", "#7d0f13")
PAUSED = Palette("#39424e", "#ffffff", "#c9d1db", "#9fb3c8", "#232a33")
DONE = Palette("#0f3d2e", "#ffffff", "#b9dccd", "#6fd3a5", "#1c5c46")


@dataclass
class _DigitLayout:
    font: QFont
    ascent: float
    line_height: float
    top: float  # where each glyph pixmap's top goes
    ink_height: float
    advances: dict[str, float]


@cache
def display_family() -> str:
    """The bundled DejaVu Sans (tabular digits: the figures do not jiggle as they change).

    Called on the GUI thread when a scene is built, never mid-paint: adding a font changes
    Qt's font database, which slide rendering threads may be reading."""
    if "DejaVu Sans" in QFontDatabase.families():
        return "DejaVu Sans"
    for name in ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf"):
        path = asset("fonts", name)
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            if families:
                family = families[0]
                return family
    return "Sans Serif"


class TimerScene(QWidget):
    """The projector's timer. Feed it with `show_status` (or `attach` a TimerController)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timerScene")
        display_family()
        self.setMinimumSize(320, 180)
        self._status: TimerStatus | None = None
        self._controller: TimerController | None = None
        self._flash_until = 0.0
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self.update)
        self._cache: dict[tuple[object, ...], QPixmap] = {}
        self._layouts: dict[tuple[object, ...], _DigitLayout] = {}
        self._people = 0
        self._bilingual = False
        self._speaking: str | None = None  # "cy"/"en" while a bilingual text is being built

    # ------------------------------------------------------------------ feeding

    def attach(self, controller: TimerController) -> None:
        if self._controller is controller:
            return
        self._controller = controller
        controller.tick.connect(self.show_status)
        controller.flash.connect(self.flash)
        self.show_status(controller.status())

    def show_status(self, status: TimerStatus) -> None:
        self._status = status
        self.update()

    def set_people(self, people: int) -> None:
        """How many are in the room (0 = not given): the pairs and foursomes steps then show
        how the room splits, so people can form their groups without asking."""
        if people != self._people:
            self._people = max(0, people)
            self.update()

    def set_bilingual(self, bilingual: bool) -> None:
        """Welsh first, English beneath (as NHS Wales signs are), whatever the app speaks."""
        if bilingual != self._bilingual:
            self._bilingual = bilingual
            self._cache.clear()
            self.update()

    @property
    def bilingual(self) -> bool:
        return self._bilingual

    def tr(self, sourceText: str, disambiguation: str | None = None, n: int = -1) -> str:
        # The scene's own texts are looked up in the language being built (see `_both`), so
        # the same `self.tr("…")` calls give the Welsh line and the English one.
        if self._speaking == "cy":
            return in_welsh_and_english("TimerScene", sourceText)[0]
        if self._speaking == "en":
            return sourceText
        return super().tr(sourceText, disambiguation, n)

    def _both(self, make: Callable[[], str]) -> tuple[str, str]:
        """`make()` in Welsh and in English when bilingual, else once (and "")."""
        if not self._bilingual:
            return make(), ""
        try:
            self._speaking = "cy"
            welsh = make()
            self._speaking = "en"
            english = make()
        finally:
            self._speaking = None
        return welsh, ("" if english == welsh else english)

    @property
    def status(self) -> TimerStatus | None:
        return self._status

    def flash(self) -> None:
        """The visual bell: a bright frame for a moment (no audio device, or muted)."""
        self._flash_until = time.monotonic() + FLASH_MS / 1000
        self._flash_timer.start(FLASH_MS)
        self.update()

    @property
    def flashing(self) -> bool:
        return time.monotonic() < self._flash_until

    # ------------------------------------------------------------------ words

    def palette_for(self, status: TimerStatus) -> Palette:
        if status.state is TimerState.DONE:
            return DONE
        if status.overtime:
            return OVER
        if status.state is TimerState.PAUSED:
            return PAUSED
        if status.in_warning:
            return WARNING
        return CALM

    def cue_text(self, status: TimerStatus) -> str:
        """The words that say what the colour says."""
        if status.state is TimerState.DONE:
            return self.tr("Finished: thank you!")
        if status.state is TimerState.IDLE:
            return self.tr("Ready")
        if status.overtime:
            if status.shown_seconds == 0:
                return self.tr("Time's up")
            return self.tr("Time's up · {time} over").replace(
                "{time}", "+" + format_duration(status.shown_seconds)
            )
        paused = self.tr("Paused") if status.state is TimerState.PAUSED else ""
        if status.in_warning:
            left = self.tr("{n} seconds left").replace("{n}", str(status.shown_seconds))
            if status.shown_seconds == 1:
                left = self.tr("1 second left")
            return f"{paused} · {left}" if paused else left
        return paused

    def group_hint(self, group: GroupSize) -> str:
        return {
            GroupSize.ONE: self.tr("On your own, in silence: jot your ideas down"),
            GroupSize.TWO: self.tr("In pairs: share and build on your ideas"),
            GroupSize.FOUR: self.tr("In fours: notice similarities and differences"),
            GroupSize.ALL: self.tr("Everyone together"),
        }[group]

    def next_text(self, status: TimerStatus) -> str:
        if status.state is TimerState.DONE or status.phase is None:
            return ""
        if status.next_phase is None:
            return self.tr("Last step")
        return (
            self.tr("Next: {name} · {time}")
            .replace("{name}", status.next_phase.name)
            .replace("{time}", format_duration(status.next_phase.seconds))
        )

    # ------------------------------------------------------------------ geometry

    def digits_font(self, text: str) -> QFont:
        """Digits about 42% of the height, shrunk only when they would not fit the width."""
        return self._digit_layout(text).font

    def _digit_layout(self, text: str) -> _DigitLayout:
        """Font, advances and baseline for `text`, cached: font metrics are slow to build
        (≈0.3 ms each) and this runs every second."""
        w, h = self.width(), self.height()
        key = (w, h, len(text), text.startswith("+"))
        layout = self._layouts.get(key)
        if layout is not None and all(char in layout.advances for char in text):
            return layout
        font = QFont(display_family())
        font.setBold(True)
        size = h * 0.42
        font.setPixelSize(max(8, int(size)))
        metrics = QFontMetricsF(font)
        # Size for the widest text of this shape ("8:88"), so the size never changes
        # from one second to the next.
        widest = "".join("8" if char.isdigit() else char for char in text)
        width = metrics.horizontalAdvance(widest)
        if width > w * 0.94:
            font.setPixelSize(max(8, int(size * w * 0.94 / width)))
            metrics = QFontMetricsF(font)
        ink = metrics.tightBoundingRect("0123456789")
        box_top, box_height = h * 0.19, h * 0.44
        baseline = box_top + (box_height - ink.height()) / 2 - ink.top()
        layout = _DigitLayout(
            font=font,
            ascent=metrics.ascent(),
            line_height=metrics.height(),
            top=baseline - metrics.ascent(),
            ink_height=ink.height(),
            advances={char: metrics.horizontalAdvance(char) for char in "0123456789:+"},
        )
        for char in text:
            if char not in layout.advances:
                layout.advances[char] = metrics.horizontalAdvance(char)
        self._layouts[key] = layout
        return layout

    def digit_height(self) -> float:
        """Height of the drawn digits in pixels (what the room sees)."""
        text = self._status.display if self._status else "0:00"
        return self._digit_layout(text).ink_height

    # ------------------------------------------------------------------ painting

    # Painting is layered and cached, because the scene repaints every second while the
    # timer must wake on time: the parts that change per phase (background, titles, question,
    # next) are one cached pixmap, the digits are cached glyph pixmaps, the cue a cached
    # pixmap. A steady-state repaint is a handful of blits (≈1 ms at 1920×1080), so it never
    # holds up the event loop (or the GIL) when the next second is due.

    def _pixmap(self, w: float, h: float, fill: str = "") -> tuple[QPixmap, QPainter]:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(max(1, round(w * ratio)), max(1, round(h * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        # An opaque layer is a plain copy when drawn; only small overlays carry alpha.
        pixmap.fill(QColor(fill) if fill else Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        return pixmap, painter

    def _cached(self, key: tuple[object, ...], make: Callable[[], QPixmap]) -> QPixmap:
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > 200:
                self._cache.clear()
            found = make()
            self._cache[key] = found
        return found

    def _titles(self, status: TimerStatus) -> tuple[str, str, str, str, str]:
        if status.state is TimerState.DONE or status.phase is None:
            return self.tr("Done"), "", "", "", ""
        step = (
            self.tr("Step {n} of {count}")
            .replace("{n}", str(status.phase_index + 1))
            .replace("{count}", str(status.phase_count))
        )
        group = status.phase.group
        hint, hint_english = self._both(lambda: self.group_hint(group))
        if self._people > 0 and group in (GroupSize.TWO, GroupSize.FOUR):
            hint = f"{hint} · {describe(self._people, group)}"
        if hint_english:
            hint = f"{hint}\n{hint_english}"
        name, question = status.phase.name, status.phase.invitation
        if self._bilingual:
            name = " / ".join(part for part in welsh_and_english(name) if part)
            question = "\n".join(part for part in welsh_and_english(question) if part)
        return (name, hint, step, question, self.next_text(status))

    def _static_layer(self, status: TimerStatus, colours: Palette) -> QPixmap:
        w, h = float(self.width()), float(self.height())
        titles = self._titles(status)
        key = ("static", w, h, self.devicePixelRatioF(), colours, titles)
        return self._cached(key, lambda: self._paint_static(w, h, colours, titles))

    def _paint_static(
        self, w: float, h: float, colours: Palette, titles: tuple[str, str, str, str, str]
    ) -> QPixmap:
        title, hint, step, question, following = titles
        pixmap, painter = self._pixmap(w, h, colours.background)
        text = QColor(colours.text)
        muted = QColor(colours.muted)
        margin = w * 0.05
        family = display_family()
        title_font = QFont(family)
        title_font.setBold(True)
        title_font.setPixelSize(max(8, int(h * 0.085)))
        painter.setFont(title_font)
        painter.setPen(text)
        painter.drawText(
            QRectF(margin, h * 0.035, w * 0.62, h * 0.11),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetricsF(title_font).elidedText(title, Qt.TextElideMode.ElideRight, w * 0.62),
        )
        small = QFont(family)
        small.setPixelSize(max(8, int(h * 0.038)))
        painter.setFont(small)
        painter.setPen(muted)
        painter.drawText(
            QRectF(w * 0.6, h * 0.035, w * 0.4 - margin, h * 0.11),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            step,
        )
        hint, _newline, hint_english = hint.partition("\n")
        hint_box = QRectF(margin, h * 0.145, w - 2 * margin, h * 0.06)
        if hint_english:
            hint_box = QRectF(margin, h * 0.13, w - 2 * margin, h * 0.045)
        painter.drawText(
            hint_box,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            QFontMetricsF(small).elidedText(hint, Qt.TextElideMode.ElideRight, w - 2 * margin),
        )
        if hint_english:
            english = QFont(family)
            english.setItalic(True)
            english.setPixelSize(max(8, int(h * 0.03)))
            painter.setFont(english)
            painter.drawText(
                QRectF(margin, h * 0.175, w - 2 * margin, h * 0.035),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                QFontMetricsF(english).elidedText(
                    hint_english, Qt.TextElideMode.ElideRight, w - 2 * margin
                ),
            )
            painter.setFont(small)
        painter.drawText(
            QRectF(margin, h * 0.93, w - 2 * margin, h * 0.06),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            following,
        )
        if question:
            self._draw_question(
                painter, question, QRectF(margin, h * 0.79, w - 2 * margin, h * 0.135), text, family
            )
        # The progress bar's track.
        bar = self._bar_rect(w, h)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colours.track))
        painter.drawRoundedRect(bar, bar.height() / 2, bar.height() / 2)
        painter.end()
        return pixmap

    @staticmethod
    def _bar_rect(w: float, h: float) -> QRectF:
        return QRectF(w * 0.05, h * 0.645, w * 0.9, h * 0.03)

    def _glyph(self, char: str, layout: _DigitLayout, colour: str) -> QPixmap:
        key = ("glyph", char, layout.font.pixelSize(), colour, self.devicePixelRatioF())

        def make() -> QPixmap:
            pixmap, painter = self._pixmap(layout.advances[char], layout.line_height)
            painter.setFont(layout.font)
            painter.setPen(QColor(colour))
            painter.drawText(QPointF(0, layout.ascent), char)
            painter.end()
            return pixmap

        return self._cached(key, make)

    def _paint_digits(self, painter: QPainter, digits: str, colour: str) -> None:
        layout = self._digit_layout(digits)
        total = sum(layout.advances[char] for char in digits)
        x = (self.width() - total) / 2
        for char in digits:
            painter.drawPixmap(QPointF(x, layout.top), self._glyph(char, layout, colour))
            x += layout.advances[char]

    def _cue_layer(self, status: TimerStatus, colours: Palette) -> QPixmap | None:
        welsh, english = self._both(lambda: self.cue_text(status))
        cue = f"{welsh} / {english}" if welsh and english else welsh
        shape = self._cue_shape(status)
        if not cue and not shape:
            return None
        w, h = float(self.width()), float(self.height())
        key = ("cue", cue, shape, colours, w, h, self.devicePixelRatioF())
        return self._cached(key, lambda: self._paint_cue(w, h, cue, shape, colours))

    def _paint_cue(self, w: float, h: float, cue: str, shape: str, colours: Palette) -> QPixmap:
        cue_font = QFont(display_family())
        cue_font.setBold(True)
        cue_font.setPixelSize(max(8, int(h * 0.055)))
        icon_size = h * 0.06
        cue_width = QFontMetricsF(cue_font).horizontalAdvance(cue) if cue else 0.0
        room = w * 0.9 - (icon_size * 1.3 if shape else 0.0)
        if cue_width > room > 0:
            # Two languages (or a long Welsh cue) shrink to the width rather than run off it.
            cue_font.setPixelSize(max(8, int(cue_font.pixelSize() * room / cue_width)))
            cue_width = QFontMetricsF(cue_font).horizontalAdvance(cue)
        total = cue_width + (icon_size * 1.3 if shape else 0.0)
        band = h * 0.07
        pixmap, painter = self._pixmap(w, band)
        left = (w - total) / 2
        if shape:
            self._draw_shape(painter, shape, QRectF(left, h * 0.005, icon_size, icon_size), colours)
            left += icon_size * 1.3
        if cue:
            painter.setFont(cue_font)
            painter.setPen(QColor(colours.text))
            painter.drawText(
                QRectF(left, 0, cue_width + 4, band),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                cue,
            )
        painter.end()
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        w, h = float(self.width()), float(self.height())
        status = self._status
        colours = self.palette_for(status) if status else CALM
        if status is None:
            painter.fillRect(self.rect(), QColor(colours.background))
            painter.end()
            return
        painter.drawPixmap(0, 0, self._static_layer(status, colours))
        self._paint_digits(painter, status.display, colours.text)
        bar = self._bar_rect(w, h)
        if status.progress > 0:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colours.bar))
            filled = QRectF(bar.left(), bar.top(), bar.width() * status.progress, bar.height())
            painter.drawRoundedRect(filled, bar.height() / 2, bar.height() / 2)
        cue = self._cue_layer(status, colours)
        if cue is not None:
            painter.drawPixmap(QPointF(0, h * 0.695), cue)
        if self.flashing:
            pen = QPen(QColor("#ffffff" if colours.text == "#ffffff" else "#000000"))
            pen.setWidthF(h * 0.03)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            inset = h * 0.015
            painter.drawRect(QRectF(inset, inset, w - 2 * inset, h - 2 * inset))
        painter.end()

    def _draw_question(
        self, painter: QPainter, question: str, rect: QRectF, colour: QColor, family: str
    ) -> None:
        flags = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop) | int(
            Qt.TextFlag.TextWordWrap
        )
        font = QFont(family)
        size = rect.height() * 0.36
        while True:
            font.setPixelSize(max(8, int(size)))
            needed = QFontMetricsF(font).boundingRect(rect, flags, question)
            if needed.height() <= rect.height() or size <= rect.height() * 0.14:
                break
            size *= 0.9
        painter.setFont(font)
        painter.setPen(colour)
        painter.save()
        painter.setClipRect(rect)
        painter.drawText(rect, flags, question)
        painter.restore()

    def _cue_shape(self, status: TimerStatus) -> str:
        if status.state is TimerState.DONE:
            return "tick"
        if status.overtime:
            return "stop"
        if status.state is TimerState.PAUSED:
            return "pause"
        if status.in_warning:
            return "warning"
        return ""

    def _draw_shape(self, painter: QPainter, shape: str, box: QRectF, colours: Palette) -> None:
        painter.save()
        fg = QColor(colours.text)
        bg = QColor(colours.background)
        painter.setPen(Qt.PenStyle.NoPen)
        cx, cy, r = box.center().x(), box.center().y(), box.width() / 2
        if shape == "warning":  # a triangle with "!"
            painter.setBrush(fg)
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(cx, box.top()),
                        QPointF(box.right(), box.bottom()),
                        QPointF(box.left(), box.bottom()),
                    ]
                )
            )
            painter.setBrush(bg)
            painter.drawRect(QRectF(cx - r * 0.09, box.top() + r * 0.7, r * 0.18, r * 0.75))
            painter.drawEllipse(QPointF(cx, box.bottom() - r * 0.3), r * 0.11, r * 0.11)
        elif shape == "stop":  # an octagon with a bar
            path = QPainterPath()
            points = []
            for i in range(8):
                angle = math.radians(22.5 + 45 * i)
                points.append(QPointF(cx + r * math.cos(angle), cy + r * math.sin(angle)))
            path.addPolygon(QPolygonF(points))
            path.closeSubpath()
            painter.setBrush(fg)
            painter.drawPath(path)
            painter.setBrush(bg)
            painter.drawRect(QRectF(cx - r * 0.6, cy - r * 0.14, r * 1.2, r * 0.28))
        elif shape == "pause":  # two bars
            painter.setBrush(fg)
            painter.drawRect(QRectF(box.left() + r * 0.25, box.top(), r * 0.5, box.height()))
            painter.drawRect(QRectF(box.right() - r * 0.75, box.top(), r * 0.5, box.height()))
        elif shape == "tick":
            pen = QPen(fg)
            pen.setWidthF(r * 0.3)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawPolyline(
                QPolygonF(
                    [
                        QPointF(box.left() + r * 0.2, cy),
                        QPointF(cx - r * 0.2, box.bottom() - r * 0.3),
                        QPointF(box.right() - r * 0.1, box.top() + r * 0.3),
                    ]
                )
            )
        painter.restore()
