"""The capture form: one offer or request, typed with the keyboard only.

Who (a participant of the event, found by typing any part of the name), title, description,
categories and regions as chips picked by typing, mode and hours, and the kind as two toggle
buttons outside the Tab chain. Enter in any field asks for a save (`submitted`); Shift+Enter
in the description is a new line and Enter in a picker with text adds that tag; Esc while an
entry is being edited asks to cancel the edit (`cancelEditRequested`).

The form holds what is typed and nothing else: `form_draft` reads it, `apply_draft` puts a
draft on it (after a crash, or to edit a saved entry), `clear_form` clears one entry's fields.
Saving, drafts on disk and where the Who box's people come from are the page's business.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hexikit.records.capture import ParticipantChoice, WhoProblem, match_participant
from hexikit.records.domain import (
    CATEGORIES,
    REGIONS,
    Kind,
    Mode,
    category_label,
    category_labels,
    region_label,
    region_labels,
)
from hexikit.records.drafts import CaptureDraft
from hexikit.ui.theme import ErrorLabel, mark_invalid, show_field_problems, style_popup
from hexikit.ui.widgets.a11y import tab_only
from hexikit.ui.widgets.tag_picker import TagPicker

#: The form's fields, each with a red note under it, in the order the form reads.
FIELD_KEYS = ("participant", "title", "description", "categories", "regions", "mode", "hours")


class CaptureForm(QFrame):
    """The entry form (the white card on the left of the capture page).

    Signals:
        changed(): the person changed something on the form (not the form itself).
        submitted(): Enter in a field, or the Save button: save what is typed.
        cancelEditRequested(): Esc while a saved entry is being edited.
        newParticipantRequested(): the New… button.
        editParticipantRequested(): the Edit… button beside the Who box.
        cleared(): the person cleared the entry's fields (the Clear button).
    """

    changed = Signal()
    submitted = Signal()
    cancelEditRequested = Signal()
    newParticipantRequested = Signal()
    editParticipantRequested = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("formCard")
        #: the event the form types into; goes into drafts
        self.event_id = ""
        self._kind = Kind.OFFER
        self._editing_id = ""
        self._editing_number = 0
        self._before_edit: CaptureDraft | None = None
        self._applying = 0  # >0 while the form changes itself (no `changed`)
        self._pending_participant = ""
        self._participants: list[ParticipantChoice] = []
        self.errors: dict[str, ErrorLabel] = {key: ErrorLabel() for key in FIELD_KEYS}

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(4)
        self._build_heading(layout)
        self._build_kind_switch(layout)
        self._build_who(layout)
        self._build_texts(layout)
        self._build_pickers(layout)
        self._build_mode_and_hours(layout)
        self.general_error = ErrorLabel()
        layout.addWidget(self.general_error)
        self._build_buttons(layout)
        self._connect()
        self._update_kind_texts()

    # ------------------------------------------------------------------ building

    def _build_heading(self, layout: QVBoxLayout) -> None:
        self.form_title = QLabel(self.tr("New offer or request"))
        self.form_title.setObjectName("sectionTitle")
        layout.addWidget(self.form_title)
        self.edit_banner = QLabel()
        self.edit_banner.setObjectName("editBanner")
        self.edit_banner.setWordWrap(True)
        self.edit_banner.hide()
        layout.addWidget(self.edit_banner)
        layout.addSpacing(4)

    def _build_kind_switch(self, layout: QVBoxLayout) -> None:
        # Two toggle buttons, switched by Ctrl+O / Ctrl+R; Tab reaches them too (before Who, so
        # the typist's path from Who down is not longer), and a click leaves the focus alone.
        self.offer_button = QPushButton(self.tr("Offer   Ctrl+O"))
        self.offer_button.setObjectName("kindOffer")
        self.request_button = QPushButton(self.tr("Request   Ctrl+R"))
        self.request_button.setObjectName("kindRequest")
        self.kind_group = QButtonGroup(self)
        self.kind_group.setExclusive(True)
        for button in (self.offer_button, self.request_button):
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.kind_group.addButton(button)
        self.offer_button.setChecked(True)
        self.offer_button.setAccessibleName(self.tr("Offer"))
        self.request_button.setAccessibleName(self.tr("Request"))
        tab_only(self.offer_button, self.request_button)
        row = QHBoxLayout()
        row.setSpacing(0)
        row.addWidget(self.offer_button)
        row.addWidget(self.request_button)
        layout.addLayout(row)
        layout.addSpacing(6)

    def _build_who(self, layout: QVBoxLayout) -> None:
        # An editable list of the event's participants, found by typing any part.
        self.participant_combo = QComboBox()
        self.participant_combo.setEditable(True)
        self.participant_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.participant_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._who_line().setPlaceholderText(self.tr("Name (optional)"))
        completer = self.participant_combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            style_popup(completer.popup())
        self.new_participant_button = QPushButton(self.tr("New…  Ctrl+N"))
        self.new_participant_button.setObjectName("secondaryButton")
        self.new_participant_button.setAccessibleName(self.tr("New participant"))
        self.edit_participant_button = QPushButton(self.tr("Edit…"))
        self.edit_participant_button.setObjectName("secondaryButton")
        self.edit_participant_button.setToolTip(
            self.tr("Correct the person in the Who box: name, email, consent… (Ctrl+Shift+N)")
        )
        self.edit_participant_button.setAccessibleName(self.tr("Edit participant"))
        tab_only(self.new_participant_button, self.edit_participant_button)
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.participant_combo, 1)
        row.addWidget(self.edit_participant_button)
        row.addWidget(self.new_participant_button)
        self._add_field(layout, self.tr("&Who"), row, self.participant_combo, "participant")

    def _build_texts(self, layout: QVBoxLayout) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setClearButtonEnabled(True)
        self._add_field(layout, self.tr("&Title"), self.title_edit, self.title_edit, "title")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(
            self.tr("More detail, if they gave it (Shift+Enter for a new line)")
        )
        self.description_edit.setFixedHeight(64)
        self._add_field(
            layout,
            self.tr("&Description"),
            self.description_edit,
            self.description_edit,
            "description",
        )

    def _build_pickers(self, layout: QVBoxLayout) -> None:
        self.category_picker = TagPicker(
            CATEGORIES, self.tr("Type to pick: coaching, design, audit…"), label=category_label
        )
        self._add_field(
            layout, self.tr("&Categories"), self.category_picker, self.category_picker, "categories"
        )
        self.region_picker = TagPicker(
            REGIONS, self.tr("Type to pick: London, Wales…"), label=region_label
        )
        self._add_field(
            layout, self.tr("Re&gions"), self.region_picker, self.region_picker, "regions"
        )

        self.category_picker.set_accessible_name(self.tr("Categories"))
        self.region_picker.set_accessible_name(self.tr("Regions"))

    def _build_mode_and_hours(self, layout: QVBoxLayout) -> None:
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
        # A combo box's name would otherwise be its current choice ("Either").
        self.mode_combo.setAccessibleName(self.tr("Mode"))
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
        layout.addSpacing(4)
        layout.addLayout(pair)

    def _build_buttons(self, layout: QVBoxLayout) -> None:
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("secondaryButton")
        self.save_button = QPushButton()
        self.save_button.setObjectName("primaryButton")
        row = QHBoxLayout()
        row.addWidget(self.clear_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addSpacing(8)
        layout.addLayout(row)

    def _add_field(
        self,
        layout: QVBoxLayout,
        caption: str,
        field: QWidget | QHBoxLayout,
        buddy: QWidget,
        key: str,
    ) -> None:
        label = QLabel(caption)
        label.setObjectName("fieldLabel")
        label.setBuddy(buddy)
        layout.addSpacing(4)
        layout.addWidget(label)
        if isinstance(field, QWidget):
            layout.addWidget(field)
        else:
            layout.addLayout(field)
        layout.addWidget(self.errors[key])

    def tab_chain(self) -> list[QWidget]:
        """The form's Tab order. The typist's path runs straight down the fields to Save (Enter
        saves too); the secondary buttons come after it: Clear, then Edit… and New… (also on
        Ctrl+Shift+N and Ctrl+N), so Who → Title is one Tab."""
        return [
            self.offer_button,
            self.request_button,
            self.participant_combo,
            self.title_edit,
            self.description_edit,
            self.category_picker.line_edit,
            self.region_picker.line_edit,
            self.mode_combo,
            self.hours_edit,
            self.save_button,
            self.clear_button,
            self.edit_participant_button,
            self.new_participant_button,
        ]

    def _connect(self) -> None:
        self.kind_group.buttonClicked.connect(
            lambda button: self.set_kind(
                Kind.OFFER if button is self.offer_button else Kind.REQUEST
            )
        )
        self.new_participant_button.clicked.connect(lambda: self.newParticipantRequested.emit())
        self.edit_participant_button.clicked.connect(lambda: self.editParticipantRequested.emit())
        self.clear_button.clicked.connect(self.clear_form)
        self.save_button.clicked.connect(lambda: self.submitted.emit())

        who_line = self._who_line()
        self._enter_widgets: list[QWidget] = [
            who_line,
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

        # Any change a person makes is news for the page (it schedules a draft write).
        who_line.textEdited.connect(self._form_changed)
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
                .replace("{choices}", ", ".join(category_labels()))
            )
        )
        self.region_picker.unknownTyped.connect(
            lambda text: self.errors["regions"].set_message(
                self.tr("No region matches “{text}”. Try: {choices}.")
                .replace("{text}", text)
                .replace("{choices}", ", ".join(region_labels()))
            )
        )

    def _who_line(self) -> QLineEdit:
        line = self.participant_combo.lineEdit()
        assert line is not None  # the combo is editable
        return line

    # ------------------------------------------------------------------ keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        if key == Qt.Key.Key_Escape and self._editing_id:
            self.cancelEditRequested.emit()
            return True
        if key not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if watched is self.description_edit and shift:
            return False  # a new line in the description
        for picker in (self.category_picker, self.region_picker):
            if watched is picker.line_edit and picker.text().strip():
                return False  # Enter adds the typed tag
        self.submitted.emit()
        return True

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
            event_id=self.event_id,
            editing_id=self._editing_id,
            kind=str(self._kind),
            participant_id=self.participant_id_shown(),
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
            self.select_participant(draft.participant_id)
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
        self.cleared.emit()

    def clear_saved_fields(self, sent: CaptureDraft) -> None:
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

    def commit_typed_tags(self) -> None:
        """Turn text typed in the pickers into tags where it names one (before a save)."""
        for picker in (self.category_picker, self.region_picker):
            picker.commit_text()

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

    def set_saving(self, saving: bool) -> None:
        """While a save is on its way the Save button waits for it."""
        self.save_button.setEnabled(not saving)

    def _form_changed(self, *_args: object) -> None:
        if self._applying:
            return
        if self.errors["categories"].isVisible() and not self.category_picker.text():
            self.errors["categories"].set_message("")
        self.changed.emit()

    # ------------------------------------------------------------------ editing a saved entry

    @property
    def editing_id(self) -> str:
        return self._editing_id

    def begin_edit(self, draft: CaptureDraft, number: int) -> None:
        """Show saved entry #`number` (as `draft`) for editing; what was being typed before
        comes back when the edit ends."""
        if self._editing_id == "":
            self._before_edit = self.form_draft()
        self.apply_draft(draft)
        self.show_entry_number(number)
        self.show_problems({})
        self._form_changed()
        self.title_edit.setFocus()
        self.cleared.emit()
        self.title_edit.selectAll()

    def end_edit(self) -> None:
        """Back to the new entry that was being typed before the edit began."""
        before = self._before_edit or CaptureDraft(
            kind=str(self._kind), regions=self.region_picker.tags()
        )
        self._before_edit = None
        before.editing_id = ""
        self.apply_draft(before)
        self.show_problems({})
        self.title_edit.setFocus()

    def show_entry_number(self, number: int) -> None:
        """The list's number of the entry being edited (it changes when entries are deleted)."""
        self._editing_number = number
        self._update_edit_banner()

    def _update_edit_banner(self) -> None:
        if self._editing_id:
            self.form_title.setText(
                self.tr("Edit entry #{n}").replace("{n}", str(self._editing_number))
            )
            self.edit_banner.setText(
                self.tr("You are changing a saved entry. Enter saves the change; Esc cancels.")
            )
            self.edit_banner.show()
        else:
            self.form_title.setText(self.tr("New offer or request"))
            self.edit_banner.hide()
        self._update_kind_texts()

    # ------------------------------------------------------------------ who

    def is_who_box(self, widget: QWidget) -> bool:
        return widget is self.participant_combo or widget is self._who_line()

    def typed_name(self) -> str:
        return self._who_line().text().strip()

    def participant_id_shown(self) -> str:
        """The participant chosen in the Who box, as long as its text still names them."""
        index = self.participant_combo.currentIndex()
        if index > 0 and self.typed_name() == self.participant_combo.itemText(index):
            return str(self.participant_combo.itemData(index) or "")
        return ""

    def resolve_participant(self) -> tuple[str, str | None]:
        """(participant id or "", problem or None) for what the Who box shows; the one person
        the text names becomes the choice."""
        typed = self.typed_name()
        if not typed:
            self.participant_combo.setCurrentIndex(0)
            return "", None
        match = match_participant(typed, self._choices_shown())
        if match.problem is None:
            self.select_participant(match.participant_id)
            return match.participant_id, None
        if match.problem == WhoProblem.NOBODY:
            return "", self.tr(
                "Nobody called “{name}” yet: press Ctrl+N to add them, or clear this box."
            ).replace("{name}", typed)
        return "", self.tr("Several people match “{name}”: type more of the name.").replace(
            "{name}", typed
        )

    def _choices_shown(self) -> list[ParticipantChoice]:
        combo = self.participant_combo
        return [(str(combo.itemData(i)), combo.itemText(i)) for i in range(1, combo.count())]

    def left_who_box(self) -> None:
        """Leaving the Who box: pick the one person the typed text names, or say why not."""
        completer = self.participant_combo.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None:
            popup.hide()
        if self.participant_id_shown():
            return
        _person, problem = self.resolve_participant()
        self.show_who_problem(problem or "", bool(problem))

    def show_who_problem(self, message: str, invalid: bool) -> None:
        """A note under the Who box (and its red border when `invalid`); "" clears the note."""
        self.errors["participant"].set_message(message)
        mark_invalid(self.participant_combo, invalid)

    def select_participant(self, participant_id: str) -> None:
        self._applying += 1
        try:
            index = self.participant_combo.findData(participant_id) if participant_id else 0
            if index < 0:
                # Not loaded yet (or gone): select it when the list arrives.
                self._pending_participant = participant_id
                index = 0
            self.participant_combo.setCurrentIndex(index)
            if index == 0:
                self._who_line().clear()
        finally:
            self._applying -= 1

    def expect_participant(self, participant_id: str) -> None:
        """Choose `participant_id` as soon as the Who box's list holds them (just created)."""
        self._pending_participant = participant_id

    def set_participants(self, choices: list[ParticipantChoice]) -> None:
        """The people the Who box offers; the one chosen (or typed) stays."""
        if choices == self._participants:
            return
        keep = self._pending_participant or self.participant_id_shown()
        line = self._who_line()
        typed = line.text()
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
                line.setText(typed)
        finally:
            self._applying -= 1

    def forget_participants(self) -> None:
        """Another event: nobody of the last event stays on offer in the Who box (an entry
        saved now would otherwise name a person of another event). The typed text stays."""
        line = self._who_line()
        typed = line.text()
        self._applying += 1
        try:
            self.participant_combo.blockSignals(True)
            self.participant_combo.clear()
            self.participant_combo.addItem("", "")
            self.participant_combo.setCurrentIndex(0)
            self.participant_combo.blockSignals(False)
            self._participants = []
            self._pending_participant = ""
            line.setText(typed)
        finally:
            self._applying -= 1
