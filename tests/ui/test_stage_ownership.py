"""Issue 13, Why 1, 2 and 7: one owner of the projector, a projector that never takes the
keyboard, and a session that drives both screens — through the real main window and pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.base.settings import Settings
from hexikit.records.domain import ActivityInput, EventInput, Kind
from hexikit.rehearsal.runs import list_runs
from hexikit.session.runsheet import SessionState
from hexikit.store import Store
from hexikit.ui import main_window
from hexikit.ui.context import AppContext
from hexikit.ui.main_window import MainWindow
from hexikit.ui.present.page import PresentPage
from hexikit.ui.session.page import SessionPage
from hexikit.ui.stage import AudienceWindow, Scene
from hexikit.ui.timer.page import TimerPage
from hexikit.ui.worker import Worker
from tests.ui.audience import shown_scene

PAGES = [
    ("hexikit.ui.capture.page", "CapturePage"),
    ("hexikit.ui.present.page", "PresentPage"),
    ("hexikit.ui.timer.page", "TimerPage"),
    ("hexikit.ui.session.page", "SessionPage"),
]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def window(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    from hexikit.ui.timer.bells import SilentBellPlayer
    from hexikit.ui.timer.shared import shared_timer

    monkeypatch.setattr(main_window, "MODE_PAGES", PAGES)
    store = Store.open(data_dir)
    event = store.create_event(EventInput("Hexithon in Walsall"))
    settings = Settings()
    settings.current_event_id = event.id
    audience = AudienceWindow()
    worker = Worker()
    context = AppContext(data_dir, store, settings, worker, audience, clock)
    shared_timer(context, bells=SilentBellPlayer())
    win = MainWindow(context)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    present = win.page("PresentPage")
    assert isinstance(present, PresentPage)
    qtbot.waitUntil(lambda: present.presentation.count > 0 and worker.pending == 0, timeout=20000)
    yield win
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=20000)
    # Application-wide keys of a window waiting for deletion must not clash with the next
    # test's window (Qt would call F6 ambiguous and fire neither).
    for action in win.findChildren(QAction):
        action.setEnabled(False)
    audience.close()
    win.close()
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=20000)
    win.deleteLater()
    audience.deleteLater()
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=20000)
    worker.wait_for_done(10000)
    store.close()


def _present(window: MainWindow) -> PresentPage:
    page = window.page("PresentPage")
    assert isinstance(page, PresentPage)
    return page


def _session(window: MainWindow) -> SessionPage:
    page = window.page("SessionPage")
    assert isinstance(page, SessionPage)
    return page


def _timer(window: MainWindow) -> TimerPage:
    page = window.page("TimerPage")
    assert isinstance(page, TimerPage)
    return page


def _audience(window: MainWindow) -> AudienceWindow:
    assert window.context is not None
    return window.context.audience


def _key(widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier | None = None) -> None:
    QTest.keyClick(widget, key, modifiers or Qt.KeyboardModifier.NoModifier)


def _focused() -> QWidget | None:
    return QApplication.focusWidget()


def _talk_at_slide_3(qtbot: QtBot, window: MainWindow) -> PresentPage:
    present = _present(window)
    window.show_page("PresentPage")
    present.setFocus()
    _key(present, Qt.Key.Key_F5)
    _key(present, Qt.Key.Key_Right)
    _key(present, Qt.Key.Key_Right)
    assert present.presentation.current == 3
    assert shown_scene(_audience(window)) == Scene.SLIDES
    qtbot.waitUntil(_audience(window).isVisible)
    return present


OTHER_SCENES = [Scene.TIMER, Scene.MATCHES, Scene.FEEDBACK, Scene.BLACK, Scene.CLOSING]


@pytest.mark.parametrize("scene", OTHER_SCENES)
def test_t_from_any_scene_shows_the_timer_then_the_slides_where_the_talk_left_off(
    qtbot: QtBot, window: MainWindow, scene: Scene
) -> None:
    present = _talk_at_slide_3(qtbot, window)
    audience = _audience(window)
    audience.show_scene(scene)
    if scene != Scene.TIMER:
        _key(present, Qt.Key.Key_T)
        assert shown_scene(audience) == Scene.TIMER  # T means the timer, from anywhere
    _key(present, Qt.Key.Key_T)
    assert shown_scene(audience) == Scene.SLIDES  # never back to a stale feedback screen
    assert present.presentation.current == 3
    _key(present, Qt.Key.Key_Right)  # and the slides move again
    assert present.presentation.current == 4


@pytest.mark.parametrize("scene", OTHER_SCENES)
@pytest.mark.parametrize("page_name", ["CapturePage", "TimerPage", "SessionPage", "PresentPage"])
def test_shift_f5_from_any_scene_and_page_brings_back_the_slides_and_the_presenter_view(
    qtbot: QtBot, window: MainWindow, scene: Scene, page_name: str
) -> None:
    present = _talk_at_slide_3(qtbot, window)
    audience = _audience(window)
    audience.show_scene(scene)
    window.show_page(page_name)
    page = window.page(page_name)
    page.setFocus()
    _key(_focused() or page, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    assert shown_scene(audience) == Scene.SLIDES
    assert present.presentation.current == 3
    assert present.presentation.blank == ""
    assert window.pages.currentWidget() is present


def test_the_presenter_view_says_what_the_room_sees_and_the_hint_stays(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    present = _talk_at_slide_3(qtbot, window)
    present._tick()
    assert present.position_label.text() == "slide 3 / 10"
    _key(present, Qt.Key.Key_T)
    assert shown_scene(_audience(window)) == Scene.TIMER
    assert present.position_label.text() == "Room sees the timer"
    assert present.pace_label.text() == ""  # no "on plan" for slides nobody sees
    assert "Shift+F5 brings the slides back at slide 3 of 10" in present.status_label.text()
    _key(present, Qt.Key.Key_Right)
    assert present.presentation.current == 3
    assert "did not move" in present.status_label.text()
    clock.advance(0.3)
    present._tick()  # the 250 ms repaint used to overwrite the hint
    assert "did not move" in present.status_label.text()
    clock.advance(5)
    present._tick()
    assert "did not move" not in present.status_label.text()
    assert "Shift+F5" in present.status_label.text()  # still says how to get back
    _key(present, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    present._tick()
    assert present.position_label.text() == "slide 3 / 10"
    assert "Shift+F5" not in present.status_label.text()


def _rehearsing(present: PresentPage) -> bool:
    """Whether a rehearsal run is going (a function, so each call reads it afresh)."""
    return present.rehearsal.run is not None


def test_rehearse_never_records_a_run_the_room_cannot_see(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    present = _talk_at_slide_3(qtbot, window)
    assert window.context is not None
    store = window.context.store
    _key(present, Qt.Key.Key_T)  # the timer is on the projector
    _key(present, Qt.Key.Key_R)
    assert not _rehearsing(present)
    assert "Shift+F5" in present.rehearsal.message_label.text()
    _key(present, Qt.Key.Key_F5, Qt.KeyboardModifier.ShiftModifier)
    _key(present, Qt.Key.Key_R)
    assert _rehearsing(present)
    clock.advance(30)
    _key(present, Qt.Key.Key_T)  # the timer takes the projector mid-run: the run stops
    assert not _rehearsing(present)
    assert "not kept" in present.rehearsal.message_label.text()
    qtbot.waitUntil(lambda: window.context is not None and window.context.worker.pending == 0)
    assert list_runs(store) == []


def test_the_projector_never_takes_the_keyboard_and_passes_keys_on(
    qtbot: QtBot, window: MainWindow
) -> None:
    audience = _audience(window)
    assert audience.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    assert audience.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert audience.focusPolicy() == Qt.FocusPolicy.NoFocus
    timer = _timer(window)
    window.show_page("TimerPage")
    timer.setFocus()
    _key(timer, Qt.Key.Key_T)  # the timer on the projector
    qtbot.waitUntil(audience.isVisible)
    assert shown_scene(audience) == Scene.TIMER
    # A key that reaches the projector window (the mouse is over it, a clicker talks to it)
    # goes on to the laptop's page that has the keyboard: Space starts the timer.
    _key(audience, Qt.Key.Key_Space)
    assert timer.controller.state.value == "running"
    _key(audience, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is _present(window)


def test_a_session_drives_both_screens_with_f6_from_every_page(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    assert window.context is not None
    store = window.context.store
    event_id = window.context.current_event_id
    for kind, title in [(Kind.OFFER, "Run charts"), (Kind.OFFER, "PDSA"), (Kind.REQUEST, "SPC")]:
        store.create_activity(event_id, ActivityInput(kind, title))
    session = _session(window)
    audience = _audience(window)
    window.show_page("SessionPage")
    session.next_button.setFocus()
    qtbot.waitUntil(lambda: window.context is not None and window.context.worker.pending == 0)
    # (page on the laptop, widget with the keyboard, scene on the projector), per segment.
    expected = [
        ("PresentPage", "PresentPage", Scene.SLIDES),
        ("TimerPage", "TimerPage", Scene.TIMER),
        ("TimerPage", "TimerPage", Scene.TIMER),
        ("CapturePage", "QComboBox", Scene.TIMER),  # the Who box
        ("SessionPage", "QTableView", Scene.MATCHES),
        ("SessionPage", "feedbackWorked", Scene.FEEDBACK),
    ]
    keys = [(Qt.Key.Key_F6, None), (Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)]
    for number, (page_name, focus_name, scene) in enumerate(expected):
        key, modifiers = keys[number % 2]
        target = _focused() or window
        with qtbot.waitSignal(session.segmentChanged):
            _key(target, key, modifiers)
        assert session.session.index == number
        assert window.pages.currentWidget() is window.page(page_name), number
        focused = _focused()
        assert focused is not None
        assert focus_name in (focused.objectName(), type(focused).__name__), (number, focused)
        assert shown_scene(audience) == scene
        if scene == Scene.TIMER:
            assert _timer(window).controller.state.value == "running"
            session.refresh_status()
            step = "Capture" if page_name == "CapturePage" else "Alone"
            assert session.room_label.text().startswith(f"Room sees the timer: {step}, ")
            assert "(step 1 of " in session.room_label.text()
        if page_name == "TimerPage":  # Space reaches the timer page (nothing stole the keys)
            _key(focused, Qt.Key.Key_Space)
            assert _timer(window).controller.state.value == "paused"
            _key(focused, Qt.Key.Key_Space)
        if number == 0:
            present = _present(window)
            assert present.presentation.presenting
            present._tick()
            assert present.position_label.text() == "slide 1 / 10"
        clock.advance(60)
    with qtbot.waitSignal(session.segmentChanged):
        _key(_focused() or window, Qt.Key.Key_F6)
    assert session.session.state is SessionState.FINISHED
    assert shown_scene(audience) == Scene.CLOSING
    qtbot.waitUntil(
        lambda: session.closing_scene.text().startswith("Thank you — 2 offers and 1 request today")
    )
    assert window.pages.currentWidget() is session
    assert session.room_label.text().startswith("Room sees: Thank you — 2 offers")


def test_the_timer_page_says_the_room_sees_the_timer_as_soon_as_its_segment_starts(
    qtbot: QtBot, window: MainWindow
) -> None:
    # Found by the two-screen half-hour test: the Timer page said "The projector shows the
    # slides. Press T for the timer." until the timer's next tick, with the timer on screen.
    session, timer = _session(window), _timer(window)
    session.start_session()  # the pitch: the slides
    session.next_segment()  # 1-2-4-All on offers: the timer, started
    assert shown_scene(_audience(window)) == Scene.TIMER
    assert timer.controller.state.value == "running"
    assert timer.projector_label.text().startswith("The projector shows the timer.")
    assert window.pages.currentWidget() is timer
