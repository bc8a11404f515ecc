"""A new participant (Ctrl+N on the capture screen), or a correction to one (Ctrl+Shift+N):
who they are, and their consent.

The consent wording shown is the versioned text stored with the participant
(`hexikit.records.domain.consent_wording()`, in the language shown), so what they agreed to is on record. Editing writes only
the fields that changed (`hexikit.records.participants.update_participant`); consent given now is
stamped with the time, consent withdrawn clears the time and wording.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hexikit.records.domain import (
    REGIONS,
    EntityType,
    ParticipantInput,
    ValidationError,
    consent_wording,
    region_label,
    validate_participant,
)
from hexikit.records.participants import update_participant
from hexikit.records.store_api import StoreError
from hexikit.store.models import Participant
from hexikit.ui.context import AppContext
from hexikit.ui.theme import (
    STYLESHEET,
    ErrorLabel,
    add_field_rows,
    scaled,
    show_field_problems,
)


class ParticipantDialog(QDialog):
    """Type a new participant, or correct one (`participant_id` and `initial` given); Enter
    saves (after the store commits), Esc cancels.

    Signals:
        participantCreated(str, str): the new participant's UUID and name.
        participantUpdated(str, str): the edited participant's UUID and (new) name.
    """

    participantCreated = Signal(str, str)
    participantUpdated = Signal(str, str)

    def __init__(
        self,
        context: AppContext,
        event_id: str,
        name: str = "",
        region: str = "",
        parent: QWidget | None = None,
        participant_id: str = "",
        initial: ParticipantInput | None = None,
        consent_given_at: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.event_id = event_id
        #: the participant being corrected; "" when creating one
        self.participant_id = participant_id
        editing = bool(participant_id)
        heading = self.tr("Edit participant") if editing else self.tr("New participant")
        self._save_text = self.tr("Save changes  ⏎") if editing else self.tr("Save participant  ⏎")
        self.setObjectName("hexikitDialog")
        self.setStyleSheet(scaled(STYLESHEET))
        self.setWindowTitle(heading)
        self.setMinimumWidth(520)
        self._saving = False

        self.name_edit = QLineEdit(name)
        self.name_edit.setPlaceholderText(self.tr("Full name, as they say it"))
        self.email_edit = QLineEdit()
        self.email_edit.setPlaceholderText(self.tr("name@example.org (optional)"))
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setPlaceholderText(self.tr("Trust, practice, team… (optional)"))
        self.role_edit = QLineEdit()
        self.role_edit.setPlaceholderText(self.tr("Job or role (optional)"))
        self.region_combo = QComboBox()
        self.region_combo.addItem(self.tr("(not given)"), "")
        for value in REGIONS:
            self.region_combo.addItem(region_label(value), value)
        if region in REGIONS:
            self.region_combo.setCurrentIndex(REGIONS.index(region) + 1)
        self.member_check = QCheckBox(self.tr("Already a Hexitime member"))
        self.consent_check = QCheckBox(self.tr("Agrees to the statement below"))
        consent_text = QLabel(f"“{consent_wording()}”")
        consent_text.setObjectName("consentBox")
        consent_text.setWordWrap(True)
        consent_note = QLabel(
            self.tr(
                "Read this out. Without consent, their name and email never leave this laptop; "
                "their offers and requests still count."
            )
        )
        consent_note.setObjectName("hint")
        consent_note.setWordWrap(True)
        #: when the stored consent was given (editing), so a withdrawal is a knowing one
        self.consent_given_label = QLabel()
        self.consent_given_label.setObjectName("hint")
        if consent_given_at is not None:
            local = consent_given_at.astimezone()
            self.consent_given_label.setText(
                self.tr("Consent recorded on {date} at {time}.")
                .replace("{date}", local.strftime("%d %b %Y"))
                .replace("{time}", local.strftime("%H:%M"))
            )
        self.consent_given_label.setVisible(consent_given_at is not None)

        self.errors = {key: ErrorLabel() for key in ("name", "email", "organisation", "role")}
        self.errors["region"] = ErrorLabel()
        self.general_error = ErrorLabel()

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(6)
        add_field_rows(
            form,
            [
                (self.tr("&Name"), self.name_edit, "name"),
                (self.tr("&Email"), self.email_edit, "email"),
                (self.tr("&Organisation"), self.organisation_edit, "organisation"),
                (self.tr("&Role"), self.role_edit, "role"),
                (self.tr("Re&gion"), self.region_combo, "region"),
            ],
            self.errors,
        )
        form.addRow("", self.member_check)

        title = QLabel(heading)
        title.setObjectName("sectionTitle")
        self.save_button = QPushButton(self._save_text)
        self.save_button.setObjectName("primaryButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(self.tr("Cancel  Esc"))
        cancel.setObjectName("secondaryButton")
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.consent_check)
        layout.addWidget(self.consent_given_label)
        layout.addWidget(consent_text)
        layout.addWidget(consent_note)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)

        QWidget.setTabOrder(self.name_edit, self.email_edit)
        QWidget.setTabOrder(self.email_edit, self.organisation_edit)
        QWidget.setTabOrder(self.organisation_edit, self.role_edit)
        QWidget.setTabOrder(self.role_edit, self.region_combo)
        QWidget.setTabOrder(self.region_combo, self.member_check)
        QWidget.setTabOrder(self.member_check, self.consent_check)
        QWidget.setTabOrder(self.consent_check, self.save_button)
        QWidget.setTabOrder(self.save_button, cancel)
        if initial is not None:
            self._fill(initial)
        self.name_edit.setFocus()

    def _fill(self, initial: ParticipantInput) -> None:
        """Show the participant as stored (editing)."""
        self.name_edit.setText(initial.name)
        self.email_edit.setText(initial.email)
        self.organisation_edit.setText(initial.organisation)
        self.role_edit.setText(initial.role)
        index = self.region_combo.findData(initial.region) if initial.region else 0
        self.region_combo.setCurrentIndex(max(index, 0))
        self.member_check.setChecked(initial.is_member)
        self.consent_check.setChecked(initial.consent)

    def reject(self) -> None:
        # Not while a save is on its way: its result must find the dialog alive.
        if self._saving:
            return
        super().reject()

    def participant_input(self) -> ParticipantInput:
        consent = self.consent_check.isChecked()
        return ParticipantInput(
            name=self.name_edit.text(),
            email=self.email_edit.text(),
            organisation=self.organisation_edit.text(),
            role=self.role_edit.text(),
            region=str(self.region_combo.currentData() or ""),
            is_member=self.member_check.isChecked(),
            consent=consent,
            consent_wording=consent_wording() if consent else "",
        )

    def show_problems(self, problems: dict[str, str]) -> None:
        widgets = {
            "name": self.name_edit,
            "email": self.email_edit,
            "organisation": self.organisation_edit,
            "role": self.role_edit,
            "region": self.region_combo,
        }
        show_field_problems(problems, widgets, self.errors, self.general_error)
        self.adjustSize()  # room for the notes that just appeared

    def save(self) -> None:
        """Validate here (instant), then create through the store lane; close once committed."""
        if self._saving:
            return
        data = self.participant_input()
        try:
            validate_participant(data)
        except ValidationError as exc:
            self.show_problems(exc.problems)
            return
        self.show_problems({})
        self._saving = True
        self.save_button.setEnabled(False)
        self.save_button.setText(self.tr("Saving…"))
        store = self.context.store
        event_id = self.event_id or None
        participant_id = self.participant_id

        def create() -> tuple[str, str]:
            person: Participant = store.create_participant(event_id, data)
            return person.id, person.name

        def update() -> tuple[str, str]:
            person = update_participant(store, participant_id, data)
            return person.id, person.name

        self.context.worker.run(
            update if participant_id else create,
            self._saved,
            self._failed,
            changes={EntityType.PARTICIPANT},
        )

    def _saved(self, result: tuple[str, str]) -> None:
        self._saving = False
        person_id, name = result
        if self.participant_id:
            self.participantUpdated.emit(person_id, name)
        else:
            self.participantCreated.emit(person_id, name)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        self.save_button.setText(self._save_text)
        if isinstance(error, ValidationError):
            self.show_problems(error.problems)
        elif isinstance(error, StoreError):
            self.general_error.set_message(str(error))
        else:
            self.general_error.set_message(
                self.tr("This could not be saved ({error}). What you typed is still here.").replace(
                    "{error}", str(error)
                )
            )
