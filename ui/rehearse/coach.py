"""Rehearse mode on top of the presenter view, and the summary after a run.

`attach_rehearsal(page)` (called by the Present page) adds a bar under the presenter's
controls: Rehearse, Teleprompter, Edit notes, Import deck, History and the speaking rate.
During a run the bar shows the time on this slide against its target and whether the whole
talk is ahead or behind; after a run a summary window shows a per-slide chart (target, this
run, median of earlier runs), the total against the deck's target, the history of runs and
the slides that most often run long.

Timing is done by `hexikit.rehearsal.runs.Rehearsal` with the app's clock; the store is only
touched through the worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hexikit.base.durations import format_duration
from hexikit.decks.deck import Deck
from hexikit.rehearsal.runs import (
    Rehearsal,
    RunRecord,
    RunSummary,
    SlideTarget,
    deck_key,
    deck_target_seconds,
    delete_run,
    list_runs,
    save_run,
    should_keep,
    slide_targets,
    summarise,
)
from hexikit.ui.context import AppContext
from hexikit.ui.present.controls import PresenterButton
from hexikit.ui.rehearse.host import PresenterHost
from hexikit.ui.rehearse.summary import BAD, GOOD, NEUTRAL, ON_TIME_SECONDS, RehearsalSummaryWindow

if TYPE_CHECKING:
    from hexikit.store import Store
    from hexikit.ui.rehearse.notes_editor import NotesEditor
    from hexikit.ui.rehearse.teleprompter import TeleprompterWindow

log = logging.getLogger(__name__)

REFRESH_MS = 250
MIN_WPM = 80
MAX_WPM = 220


def _save_and_summarise(
    store: Store, record: RunRecord, targets: list[SlideTarget], deck_target: float
) -> RunSummary:
    save_run(store, record)
    return summarise(record, list_runs(store, record.deck_key), targets, deck_target)


def _latest_summary(store: Store, key: str) -> RunSummary | None:
    runs = list_runs(store, key)
    return summarise(runs[-1], runs) if runs else None


class RehearsalCoach(QWidget):
    """The rehearsal bar of the Present page and the run in progress.

    Signals:
        runStarted(): a rehearsal run began.
        runFinished(object): the run ended; its RunRecord (kept or not).
        summaryReady(object): the RunSummary of a kept run (or of the latest, for History).
    """

    runStarted = Signal()
    runFinished = Signal(object)
    summaryReady = Signal(object)

    def __init__(self, page: PresenterHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rehearsalBar")
        self.page = page
        self.context: AppContext = page.context
        self.presentation = page.presentation
        self.run: Rehearsal | None = None
        self.summary_window: RehearsalSummaryWindow | None = None
        self.teleprompter: TeleprompterWindow | None = None
        self.notes_editor: NotesEditor | None = None
        self._targets: list[SlideTarget] = []
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self.presentation.slideChanged.connect(self._slide_changed)
        self.presentation.clockChanged.connect(self._clock_changed)
        self.presentation.deckChanged.connect(self._deck_changed)
        self.presentation.presentingChanged.connect(lambda _on: self._update_buttons())
        # A run only times slides the room (or the mirror) can see: when the projector leaves
        # the slides, a run in progress stops instead of recording a stuck slide.
        self.context.audience.sceneChanged.connect(self._scene_changed)
        page.add_key(Qt.Key.Key_R, self.toggle_run, self.tr("Start or finish a rehearsal"))
        page.add_key(QKeySequence("Ctrl+T"), self.open_teleprompter, self.tr("Teleprompter"))
        page.add_key(QKeySequence("Ctrl+E"), self.edit_notes, self.tr("Edit the notes"))
        self.refresh()

    # ---------------------------------------------------------------- building

    def _button(self, text: str, slot: Callable[[], None], name: str) -> QPushButton:
        # Like the presenter's own buttons: Tab reaches it, a click leaves the keyboard on
        # the slides, and the arrows still move them.
        button = PresenterButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _=False: slot())
        return button

    def controls(self) -> list[QWidget]:
        """The bar's controls in Tab order (the page puts them after its own top bar)."""
        return [
            self.rehearse_button,
            self.teleprompter_button,
            self.edit_button,
            self.import_button,
            self.history_button,
            self.rate,
        ]

    def _build(self) -> None:
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        self.rehearse_button = self._button(self.tr("Rehearse (R)"), self.toggle_run, "rehearse")
        self.teleprompter_button = self._button(
            self.tr("Teleprompter"), self.open_teleprompter, "teleprompter"
        )
        self.edit_button = self._button(self.tr("Edit notes…"), self.edit_notes, "editNotes")
        self.import_button = self._button(self.tr("Import deck…"), self.choose_import, "importDeck")
        self.history_button = self._button(self.tr("History"), self.show_history, "history")
        self.rate = QSpinBox()
        self.rate.setObjectName("speakingRate")
        self.rate.setRange(MIN_WPM, MAX_WPM)
        self.rate.setSingleStep(5)
        self.rate.setSuffix(self.tr(" words/min"))
        self.rate.setToolTip(self.tr("Speaking rate used to estimate each slide's target"))
        self.rate.setAccessibleName(self.tr("Speaking rate"))
        # Tab or a click to type a rate; while it has the keyboard its arrows change the
        # rate, not the slide (Esc ends that: the page takes the keyboard back).
        self.rate.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.rate.setValue(self.context.settings.speaking_rate_wpm)
        self.rate.valueChanged.connect(self._rate_changed)
        self.slide_label = QLabel()
        self.slide_label.setObjectName("rehearsalSlide")
        self.pace_label = QLabel()
        self.pace_label.setObjectName("rehearsalPace")
        self.message_label = QLabel()
        self.message_label.setObjectName("rehearsalMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        for label in (self.slide_label, self.pace_label):
            label.setFont(big)
        for widget in self.controls():
            layout.addWidget(widget)
        layout.addSpacing(16)
        layout.addWidget(self.slide_label)
        layout.addSpacing(16)
        layout.addWidget(self.pace_label)
        layout.addWidget(self.message_label, 1)

    # ---------------------------------------------------------------- the run

    @property
    def deck(self) -> Deck | None:
        return self.presentation.deck

    def toggle_run(self) -> None:
        if self.run is None:
            self.start_run()
        else:
            self.finish_run()

    def start_run(self) -> None:
        """Start a rehearsal from the first slide; the talk clock restarts with it."""
        deck = self.deck
        if deck is None or not deck.slides or self.run is not None:
            return
        if not self.page.slides_on_projector():
            self.message_label.setText(
                self.tr(
                    "The projector shows something else, so the slides would not move: press "
                    "Shift+F5 to bring them back, then R to rehearse."
                )
            )
            return
        self._targets = slide_targets(deck, self.context.settings.speaking_rate_wpm)
        self.run = Rehearsal(
            deck_key(deck),
            deck.title,
            self._targets,
            self.context.clock,
            deck_target_seconds(deck, self._targets),
        )
        self.presentation.go_to(1)
        self.presentation.reset_clock()
        self.presentation.resume_clock()
        self.run.start(self.presentation.current)
        self.message_label.setText("")
        self._timer.start()
        self._update_buttons()
        self.refresh()
        self.runStarted.emit()

    def finish_run(self) -> None:
        """End the run: keep it (unless it was too short) and show the summary."""
        run = self.run
        if run is None:
            return
        record = run.finish()
        self.run = None
        self._timer.stop()
        self.presentation.pause_clock()
        self._update_buttons()
        self.refresh()
        self.runFinished.emit(record)
        if not should_keep(record):
            self.message_label.setText(self.tr("That run was too short to keep (under 5 seconds)."))
            return
        targets = list(run.targets)
        store = self.context.store
        self.message_label.setText(self.tr("Saving the run…"))
        self.context.worker.run(
            lambda: _save_and_summarise(store, record, targets, run.deck_target),
            self._summary_ready,
            self._store_failed,
        )

    def cancel_run(self, reason: str) -> None:
        if self.run is None:
            return
        self.run = None
        self._timer.stop()
        self._update_buttons()
        self.refresh()
        self.message_label.setText(reason)

    def _scene_changed(self, _name: str) -> None:
        if self.run is not None and not self.page.slides_on_projector():
            self.cancel_run(
                self.tr("The rehearsal stopped and was not kept: the projector left the slides.")
            )

    def show_history(self) -> None:
        """The summary of this deck's latest run, with the history of all its runs."""
        deck = self.deck
        if deck is None:
            return
        key = deck_key(deck)
        store = self.context.store

        def shown(summary: RunSummary | None) -> None:
            if summary is None:
                self.message_label.setText(
                    self.tr("No rehearsals of this deck yet: press Rehearse (R) to start one.")
                )
                return
            self._summary_ready(summary)

        self.context.worker.run(lambda: _latest_summary(store, key), shown, self._store_failed)

    def _summary_ready(self, summary: RunSummary) -> None:
        self.message_label.setText("")
        if self.summary_window is None:
            self.summary_window = RehearsalSummaryWindow(self)
            self.summary_window.forgetRequested.connect(self._forget_run)
        self.summary_window.set_summary(summary)
        self.summary_window.show()
        self.summary_window.raise_()
        self.summaryReady.emit(summary)

    def _forget_run(self, run_id: str) -> None:
        store = self.context.store
        deck = self.deck
        key = deck_key(deck) if deck is not None else ""

        def forgotten(summary: RunSummary | None) -> None:
            if summary is None:
                if self.summary_window is not None:
                    self.summary_window.close()
                self.message_label.setText(self.tr("The run was forgotten."))
            else:
                self._summary_ready(summary)

        def op() -> RunSummary | None:
            delete_run(store, run_id)
            return _latest_summary(store, key)

        self.context.worker.run(op, forgotten, self._store_failed)

    def _store_failed(self, error: BaseException) -> None:
        log.warning("rehearsal store operation failed: %s", error)
        self.message_label.setText(
            self.tr("The rehearsal could not be saved: {error}").replace("{error}", str(error))
        )

    # ---------------------------------------------------------------- following the presenter

    def _slide_changed(self, number: int) -> None:
        if self.run is not None:
            self.run.show_slide(number)
            self.refresh()

    def _clock_changed(self) -> None:
        if self.run is None:
            return
        if self.presentation.clock_running and self.run.paused:
            self.run.resume()
        elif not self.presentation.clock_running and self.run.running:
            self.run.pause()
        self.refresh()

    def _deck_changed(self) -> None:
        if self.run is not None:
            self.cancel_run(self.tr("Another deck was opened, so the rehearsal was stopped."))
        self._update_buttons()

    def _rate_changed(self, value: int) -> None:
        if value != self.context.settings.speaking_rate_wpm:
            self.context.settings.speaking_rate_wpm = value
            self.context.save_settings()

    def _update_buttons(self) -> None:
        running = self.run is not None
        self.rehearse_button.setText(
            self.tr("Finish rehearsal (R)") if running else self.tr("Rehearse (R)")
        )
        editable = not running and not self.presentation.presenting
        self.edit_button.setEnabled(editable)
        self.edit_button.setToolTip(
            "" if editable else self.tr("Notes can be edited outside the show and rehearsals.")
        )
        self.rate.setEnabled(not running)
        self.import_button.setEnabled(not running)

    def refresh(self) -> None:
        """Update the live figures from the clock (called by a timer during a run)."""
        run = self.run
        if run is None:
            self.slide_label.setText("")
            self.pace_label.setText("")
            return
        target = run.current_target()
        on_slide = run.current_seconds()
        colour = BAD if on_slide > target.seconds else NEUTRAL
        self.slide_label.setText(
            self.tr("This slide {time} / {target}")
            .replace("{time}", format_duration(on_slide))
            .replace("{target}", format_duration(target.seconds))
        )
        self.slide_label.setStyleSheet(f"color: {colour};")
        delta = run.schedule_delta()
        if abs(delta) < ON_TIME_SECONDS:
            pace, colour = self.tr("on time"), GOOD
        elif delta > 0:
            pace = self.tr("{time} behind").replace("{time}", format_duration(delta))
            colour = BAD
        else:
            pace = self.tr("{time} ahead").replace("{time}", format_duration(-delta))
            colour = GOOD
        self.pace_label.setText(
            self.tr("Talk {time} · {pace}")
            .replace("{time}", format_duration(run.elapsed()))
            .replace("{pace}", pace)
        )
        self.pace_label.setStyleSheet(f"color: {colour};")

    # ---------------------------------------------------------------- other windows

    def open_teleprompter(self) -> None:
        from hexikit.ui.rehearse.teleprompter import TeleprompterWindow

        if self.teleprompter is None:
            self.teleprompter = TeleprompterWindow(self.page, self.context.clock)
        self.teleprompter.show()
        self.teleprompter.raise_()
        self.teleprompter.activateWindow()

    def edit_notes(self) -> None:
        from hexikit.ui.rehearse.notes_editor import NotesEditor

        deck = self.deck
        if deck is None or not deck.slides:
            return
        if self.run is not None or self.presentation.presenting:
            self.message_label.setText(
                self.tr("Notes can be edited outside the show: press Esc to end it first.")
            )
            return
        if self.notes_editor is not None and self.notes_editor.isVisible():
            self.notes_editor.raise_()
            return
        self.notes_editor = NotesEditor(self.context, deck, self.presentation.current, self)
        self.notes_editor.saved.connect(self._notes_saved)
        self.notes_editor.show()

    def _notes_saved(self, deck: Deck) -> None:
        self.presentation.set_deck(deck, self.presentation.current)

    def choose_import(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Import a deck"),
            str(Path.home()),
            self.tr("PowerPoint or PDF (*.pptx *.pdf)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Import a .pptx/.pdf into the deck library (off the GUI thread), then open it."""
        from hexikit.base.paths import deck_library_dir
        from hexikit.decks.imported import DeckImportError
        from hexikit.decks.library import import_deck

        library = deck_library_dir(self.context.data_dir)
        self.message_label.setText(
            self.tr("Importing {name}… (PowerPoint files take a few seconds)").replace(
                "{name}", path.name
            )
        )

        def imported(result: Any) -> None:
            notes = " ".join(result.messages)
            self.message_label.setText(
                self.tr("Imported into {folder}. {notes}")
                .replace("{folder}", str(result.deck_dir))
                .replace("{notes}", notes)
            )
            self.page.open_deck(result.deck_dir)

        def failed(error: BaseException) -> None:
            message = str(error) if isinstance(error, DeckImportError | OSError) else repr(error)
            self.message_label.setText("")
            QMessageBox.warning(self, self.tr("The deck was not imported"), message)

        self.context.worker.run(lambda: import_deck(path, library), imported, failed, lane="io")


def attach_rehearsal(page: PresenterHost, container: QWidget) -> RehearsalCoach:
    """Put the rehearsal bar under the Present page's controls (`container` is the page's
    widget; this is the page's only hook)."""
    coach = RehearsalCoach(page, container)
    layout = container.layout()
    if isinstance(layout, QVBoxLayout):
        layout.insertWidget(1, coach)
    return coach


__all__ = ["RehearsalCoach", "attach_rehearsal"]
