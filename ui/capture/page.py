"""Capture mode: type the room's offers and requests as fast as people say them.

Left, a keyboard-first form; right, the event's list with filter, sort, edit and delete/undo.

Keys (also shown on screen):
    Enter            save and clear for the next entry (Shift+Enter: new line in description)
    Ctrl+O / Ctrl+R  switch to offer / request
    Ctrl+N           new participant
    Ctrl+Shift+N     edit the participant in the Who box (fix a name, email, consent)
    Ctrl+F           filter the list; Esc clears it, Down goes into the list
    F2 / Enter / double-click in the list   edit that entry in the form; Esc cancels the edit
    Delete in the list                      delete; Ctrl+Z (or the Undo button) restores it

What stays after a save (the same person often names several things, in the same place): the
kind, the participant, the regions and the mode. What clears: title, description, categories
and hours.

Nothing lost: every store call runs on the worker's serial "store" lane and the form says
"Saved" only once the commit came back; on an error the typed text stays on screen. The
half-typed form is written to the data folder as a draft (300 ms after the last change and on
every focus change) and put back at the next start.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hexikit.records.domain import (
    CATEGORIES,
    REGIONS,
    ActivityInput,
    Kind,
    Mode,
    ParticipantInput,
    ValidationError,
    parse_hours,
    validate_activity,
)
from hexikit.records.drafts import CaptureDraft, clear_draft, load_draft, save_draft
from hexikit.records.participants import participant_input_from
from hexikit.store import Counts, Store, StoreError
from hexikit.store.models import Activity, Event, Participant
from hexikit.ui.capture.model import (
    ActivityDelegate,
    ActivityRow,
    ActivityTableModel,
    format_hours,
    load_rows,
)
from hexikit.ui.context import AppContext
from hexikit.ui.theme import (
    CARD_BORDER,
    PAGE_BACKGROUND,
    STYLESHEET,
    ErrorLabel,
    mark_invalid,
    show_field_problems,
    style_popup,
    use_base_font,
)

log = logging.getLogger(__name__)

DRAFT_DELAY_MS = 300
FORM_WIDTH = 440

#: Starting widths of the list's columns; the title takes what is left.
COLUMN_WIDTHS = {
    ActivityTableModel.COL_NUMBER: 44,
    ActivityTableModel.COL_KIND: 80,
    ActivityTableModel.COL_WHO: 130,
    ActivityTableModel.COL_CATEGORIES: 170,
    ActivityTableModel.COL_REGIONS: 120,
    ActivityTableModel.COL_MODE: 100,
    ActivityTableModel.COL_HOURS: 56,
}
#: Columns hidden first when the list is narrow (the title keeps at least MIN_TITLE_WIDTH).
COLUMN_DROP_ORDER = (
    ActivityTableModel.COL_HOURS,
    ActivityTableModel.COL_MODE,
    ActivityTableModel.COL_REGIONS,
    ActivityTableModel.COL_CATEGORIES,
    ActivityTableModel.COL_WHO,
)
MIN_TITLE_WIDTH = 220

#: participant (id, label) pairs, in the order the store lists them (by name)
ParticipantChoice = tuple[str, str]


@dataclass
class EventInfo:
    id: str
    title: str
    date: str
    venue: str
    region: str


@dataclass
class PageData:
    """One refresh of the page, read on the store lane."""

    event: EventInfo | None
    rows: list[ActivityRow]
    counts: Counts
    participants: list[ParticipantChoice]


def read_page_data(store: Store, event_id: str) -> PageData:
    """Everything the page shows for `event_id` (worker thread)."""
    event = store.get(Event, event_id) if event_id else None
    if event is None or event.deleted_at is not None:
        return PageData(None, [], Counts(0, 0, 0), [])
    people = store.list_participants(event_id)
    names: dict[str, int] = {}
    for person in people:
        names[person.name.casefold()] = names.get(person.name.casefold(), 0) + 1
    choices: list[ParticipantChoice] = []
    for person in people:
        label = person.name
        if names[person.name.casefold()] > 1:
            label = f"{person.name} ({person.organisation or person.email or person.claim_code})"
        choices.append((person.id, label))
    return PageData(
        EventInfo(event.id, event.title, event.date, event.venue, event.region),
        load_rows(store, event_id),
        store.counts(event_id),
        choices,
    )


def tr(text: str) -> str:
    return QCoreApplication.translate("CapturePage", text)


class _Card(QFrame):
    """A white card with a rounded border, painted without a style sheet (see _build_right)."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(CARD_BORDER), 1))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 10, 10)


class _CountTile(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countTile")
        self.number = QLabel("0")
        self.number.setObjectName("countNumber")
        self.caption = QLabel(caption)
        self.caption.setObjectName("countLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 6)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)

    def set_count(self, value: int) -> None:
        self.number.setText(str(value))


class CapturePage(QWidget):
    """The capture form and the event's list.

    Signals:
        saved(str): an activity was committed (new or edited): its UUID.
        saveFailed(str): a save did not happen; the message shown.
        deleted(str): an activity was deleted (soft): its UUID.
        restored(str): a deleted activity was brought back: its UUID.
        refreshed(): the list, counts and participants were reloaded from the store.
        draftWritten(bool): the draft file was written (True) or removed (False).
        draftRestored(): a draft from an earlier run was put back on the form.
    """

    saved = Signal(str)
    saveFailed = Signal(str)
    deleted = Signal(str)
    restored = Signal(str)
    refreshed = Signal()
    draftWritten = Signal(bool)
    draftRestored = Signal()

    @classmethod
    def mode_title(cls) -> str:
        return tr("Capture")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._event: EventInfo | None = None
        self._kind = Kind.OFFER
        self._editing_id = ""
        self._before_edit: CaptureDraft | None = None
        self._saving = False
        self._applying = 0  # >0 while the page changes the form itself (no draft writes)
        self._reload_running = False
        self._reload_again = False
        self._deleted: list[tuple[str, str]] = []  # (id, title), newest last
        self._pending_participant = ""
        self._last_draft_json = CaptureDraft().to_json()
        self._participants: list[ParticipantChoice] = []

        self._build()
        self._connect()

        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush_draft)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

        context.storeChanged.connect(self._store_changed)
        context.currentEventChanged.connect(self._event_changed)
        self._show_event_state()
        self.reload()
        self._restore_draft()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        #: widgets that get the style sheet, once the whole tree is built (rules match on
        #: ancestors, and Qt does not re-polish a styled widget when it is re-parented)
        self._styled: list[QWidget] = []
        # The main window names pages after their class; the stylesheet keys on this one.
        self.body = QStackedWidget()
        self.body.setObjectName("capturePage")
        palette = self.body.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(PAGE_BACKGROUND))
        self.body.setPalette(palette)
        self.body.setAutoFillBackground(True)
        use_base_font(self.body)
        self.no_event_panel = self._build_no_event()
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(18, 14, 18, 14)
        columns.setSpacing(16)
        # The form scrolls when the window is short (validation notes make it taller).
        self.form_scroll = QScrollArea()
        left = self._build_left()
        self.form_scroll.setWidget(left)
        left.setAutoFillBackground(False)  # setWidget turns it on; the page colour shows
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setFixedWidth(FORM_WIDTH + 16)
        page_palette = self.form_scroll.palette()
        page_palette.setColor(QPalette.ColorRole.Window, QColor(PAGE_BACKGROUND))
        self.form_scroll.setPalette(page_palette)
        self.form_scroll.viewport().setPalette(page_palette)
        columns.addWidget(self.form_scroll, 0)
        columns.addWidget(self._build_right(), 1)
        self.body.addWidget(self.no_event_panel)
        self.body.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body)
        for widget in self._styled:
            widget.setStyleSheet(STYLESHEET)
        self.delegate.set_font(self.table.font())

    def _build_no_event(self) -> QWidget:
        panel = QWidget()
        self._styled.append(panel)
        layout = QVBoxLayout(panel)
        layout.addStretch(1)
        title = QLabel(self.tr("No Hexithon chosen yet"))
        title.setObjectName("eventTitle")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            self.tr("Create the event you are running (or open an earlier one) to start typing.")
        )
        text.setObjectName("emptyState")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.choose_event_button = QPushButton(self.tr("Create or open an event…  Ctrl+Shift+E"))
        self.choose_event_button.setObjectName("primaryButton")
        self.choose_event_button.clicked.connect(self.choose_event)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.choose_event_button)
        row.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(12)
        layout.addLayout(row)
        layout.addStretch(2)
        return panel

    def _build_left(self) -> QWidget:
        left = QWidget()
        self._styled.append(left)
        left.setFixedWidth(FORM_WIDTH)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)

        # The event and the live counts.
        self.event_title = QLabel()
        self.event_title.setObjectName("eventTitle")
        self.event_title.setWordWrap(True)
        self.event_meta = QLabel()
        self.event_meta.setObjectName("eventMeta")
        self.event_meta.setWordWrap(True)
        change = QPushButton(self.tr("Change…"))
        change.setToolTip(self.tr("Open or create another event (Ctrl+Shift+E)"))
        change.setObjectName("secondaryButton")
        change.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        change.clicked.connect(self.choose_event)
        heading = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.event_title)
        titles.addWidget(self.event_meta)
        heading.addLayout(titles, 1)
        heading.addWidget(change, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(heading)

        self.participants_tile = _CountTile(self.tr("participants"))
        self.offers_tile = _CountTile(self.tr("offers"))
        self.requests_tile = _CountTile(self.tr("requests"))
        tiles = QHBoxLayout()
        tiles.setSpacing(8)
        for tile in (self.participants_tile, self.offers_tile, self.requests_tile):
            tiles.addWidget(tile)
        column.addLayout(tiles)

        card = QFrame()
        card.setObjectName("formCard")
        form = QVBoxLayout(card)
        form.setContentsMargins(16, 14, 16, 14)
        form.setSpacing(4)

        self.form_title = QLabel(self.tr("New offer or request"))
        self.form_title.setObjectName("sectionTitle")
        form.addWidget(self.form_title)
        self.edit_banner = QLabel()
        self.edit_banner.setObjectName("editBanner")
        self.edit_banner.setWordWrap(True)
        self.edit_banner.hide()
        form.addWidget(self.edit_banner)
        form.addSpacing(4)

        # Kind: two toggle buttons, switched by key, outside the Tab chain.
        self.offer_button = QPushButton(self.tr("Offer   Ctrl+O"))
        self.offer_button.setObjectName("kindOffer")
        self.request_button = QPushButton(self.tr("Request   Ctrl+R"))
        self.request_button.setObjectName("kindRequest")
        self.kind_group = QButtonGroup(self)
        self.kind_group.setExclusive(True)
        for button in (self.offer_button, self.request_button):
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.kind_group.addButton(button)
        self.offer_button.setChecked(True)
        kind_row = QHBoxLayout()
        kind_row.setSpacing(0)
        kind_row.addWidget(self.offer_button)
        kind_row.addWidget(self.request_button)
        form.addLayout(kind_row)
        form.addSpacing(6)

        self.errors: dict[str, ErrorLabel] = {
            key: ErrorLabel()
            for key in (
                "participant",
                "title",
                "description",
                "categories",
                "regions",
                "mode",
                "hours",
            )
        }

        # Who: an editable list of the event's participants, found by typing any part.
        self.participant_combo = QComboBox()
        self.participant_combo.setEditable(True)
        self.participant_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.participant_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        line = self.participant_combo.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Name (optional)"))
        completer = self.participant_combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            style_popup(completer.popup())
        self.new_participant_button = QPushButton(self.tr("New…  Ctrl+N"))
        self.new_participant_button.setObjectName("secondaryButton")
        self.new_participant_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.new_participant_button.clicked.connect(self.new_participant)
        self.edit_participant_button = QPushButton(self.tr("Edit…"))
        self.edit_participant_button.setObjectName("secondaryButton")
        self.edit_participant_button.setToolTip(
            self.tr("Correct the person in the Who box: name, email, consent… (Ctrl+Shift+N)")
        )
        self.edit_participant_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.edit_participant_button.clicked.connect(self.edit_participant)
        who_row = QHBoxLayout()
        who_row.setSpacing(6)
        who_row.addWidget(self.participant_combo, 1)
        who_row.addWidget(self.edit_participant_button)
        who_row.addWidget(self.new_participant_button)
        self._add_field(form, self.tr("&Who"), who_row, self.participant_combo, "participant")

        self.title_edit = QLineEdit()
        self.title_edit.setClearButtonEnabled(True)
        self._add_field(form, self.tr("&Title"), self.title_edit, self.title_edit, "title")

        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(
            self.tr("More detail, if they gave it (Shift+Enter for a new line)")
        )
        self.description_edit.setFixedHeight(64)
        self._add_field(
            form,
            self.tr("&Description"),
            self.description_edit,
            self.description_edit,
            "description",
        )

        from hexikit.ui.widgets.tag_picker import TagPicker

        self.category_picker = TagPicker(
            CATEGORIES, self.tr("Type to pick: coaching, design, audit…")
        )
        self._add_field(
            form, self.tr("&Categories"), self.category_picker, self.category_picker, "categories"
        )
        self.region_picker = TagPicker(REGIONS, self.tr("Type to pick: London, Wales…"))
        self._add_field(
            form, self.tr("Re&gions"), self.region_picker, self.region_picker, "regions"
        )

        self.mode_combo = QComboBox()
        for mode, label in (
            (Mode.EITHER, self.tr("Either")),
            (Mode.REMOTE, self.tr("Remote")),
            (Mode.FACE_TO_FACE, self.tr("Face to face")),
        ):
            self.mode_combo.addItem(label, str(mode))
        self.hours_edit = QLineEdit()
        self.hours_edit.setPlaceholderText(self.tr("e.g. 1.5"))
        self.hours_edit.setMaximumWidth(120)
        pair = QGridLayout()
        pair.setHorizontalSpacing(12)
        pair.setVerticalSpacing(2)
        mode_label = QLabel(self.tr("&Mode"))
        mode_label.setObjectName("fieldLabel")
        mode_label.setBuddy(self.mode_combo)
        hours_label = QLabel(self.tr("&Hours (optional)"))
        hours_label.setObjectName("fieldLabel")
        hours_label.setBuddy(self.hours_edit)
        pair.addWidget(mode_label, 0, 0)
        pair.addWidget(hours_label, 0, 1)
        pair.addWidget(self.mode_combo, 1, 0)
        pair.addWidget(self.hours_edit, 1, 1)
        pair.addWidget(self.errors["mode"], 2, 0)
        pair.addWidget(self.errors["hours"], 2, 1)
        pair.setColumnStretch(0, 1)
        form.addSpacing(4)
        form.addLayout(pair)

        self.general_error = ErrorLabel()
        form.addWidget(self.general_error)

        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("secondaryButton")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(self.clear_form)
        self.save_button = QPushButton()
        self.save_button.setObjectName("primaryButton")
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        form.addSpacing(8)
        form.addLayout(buttons)
        column.addWidget(card)

        self.status_label = QLabel()
        self.status_label.setObjectName("statusInfo")
        self.status_label.setWordWrap(True)
        self.status_label.hide()
        column.addWidget(self.status_label)
        column.addStretch(1)

        # Tab order: top to bottom, as the form reads.
        order: list[QWidget] = [
            self.participant_combo,
            self.title_edit,
            self.description_edit,
            self.category_picker.line_edit,
            self.region_picker.line_edit,
            self.mode_combo,
            self.hours_edit,
            self.save_button,
        ]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self._update_kind_texts()
        return left

    def _add_field(
        self,
        form: QVBoxLayout,
        caption: str,
        field: QWidget | QHBoxLayout,
        buddy: QWidget,
        key: str,
    ) -> None:
        label = QLabel(caption)
        label.setObjectName("fieldLabel")
        label.setBuddy(buddy)
        form.addSpacing(4)
        form.addWidget(label)
        if isinstance(field, QWidget):
            form.addWidget(field)
        else:
            form.addLayout(field)
        form.addWidget(self.errors[key])

    def _build_right(self) -> QWidget:
        # No style sheet on the list or any of its ancestors: Qt's style-sheet style doubles
        # the cost of repainting the table, which happens on every keystroke in the filter.
        # The card is painted by hand and the pieces around the table get the sheet alone.
        card = _Card()
        layout = QVBoxLayout(card)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.setSpacing(8)

        heading = QLabel(self.tr("Offers and requests"))
        heading.setObjectName("sectionTitle")
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter by any word or name   Ctrl+F"))
        self.filter_edit.setMinimumWidth(340)
        top_bar = QWidget()
        self._styled.append(top_bar)
        top = QHBoxLayout(top_bar)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.filter_edit)
        layout.addWidget(top_bar)

        self.model = ActivityTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The delegate paints alternate rows itself (and is several times cheaper per cell).
        self.delegate = ActivityDelegate(self.model, self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        self.table.setSortingEnabled(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ActivityTableModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(column, width)
        self.table.viewport().installEventFilter(self)
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._selection_changed)
        self.model.layoutChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)

        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self._styled.append(self.empty_label)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)
        layout.addWidget(self.list_stack, 1)

        footer = QWidget()
        self._styled.append(footer)
        footer_layout = QVBoxLayout(footer)
        footer_layout.setContentsMargins(0, 0, 0, 0)
        footer_layout.setSpacing(6)
        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("statusInfo")
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(8, 2, 4, 2)
        self.undo_label = QLabel()
        self.undo_button = QPushButton(self.tr("Undo  Ctrl+Z"))
        self.undo_button.setObjectName("secondaryButton")
        self.undo_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.undo_button.clicked.connect(self.undo_delete)
        undo_layout.addWidget(self.undo_label, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        footer_layout.addWidget(self.undo_bar)

        hint = QLabel(
            self.tr(
                "Double-click or F2: edit  ·  Delete: remove  ·  Ctrl+Z: undo  ·  "
                "Click a heading to sort"
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        footer_layout.addWidget(hint)
        layout.addWidget(footer)
        return card

    def _connect(self) -> None:
        self.kind_group.buttonClicked.connect(
            lambda button: self.set_kind(
                Kind.OFFER if button is self.offer_button else Kind.REQUEST
            )
        )
        for sequence, slot in (
            ("Ctrl+O", lambda: self.set_kind(Kind.OFFER)),
            ("Ctrl+R", lambda: self.set_kind(Kind.REQUEST)),
            ("Ctrl+N", self.new_participant),
            ("Ctrl+Shift+N", self.edit_participant),
            ("Ctrl+F", self.focus_filter),
            ("Ctrl+S", self.save),
        ):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.activated.connect(self.undo_delete)

        participant_line = self.participant_combo.lineEdit()
        assert participant_line is not None
        self._enter_widgets: list[QWidget] = [
            participant_line,
            self.participant_combo,
            self.title_edit,
            self.description_edit,
            self.category_picker.line_edit,
            self.region_picker.line_edit,
            self.mode_combo,
            self.hours_edit,
            self.save_button,
        ]
        for widget in self._enter_widgets:
            widget.installEventFilter(self)
        self.table.installEventFilter(self)
        self.filter_edit.installEventFilter(self)

        # Any change to the form schedules a draft write.
        participant_line.textEdited.connect(self._form_changed)
        self.participant_combo.currentIndexChanged.connect(self._form_changed)
        self.title_edit.textChanged.connect(self._form_changed)
        self.description_edit.textChanged.connect(self._form_changed)
        self.category_picker.tagsChanged.connect(self._form_changed)
        self.category_picker.textEdited.connect(self._form_changed)
        self.region_picker.tagsChanged.connect(self._form_changed)
        self.region_picker.textEdited.connect(self._form_changed)
        self.mode_combo.currentIndexChanged.connect(self._form_changed)
        self.hours_edit.textChanged.connect(self._form_changed)
        self.category_picker.unknownTyped.connect(
            lambda text: self.errors["categories"].set_message(
                self.tr("No category matches “{text}”. Try: {choices}.")
                .replace("{text}", text)
                .replace("{choices}", ", ".join(CATEGORIES))
            )
        )
        self.region_picker.unknownTyped.connect(
            lambda text: self.errors["regions"].set_message(
                self.tr("No region matches “{text}”. Try: {choices}.")
                .replace("{text}", text)
                .replace("{choices}", ", ".join(REGIONS))
            )
        )

        self.filter_edit.textChanged.connect(self.model.set_filter_text)
        self.model.layoutChanged.connect(self._update_empty_state)
        self.model.modelReset.connect(self._update_empty_state)
        self.table.doubleClicked.connect(lambda index: self.edit_row(index.row()))

    def _run(
        self,
        op: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        lane: str = "store",
    ) -> None:
        """`context.worker.run`, but results that come back after this page was deleted
        (the window closed while a write was on its way) are dropped, not delivered to a
        dead widget. The work itself still completes."""

        def alive() -> bool:
            return shiboken6.isValid(self)

        def done(result: Any) -> None:
            if alive() and on_done is not None:
                on_done(result)

        def failed(error: BaseException) -> None:
            if not alive():
                log.warning("background work finished after the capture page closed: %s", error)
            elif on_error is not None:
                on_error(error)
            else:
                log.error("background work of the capture page failed", exc_info=error)

        self.context.worker.run(op, done, failed, lane=lane)

    # ------------------------------------------------------------------ keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit_columns()
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        modifiers = event.modifiers()
        is_enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if watched is self.table:
            return self._table_key(key)
        if watched is self.filter_edit:
            if key == Qt.Key.Key_Escape:
                if self.filter_edit.text():
                    self.filter_edit.clear()
                else:
                    self.title_edit.setFocus()
                return True
            if key == Qt.Key.Key_Down or is_enter:
                self.table.setFocus()
                if self.model.rowCount() and not self.table.currentIndex().isValid():
                    self.table.selectRow(0)
                return True
            return False
        if key == Qt.Key.Key_Escape and self._editing_id:
            self.cancel_edit()
            return True
        if not is_enter:
            return False
        if watched is self.description_edit and modifiers & Qt.KeyboardModifier.ShiftModifier:
            return False  # a new line in the description
        for picker in (self.category_picker, self.region_picker):
            if watched is picker.line_edit and picker.text().strip():
                return False  # Enter adds the typed tag
        self.save()
        return True

    def _selection_changed(self, *_args: object) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        self.delegate.set_selected_rows(rows)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange and hasattr(self, "delegate"):
            self.delegate.set_font(self.table.font())
        super().changeEvent(event)

    def _fit_columns(self) -> None:
        """Hide the least needed columns while the title would be squeezed."""
        available = self.table.viewport().width()
        hidden: set[int] = set()
        used = sum(COLUMN_WIDTHS.values())
        for column in COLUMN_DROP_ORDER:
            if available - used >= MIN_TITLE_WIDTH:
                break
            hidden.add(column)
            used -= COLUMN_WIDTHS[column]
        for column in COLUMN_WIDTHS:
            self.table.setColumnHidden(column, column in hidden)

    def _table_key(self, key: int) -> bool:
        row = self.table.currentIndex().row()
        if key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if row >= 0:
                self.edit_row(row)
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if row >= 0:
                self.delete_row(row)
            return True
        if key == Qt.Key.Key_Escape:
            self.title_edit.setFocus()
            return True
        return False

    # ------------------------------------------------------------------ kind

    @property
    def kind(self) -> Kind:
        return self._kind

    def set_kind(self, kind: Kind) -> None:
        self._kind = kind
        self.offer_button.setChecked(kind == Kind.OFFER)
        self.request_button.setChecked(kind == Kind.REQUEST)
        self._update_kind_texts()
        self._form_changed()

    def _update_kind_texts(self) -> None:
        if self._kind == Kind.OFFER:
            self.title_edit.setPlaceholderText(self.tr("What can they offer? A few words"))
            verb = self.tr("Save offer")
        else:
            self.title_edit.setPlaceholderText(self.tr("What do they need? A few words"))
            verb = self.tr("Save request")
        if self._editing_id:
            verb = self.tr("Save changes")
        self.save_button.setText(f"{verb}  ⏎")

    # ------------------------------------------------------------------ the form

    def form_draft(self) -> CaptureDraft:
        """The form as typed (for drafts and for saving)."""
        return CaptureDraft(
            event_id=self.context.current_event_id,
            editing_id=self._editing_id,
            kind=str(self._kind),
            participant_id=self._participant_id_shown(),
            title=self.title_edit.text(),
            description=self.description_edit.toPlainText(),
            categories=self.category_picker.tags(),
            regions=self.region_picker.tags(),
            mode=str(self.mode_combo.currentData() or Mode.EITHER),
            hours=self.hours_edit.text(),
            category_text=self.category_picker.text(),
            region_text=self.region_picker.text(),
        )

    def apply_draft(self, draft: CaptureDraft) -> None:
        """Put `draft` on the form (restoring after a crash, or after an edit)."""
        self._applying += 1
        try:
            self._editing_id = draft.editing_id
            self.set_kind(Kind.REQUEST if draft.kind == str(Kind.REQUEST) else Kind.OFFER)
            self._select_participant(draft.participant_id)
            self.title_edit.setText(draft.title)
            self.description_edit.setPlainText(draft.description)
            self.category_picker.set_tags(draft.categories)
            self.category_picker.set_text(draft.category_text)
            self.region_picker.set_tags(draft.regions)
            self.region_picker.set_text(draft.region_text)
            index = self.mode_combo.findData(draft.mode)
            self.mode_combo.setCurrentIndex(max(index, 0))
            self.hours_edit.setText(draft.hours)
        finally:
            self._applying -= 1
        self._update_edit_banner()
        self._update_kind_texts()

    def clear_form(self) -> None:
        """Clear what belongs to one entry; keep kind, participant, regions and mode."""
        self._applying += 1
        try:
            self.title_edit.clear()
            self.description_edit.clear()
            self.category_picker.clear()
            self.region_picker.set_text("")
            self.hours_edit.clear()
        finally:
            self._applying -= 1
        self.show_problems({})
        self._form_changed()
        self.title_edit.setFocus()

    def _clear_saved_fields(self, sent: CaptureDraft) -> None:
        """After a save: clear each one-entry field unless it was changed since it was sent."""
        now = self.form_draft()
        self._applying += 1
        try:
            if now.title == sent.title:
                self.title_edit.clear()
            if now.description == sent.description:
                self.description_edit.clear()
            if now.categories == sent.categories:
                self.category_picker.set_tags([])
            if now.category_text == sent.category_text:
                self.category_picker.set_text("")
            if now.region_text == sent.region_text:
                self.region_picker.set_text("")
            if now.hours == sent.hours:
                self.hours_edit.clear()
        finally:
            self._applying -= 1

    def show_problems(self, problems: dict[str, str]) -> None:
        widgets: dict[str, QWidget] = {
            "participant": self.participant_combo,
            "title": self.title_edit,
            "description": self.description_edit,
            "categories": self.category_picker,
            "regions": self.region_picker,
            "mode": self.mode_combo,
            "hours": self.hours_edit,
        }
        show_field_problems(problems, widgets, self.errors, self.general_error)

    def _set_status(self, style: str, text: str) -> None:
        self.status_label.setObjectName(style)
        self.status_label.setText(text)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        self.status_label.setVisible(bool(text))

    @property
    def status_text(self) -> str:
        return self.status_label.text() if self.status_label.isVisible() else ""

    # ------------------------------------------------------------------ participants

    def _participant_id_shown(self) -> str:
        index = self.participant_combo.currentIndex()
        line = self.participant_combo.lineEdit()
        typed = line.text().strip() if line is not None else ""
        if index > 0 and typed == self.participant_combo.itemText(index):
            return str(self.participant_combo.itemData(index) or "")
        return ""

    def _resolve_participant(self) -> tuple[str, str | None]:
        """(participant id or "", problem or None) for what the Who box shows."""
        line = self.participant_combo.lineEdit()
        typed = line.text().strip() if line is not None else ""
        if not typed:
            self.participant_combo.setCurrentIndex(0)
            return "", None
        exact = [
            i
            for i in range(1, self.participant_combo.count())
            if self.participant_combo.itemText(i).casefold() == typed.casefold()
        ]
        found = exact or [
            i
            for i in range(1, self.participant_combo.count())
            if typed.casefold() in self.participant_combo.itemText(i).casefold()
        ]
        if len(found) == 1:
            self._select_participant(str(self.participant_combo.itemData(found[0])))
            return str(self.participant_combo.itemData(found[0])), None
        if not found:
            return "", self.tr(
                "Nobody called “{name}” yet: press Ctrl+N to add them, or clear this box."
            ).replace("{name}", typed)
        return "", self.tr("Several people match “{name}”: type more of the name.").replace(
            "{name}", typed
        )

    def _select_participant(self, participant_id: str) -> None:
        self._applying += 1
        try:
            index = self.participant_combo.findData(participant_id) if participant_id else 0
            if index < 0:
                # Not loaded yet (or gone): select it when the list arrives.
                self._pending_participant = participant_id
                index = 0
            self.participant_combo.setCurrentIndex(index)
            line = self.participant_combo.lineEdit()
            if line is not None and index == 0:
                line.clear()
        finally:
            self._applying -= 1

    def _apply_participants(self, choices: list[ParticipantChoice]) -> None:
        if choices == self._participants:
            return
        keep = self._pending_participant or self._participant_id_shown()
        line = self.participant_combo.lineEdit()
        typed = line.text() if line is not None else ""
        self._applying += 1
        try:
            self.participant_combo.blockSignals(True)
            self.participant_combo.clear()
            self.participant_combo.addItem("", "")
            for person_id, label in choices:
                self.participant_combo.addItem(label, person_id)
            self.participant_combo.blockSignals(False)
            self._participants = choices
            index = self.participant_combo.findData(keep) if keep else -1
            if index > 0:
                self.participant_combo.setCurrentIndex(index)
                self._pending_participant = ""
            else:
                self.participant_combo.setCurrentIndex(0)
                if line is not None:
                    line.setText(typed)
        finally:
            self._applying -= 1

    def new_participant(self) -> None:
        if self._event is None:
            self.choose_event()
            return
        from hexikit.ui.capture.participant_dialog import ParticipantDialog

        line = self.participant_combo.lineEdit()
        typed = line.text().strip() if line is not None else ""
        name = "" if self._participant_id_shown() else typed
        regions = self.region_picker.tags()
        dialog = ParticipantDialog(
            self.context,
            self._event.id,
            name=name,
            region=regions[0] if regions else self._event.region,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.participantCreated.connect(self._participant_created)
        dialog.finished.connect(lambda _result: self.title_edit.setFocus())
        self.participant_dialog = dialog
        dialog.open()

    def edit_participant(self) -> None:
        """Open the participant in the Who box for correction (read on the store lane first)."""
        if self._event is None:
            self.choose_event()
            return
        person_id, problem = self._resolve_participant()
        if problem or not person_id:
            self.errors["participant"].set_message(
                problem or self.tr("Choose someone in the Who box first, then press Ctrl+Shift+N.")
            )
            mark_invalid(self.participant_combo, bool(problem))
            self.participant_combo.setFocus()
            return
        self.errors["participant"].set_message("")
        mark_invalid(self.participant_combo, False)
        store = self.context.store

        def read() -> tuple[ParticipantInput, datetime | None] | None:
            person = store.get(Participant, person_id)
            if person is None or person.deleted_at is not None:
                return None
            return participant_input_from(person), person.consent_at

        self._run(
            read, lambda stored: self._open_edit_dialog(person_id, stored), self._write_failed
        )

    def _open_edit_dialog(
        self, person_id: str, stored: tuple[ParticipantInput, datetime | None] | None
    ) -> None:
        if stored is None or self._event is None:
            self._set_status(
                "statusError", self.tr("That participant no longer exists; choose again.")
            )
            self.reload()
            return
        from hexikit.ui.capture.participant_dialog import ParticipantDialog

        dialog = ParticipantDialog(
            self.context,
            self._event.id,
            parent=self,
            participant_id=person_id,
            initial=stored[0],
            consent_given_at=stored[1],
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.participantUpdated.connect(self._participant_updated)
        dialog.finished.connect(lambda _result: self.title_edit.setFocus())
        self.participant_dialog = dialog
        dialog.open()

    def _participant_updated(self, person_id: str, name: str) -> None:
        # They stay selected through the reload: the Who box keeps its selection by id.
        self._set_status("statusOk", self.tr("Updated {name}.").replace("{name}", name))
        self.reload()

    def _participant_created(self, person_id: str, name: str) -> None:
        self._pending_participant = person_id
        self._set_status("statusOk", self.tr("Added {name}.").replace("{name}", name))
        self.errors["participant"].set_message("")
        mark_invalid(self.participant_combo, False)
        self.reload()

    # ------------------------------------------------------------------ saving

    def save(self) -> None:
        """Validate, then create (or update) through the store lane; clear once committed."""
        if self._saving or self._event is None:
            if self._event is None:
                self.choose_event()
            return
        for picker in (self.category_picker, self.region_picker):
            picker.commit_text()
        sent = self.form_draft()
        problems: dict[str, str] = {}
        participant_id, participant_problem = self._resolve_participant()
        if participant_problem:
            problems["participant"] = participant_problem
        hours: Decimal | None = None
        try:
            hours = parse_hours(sent.hours)
        except ValidationError as exc:
            problems.update(exc.problems)
        if sent.category_text.strip():
            problems["categories"] = self.tr("“{text}” is not a category.").replace(
                "{text}", sent.category_text.strip()
            )
        if sent.region_text.strip():
            problems["regions"] = self.tr("“{text}” is not a region.").replace(
                "{text}", sent.region_text.strip()
            )
        data = ActivityInput(
            kind=self._kind,
            title=sent.title,
            description=sent.description,
            categories=sent.categories,
            regions=sent.regions,
            mode=Mode(sent.mode),
            hours=hours,
        )
        try:
            validate_activity(data)
        except ValidationError as exc:
            problems = {**exc.problems, **problems}
        if problems:
            self.show_problems(problems)
            self._set_status("statusError", self.tr("Not saved yet: see the red notes above."))
            self.saveFailed.emit(" ".join(problems.values()))
            return
        self.show_problems({})
        self._saving = True
        self.save_button.setEnabled(False)
        self._set_status("statusInfo", self.tr("Saving…"))
        store = self.context.store
        event_id = self._event.id
        editing_id = self._editing_id
        sent.participant_id = participant_id

        def write() -> tuple[str, str]:
            if editing_id:
                activity: Activity = store.update_activity(editing_id, data)
                if (activity.participant_id or "") != participant_id:
                    store.update(Activity, editing_id, {"participant_id": participant_id or None})
            else:
                activity = store.create_activity(event_id, data, participant_id or None)
            return activity.id, activity.title

        self._run(
            write,
            lambda result: self._saved(result, sent),
            self._save_failed,
        )

    def _saved(self, result: tuple[str, str], sent: CaptureDraft) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        activity_id, title = result
        was_editing = bool(self._editing_id)
        kind_word = self.tr("offer") if sent.kind == str(Kind.OFFER) else self.tr("request")
        if was_editing:
            self._finish_edit()
            message = self.tr("Saved the change to “{title}”.")
        else:
            self._clear_saved_fields(sent)
            message = self.tr("Saved {kind}: “{title}”.").replace("{kind}", kind_word)
        self._set_status("statusOk", "✓ " + message.replace("{title}", title))
        self.title_edit.setFocus()
        self.flush_draft()
        self.context.notify_changed("activity")
        self.saved.emit(activity_id)

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationError):
            self.show_problems(error.problems)
            message = " ".join(error.problems.values())
        elif isinstance(error, StoreError):
            message = str(error)
        else:
            log.error("saving an activity failed", exc_info=error)
            message = self.tr(
                "This was not saved ({error}). What you typed is still here: press Enter to "
                "try again."
            ).replace("{error}", str(error) or type(error).__name__)
        self._set_status("statusError", message)
        self.saveFailed.emit(message)
        # The typed text stays; make sure the draft has it too.
        self.flush_draft()

    # ------------------------------------------------------------------ editing

    def edit_row(self, row: int) -> None:
        """Open the entry shown at `row` in the form."""
        if not 0 <= row < self.model.rowCount():
            return
        entry = self.model.row_at(row)
        if self._editing_id == "":
            self._before_edit = self.form_draft()
        self.apply_draft(
            CaptureDraft(
                event_id=self.context.current_event_id,
                editing_id=entry.id,
                kind=entry.kind,
                participant_id=entry.participant_id,
                title=entry.title,
                description=entry.description,
                categories=list(entry.categories),
                regions=list(entry.regions),
                mode=entry.mode,
                hours=format_hours(entry.hours),
            )
        )
        self._editing_number = entry.number
        self._update_edit_banner()
        self.show_problems({})
        self._form_changed()
        self.title_edit.setFocus()
        self.title_edit.selectAll()

    def _update_edit_banner(self) -> None:
        if self._editing_id:
            number = getattr(self, "_editing_number", 0)
            row = self.model.row_of(self._editing_id)
            if row >= 0:
                number = self.model.row_at(row).number
            self.form_title.setText(self.tr("Edit entry #{n}").replace("{n}", str(number)))
            self.edit_banner.setText(
                self.tr("You are changing a saved entry. Enter saves the change; Esc cancels.")
            )
            self.edit_banner.show()
        else:
            self.form_title.setText(self.tr("New offer or request"))
            self.edit_banner.hide()
        self._update_kind_texts()

    def cancel_edit(self) -> None:
        self._finish_edit()
        self._set_status("statusInfo", self.tr("Edit cancelled; nothing changed."))
        self.flush_draft()

    def _finish_edit(self) -> None:
        before = self._before_edit or CaptureDraft(
            kind=str(self._kind), regions=self.region_picker.tags()
        )
        self._before_edit = None
        before.editing_id = ""
        self.apply_draft(before)
        self.show_problems({})
        self.title_edit.setFocus()

    @property
    def editing_id(self) -> str:
        return self._editing_id

    # ------------------------------------------------------------------ delete and undo

    def delete_row(self, row: int) -> None:
        if not 0 <= row < self.model.rowCount():
            return
        entry = self.model.row_at(row)
        if entry.id == self._editing_id:
            self._finish_edit()
        store = self.context.store
        self._run(
            lambda: store.delete(Activity, entry.id),
            lambda _result: self._deleted_done(entry),
            self._write_failed,
        )

    def _deleted_done(self, entry: ActivityRow) -> None:
        self._deleted.append((entry.id, entry.title))
        self.undo_label.setText(
            self.tr("Deleted #{n} “{title}”.")
            .replace("{n}", str(entry.number))
            .replace("{title}", entry.title)
        )
        self.undo_bar.show()
        self.context.notify_changed("activity")
        self.deleted.emit(entry.id)

    def undo_delete(self) -> None:
        """Bring back the most recently deleted entry."""
        if not self._deleted:
            return
        activity_id, title = self._deleted.pop()
        store = self.context.store
        self._run(
            lambda: store.restore(Activity, activity_id),
            lambda _result: self._restored_done(activity_id, title),
            lambda error: self._undo_failed(error, activity_id, title),
        )

    def _restored_done(self, activity_id: str, title: str) -> None:
        if self._deleted:
            self.undo_label.setText(
                self.tr("Restored “{title}”. Ctrl+Z restores the one before.").replace(
                    "{title}", title
                )
            )
        else:
            self.undo_bar.hide()
            self._set_status("statusOk", self.tr("Restored “{title}”.").replace("{title}", title))
        self.context.notify_changed("activity")
        self.restored.emit(activity_id)

    def _undo_failed(self, error: BaseException, activity_id: str, title: str) -> None:
        self._deleted.append((activity_id, title))
        self._write_failed(error)

    def _write_failed(self, error: BaseException) -> None:
        message = str(error) if isinstance(error, StoreError) else repr(error)
        self._set_status("statusError", message)

    # ------------------------------------------------------------------ loading

    def reload(self) -> None:
        """Re-read the list, counts and participants (coalesced: one read in flight)."""
        if self._reload_running:
            self._reload_again = True
            return
        self._reload_running = True
        store = self.context.store
        event_id = self.context.current_event_id
        self._run(
            lambda: read_page_data(store, event_id),
            lambda data: self._loaded(event_id, data),
            self._load_failed,
        )

    def _loaded(self, event_id: str, data: PageData) -> None:
        self._reload_running = False
        if self._reload_again or event_id != self.context.current_event_id:
            self._reload_again = False
            self.reload()
            if event_id != self.context.current_event_id:
                return
        self._event = data.event
        self._show_event_state()
        self.model.set_rows(data.rows)
        self.participants_tile.set_count(data.counts.participants)
        self.offers_tile.set_count(data.counts.offers)
        self.requests_tile.set_count(data.counts.requests)
        self._apply_participants(data.participants)
        self._update_empty_state()
        if self._editing_id:
            self._update_edit_banner()
        self.refreshed.emit()

    def _load_failed(self, error: BaseException) -> None:
        self._reload_running = False
        log.error("loading the capture page failed", exc_info=error)
        self._set_status(
            "statusError",
            self.tr("Could not read the list ({error}).").replace("{error}", str(error)),
        )

    def _store_changed(self, entity_type: str) -> None:
        if entity_type in ("activity", "participant", "event", "all"):
            self.reload()

    def _event_changed(self, _event_id: str) -> None:
        self.model.clear()
        self._participants = []
        self._event = None
        self._show_event_state()
        self.reload()

    def _show_event_state(self) -> None:
        has_event = bool(self.context.current_event_id)
        self.body.setCurrentIndex(1 if has_event else 0)
        event = self._event
        if event is None:
            self.event_title.setText(self.tr("Opening…") if has_event else "")
            self.event_meta.setText("")
            return
        self.event_title.setText(event.title)
        self.event_meta.setText(
            " · ".join(part for part in (event.date, event.venue, event.region) if part)
        )
        window = self.window()
        if window is not self:
            window.setWindowTitle(self.tr("Hexikit — {event}").replace("{event}", event.title))

    def _update_empty_state(self) -> None:
        if self.model.total == 0:
            self.empty_label.setText(
                self.tr("No offers or requests yet: type the first one on the left.")
            )
            self.list_stack.setCurrentWidget(self.empty_label)
        elif self.model.rowCount() == 0:
            self.empty_label.setText(
                self.tr("Nothing matches “{text}”. Press Esc in the filter to clear it.").replace(
                    "{text}", self.filter_edit.text().strip()
                )
            )
            self.list_stack.setCurrentWidget(self.empty_label)
        else:
            self.list_stack.setCurrentWidget(self.table)

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def choose_event(self) -> None:
        from hexikit.ui.widgets.event_dialog import open_event_dialog

        open_event_dialog(self.context, self.window())

    # ------------------------------------------------------------------ drafts

    def _form_changed(self, *_args: object) -> None:
        if self._applying:
            return
        if self.errors["categories"].isVisible() and not self.category_picker.text():
            self.errors["categories"].set_message("")
        self._draft_timer.start()

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if old is not None and self.isAncestorOf(old):
            if old in (self.participant_combo, self.participant_combo.lineEdit()):
                self._left_participant_box()
            self.flush_draft()

    def _left_participant_box(self) -> None:
        """Leaving the Who box: pick the one person the typed text names, or say why not."""
        completer = self.participant_combo.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None:
            popup.hide()
        if self._participant_id_shown():
            return
        _person, problem = self._resolve_participant()
        self.errors["participant"].set_message(problem or "")
        mark_invalid(self.participant_combo, bool(problem))

    def flush_draft(self) -> None:
        """Write the form to the draft file now (or remove the file when nothing is typed)."""
        self._draft_timer.stop()
        draft = self.form_draft()
        if not draft.has_typed_text():
            draft = CaptureDraft()
        text = draft.to_json()
        if text == self._last_draft_json:
            return
        self._last_draft_json = text
        folder = self.context.data_dir
        keep = draft.has_typed_text()

        def write() -> None:
            if keep:
                save_draft(folder, draft)
            else:
                clear_draft(folder)

        self._run(
            write,
            lambda _result: self.draftWritten.emit(keep),
            self._draft_failed,
            lane="io",
        )

    def _draft_failed(self, error: BaseException) -> None:
        # The draft is a safety net; the store save reports disk problems itself.
        log.warning("could not write the capture draft: %s", error)
        self._last_draft_json = ""

    def _restore_draft(self) -> None:
        folder = self.context.data_dir
        self._run(lambda: load_draft(folder), self._draft_loaded, lane="io")

    def _draft_loaded(self, draft: CaptureDraft | None) -> None:
        if draft is None or not draft.has_typed_text():
            return
        if self.form_draft().has_typed_text():
            return  # the person already started typing; theirs wins
        self.apply_draft(draft)
        self._last_draft_json = draft.to_json()
        self._set_status(
            "statusInfo",
            self.tr("Your unsaved entry from last time is back. Press Enter to save it."),
        )
        self.draftRestored.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush_draft()
        super().hideEvent(event)
