"""Capture mode: type the room's offers and requests as fast as people say them.

Left, the event with its live counts above a keyboard-first form (`form.CaptureForm`); right,
the event's list with filter, sort, edit and delete/undo (`list_panel.EntryListPanel`). The
page puts them together and does all the talking to the store, through the worker; what it
reads and writes is in `hexikit.records.capture`.

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
half-typed form is written to the data folder as a draft (`draft_keeper.DraftKeeper`: 300 ms
after the last change and on every focus change) and put back at the next start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QHideEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hexikit.records.capture import (
    ActivityRow,
    CaptureData,
    EventInfo,
    activity_from_draft,
    delete_activity,
    draft_for_row,
    read_capture_data,
    restore_activity,
    save_activity,
)
from hexikit.records.domain import EntityType, Kind, ParticipantInput, ValidationError, region_label
from hexikit.records.drafts import CaptureDraft
from hexikit.records.participants import read_participant
from hexikit.records.store_api import StoreError
from hexikit.ui.capture.draft_keeper import DraftKeeper
from hexikit.ui.capture.form import CaptureForm
from hexikit.ui.capture.list_panel import EntryListPanel
from hexikit.ui.context import AppContext
from hexikit.ui.room.bar import RoomBar
from hexikit.ui.theme import PAGE_BACKGROUND, STYLESHEET, font_scale, scaled, use_base_font
from hexikit.ui.translation import text_growth
from hexikit.ui.widgets.a11y import chain, tab_only

log = logging.getLogger(__name__)

T = TypeVar("T")

FORM_WIDTH = 440


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
        return QCoreApplication.translate("CapturePage", "Capture")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._event: EventInfo | None = None
        self._saving = False
        #: Enter was pressed before the event was read (at start-up): save once it is.
        self._save_when_loaded = False
        self._reload_running = False
        self._reload_again = False

        self._build()
        self.form.event_id = context.current_event_id
        self.drafts = DraftKeeper(context.data_dir, self.form.form_draft, context.worker, self)
        self._connect()

        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)
        context.storeChanged.connect(self._store_changed)
        context.currentEventChanged.connect(self._event_changed)
        self._show_event_state()
        self.reload()
        self.drafts.restore(self._put_back_draft)

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
        self.form = CaptureForm()
        content = QWidget()
        columns = QHBoxLayout(content)
        columns.setContentsMargins(18, 14, 18, 14)
        columns.setSpacing(16)
        self.form_scroll = self._build_form_scroll(self._build_left())
        # The status line sits under the scroll area, not in it: what confirms a save (or
        # says why not) is never below the fold, however tall the form grows.
        form_column = QVBoxLayout()
        form_column.setSpacing(6)
        form_column.addWidget(self.form_scroll, 1)
        form_column.addWidget(self._build_status_label())
        columns.addLayout(form_column, 0)
        self.entries = EntryListPanel()
        columns.addWidget(self.entries, 1)
        self.body.addWidget(self.no_event_panel)
        self.body.addWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body)
        sheet = scaled(STYLESHEET)
        for widget in [*self._styled, *self.entries.styled_parts()]:
            widget.setStyleSheet(sheet)
        self.entries.sync_font()
        self._expose_parts()
        room = self.room_bar
        chain(
            self.change_event_button,
            room.toggle_button,
            room.address_box,
            room.rescan_button,
            *self.form.tab_chain(),
            *self.entries.tab_chain(),
        )

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

    def _build_form_scroll(self, left: QWidget) -> QScrollArea:
        # The form scrolls when the window is short (validation notes make it taller).
        scroll = QScrollArea()
        scroll.setWidget(left)
        left.setAutoFillBackground(False)  # setWidget turns it on; the page colour shows
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Not a Tab stop itself: Tab into the form scrolls the focused field into view.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFixedWidth(self._form_width + 16)
        palette = scroll.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(PAGE_BACKGROUND))
        scroll.setPalette(palette)
        scroll.viewport().setPalette(palette)
        return scroll

    @property
    def _form_width(self) -> int:
        """FORM_WIDTH, grown by as much as the language's words are longer (Welsh ~25 %) and
        the system font is larger than usual."""
        sample = "What can they offer? A few words"
        growth = text_growth(QCoreApplication.translate("CaptureForm", sample), sample)
        return round(FORM_WIDTH * growth * font_scale())

    def _build_left(self) -> QWidget:
        """The event and its live counts, the form, and the status line under it."""
        left = QWidget()
        self._styled.append(left)
        left.setFixedWidth(self._form_width)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(10)
        column.addLayout(self._build_event_heading())
        column.addLayout(self._build_count_tiles())
        self.room_bar = RoomBar(self.context)  # phones add entries too (issue 18)
        column.addWidget(self.room_bar)
        column.addWidget(self.form)
        column.addStretch(1)
        return left

    def _build_status_label(self) -> QLabel:
        self.status_label = QLabel()
        self.status_label.setObjectName("statusInfo")
        self.status_label.setWordWrap(True)
        self.status_label.setFixedWidth(self._form_width)
        self.status_label.hide()
        self._styled.append(self.status_label)
        return self.status_label

    def _build_event_heading(self) -> QHBoxLayout:
        self.event_title = QLabel()
        self.event_title.setObjectName("eventTitle")
        self.event_title.setWordWrap(True)
        self.event_meta = QLabel()
        self.event_meta.setObjectName("eventMeta")
        self.event_meta.setWordWrap(True)
        change = QPushButton(self.tr("Change…"))
        change.setToolTip(self.tr("Open or create another event (Ctrl+Shift+E)"))
        change.setObjectName("secondaryButton")
        change.setAccessibleName(self.tr("Change event"))
        tab_only(change)
        self.change_event_button = change
        change.clicked.connect(self.choose_event)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.event_title)
        titles.addWidget(self.event_meta)
        heading = QHBoxLayout()
        heading.addLayout(titles, 1)
        heading.addWidget(change, 0, Qt.AlignmentFlag.AlignTop)
        return heading

    def _build_count_tiles(self) -> QHBoxLayout:
        self.participants_tile = _CountTile(self.tr("participants"))
        self.offers_tile = _CountTile(self.tr("offers"))
        self.requests_tile = _CountTile(self.tr("requests"))
        tiles = QHBoxLayout()
        tiles.setSpacing(8)
        for tile in (self.participants_tile, self.offers_tile, self.requests_tile):
            tiles.addWidget(tile)
        return tiles

    def _expose_parts(self) -> None:
        """The form's and the list's widgets under the names the page has always given them
        (the tests and bench/capture.py drive the page through these)."""
        form, entries = self.form, self.entries
        self.participant_combo = form.participant_combo
        self.edit_participant_button = form.edit_participant_button
        self.title_edit = form.title_edit
        self.description_edit = form.description_edit
        self.category_picker = form.category_picker
        self.region_picker = form.region_picker
        self.mode_combo = form.mode_combo
        self.hours_edit = form.hours_edit
        self.clear_button = form.clear_button
        self.offer_button = form.offer_button
        self.request_button = form.request_button
        self.errors = form.errors
        self.edit_banner = form.edit_banner
        self.model = entries.model
        self.table = entries.table
        self.filter_edit = entries.filter_edit
        self.list_stack = entries.list_stack
        self.empty_label = entries.empty_label
        self.undo_bar = entries.undo_bar

    def _connect(self) -> None:
        for sequence, slot, description in (
            ("Ctrl+O", lambda: self.form.set_kind(Kind.OFFER), self.tr("Offer")),
            ("Ctrl+R", lambda: self.form.set_kind(Kind.REQUEST), self.tr("Request")),
            ("Ctrl+N", self.new_participant, self.tr("New participant")),
            ("Ctrl+Shift+N", self.edit_participant, self.tr("Correct the chosen participant")),
            ("Ctrl+F", self.focus_filter, self.tr("Search the list")),
            ("Ctrl+S", self.save, self.tr("Save (Enter does too)")),
        ):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            # Help ▸ Keys lists it with this.
            shortcut.setWhatsThis(description)
            shortcut.activated.connect(slot)
        undo = QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        undo.setWhatsThis(self.tr("Undo the last delete"))
        undo.activated.connect(self.undo_delete)

        self.form.changed.connect(self.drafts.schedule)
        self.form.submitted.connect(self.save)
        # What the status line said (a restored draft, "Not saved yet") is gone with the
        # fields it described.
        self.form.cleared.connect(lambda: self._set_status("statusInfo", ""))
        self.form.cancelEditRequested.connect(self.cancel_edit)
        self.form.newParticipantRequested.connect(self.new_participant)
        self.form.editParticipantRequested.connect(self.edit_participant)
        self.entries.editRequested.connect(self.edit_row)
        self.entries.deleteRequested.connect(self.delete_row)
        self.entries.undoRequested.connect(self.undo_delete)
        self.entries.leaveRequested.connect(lambda: self.form.title_edit.setFocus())
        self.drafts.written.connect(self.draftWritten)

    def _run(
        self,
        op: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        changes: Iterable[EntityType] = (),
    ) -> None:
        """`context.worker.run` on the store lane for this page: results that come back after
        the page was deleted (the window closed while a write was on its way) are dropped,
        and what the op changed is still announced to the other pages."""
        self.context.worker.run(op, on_done, on_error, receiver=self, changes=changes)

    # ------------------------------------------------------------------ state

    @property
    def kind(self) -> Kind:
        return self.form.kind

    @property
    def editing_id(self) -> str:
        return self.form.editing_id

    @property
    def status_text(self) -> str:
        return self.status_label.text() if self.status_label.isVisible() else ""

    def _set_status(self, style: str, text: str) -> None:
        self.status_label.setObjectName(style)
        self.status_label.setText(text)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
        self.status_label.setVisible(bool(text))

    def focus_filter(self) -> None:
        self.entries.focus_filter()

    def choose_event(self) -> None:
        from hexikit.ui.widgets.event_dialog import open_event_dialog

        open_event_dialog(self.context, self.window())

    # ------------------------------------------------------------------ saving

    def save(self) -> None:
        """Check the form, then create (or update) through the store lane; clear once
        committed."""
        if self._saving:
            return
        if self._event is None:
            if self.context.current_event_id:
                # The event is still being read (the store may be opening): save once it is.
                self._save_when_loaded = True
                self._set_status("statusInfo", self.tr("Saving…"))
            else:
                self.choose_event()
            return
        self.form.commit_typed_tags()
        sent = self.form.form_draft()
        participant_id, participant_problem = self.form.resolve_participant()
        try:
            data = activity_from_draft(
                sent, {"participant": participant_problem} if participant_problem else None
            )
        except ValidationError as exc:
            self.form.show_problems(exc.problems)
            self._set_status("statusError", self.tr("Not saved yet: see the red notes above."))
            self.saveFailed.emit(" ".join(exc.problems.values()))
            return
        self.form.show_problems({})
        self._saving = True
        self.form.set_saving(True)
        self._set_status("statusInfo", self.tr("Saving…"))
        store = self.context.store
        event_id = self._event.id
        editing_id = self.form.editing_id
        sent.participant_id = participant_id

        def write() -> tuple[str, str]:
            activity = save_activity(store, event_id, data, participant_id, editing_id)
            return activity.id, activity.title

        self._run(
            write,
            lambda result: self._saved(result, sent),
            self._save_failed,
            changes={EntityType.ACTIVITY},
        )

    def _saved(self, result: tuple[str, str], sent: CaptureDraft) -> None:
        self._saving = False
        self.form.set_saving(False)
        activity_id, title = result
        kind_word = self.tr("offer") if sent.kind == str(Kind.OFFER) else self.tr("request")
        if self.form.editing_id:
            self.form.end_edit()
            message = self.tr("Saved the change to “{title}”.")
        else:
            self.form.clear_saved_fields(sent)
            message = self.tr("Saved {kind}: “{title}”.").replace("{kind}", kind_word)
        self._set_status("statusOk", "✓ " + message.replace("{title}", title))
        self.form.title_edit.setFocus()
        self.flush_draft()
        self.saved.emit(activity_id)

    def _save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.form.set_saving(False)
        if isinstance(error, ValidationError):
            self.form.show_problems(error.problems)
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
        if not 0 <= row < self.entries.model.rowCount():
            return
        entry = self.entries.model.row_at(row)
        self.form.begin_edit(draft_for_row(entry, self.context.current_event_id), entry.number)

    def cancel_edit(self) -> None:
        self.form.end_edit()
        self._set_status("statusInfo", self.tr("Edit cancelled; nothing changed."))
        self.flush_draft()

    def _show_edit_number(self) -> None:
        """The entry being edited may have a new number in the list (an earlier one deleted)."""
        if not self.form.editing_id:
            return
        number = self.entries.number_of(self.form.editing_id)
        if number is not None:
            self.form.show_entry_number(number)

    # ------------------------------------------------------------------ delete and undo

    def delete_row(self, row: int) -> None:
        if not 0 <= row < self.entries.model.rowCount():
            return
        entry = self.entries.model.row_at(row)
        if entry.id == self.form.editing_id:
            self.form.end_edit()
        store = self.context.store
        self._run(
            lambda: delete_activity(store, entry.id),
            lambda _result: self._deleted_done(entry),
            self._write_failed,
            changes={EntityType.ACTIVITY},
        )

    def _deleted_done(self, entry: ActivityRow) -> None:
        self.entries.remember_deleted(entry)
        self.deleted.emit(entry.id)

    def undo_delete(self) -> None:
        """Bring back the most recently deleted entry."""
        taken = self.entries.take_deleted()
        if taken is None:
            return
        activity_id, title = taken
        store = self.context.store
        self._run(
            lambda: restore_activity(store, activity_id),
            lambda _result: self._restored_done(activity_id, title),
            lambda error: self._undo_failed(error, activity_id, title),
            changes={EntityType.ACTIVITY},
        )

    def _restored_done(self, activity_id: str, title: str) -> None:
        if not self.entries.show_restored(title):
            self._set_status("statusOk", self.tr("Restored “{title}”.").replace("{title}", title))
        self.restored.emit(activity_id)

    def _undo_failed(self, error: BaseException, activity_id: str, title: str) -> None:
        self.entries.put_back_deleted(activity_id, title)
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
            lambda: read_capture_data(store, event_id),
            lambda data: self._loaded(event_id, data),
            self._load_failed,
        )

    def _loaded(self, event_id: str, data: CaptureData) -> None:
        self._reload_running = False
        if self._reload_again or event_id != self.context.current_event_id:
            self._reload_again = False
            self.reload()
            if event_id != self.context.current_event_id:
                return
        self._event = data.event
        self._show_event_state()
        self.entries.set_rows(data.rows)
        self.participants_tile.set_count(data.counts.participants)
        self.offers_tile.set_count(data.counts.offers)
        self.requests_tile.set_count(data.counts.requests)
        self.form.set_participants(data.participants)
        self._show_edit_number()
        self.refreshed.emit()
        if self._save_when_loaded:
            self._save_when_loaded = False
            self.save()

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

    def _event_changed(self, event_id: str) -> None:
        self.entries.clear()
        self.form.forget_participants()
        self.form.event_id = event_id
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
            " · ".join(
                part for part in (event.date, event.venue, region_label(event.region)) if part
            )
        )
        window = self.window()
        if window is not self:
            window.setWindowTitle(self.tr("Hexikit — {event}").replace("{event}", event.title))

    # ------------------------------------------------------------------ participants

    def new_participant(self) -> None:
        if self._event is None:
            self.choose_event()
            return
        from hexikit.ui.capture.participant_dialog import ParticipantDialog

        name = "" if self.form.participant_id_shown() else self.form.typed_name()
        regions = self.form.region_picker.tags()
        dialog = ParticipantDialog(
            self.context,
            self._event.id,
            name=name,
            region=regions[0] if regions else self._event.region,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.participantCreated.connect(self._participant_created)
        dialog.finished.connect(lambda _result: self.form.title_edit.setFocus())
        self.participant_dialog = dialog
        dialog.open()

    def edit_participant(self) -> None:
        """Open the participant in the Who box for correction (read on the store lane first)."""
        if self._event is None:
            self.choose_event()
            return
        person_id, problem = self.form.resolve_participant()
        if problem or not person_id:
            self.form.show_who_problem(
                problem or self.tr("Choose someone in the Who box first, then press Ctrl+Shift+N."),
                bool(problem),
            )
            self.form.participant_combo.setFocus()
            return
        self.form.show_who_problem("", False)
        store = self.context.store

        self._run(
            lambda: read_participant(store, person_id),
            lambda stored: self._open_edit_dialog(person_id, stored),
            self._write_failed,
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
        dialog.finished.connect(lambda _result: self.form.title_edit.setFocus())
        self.participant_dialog = dialog
        dialog.open()

    def _participant_updated(self, person_id: str, name: str) -> None:
        # They stay selected through the reload: the Who box keeps its selection by id.
        self._set_status("statusOk", self.tr("Updated {name}.").replace("{name}", name))
        self.reload()

    def _participant_created(self, person_id: str, name: str) -> None:
        self.form.expect_participant(person_id)
        self._set_status("statusOk", self.tr("Added {name}.").replace("{name}", name))
        self.form.show_who_problem("", False)
        self.reload()

    # ------------------------------------------------------------------ drafts

    def flush_draft(self) -> None:
        """Write the form to the draft file now (or remove the file when nothing is typed)."""
        self.drafts.flush()

    def keyboard_home(self) -> QWidget:
        """Where the keyboard goes when the page comes up: the title of a half-typed entry
        (Enter saves it), else the form's first field."""
        if self.form.title_edit.text():
            return self.form.title_edit
        return self.form.participant_combo

    def _put_back_draft(self, draft: CaptureDraft) -> None:
        self.form.apply_draft(draft)
        self._show_edit_number()
        self.keyboard_home().setFocus()  # the cursor in the restored entry, ready for Enter
        self._set_status(
            "statusInfo",
            self.tr("Your unsaved entry from last time is back. Press Enter to save it."),
        )
        self.draftRestored.emit()

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if old is not None and self.isAncestorOf(old):
            if self.form.is_who_box(old):
                self.form.left_who_box()
            self.drafts.flush()

    def hideEvent(self, event: QHideEvent) -> None:
        self.flush_draft()
        super().hideEvent(event)
