"""Correcting a participant from the capture screen (Ctrl+Shift+N or the Edit… button): the row
is updated, the outbox gets one update with only the changed fields, the Who box and the list
show the new name; consent given or withdrawn; a bad email keeps the typed text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from hexikit.base.settings import Settings
from hexikit.records.domain import CONSENT_WORDING_V1, ActivityInput, Kind, ParticipantInput
from hexikit.store import Store, StoreWriteError
from hexikit.store.models import OutboxOperation, Participant
from hexikit.ui.capture.model import ActivityTableModel
from hexikit.ui.capture.page import CapturePage
from hexikit.ui.capture.participant_dialog import ParticipantDialog
from hexikit.ui.context import AppContext
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.worker import Worker
from tests.ui.capture.test_page import (
    focused,
    make_event,
    open_page,
    press,
    reactivate,
    type_text,
    wait_for_dialog,
)

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def context(data_dir: Path, store: Store) -> Iterator[AppContext]:
    worker = Worker()
    audience = AudienceWindow()
    ctx = AppContext(data_dir, store, Settings(), worker, audience)
    yield ctx
    worker.wait_for_done(10000)
    audience.close()


def updates(store: Store, person_id: str) -> list[OutboxOperation]:
    with store.session() as session:
        return list(
            session.scalars(
                select(OutboxOperation)
                .where(OutboxOperation.entity_id == person_id, OutboxOperation.action == "update")
                .order_by(OutboxOperation.seq)
            )
        )


def stored(store: Store, person_id: str) -> Participant:
    person = store.get(Participant, person_id)
    assert person is not None
    return person


def page_with_person(
    qtbot: QtBot, context: AppContext, consent: bool = False
) -> tuple[CapturePage, Participant]:
    event_id = make_event(context)
    person = context.store.create_participant(
        event_id,
        ParticipantInput(
            name="Sian Jones",
            email="sian@exmaple.org",
            organisation="Cardiff and Vale UHB",
            region="Wales",
            consent=consent,
        ),
    )
    context.store.create_activity(
        event_id,
        ActivityInput(kind=Kind.OFFER, title="Coaching for new QI leads"),
        person.id,
    )
    page = open_page(qtbot, context)
    qtbot.waitUntil(lambda: page.participant_combo.count() == 2 and page.model.total == 1)
    return page, person


def open_editor(qtbot: QtBot, page: CapturePage, name: str) -> ParticipantDialog:
    """Pick `name` in the Who box by typing, then Ctrl+Shift+N."""
    page.participant_combo.setFocus()
    type_text(qtbot, name)
    press(qtbot, Qt.Key.Key_N, CTRL_SHIFT)
    dialog = wait_for_dialog(qtbot, ParticipantDialog)
    assert isinstance(dialog, ParticipantDialog)
    return dialog


def who_cell(page: CapturePage) -> str:
    return str(page.model.index(0, ActivityTableModel.COL_WHO).data())


def test_edit_name_and_email_with_the_keyboard(qtbot: QtBot, context: AppContext) -> None:
    store = context.store
    page, person = page_with_person(qtbot, context)
    assert who_cell(page) == "Sian Jones"
    dialog = open_editor(qtbot, page, "sian")

    # Pre-filled with the participant as stored, under its own title.
    assert dialog.windowTitle() == "Edit participant"
    assert dialog.name_edit.text() == "Sian Jones"
    assert dialog.email_edit.text() == "sian@exmaple.org"
    assert dialog.organisation_edit.text() == "Cardiff and Vale UHB"
    assert dialog.region_combo.currentData() == "Wales"
    assert not dialog.consent_check.isChecked()
    assert dialog.consent_given_label.isHidden()
    assert focused() is dialog.name_edit

    dialog.name_edit.selectAll()
    type_text(qtbot, "Siân Jones")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.email_edit
    dialog.email_edit.selectAll()
    type_text(qtbot, "sian@example.org")
    with qtbot.waitSignal(dialog.participantUpdated):
        press(qtbot, Qt.Key.Key_Return)

    row = stored(store, person.id)
    assert (row.name, row.email, row.organisation) == (
        "Siân Jones",
        "sian@example.org",
        "Cardiff and Vale UHB",
    )
    (op,) = updates(store, person.id)
    assert set(op.payload) == {"name", "email", "updated_at"}
    assert op.payload["name"] == "Siân Jones"

    # The Who box keeps her selected under the new name; the list shows it too.
    qtbot.waitUntil(lambda: page.participant_combo.currentText() == "Siân Jones")
    qtbot.waitUntil(lambda: who_cell(page) == "Siân Jones")
    assert "Updated Siân Jones" in page.status_text

    # The next entry still goes to her.
    reactivate(qtbot, page)
    page.title_edit.setFocus()
    type_text(qtbot, "Run chart clinic")
    with qtbot.waitSignal(page.saved):
        press(qtbot, Qt.Key.Key_Return)
    assert {a.participant_id for a in store.list_activities(row.event_id)} == {person.id}


def test_edit_button_opens_the_same_dialog(qtbot: QtBot, context: AppContext) -> None:
    page, _person = page_with_person(qtbot, context)
    page.participant_combo.setFocus()
    type_text(qtbot, "Sian Jones")
    QTest.mouseClick(page.edit_participant_button, Qt.MouseButton.LeftButton)
    dialog = wait_for_dialog(qtbot, ParticipantDialog)
    assert isinstance(dialog, ParticipantDialog)
    assert dialog.name_edit.text() == "Sian Jones"
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)


def test_edit_with_nobody_chosen_says_what_to_do(qtbot: QtBot, context: AppContext) -> None:
    page, _person = page_with_person(qtbot, context)
    page.title_edit.setFocus()
    press(qtbot, Qt.Key.Key_N, CTRL_SHIFT)
    assert "Who box" in page.errors["participant"].text()
    assert QApplication.activeModalWidget() is None


def test_consent_given_later(qtbot: QtBot, context: AppContext) -> None:
    store = context.store
    page, person = page_with_person(qtbot, context)
    assert stored(store, person.id).consent_at is None
    dialog = open_editor(qtbot, page, "Sian Jones")
    dialog.consent_check.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.consent_check.isChecked()
    with qtbot.waitSignal(dialog.participantUpdated):
        press(qtbot, Qt.Key.Key_Return)
    row = stored(store, person.id)
    assert row.consent is True
    assert row.consent_at is not None
    assert row.consent_wording == CONSENT_WORDING_V1
    (op,) = updates(store, person.id)
    assert set(op.payload) == {"consent", "consent_at", "consent_wording", "updated_at"}


def test_consent_withdrawn(qtbot: QtBot, context: AppContext) -> None:
    store = context.store
    page, person = page_with_person(qtbot, context, consent=True)
    assert stored(store, person.id).consent_at is not None
    dialog = open_editor(qtbot, page, "Sian Jones")
    assert dialog.consent_check.isChecked()
    assert dialog.consent_given_label.text().startswith("Consent recorded on")
    dialog.consent_check.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.participantUpdated):
        press(qtbot, Qt.Key.Key_Return)
    row = stored(store, person.id)
    assert (row.consent, row.consent_at, row.consent_wording) == (False, None, "")


def test_invalid_email_keeps_the_text_and_writes_nothing(qtbot: QtBot, context: AppContext) -> None:
    store = context.store
    page, person = page_with_person(qtbot, context)
    dialog = open_editor(qtbot, page, "Sian Jones")
    dialog.name_edit.selectAll()
    type_text(qtbot, "Siân Jones")
    press(qtbot, Qt.Key.Key_Tab)
    dialog.email_edit.selectAll()
    type_text(qtbot, "sian@example")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.errors["email"].text()
    assert dialog.name_edit.text() == "Siân Jones"
    assert dialog.email_edit.text() == "sian@example"
    assert updates(store, person.id) == []
    assert stored(store, person.id).name == "Sian Jones"
    dialog.reject()


def test_write_error_keeps_the_text_and_saves_on_retry(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = context.store
    page, person = page_with_person(qtbot, context)
    message = "The data folder is read-only, so this was not saved."

    def refuse(*_args: object, **_kwargs: object) -> Participant:
        raise StoreWriteError(message)

    monkeypatch.setattr(store, "update_in", refuse)
    dialog = open_editor(qtbot, page, "Sian Jones")
    dialog.name_edit.selectAll()
    type_text(qtbot, "Siân Jones")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.general_error.text() == message)
    assert dialog.isVisible() and dialog.save_button.isEnabled()
    assert dialog.name_edit.text() == "Siân Jones"
    assert updates(store, person.id) == []

    monkeypatch.undo()
    with qtbot.waitSignal(dialog.participantUpdated):
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert stored(store, person.id).name == "Siân Jones"
    assert len(updates(store, person.id)) == 1
