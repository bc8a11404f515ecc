"""The rehearsal coach: timing with a fake clock, targets, runs in the store, the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from hexikit.base.clock import FakeClock
from hexikit.base.durations import format_duration
from hexikit.base.resources import builtin_deck_dir
from hexikit.decks.deck import Deck
from hexikit.decks.loading import load_deck
from hexikit.decks.markdown import parse_deck
from hexikit.rehearsal.runs import (
    MIN_SLIDE_SECONDS,
    Rehearsal,
    RunRecord,
    SlideTarget,
    deck_key,
    deck_key_for_path,
    deck_target_seconds,
    delete_run,
    estimate_seconds,
    list_runs,
    ran_long,
    save_run,
    should_keep,
    slide_targets,
    summarise,
)
from hexikit.store import Store

DECK_TEXT = """---
title: Pitch
target_minutes: 2
---
# Welcome
Notes:
{seventy}
---
## Hours
<!-- seconds: 45 -->
Notes:
short
---
## Thanks
"""


def _deck() -> Deck:
    return parse_deck(
        DECK_TEXT.format(seventy=" ".join(["word"] * 70)), Path("/talks/pitch/deck.md")
    )


def _targets(*seconds: float) -> list[SlideTarget]:
    return [SlideTarget(n, f"S{n}", s, True) for n, s in enumerate(seconds, start=1)]


def test_targets_from_deck_or_notes() -> None:
    deck = _deck()
    targets = slide_targets(deck, wpm=140)
    assert targets[0].seconds == pytest.approx(30.0) and not targets[0].from_deck
    assert targets[1].seconds == 45.0 and targets[1].from_deck
    assert targets[2].seconds == MIN_SLIDE_SECONDS  # no notes: the floor
    assert slide_targets(deck, wpm=70)[0].seconds == pytest.approx(60.0)
    assert deck_target_seconds(deck, targets) == 120.0
    untargeted = Deck(title="x", slides=deck.slides)
    assert deck_target_seconds(untargeted, targets) == pytest.approx(85.0)
    assert estimate_seconds(0) == MIN_SLIDE_SECONDS


def test_timing_per_slide_with_revisits_and_pause() -> None:
    clock = FakeClock()
    run = Rehearsal("k", "Pitch", _targets(30, 45, 10), clock)
    run.start()
    clock.advance(20)
    assert run.current_seconds() == 20
    run.show_slide(2)
    clock.advance(50)
    run.pause()
    clock.advance(300)  # paused: not counted
    assert run.paused and run.elapsed() == 70
    run.resume()
    clock.advance(5)
    run.show_slide(1)  # back to slide 1: adds to it
    clock.advance(4)
    run.show_slide(3)
    clock.advance(12)
    record = run.finish()
    assert record.slide_seconds == [24.0, 55.0, 12.0]
    assert record.total_seconds == 91.0
    assert record.completed
    assert record.started_at == FakeClock().now()
    clock.advance(100)
    assert run.finish().total_seconds == 91.0  # finishing twice changes nothing


def test_unvisited_slides_are_none_and_run_is_incomplete() -> None:
    clock = FakeClock()
    run = Rehearsal("k", "Pitch", _targets(30, 45, 10), clock)
    run.start()
    clock.advance(10)
    run.show_slide(3)
    clock.advance(3)
    record = run.finish()
    assert record.slide_seconds == [10.0, None, 3.0]
    assert not record.completed


def test_ahead_or_behind() -> None:
    clock = FakeClock()
    run = Rehearsal("k", "Pitch", _targets(30, 60, 10), clock)
    run.start()
    clock.advance(20)
    assert run.schedule_delta() == 0  # within slide 1's target: on time
    clock.advance(25)
    assert run.schedule_delta() == 15  # 45 s on a 30 s slide: 15 s behind
    run.show_slide(2)
    clock.advance(10)
    assert run.schedule_delta() == 15
    run.show_slide(3)  # left slide 2 after 10 of its 60 s: 35 s ahead
    assert run.schedule_delta() == -35


def test_show_slide_before_start_sets_the_first_slide() -> None:
    clock = FakeClock()
    run = Rehearsal("k", "Pitch", _targets(30, 60), clock)
    run.show_slide(2)
    run.start(2)
    clock.advance(7)
    assert run.finish().slide_seconds == [None, 7.0]
    with pytest.raises(ValueError):
        Rehearsal("k", "t", [], clock)


def _record(clock: FakeClock, seconds: list[float | None], key: str = "k") -> RunRecord:
    record = RunRecord(
        deck_key=key,
        deck_title="Pitch",
        started_at=clock.now(),
        total_seconds=sum(s for s in seconds if s is not None),
        slide_seconds=seconds,
        targets=[30.0, 60.0, 10.0],
        titles=["Welcome", "Hours", "Thanks"],
        deck_target=100.0,
        completed=all(s is not None for s in seconds),
    )
    clock.advance(3600)
    return record


def test_runs_are_kept_across_restarts(data_dir: Path) -> None:
    clock = FakeClock()
    store = Store.open(data_dir)
    saved = save_run(store, _record(clock, [31.0, 70.5, None]))
    save_run(store, _record(clock, [1.0, 2.0, 3.0], key="other"))
    store.close()

    reopened = Store.open(data_dir)
    runs = list_runs(reopened, "k")
    assert len(runs) == 1
    assert runs[0].id == saved.id
    assert runs[0].slide_seconds == [31.0, 70.5, None]
    assert runs[0].titles == ["Welcome", "Hours", "Thanks"]
    assert runs[0].started_at == FakeClock().now()
    assert not runs[0].completed
    assert len(list_runs(reopened)) == 2
    delete_run(reopened, saved.id)
    assert list_runs(reopened, "k") == []
    reopened.close()


def test_summary_numbers() -> None:
    clock = FakeClock()
    first = _record(clock, [40.0, 50.0, 10.0])
    second = _record(clock, [36.0, 80.0, None])
    third = _record(clock, [50.0, 55.0, 9.0])
    this = _record(clock, [45.0, 90.0, 12.0])
    for number, record in enumerate([first, second, third, this]):
        record.id = f"run{number}"
    summary = summarise(this, [this, third, first, second])
    assert [s.target for s in summary.slides] == [30.0, 60.0, 10.0]
    assert [s.this_run for s in summary.slides] == [45.0, 90.0, 12.0]
    assert [s.median_before for s in summary.slides] == [40.0, 55.0, 9.5]
    assert [s.ran_long for s in summary.slides] == [True, True, False]
    assert summary.total_seconds == 147.0
    assert summary.deck_target == 100.0
    assert summary.total_delta == 47.0
    assert summary.median_total_before == pytest.approx(107.0)  # completed runs: 100 and 114
    assert [h.id for h in summary.history] == ["run0", "run1", "run2", "run3"]
    # Slide 1 ran long in three runs (36 s is not over 120 % of 30 s), slide 2 in two.
    assert [(s.number, s.times, s.runs) for s in summary.often_long] == [(1, 3, 4), (2, 2, 4)]


def test_summary_of_a_first_run_has_no_medians() -> None:
    clock = FakeClock()
    only = _record(clock, [10.0, 20.0, 5.0])
    summary = summarise(only, [], _targets(30, 60, 10), deck_target=200.0)
    assert all(s.median_before is None for s in summary.slides)
    assert summary.median_total_before is None
    assert summary.deck_target == 200.0
    assert summary.often_long == []


def test_ran_long_needs_both_ratio_and_seconds() -> None:
    assert not ran_long(13, 10)  # 30 % over but only 3 s
    assert ran_long(16, 10)
    assert not ran_long(110, 100)  # 10 s over but only 10 %


def test_short_runs_are_not_kept() -> None:
    clock = FakeClock()
    assert not should_keep(_record(clock, [1.0, 2.0, None]))
    assert should_keep(_record(clock, [10.0, None, None]))


def test_deck_keys(tmp_path: Path) -> None:
    builtin = load_deck(builtin_deck_dir())
    assert deck_key(builtin) == "builtin:hexithon-intro/deck.md"
    assert deck_key_for_path(builtin_deck_dir()) == deck_key(builtin)
    deck_file = tmp_path / "deck.md"
    deck_file.write_text("# One\n", encoding="utf-8")
    assert deck_key(load_deck(deck_file)) == str(deck_file.resolve())
    assert deck_key_for_path(deck_file) == str(deck_file.resolve())
    assert deck_key(Deck(title="Loose")) == "title:Loose"


def test_library_deck_key_is_the_same_however_it_is_opened(tmp_path: Path) -> None:
    from hexikit.decks.library import LIBRARY_PDF, import_deck
    from tests.core.decks.samples import make_pdf

    result = import_deck(make_pdf(tmp_path / "talk.pdf", ["One"]), tmp_path / "lib")
    key = deck_key(load_deck(result.deck_dir))
    assert deck_key_for_path(result.deck_dir) == key
    assert deck_key_for_path(result.deck_dir / LIBRARY_PDF) == key
    assert deck_key(load_deck(result.deck_dir / LIBRARY_PDF)) == key


def test_format_seconds() -> None:
    assert format_duration(65) == "1:05"
    assert format_duration(3723) == "1:02:03"
    assert format_duration(-12, signed=True) == "−0:12"
    assert format_duration(0, signed=True) == "+0:00"
