"""The Timer page, its controller, the projector scene and the T switch (pytest-qt, no sleeps:
time moves with a FakeClock and the controller's `update()` is called by hand)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QTableWidgetItem, QWidget
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock, ScaledClock
from hexikit.base.settings import Settings
from hexikit.session.runsheet import Screen, Segment, SegmentKind, timer_plan_for
from hexikit.store import Store
from hexikit.store.models import SavedPlan
from hexikit.timer.engine import TimerState
from hexikit.timer.plans import PlanListing, builtin_plans
from hexikit.ui.context import AppContext
from hexikit.ui.stage import AudienceWindow, Scene
from hexikit.ui.timer.bells import Bell
from hexikit.ui.timer.controller import TimerController
from hexikit.ui.timer.page import TimerPage, parse_duration
from hexikit.ui.timer.scene import TimerScene
from hexikit.ui.timer.shared import shared_timer
from hexikit.ui.worker import Worker
from tests.ui.audience import shown_scene


class FakeBells:
    def __init__(self, audible: bool = True) -> None:
        self.played: list[Bell] = []
        self.audible = audible
        self.volume = 1.0
        self.muted = False

    def play(self, bell: Bell) -> bool:
        self.played.append(bell)
        return self.audible and not self.muted

    def set_volume(self, volume: float) -> None:
        self.volume = volume

    def set_muted(self, muted: bool) -> None:
        self.muted = muted


class FakeSlides(QLabel):
    """Stands in for the presenter's SlidesScene: a slide, and its `add_key`."""

    def __init__(self) -> None:
        super().__init__("Slide 7")
        self.keys: dict[int, Callable[[], None]] = {}

    def add_key(self, key: Qt.Key, callback: Callable[[], None], description: str) -> None:
        self.keys[int(key.value)] = callback


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(5000.0)


@pytest.fixture
def context(qtbot: QtBot, data_dir: Path, clock: FakeClock) -> Iterator[AppContext]:
    store = Store.open(data_dir)
    worker = Worker()
    audience = AudienceWindow()
    qtbot.addWidget(audience)
    ctx = AppContext(data_dir, store, Settings(), worker, audience, clock=clock)
    yield ctx
    worker.wait_for_done(5000)
    store.close()


@pytest.fixture
def bells() -> FakeBells:
    return FakeBells()


@pytest.fixture
def page(qtbot: QtBot, context: AppContext, bells: FakeBells) -> TimerPage:
    slides = FakeSlides()
    context.audience.add_scene(Scene.SLIDES, slides)
    widget = TimerPage(context, bells=bells)
    qtbot.addWidget(widget)
    widget.resize(1400, 850)
    widget.show()
    qtbot.waitUntil(lambda: widget.plan_combo.count() >= 3)
    widget.setFocus()
    return widget


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    QTest.keyClick(widget, key)


def state_of(controller: TimerController) -> TimerState:
    """`controller.state`, read afresh: mypy keeps a property narrowed by an earlier assert
    even across the key presses that change it."""
    return controller.state


def phase_name(controller: TimerController) -> str | None:
    """The current phase's name (None when the plan is done)."""
    phase = controller.status().phase
    return phase.name if phase is not None else None


def cell(page: TimerPage, row: int, column: int) -> QTableWidgetItem:
    """The plan table's item at (row, column); Qt types `item()` as possibly None."""
    item = page.table.item(row, column)
    assert item is not None, (row, column)
    return item


def test_every_operation_has_a_key(qtbot: QtBot, page: TimerPage, clock: FakeClock) -> None:
    controller = page.controller
    press(qtbot, page, Qt.Key.Key_Space)
    assert state_of(controller) is TimerState.RUNNING
    clock.advance(10)
    controller.update()
    assert controller.status().display == "0:50"
    press(qtbot, page, Qt.Key.Key_Space)
    assert state_of(controller) is TimerState.PAUSED
    assert page.start_button.text().startswith("Resume")
    press(qtbot, page, Qt.Key.Key_Plus)
    assert controller.status().display == "1:50"
    press(qtbot, page, Qt.Key.Key_Minus)
    assert controller.status().display == "0:50"
    press(qtbot, page, Qt.Key.Key_Right)
    assert controller.status().phase is not None
    assert phase_name(controller) == "Pairs"
    press(qtbot, page, Qt.Key.Key_Left)
    assert phase_name(controller) == "Alone"
    press(qtbot, page, Qt.Key.Key_N)
    press(qtbot, page, Qt.Key.Key_R)
    assert phase_name(controller) == "Alone"
    press(qtbot, page, Qt.Key.Key_X)
    assert state_of(controller) is TimerState.IDLE
    press(qtbot, page, Qt.Key.Key_A)
    assert controller.engine.auto_advance
    press(qtbot, page, Qt.Key.Key_Question)
    assert page.help_overlay.isVisible()
    press(qtbot, page, Qt.Key.Key_Space)  # any key closes the help, and does nothing else
    assert not page.help_overlay.isVisible()
    assert state_of(controller) is TimerState.IDLE


def test_bells_ring_at_changes_and_softly_at_the_warning(
    qtbot: QtBot,
    page: TimerPage,
    clock: FakeClock,
    bells: FakeBells,
) -> None:
    controller = page.controller
    with qtbot.waitSignal(controller.phaseStarted) as started:
        controller.start()
    assert started.args == [0, "Alone"]
    assert bells.played == [Bell.CHIME]
    clock.advance(30)
    with qtbot.waitSignal(controller.warning):
        controller.update()
    assert bells.played[-1] is Bell.WARNING
    clock.advance(30)
    with qtbot.waitSignal(controller.phaseEnded):
        controller.update()
    assert bells.played == [Bell.CHIME, Bell.WARNING, Bell.CHIME]
    controller.update()  # nothing new: no bell
    assert len(bells.played) == 3


def test_without_sound_the_screen_flashes(
    qtbot: QtBot,
    page: TimerPage,
    bells: FakeBells,
) -> None:
    bells.audible = False
    scene = page.context.audience.scene(Scene.TIMER)
    assert isinstance(scene, TimerScene)
    with qtbot.waitSignal(page.controller.flash):
        page.controller.start()
    assert scene.flashing and page.preview.flashing


def test_mute_and_volume_are_remembered(
    qtbot: QtBot,
    page: TimerPage,
    context: AppContext,
    bells: FakeBells,
) -> None:
    press(qtbot, page, Qt.Key.Key_M)
    assert bells.muted
    page.volume_slider.setValue(35)
    assert bells.volume == pytest.approx(0.35)
    saved = Settings.load(context.data_dir)
    assert saved.bell_muted is True
    assert saved.bell_volume == pytest.approx(0.35)


def test_t_switches_slides_and_timer_without_losing_the_slide(
    qtbot: QtBot,
    page: TimerPage,
    context: AppContext,
) -> None:
    audience = context.audience
    slides = audience.scene(Scene.SLIDES)
    assert isinstance(slides, FakeSlides)
    audience.show_scene(Scene.SLIDES)
    press(qtbot, page, Qt.Key.Key_T)
    assert shown_scene(audience) == Scene.TIMER
    press(qtbot, page, Qt.Key.Key_T)
    assert shown_scene(audience) == Scene.SLIDES
    assert audience.scene(Scene.SLIDES) is slides and slides.text() == "Slide 7"
    # The same T from the presenter view (registered with its add_key).
    slides.keys[int(Qt.Key.Key_T.value)]()
    assert shown_scene(audience) == Scene.TIMER
    slides.keys[int(Qt.Key.Key_T.value)]()
    assert shown_scene(audience) == Scene.SLIDES


def test_stage_toggle_returns_to_whatever_was_shown(qtbot: QtBot) -> None:
    audience = AudienceWindow()
    qtbot.addWidget(audience)
    audience.add_scene(Scene.TIMER, QLabel("timer"))
    audience.show_scene(Scene.WHITE)
    assert audience.toggle(Scene.TIMER) == Scene.TIMER
    assert audience.toggle(Scene.TIMER) == "white"


def test_the_projector_scene_shows_the_running_timer(
    qtbot: QtBot,
    page: TimerPage,
    context: AppContext,
    clock: FakeClock,
) -> None:
    scene = context.audience.scene(Scene.TIMER)
    assert isinstance(scene, TimerScene)
    page.controller.start()
    clock.advance(45)
    page.controller.update()
    assert scene.status is not None and scene.status.display == "0:15"
    assert scene.cue_text(scene.status) == "15 seconds left"
    clock.advance(20)
    page.controller.update()
    assert scene.cue_text(scene.status) == "Time's up · +0:05 over"
    scene.resize(1920, 1080)
    assert scene.digit_height() >= 1080 / 4
    scene.grab()  # paints every part without error


def test_the_controller_wakes_at_the_next_second_boundary(
    qtbot: QtBot,
    context: AppContext,
    clock: FakeClock,
) -> None:
    controller = TimerController(clock=clock, bells=FakeBells())
    controller.start()
    assert 990 <= controller.next_wake_ms <= 1000
    clock.advance(0.3)
    controller.update()
    assert 690 <= controller.next_wake_ms <= 700
    controller.pause()
    assert controller.next_wake_ms == -1


def test_shared_timer_is_one_controller_with_its_scene(
    qtbot: QtBot,
    context: AppContext,
) -> None:
    first = shared_timer(context, bells=FakeBells())
    assert shared_timer(context) is first
    assert context.audience.has_scene(Scene.TIMER)


def test_copy_edit_and_save_a_plan_keeping_typed_text_on_errors(
    qtbot: QtBot,
    page: TimerPage,
) -> None:
    page.copy_current()
    assert page.save_button.isEnabled()
    cell(page, 0, 1).setText("0")
    cell(page, 0, 3).setText("What do you bring?")
    page.save_current()
    assert "at least one second" in page.message.text()
    assert cell(page, 0, 3).text() == "What do you bring?"
    cell(page, 0, 1).setText("abc")
    page.save_current()
    assert "not a time" in page.message.text()
    cell(page, 0, 1).setText("0:45")
    page.save_current()
    qtbot.waitUntil(lambda: "Saved" in page.message.text())
    qtbot.waitUntil(
        lambda: any(
            "(yours)" in page.plan_combo.itemText(i) for i in range(page.plan_combo.count())
        )
    )
    plan = page.controller.plan
    assert plan.key and not plan.builtin
    assert plan.phases[0].seconds == 45
    assert plan.phases[0].invitation == "What do you bring?"
    assert page.plans[0].phases[0].seconds == 60  # the built-in is intact


def test_a_corrupt_saved_plan_does_not_stop_the_page(
    qtbot: QtBot,
    context: AppContext,
    bells: FakeBells,
) -> None:
    with context.store.transaction() as session:
        session.add(SavedPlan(kind="timer", name="Broken", body={"phases": 3}))
    widget = TimerPage(context, bells=bells)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: "damaged" in widget.message.text())
    assert widget.plan_combo.count() == 3


def test_people_count_shows_the_groups(qtbot: QtBot, page: TimerPage) -> None:
    page.people_spin.setValue(7)
    text = page.groups_label.text()
    assert "1 trio and 2 pairs" in text
    assert "1 foursome and 1 trio" in text


def test_the_projector_shows_how_the_room_splits(
    qtbot: QtBot,
    page: TimerPage,
    context: AppContext,
) -> None:
    scene = context.audience.scene(Scene.TIMER)
    assert isinstance(scene, TimerScene)
    page.controller.start()
    page.controller.skip()  # Alone -> Pairs
    status = page.controller.status()
    assert "trio" not in scene._titles(status)[1]  # no count given yet: no split shown
    page.people_spin.setValue(7)
    assert "1 trio and 2 pairs" in scene._titles(status)[1]
    assert "1 trio and 2 pairs" in page.preview._titles(status)[1]
    page.controller.skip()  # Pairs -> Foursomes
    assert "1 foursome and 1 trio" in scene._titles(page.controller.status())[1]
    page.controller.skip()  # Foursomes -> All: no split for the whole room
    assert "trio" not in scene._titles(page.controller.status())[1]


def test_the_bilingual_scene_puts_welsh_first_and_english_beneath_and_is_remembered(
    qtbot: QtBot,
    page: TimerPage,
    context: AppContext,
    tmp_path: Path,
) -> None:
    scene = context.audience.scene(Scene.TIMER)
    assert isinstance(scene, TimerScene)
    page.controller.start()
    page.controller.skip()  # Alone -> Pairs
    status = page.controller.status()
    assert scene._titles(status)[1] == "In pairs: share and build on your ideas"
    page.bilingual_check.setChecked(True)
    assert scene.bilingual and page.preview.bilingual
    welsh, _newline, english = scene._titles(status)[1].partition("\n")
    assert welsh == "Mewn parau: rhannwch eich syniadau ac adeiladu arnyn nhw"
    assert english == "In pairs: share and build on your ideas"
    assert scene._titles(status)[0] == "Parau / Pairs"
    question = scene._titles(status)[3].split("\n")
    assert question[1] == "What can you offer to help deliver great healthcare?"
    assert question[0] != question[1] and "gynnig" in question[0]
    page.controller.toggle_pause()
    assert scene._both(lambda: scene.cue_text(page.controller.status())) == (
        "Wedi'i oedi",
        "Paused",
    )
    # The English app is still English everywhere else.
    assert page.start_button.text().startswith("Resume") or "Space" in page.start_button.text()
    assert Settings.load(context.data_dir).timer_bilingual is True
    scene.resize(1280, 720)
    scene.grab().save(str(tmp_path / "bilingual-timer.png"))
    assert (tmp_path / "bilingual-timer.png").stat().st_size > 0


def test_parse_duration() -> None:
    assert parse_duration("2") == 120
    assert parse_duration("1:30") == 90
    assert parse_duration("1:00:00") == 3600
    with pytest.raises(ValueError):
        parse_duration("")
    with pytest.raises(ValueError):
        parse_duration("1::2")


def test_changing_plans_while_the_timer_runs_is_refused_with_a_reason(
    qtbot: QtBot,
    page: TimerPage,
) -> None:
    page.controller.start()
    page._plan_chosen(2)
    assert page.controller.plan.key == "classic"
    assert page.controller.state is TimerState.RUNNING
    assert "Reset it (X) first" in page.message.text()
    page.copy_current()
    assert page.controller.plan.key == "classic"
    press(qtbot, page, Qt.Key.Key_X)
    page._plan_chosen(2)
    assert page.controller.plan.key == "hexithon"


def test_the_controller_wakes_at_the_scaled_clocks_pace(
    qtbot: QtBot,
    context: AppContext,
    clock: FakeClock,
) -> None:
    """With the app's clock sped up (HEXIKIT_CLOCK_SPEED=60), a displayed second passes in
    1/60 of a real second: the controller wakes that often, not once a real second."""
    scaled = ScaledClock(60.0, base=clock)
    controller = TimerController(clock=scaled, bells=FakeBells())
    controller.start()
    assert 0 <= controller.next_wake_ms <= 17
    # Sped up again on top (a rehearsal's own speed): the scales multiply.
    doubled = TimerController(clock=scaled, speed=2.0, bells=FakeBells())
    doubled.start()
    assert 0 <= doubled.next_wake_ms <= 9


def _session_segment() -> Segment:
    return Segment(
        SegmentKind.OFFERS, "1-2-4-All on offers", 10 * 60, Screen.TIMER, "What can you offer?"
    )


def test_auto_advance_checkbox_follows_the_engine_both_ways(qtbot: QtBot, page: TimerPage) -> None:
    controller = page.controller
    switched: list[bool] = []
    controller.autoAdvanceChanged.connect(switched.append)
    assert not page.auto_check.isChecked()
    # The session's run sheet turns auto-advance on in the engine: the checkbox follows.
    controller.set_auto_advance(True)
    assert page.auto_check.isChecked()
    assert switched == [True]  # once: ticking the box did not echo back
    # Unticking the box switches the engine off, once.
    page.auto_check.setChecked(False)
    assert controller.auto_advance is False
    assert switched == [True, False]
    press(qtbot, page, Qt.Key.Key_A)
    assert page.auto_check.isChecked()
    assert controller.engine.auto_advance


def test_plan_combo_shows_the_sessions_plan(qtbot: QtBot, page: TimerPage) -> None:
    controller = page.controller
    presets = page.plan_combo.count()
    plan = timer_plan_for(_session_segment())
    controller.load_plan(plan)
    assert page.plan_combo.currentText() == "1-2-4-All on offers · 10:00"
    assert page.plan_combo.count() == presets + 1
    assert page.plans[page.plan_combo.currentIndex()] == plan
    # The next session segment's version replaces it rather than piling up.
    shorter = timer_plan_for(
        Segment(SegmentKind.OFFERS, "1-2-4-All on offers", 8 * 60, Screen.TIMER, "Offers?")
    )
    controller.load_plan(shorter)
    assert page.plan_combo.count() == presets + 1
    assert page.plan_combo.currentText() == "1-2-4-All on offers · 8:00"
    # Re-listing the saved plans keeps the session's plan loaded and shown.
    page._show_plans(PlanListing(builtin_plans()))
    assert page.plan_combo.currentText() == "1-2-4-All on offers · 8:00"
    assert controller.plan == shorter
    # Choosing a preset loads and shows it.
    page.plan_combo.setCurrentIndex(0)
    page.plan_combo.activated.emit(0)
    assert controller.plan == page.plans[0]
    assert page.plan_combo.currentIndex() == 0


def test_start_button_offers_resume_only_after_a_pause(
    qtbot: QtBot, page: TimerPage, clock: FakeClock
) -> None:
    assert page.start_button.text() == "Start (Space)"
    # The session loading its plan (and switching auto-advance on) does not start anything.
    page.controller.load_plan(timer_plan_for(_session_segment()))
    page.controller.set_auto_advance(True)
    assert page.start_button.text() == "Start (Space)"
    page.controller.start()
    assert page.start_button.text() == "Pause (Space)"
    clock.advance(5)
    page.controller.pause()
    assert page.start_button.text() == "Resume (Space)"
    page.controller.reset()
    assert page.start_button.text() == "Start (Space)"
