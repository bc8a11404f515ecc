"""Report mode: the QI numbers of an event on screen (charts drawn with QPainter) and Save PDF….

The numbers come from the core (`hexikit.report.measures.build_report`) through the worker; the PDF is
written by the core too (`write_pdf`, reportlab vectors) on the render lane.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hexikit.report.measures import (
    MEDIAN_COLOUR,
    OFFER_COLOUR,
    REQUEST_COLOUR,
    KindCounts,
    Report,
    RunPoint,
    build_report,
    label_text,
    nice_axis,
    write_pdf,
)
from hexikit.ui.context import AppContext

INK = QColor("#1a1a1a")
GRID = QColor("#e2e2e2")


class BarChart(QWidget):
    """Horizontal grouped bars: offers and requests per label (category or region)."""

    ROW_HEIGHT = 30

    def __init__(self, title: str, empty_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        #: Said instead of the bars when there are no rows (empty: an empty plot).
        self.empty_text = empty_text
        self.rows: list[KindCounts] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[KindCounts]) -> None:
        self.rows = list(rows)
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, 60 + self.ROW_HEIGHT * max(len(self.rows), 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSize(title_font.pointSize() + 2)
        painter.setFont(title_font)
        painter.setPen(INK)
        painter.drawText(
            QRectF(8, 4, self.width() - 16, 24), Qt.AlignmentFlag.AlignLeft, self.title
        )
        painter.setFont(self.font())
        if not self.rows and self.empty_text:
            painter.drawText(
                QRectF(8, 36, self.width() - 16, self.ROW_HEIGHT),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self.empty_text,
            )
            painter.end()
            return
        _legend(painter, QPointF(self.width() - 200, 10), self.font())
        painter.setFont(self.font())
        label_width = 190.0
        left = label_width + 12
        right = self.width() - 60.0
        top = 36.0
        top_value = max([r.offers for r in self.rows] + [r.requests for r in self.rows] + [1])
        scale = (right - left) / top_value
        metrics = painter.fontMetrics()
        for number, row in enumerate(self.rows):
            y = top + number * self.ROW_HEIGHT
            label = metrics.elidedText(
                label_text(row.label), Qt.TextElideMode.ElideRight, int(label_width)
            )
            painter.setPen(INK)
            painter.drawText(
                QRectF(4, y, label_width, self.ROW_HEIGHT),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            bar_h = (self.ROW_HEIGHT - 8) / 2
            for offset, (value, colour) in enumerate(
                ((row.offers, OFFER_COLOUR), (row.requests, REQUEST_COLOUR))
            ):
                rect = QRectF(left, y + 4 + offset * bar_h, value * scale, bar_h - 1)
                painter.fillRect(rect, QColor(colour))
                if value:
                    painter.setPen(INK)
                    painter.drawText(
                        QRectF(rect.right() + 3, rect.top() - 2, 40, bar_h + 4),
                        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                        str(value),
                    )
        painter.setPen(QPen(QColor("#888888")))
        bottom = top + self.ROW_HEIGHT * max(len(self.rows), 1)
        painter.drawLine(QPointF(left, top), QPointF(left, bottom))
        painter.end()


def _legend(painter: QPainter, at: QPointF, font: QFont) -> None:
    painter.setFont(font)
    for number, (label, colour) in enumerate(
        (
            (QCoreApplication.translate("ReportPage", "Offers"), OFFER_COLOUR),
            (QCoreApplication.translate("ReportPage", "Requests"), REQUEST_COLOUR),
        )
    ):
        x = at.x() + number * 95
        painter.fillRect(QRectF(x, at.y() + 2, 12, 12), QColor(colour))
        painter.setPen(INK)
        painter.drawText(QRectF(x + 16, at.y() - 2, 80, 20), Qt.AlignmentFlag.AlignVCenter, label)


class RunChart(QWidget):
    """Activities per event over time with the median line (a QI run chart)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[RunPoint] = []
        self.median: float | None = None
        self.current_id = ""
        self.setMinimumHeight(260)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_points(self, points: list[RunPoint], median: float | None, current_id: str) -> None:
        self.points, self.median, self.current_id = list(points), median, current_id
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(600, 260)

    def caption(self) -> str:
        """Under the plot: how many events, from when to when."""
        first = self.points[0].date if self.points else ""
        last = self.points[-1].date if self.points else ""
        # English needs its own singular (no English catalogue gives "%n" a singular form);
        # the plural goes through numerus so Welsh gets each of its forms.
        count = len(self.points)
        text = (
            self.tr("1 event, {first} to {last}; ringed: this event")
            if count == 1
            else self.tr("%n events, {first} to {last}; ringed: this event", "", count)
        )
        return text.replace("{first}", first or "–").replace("{last}", last or "–")

    def tick_values(self) -> list[int]:
        """The value axis's ticks: counts, so whole numbers from 0 to a round top (0, 2, 4…
        14), never 3.25 / 6.5 / 9.75."""
        top, step = nice_axis(max([*(p.activities for p in self.points), 1]))
        return list(range(0, int(top) + 1, int(step)))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        title_font = QFont(self.font())
        title_font.setBold(True)
        title_font.setPointSize(title_font.pointSize() + 2)
        painter.setFont(title_font)
        painter.setPen(INK)
        painter.drawText(
            QRectF(8, 4, self.width() - 16, 24),
            Qt.AlignmentFlag.AlignLeft,
            self.tr("Run chart: activities generated per event"),
        )
        painter.setFont(self.font())
        plot = QRectF(50, 36, self.width() - 70, self.height() - 76)
        values = [p.activities for p in self.points]
        ticks = self.tick_values()
        top = ticks[-1]
        count = max(len(values), 1)

        def x_of(index: int) -> float:
            return plot.left() + (index + 0.5) / count * plot.width()

        def y_of(value: float) -> float:
            return plot.bottom() - value / top * plot.height()

        painter.setPen(QPen(GRID))
        for value in self.tick_values():
            y = y_of(value)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(INK)
            painter.drawText(
                QRectF(0, y - 8, plot.left() - 6, 16),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
            painter.setPen(QPen(GRID))
        if values:
            painter.setPen(QPen(QColor(OFFER_COLOUR), 2 if count < 60 else 1))
            previous: QPointF | None = None
            for index, value in enumerate(values):
                point = QPointF(x_of(index), y_of(value))
                if previous is not None:
                    painter.drawLine(previous, point)
                previous = point
            if count <= 60:
                painter.setBrush(QColor(OFFER_COLOUR))
                for index, value in enumerate(values):
                    painter.drawEllipse(QPointF(x_of(index), y_of(value)), 3, 3)
            for index, point_data in enumerate(self.points):
                if point_data.event_id == self.current_id:
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                    painter.setPen(QPen(QColor(REQUEST_COLOUR), 2))
                    painter.drawEllipse(QPointF(x_of(index), y_of(point_data.activities)), 7, 7)
        if self.median is not None:
            pen = QPen(QColor(MEDIAN_COLOUR), 1.5, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            y = y_of(self.median)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.drawText(
                QRectF(plot.right() - 150, y - 20, 150, 18),
                Qt.AlignmentFlag.AlignRight,
                self.tr("median {value}").replace("{value}", f"{self.median:g}"),
            )
        painter.setPen(INK)
        painter.drawText(
            QRectF(plot.left(), plot.bottom() + 8, plot.width(), 20),
            Qt.AlignmentFlag.AlignLeft,
            self.caption(),
        )
        painter.end()


class ReportPage(QWidget):
    """The report of the chosen event, on screen, and Save PDF….

    Signals:
        reportShown(object): the Report now on screen.
        pdfSaved(str): the path of a PDF just written.
    """

    reportShown = Signal(object)
    pdfSaved = Signal(str)

    @classmethod
    def mode_title(cls) -> str:
        return QCoreApplication.translate("ReportPage", "Report")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportPage")
        self.context = context
        self.report: Report | None = None
        self._event_id = context.current_event_id
        self.event_combo = QComboBox()
        self.event_combo.setObjectName("reportEvent")
        # Wide enough for "Hexithon Leeds — 2026-11-26" at any font size; longer names get
        # the room the buttons leave (the combo stretches).
        self.event_combo.setMinimumContentsLength(28)
        self.event_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.event_combo.activated.connect(self._event_chosen)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.save_button = QPushButton(self.tr("&Save PDF…"))
        self.save_button.setObjectName("savePdf")
        self.save_button.clicked.connect(self.choose_pdf_path)
        self.message = QLabel()
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Event:")))
        top.addWidget(self.event_combo, 1)
        top.addWidget(self.refresh_button)
        top.addWidget(self.save_button)

        self.heading = QLabel()
        heading_font = self.heading.font()
        heading_font.setPointSize(heading_font.pointSize() + 8)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.heading.setWordWrap(True)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("reportEmpty")
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet("font-size: 14pt; color: #92400e;")
        self.numbers = QGridLayout()
        self.number_labels: dict[str, QLabel] = {}
        self.category_chart = BarChart(self.tr("Offers and requests by category"))
        self.region_chart = BarChart(
            self.tr("Offers and requests by region"), self.tr("No entries by region yet")
        )
        self.run_chart = RunChart()
        self.feedback_label = QLabel()
        self.feedback_label.setObjectName("reportFeedback")
        self.feedback_label.setWordWrap(True)
        self.feedback_label.setTextFormat(Qt.TextFormat.RichText)
        body = QWidget()
        body.setObjectName("reportBody")
        body_layout = QVBoxLayout(body)
        body_layout.addWidget(self.heading)
        body_layout.addWidget(self.empty_label)
        numbers_frame = QFrame()
        numbers_frame.setLayout(self.numbers)
        body_layout.addWidget(numbers_frame)
        body_layout.addWidget(self.category_chart)
        body_layout.addWidget(self.region_chart)
        body_layout.addWidget(self.run_chart)
        body_layout.addWidget(self.feedback_label)
        body_layout.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(body)
        # A Tab stop: the report's numbers and charts take no focus, so arrows and Page Down
        # scroll them from here.
        self.scroll_area.setAccessibleName(self.tr("Report"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.scroll_area, 1)
        context.currentEventChanged.connect(self._current_event_changed)
        context.storeChanged.connect(self._store_changed)
        self._load_events()

    # ------------------------------------------------------------------ events

    def _load_events(self) -> None:
        store = self.context.store
        self.context.worker.run(store.list_events, self._events_loaded, self._failed)

    def _events_loaded(self, events: list[Any]) -> None:
        self.event_combo.clear()
        for event in events:
            label = event.title if not event.date else f"{event.title} — {event.date}"
            self.event_combo.addItem(label, event.id)
        if not events:
            self.message.setText(self.tr("No events yet: create one in Capture, then come back."))
            self.save_button.setEnabled(False)
            return
        self.save_button.setEnabled(True)
        found = self.event_combo.findData(self._event_id)
        if found < 0:
            found = 0
            self._event_id = str(self.event_combo.itemData(0))
        self.event_combo.setCurrentIndex(found)
        self.refresh()

    def _event_chosen(self, row: int) -> None:
        self._event_id = str(self.event_combo.itemData(row) or "")
        self.refresh()

    def _current_event_changed(self, event_id: str) -> None:
        if event_id:
            self._event_id = event_id
            found = self.event_combo.findData(event_id)
            if found >= 0:
                self.event_combo.setCurrentIndex(found)
            self.refresh()

    def _store_changed(self, entity_type: str) -> None:
        if entity_type == "event":
            self._load_events()
        elif self.isVisible():
            self.refresh()

    def showEvent(self, event: Any) -> None:
        self.refresh()
        super().showEvent(event)

    # ------------------------------------------------------------------ the report

    def refresh(self) -> None:
        event_id = self._event_id
        if not event_id:
            return
        store = self.context.store
        self.context.worker.run(
            lambda: build_report(store, event_id), self.show_report, self._failed
        )

    def show_report(self, report: Report) -> None:
        self.report = report
        self.message.clear()
        details = " · ".join(
            d
            for d in (report.date, report.venue, label_text(report.region) if report.region else "")
            if d
        )
        self.heading.setText(report.title + (f"\n{details}" if details else ""))
        self.empty_label.setText(report.empty_message() if report.is_empty else "")
        self.empty_label.setVisible(report.is_empty)
        while self.numbers.count():
            item = self.numbers.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.number_labels.clear()
        for number, (label, value) in enumerate(report.summary_lines()):
            name = QLabel(label)
            figure = QLabel(value)
            figure_font = figure.font()
            figure_font.setPointSize(figure_font.pointSize() + 4)
            figure_font.setBold(True)
            figure.setFont(figure_font)
            row, column = divmod(number, 3)
            self.numbers.addWidget(figure, row * 2, column)
            self.numbers.addWidget(name, row * 2 + 1, column)
            self.number_labels[label] = figure
        self.category_chart.set_rows(report.by_category)
        self.region_chart.set_rows(report.by_region)
        self.run_chart.set_points(report.run_chart, report.run_chart_median, report.event_id)
        self.feedback_label.setText(self._feedback_html(report))
        self.reportShown.emit(report)

    def _feedback_html(self, report: Report) -> str:
        from html import escape

        if not report.feedback:
            return "<h3>{}</h3><p>{}</p>".format(
                escape(self.tr("Feedback")), escape(self.tr("No feedback was recorded."))
            )
        feedback_title = escape(self.tr("Feedback"))
        parts = [f"<h3>{feedback_title}</h3>"]
        for entry in report.feedback:
            lines = []
            if entry.worked:
                lines.append(f"<b>+</b> “{escape(entry.worked)}”")
            if entry.even_better_if:
                lines.append(f"<b>→</b> “{escape(entry.even_better_if)}”")
            if entry.rating is not None:
                lines.append(f"★ {entry.rating}/5")
            parts.append("<p>" + "<br>".join(lines) + "</p>")
        return "".join(parts)

    def _failed(self, error: BaseException) -> None:
        self.message.setText(str(error))

    # ------------------------------------------------------------------ PDF

    def choose_pdf_path(self) -> None:
        if self.report is None:
            self.message.setText(self.tr("Choose an event first."))
            return
        safe = "".join(c if c.isalnum() or c in " -_" else "-" for c in self.report.title).strip()
        suggested = str(Path.home() / f"{safe or 'hexithon'} report.pdf")
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the report as PDF"), suggested, self.tr("PDF files (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    def save_pdf(self, path: Path) -> None:
        """Write the report's PDF off the GUI thread (render lane)."""
        report = self.report
        if report is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Writing the PDF…"))
        self.context.worker.run(
            lambda: write_pdf(report, path), self._pdf_done, self._pdf_failed, lane="render"
        )

    def _pdf_done(self, path: Path) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(self.tr("Saved {path}").replace("{path}", str(path)))
        self.pdfSaved.emit(str(path))

    def _pdf_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        self.message.setText(
            self.tr(
                "The PDF could not be saved ({error}). Choose another folder and try again."
            ).replace("{error}", detail)
        )
