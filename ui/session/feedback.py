"""Feedback: keyboard-fast entry on the laptop, and the FEEDBACK scene on the projector.

Entry: type what worked, Tab, even better if, Tab, a digit 1–5, Enter. The entry is saved
through the worker, the fields clear and the cursor goes back to the first one. If saving
fails, what was typed stays.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hexikit.records.domain import EntityType, ValidationError
from hexikit.session.feedback import FeedbackInput, add_feedback, delete_feedback, list_feedback
from hexikit.store.models import Feedback
from hexikit.ui.context import AppContext
from hexikit.ui.widgets.a11y import keyboard_friendly

SCENE_BACKGROUND = QColor("#10233a")
WORKED_COLOUR = QColor("#7fd1b9")
BETTER_COLOUR = QColor("#f2a541")


def fitted_font(font: QFont, box: QRectF, text: str, minimum_px: int = 10) -> QFont:
    """`font`, shrunk in steps until `text` (word-wrapped) fits `box`."""
    fitted = QFont(font)
    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
    while fitted.pixelSize() > minimum_px:
        bounds = QFontMetricsF(fitted).boundingRect(box, flags, text)
        if bounds.height() <= box.height() and bounds.width() <= box.width():
            break
        fitted.setPixelSize(max(int(fitted.pixelSize() * 0.9), minimum_px))
    return fitted


class FeedbackScene(QWidget):
    """The projector during feedback: the two prompts, large."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackScene")

    def prompts(self) -> tuple[str, str, str]:
        return (
            self.tr("What worked?"),
            self.tr("Even better if…"),
            self.tr("And a score from 1 to 5"),
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = float(self.width()), float(self.height())
        painter.fillRect(self.rect(), SCENE_BACKGROUND)
        worked, better, score = self.prompts()
        margin = width * 0.06
        big = QFont(self.font())
        big.setPixelSize(max(int(height / 7), 12))
        big.setBold(True)
        small = QFont(self.font())
        small.setPixelSize(max(int(height / 18), 10))
        half = (width - 3 * margin) / 2
        # One size for both prompts: the size that fits the longer of the two.
        fitted = [fitted_font(big, QRectF(0, 0, half, height * 0.42), t) for t in (worked, better)]
        prompt_font = min(fitted, key=lambda f: f.pixelSize())
        for number, (text, colour, mark) in enumerate(
            ((worked, WORKED_COLOUR, "+"), (better, BETTER_COLOUR, "→"))
        ):
            left = margin + number * (half + margin)
            # A shape besides colour: a large "+" or "→" above each prompt.
            painter.setPen(colour)
            painter.setFont(big)
            painter.drawText(
                QRectF(left, height * 0.12, half, height * 0.2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                mark,
            )
            painter.setPen(QColor("#ffffff"))
            box = QRectF(left, height * 0.32, half, height * 0.42)
            painter.setFont(prompt_font)
            painter.drawText(
                box,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                text,
            )
        painter.setFont(small)
        painter.setPen(QColor("#c9d6e3"))
        painter.drawText(
            QRectF(margin, height * 0.78, width - 2 * margin, height * 0.12),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            score,
        )
        painter.end()


class FeedbackPanel(QWidget):
    """Keyboard-fast feedback entry for the current event.

    Enter in any field (or Ctrl+Enter) saves; Delete in the list removes an entry.

    Signals:
        saved(str): the id of the feedback entry just saved.
    """

    saved = Signal(str)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feedbackPanel")
        self.context = context
        self._event_id = ""
        self._saving = False
        self.worked = QLineEdit()
        self.worked.setObjectName("feedbackWorked")
        self.worked.setPlaceholderText(self.tr("What worked? (a quote from the room)"))
        self.better = QLineEdit()
        self.better.setObjectName("feedbackBetter")
        self.better.setPlaceholderText(self.tr("Even better if…"))
        self.rating = QLineEdit()
        self.rating.setObjectName("feedbackRating")
        self.rating.setPlaceholderText(self.tr("1–5"))
        # No validator: one refusing "7" swallowed the key with no word. The core's check
        # says what is wrong when the entry is saved, and what was typed stays.
        self.rating.setMaxLength(3)
        self.rating.setFixedWidth(60)
        for field in (self.worked, self.better, self.rating):
            field.returnPressed.connect(self.save)
        self.save_button = QPushButton(self.tr("&Add feedback"))
        self.save_button.clicked.connect(self.save)
        self.error = QLabel()
        self.error.setObjectName("feedbackError")
        self.error.setStyleSheet("color: #b91c1c;")
        self.error.setWordWrap(True)
        self.entries = QListWidget()
        self.entries.setObjectName("feedbackList")
        self.entries.setAccessibleName(self.tr("Feedback entries"))
        keyboard_friendly(self.entries)
        self.entries.setWordWrap(True)
        self.entries.installEventFilter(self)
        self.count = QLabel()
        form = QFormLayout()
        form.addRow(self.tr("What &worked"), self.worked)
        form.addRow(self.tr("&Even better if"), self.better)
        rating_row = QHBoxLayout()
        rating_row.addWidget(self.rating)
        rating_row.addWidget(self.save_button)
        rating_row.addStretch(1)
        rating_label = QLabel(self.tr("&Rating"))
        rating_label.setBuddy(self.rating)
        form.addRow(rating_label, rating_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.count)
        layout.addWidget(self.entries, 1)
        save_shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self.save)

    def set_event(self, event_id: str) -> None:
        self._event_id = event_id
        self.refresh()

    def refresh(self) -> None:
        event_id = self._event_id
        if not event_id:
            self.entries.clear()
            self.count.setText(self.tr("Choose an event to record feedback."))
            return
        store = self.context.store
        self.context.worker.run(
            lambda: list_feedback(store, event_id), self._show_entries, self._failed
        )

    def _show_entries(self, entries: list[Feedback]) -> None:
        self.entries.clear()
        for entry in reversed(entries):
            parts = []
            if entry.worked:
                parts.append("+ " + entry.worked)
            if entry.even_better_if:
                parts.append("→ " + entry.even_better_if)
            if entry.rating is not None:
                parts.append("★ " + str(entry.rating))
            item = QListWidgetItem("   ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.entries.addItem(item)
        self.count.setText(
            self.tr("1 entry")
            if len(entries) == 1
            else self.tr("{count} entries").replace("{count}", str(len(entries)))
        )

    def save(self) -> None:
        if self._saving:
            return
        if not self._event_id:
            self.error.setText(self.tr("Choose an event first (Session ▸ event)."))
            return
        data = FeedbackInput(self.worked.text(), self.better.text(), self.rating.text() or None)
        store, event_id = self.context.store, self._event_id
        self._saving = True
        self.context.worker.run(
            lambda: add_feedback(store, event_id, data),
            self._saved,
            self._failed,
            changes={EntityType.FEEDBACK},
        )

    def _saved(self, entry: Feedback) -> None:
        self._saving = False
        self.error.clear()
        for field in (self.worked, self.better, self.rating):
            field.clear()
        self.worked.setFocus()
        self.saved.emit(entry.id)
        self.refresh()

    def _failed(self, error: BaseException) -> None:
        # What was typed stays in the fields: only the message changes.
        self._saving = False
        if isinstance(error, ValidationError):
            self.error.setText(" ".join(error.problems.values()))
        else:
            self.error.setText(str(error))

    def eventFilter(self, watched: object, event: object) -> bool:
        from PySide6.QtGui import QKeyEvent

        if (
            watched is self.entries
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Delete
        ):
            item = self.entries.currentItem()
            if item is not None:
                entry_id = str(item.data(Qt.ItemDataRole.UserRole))
                store = self.context.store
                self.context.worker.run(
                    lambda: delete_feedback(store, entry_id),
                    lambda _r: self.refresh(),
                    self._failed,
                )
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
