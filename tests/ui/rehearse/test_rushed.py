"""A run far under its target is called rushed, not shown green (issue 13, Why 8)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from hexikit.rehearsal.runs import RUSHED_RATIO, RunSummary
from hexikit.ui.rehearse.summary import BAD, GOOD, RehearsalSummaryWindow


def _summary(total: float, target: float) -> RunSummary:
    return RunSummary(
        run_id="run",
        deck_title="Hexitime and the Hexithon",
        slides=[],
        total_seconds=total,
        deck_target=target,
        median_total_before=None,
        history=[],
        often_long=[],
    )


def test_rushed_is_far_under_the_target() -> None:
    assert _summary(40, 300).rushed
    assert not _summary(300 * RUSHED_RATIO, 300).rushed  # 3:45 of 5:00: under, not rushed
    assert not _summary(290, 300).rushed
    assert not _summary(40, 0).rushed  # no target: nothing to be under


def test_a_0_40_run_of_a_5_00_talk_is_not_green(qtbot: QtBot) -> None:
    window = RehearsalSummaryWindow()
    qtbot.addWidget(window)
    window.set_summary(_summary(40, 300))
    assert "4:20 under: rushed" in window.headline.text()
    assert BAD in window.headline.styleSheet()
    window.set_summary(_summary(280, 300))  # a little under is still fine
    assert "0:20 under" in window.headline.text()
    assert "rushed" not in window.headline.text()
    assert GOOD in window.headline.styleSheet()
