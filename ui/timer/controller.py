"""The timer in the Qt app: the core engine, woken precisely by a single-shot QTimer.

One controller per app (`hexikit.ui.timer.shared.shared_timer`), shared by the Timer page and the session's run
sheet: whoever drives it, the projector's timer scene and the bells follow. The QTimer is never
the clock: each wake asks the engine what fell due (with the exact scheduled times), then sleeps
until the next due moment (the next event or the next second on display), aligned to the
second boundary of the remaining time. A late wake shows the right figure; nothing drifts.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from hexikit.base.clock import SYSTEM_CLOCK, Clock
from hexikit.base.clock import ScaledClock as AppScaledClock
from hexikit.timer.engine import (
    DEFAULT_WARNING_SECONDS,
    EventKind,
    Plan,
    ScaledClock,
    TimerEngine,
    TimerEvent,
    TimerState,
    TimerStatus,
)
from hexikit.timer.plans import builtin_plans
from hexikit.ui.timer.bells import Bell, BellPlayer, SilentBellPlayer


def clock_scale(clock: Clock) -> float:
    """How many clock seconds pass per real second: the product of the speeds of any scaled
    clocks wrapped around each other (the app's HEXIKIT_CLOCK_SPEED clock, a rehearsal's own
    speed-up), 1.0 for a plain clock."""
    scale = 1.0
    inner: object = clock
    while isinstance(inner, ScaledClock | AppScaledClock):
        scale *= inner.speed
        inner = inner.base if isinstance(inner, ScaledClock) else inner.base_clock
    return scale


class TimerController(QObject):
    """A QObject around `TimerEngine`.

    Signals:
        tick(object): a TimerStatus, whenever the display changes (each second, each operation).
        phaseStarted(int, str): phase index and name.
        warning(int, str): the warning time before the phase's end was reached.
        phaseEnded(int, str): the phase reached zero (or was skipped).
        done(): the plan is finished.
        happened(object): every TimerEvent, with its scheduled time (for precise consumers).
        planChanged(object): the Plan now loaded.
        flash(): a bell should have rung but could not (no audio device, or muted): flash.
        autoAdvanceChanged(bool): auto-advance was switched on or off (by anyone).
    """

    tick = Signal(object)
    phaseStarted = Signal(int, str)
    warning = Signal(int, str)
    phaseEnded = Signal(int, str)
    done = Signal()
    happened = Signal(object)
    planChanged = Signal(object)
    flash = Signal()
    autoAdvanceChanged = Signal(bool)

    def __init__(
        self,
        clock: Clock = SYSTEM_CLOCK,
        plan: Plan | None = None,
        warning_seconds: float = DEFAULT_WARNING_SECONDS,
        speed: float = 1.0,
        bells: BellPlayer | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.base_clock = clock
        self.clock: Clock = clock if speed == 1.0 else ScaledClock(clock, speed)
        self.speed = speed
        self.engine = TimerEngine(
            plan or builtin_plans()[0], self.clock, warning_seconds=warning_seconds
        )
        self.bells: BellPlayer = bells or SilentBellPlayer()
        self.flash_when_silent = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.update)

    # ------------------------------------------------------------------ reading

    @property
    def plan(self) -> Plan:
        return self.engine.plan

    def status(self) -> TimerStatus:
        return self.engine.status()

    @property
    def state(self) -> TimerState:
        return self.engine.state

    def to_base_time(self, at: float) -> float:
        """An event's scheduled time on the real clock (differs only when sped up)."""
        if isinstance(self.clock, ScaledClock):
            return self.clock.to_base(at)
        return at

    # ------------------------------------------------------------------ operations

    def load_plan(self, plan: Plan) -> None:
        self._timer.stop()
        self.engine.load(plan)
        self.planChanged.emit(plan)
        self.update()

    def set_bells(self, bells: BellPlayer) -> None:
        self.bells = bells

    @property
    def auto_advance(self) -> bool:
        return self.engine.auto_advance

    def set_auto_advance(self, on: bool) -> None:
        changed = self.engine.auto_advance != on
        self.engine.auto_advance = on
        if changed:
            self.autoAdvanceChanged.emit(on)
        self.update()

    def set_warning_seconds(self, seconds: float) -> None:
        self.engine.set_warning_seconds(seconds)
        self.update()

    def start(self) -> bool:
        return self._do(self.engine.start)

    def pause(self) -> bool:
        return self._do(self.engine.pause)

    def resume(self) -> bool:
        return self._do(self.engine.resume)

    def toggle_pause(self) -> bool:
        return self._do(self.engine.toggle_pause)

    def add_minute(self) -> bool:
        return self._do(self.engine.add_minute)

    def remove_minute(self) -> bool:
        return self._do(self.engine.remove_minute)

    def skip(self) -> bool:
        return self._do(self.engine.skip)

    def back(self) -> bool:
        return self._do(self.engine.back)

    def repeat(self) -> bool:
        return self._do(self.engine.repeat)

    def reset(self) -> bool:
        return self._do(self.engine.reset)

    def _do(self, operation: object) -> bool:
        assert callable(operation)
        changed = bool(operation())
        self.update()
        return changed

    # ------------------------------------------------------------------ the loop

    def update(self) -> list[TimerEvent]:
        """Hand out what fell due, refresh the display, and sleep until the next due moment.
        Tests call this directly after moving a FakeClock."""
        events = self.engine.update()
        status = self.engine.status()
        for item in events:
            self.happened.emit(item)
            if item.kind is EventKind.PHASE_START:
                self.phaseStarted.emit(item.phase_index, item.phase_name)
            elif item.kind is EventKind.WARNING:
                self.warning.emit(item.phase_index, item.phase_name)
            elif item.kind is EventKind.PHASE_END:
                self.phaseEnded.emit(item.phase_index, item.phase_name)
            elif item.kind is EventKind.DONE:
                self.done.emit()
        self._ring(events)
        self.tick.emit(status)
        self._schedule()
        return events

    def _ring(self, events: list[TimerEvent]) -> None:
        """One chime per transition (a phase's end and the next start ring once), a soft
        one for a warning; when no sound can be made, ask for a flash."""
        kinds = {item.kind for item in events}
        bell: Bell | None = None
        if kinds & {EventKind.PHASE_START, EventKind.PHASE_END, EventKind.DONE}:
            bell = Bell.CHIME
        elif EventKind.WARNING in kinds:
            bell = Bell.WARNING
        if bell is None:
            return
        if not self.bells.play(bell) and self.flash_when_silent:
            self.flash.emit()

    def _schedule(self) -> None:
        due = self.engine.next_due()
        if due is None:
            self._timer.stop()
            return
        wait = (due - self.clock.monotonic()) / clock_scale(self.clock)
        # Round up: waking a fraction early would only mean a second, wasted wake.
        self._timer.start(max(0, math.ceil(wait * 1000)))

    @property
    def next_wake_ms(self) -> int:
        """Milliseconds until the controller wakes (-1 when it sleeps); for tests."""
        return self._timer.remainingTime() if self._timer.isActive() else -1
