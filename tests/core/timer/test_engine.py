"""The timer engine against a fake clock: every operation and the awkward moments."""

from __future__ import annotations

import pytest

from hexikit.base.clock import FakeClock
from hexikit.base.durations import format_duration
from hexikit.timer.engine import (
    EventKind,
    GroupSize,
    Phase,
    Plan,
    ScaledClock,
    TimerEngine,
    TimerEvent,
    TimerState,
    displayed_second,
)

START = 1000.0
PLAN = Plan(
    "Test",
    (
        Phase("Alone", 60, "Q?", GroupSize.ONE),
        Phase("Pairs", 120, "Q?", GroupSize.TWO),
        Phase("All", 90, "Share", GroupSize.ALL),
    ),
)


def kinds(events: list[TimerEvent]) -> list[tuple[str, str, float]]:
    return [(str(e.kind), e.phase_name, e.at - START) for e in events]


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


def state_of(engine: TimerEngine) -> TimerState:
    """The engine's state, read afresh: mypy keeps `engine.state` narrowed by an earlier
    check even across the calls that change it."""
    return engine.state


def make(clock: FakeClock, auto: bool = False, warning: float = 30) -> TimerEngine:
    return TimerEngine(PLAN, clock, warning_seconds=warning, auto_advance=auto)


def test_idle_shows_the_first_phase_in_full(clock: FakeClock) -> None:
    engine = make(clock)
    status = engine.status()
    assert status.state is TimerState.IDLE
    assert status.display == "1:00"
    assert engine.next_due() is None
    assert engine.update() == []


def test_start_counts_down_from_the_clock_not_from_ticks(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    assert kinds(engine.update()) == [("phase_start", "Alone", 0)]
    clock.advance(0.4)
    assert engine.status().display == "1:00"
    clock.advance(0.6)
    assert engine.status().display == "0:59"
    # One big jump (a busy app that woke late) lands on the exact figure.
    clock.advance(17.25)
    assert engine.remaining() == pytest.approx(41.75)
    assert engine.status().display == "0:42"


def test_warning_then_end_with_exact_scheduled_times_even_when_polled_late(
    clock: FakeClock,
) -> None:
    engine = make(clock)
    engine.start()
    engine.update()
    clock.advance(75)  # polled 15 s after the end
    assert kinds(engine.update()) == [("warning", "Alone", 30), ("phase_end", "Alone", 60)]
    status = engine.status()
    assert status.overtime
    assert status.display == "+0:15"
    assert engine.update() == []


def test_auto_advance_chains_phases_at_their_scheduled_ends(clock: FakeClock) -> None:
    engine = make(clock, auto=True)
    engine.start()
    clock.advance(1000)
    assert kinds(engine.update()) == [
        ("phase_start", "Alone", 0),
        ("warning", "Alone", 30),
        ("phase_end", "Alone", 60),
        ("phase_start", "Pairs", 60),
        ("warning", "Pairs", 150),
        ("phase_end", "Pairs", 180),
        ("phase_start", "All", 180),
        ("warning", "All", 240),
        ("phase_end", "All", 270),
        ("done", "All", 270),
    ]
    assert engine.state is TimerState.DONE
    assert engine.status().display == "0:00"
    assert engine.next_due() is None


def test_next_due_is_the_next_second_boundary_or_event(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    clock.advance(0.3)
    assert engine.next_due() == pytest.approx(START + 1)
    clock.advance(29.9)  # 30.2 s gone: 29.8 left shows 0:30 until 31 s
    engine.update()  # the warning (due at 30 s) is handed out
    assert engine.next_due() == pytest.approx(START + 31)
    clock.advance(30)  # 60.2: overtime +0:00 until 61
    engine.update()
    assert engine.next_due() == pytest.approx(START + 61)


def test_pause_and_resume_keep_the_remaining_time(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    clock.advance(10)
    assert engine.pause()
    clock.advance(500)
    assert engine.remaining() == pytest.approx(50)
    assert engine.next_due() is None
    assert engine.update()[-1].kind is EventKind.PHASE_START  # only the start, nothing more
    assert engine.resume()
    clock.advance(20)
    assert engine.remaining() == pytest.approx(30)
    assert kinds(engine.update()) == [("warning", "Alone", 530)]


def test_pause_during_the_warning_does_not_repeat_it(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    clock.advance(40)
    assert kinds(engine.update())[-1] == ("warning", "Alone", 30)
    engine.pause()
    assert engine.status().in_warning
    clock.advance(100)
    engine.resume()
    clock.advance(19)
    assert engine.update() == []
    clock.advance(1)
    assert kinds(engine.update()) == [("phase_end", "Alone", 160)]


def test_toggle_pause_starts_pauses_and_resumes(clock: FakeClock) -> None:
    engine = make(clock)
    assert engine.toggle_pause() and state_of(engine) is TimerState.RUNNING
    assert engine.toggle_pause() and state_of(engine) is TimerState.PAUSED
    assert engine.toggle_pause() and state_of(engine) is TimerState.RUNNING


def test_plus_one_minute_adds_time_and_moves_the_warning(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    clock.advance(20)
    assert engine.add_minute()
    assert engine.remaining() == pytest.approx(100)
    assert engine.status().phase_total == pytest.approx(120)
    clock.advance(70)
    assert kinds(engine.update())[-1] == ("warning", "Alone", 90)


def test_plus_one_minute_in_overtime_counts_down_again_and_rings_again(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    clock.advance(80)
    engine.update()
    assert engine.status().display == "+0:20"
    engine.add_minute()
    assert engine.remaining() == pytest.approx(40)
    assert not engine.status().overtime
    clock.advance(40)
    # The new end is at 120 s: the warning (90 s) and the end ring again.
    assert kinds(engine.update()) == [("warning", "Alone", 90), ("phase_end", "Alone", 120)]


def test_plus_one_minute_late_in_overtime_gives_no_second_warning(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    clock.advance(100)
    engine.update()
    engine.add_minute()  # 20 s left: already inside the warning time
    assert engine.status().in_warning
    clock.advance(20)
    assert kinds(engine.update()) == [("phase_end", "Alone", 120)]


def test_minus_one_minute_below_zero_ends_the_phase_now(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    clock.advance(20)  # 40 s left
    engine.update()
    assert engine.remove_minute()
    assert kinds(engine.update()) == [("phase_end", "Alone", 20)]
    assert engine.status().display == "0:00"
    assert engine.status().at_zero
    # Already over: another minus does nothing.
    assert not engine.remove_minute()


def test_minus_one_minute_into_the_warning_gives_the_warning_now(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    engine.update()
    clock.advance(5)
    plan = Plan("Long", (Phase("Pairs", 120, "", GroupSize.TWO),))
    engine.load(plan)
    engine.start()
    engine.update()
    clock.advance(50)  # 70 left
    engine.remove_minute()  # 10 left: inside the warning
    assert kinds(engine.update()) == [("warning", "Pairs", 55)]
    clock.advance(10)
    assert kinds(engine.update()) == [("phase_end", "Pairs", 65)]


def test_skip_moves_on_now_and_at_zero_marks_the_end_once(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    engine.update()
    clock.advance(10)
    engine.skip()
    assert kinds(engine.update()) == [("phase_end", "Alone", 10), ("phase_start", "Pairs", 10)]
    clock.advance(120)  # exactly zero, not yet polled
    engine.skip()
    assert kinds(engine.update()) == [
        ("warning", "Pairs", 100),
        ("phase_end", "Pairs", 130),
        ("phase_start", "All", 130),
    ]
    engine.skip()
    assert kinds(engine.update()) == [("phase_end", "All", 130), ("done", "All", 130)]
    assert engine.state is TimerState.DONE
    assert not engine.skip()


def test_skip_while_paused_stays_paused_on_the_next_phase(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    engine.pause()
    engine.skip()
    assert engine.state is TimerState.PAUSED
    assert engine.phase.name == "Pairs"
    clock.advance(30)
    assert engine.remaining() == pytest.approx(120)


def test_back_restarts_the_previous_phase(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    engine.skip()
    clock.advance(30)
    engine.update()
    assert engine.back()
    assert engine.phase.name == "Alone"
    assert engine.remaining() == pytest.approx(60)
    assert kinds(engine.update()) == [("phase_start", "Alone", 30)]
    engine.back()  # first phase: restarts itself
    assert engine.phase.name == "Alone"


def test_repeat_after_the_last_phase_runs_the_cycle_again(clock: FakeClock) -> None:
    engine = make(clock, auto=True)
    engine.start()
    clock.advance(300)
    engine.update()
    assert engine.state is TimerState.DONE
    assert engine.repeat()
    assert state_of(engine) is TimerState.RUNNING
    assert engine.phase.name == "Alone"
    assert kinds(engine.update()) == [("phase_start", "Alone", 300)]


def test_repeat_restarts_only_the_current_cycle(clock: FakeClock) -> None:
    plan = Plan(
        "Two",
        (
            Phase("Alone", 60, cycle=1),
            Phase("Pairs", 60, cycle=1),
            Phase("Break", 60, cycle=2),
            Phase("Alone", 60, cycle=3),
            Phase("Pairs", 60, cycle=3),
        ),
    )
    engine = TimerEngine(plan, clock)
    engine.start()
    for _ in range(4):
        engine.skip()
    assert engine.index == 4
    engine.repeat()
    assert engine.index == 3


def test_reset_while_paused_goes_back_to_the_start(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    engine.skip()
    clock.advance(50)
    engine.pause()
    assert engine.reset()
    assert engine.state is TimerState.IDLE
    assert engine.index == 0
    assert engine.update() == []
    assert engine.status().display == "1:00"
    clock.advance(100)
    assert engine.remaining() == pytest.approx(60)


def test_operations_that_make_no_sense_do_nothing(clock: FakeClock) -> None:
    engine = make(clock)
    assert not engine.pause()
    assert not engine.resume()
    assert not engine.add_minute()
    assert not engine.remove_minute()
    assert not engine.skip()
    assert not engine.back()
    assert not engine.repeat()
    engine.start()
    assert not engine.start()


def test_short_phase_has_no_warning(clock: FakeClock) -> None:
    plan = Plan("Short", (Phase("Quick", 20),))
    engine = TimerEngine(plan, clock, auto_advance=True)
    engine.start()
    clock.advance(20)
    assert [str(e.kind) for e in engine.update()] == ["phase_start", "phase_end", "done"]


def test_zero_warning_means_no_warning(clock: FakeClock) -> None:
    engine = make(clock, warning=0)
    engine.start()
    clock.advance(60)
    assert [str(e.kind) for e in engine.update()] == ["phase_start", "phase_end"]


def test_a_plan_without_phases_is_refused(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="no phases"):
        TimerEngine(Plan("Empty", ()), clock)


def test_status_flags_and_progress(clock: FakeClock) -> None:
    engine = make(clock)
    engine.start()
    clock.advance(15)
    status = engine.status()
    assert status.progress == pytest.approx(0.25)
    assert not status.in_warning and not status.overtime
    assert status.next_phase is not None and status.next_phase.name == "Pairs"
    clock.advance(30)
    assert engine.status().in_warning
    clock.advance(15)
    assert engine.status().at_zero
    assert engine.status().progress == 1.0
    clock.advance(42)
    assert engine.status().display == "+0:42"


def test_display_formats() -> None:
    assert format_duration(0) == "0:00"
    assert format_duration(65) == "1:05"
    assert format_duration(10 * 3600) == "10:00:00"
    assert displayed_second(59.001) == 60
    assert displayed_second(0.2) == 1
    assert displayed_second(0) == 0
    assert displayed_second(-0.9) == 0
    assert displayed_second(-1) == 1


def test_scaled_clock_runs_faster_and_maps_back(clock: FakeClock) -> None:
    fast = ScaledClock(clock, 60)
    start = fast.monotonic()
    clock.advance(1)
    assert fast.monotonic() - start == pytest.approx(60)
    assert fast.to_base(start + 120) == pytest.approx(clock.monotonic() + 1)
    with pytest.raises(ValueError):
        ScaledClock(clock, 0)
