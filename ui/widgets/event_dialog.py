"""Choose the Hexithon being run, or create it (Ctrl+Shift+E; asked at start when there is none).

`ensure_current_event` is what the main window calls once the store is open: it keeps the
current event when it still exists, and otherwise asks.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
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

from hexikit.records.domain import (
    REGIONS,
    EntityType,
    EventInput,
    ValidationError,
    region_label,
    validate_event,
)
from hexikit.records.store_api import StoreError
from hexikit.ui.context import AppContext
from hexikit.ui.theme import (
    STYLESHEET,
    ErrorLabel,
    add_field_rows,
    scaled,
    show_field_problems,
)

if TYPE_CHECKING:
    from hexikit.store.models import Event

EventSummary = tuple[str, str, str, str]  # id, title, date, venue


def describe_event(title: str, date: str, venue: str) -> str:
    details = " · ".join(part for part in (date, venue) if part)
    return f"{title}  —  {details}" if details else title


class _EventList(QListWidget):
    """The existing events; Enter opens the selected one.

    Signals:
        chosen(str): the UUID of the event to open.
    """

    chosen = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            item = self.currentItem()
            if item is not None:
                self.chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
                event.accept()
                return
        super().keyPressEvent(event)


class EventDialog(QDialog):
    """Open an existing event or create a new one.

    Signals:
        eventChosen(str): the event now current (after the store committed a new one).
    """

    eventChosen = Signal(str)

    def __init__(
        self,
        context: AppContext,
        events: list[EventSummary],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("hexikitDialog")
        self.setStyleSheet(scaled(STYLESHEET))
        self.setWindowTitle(self.tr("Choose the Hexithon"))
        self.setMinimumWidth(560)
        self._saving = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(10)

        self.event_list = _EventList()
        self.event_list.setAccessibleName(self.tr("Events so far"))
        self.event_list.chosen.connect(self.choose)
        self.event_list.itemDoubleClicked.connect(
            lambda item: self.choose(str(item.data(Qt.ItemDataRole.UserRole)))
        )
        for event_id, title, date, venue in events:
            item = QListWidgetItem(describe_event(title, date, venue))
            item.setData(Qt.ItemDataRole.UserRole, event_id)
            self.event_list.addItem(item)
            if event_id == context.current_event_id:
                self.event_list.setCurrentItem(item)
        if events and self.event_list.currentItem() is None:
            self.event_list.setCurrentRow(0)
        if events:
            heading = QLabel(self.tr("Open a Hexithon"))
            heading.setObjectName("sectionTitle")
            hint = QLabel(self.tr("Pick one with the arrow keys and press Enter."))
            hint.setObjectName("hint")
            rows = min(len(events), 5)
            self.event_list.setFixedHeight(rows * self.event_list.sizeHintForRow(0) + 28)
            layout.addWidget(heading)
            layout.addWidget(hint)
            layout.addWidget(self.event_list)
            layout.addSpacing(10)
        else:
            self.event_list.hide()

        new_heading = QLabel(
            self.tr("Or start a new one") if events else self.tr("Start your Hexithon")
        )
        new_heading.setObjectName("sectionTitle")
        intro = QLabel(
            self.tr("Give the event a name; the rest is optional and can help the report.")
        )
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        layout.addWidget(new_heading)
        layout.addWidget(intro)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. Hexithon at the Q Summit"))
        self.date_edit = QLineEdit(dt.date.today().isoformat())
        self.date_edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.venue_edit = QLineEdit()
        self.venue_edit.setPlaceholderText(self.tr("Where (optional)"))
        self.region_combo = QComboBox()
        self.region_combo.addItem(self.tr("(not given)"), "")
        for value in REGIONS:
            self.region_combo.addItem(region_label(value), value)
        self.facilitator_edit = QLineEdit()
        self.facilitator_edit.setPlaceholderText(self.tr("Your name (optional)"))
        self.errors = {
            key: ErrorLabel() for key in ("title", "date", "venue", "region", "facilitator")
        }
        self.general_error = ErrorLabel()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        add_field_rows(
            form,
            [
                (self.tr("&Title"), self.title_edit, "title"),
                (self.tr("&Date"), self.date_edit, "date"),
                (self.tr("&Venue"), self.venue_edit, "venue"),
                (self.tr("Re&gion"), self.region_combo, "region"),
                (self.tr("&Facilitator"), self.facilitator_edit, "facilitator"),
            ],
            self.errors,
        )
        layout.addLayout(form)
        layout.addWidget(self.general_error)

        self.create_button = QPushButton(self.tr("Create event  ⏎"))
        self.create_button.setObjectName("primaryButton")
        self.create_button.setAutoDefault(False)
        self.create_button.clicked.connect(self.create_event)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        if context.current_event_id:
            cancel = QPushButton(self.tr("Cancel  Esc"))
            cancel.setObjectName("secondaryButton")
            cancel.setAutoDefault(False)
            cancel.clicked.connect(self.reject)
            buttons.addWidget(cancel)
        buttons.addWidget(self.create_button)
        layout.addLayout(buttons)

        if events:
            self.event_list.setFocus()
        else:
            self.title_edit.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter on the region box creates too; Esc only closes when there is an event to show.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.create_event()
            return
        if event.key() == Qt.Key.Key_Escape and not self.context.current_event_id:
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        # Not while a save is on its way: its result must find the dialog alive.
        if self._saving:
            return
        super().reject()

    def choose(self, event_id: str) -> None:
        if not event_id:
            return
        self.context.set_current_event(event_id)
        self.eventChosen.emit(event_id)
        self.accept()

    def event_input(self) -> EventInput:
        return EventInput(
            title=self.title_edit.text(),
            date=self.date_edit.text(),
            venue=self.venue_edit.text(),
            region=str(self.region_combo.currentData() or ""),
            facilitator=self.facilitator_edit.text(),
        )

    def show_problems(self, problems: dict[str, str]) -> None:
        widgets: dict[str, QWidget] = {
            "title": self.title_edit,
            "date": self.date_edit,
            "venue": self.venue_edit,
            "region": self.region_combo,
            "facilitator": self.facilitator_edit,
        }
        show_field_problems(problems, widgets, self.errors, self.general_error)
        self.adjustSize()  # room for the notes that just appeared

    def create_event(self) -> None:
        if self._saving:
            return
        data = self.event_input()
        try:
            validate_event(data)
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        self.show_problems({})
        self._saving = True
        self.create_button.setEnabled(False)
        store = self.context.store

        def make() -> str:
            event: Event = store.create_event(data)
            return event.id

        self.context.worker.run(make, self._created, self._failed, changes={EntityType.EVENT})

    def _created(self, event_id: str) -> None:
        self._saving = False
        self.choose(event_id)

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self.create_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.show_problems(error.problems)
        elif isinstance(error, StoreError):
            self.general_error.set_message(str(error))
        else:
            self.general_error.set_message(str(error) or repr(error))


def summarise_events(events: list[Event]) -> list[EventSummary]:
    return [(event.id, event.title, event.date, event.venue) for event in events]


def open_event_dialog(context: AppContext, parent: QWidget | None = None) -> None:
    """Load the events (store lane), then show the dialog (non-blocking)."""
    store = context.store

    def show(events: list[EventSummary]) -> None:
        dialog = EventDialog(context, events, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setModal(True)
        dialog.open()

    context.worker.run(lambda: summarise_events(store.list_events()), show)


def ensure_current_event(context: AppContext, parent: QWidget | None = None) -> None:
    """Keep the current event if it still exists; otherwise ask for one."""
    store = context.store

    def check(events: list[EventSummary]) -> None:
        if any(event[0] == context.current_event_id for event in events):
            return
        if context.current_event_id:
            context.set_current_event("")
        dialog = EventDialog(context, events, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setModal(True)
        dialog.open()

    context.worker.run(lambda: summarise_events(store.list_events()), check)
