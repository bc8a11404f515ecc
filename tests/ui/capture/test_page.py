"""The capture screen, driven with the keyboard only: keys go to whichever widget has focus,
so these tests also check the Tab order and where focus lands after each step."""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hexikit.base.paths import draft_path
from hexikit.base.settings import Settings
from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.store import Store, StoreWriteError
from hexikit.store.models import Activity
from hexikit.ui.capture.page import CapturePage
from hexikit.ui.capture.participant_dialog import ParticipantDialog
from hexikit.ui.context import AppContext
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.widgets.event_dialog import EventDialog
from hexikit.ui.worker import Worker

CTRL = Qt.KeyboardModifier.ControlModifier
DialogT = TypeVar("DialogT", bound=QWidget)


@pytest.fixture
def context(data_dir: Path, store: Store) -> Iterator[AppContext]:
    worker = Worker()
    audience = AudienceWindow()
    ctx = AppContext(data_dir, store, Settings(), worker, audience)
    yield ctx
    worker.wait_for_done(10000)
    audience.close()


def make_event(context: AppContext, title: str = "Hexithon at the Q Summit") -> str:
    event = context.store.create_event(EventInput(title=title, region="Wales"))
    context.set_current_event(event.id)
    return event.id


def open_page(qtbot: QtBot, context: AppContext) -> CapturePage:
    page = CapturePage(context)
    qtbot.addWidget(page)
    page.resize(1400, 860)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    if context.current_event_id:
        qtbot.waitUntil(lambda: page.event_title.text() not in ("", "Opening…"))
    page.title_edit.setFocus()
    return page


def reactivate(qtbot: QtBot, page: QWidget) -> None:
    """After a dialog closes, the offscreen platform does not give the window back its
    activation as a desktop does; do it by hand."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)


def wait_for_dialog(qtbot: QtBot, cls: type[DialogT]) -> DialogT:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), cls))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, cls)
    if QApplication.activeWindow() is not dialog:
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def focused() -> QWidget:
    # The offscreen platform leaves a closed completer popup as the "active window"; a desktop
    # gives activation back to the window underneath. Do that here.
    active = QApplication.activeWindow()
    if active is not None and not active.isVisible():
        widget = QApplication.focusWidget()
        if widget is not None:
            widget.window().activateWindow()
            QApplication.processEvents()
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(qtbot: QtBot, text: str) -> None:
    """Type into the focused widget. QTest only knows ASCII keys, so other characters (â, ŷ,
    emoji, Hebrew) go as key events carrying their text, as an input method sends them."""
    for char in text:
        if char.isascii():
            QTest.keyClicks(focused(), char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    focused(), QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(focused(), key, modifier)


def activities(store: Store, event_id: str) -> list[Activity]:
    return store.list_activities(event_id)


# ---------------------------------------------------------------------- the whole session


def test_a_whole_capture_session_typed_with_the_keyboard(qtbot: QtBot, context: AppContext) -> None:
    store = context.store
    page = open_page(qtbot, context)
    assert page.body.currentIndex() == 0  # no event yet: the page says so

    # Create the event from the keyboard (the dialog focuses its title field).
    page.choose_event()
    dialog = wait_for_dialog(qtbot, EventDialog)
    assert focused() is dialog.title_edit
    type_text(qtbot, "Hexithon Caerdydd")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Y Senedd")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.event_title.text() == "Hexithon Caerdydd")
    event_id = context.current_event_id
    assert [e.title for e in store.list_events()] == ["Hexithon Caerdydd"]
    assert store.list_events()[0].venue == "Y Senedd"

    # Ctrl+N: a new participant, with consent, typed field by field.
    reactivate(qtbot, page)
    page.title_edit.setFocus()
    press(qtbot, Qt.Key.Key_N, CTRL)
    person_dialog = wait_for_dialog(qtbot, ParticipantDialog)
    assert focused() is person_dialog.name_edit
    type_text(qtbot, "Siân Evans")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "sian@example.org")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Cardiff and Vale UHB")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Ward sister")
    press(qtbot, Qt.Key.Key_Tab)  # region: keep what was suggested
    press(qtbot, Qt.Key.Key_Tab)  # member: no
    press(qtbot, Qt.Key.Key_Tab)  # consent
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.participant_combo.currentText() == "Siân Evans")
    reactivate(qtbot, page)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.title_edit)
    [person] = store.list_participants(event_id)
    assert (person.name, person.email, person.organisation, person.role) == (
        "Siân Evans",
        "sian@example.org",
        "Cardiff and Vale UHB",
        "Ward sister",
    )
    assert person.consent and person.consent_at is not None
    assert "pass my name" in person.consent_wording
    assert person.region == ""  # the event has no region to suggest

    # An offer, every field typed in Tab order; Enter on the last field saves.
    type_text(qtbot, "Coaching for new QI leads")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Two sessions, online")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "coach")
    press(qtbot, Qt.Key.Key_Return)  # adds the chip, does not save
    type_text(qtbot, "stat")
    press(qtbot, Qt.Key.Key_Tab)  # Tab adds the typed category too
    assert page.category_picker.tags() == ["Coaching and mentoring", "Statistical analysis"]
    type_text(qtbot, "wale")
    press(qtbot, Qt.Key.Key_Return)
    assert page.region_picker.tags() == ["Wales"]
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.mode_combo
    type_text(qtbot, "r")  # Remote
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is page.hours_edit
    type_text(qtbot, "1.5")
    with qtbot.waitSignal(page.saved):
        press(qtbot, Qt.Key.Key_Return)
    assert "Saved offer" in page.status_text
    # Cleared for the next entry; participant, kind, regions and mode stay.
    assert page.title_edit.text() == ""
    assert page.description_edit.toPlainText() == ""
    assert page.category_picker.tags() == []
    assert page.hours_edit.text() == ""
    assert page.region_picker.tags() == ["Wales"]
    assert page.mode_combo.currentData() == "remote"
    assert page.participant_combo.currentText() == "Siân Evans"
    assert focused() is page.title_edit

    # A request: one key switches the kind; Enter straight from the title saves.
    press(qtbot, Qt.Key.Key_R, CTRL)
    assert page.kind == Kind.REQUEST and page.request_button.isChecked()
    type_text(qtbot, "Help designing a patient survey")
    with qtbot.waitSignal(page.saved):
        press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "Someone to audit our discharge pathway")
    with qtbot.waitSignal(page.saved):
        press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_O, CTRL)
    type_text(qtbot, "SPC charts in Excel")
    with qtbot.waitSignal(page.saved):
        press(qtbot, Qt.Key.Key_Return)

    rows = activities(store, event_id)
    assert [(a.kind, a.title) for a in rows] == [
        ("offer", "Coaching for new QI leads"),
        ("request", "Help designing a patient survey"),
        ("request", "Someone to audit our discharge pathway"),
        ("offer", "SPC charts in Excel"),
    ]
    first = rows[0]
    assert first.description == "Two sessions, online"
    assert first.categories == ["Coaching and mentoring", "Statistical analysis"]
    assert first.regions == ["Wales"]
    assert first.mode == "remote"
    assert first.hours == Decimal("1.5")
    assert all(a.participant_id == person.id for a in rows)
    assert all(a.regions == ["Wales"] for a in rows)

    # The list and the live counts follow.
    qtbot.waitUntil(lambda: page.model.total == 4)
    assert page.offers_tile.number.text() == "2"
    assert page.requests_tile.number.text() == "2"
    assert page.participants_tile.number.text() == "1"
    # Nothing half-typed is left, so no draft either.
    qtbot.waitUntil(lambda: not draft_path(context.data_dir).exists())


def test_enter_on_an_empty_title_explains_and_keeps_the_rest(
    qtbot: QtBot, context: AppContext
) -> None:
    event_id = make_event(context)
    page = open_page(qtbot, context)
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Some detail")
    page.hours_edit.setFocus()
    type_text(qtbot, "1.3")
    page.title_edit.setFocus()
    with qtbot.waitSignal(page.saveFailed):
        press(qtbot, Qt.Key.Key_Return)
    assert page.errors["title"].isVisible()
    assert "title is needed" in page.errors["title"].text()
    assert "quarter hours" in page.errors["hours"].text()
    assert page.description_edit.toPlainText() == "Some detail"
    assert focused() is page.title_edit
    assert activities(context.store, event_id) == []


def test_unknown_participant_name_is_explained(qtbot: QtBot, context: AppContext) -> None:
    event_id = make_event(context)
    page = open_page(qtbot, context)
    page.participant_combo.setFocus()
    type_text(qtbot, "Nobody Here")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "An offer")
    with qtbot.waitSignal(page.saveFailed):
        press(qtbot, Qt.Key.Key_Return)
    assert "Ctrl+N" in page.errors["participant"].text()
    assert page.title_edit.text() == "An offer"
    assert activities(context.store, event_id) == []


def test_a_typed_name_picks_the_participant(qtbot: QtBot, context: AppContext) -> None:
    event_id = make_event(context)
    person = context.store.create_participant(event_id, ParticipantInput(name="Łukasz Nowak"))
    page = open_page(qtbot, context)
    qtbot.waitUntil(lambda: page.participant_combo.count() == 2)
    page.participant_combo.setFocus()
    type_text(qtbot, "łukasz")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Mentoring")
    with qtbot.waitSignal(page.saved):
        press(qtbot, Qt.Key.Key_Return)
    [saved] = activities(context.store, event_id)
    assert saved.participant_id == person.id


# ---------------------------------------------------------------------- list: filter, edit, delete


def fill(context: AppContext, event_id: str, titles: list[str]) -> None:
    for index, title in enumerate(titles):
        kind = Kind.OFFER if index % 2 == 0 else Kind.REQUEST
        context.store.create_activity(event_id, ActivityInput(kind=kind, title=title))


def test_filter_as_you_type(qtbot: QtBot, context: AppContext) -> None:
    event_id = make_event(context)
    fill(context, event_id, ["Sepsis audit", "Coaching", "Sepsis pathway design", "Run charts"])
    page = open_page(qtbot, context)
    qtbot.waitUntil(lambda: page.model.total == 4)
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is page.filter_edit
    type_text(qtbot, "seps")
    assert page.model.rowCount() == 2
    type_text(qtbot, " design")
    assert page.model.rowCount() == 1
    type_text(qtbot, "zzz")
    assert page.list_stack.currentWidget() is page.empty_label
    assert "Nothing matches" in page.empty_label.text()
    press(qtbot, Qt.Key.Key_Escape)
    assert page.filter_edit.text() == "" and page.model.rowCount() == 4
    assert page.list_stack.currentWidget() is page.table
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is page.title_edit


def test_empty_list_says_what_to_do(qtbot: QtBot, context: AppContext) -> None:
    make_event(context)
    page = open_page(qtbot, context)
    qtbot.waitUntil(lambda: page.list_stack.currentWidget() is page.empty_label)
    assert "type the first one on the left" in page.empty_label.text()


def test_delete_then_undo_with_ctrl_z(qtbot: QtBot, context: AppContext) -> None:
    event_id = make_event(context)
    fill(context, event_id, ["First", "Second", "Third"])
    page = open_page(qtbot, context)
    qtbot.waitUntil(lambda: page.model.total == 3)
    press(qtbot, Qt.Key.Key_F, CTRL)
    press(qtbot, Qt.Key.Key_Down)  # into the list, newest first
    assert focused() is page.table
    assert page.model.row_at(page.table.currentIndex().row()).title == "Third"
    with qtbot.waitSignal(page.deleted):
        press(qtbot, Qt.Key.Key_Delete)
    assert [a.title for a in activities(context.store, event_id)] == ["First", "Second"]
    assert page.undo_bar.isVisible()
    qtbot.waitUntil(lambda: page.model.total == 2)
    assert page.offers_tile.number.text() == "1"
    with qtbot.waitSignal(page.restored):
        press(qtbot, Qt.Key.Key_Z, CTRL)
    assert [a.title for a in activities(context.store, event_id)] == ["First", "Second", "Third"]
    qtbot.waitUntil(lambda: page.model.total == 3)
    assert page.offers_tile.number.text() == "2"


def test_f2_edits_an_entry_in_the_form(qtbot: QtBot, context: AppContext) -> None:
    event_id = make_event(context)
    fill(context, event_id, ["Coaching", "Survey help"])
    page = open_page(qtbot, context)
    qtbot.waitUntil(lambda: page.model.total == 2)
    type_text(qtbot, "half-typed next entry")
    page.table.setFocus()
    page.table.selectRow(page.model.row_of(activities(context.store, event_id)[0].id))
    press(qtbot, Qt.Key.Key_F2)
    assert page.editing_id
    assert page.title_edit.text() == "Coaching"
    assert focused() is page.title_edit
    assert page.edit_banner.isVisible()
    type_text(qtbot, "Coaching for QI leads")  # replaces the selected text
    press(qtbot, Qt.Key.Key_R, CTRL)
    with qtbot.waitSignal(page.saved):
        press(qtbot, Qt.Key.Key_Return)
    rows = activities(context.store, event_id)
    assert [(a.kind, a.title) for a in rows] == [
        ("request", "Coaching for QI leads"),
        ("request", "Survey help"),
    ]
    # Back to the new entry that was being typed before the edit.
    assert not page.editing_id
    assert page.title_edit.text() == "half-typed next entry"


def test_esc_cancels_an_edit(qtbot: QtBot, context: AppContext) -> None:
    event_id = make_event(context)
    fill(context, event_id, ["Coaching"])
    page = open_page(qtbot, context)
    qtbot.waitUntil(lambda: page.model.total == 1)
    page.table.setFocus()
    page.table.selectRow(0)
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, "Changed my mind")
    press(qtbot, Qt.Key.Key_Escape)
    assert not page.editing_id and page.title_edit.text() == ""
    assert [a.title for a in activities(context.store, event_id)] == ["Coaching"]


# ---------------------------------------------------------------------- nothing lost


def test_draft_is_back_after_a_crash(qtbot: QtBot, context: AppContext) -> None:
    event_id = make_event(context)
    page = open_page(qtbot, context)
    press(qtbot, Qt.Key.Key_R, CTRL)
    type_text(qtbot, "Half-typed request from Zoë 🙂")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "שלום and more detail")
    press(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "desi")
    press(qtbot, Qt.Key.Key_Return)
    path = draft_path(context.data_dir)

    def draft_has_everything() -> bool:
        if not path.exists():
            return False
        body = json.loads(path.read_text(encoding="utf-8"))["draft"]
        return bool(body["categories"] == ["Design"] and body["kind"] == "request")

    qtbot.waitUntil(draft_has_everything)
    # The "crash": the page goes away without saving.
    page.hide()
    page.deleteLater()
    qtbot.waitUntil(lambda: not page.isVisible())

    second = open_page(qtbot, context)
    qtbot.waitUntil(lambda: second.title_edit.text() == "Half-typed request from Zoë 🙂")
    assert second.description_edit.toPlainText() == "שלום and more detail"
    assert second.category_picker.tags() == ["Design"]
    assert second.kind == Kind.REQUEST
    assert "unsaved entry" in second.status_text
    second.title_edit.setFocus()
    with qtbot.waitSignal(second.saved):
        press(qtbot, Qt.Key.Key_Return)
    assert [a.title for a in activities(context.store, event_id)] == [
        "Half-typed request from Zoë 🙂"
    ]
    qtbot.waitUntil(lambda: not path.exists())


def test_clear_takes_the_restored_draft_message_with_it(qtbot: QtBot, context: AppContext) -> None:
    make_event(context)
    page = open_page(qtbot, context)
    type_text(qtbot, "Half-typed offer")
    path = draft_path(context.data_dir)
    qtbot.waitUntil(path.exists)
    page.hide()
    page.deleteLater()
    second = open_page(qtbot, context)
    qtbot.waitUntil(lambda: "unsaved entry" in second.status_text)
    second.clear_button.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert second.title_edit.text() == ""
    assert second.status_text == ""
    assert focused() is second.title_edit
    qtbot.waitUntil(lambda: not path.exists())


def test_clear_takes_not_saved_yet_with_it(qtbot: QtBot, context: AppContext) -> None:
    make_event(context)
    page = open_page(qtbot, context)
    page.hours_edit.setFocus()
    type_text(qtbot, "1.3")
    page.title_edit.setFocus()
    with qtbot.waitSignal(page.saveFailed):
        press(qtbot, Qt.Key.Key_Return)
    assert "Not saved yet" in page.status_text
    page.clear_button.setFocus()
    assert focused() is page.clear_button  # Clear takes the keyboard now
    press(qtbot, Qt.Key.Key_Space)
    assert page.status_text == ""
    assert not page.errors["hours"].isVisible()


def test_the_save_confirmation_is_never_below_the_fold(qtbot: QtBot, context: AppContext) -> None:
    event_id = make_event(context)
    page = open_page(qtbot, context)
    page.resize(1366, 420)  # a short window: the form scrolls
    type_text(qtbot, "Run charts for a ward team")
    for category in ("Data", "Design", "Coaching", "Facilitation"):
        page.category_picker.add_tag(category)
    page.title_edit.setFocus()
    with qtbot.waitSignal(page.saved):
        press(qtbot, Qt.Key.Key_Return)
    assert [a.title for a in activities(context.store, event_id)] == ["Run charts for a ward team"]
    label = page.status_label
    qtbot.waitUntil(lambda: "Saved" in page.status_text)
    assert not page.form_scroll.isAncestorOf(label)
    top_left = label.mapTo(page, label.rect().topLeft())
    bottom_right = label.mapTo(page, label.rect().bottomRight())
    assert page.rect().contains(top_left)
    assert page.rect().contains(bottom_right)


def test_a_write_error_keeps_the_typed_text(
    qtbot: QtBot,
    context: AppContext,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    event_id = make_event(context)
    page = open_page(qtbot, context)
    message = "The data folder is read-only, so this was not saved."

    def refuse(*_args: object, **_kwargs: object) -> Activity:
        raise StoreWriteError(message)

    # The refusal comes from inside the save's one transaction (hexikit.records.capture).
    monkeypatch.setattr(context.store, "add_in", refuse)
    type_text(qtbot, "An offer typed on a full disk")
    with qtbot.waitSignal(page.saveFailed) as failed:
        press(qtbot, Qt.Key.Key_Return)
    assert failed.args == [message]
    assert page.status_text == message
    assert "Saved" not in page.status_text
    assert page.title_edit.text() == "An offer typed on a full disk"
    assert activities(context.store, event_id) == []

    monkeypatch.undo()
    with qtbot.waitSignal(page.saved):
        press(qtbot, Qt.Key.Key_Return)
    assert [a.title for a in activities(context.store, event_id)] == [
        "An offer typed on a full disk"
    ]


def test_another_event_offers_none_of_the_last_events_people(
    qtbot: QtBot, context: AppContext
) -> None:
    first = make_event(context, "Hexithon Cardiff")
    context.store.create_participant(first, ParticipantInput(name="Ana Price"))
    page = open_page(qtbot, context)
    qtbot.waitUntil(lambda: page.participant_combo.findText("Ana Price") > 0)
    second = context.store.create_event(EventInput(title="Hexithon Leeds"))
    context.set_current_event(second.id)
    qtbot.waitUntil(lambda: page.event_title.text() == "Hexithon Leeds")
    labels = [page.participant_combo.itemText(i) for i in range(page.participant_combo.count())]
    assert labels == [""]
