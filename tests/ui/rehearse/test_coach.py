"""Rehearse mode on the Present page, the summary window, notes editing and the GUI import
(pytest-qt; time moves with a FakeClock, nothing sleeps)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.base.settings import Settings
from hexikit.decks.library import LIBRARY_NOTES, import_deck
from hexikit.decks.loading import load_deck
from hexikit.rehearsal.runs import Rehearsal, RunSummary, list_runs
from hexikit.store import Store
from hexikit.ui.context import AppContext
from hexikit.ui.present.page import PresentPage
from hexikit.ui.rehearse.coach import RehearsalCoach
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.worker import Worker
from tests.core.decks.samples import make_pptx

DECK = """---
title: Practice talk
target_minutes: 1
---
# Hello
<!-- seconds: 20 -->
Notes:
Say hello.
---
## Middle
<!-- seconds: 20 -->
Notes:
The middle part.
---
## End
<!-- seconds: 20 -->
Notes:
Thank everyone.
"""


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(100.0)


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    folder = tmp_path / "talk"
    folder.mkdir()
    path = folder / "deck.md"
    path.write_text(DECK, encoding="utf-8")
    return path


@pytest.fixture
def context(
    qtbot: QtBot, data_dir: Path, clock: FakeClock, deck_file: Path
) -> Iterator[AppContext]:
    store = Store.open(data_dir)
    worker = Worker()
    audience = AudienceWindow()
    qtbot.addWidget(audience)
    ctx = AppContext(
        data_dir, store, Settings(last_deck_path=str(deck_file)), worker, audience, clock=clock
    )
    yield ctx
    worker.wait_for_done(10000)
    store.close()


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> PresentPage:
    widget = PresentPage(context)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.presentation.count == 3, timeout=10000)
    return widget


def _coach(page: PresentPage) -> RehearsalCoach:
    coach = page.rehearsal
    assert isinstance(coach, RehearsalCoach)
    return coach


def _current_run(coach: RehearsalCoach) -> Rehearsal | None:
    """`coach.run`, read afresh: mypy keeps an attribute narrowed by an earlier assert even
    across the key presses that end the run."""
    return coach.run


def _press(qtbot: QtBot, page: PresentPage, key: Qt.Key) -> None:
    QTest.keyClick(page, key)


def test_rehearse_bar_is_on_the_present_page(page: PresentPage) -> None:
    coach = _coach(page)
    assert coach.isVisible()
    assert coach.rehearse_button.text() == "Rehearse (R)"
    assert any("rehearsal" in b.description for b in page.keys.bindings)


def test_a_run_times_each_slide_and_shows_the_summary(
    qtbot: QtBot, page: PresentPage, clock: FakeClock, context: AppContext
) -> None:
    coach = _coach(page)
    _press(qtbot, page, Qt.Key.Key_R)
    assert coach.run is not None
    clock.advance(15)
    coach.refresh()
    assert coach.slide_label.text() == "This slide 0:15 / 0:20"
    assert "on time" in coach.pace_label.text()
    clock.advance(15)  # 30 s on a 20 s slide
    coach.refresh()
    assert "0:10 behind" in coach.pace_label.text()
    _press(qtbot, page, Qt.Key.Key_Right)
    clock.advance(5)
    _press(qtbot, page, Qt.Key.Key_Right)  # left "Middle" after 5 of its 20 s
    coach.refresh()
    assert "0:05 ahead" in coach.pace_label.text()
    clock.advance(20)
    with qtbot.waitSignal(coach.summaryReady, timeout=10000) as blocker:
        _press(qtbot, page, Qt.Key.Key_R)
    summary: RunSummary = blocker.args[0]
    assert _current_run(coach) is None
    assert [s.this_run for s in summary.slides] == [30.0, 5.0, 20.0]
    assert [s.target for s in summary.slides] == [20.0, 20.0, 20.0]
    assert summary.total_seconds == 55.0
    assert summary.deck_target == 60.0
    window = coach.summary_window
    assert window is not None and window.isVisible()
    assert "0:55 against a target of 1:00" in window.headline.text()
    assert window.chart.summary is summary
    assert window.history.count() == 1
    assert "Slide 1" in window.often_long.item(0).text()
    runs = list_runs(context.store)
    assert len(runs) == 1 and runs[0].slide_seconds == [30.0, 5.0, 20.0]


def test_second_run_compares_with_the_first(
    qtbot: QtBot, page: PresentPage, clock: FakeClock
) -> None:
    coach = _coach(page)
    for seconds in ((10, 10, 10), (30, 20, 10)):
        coach.start_run()
        for index, spent in enumerate(seconds):
            clock.advance(spent)
            if index < 2:
                page.presentation.next()
        with qtbot.waitSignal(coach.summaryReady, timeout=10000) as blocker:
            coach.finish_run()
        clock.advance(600)
    summary: RunSummary = blocker.args[0]
    assert [s.median_before for s in summary.slides] == [10.0, 10.0, 10.0]
    assert summary.median_total_before == 30.0
    assert len(summary.history) == 2
    assert coach.summary_window is not None
    assert "earlier run" in coach.summary_window.subline.text()
    assert coach.summary_window.chart.slide_at(coach.summary_window.chart.width() - 20) == 3


def test_pausing_the_clock_pauses_the_run(
    qtbot: QtBot, page: PresentPage, clock: FakeClock
) -> None:
    coach = _coach(page)
    coach.start_run()
    clock.advance(10)
    page.presentation.pause_clock()
    clock.advance(100)
    page.presentation.resume_clock()
    clock.advance(5)
    with qtbot.waitSignal(coach.runFinished) as blocker:
        coach.finish_run()
    assert blocker.args[0].slide_seconds == [15.0, None, None]


def test_a_very_short_run_is_not_kept(
    qtbot: QtBot, page: PresentPage, clock: FakeClock, context: AppContext
) -> None:
    coach = _coach(page)
    coach.start_run()
    clock.advance(1)
    coach.finish_run()
    assert "too short" in coach.message_label.text()
    assert list_runs(context.store) == []


def test_history_without_runs(qtbot: QtBot, page: PresentPage) -> None:
    coach = _coach(page)
    coach.show_history()
    qtbot.waitUntil(lambda: "No rehearsals" in coach.message_label.text(), timeout=10000)


def test_notes_editor_saves_into_the_markdown_deck(
    qtbot: QtBot, page: PresentPage, deck_file: Path
) -> None:
    coach = _coach(page)
    page.presentation.go_to(2)
    coach.edit_notes()
    editor = coach.notes_editor
    assert editor is not None and editor.current_number() == 2
    assert editor.text.toPlainText() == "The middle part."
    editor.text.setPlainText("A new middle, spoken slowly.")
    assert editor.drafts == {2: "A new middle, spoken slowly."}
    assert editor.save_button.isEnabled()
    with qtbot.waitSignal(editor.saved, timeout=10000):
        editor.save()
    assert load_deck(deck_file).slides[1].notes == "A new middle, spoken slowly."
    assert editor.drafts == {}
    qtbot.waitUntil(lambda: "spoken slowly" in page.notes.toPlainText(), timeout=10000)
    assert page.presentation.current == 2


def test_notes_cannot_be_edited_during_a_run(page: PresentPage) -> None:
    coach = _coach(page)
    coach.start_run()
    assert not coach.edit_button.isEnabled()
    coach.edit_notes()
    assert coach.notes_editor is None
    assert "outside the show" in coach.message_label.text()


def test_notes_editor_keeps_text_when_saving_fails(
    qtbot: QtBot, page: PresentPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hexikit.ui.rehearse.notes_editor import NotesEditor

    deck = load_deck(make_pptx(tmp_path / "direct.pptx"))  # opened directly: not editable
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    editor = NotesEditor(page.context, deck, 1)
    qtbot.addWidget(editor)
    editor.text.setPlainText("typed text")
    editor.save()
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert "import the deck first" in warnings[0]
    assert editor.text.toPlainText() == "typed text"
    assert editor.drafts == {1: "typed text"}


def test_notes_editor_saves_into_an_imported_deck(
    qtbot: QtBot, page: PresentPage, tmp_path: Path
) -> None:
    from hexikit.ui.rehearse.notes_editor import NotesEditor

    result = import_deck(make_pptx(tmp_path / "talk.pptx"), tmp_path / "lib", soffice=None)
    editor = NotesEditor(page.context, load_deck(result.deck_dir), 3)
    qtbot.addWidget(editor)
    editor.text.setPlainText("Notes written in Hexikit.")
    with qtbot.waitSignal(editor.saved, timeout=10000):
        editor.save()
    assert load_deck(result.deck_dir).slides[2].notes == "Notes written in Hexikit."
    assert "Notes written in Hexikit." in (result.deck_dir / LIBRARY_NOTES).read_text("utf-8")


def test_import_from_the_present_page_opens_the_deck(
    qtbot: QtBot, page: PresentPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HEXIKIT_SOFFICE", str(tmp_path / "no-libreoffice-here"))
    coach = _coach(page)
    with qtbot.waitSignal(page.deckLoaded, timeout=20000):
        coach.import_file(make_pptx(tmp_path / "Imported talk.pptx"))
    deck = page.presentation.deck
    assert deck is not None and deck.title == "Imported talk"
    assert len(deck.slides) == 4
    assert "Imported into" in coach.message_label.text()


def test_a_bad_import_shows_a_message(
    qtbot: QtBot, page: PresentPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    bad = tmp_path / "bad.pptx"
    bad.write_text("nope", encoding="utf-8")
    _coach(page).import_file(bad)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert "not a PowerPoint" in warnings[0]


def test_opening_another_deck_stops_the_run(
    qtbot: QtBot, page: PresentPage, tmp_path: Path
) -> None:
    coach = _coach(page)
    coach.start_run()
    other = tmp_path / "other.md"
    other.write_text("# A\n---\n# B\n", encoding="utf-8")
    with qtbot.waitSignal(page.deckLoaded, timeout=10000):
        page.open_deck(other)
    assert coach.run is None
    assert "stopped" in coach.message_label.text()
