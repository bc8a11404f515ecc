"""The talk clock: how long a talk has run, how long is left and whether it keeps to its plan.

The presenter view (`hexikit.ui.present`) shows these; this module holds the arithmetic so it
can be tested without Qt. Elapsed time is always one difference on the injected monotonic
clock (`now - zero point`), never a sum of ticks, so however late a screen repaints, the
clock reads right. Pausing holds the reading; resuming moves the zero point by the pause.
"""

from __future__ import annotations

from enum import StrEnum

from hexikit.base.clock import Clock
from hexikit.decks.deck import Deck

#: Seconds off the even (or per-slide) plan before the pace is called behind or ahead.
PACE_TOLERANCE = 60.0


class PaceStanding(StrEnum):
    """Where a talk stands against its plan, once the tolerance is applied."""

    BEHIND = "behind"
    AHEAD = "ahead"
    ON_PLAN = "on plan"


def pace_standing(pace: float, tolerance: float = PACE_TOLERANCE) -> PaceStanding:
    """Like pdfpc: behind or ahead only when more than `tolerance` seconds off the plan."""
    if pace > tolerance:
        return PaceStanding.BEHIND
    if pace < -tolerance:
        return PaceStanding.AHEAD
    return PaceStanding.ON_PLAN


def planned_start(deck: Deck | None, number: int) -> float | None:
    """When slide `number` should start, in seconds into the talk: the slides' own targets
    where given, the rest of the deck's target shared evenly. None: no plan."""
    if deck is None or not deck.slides:
        return None
    known = [s.target_seconds for s in deck.slides if s.target_seconds is not None]
    unknown = len(deck.slides) - len(known)
    if unknown and deck.target_seconds is None:
        return None
    share = 0.0
    if unknown and deck.target_seconds is not None:
        share = max(0.0, deck.target_seconds - sum(known)) / unknown
    return sum(
        s.target_seconds if s.target_seconds is not None else share
        for s in deck.slides[: max(0, number - 1)]
    )


class TalkClock:
    """A stopwatch for one talk on an injected clock: start, pause, resume, reset.

    Methods that change the clock return whether they changed anything, so a caller that
    announces changes (the presenter's Qt signal) announces only real ones.
    """

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        # While running: the monotonic instant at which the talk was at 0:00 (moved on by
        # every pause). While stopped: None, and `_held` is the reading.
        self._zero_at: float | None = None
        self._held = 0.0

    @property
    def running(self) -> bool:
        return self._zero_at is not None

    def elapsed(self) -> float:
        """Seconds the talk has run, pauses left out."""
        if self._zero_at is None:
            return self._held
        return self.clock.monotonic() - self._zero_at

    def remaining(self, deck: Deck | None) -> float | None:
        """Seconds left to the deck's target (negative past it), or None without a target."""
        target = deck.target_seconds if deck is not None else None
        return None if target is None else target - self.elapsed()

    def pace(self, deck: Deck | None, number: int, *, presenting: bool) -> float | None:
        """Seconds behind (positive) or ahead (negative) of the plan on slide `number`.

        None without a plan, and before a talk begins (not presenting, clock at zero): a
        talk that has not started is neither behind nor ahead.
        """
        planned = planned_start(deck, number)
        if planned is None or (not presenting and self.elapsed() == 0):
            return None
        return self.elapsed() - planned

    def clear(self) -> None:
        """Back to 0:00, stopped (a new talk about to start)."""
        self._zero_at = None
        self._held = 0.0

    def pause(self) -> bool:
        """Hold the reading. False if the clock was not running."""
        if self._zero_at is None:
            return False
        self._held = self.clock.monotonic() - self._zero_at
        self._zero_at = None
        return True

    def resume(self) -> bool:
        """Run on from the held reading. False if the clock was already running."""
        if self._zero_at is not None:
            return False
        self._zero_at = self.clock.monotonic() - self._held
        return True

    def toggle(self) -> None:
        """Pause a running clock, resume a paused one."""
        if self.running:
            self.pause()
        else:
            self.resume()

    def reset(self) -> None:
        """Back to 0:00, running on if it was running."""
        self._held = 0.0
        if self._zero_at is not None:
            self._zero_at = self.clock.monotonic()


__all__ = [
    "PACE_TOLERANCE",
    "PaceStanding",
    "TalkClock",
    "pace_standing",
    "planned_start",
]
