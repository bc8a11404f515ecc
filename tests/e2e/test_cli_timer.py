"""`hexikit timer` in a subprocess, as a second machine or a script would run it."""

from __future__ import annotations

import json
import subprocess
import sys

from hexikit.store import Store
from hexikit.timer.engine import GroupSize, Phase, Plan
from hexikit.timer.plans import save_plan

CLASSIC = [("Alone", 60), ("Pairs", 120), ("Foursomes", 240), ("All", 300)]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hexikit", "timer", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_json_events_in_order_with_plausible_times() -> None:
    speed = 600
    result = run("--plan", "classic", "--speed", str(speed), "--json")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(set(event) == {"event", "phase", "t"} for event in events)
    expected: list[tuple[str, str, float]] = []
    at = 0.0
    for name, seconds in CLASSIC:
        expected += [
            ("phase_start", name, at),
            ("warning", name, at + seconds - 30),
            ("phase_end", name, at + seconds),
        ]
        at += seconds
    expected.append(("done", "All", at))
    assert [(e["event"], e["phase"]) for e in events] == [(k, p) for k, p, _ in expected]
    times = [e["t"] for e in events]
    assert times == sorted(times)
    for event, (_kind, _phase, plan_seconds) in zip(events, expected, strict=True):
        due = plan_seconds / speed
        # Never early; late only by scheduling noise (generous: CI machines are shared).
        assert due - 0.005 <= event["t"] <= due + 0.5


def test_list_shows_the_builtin_plans() -> None:
    result = run("--list")
    assert result.returncode == 0
    for key in ("classic", "liberating-structures", "hexithon"):
        assert key in result.stdout


def test_text_mode_prints_a_line_per_second_and_the_events(store: Store) -> None:
    # A saved 6-second plan at speed 5: each displayed second lasts 200 ms, so even a busy
    # machine shows every one of them.
    save_plan(
        store,
        Plan(
            "Quick", (Phase("Alone", 3, "Q?", GroupSize.ONE), Phase("Pairs", 3, "", GroupSize.TWO))
        ),
    )
    result = run("--plan", "quick", "--speed", "5", "--warning", "1")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    ticks = [line.split(None, 1)[1] for line in lines if "**" not in line]
    assert ticks == [
        "Alone        0:03",
        "Alone        0:02",
        "Alone        0:01",
        "Pairs        0:03",
        "Pairs        0:02",
        "Pairs        0:01",
    ]
    events = [line.split("**", 1)[1].strip() for line in lines if "**" in line]
    assert events == [
        "Alone starts",
        "Alone: warning",
        "Alone ends",
        "Pairs starts",
        "Pairs: warning",
        "Pairs ends",
        "done",
    ]
    elapsed = [float(line.split()[0]) for line in lines]
    assert elapsed == sorted(elapsed)
    assert 1.2 - 0.01 <= elapsed[-1] <= 1.2 + 0.5


def test_unknown_plan_and_bad_speed_are_clear_errors() -> None:
    result = run("--plan", "nope")
    assert result.returncode == 1
    assert "no timer plan called 'nope'" in result.stderr
    assert "Traceback" not in result.stderr
    result = run("--speed", "0")
    assert result.returncode == 1
    assert "--speed" in result.stderr
