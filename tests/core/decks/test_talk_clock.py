"""The talk clock and pace, on a FakeClock: time moves only when a test says so."""

from __future__ import annotations

import pytest

from hexikit.base.clock import FakeClock
from hexikit.decks.deck import Deck, Slide
from hexikit.decks.talk_clock import (
    PACE_TOLERANCE,
    PaceStanding,
    TalkClock,
    pace_standing,
    planned_start,
)


def _deck(targets: list[float | None], target_minutes: float | None = None) -> Deck:
    slides = [
        Slide(number, f"Slide {number}", "", "", target_seconds=target)
        for number, target in enumerate(targets, start=1)
    ]
    return Deck("Talk", target_minutes=target_minutes, slides=slides)


def is_running(talk: TalkClock) -> bool:
    """`talk.running`, read afresh: mypy keeps a property narrowed by an earlier assert even
    across the calls that change it."""
    return talk.running


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(1000.0)


@pytest.fixture
def talk(clock: FakeClock) -> TalkClock:
    return TalkClock(clock)


def test_a_new_clock_reads_zero_and_stands_still(talk: TalkClock, clock: FakeClock) -> None:
    assert not talk.running
    clock.advance(30)
    assert talk.elapsed() == 0


def test_elapsed_leaves_pauses_out(talk: TalkClock, clock: FakeClock) -> None:
    assert talk.resume()
    assert not talk.resume()  # already running: nothing changed
    clock.advance(65)
    assert talk.elapsed() == 65
    assert talk.pause()
    assert not talk.pause()  # already paused
    clock.advance(100)
    assert talk.elapsed() == 65
    assert talk.resume()
    clock.advance(300)
    assert talk.elapsed() == 365


def test_elapsed_is_read_off_the_clock_not_summed_from_ticks(
    talk: TalkClock, clock: FakeClock
) -> None:
    talk.resume()
    # However often (or seldom) a screen reads it, the reading is now minus the start.
    for _ in range(1000):
        clock.advance(0.1)
        talk.elapsed()
    assert talk.elapsed() == pytest.approx(100.0, abs=1e-9)
    assert talk.elapsed() == clock.monotonic() - 1000.0


def test_toggle_pauses_and_resumes(talk: TalkClock, clock: FakeClock) -> None:
    talk.toggle()
    assert talk.running
    clock.advance(10)
    talk.toggle()
    assert not is_running(talk)
    clock.advance(10)
    assert talk.elapsed() == 10


def test_reset_keeps_a_running_clock_running(talk: TalkClock, clock: FakeClock) -> None:
    talk.resume()
    clock.advance(40)
    talk.reset()
    assert talk.running
    assert talk.elapsed() == 0
    clock.advance(5)
    assert talk.elapsed() == 5


def test_reset_keeps_a_paused_clock_paused(talk: TalkClock, clock: FakeClock) -> None:
    talk.resume()
    clock.advance(40)
    talk.pause()
    talk.reset()
    assert not talk.running
    clock.advance(5)
    assert talk.elapsed() == 0


def test_clear_stops_at_zero(talk: TalkClock, clock: FakeClock) -> None:
    talk.resume()
    clock.advance(40)
    talk.clear()
    assert not talk.running
    assert talk.elapsed() == 0
    assert talk.resume()
    clock.advance(3)
    assert talk.elapsed() == 3


def test_remaining_counts_down_to_the_deck_target(talk: TalkClock, clock: FakeClock) -> None:
    deck = _deck([None, None], target_minutes=4)
    assert talk.remaining(None) is None
    assert talk.remaining(_deck([None])) is None  # no target, nothing to count down
    talk.resume()
    clock.advance(65)
    assert talk.remaining(deck) == 175
    clock.advance(300)
    assert talk.remaining(deck) == -125  # past the target: negative


def test_planned_start_uses_slide_targets_and_shares_the_rest() -> None:
    # Five minutes; slide 2 asks for 100 s, the other three share the remaining 200 s.
    deck = _deck([None, 100, None, None], target_minutes=5)
    assert planned_start(deck, 1) == 0
    assert planned_start(deck, 2) == pytest.approx(200 / 3)
    assert planned_start(deck, 3) == pytest.approx(200 / 3 + 100)
    assert planned_start(deck, 5) == pytest.approx(300)  # after the last slide: the whole plan


def test_planned_start_with_every_slide_timed_needs_no_deck_target() -> None:
    deck = _deck([25, 30, 35])
    assert planned_start(deck, 3) == 55
    assert planned_start(deck, 0) == 0


def test_no_plan_without_targets_or_slides() -> None:
    assert planned_start(None, 1) is None
    assert planned_start(_deck([], target_minutes=5), 1) is None
    assert planned_start(_deck([30, None]), 2) is None  # an untimed slide and no deck target


def test_slide_targets_over_the_deck_target_leave_nothing_to_share() -> None:
    deck = _deck([200, 200, None], target_minutes=5)
    assert planned_start(deck, 4) == 400


def test_pace_is_elapsed_minus_the_planned_start(talk: TalkClock, clock: FakeClock) -> None:
    deck = _deck([25, 30, 35, 40, 45, 50, 55, 20])
    assert talk.pace(deck, 1, presenting=False) is None  # not begun: neither behind nor ahead
    talk.resume()
    assert talk.pace(deck, 1, presenting=True) == 0
    clock.advance(100)
    assert talk.pace(deck, 1, presenting=True) == 100
    assert talk.pace(deck, 7, presenting=True) == 100 - 225  # slide 7 is planned at 225 s
    talk.pause()
    # Ended, but the clock shows a talk that ran: the pace still says how it went.
    assert talk.pace(deck, 7, presenting=False) == -125
    assert talk.pace(_deck([None]), 1, presenting=True) is None


def test_pace_standing_allows_the_tolerance_either_way() -> None:
    assert PACE_TOLERANCE == 60
    assert pace_standing(0) is PaceStanding.ON_PLAN
    assert pace_standing(60) is PaceStanding.ON_PLAN
    assert pace_standing(-60) is PaceStanding.ON_PLAN
    assert pace_standing(60.5) is PaceStanding.BEHIND
    assert pace_standing(-60.5) is PaceStanding.AHEAD
    assert pace_standing(10, tolerance=5) is PaceStanding.BEHIND
