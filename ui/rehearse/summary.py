"""The rehearsal summary: the window with the last runs' slide times (a chart), the run
history and the slides that most often run long; and the colours the coach shares with it."""

from __future__ import annotations

import logging
import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from hexikit.base.durations import format_duration
from hexikit.rehearsal.runs import (
    RunSummary,
)
from hexikit.ui.widgets.a11y import keyboard_friendly

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)

#: Within this many seconds of the plan the talk is "on time".
ON_TIME_SECONDS = 5.0

TARGET_COLOUR = QColor("#c5cbd3")
RUN_COLOUR = QColor("#1f6feb")
LONG_COLOUR = QColor("#cf222e")
MEDIAN_COLOUR = QColor("#111111")
GOOD = "#1a7f37"
BAD = "#cf222e"
NEUTRAL = "#333333"


def _nice_step(maximum: float) -> float:
    """A gridline step for a seconds axis, so there are at most about six lines."""
    for step in (5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600):
        if maximum / step <= 6:
            return float(step)
    return float(math.ceil(maximum / 6 / 3600) * 3600)


class SlideTimesChart(QWidget):
    """Per-slide bars: the target, this run (red when it ran long) and the median of earlier
    runs (a black mark). Hovering a slide shows its numbers."""

    MARGIN_LEFT = 56
    MARGIN_RIGHT = 12
    MARGIN_TOP = 34
    MARGIN_BOTTOM = 30

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slideTimesChart")
        self.summary: RunSummary | None = None
        self.setMinimumSize(480, 260)
        self.setMouseTracking(True)

    def set_summary(self, summary: RunSummary) -> None:
        self.summary = summary
        self.update()

    def _plot_rect(self) -> QRectF:
        return QRectF(
            self.MARGIN_LEFT,
            self.MARGIN_TOP,
            max(1, self.width() - self.MARGIN_LEFT - self.MARGIN_RIGHT),
            max(1, self.height() - self.MARGIN_TOP - self.MARGIN_BOTTOM),
        )

    def maximum(self) -> float:
        if self.summary is None:
            return 60.0
        values = [1.0]
        for slide in self.summary.slides:
            values.append(slide.target)
            values.extend(v for v in (slide.this_run, slide.median_before) if v is not None)
        return max(values) * 1.1

    def slide_at(self, x: float) -> int | None:
        """The slide number under x, or None."""
        if self.summary is None or not self.summary.slides:
            return None
        plot = self._plot_rect()
        if not plot.left() <= x < plot.right():
            return None
        index = int((x - plot.left()) / (plot.width() / len(self.summary.slides)))
        return min(index, len(self.summary.slides) - 1) + 1

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            number = self.slide_at(event.pos().x())
            if number is not None and self.summary is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_text(number), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def tooltip_text(self, number: int) -> str:
        assert self.summary is not None
        slide = self.summary.slides[number - 1]
        this = "—" if slide.this_run is None else format_duration(slide.this_run)
        median = "—" if slide.median_before is None else format_duration(slide.median_before)
        return (
            self.tr(
                "Slide {n}: {title}\nThis run {this} · target {target} · earlier median {median}"
            )
            .replace("{n}", str(number))
            .replace("{title}", slide.title)
            .replace("{this}", this)
            .replace("{target}", format_duration(slide.target))
            .replace("{median}", median)
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        summary = self.summary
        if summary is None or not summary.slides:
            painter.end()
            return
        plot = self._plot_rect()
        top = self.maximum()
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        painter.setFont(small)
        metrics = painter.fontMetrics()

        def y_of(seconds: float) -> float:
            return plot.bottom() - plot.height() * min(seconds, top) / top

        # Gridlines and the seconds axis.
        step = _nice_step(top)
        value = 0.0
        while value <= top:
            y = y_of(value)
            painter.setPen(QPen(QColor("#e3e6ea"), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QColor("#555555"))
            painter.drawText(
                QRectF(0, y - 9, self.MARGIN_LEFT - 6, 18),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                format_duration(value),
            )
            value += step

        count = len(summary.slides)
        group = plot.width() / count
        bar = max(1.0, group * 0.36)
        label_every = max(
            1, math.ceil(count * (metrics.horizontalAdvance("000") + 6) / plot.width())
        )
        for index, slide in enumerate(summary.slides):
            left = plot.left() + index * group + (group - 2 * bar) / 2
            target_rect = QRectF(left, y_of(slide.target), bar, plot.bottom() - y_of(slide.target))
            painter.fillRect(target_rect, TARGET_COLOUR)
            if slide.this_run is not None:
                colour = LONG_COLOUR if slide.ran_long else RUN_COLOUR
                run_rect = QRectF(
                    left + bar, y_of(slide.this_run), bar, plot.bottom() - y_of(slide.this_run)
                )
                painter.fillRect(run_rect, colour)
            if slide.median_before is not None:
                y = y_of(slide.median_before)
                painter.setPen(QPen(MEDIAN_COLOUR, 3))
                painter.drawLine(QPointF(left - 2, y), QPointF(left + 2 * bar + 2, y))
            if index % label_every == 0 or count <= 30:
                painter.setPen(QColor("#333333"))
                painter.drawText(
                    QRectF(plot.left() + index * group, plot.bottom() + 4, group, 18),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    str(index + 1) if index % label_every == 0 else "",
                )
        painter.setPen(QPen(QColor("#888888"), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())

        # Legend.
        x = float(plot.left())
        for colour, text, is_line in (
            (TARGET_COLOUR, self.tr("Target"), False),
            (RUN_COLOUR, self.tr("This run"), False),
            (LONG_COLOUR, self.tr("Ran long"), False),
            (MEDIAN_COLOUR, self.tr("Median of earlier runs"), True),
        ):
            if is_line:
                painter.setPen(QPen(colour, 3))
                painter.drawLine(QPointF(x, 14), QPointF(x + 14, 14))
            else:
                painter.fillRect(QRectF(x, 7, 14, 14), colour)
            painter.setPen(QColor("#222222"))
            painter.drawText(QPointF(x + 19, 19), text)
            x += 19 + metrics.horizontalAdvance(text) + 18
        painter.end()


class RehearsalSummaryWindow(QDialog):
    """After a run: total against the target, the per-slide chart, history, long slides.

    Signals:
        forgetRequested(str): the user asked to forget the run shown (its id).
    """

    forgetRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rehearsalSummary")
        self.setWindowTitle(self.tr("Rehearsal summary"))
        self.setModal(False)
        self.resize(980, 680)
        self.summary: RunSummary | None = None
        layout = QVBoxLayout(self)
        self.headline = QLabel()
        self.headline.setObjectName("summaryHeadline")
        headline_font = QFont(self.font())
        headline_font.setPointSizeF(headline_font.pointSizeF() * 1.6)
        headline_font.setBold(True)
        self.headline.setFont(headline_font)
        self.headline.setWordWrap(True)
        self.subline = QLabel()
        self.subline.setObjectName("summarySubline")
        self.subline.setWordWrap(True)
        self.chart = SlideTimesChart()
        layout.addWidget(self.headline)
        layout.addWidget(self.subline)
        layout.addWidget(self.chart, 4)
        lists = QHBoxLayout()
        history_box = QGroupBox(self.tr("History of runs"))
        QVBoxLayout(history_box).addWidget(history := QListWidget())
        self.history = history
        self.history.setObjectName("runHistory")
        self.history.setAccessibleName(history_box.title())
        long_box = QGroupBox(self.tr("Slides that most often run long"))
        QVBoxLayout(long_box).addWidget(often := QListWidget())
        self.often_long = often
        self.often_long.setObjectName("oftenLong")
        self.often_long.setAccessibleName(long_box.title())
        keyboard_friendly(self.history, self.often_long)
        lists.addWidget(history_box, 1)
        lists.addWidget(long_box, 1)
        layout.addLayout(lists, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.forget_button = buttons.addButton(
            self.tr("Forget this run"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.forget_button.setObjectName("forgetRun")
        self.forget_button.clicked.connect(self._forget)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def set_summary(self, summary: RunSummary) -> None:
        self.summary = summary
        self.setWindowTitle(self.tr("Rehearsal of {title}").replace("{title}", summary.deck_title))
        delta = summary.total_delta
        if abs(delta) < ON_TIME_SECONDS:
            verdict, colour = self.tr("on target"), GOOD
        elif delta > 0:
            verdict = self.tr("{time} over").replace("{time}", format_duration(delta))
            colour = BAD
        elif summary.rushed:
            verdict = self.tr("{time} under: rushed, far short of the target").replace(
                "{time}", format_duration(-delta)
            )
            colour = BAD
        else:
            verdict = self.tr("{time} under").replace("{time}", format_duration(-delta))
            colour = GOOD
        self.headline.setText(
            self.tr("This run: {total} against a target of {target}, {verdict}")
            .replace("{total}", format_duration(summary.total_seconds))
            .replace("{target}", format_duration(summary.deck_target))
            .replace("{verdict}", verdict)
        )
        self.headline.setStyleSheet(f"color: {colour};")
        earlier = len(summary.history) - 1
        if summary.median_total_before is None:
            self.subline.setText(self.tr("The first recorded run of this deck."))
        else:
            self.subline.setText(
                (
                    self.tr("The one earlier run: {median}. Slides that ran long are red.")
                    if earlier == 1
                    else self.tr(
                        "Median of the %n earlier runs: {median}. Slides that ran long are red.",
                        "",
                        earlier,
                    )
                ).replace("{median}", format_duration(summary.median_total_before))
            )
        self.chart.set_summary(summary)
        self.history.clear()
        this_id = self._this_run_id()
        for run in reversed(summary.history):
            when = run.started_at.astimezone().strftime("%d %b %H:%M")
            run_delta = run.total_seconds - summary.deck_target
            text = (
                self.tr("{when}   {total} ({delta}){partial}")
                .replace("{when}", when)
                .replace("{total}", format_duration(run.total_seconds))
                .replace("{delta}", format_duration(run_delta, signed=True))
                .replace("{partial}", "" if run.completed else self.tr(", stopped early"))
            )
            item = QListWidgetItem(text)
            if run.id == this_id:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.history.addItem(item)
        self.often_long.clear()
        if not summary.often_long:
            self.often_long.addItem(self.tr("No slide has run long yet."))
        for slide in summary.often_long:
            self.often_long.addItem(
                self.tr("Slide {n} · {title}: long in {times} of {runs} runs, +{over} on average")
                .replace("{n}", str(slide.number))
                .replace("{title}", slide.title)
                .replace("{times}", str(slide.times))
                .replace("{runs}", str(slide.runs))
                .replace("{over}", format_duration(slide.average_over))
            )

    def _this_run_id(self) -> str:
        return "" if self.summary is None else self.summary.run_id

    def _forget(self) -> None:
        run_id = self._this_run_id()
        if not run_id:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Forget this run?"),
            self.tr("Forget this rehearsal run? Its times are removed from the history."),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.forgetRequested.emit(run_id)


__all__ = [
    "BAD",
    "GOOD",
    "NEUTRAL",
    "ON_TIME_SECONDS",
    "RehearsalSummaryWindow",
    "SlideTimesChart",
]
