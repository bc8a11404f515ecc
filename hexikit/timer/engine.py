"""The 1-2-4-All timer engine: no Qt, time injected.

A *plan* is a list of phases (name, duration, the invitation shown, the group size). The engine
never adds up ticks: the end of the current phase is a point on the monotonic clock (the phase's
start plus its duration, plus any minutes added and the time spent paused), and the remaining
time is always that point minus `clock.monotonic()`. However late a UI or a terminal loop wakes,
the figures stay exact, and `update()` reports every event that fell due since the last call
with the time it was *scheduled* for, so nothing is lost or shifted.

Drive it with a loop (terminal) or a precise timer (Qt):

    engine.start()
    while engine.state is not TimerState.DONE:
        for event in engine.update():
            ...
        sleep_until(engine.next_due())
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from hexikit.base.clock import Clock
from hexikit.base.durations import format_duration
from hexikit.base.i18n import _

#: Default warning before each phase ends (Settings.timer_warning_seconds overrides it).
DEFAULT_WARNING_SECONDS = 30
#: What +1 min / −1 min add or take away.
MINUTE = 60.0
# Floating-point slack when deciding which second is displayed (1e-9 s is far below anything
# visible, and keeps 60.0 − 1e-12 from showing as "1:01").
_EPSILON = 1e-6


class GroupSize(StrEnum):
    """How the room works during a phase."""

    ONE = "1"
    TWO = "2"
    FOUR = "4"
    ALL = "all"


class TimerState(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    DONE = "done"


class EventKind(StrEnum):
    PHASE_START = "phase_start"
    WARNING = "warning"
    PHASE_END = "phase_end"
    DONE = "done"


@dataclass(frozen=True)
class Phase:
    """One step of a plan. `cycle` groups phases that "repeat the cycle" restarts together."""

    name: str
    seconds: float
    invitation: str = ""
    group: GroupSize = GroupSize.ALL
    cycle: int = 0


@dataclass(frozen=True)
class Plan:
    """A named list of phases. `key` is a built-in plan's short name or a saved plan's id."""

    name: str
    phases: tuple[Phase, ...]
    key: str = ""
    builtin: bool = False
    description: str = ""

    @property
    def total_seconds(self) -> float:
        return sum(phase.seconds for phase in self.phases)


@dataclass(frozen=True)
class TimerEvent:
    """Something that happened at monotonic time `at` (when it was due, not when seen)."""

    kind: EventKind
    phase_index: int
    phase_name: str
    at: float


@dataclass(frozen=True)
class TimerStatus:
    """A snapshot for display: everything a screen or a terminal line needs."""

    state: TimerState
    phase_index: int
    phase: Phase | None
    next_phase: Phase | None
    remaining: float  # seconds; negative in overtime
    phase_total: float  # the phase's length including minutes added or taken away
    warning_seconds: float
    auto_advance: bool
    phase_count: int

    @property
    def shown_seconds(self) -> int:
        """The whole second on display: counts down 60…1, 0 at the end, then up in overtime."""
        return displayed_second(self.remaining)

    @property
    def overtime(self) -> bool:
        return self.remaining <= 0 and self.state in (TimerState.RUNNING, TimerState.PAUSED)

    @property
    def at_zero(self) -> bool:
        return self.overtime and self.shown_seconds == 0

    @property
    def in_warning(self) -> bool:
        return (
            self.state in (TimerState.RUNNING, TimerState.PAUSED)
            and 0 < self.remaining <= self.warning_seconds
            and self.phase_total > self.warning_seconds
        )

    @property
    def display(self) -> str:
        """ "1:00", "0:07", "+0:42" (overtime), "1:05:00" (long phases)."""
        if self.state is TimerState.DONE:
            return format_duration(0)
        shown = self.shown_seconds
        if self.remaining <= 0 and shown > 0:
            return "+" + format_duration(shown)
        return format_duration(shown)

    @property
    def progress(self) -> float:
        """How much of the phase has gone, 0.0 … 1.0."""
        if self.state is TimerState.DONE:
            return 1.0
        if self.phase_total <= 0:
            return 0.0
        return min(1.0, max(0.0, 1.0 - self.remaining / self.phase_total))


def displayed_second(remaining: float) -> int:
    """The whole second shown for `remaining` seconds (negative = overtime)."""
    if remaining > _EPSILON:
        return math.ceil(remaining - _EPSILON)
    return math.floor(-remaining + _EPSILON)


def group_label(group: GroupSize) -> str:
    """Alone / Pairs / Foursomes / All."""
    return {
        GroupSize.ONE: _("Alone"),
        GroupSize.TWO: _("Pairs"),
        GroupSize.FOUR: _("Foursomes"),
        GroupSize.ALL: _("All"),
    }[group]


class ScaledClock:
    """A clock that runs `speed` times faster than `base` (for rehearsals: 60 = a minute a
    second). Still monotonic and still computed from the base clock, never accumulated."""

    def __init__(self, base: Clock, speed: float) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.base = base
        self.speed = speed
        self._origin = base.monotonic()

    def monotonic(self) -> float:
        return self._origin + (self.base.monotonic() - self._origin) * self.speed

    def now(self) -> datetime:
        return self.base.now()

    def to_base(self, scaled: float) -> float:
        """The base-clock time at which this clock reads `scaled`."""
        return self._origin + (scaled - self._origin) / self.speed


@dataclass
class _PhaseClock:
    """Where the current phase stands on the monotonic clock."""

    started_at: float = 0.0
    deadline: float = 0.0
    total: float = 0.0
    warn_at: float | None = None  # None: no warning (short phase, or already given)
    ended: bool = False
    paused_at: float | None = None


@dataclass
class TimerEngine:
    """Runs a plan against an injected clock. Operations return True when they changed
    something; events are collected and handed out by `update()`."""

    plan: Plan
    clock: Clock
    warning_seconds: float = DEFAULT_WARNING_SECONDS
    auto_advance: bool = False
    state: TimerState = TimerState.IDLE
    index: int = 0
    _phase: _PhaseClock = field(default_factory=_PhaseClock)
    _pending: list[TimerEvent] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.plan.phases:
            raise ValueError(_("This plan has no phases: add at least one phase."))
        self._reset_phase_clock(self.clock.monotonic())

    # ------------------------------------------------------------------ reading

    @property
    def phase(self) -> Phase:
        return self.plan.phases[self.index]

    def remaining(self) -> float:
        """Seconds left in the current phase; negative in overtime."""
        if self.state is TimerState.DONE:
            return 0.0
        if self.state is TimerState.IDLE:
            return self._phase.total
        if self._phase.paused_at is not None:
            return self._phase.deadline - self._phase.paused_at
        return self._phase.deadline - self.clock.monotonic()

    def status(self) -> TimerStatus:
        following = self.index + 1
        next_phase = (
            self.plan.phases[following]
            if following < len(self.plan.phases) and self.state is not TimerState.DONE
            else None
        )
        return TimerStatus(
            state=self.state,
            phase_index=self.index,
            phase=None if self.state is TimerState.DONE else self.phase,
            next_phase=next_phase,
            remaining=self.remaining(),
            phase_total=self._phase.total,
            warning_seconds=self.warning_seconds,
            auto_advance=self.auto_advance,
            phase_count=len(self.plan.phases),
        )

    def update(self) -> list[TimerEvent]:
        """Every event that fell due since the last call, in order, with its scheduled time."""
        self._catch_up(self.clock.monotonic())
        events, self._pending = self._pending, []
        return events

    def next_due(self) -> float | None:
        """When something next changes (an event, or the second on display); None when the
        timer is not running."""
        if self.state is not TimerState.RUNNING:
            return None
        now = self.clock.monotonic()
        candidates = [self._next_second_boundary(now)]
        if self._phase.warn_at is not None:
            candidates.append(self._phase.warn_at)
        if not self._phase.ended:
            candidates.append(self._phase.deadline)
        return min(candidates)

    def _next_second_boundary(self, now: float) -> float:
        remaining = self._phase.deadline - now
        shown = displayed_second(remaining)
        if remaining > _EPSILON:
            return self._phase.deadline - (shown - 1)
        return self._phase.deadline + shown + 1

    # ------------------------------------------------------------------ operations

    def start(self) -> bool:
        """Start from the first phase (or from the top again after the plan is done)."""
        if self.state is TimerState.PAUSED:
            return self.resume()
        if self.state is TimerState.RUNNING:
            return False
        now = self.clock.monotonic()
        self.state = TimerState.RUNNING
        self._enter(0, now)
        return True

    def pause(self) -> bool:
        if self.state is not TimerState.RUNNING:
            return False
        now = self.clock.monotonic()
        if self._catch_up(now) is not TimerState.RUNNING:  # it finished just before the pause
            return False
        self._phase.paused_at = now
        self.state = TimerState.PAUSED
        return True

    def resume(self) -> bool:
        if self.state is not TimerState.PAUSED or self._phase.paused_at is None:
            return False
        now = self.clock.monotonic()
        gap = now - self._phase.paused_at
        # The paused time is added to the phase's end (and warning), so no second is lost.
        self._phase.started_at += gap
        self._phase.deadline += gap
        if self._phase.warn_at is not None:
            self._phase.warn_at += gap
        self._phase.paused_at = None
        self.state = TimerState.RUNNING
        return True

    def toggle_pause(self) -> bool:
        if self.state is TimerState.RUNNING:
            return self.pause()
        if self.state is TimerState.PAUSED:
            return self.resume()
        return self.start()

    def add_minute(self) -> bool:
        """One more minute for the current phase; in overtime, the clock counts down again and
        the end (and the warning, if there is room for it) will be marked again."""
        if self.state not in (TimerState.RUNNING, TimerState.PAUSED):
            return False
        now = self._now_for_phase()
        if self._catch_up_if_running() not in (TimerState.RUNNING, TimerState.PAUSED):
            return False
        self._phase.deadline += MINUTE
        self._phase.total += MINUTE
        if self._phase.deadline > now:
            self._phase.ended = False
        warn_at = self._phase.deadline - self.warning_seconds
        if warn_at > now and self._phase.total > self.warning_seconds:
            self._phase.warn_at = warn_at
        return True

    def remove_minute(self) -> bool:
        """One minute less; never below zero (the phase then ends now). In overtime it does
        nothing: the phase is already over."""
        if self.state not in (TimerState.RUNNING, TimerState.PAUSED):
            return False
        now = self._now_for_phase()
        state_now = self._catch_up_if_running()
        if state_now not in (TimerState.RUNNING, TimerState.PAUSED) or self._phase.ended:
            return False
        if self._phase.deadline <= now:
            return False
        new_deadline = max(self._phase.deadline - MINUTE, now)
        self._phase.total -= self._phase.deadline - new_deadline
        self._phase.deadline = new_deadline
        if self._phase.warn_at is not None:
            warn_at = max(new_deadline - self.warning_seconds, now)
            self._phase.warn_at = warn_at if warn_at < new_deadline else None
        self._catch_up_if_running()
        return True

    def skip(self) -> bool:
        """End the current phase now and start the next (or finish the plan)."""
        if self.state not in (TimerState.RUNNING, TimerState.PAUSED):
            return False
        if self._catch_up_if_running() not in (TimerState.RUNNING, TimerState.PAUSED):
            return False
        now = self._now_for_phase()
        paused = self.state is TimerState.PAUSED
        if not self._phase.ended:
            self._emit(EventKind.PHASE_END, now)
        if self.index + 1 >= len(self.plan.phases):
            self._finish(now)
            return True
        self._enter(self.index + 1, now, paused=paused)
        return True

    def back(self) -> bool:
        """Restart the previous phase (the first phase restarts itself)."""
        if self.state is TimerState.IDLE:
            return False
        if self.state is TimerState.DONE:
            self.state = TimerState.RUNNING
            self._enter(len(self.plan.phases) - 1, self.clock.monotonic())
            return True
        self._catch_up_if_running()
        now = self._now_for_phase()
        paused = self.state is TimerState.PAUSED
        self._enter(max(0, self.index - 1), now, paused=paused)
        return True

    def repeat(self) -> bool:
        """Start the current cycle again from its first phase (after the last phase: the last
        cycle). Liberating Structures: repeat the cycle rather than stretch a step."""
        if self.state is TimerState.IDLE:
            return False
        self._catch_up_if_running()
        cycle = self.plan.phases[self.index].cycle
        first = next(i for i, phase in enumerate(self.plan.phases) if phase.cycle == cycle)
        paused = self.state is TimerState.PAUSED
        now = self._now_for_phase() if paused else self.clock.monotonic()
        if self.state is TimerState.DONE:
            self.state = TimerState.RUNNING
        self._enter(first, now, paused=paused)
        return True

    def reset(self) -> bool:
        """Back to the start, not running, nothing pending."""
        self.state = TimerState.IDLE
        self.index = 0
        self._pending.clear()
        self._reset_phase_clock(self.clock.monotonic())
        return True

    def set_warning_seconds(self, seconds: float) -> None:
        self.warning_seconds = max(0.0, float(seconds))
        if (
            self.state in (TimerState.RUNNING, TimerState.PAUSED)
            and self._phase.warn_at is not None
        ):
            self._phase.warn_at = self._phase.deadline - self.warning_seconds

    def load(self, plan: Plan) -> None:
        """Use another plan; the timer is reset."""
        if not plan.phases:
            raise ValueError(_("This plan has no phases: add at least one phase."))
        self.plan = plan
        self.reset()

    # ------------------------------------------------------------------ internals

    def _now_for_phase(self) -> float:
        """The phase's own "now": frozen while paused."""
        if self._phase.paused_at is not None:
            return self._phase.paused_at
        return self.clock.monotonic()

    def _catch_up_if_running(self) -> TimerState:
        """Catch up if running; the state afterwards (see `_catch_up`)."""
        if self.state is TimerState.RUNNING:
            return self._catch_up(self.clock.monotonic())
        return self.state

    def _emit(self, kind: EventKind, at: float) -> None:
        name = self.plan.phases[self.index].name
        self._pending.append(TimerEvent(kind, self.index, name, at))

    def _reset_phase_clock(self, now: float) -> None:
        total = float(self.plan.phases[self.index].seconds)
        self._phase = _PhaseClock(started_at=now, deadline=now + total, total=total)

    def _enter(self, index: int, at: float, paused: bool = False) -> None:
        """Start phase `index` at monotonic time `at`."""
        self.index = index
        self._reset_phase_clock(at)
        if self._phase.total > self.warning_seconds > 0:
            self._phase.warn_at = self._phase.deadline - self.warning_seconds
        if paused:
            self._phase.paused_at = at
        self._emit(EventKind.PHASE_START, at)

    def _finish(self, at: float) -> None:
        self._emit(EventKind.DONE, at)
        self.state = TimerState.DONE
        self._phase.paused_at = None

    def _catch_up(self, now: float) -> TimerState:
        """Emit what fell due up to `now`; with auto-advance, chain phases at their exact
        scheduled ends (never at the moment we noticed), so lateness never accumulates.

        Returns the state it leaves the timer in, since catching up can finish the plan:
        callers test that, not `self.state`, which mypy still sees narrowed by their own
        earlier check."""
        while self.state is TimerState.RUNNING:
            warn_at = self._phase.warn_at
            if warn_at is not None and warn_at <= now and warn_at < self._phase.deadline:
                self._emit(EventKind.WARNING, warn_at)
                self._phase.warn_at = None
            elif warn_at is not None and warn_at >= self._phase.deadline:
                self._phase.warn_at = None
            if self._phase.ended or self._phase.deadline > now:
                return self.state
            deadline = self._phase.deadline
            self._phase.ended = True
            self._phase.warn_at = None
            self._emit(EventKind.PHASE_END, deadline)
            if not self.auto_advance:
                return self.state
            if self.index + 1 >= len(self.plan.phases):
                self._finish(deadline)
                return self.state
            self._enter(self.index + 1, deadline)
        return self.state
