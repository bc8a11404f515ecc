"""The run sheet driving the audience window through every segment, with one key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.records.domain import EventInput
from hexikit.session.runsheet import Screen, SessionState, load_runsheet
from hexikit.ui.context import AppContext
from hexikit.ui.stage import Scene
from tests.ui.audience import shown_scene

if TYPE_CHECKING:
    from hexikit.ui.session.page import SessionPage


def _with_silent_timer(context: AppContext) -> None:
    from hexikit.ui.timer.bells import SilentBellPlayer
    from hexikit.ui.timer.shared import shared_timer

    shared_timer(context, bells=SilentBellPlayer())


def _page(qtbot: QtBot, context: AppContext) -> SessionPage:
    from hexikit.ui.session.page import SessionPage

    page = SessionPage(context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: context.worker.pending == 0)
    return page


def test_one_key_walks_the_room_through_every_segment(qtbot: QtBot, context: AppContext) -> None:
    _with_silent_timer(context)
    context.audience.add_scene(Scene.SLIDES, QWidget())  # the presenter's scene stands in
    page = _page(qtbot, context)
    clock = context.clock
    assert isinstance(clock, FakeClock)
    expected = [Scene.SLIDES, Scene.TIMER, Scene.TIMER, Scene.TIMER, Scene.MATCHES, Scene.FEEDBACK]
    seen = []
    for scene in expected:
        with qtbot.waitSignal(page.segmentChanged):
            QTest.keyClick(page.table, Qt.Key.Key_F6)
        seen.append(shown_scene(context.audience))
        assert shown_scene(context.audience) == scene
        clock.advance(60)
    assert seen == expected
    assert page.status.segment is not None and page.status.segment.screen is Screen.FEEDBACK
    # The timer ran the requests' question during the second 1-2-4-All segment.
    with qtbot.waitSignal(page.segmentChanged):
        QTest.keyClick(page.table, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert page.session.state is SessionState.FINISHED
    assert "finished" in page.now_label.text().lower()


def test_drift_shown_and_timer_follows(qtbot: QtBot, context: AppContext) -> None:
    from hexikit.ui.timer.shared import shared_timer

    _with_silent_timer(context)
    page = _page(qtbot, context)
    clock = context.clock
    assert isinstance(clock, FakeClock)
    page.next_segment()  # pitch (no presenter: a title scene stands in)
    assert shown_scene(context.audience) == "session-title"
    clock.advance(60)
    page.next_segment()  # offers, 4 minutes early
    page.refresh_status()
    assert page.drift_label.text() == "4:00 ahead"
    controller = shared_timer(context)
    assert controller.plan.phases[0].name == "Alone"
    assert "offer" in controller.plan.phases[0].invitation.lower()
    assert controller.state.value == "running"
    clock.advance(8 * 60 + 5 * 60)  # offers overrun by 5 minutes: 1 minute behind
    page.refresh_status()
    assert page.drift_label.text() == "1:00 behind"
    assert page.countdown_label.text() == "+5:00"
    assert page.next_label.text().startswith("Next: 1-2-4-All on requests")
    page.previous_segment()
    assert shown_scene(context.audience) == "session-title"
    assert controller.state.value != "running"  # leaving the timer stops it


def test_plan_edits_are_saved_for_the_event(qtbot: QtBot, context: AppContext) -> None:
    event = context.store.create_event(EventInput("Edited"))
    context.set_current_event(event.id)
    page = _page(qtbot, context)
    page.table.selectRow(0)
    page.edit_title.setText("Short pitch")
    page.edit_minutes.setValue(3)
    page._apply_editor()
    qtbot.waitUntil(lambda: context.worker.pending == 0)
    saved = load_runsheet(context.store, event.id)
    assert saved.segments[0].title == "Short pitch"
    assert saved.segments[0].seconds == 180
    assert page.model.plan == saved
    page.edit_title.setText("")
    page._apply_editor()
    assert "needs a title" in page.edit_error.text()
    assert load_runsheet(context.store, event.id).segments[0].title == "Short pitch"


def test_keys_on_the_audience_window_move_the_session(qtbot: QtBot, context: AppContext) -> None:
    page = _page(qtbot, context)
    context.audience.show()
    QTest.keyClick(context.audience, Qt.Key.Key_F6)
    assert page.session.index == 0 and page.session.state is SessionState.RUNNING
    QTest.keyClick(context.audience, Qt.Key.Key_F6)
    assert page.session.index == 1


def test_next_key_is_registered_on_the_presenter_view(qtbot: QtBot, context: AppContext) -> None:
    from hexikit.ui.present.page import PresentPage

    _with_silent_timer(context)
    present = PresentPage(context)
    qtbot.addWidget(present)
    page = _page(qtbot, context)
    QTest.keyClick(present, Qt.Key.Key_F6)
    assert page.session.state is SessionState.RUNNING
    assert shown_scene(context.audience) == Scene.SLIDES
    QTest.keyClick(context.audience, Qt.Key.Key_F6)  # a clicker talking to the projector
    assert shown_scene(context.audience) == Scene.TIMER
    QTest.keyClick(present, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert shown_scene(context.audience) == Scene.SLIDES
