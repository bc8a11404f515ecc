"""Session mode: the run sheet of the half hour, driven with one key.

The page shows the run sheet (editable, saved per event), the current segment with its
countdown, the session clock (ahead / behind the plan) and what comes next. F6 or Ctrl+Right
moves to the next segment and the audience window follows: slides → timer → match board →
feedback. The same key is registered on the presenter view (through its `add_key`), so it
works from the Present page and from a clicker talking to the audience window too.

The session clock is the core's `SessionClock` on the app's injected clock; the QTimer here
only repaints.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hexikit.base.durations import Rounding, format_countdown, format_duration
from hexikit.records.domain import ValidationError
from hexikit.session.runsheet import (
    RunSheet,
    Screen,
    Segment,
    SegmentKind,
    SessionClock,
    SessionState,
    SessionStatus,
    default_runsheet,
    describe_drift,
    load_runsheet,
    reset_runsheet,
    save_runsheet,
    timer_plan_for,
)
from hexikit.ui.context import AppContext
from hexikit.ui.room.controller import shared_room
from hexikit.ui.routing import app_wide_action
from hexikit.ui.session.drive import bring_laptop, laptop_tool, page_host, room_text
from hexikit.ui.session.feedback import FeedbackPanel, FeedbackScene
from hexikit.ui.session.match_board import MatchBoard, MatchesScene
from hexikit.ui.session.run_sheet import RunSheetModel, RunSheetView, screen_label
from hexikit.ui.session.scenes import ClosingScene, SegmentTitleScene
from hexikit.ui.stage import Scene
from hexikit.ui.widgets.a11y import RING_ROOM, keyboard_friendly
from hexikit.ui.widgets.vertical_scroll import VerticalScroll

log = logging.getLogger(__name__)

NEXT_KEYS = (QKeySequence("F6"), QKeySequence("Ctrl+Right"))
PREVIOUS_KEYS = (QKeySequence("Shift+F6"), QKeySequence("Ctrl+Left"))
REPAINT_MS = 250


class SessionPage(QWidget):
    """The facilitator's run sheet, session clock and the one key that moves the room on.

    Signals:
        segmentChanged(int): the index of the segment now running (-1 before the start,
            the number of segments once finished).
        planChanged(object): the run sheet (RunSheet) now in use, after loading or editing.
    """

    segmentChanged = Signal(int)
    planChanged = Signal(object)

    @classmethod
    def mode_title(cls) -> str:
        return QCoreApplication.translate("SessionPage", "Session")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionPage")
        self.context = context
        self.audience = context.audience
        self.session = SessionClock(default_runsheet(), context.clock)
        self._event_id = ""
        self._presenter_keys_added = False
        self._listening_to_audience = False
        self._updating_editor = False

        self.matches_scene = MatchesScene()
        self.feedback_scene = FeedbackScene()
        self.title_scene = SegmentTitleScene()
        self.closing_scene = ClosingScene()
        self.audience.add_scene(Scene.MATCHES, self.matches_scene)
        self.audience.add_scene(Scene.FEEDBACK, self.feedback_scene)
        self.audience.add_scene(Scene.CLOSING, self.closing_scene)

        self.match_board = MatchBoard(context, self.matches_scene)
        self.feedback_panel = FeedbackPanel(context)
        self._build()
        self._repaint = QTimer(self)
        self._repaint.setInterval(REPAINT_MS)
        self._repaint.timeout.connect(self.refresh_status)

        # F6 / Ctrl+Right on every page (Capture, Timer, Present…), not only here: the keys
        # live on the laptop's window, application-wide.
        keys_window = parent.window() if parent is not None else self
        app_wide_action(
            keys_window, NEXT_KEYS, self.next_segment, self.tr("Next segment"), "nextSegmentAction"
        )
        app_wide_action(
            keys_window,
            PREVIOUS_KEYS,
            self.previous_segment,
            self.tr("Previous segment"),
            "previousSegmentAction",
        )
        self._register_presenter_keys()

        context.currentEventChanged.connect(self._event_changed)
        context.storeChanged.connect(self._store_changed)
        self._load_events()
        self._event_changed(context.current_event_id)
        self.refresh_status()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.event_combo = QComboBox()
        self.event_combo.setObjectName("sessionEvent")
        self.event_combo.setMinimumWidth(260)
        self.event_combo.activated.connect(self._event_chosen)
        self.start_button = QPushButton(self.tr("Start session"))
        self.start_button.setObjectName("startSession")
        self.next_button = QPushButton(self.tr("Next segment (F6)"))
        self.next_button.setObjectName("nextSegment")
        self.previous_button = QPushButton(self.tr("Back"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.reset_button = QPushButton(self.tr("Reset"))
        self.start_button.clicked.connect(self.start_session)
        self.next_button.clicked.connect(self.next_segment)
        self.previous_button.clicked.connect(self.previous_segment)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.reset_button.clicked.connect(self.reset_session)
        top = QHBoxLayout()
        event_label = QLabel(self.tr("Event:"))
        event_label.setBuddy(self.event_combo)
        top.addWidget(event_label)
        # The combo takes the row's spare room: an event's title and date are shown whole.
        top.addWidget(self.event_combo, 1)
        for button in (
            self.start_button,
            self.previous_button,
            self.next_button,
            self.pause_button,
            self.reset_button,
        ):
            top.addWidget(button)

        self.now_label = QLabel()
        self.now_label.setObjectName("segmentNow")
        now_font = self.now_label.font()
        now_font.setPointSize(now_font.pointSize() + 10)
        now_font.setBold(True)
        self.now_label.setFont(now_font)
        self.now_label.setWordWrap(True)
        self.countdown_label = QLabel()
        self.countdown_label.setObjectName("segmentCountdown")
        count_font = self.countdown_label.font()
        count_font.setPointSize(count_font.pointSize() + 18)
        count_font.setBold(True)
        self.countdown_label.setFont(count_font)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("sessionClock")
        self.drift_label = QLabel()
        self.drift_label.setObjectName("sessionDrift")
        drift_font = self.drift_label.font()
        drift_font.setPointSize(drift_font.pointSize() + 4)
        drift_font.setBold(True)
        self.drift_label.setFont(drift_font)
        self.next_label = QLabel()
        self.next_label.setObjectName("segmentNext")
        self.next_label.setWordWrap(True)
        self.room_label = QLabel()
        self.room_label.setObjectName("roomSees")
        self.room_label.setWordWrap(True)
        room_font = self.room_label.font()
        room_font.setPointSize(room_font.pointSize() + 4)
        room_font.setBold(True)
        self.room_label.setFont(room_font)
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color: #555;")
        status_box = QGroupBox(self.tr("Now"))
        status_layout = QVBoxLayout(status_box)
        status_layout.addWidget(self.now_label)
        status_layout.addWidget(self.room_label)
        status_layout.addWidget(self.countdown_label)
        clock_row = QHBoxLayout()
        clock_row.addWidget(self.clock_label)
        clock_row.addStretch(1)
        clock_row.addWidget(self.drift_label)
        status_layout.addLayout(clock_row)
        status_layout.addWidget(self.next_label)
        status_layout.addWidget(self.hint_label)

        self.model = RunSheetModel(self)
        self.table = RunSheetView()
        self.table.setObjectName("runSheet")
        self.table.setAccessibleName(self.tr("Run sheet"))
        # Tab moves on to the segment editor; the arrows move between the segments.
        keyboard_friendly(self.table)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._fill_editor())
        self.table.doubleClicked.connect(lambda index: self.jump_to(index.row()))
        self.total_label = QLabel()

        self.edit_title = QLineEdit()
        self.edit_title.setObjectName("segmentTitle")
        self.edit_minutes = QDoubleSpinBox()
        self.edit_minutes.setObjectName("segmentMinutes")
        self.edit_minutes.setRange(0.25, 180)
        self.edit_minutes.setSingleStep(0.5)
        self.edit_minutes.setDecimals(2)
        self.edit_minutes.setSuffix(self.tr(" min"))
        self.edit_screen = QComboBox()
        self.edit_screen.setObjectName("segmentScreen")
        for screen in Screen:
            self.edit_screen.addItem(screen_label(screen), str(screen))
        self.edit_prompt = QLineEdit()
        self.edit_prompt.setObjectName("segmentPrompt")
        self.edit_prompt.setPlaceholderText(self.tr("The question on the timer, if any"))
        self.edit_title.editingFinished.connect(self._apply_editor)
        self.edit_minutes.editingFinished.connect(self._apply_editor)
        self.edit_screen.activated.connect(lambda _i: self._apply_editor())
        self.edit_prompt.editingFinished.connect(self._apply_editor)
        self.edit_error = QLabel()
        self.edit_error.setStyleSheet("color: #b91c1c;")
        self.edit_error.setWordWrap(True)
        editor = QGroupBox(self.tr("Edit the selected segment"))
        form = QFormLayout(editor)
        form.addRow(self.tr("&Title"), self.edit_title)
        form.addRow(self.tr("&Length"), self.edit_minutes)
        form.addRow(self.tr("&Projector"), self.edit_screen)
        form.addRow(self.tr("&Question"), self.edit_prompt)
        edit_buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.up_button = QPushButton(self.tr("Up"))
        self.down_button = QPushButton(self.tr("Down"))
        self.default_button = QPushButton(self.tr("Default plan"))
        self.add_button.clicked.connect(self._add_segment)
        self.remove_button.clicked.connect(self._remove_segment)
        self.up_button.clicked.connect(lambda: self._move_segment(-1))
        self.down_button.clicked.connect(lambda: self._move_segment(1))
        self.default_button.clicked.connect(self._restore_default)
        for button in (
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.default_button,
        ):
            edit_buttons.addWidget(button)
        form.addRow(edit_buttons)
        form.addRow(self.edit_error)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        # Room for the focus ring round the run sheet: the scroll area clips at its edge.
        left_layout.setContentsMargins(RING_ROOM, RING_ROOM, RING_ROOM, RING_ROOM)
        left_layout.addWidget(status_box)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.total_label)
        left_layout.addWidget(editor)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Matches and feedback"))
        self.tabs.addTab(self.match_board, self.tr("Matches"))
        self.tabs.addTab(self.feedback_panel, self.tr("Feedback"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        # The left column scrolls rather than squeezing the run sheet to one row (1.5× the
        # font on a 768-pixel screen).
        splitter.addWidget(VerticalScroll(left))
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._show_plan(self.session.plan)

    # ------------------------------------------------------------------ keys elsewhere

    def _register_presenter_keys(self) -> None:
        """Put the next/previous keys on the presenter view too, when it exists.

        Without a presenter, keys pressed on the audience window are handled here instead.
        """
        if self._presenter_keys_added:
            return
        scene = self.audience.scene(Scene.SLIDES) if self.audience.has_scene(Scene.SLIDES) else None
        add_key: Callable[..., None] | None = getattr(scene, "add_key", None)
        if add_key is not None:
            add_key(list(NEXT_KEYS), self.next_segment, self.tr("Next segment of the session"))
            add_key(
                list(PREVIOUS_KEYS),
                self.previous_segment,
                self.tr("Previous segment of the session"),
            )
            self._presenter_keys_added = True
            if self._listening_to_audience:
                self.audience.keyPressed.disconnect(self._audience_key)
                self._listening_to_audience = False
        elif not self._listening_to_audience:
            self.audience.keyPressed.connect(self._audience_key)
            self._listening_to_audience = True

    def _audience_key(self, event: QKeyEvent) -> None:
        pressed = QKeySequence(event.keyCombination())
        if any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch for key in NEXT_KEYS):
            event.accept()
            self.next_segment()
        elif any(
            pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch for key in PREVIOUS_KEYS
        ):
            event.accept()
            self.previous_segment()

    def showEvent(self, event: Any) -> None:
        self._register_presenter_keys()
        super().showEvent(event)

    # ------------------------------------------------------------------ events and plans

    def _load_events(self) -> None:
        store = self.context.store
        self.context.worker.run(store.list_events, self._events_loaded, self._report_error)

    def _events_loaded(self, events: list[Any]) -> None:
        self.event_combo.clear()
        self.event_combo.addItem(self.tr("(no event: practice run)"), "")
        for event in events:
            label = event.title if not event.date else f"{event.title} — {event.date}"
            self.event_combo.addItem(label, event.id)
        found = self.event_combo.findData(self._event_id)
        self.event_combo.setCurrentIndex(max(found, 0))

    def _event_chosen(self, row: int) -> None:
        self.context.set_current_event(str(self.event_combo.itemData(row) or ""))

    def _store_changed(self, entity_type: str) -> None:
        if entity_type == "event":
            self._load_events()

    def _event_changed(self, event_id: str) -> None:
        self._event_id = event_id
        found = self.event_combo.findData(event_id)
        if found >= 0:
            self.event_combo.setCurrentIndex(found)
        self.match_board.set_event(event_id)
        self.feedback_panel.set_event(event_id)
        if not event_id:
            self._use_plan(default_runsheet())
            return
        store = self.context.store
        self.context.worker.run(
            lambda: load_runsheet(store, event_id), self._use_plan, self._report_error
        )

    def _use_plan(self, plan: RunSheet) -> None:
        self.session.set_plan(plan)
        self._show_plan(plan)
        self.planChanged.emit(plan)
        self.refresh_status()

    def _show_plan(self, plan: RunSheet) -> None:
        row = max(self.table.currentIndex().row(), 0)
        self.model.set_plan(plan)
        self.model.set_current(self.session.index if self.session.current else -1)
        self.table.selectRow(min(row, len(plan.segments) - 1))
        self.total_label.setText(
            self.tr("Planned: {total} ({count} segments)")
            .replace("{total}", format_duration(plan.total_seconds))
            .replace("{count}", str(len(plan.segments)))
        )
        self._fill_editor()

    def _report_error(self, error: BaseException) -> None:
        log.warning("session page: %s", error)
        self.hint_label.setText(str(error))

    # ------------------------------------------------------------------ editing

    def _selected_row(self) -> int:
        row = self.table.currentIndex().row()
        return row if 0 <= row < len(self.session.plan.segments) else -1

    def _fill_editor(self) -> None:
        row = self._selected_row()
        self._updating_editor = True
        try:
            if row < 0:
                return
            segment = self.session.plan.segments[row]
            self.edit_title.setText(segment.title)
            self.edit_minutes.setValue(segment.seconds / 60)
            self.edit_screen.setCurrentIndex(max(self.edit_screen.findData(str(segment.screen)), 0))
            self.edit_prompt.setText(segment.prompt)
        finally:
            self._updating_editor = False

    def _apply_editor(self) -> None:
        if self._updating_editor:
            return
        row = self._selected_row()
        if row < 0:
            return
        old = self.session.plan.segments[row]
        edited = Segment(
            kind=old.kind,
            title=self.edit_title.text(),
            seconds=round(self.edit_minutes.value() * 60),
            screen=Screen(str(self.edit_screen.currentData())),
            prompt=self.edit_prompt.text(),
            notes=old.notes,
        )
        if edited != old:
            self._edit(self.session.plan.replace_segment(row, edited))

    def _edit(self, plan: RunSheet) -> None:
        """Use an edited plan at once; save it for the event in the background."""
        from hexikit.session.runsheet import validate_runsheet

        try:
            clean = validate_runsheet(plan)
        except ValidationError as exc:
            self.edit_error.setText(" ".join(exc.problems.values()))
            return
        self.edit_error.clear()
        self._use_plan(clean)
        if self._event_id:
            store, event_id = self.context.store, self._event_id
            self.context.worker.run(
                lambda: save_runsheet(store, event_id, clean), None, self._edit_failed
            )

    def _edit_failed(self, error: BaseException) -> None:
        self.edit_error.setText(str(error))

    def _add_segment(self) -> None:
        row = self._selected_row()
        segment = Segment(SegmentKind.OTHER, self.tr("New segment"), 60, Screen.SLIDES)
        self._edit(self.session.plan.insert_segment(row + 1, segment))
        self.table.selectRow(row + 1)

    def _remove_segment(self) -> None:
        row = self._selected_row()
        if row >= 0 and len(self.session.plan.segments) > 1:
            self._edit(self.session.plan.remove_segment(row))

    def _move_segment(self, offset: int) -> None:
        row = self._selected_row()
        if row >= 0:
            self._edit(self.session.plan.move_segment(row, offset))
            self.table.selectRow(max(0, min(row + offset, len(self.session.plan.segments) - 1)))

    def _restore_default(self) -> None:
        if self._event_id:
            store, event_id = self.context.store, self._event_id
            self.context.worker.run(
                lambda: reset_runsheet(store, event_id), self._use_plan, self._edit_failed
            )
        else:
            self._use_plan(default_runsheet())

    # ------------------------------------------------------------------ running

    def start_session(self) -> None:
        """Start (or restart) the session at its first segment."""
        self.session.start()
        self._enter_segment(starting=True)

    def next_segment(self) -> None:
        """The one key: move to the next segment; the audience window follows."""
        starting = self.session.state is SessionState.READY
        self.session.next()
        self._enter_segment(starting=starting)

    def previous_segment(self) -> None:
        if self.session.state is SessionState.READY:
            return
        self.session.previous()
        self._enter_segment(starting=False)

    def jump_to(self, row: int) -> None:
        if self.session.jump(row) is not None:
            self._enter_segment(starting=False)

    def toggle_pause(self) -> None:
        if self.session.state is SessionState.RUNNING:
            self.session.pause()
            self._timer_call("pause")
        elif self.session.state is SessionState.PAUSED:
            self.session.resume()
            self._timer_call("resume")
        self.refresh_status()

    def reset_session(self) -> None:
        self.session.reset()
        self._timer_call("reset")
        self._repaint.stop()
        self.model.set_current(-1)
        self.segmentChanged.emit(-1)
        self.refresh_status()

    def _enter_segment(self, starting: bool) -> None:
        segment = self.session.current
        if segment is None:  # finished: the closing scene ends the half hour
            self._timer_call("reset")
            self._repaint.stop()
            self.model.set_current(-1)
            self._show_closing()
            bring_laptop(page_host(self), self, laptop_tool(None))
            self.segmentChanged.emit(len(self.session.plan.segments))
            self.refresh_status()
            return
        self.model.set_current(self.session.index)
        self.table.selectRow(self.session.index)
        # The laptop first: the pitch's presenter view must be shown before the show starts,
        # so the presenter (not a hidden page) has the keys.
        tool = laptop_tool(segment)
        host = page_host(self)
        bring_laptop(host, self, tool)
        self._show_on_projector(segment, starting)
        bring_laptop(host, self, tool)
        if not self._repaint.isActive():
            self._repaint.start()
        self.segmentChanged.emit(self.session.index)
        self.refresh_status()

    def _show_on_projector(self, segment: Segment, starting: bool) -> None:
        screen = segment.screen
        controller = self._timer() if screen is Screen.TIMER else None
        if controller is not None:
            controller.load_plan(timer_plan_for(segment))
            controller.set_auto_advance(True)
        elif screen is not Screen.TIMER:
            self._timer_call("reset")
        if screen is Screen.MATCHES:
            self.match_board.refresh()
        if screen is Screen.ROOM:  # the room opens with its scene (issue 18)
            shared_room(self.context).start()
        scene_name = Scene(str(screen))  # the run sheet's screens are named after the scenes
        if not self.audience.has_scene(scene_name):
            # The slides (or timer) are not available: show the segment's title instead.
            self.title_scene.set_text(segment.title, segment.prompt or segment.notes)
            scene_name = Scene.SESSION_TITLE
            if not self.audience.has_scene(scene_name):
                self.audience.add_scene(scene_name, self.title_scene)
        slides = (
            self.audience.scene(Scene.SLIDES) if self.audience.has_scene(Scene.SLIDES) else None
        )
        start_presenting = getattr(slides, "start_presenting", None)
        if screen is Screen.SLIDES and starting and start_presenting is not None:
            start_presenting(1)  # the presenter puts the audience window on its screen
        self.audience.show_scene(scene_name)
        if not self.audience.isVisible():
            self.audience.show_on_projector()
        if controller is not None:
            # Started once the room sees it: the start's tick then tells the Timer page (and
            # anyone else listening) that the projector shows the timer, not what it showed.
            controller.start()

    def _show_closing(self) -> None:
        """ "Thank you — N offers and M requests today", counted in the store."""
        shared_room(self.context).stop()  # the join code dies when the session ends
        self.closing_scene.show_counts(None, None)
        self.audience.show_scene(Scene.CLOSING)
        if not self.audience.isVisible():
            self.audience.show_on_projector()
        if not self._event_id:
            return
        store, event_id = self.context.store, self._event_id

        def counted(counts: Any) -> None:
            self.closing_scene.show_counts(counts.offers, counts.requests)
            self.refresh_status()

        self.context.worker.run(lambda: store.counts(event_id), counted, self._report_error)

    def _timer(self) -> Any:
        try:
            from hexikit.ui.timer.shared import shared_timer
        except ImportError:  # the timer capability is not installed
            return None
        return shared_timer(self.context)

    def _timer_call(self, name: str) -> None:
        """Pause/resume/reset the shared timer, only if one exists and shows our segment."""
        if not self.audience.has_scene(Scene.TIMER):
            return
        controller = self._timer()
        if controller is not None and str(controller.plan.key).startswith("runsheet:"):
            getattr(controller, name)()

    # ------------------------------------------------------------------ display

    def refresh_status(self) -> None:
        status = self.session.status()
        self._show_status(status)
        timer = self._timer() if self.audience.has_scene(Scene.TIMER) else None
        self.room_label.setText(room_text(self.audience, timer.status() if timer else None))

    def _show_status(self, status: SessionStatus) -> None:
        plan_total = format_duration(status.planned_total)
        if status.state is SessionState.READY:
            self.now_label.setText(self.tr("Ready to start"))
            self.countdown_label.setText(plan_total)
            self.clock_label.setText(
                self.tr("Planned length {total}").replace("{total}", plan_total)
            )
            self.drift_label.setText("")
            self.start_button.setText(self.tr("Start session"))
        elif status.state is SessionState.FINISHED:
            self.now_label.setText(self.tr("Session finished"))
            self.countdown_label.setText(format_duration(status.session_elapsed, Rounding.DOWN))
            self.clock_label.setText(
                self.tr("Took {elapsed} of {total} planned")
                .replace("{elapsed}", format_duration(status.session_elapsed, Rounding.DOWN))
                .replace("{total}", plan_total)
            )
            self.drift_label.setText(describe_drift(status.drift))
        else:
            segment = status.segment
            assert segment is not None
            self.start_button.setText(self.tr("Restart session"))
            paused = self.tr(" (paused)") if status.state is SessionState.PAUSED else ""
            self.now_label.setText(
                self.tr("{number}/{count}: {title}")
                .replace("{number}", str(status.index + 1))
                .replace("{count}", str(len(self.session.plan.segments)))
                .replace("{title}", segment.title)
                + paused
            )
            remaining = status.segment_remaining
            self.countdown_label.setText(
                format_countdown(remaining)
                if remaining >= 0
                else "+" + format_duration(-remaining, Rounding.DOWN)
            )
            self.clock_label.setText(
                self.tr("Session {elapsed} of {total}")
                .replace("{elapsed}", format_duration(status.session_elapsed, Rounding.DOWN))
                .replace("{total}", plan_total)
            )
            self.drift_label.setText(describe_drift(status.drift))
        colour = "#b91c1c" if status.behind else ("#15803d" if status.ahead else "#1f2937")
        self.drift_label.setStyleSheet(f"color: {colour};")
        self.countdown_label.setStyleSheet("color: #b91c1c;" if status.overrun else "")
        upcoming = status.next_segment
        if upcoming is None:
            self.next_label.setText(
                self.tr("Next: the end of the session")
                if status.state not in (SessionState.FINISHED,)
                else ""
            )
        else:
            self.next_label.setText(
                self.tr("Next: {title} ({minutes} min, {screen})")
                .replace("{title}", upcoming.title)
                .replace("{minutes}", f"{upcoming.minutes:g}")
                .replace("{screen}", screen_label(upcoming.screen))
            )
        self.pause_button.setText(
            self.tr("Resume") if status.state is SessionState.PAUSED else self.tr("Pause")
        )
        self.hint_label.setText(
            self.tr("F6 or Ctrl+Right: next segment · Shift+F6 or Ctrl+Left: back")
        )

    @property
    def status(self) -> SessionStatus:
        return self.session.status()
