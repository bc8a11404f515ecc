"""Timer mode: the facilitator's controls for the 1-2-4-All timer on the projector.

The page drives the app's one `TimerController` (shared with the session's run sheet); the
projector shows the `TimerScene`, and a copy of it here shows the facilitator what the room
sees. Every operation has a key (listed in the help overlay, `?`); T switches the projector
between slides and the timer. Plans can be chosen, copied, edited and saved; the people count
shows how the room splits at each step; bell volume and mute are remembered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSignalBlocker, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSlider,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hexikit.base.durations import format_duration
from hexikit.timer.engine import GroupSize, Phase, Plan, TimerState, TimerStatus
from hexikit.timer.groups import describe
from hexikit.timer.plans import (
    PlanError,
    PlanListing,
    builtin_plans,
    copy_plan,
    delete_plan,
    list_plans,
    save_plan,
    validate_plan,
)
from hexikit.ui.context import AppContext
from hexikit.ui.stage import Scene
from hexikit.ui.timer.bells import Bell, BellPlayer
from hexikit.ui.timer.controller import TimerController
from hexikit.ui.timer.help_overlay import HelpOverlay, TimerKey
from hexikit.ui.timer.scene import TimerScene
from hexikit.ui.timer.shared import shared_timer
from hexikit.ui.widgets.a11y import NO_RING, RING_ROOM, draw_ring, keyboard_friendly, tab_only
from hexikit.ui.widgets.vertical_scroll import VerticalScroll

log = logging.getLogger(__name__)

GROUP_CHOICES = [GroupSize.ONE, GroupSize.TWO, GroupSize.FOUR, GroupSize.ALL]


def parse_duration(text: str) -> float:
    """ "2" (minutes), "1:30", "0:45", "1:00:00" → seconds; ValueError if unreadable."""
    parts = text.strip().split(":")
    if not parts or any(not part.strip() for part in parts) or len(parts) > 3:
        raise ValueError(text)
    numbers = [float(part) for part in parts]
    if len(numbers) == 1:
        return numbers[0] * 60
    seconds = 0.0
    for number in numbers:
        seconds = seconds * 60 + number
    return seconds


class AspectBox(QWidget):
    """Holds one widget at 16:9, as large as fits, so the preview looks like the projector."""

    def __init__(self, child: QWidget, ratio: float = 16 / 9) -> None:
        super().__init__()
        self._child = child
        self._ratio = ratio
        child.setParent(self)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(child.minimumSize())

    def resizeEvent(self, event: object) -> None:
        w, h = self.width(), self.height()
        width = min(w, round(h * self._ratio))
        height = round(width / self._ratio)
        self._child.setGeometry((w - width) // 2, 0, width, height)


class TimerPage(QWidget):
    """The Timer mode page."""

    @classmethod
    def mode_title(cls) -> str:
        return QCoreApplication.translate("TimerPage", "Timer")

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        bells: BellPlayer | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.controller: TimerController = shared_timer(context, bells=bells)
        self.controller.bells.set_volume(context.settings.bell_volume)
        self.controller.bells.set_muted(context.settings.bell_muted)
        self.plans: list[Plan] = builtin_plans()
        self.editing: Plan | None = None
        # The page is a Tab stop of its own, the first on the page and reached both ways: the
        # facilitator's home for the timer keys (Space, +, −, ← →…), where no control takes them
        # first. The session gives the page the keyboard when a timer segment starts.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(self.mode_title())
        # The app's ring would sit outside the page, where the page stack clips it: the page
        # draws the same ring inside its own edge instead (paintEvent).
        self.setProperty(NO_RING, True)
        self.setAccessibleDescription(
            self.tr("Space starts or pauses the timer; press ? for every key.")
        )
        self.keys = self._key_table()
        self._build()
        self.help_overlay = HelpOverlay(self.keys, self)
        self.controller.tick.connect(self._status_changed)
        self.controller.flash.connect(self.preview.flash)
        self.controller.planChanged.connect(self._plan_loaded)
        self.controller.autoAdvanceChanged.connect(self._auto_advance_changed)
        self.preview.attach(self.controller)
        self._register_projector_key()
        self._show_plans(PlanListing(self.plans))
        self.reload_plans()

    # ------------------------------------------------------------------ keys

    def _key_table(self) -> list[TimerKey]:
        k = Qt.Key
        c = self.controller
        return [
            TimerKey([k.Key_Space], "Space", self.tr("Start / pause / resume"), c.toggle_pause),
            TimerKey([k.Key_Plus, k.Key_Equal], "+", self.tr("One more minute"), c.add_minute),
            TimerKey(
                [k.Key_Minus, k.Key_Underscore], "−", self.tr("One minute less"), c.remove_minute
            ),
            TimerKey(
                [k.Key_Right, k.Key_N, k.Key_PageDown],
                self.tr("→ or N"),
                self.tr("Skip to the next phase"),
                c.skip,
            ),
            TimerKey(
                [k.Key_Left, k.Key_P, k.Key_PageUp],
                self.tr("← or P"),
                self.tr("Back: restart the previous phase"),
                c.back,
            ),
            TimerKey([k.Key_R], "R", self.tr("Repeat the cycle"), c.repeat),
            TimerKey([k.Key_X], "X", self.tr("Reset the timer"), c.reset),
            TimerKey(
                [k.Key_T], "T", self.tr("Projector: switch slides ↔ timer"), self.toggle_projector
            ),
            TimerKey([k.Key_A], "A", self.tr("Auto-advance on/off"), self._toggle_auto),
            TimerKey([k.Key_M], "M", self.tr("Mute / unmute the bells"), self._toggle_mute),
            TimerKey([k.Key_B], "B", self.tr("Test the bell"), self.test_bell),
            TimerKey(
                [k.Key_Question, k.Key_H, k.Key_F1],
                self.tr("? or H"),
                self.tr("This help"),
                self.show_help,
            ),
        ]

    def handle_key(self, event: QKeyEvent) -> bool:
        if self.help_overlay.isVisible():
            self.help_overlay.hide()
            return True
        if event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier
            | Qt.KeyboardModifier.AltModifier
            | Qt.KeyboardModifier.MetaModifier
        ):
            return False  # Ctrl/Alt combinations belong to the menus
        for entry in self.keys:
            if event.key() in entry.keys:
                entry.action()
                return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # On the page's buttons and check boxes the arrows are the timer's (back, skip), as
        # on the page: Qt would move the focus between the buttons instead. Space and Enter
        # still press the focused button; letters reach the page by themselves.
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right)
        ):
            return self.handle_key(event)
        return super().eventFilter(watched, event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self.hasFocus():
            return
        # The app's focus ring (ui/widgets/a11y.py), drawn just inside the page's edge.
        painter = QPainter(self)
        draw_ring(painter, self.rect(), 3)
        painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.handle_key(event):
            event.accept()
        else:
            super().keyPressEvent(event)

    def _register_projector_key(self) -> None:
        """T in the presenter view too (and from a clicker on the audience window)."""
        audience = self.context.audience
        if not audience.has_scene(Scene.SLIDES):
            return
        slides = audience.scene(Scene.SLIDES)
        add_key = getattr(slides, "add_key", None)
        if callable(add_key):
            add_key(Qt.Key.Key_T, self.toggle_projector, self.tr("Switch slides ↔ timer"))

    # ------------------------------------------------------------------ building

    def _button(self, text: str, action: Callable[[], object], name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        # Reachable with Tab; a click leaves the keyboard with the page, so its keys go on
        # working. The arrows are the timer's here, not Qt's move-between-buttons.
        tab_only(button)
        button.installEventFilter(self)
        button.clicked.connect(lambda _=False: action())
        button.setMinimumHeight(38)
        return button

    def _build(self) -> None:
        c = self.controller
        root = QVBoxLayout(self)
        root.setContentsMargins(16, 12, 16, 12)

        plan_row = QHBoxLayout()
        plan_label = QLabel(self.tr("Plan:"))
        plan_row.addWidget(plan_label)
        self.plan_combo = QComboBox()
        self.plan_combo.setObjectName("planCombo")
        self.plan_combo.setMinimumWidth(280)
        plan_label.setBuddy(self.plan_combo)
        # Tab reaches it (the arrows then choose a plan); a click leaves the keys with the page.
        tab_only(self.plan_combo)
        self.plan_combo.activated.connect(self._plan_chosen)
        plan_row.addWidget(self.plan_combo)
        self.copy_button = self._button(self.tr("Copy to edit"), self.copy_current, "copyPlan")
        self.delete_button = self._button(self.tr("Delete plan"), self.delete_current, "deletePlan")
        plan_row.addWidget(self.copy_button)
        plan_row.addWidget(self.delete_button)
        self.plan_description = QLabel()
        self.plan_description.setWordWrap(True)
        self.plan_description.setStyleSheet("color: #555;")
        plan_row.addWidget(self.plan_description, 1)
        root.addLayout(plan_row)

        middle = QHBoxLayout()
        left = QVBoxLayout()
        self.preview = TimerScene()
        self.preview.setObjectName("timerPreview")
        self.preview.setMinimumSize(480, 270)
        left.addWidget(AspectBox(self.preview), 1)

        controls = QGridLayout()
        self.start_button = self._button(self.tr("Start (Space)"), c.toggle_pause, "startPause")
        buttons = [
            self.start_button,
            self._button(self.tr("−1 min (−)"), c.remove_minute, "minusMinute"),
            self._button(self.tr("+1 min (+)"), c.add_minute, "plusMinute"),
            self._button(self.tr("Back (←)"), c.back, "back"),
            self._button(self.tr("Skip (→)"), c.skip, "skip"),
            self._button(self.tr("Repeat cycle (R)"), c.repeat, "repeat"),
            self._button(self.tr("Reset (X)"), c.reset, "reset"),
            self._button(self.tr("Projector: slides ↔ timer (T)"), self.toggle_projector, "toggle"),
            self._button(self.tr("Keys (?)"), self.show_help, "help"),
        ]
        self.start_button.setStyleSheet("font-weight: bold;")
        # Three a row, not five: at 1.5× the font five side by side no longer fit a laptop.
        for index, button in enumerate(buttons):
            controls.addWidget(button, index // 3, index % 3)
        left.addLayout(controls)
        self.projector_label = QLabel()
        self.projector_label.setObjectName("projectorLabel")
        left.addWidget(self.projector_label)
        middle.addLayout(left, 3)

        side_column = QWidget()
        side_column.setObjectName("timerSide")
        side = QVBoxLayout(side_column)
        # Room for the focus ring round the phases: the scroll area clips at its edge.
        side.setContentsMargins(RING_ROOM, RING_ROOM, RING_ROOM, RING_ROOM)
        options = QFrame()
        options.setFrameShape(QFrame.Shape.StyledPanel)
        grid = QGridLayout(options)
        self.auto_check = QCheckBox(self.tr("Auto-advance to the next phase (A)"))
        self.auto_check.setObjectName("autoAdvance")
        tab_only(self.auto_check)
        self.auto_check.installEventFilter(self)
        self.auto_check.setChecked(c.auto_advance)
        self.auto_check.toggled.connect(c.set_auto_advance)
        grid.addWidget(self.auto_check, 0, 0, 1, 2)
        warning_label = QLabel(self.tr("Warning before the end (seconds):"))
        grid.addWidget(warning_label, 1, 0)
        self.warning_spin = QSpinBox()
        self.warning_spin.setObjectName("warningSeconds")
        warning_label.setBuddy(self.warning_spin)
        self.warning_spin.setRange(0, 600)
        self.warning_spin.setValue(self.context.settings.timer_warning_seconds)
        self.warning_spin.valueChanged.connect(self._warning_changed)
        grid.addWidget(self.warning_spin, 1, 1)
        volume_label = QLabel(self.tr("Bell volume:"))
        grid.addWidget(volume_label, 2, 0)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setObjectName("bellVolume")
        volume_label.setBuddy(self.volume_slider)
        self.volume_slider.setPageStep(10)
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(round(self.context.settings.bell_volume * 100))
        # The arrows change the volume once Tab has reached it; a drag leaves the keys with
        # the page.
        tab_only(self.volume_slider)
        self.volume_slider.valueChanged.connect(self._volume_changed)
        grid.addWidget(self.volume_slider, 2, 1)
        self.mute_check = QCheckBox(self.tr("Mute the bells (M): the screen flashes instead"))
        self.mute_check.setObjectName("bellMuted")
        tab_only(self.mute_check)
        self.mute_check.installEventFilter(self)
        self.mute_check.setChecked(self.context.settings.bell_muted)
        self.mute_check.toggled.connect(self._mute_changed)
        grid.addWidget(self.mute_check, 3, 0, 1, 2)
        grid.addWidget(self._button(self.tr("Test the bell (B)"), self.test_bell, "testBell"), 4, 0)
        self.bilingual_check = QCheckBox(self.tr("Welsh and English on the projector"))
        self.bilingual_check.setObjectName("timerBilingual")
        tab_only(self.bilingual_check)
        self.bilingual_check.installEventFilter(self)
        self.bilingual_check.setChecked(self.context.settings.timer_bilingual)
        self.preview.set_bilingual(self.context.settings.timer_bilingual)
        self.bilingual_check.toggled.connect(self._bilingual_changed)
        grid.addWidget(self.bilingual_check, 5, 0, 1, 2)
        side.addWidget(options)

        people_box = QFrame()
        people_box.setFrameShape(QFrame.Shape.StyledPanel)
        people = QGridLayout(people_box)
        people_label = QLabel(self.tr("People in the room:"))
        people.addWidget(people_label, 0, 0)
        self.people_spin = QSpinBox()
        self.people_spin.setObjectName("peopleCount")
        people_label.setBuddy(self.people_spin)
        self.people_spin.setRange(0, 2000)
        self.people_spin.valueChanged.connect(self._update_groups)
        people.addWidget(self.people_spin, 0, 1)
        self.groups_label = QLabel()
        self.groups_label.setObjectName("groupsLabel")
        self.groups_label.setWordWrap(True)
        people.addWidget(self.groups_label, 1, 0, 1, 2)
        side.addWidget(people_box)

        phases_label = QLabel(self.tr("<b>Phases</b> (double-click to edit a copy)"))
        side.addWidget(phases_label)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("phaseTable")
        self.table.setAccessibleName(self.tr("Phases"))
        phases_label.setBuddy(self.table)
        # Tab moves on to Add phase and Save plan; the arrows move between the cells.
        keyboard_friendly(self.table)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Phase"), self.tr("Time"), self.tr("Groups"), self.tr("Question")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        side.addWidget(self.table, 1)
        edit_row = QHBoxLayout()
        self.add_phase_button = self._button(self.tr("Add phase"), self.add_phase, "addPhase")
        self.remove_phase_button = self._button(
            self.tr("Remove phase"), self.remove_phase, "removePhase"
        )
        self.save_button = self._button(self.tr("Save plan"), self.save_current, "savePlan")
        edit_row.addWidget(self.add_phase_button)
        edit_row.addWidget(self.remove_phase_button)
        edit_row.addStretch(1)
        edit_row.addWidget(self.save_button)
        side.addLayout(edit_row)
        self.message = QLabel()
        self.message.setObjectName("planMessage")
        self.message.setWordWrap(True)
        side.addWidget(self.message)
        # The side column scrolls rather than squeezing its rows (1.5× the font on a 768-pixel
        # screen): its width is kept, its height may shrink.
        middle.addWidget(VerticalScroll(side_column), 2)
        root.addLayout(middle, 1)

    # ------------------------------------------------------------------ plans

    def reload_plans(self, select_key: str | None = None) -> None:
        store = self.context.store
        self.context.worker.run(
            lambda: list_plans(store),
            lambda listing: self._show_plans(listing, select_key),
            lambda error: self._say(
                self.tr("Saved plans could not be read: {error}").replace("{error}", str(error)),
                error=True,
            ),
        )

    def _show_plans(self, listing: PlanListing, select_key: str | None = None) -> None:
        self.plans = listing.plans
        current = select_key or self.controller.plan.key
        self.plan_combo.blockSignals(True)
        self.plan_combo.clear()
        for plan in self.plans:
            suffix = "" if plan.builtin else self.tr(" (yours)")
            self.plan_combo.addItem(
                f"{plan.name}{suffix} · {format_duration(plan.total_seconds)}", plan.key
            )
        found = self.plan_combo.findData(current)
        index = max(0, found)
        self.plan_combo.setCurrentIndex(index)
        self.plan_combo.blockSignals(False)
        if listing.warnings:
            self._say(
                self.tr("Some saved plans are damaged and were skipped: ")
                + " ".join(listing.warnings),
                error=True,
            )
        chosen = self.plans[index]
        changed = chosen != self.controller.plan
        # A plan that is not in the list (the session's run-sheet plan) stays loaded.
        foreign = found < 0 and bool(self.controller.plan.key)
        if select_key or (changed and not foreign and self.controller.state is TimerState.IDLE):
            self.controller.load_plan(chosen)
        self._plan_loaded(self.controller.plan)

    def _plan_chosen(self, index: int) -> None:
        if self._timer_busy():
            self.plan_combo.setCurrentIndex(
                max(0, self.plan_combo.findData(self.controller.plan.key))
            )
            return
        if 0 <= index < len(self.plans):
            self.controller.load_plan(self.plans[index])
            if not self.plan_combo.hasFocus():  # chosen with the mouse: the keys go back
                self.setFocus()

    def _plan_loaded(self, plan: Plan) -> None:
        self._show_in_combo(plan)
        self.editing = None
        self.plan_description.setText(plan.description)
        self.delete_button.setEnabled(not plan.builtin)
        self._fill_table(plan)
        self._update_groups()
        self._set_editable(not plan.builtin)

    def _fill_table(self, plan: Plan) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for phase in plan.phases:
            self._append_row(phase)
        self.table.blockSignals(False)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab goes from the phases through their group choices to Add phase: the combos are
        made after the buttons, so Qt would put them last on the page."""
        previous: QWidget = self.table
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 2)
            if combo is not None:
                QWidget.setTabOrder(previous, combo)
                previous = combo
        QWidget.setTabOrder(previous, self.add_phase_button)

    def _append_row(self, phase: Phase) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(phase.name))
        self.table.setItem(row, 1, QTableWidgetItem(format_duration(phase.seconds)))
        combo = QComboBox()
        for group in GROUP_CHOICES:
            combo.addItem(
                {"1": self.tr("Alone"), "2": self.tr("Pairs"), "4": self.tr("Foursomes")}.get(
                    str(group), self.tr("All")
                ),
                str(group),
            )
        combo.setCurrentIndex(GROUP_CHOICES.index(phase.group))
        combo.setAccessibleName(self.tr("Groups in phase {n}").replace("{n}", str(row + 1)))
        # Room for the longest choice beside the arrow, at any font size.
        longest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(4))
        arrow = combo.style().pixelMetric(combo.style().PixelMetric.PM_ScrollBarExtent)
        combo.setMinimumWidth(longest + arrow + 24)
        self.table.setCellWidget(row, 2, combo)
        question = QTableWidgetItem(phase.invitation)
        question.setToolTip(phase.invitation)
        self.table.setItem(row, 3, question)
        name_item = self.table.item(row, 0)
        if name_item is not None:
            name_item.setData(Qt.ItemDataRole.UserRole, phase.cycle)

    def _set_editable(self, editable: bool) -> None:
        triggers = (
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            if editable
            else QAbstractItemView.EditTrigger.NoEditTriggers
        )
        self.table.setEditTriggers(triggers)
        for row in range(self.table.rowCount()):
            widget = self.table.cellWidget(row, 2)
            if widget is not None:
                widget.setEnabled(editable)
        for button in (self.add_phase_button, self.remove_phase_button, self.save_button):
            button.setEnabled(editable)
        self.copy_button.setText(self.tr("Copy to edit") if not editable else self.tr("Copy"))

    def table_plan(self) -> Plan:
        """The plan as typed in the table (not yet validated); ValueError on a bad time."""
        base = self.controller.plan
        phases: list[Phase] = []
        for row in range(self.table.rowCount()):
            name_item = self.table.item(row, 0)
            time_item = self.table.item(row, 1)
            question_item = self.table.item(row, 3)
            combo = self.table.cellWidget(row, 2)
            name = name_item.text() if name_item else ""
            time_text = time_item.text() if time_item else ""
            try:
                seconds = parse_duration(time_text)
            except ValueError:
                raise PlanError(
                    self.tr(
                        "Phase {n}: “{text}” is not a time. Type minutes (2) or minutes:seconds "
                        "(1:30)."
                    )
                    .replace("{n}", str(row + 1))
                    .replace("{text}", time_text)
                ) from None
            group = (
                GroupSize(combo.currentData()) if isinstance(combo, QComboBox) else GroupSize.ALL
            )
            cycle = int(name_item.data(Qt.ItemDataRole.UserRole) or 0) if name_item else 0
            phases.append(
                Phase(name, seconds, question_item.text() if question_item else "", group, cycle)
            )
        return replace(base, phases=tuple(phases))

    def _show_in_combo(self, plan: Plan) -> None:
        """The combo shows the plan actually loaded; one that is not among the presets and
        saved plans (the session's run-sheet plan) is added, or replaces its older version."""
        index = next((i for i, known in enumerate(self.plans) if known == plan), -1)
        label = f"{plan.name} · {format_duration(plan.total_seconds)}"
        if index < 0 and plan.key:
            index = next((i for i, known in enumerate(self.plans) if known.key == plan.key), -1)
            if index >= 0:
                self.plans[index] = plan
                self.plan_combo.setItemText(index, label)
        if index < 0:
            self.plans.append(plan)
            self.plan_combo.addItem(label, plan.key)
            index = len(self.plans) - 1
        blocker = QSignalBlocker(self.plan_combo)
        self.plan_combo.setCurrentIndex(index)
        blocker.unblock()

    def _timer_busy(self) -> bool:
        """True (and says so) while the room's timer runs: changing plans would reset it."""
        if self.controller.state in (TimerState.RUNNING, TimerState.PAUSED):
            self._say(
                self.tr(
                    "The timer is running. Reset it (X) first, then change or copy the plan: "
                    "changing plans starts the timer again from the top."
                ),
                error=True,
            )
            return True
        return False

    def copy_current(self) -> None:
        if self._timer_busy():
            return
        plan = copy_plan(self.controller.plan)
        self.plans.append(plan)
        self.plan_combo.addItem(plan.name + self.tr(" (not saved)"), "")
        self.controller.load_plan(plan)
        self._say(self.tr("This is your copy: edit the phases, then press Save plan."))

    def add_phase(self) -> None:
        self._append_row(Phase(self.tr("New phase"), 60, "", GroupSize.ALL))
        self._order_tabs()
        self._set_editable(True)

    def remove_phase(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)

    def save_current(self) -> None:
        """Validate what is typed and save it; on a problem, say what to fix and keep the
        typed text in the table."""
        try:
            plan = validate_plan(self.table_plan())
        except PlanError as exc:
            self._say(str(exc), error=True)
            return
        store = self.context.store

        def saved(result: Plan) -> None:
            self._say(self.tr("Saved “{name}”.").replace("{name}", result.name))
            self.reload_plans(select_key=result.key)

        self.context.worker.run(
            lambda: save_plan(store, plan),
            saved,
            lambda error: self._say(str(error), error=True),
        )

    def delete_current(self) -> None:
        plan = self.controller.plan
        if plan.builtin:
            return
        if not plan.key:  # an unsaved copy: just drop it
            self.reload_plans(select_key=builtin_plans()[0].key)
            return
        store = self.context.store
        self.context.worker.run(
            lambda: delete_plan(store, plan.key),
            lambda _result: self.reload_plans(select_key=builtin_plans()[0].key),
            lambda error: self._say(str(error), error=True),
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b91c1c;" if error else "color: #14532d;")
        self.message.setText(text)

    # ------------------------------------------------------------------ options

    def _auto_advance_changed(self, on: bool) -> None:
        """The engine's auto-advance changed (the session's run sheet turns it on): the
        checkbox follows, without telling the controller again."""
        blocker = QSignalBlocker(self.auto_check)
        self.auto_check.setChecked(on)
        blocker.unblock()

    def _toggle_auto(self) -> None:
        self.auto_check.setChecked(not self.auto_check.isChecked())

    def _toggle_mute(self) -> None:
        self.mute_check.setChecked(not self.mute_check.isChecked())

    def _warning_changed(self, seconds: int) -> None:
        self.controller.set_warning_seconds(seconds)
        self.context.settings.timer_warning_seconds = seconds
        self.context.save_settings()

    def _volume_changed(self, value: int) -> None:
        self.controller.bells.set_volume(value / 100)
        self.context.settings.bell_volume = value / 100
        self.context.save_settings()

    def _mute_changed(self, muted: bool) -> None:
        self.controller.bells.set_muted(muted)
        self.context.settings.bell_muted = muted
        self.context.save_settings()

    def _bilingual_changed(self, bilingual: bool) -> None:
        self.preview.set_bilingual(bilingual)
        scene = self.context.audience.scene(Scene.TIMER)
        if isinstance(scene, TimerScene):
            scene.set_bilingual(bilingual)
        self.context.settings.timer_bilingual = bilingual
        self.context.save_settings()

    def test_bell(self) -> None:
        if not self.controller.bells.play(Bell.CHIME):
            self.preview.flash()
            scene = self.context.audience.scene(Scene.TIMER)
            if isinstance(scene, TimerScene):
                scene.flash()

    def show_help(self) -> None:
        self.help_overlay.open()

    # ------------------------------------------------------------------ projector

    def toggle_projector(self) -> None:
        """Slides ↔ timer on the audience window, without losing the slide."""
        audience = self.context.audience
        shown = audience.toggle(Scene.TIMER)
        if shown == Scene.TIMER and not audience.isVisible():
            audience.show_on_projector()
        self._update_projector_label()

    def _update_projector_label(self) -> None:
        audience = self.context.audience
        shown = audience.current_scene
        names = {
            Scene.SLIDES: self.tr("the slides"),
            Scene.BLACK: self.tr("a black screen"),
            Scene.WHITE: self.tr("a white screen"),
        }
        if shown == Scene.TIMER:
            text = self.tr("The projector shows the timer. Press T to go back.")
        else:
            text = self.tr("The projector shows {scene}. Press T for the timer.").replace(
                "{scene}", names.get(shown, shown or self.tr("nothing"))
            )
        if not audience.isVisible():
            text += " " + self.tr("(The audience window is not open yet.)")
        self.projector_label.setText(text)

    # ------------------------------------------------------------------ status

    def _status_changed(self, status: TimerStatus) -> None:
        labels = {
            TimerState.IDLE: self.tr("Start (Space)"),
            TimerState.RUNNING: self.tr("Pause (Space)"),
            TimerState.PAUSED: self.tr("Resume (Space)"),
            TimerState.DONE: self.tr("Start again (Space)"),
        }
        self.start_button.setText(labels[status.state])
        self._update_projector_label()
        self._highlight_row(status)

    def _highlight_row(self, status: TimerStatus) -> None:
        if status.state in (TimerState.IDLE, TimerState.DONE) or self.editing is not None:
            return
        editing = self.table.state() == QAbstractItemView.State.EditingState
        if self.table.rowCount() > status.phase_index and not editing:
            self.table.selectRow(status.phase_index)

    def _update_groups(self) -> None:
        people = self.people_spin.value()
        # The room sees its split too, on the projector and in the preview.
        self.preview.set_people(people)
        if self.context.audience.has_scene(Scene.TIMER):
            projector = self.context.audience.scene(Scene.TIMER)
            if isinstance(projector, TimerScene):
                projector.set_people(people)
        if people <= 0:
            self.groups_label.setText(self.tr("Enter the number of people to see the groups."))
            return
        seen: list[GroupSize] = []
        for phase in self.controller.plan.phases:
            if phase.group not in seen:
                seen.append(phase.group)
        lines = []
        for group in sorted(seen, key=GROUP_CHOICES.index):
            name = {"1": self.tr("Alone"), "2": self.tr("Pairs"), "4": self.tr("Foursomes")}.get(
                str(group), self.tr("All")
            )
            lines.append(f"<b>{name}</b>: {describe(people, group)}")
        self.groups_label.setText("<br>".join(lines))
