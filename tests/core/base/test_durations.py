"""The one durations formatter: each kind of time rounds its own way, every screen alike."""

from __future__ import annotations

import math

import pytest

from hexikit.base.durations import (
    MINUS,
    Rounding,
    format_countdown,
    format_duration,
    whole_seconds,
)


@pytest.mark.parametrize(
    ("seconds", "rounding", "expected"),
    [
        (0.5, Rounding.NEAREST, 1),  # halves up, unlike round()
        (2.5, Rounding.NEAREST, 3),
        (1.4, Rounding.NEAREST, 1),
        (59.2, Rounding.UP, 60),
        (60.00000001, Rounding.UP, 60),  # float noise does not add a second
        (59.99999999, Rounding.DOWN, 60),
        (59.9, Rounding.DOWN, 59),
        (-61.4, Rounding.NEAREST, 61),
        (math.nan, Rounding.NEAREST, 0),
        (math.inf, Rounding.UP, 0),
    ],
)
def test_whole_seconds(seconds: float, rounding: Rounding, expected: int) -> None:
    assert whole_seconds(seconds, rounding) == expected


def test_format_duration() -> None:
    assert format_duration(0) == "0:00"
    assert format_duration(65) == "1:05"
    assert format_duration(12 * 60 + 30) == "12:30"
    assert format_duration(3723) == "1:02:03"
    assert format_duration(10 * 3600) == "10:00:00"
    assert format_duration(-12) == f"{MINUS}0:12"
    assert format_duration(12, signed=True) == "+0:12"
    assert format_duration(0, signed=True) == "+0:00"
    assert format_duration(-0.2) == "0:00"  # no "−0:00"
    assert format_duration(59.6, Rounding.DOWN) == "0:59"


def test_format_countdown() -> None:
    assert format_countdown(0) == "0:00"
    assert format_countdown(59.2) == "1:00"  # the second being counted down
    assert format_countdown(0.1) == "0:01"
    assert format_countdown(-0.9) == "0:00"  # the first second over is not yet complete
    assert format_countdown(-61) == f"{MINUS}1:01"
    assert format_countdown(3725) == "1:02:05"
