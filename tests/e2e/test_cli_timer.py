"""`hexikit timer` in a subprocess, as a second machine or a script would run it."""

from __future__ import annotations

import json
import subprocess
import sys

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


def test_text_mode_prints_a_line_per_second_and_the_events() -> None:
    result = run("--plan", "classic", "--speed", "600")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert any(line.rstrip().endswith("Alone        1:00") for line in lines)
    assert any("Pairs starts" in line for line in lines)
    assert lines[-1].strip().endswith("done")
    # A line per displayed second, never one twice. (At 600x a plan second lasts 1.7 ms, so
    # a busy shared machine may miss a few: the loop never prints a second it slept through.)
    ticks = [line.split(None, 1)[1] for line in lines if "**" not in line]
    assert len(ticks) == len(set(ticks))
    assert 600 <= len(ticks) <= 720
    for name, seconds in CLASSIC:
        assert f"{name:12} {seconds // 60}:00" in ticks


def test_unknown_plan_and_bad_speed_are_clear_errors() -> None:
    result = run("--plan", "nope")
    assert result.returncode == 1
    assert "no timer plan called 'nope'" in result.stderr
    assert "Traceback" not in result.stderr
    result = run("--speed", "0")
    assert result.returncode == 1
    assert "--speed" in result.stderr
