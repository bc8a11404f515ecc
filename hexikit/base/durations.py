"""Durations as people read them: the one formatter behind every screen, the handout, the CLI
and the report, so one length of time never reads two ways on two screens.

Three kinds of time, each rounded its own way (and every caller says which it shows):

- a *length* (a planned segment, a slide's measured time, an estimate): to the nearest second,
  halves up (`Rounding.NEAREST`; Python's `round` would send 0.5 to 0 and 1.5 to 2);
- a *countdown* (time left): up, so the display shows the second being counted down and reads
  0:00 only at zero (`Rounding.UP`);
- a *clock counting up* (time elapsed): down, the seconds completed (`Rounding.DOWN`).

Minutes are not zero-padded (`5:03`, `12:30`), hours appear from an hour on (`1:02:03`), and
negative values take a real minus sign (U+2212) so digits line up in proportional fonts.
"""

from __future__ import annotations

import math
from enum import StrEnum

MINUS = "\u2212"
# Sums of float seconds land a hair either side of a whole second (59.99999999 or
# 60.00000001); a display must not flip on that.
_EPSILON = 1e-6


class Rounding(StrEnum):
    """How a fraction of a second is shown (see the module docstring)."""

    NEAREST = "nearest"
    UP = "up"
    DOWN = "down"


def whole_seconds(seconds: float, rounding: Rounding = Rounding.NEAREST) -> int:
    """`seconds` (≥ 0, or its absolute value) as whole seconds, rounded as `rounding` says."""
    value = abs(seconds)
    if not math.isfinite(value):
        return 0
    if rounding is Rounding.UP:
        return math.ceil(value - _EPSILON)
    if rounding is Rounding.DOWN:
        return math.floor(value + _EPSILON)
    return math.floor(value + 0.5)


def format_duration(
    seconds: float, rounding: Rounding = Rounding.NEAREST, *, signed: bool = False
) -> str:
    """`5:03`, `12:30`, `1:02:03`; negative values `−0:12`; with `signed`, `+0:12` too."""
    whole = whole_seconds(seconds, rounding)
    sign = MINUS if seconds < 0 and whole else ("+" if signed else "")
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes}:{secs:02d}"


def format_countdown(remaining: float) -> str:
    """Time left: counts down rounding up; past zero, `−0:05` with the whole seconds over."""
    if remaining >= 0:
        return format_duration(remaining, Rounding.UP)
    return format_duration(remaining, Rounding.DOWN)
