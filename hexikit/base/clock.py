"""Injected clocks: everything time-based takes one, so tests never sleep.

Real time comes from `time.monotonic()` (durations) and `datetime.now(UTC)` (timestamps).
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Protocol

#: Environment variable that speeds up the app's clock (a rehearsal of the session in
#: minutes, the two-screen end-to-end test): "60" runs a minute per real second.
SPEED_VARIABLE = "HEXIKIT_CLOCK_SPEED"


class Clock(Protocol):
    """A source of monotonic seconds and of the current UTC time."""

    def monotonic(self) -> float: ...

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to; for tests and simulations."""

    def __init__(self, start: float = 1000.0, wall: datetime | None = None) -> None:
        self._mono = start
        self._wall = wall or datetime(2026, 1, 1, 9, 0, tzinfo=UTC)

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)


class ScaledClock:
    """Real time, `speed` times faster, counted from when the clock was made: a 30-minute
    session runs in 30 seconds at speed 60. Both `monotonic()` and `now()` move together."""

    def __init__(self, speed: float, base: Clock | None = None) -> None:
        if not speed > 0:
            raise ValueError("the clock speed must be above zero")
        self.speed = speed
        self._base = base or SystemClock()
        self._mono0 = self._base.monotonic()
        self._wall0 = self._base.now()

    @property
    def base_clock(self) -> Clock:
        """The clock this one speeds up."""
        return self._base

    def monotonic(self) -> float:
        return self._mono0 + (self._base.monotonic() - self._mono0) * self.speed

    def now(self) -> datetime:
        elapsed = (self._base.monotonic() - self._mono0) * self.speed
        return self._wall0 + timedelta(seconds=elapsed)


SYSTEM_CLOCK = SystemClock()


def clock_from_environment(environ: Mapping[str, str] | None = None) -> Clock:
    """The app's clock: the system clock, or a `ScaledClock` when HEXIKIT_CLOCK_SPEED is set
    to a number other than 1 (an unreadable value is ignored: the real clock is never wrong)."""
    raw = (os.environ if environ is None else environ).get(SPEED_VARIABLE, "").strip()
    try:
        speed = float(raw) if raw else 1.0
    except ValueError:
        return SYSTEM_CLOCK
    if speed == 1.0 or not speed > 0 or speed != speed:
        return SYSTEM_CLOCK
    return ScaledClock(speed)


def utcnow() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)
