"""Present mode: the deck on the projector, the presenter view (notes, clocks) on the laptop.

Pieces (each its own module beside this one):
- `state.Presentation`: the state of a talk (deck, current slide, black/white, rendering ahead,
  the clock, whose arithmetic is `hexikit.decks.talk_clock.TalkClock`).
- `slide_view.SlideView`: paints a pre-rendered slide image (never renders on a key press).
- `slide_view.SlidesScene`: the stage scene (`hexikit.ui.stage.SLIDES`) the audience sees;
  other capabilities use its public methods to show a slide or start presenting.
- `overview`: the overview grid and the help overlay drawn over the presenter view.
- `keys.KeyBindings`: the presenter's keys, one table.
- `PresentPage` (here): the mode page with the presenter view, its keys, the overview grid,
  the help overlay and the deck's problems.

Keys are one table (`KeyBindings`); other capabilities add theirs with `add_key`, and every
key appears in the help overlay. Keys pressed in the audience window come through its
`keyPressed` signal to the same handler.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFocusEvent,
    QFont,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hexikit.base.durations import Rounding, format_countdown, format_duration
from hexikit.decks.deck import Deck, Problem
from hexikit.decks.loading import load_deck
from hexikit.decks.markdown import fit_deferred, fit_problems
from hexikit.decks.talk_clock import PaceStanding, pace_standing
from hexikit.ui.context import AppContext
from hexikit.ui.present.controls import KeysCue, PresenterButton, TitleBar
from hexikit.ui.present.decks import (
    builtin_deck,
    is_builtin,
    other_deck_label,
    other_deck_tip,
    other_language,
)
from hexikit.ui.present.kept_frames import FRAMES_FOLDER, KeptFrames
from hexikit.ui.present.keys import KeyBindings, KeySpec
from hexikit.ui.present.notes_panel import NotesPanel
from hexikit.ui.present.overview import HelpOverlay, OverlayKeeper, OverviewGrid
from hexikit.ui.present.render import slide_size_for
from hexikit.ui.present.slide_view import SlidesScene, SlideView
from hexikit.ui.present.state import Presentation
from hexikit.ui.screens import ScreenPlacer, identify_screens
from hexikit.ui.stage import AudienceWindow, Scene, scene_label
from hexikit.ui.widgets import a11y
from hexikit.ui.widgets.elided_label import ElidedLabel

log = logging.getLogger(__name__)

#: How long "the slide did not move" stays on the presenter view after a refused slide key.
BLOCKED_HINT_SECONDS = 4.0
DECK_FILTER = QT_TRANSLATE_NOOP(
    "PresentPage", "Decks (*.md *.markdown *.txt *.pdf *.pptx);;All files (*)"
)


class _ClockLabel(QLabel):
    def __init__(self, object_name: str, size_px: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        font = QFont("DejaVu Sans")
        font.setPixelSize(size_px)
        font.setBold(True)
        self.setFont(font)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)


class PresentPage(QWidget):
    """The Present mode page: the presenter view and its controls.

    Signals:
        slideChanged(int): the current slide number changed.
        deckLoaded(str): a deck was loaded (its path).
    """

    slideChanged = Signal(int)
    deckLoaded = Signal(str)

    @classmethod
    def mode_title(cls) -> str:
        return QCoreApplication.translate("PresentPage", "Present")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.audience: AudienceWindow = context.audience
        self.presentation = Presentation(context.worker, context.clock, self)
        self.presentation.cache.kept = KeptFrames(context.data_dir / FRAMES_FOLDER)
        self.presentation.slideChanged.connect(self._slide_changed)
        self.presentation.deckChanged.connect(self._deck_changed)
        self.presentation.blankChanged.connect(self._blank_changed)
        self.presentation.clockChanged.connect(self._tick)
        self.presentation.presentingChanged.connect(self._presenting_changed)
        # The page itself is a Tab stop: with the keyboard here, every key is a slide key.
        # Its focus shows as the cue round the current slide (`KeysCue`), not as the app's
        # ring, which round the whole page would only frame the window.
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setProperty(a11y.NO_RING, True)
        self.setAccessibleName(self.tr("Presenter view"))
        self.setAccessibleDescription(
            self.tr(
                "The keys move the slides: Right or Page Down next, Left or Page Up back, "
                "G every slide, ? every key. Tab moves to the buttons."
            )
        )
        self._digits = ""
        self._blocked_at: float | None = None
        self.keys = KeyBindings()
        self._build()
        self.scene = SlidesScene(self)
        self.audience.add_scene(Scene.SLIDES, self.scene)
        self.audience.keyPressed.connect(self.handle_key)
        self.screens = ScreenPlacer(
            self.audience,
            lambda: self,
            context.settings.audience_screen_by_name,
            context.save_settings,
            self,
        )
        self.screens.placementChanged.connect(self._update_screen_label)
        # The timer and the run sheet show the stage through this too, so it lands full screen
        # on the projector even when no slide was ever shown.
        self.audience.set_placer(self.screens.show_audience)
        # The stage's one way back to the talk: the slides where they were (Shift+F5, T).
        self.audience.set_talk(self.resume_talk)
        self.audience.sceneChanged.connect(self._scene_changed)
        self.help_overlay = HelpOverlay(self.keys, self)
        self.grid = OverviewGrid(self.presentation, self)
        self.grid.slideChosen.connect(self.presentation.go_to)
        self.overlays = OverlayKeeper(self, self.help_overlay, self.grid)
        self._add_default_keys()
        self._add_menu_actions(parent)
        # Rehearse mode, teleprompter, notes editing and deck import (issue 8) plug in here.
        from hexikit.ui.rehearse.coach import attach_rehearsal

        self.rehearsal = attach_rehearsal(self, self)
        self._set_tab_order()
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(0)
        self._notes_timer.timeout.connect(self._refresh_notes)
        self._timer = QTimer(self)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._tick()
        last = context.settings.last_deck_path
        # Started to present a given deck (`hexikit present`): that one is opened by the
        # command, and reading the last deck first would only keep slide 1 waiting.
        if not context.presenting_on_start:
            self.open_deck(Path(last) if last and Path(last).exists() else builtin_deck())

    # Building -----------------------------------------------------------------------------

    def _button(self, text: str, slot: Callable[[], None], name: str) -> QPushButton:
        button = PresenterButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _=False: slot())
        return button

    def _set_tab_order(self) -> None:
        """Tab goes down the page as it is drawn: the page (the slide keys), its top bar, the
        rehearsal bar, the notes' size, the deck's problems. (The rehearsal bar is built after
        the page's own controls, so Qt's creation order would put it last.)"""
        a11y.chain(
            *self.top_buttons,
            *self.rehearsal.controls(),
            self.smaller_button,
            self.larger_button,
            self.problems,
        )

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        buttons_widget = QWidget()
        buttons = QHBoxLayout(buttons_widget)
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addStretch(1)
        self.deck_label = ElidedLabel()
        self.deck_label.setObjectName("deckTitle")
        bold = self.deck_label.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.2)
        self.deck_label.setFont(bold)
        self.start_button = self._button(self.tr("Start (F5)"), lambda: self.start_show(1), "start")
        self.open_button = self._button(self.tr("Open deck…"), self.choose_deck, "openDeck")
        self.builtin_button = self._button(
            self.tr("Built-in deck"), lambda: self.open_deck(builtin_deck()), "builtinDeck"
        )
        self.other_deck_button = self._button(
            other_deck_label(), lambda: self.open_deck(builtin_deck(other_language())), "otherDeck"
        )
        self.other_deck_button.setToolTip(other_deck_tip())
        self.pause_button = self._button(
            self.tr("Pause clock"), self.presentation.toggle_clock, "pauseClock"
        )
        self.reset_button = self._button(
            self.tr("Reset clock"), self.presentation.reset_clock, "resetClock"
        )
        self.swap_button = self._button(self.tr("Swap screens (S)"), self.swap_screens, "swap")
        self.identify_button = self._button(
            self.tr("Identify screens"), self.identify_screens, "identify"
        )
        self.help_button = self._button(self.tr("Keys (?)"), self.show_help, "help")
        #: The top bar's buttons, in the order drawn (and tabbed through).
        self.top_buttons: tuple[QPushButton, ...] = (
            self.start_button,
            self.pause_button,
            self.reset_button,
            self.open_button,
            self.builtin_button,
            self.other_deck_button,
            self.swap_button,
            self.identify_button,
            self.help_button,
        )
        for button in self.top_buttons:
            buttons.addWidget(button)
        # The deck's title, then the buttons on the right; the buttons go under the title when
        # they would leave it too little room (a large system font on a laptop).
        self.title_bar = TitleBar(self.deck_label, buttons_widget)
        layout.addWidget(self.title_bar)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        # The slide views are pictures (NoFocus): the page has the keyboard for them.
        self.current_view = SlideView(self.presentation, "current", 0, follow_blank=True)
        self.current_view.setObjectName("currentSlide")
        self.current_view.setAccessibleName(self.tr("Current slide"))
        self.current_view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.keys_cue = KeysCue(self.current_view)
        self.keys_cue.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        top_layout.addWidget(self.keys_cue, 3)
        side = QVBoxLayout()
        self.next_label = QLabel(self.tr("Next"))
        side.addWidget(self.next_label)
        self.next_view = SlideView(self.presentation, "next", 1)
        self.next_view.setObjectName("nextSlide")
        self.next_view.setAccessibleName(self.next_label.text())
        self.next_view.setMinimumSize(240, 135)
        side.addWidget(self.next_view, 2)
        self.position_label = _ClockLabel("slidePosition", 30)
        self.elapsed_label = _ClockLabel("elapsed", 46)
        self.countdown_label = _ClockLabel("countdown", 34)
        self.time_of_day_label = _ClockLabel("timeOfDay", 22)
        self.pace_label = _ClockLabel("pace", 20)
        self.status_label = QLabel()
        self.status_label.setObjectName("showStatus")
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_label.setWordWrap(True)
        for widget in (
            self.position_label,
            self.elapsed_label,
            self.countdown_label,
            self.pace_label,
            self.time_of_day_label,
            self.status_label,
        ):
            side.addWidget(widget)
        side.addStretch(1)
        top_layout.addLayout(side, 2)
        splitter.addWidget(top)

        self.notes_panel = NotesPanel(self.context)
        self.notes_panel.slideChosen.connect(self.presentation.go_to)
        # What the menus, the Tab order and the tests reach through the page.
        self.notes = self.notes_panel.notes
        self.smaller_button = self.notes_panel.smaller_button
        self.larger_button = self.notes_panel.larger_button
        self.problems = self.notes_panel.problems
        splitter.addWidget(self.notes_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

    def slides_on_projector(self) -> bool:
        """False while another capability (timer, match board, feedback) holds the projector.

        Slide keys then leave the hidden slides alone: a clicker press during the timer must
        not move the talk on behind the room's back.
        """
        if not self.audience.isVisible():
            return True
        return self.audience.shows_talk()

    def _if_slides_shown(self, move: Callable[[], object]) -> Callable[[], object]:
        def guarded() -> object:
            if self.slides_on_projector():
                return move()
            # Said in the status line, which the clock's repaint keeps until it expires.
            self._blocked_at = self.context.clock.monotonic()
            self._tick()
            return None

        return guarded

    def _add_default_keys(self) -> None:
        p = self.presentation
        k = Qt.Key
        self.add_key(
            [
                k.Key_Right,
                k.Key_Down,
                k.Key_PageDown,
                k.Key_Space,
                k.Key_Return,
                k.Key_Enter,
                k.Key_N,
            ],
            self._if_slides_shown(p.next),
            self.tr("Next slide"),
        )
        self.add_key(
            [k.Key_Left, k.Key_Up, k.Key_PageUp, k.Key_Backspace, k.Key_P],
            self._if_slides_shown(p.previous),
            self.tr("Previous slide"),
        )
        self.add_key(k.Key_Home, self._if_slides_shown(lambda: p.go_to(1)), self.tr("First slide"))
        self.add_key(
            k.Key_End, self._if_slides_shown(lambda: p.go_to(p.count)), self.tr("Last slide")
        )
        self.add_key(
            [k.Key_B, k.Key_Period], lambda: p.toggle_blank(Scene.BLACK), self.tr("Black screen")
        )
        self.add_key(
            [k.Key_W, k.Key_Comma], lambda: p.toggle_blank(Scene.WHITE), self.tr("White screen")
        )
        self.add_key(
            QKeySequence("F5"), lambda: self.start_show(1), self.tr("Start from the first slide")
        )
        self.add_key(
            QKeySequence("Shift+F5"),
            lambda: self.start_show(p.current, reset_clock=False),
            self.tr("Start from the current slide"),
        )
        self.add_key(k.Key_Escape, self.end_show, self.tr("End the show (back to this view)"))
        # Not Tab: Tab moves the keyboard to the page's buttons like everywhere else.
        self.add_key(k.Key_G, self.show_grid, self.tr("Overview of all slides"))
        self.add_key([k.Key_Question, QKeySequence("F1")], self.show_help, self.tr("This help"))
        self.add_key(
            [k.Key_Plus, k.Key_Equal], lambda: self.change_notes_size(2), self.tr("Larger notes")
        )
        self.add_key(
            [k.Key_Minus, k.Key_Underscore],
            lambda: self.change_notes_size(-2),
            self.tr("Smaller notes"),
        )
        self.add_key(k.Key_S, self.swap_screens, self.tr("Swap the screens"))

    def _add_menu_actions(self, parent: QWidget | None) -> None:
        if not isinstance(parent, QMainWindow):
            return
        menu = getattr(parent, "file_menu", None)
        if menu is None:
            return
        open_action = QAction(self.tr("Open &deck…"), self)
        open_action.setObjectName("openDeckAction")
        open_action.triggered.connect(self.choose_deck)
        builtin_action = QAction(self.tr("Open the &built-in deck"), self)
        builtin_action.triggered.connect(lambda _=False: self.open_deck(builtin_deck()))
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, open_action)
        menu.insertAction(first, builtin_action)
        if first is not None:
            menu.insertSeparator(first)

    # Public API for other capabilities ---------------------------------------------------

    def add_key(self, key: KeySpec, callback: Callable[[], object], description: str) -> None:
        """Bind a key (it then also appears in the help overlay). Later bindings win."""
        self.keys.add(key, callback, description)

    def show_slide(self, number: int) -> None:
        self.presentation.go_to(number)

    def resume_talk(self) -> None:
        """The slides back on the projector where the talk left off (the stage's way back to
        the talk, whoever asks: Shift+F5 on any page, T on the timer)."""
        if self.presentation.count == 0:
            self.audience.show_scene(Scene.SLIDES)
            return
        self.start_show(self.presentation.current, reset_clock=False)

    def current_slide(self) -> int:
        return self.presentation.current

    # Deck ---------------------------------------------------------------------------------

    def choose_deck(self) -> None:
        start = self.context.settings.last_deck_path or str(Path.home())
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open a deck"), start, self.tr(str(DECK_FILTER))
        )
        if path:
            self.open_deck(Path(path))

    def open_deck(
        self,
        path: Path,
        on_loaded: Callable[[Deck], None] | None = None,
        start_at: int = 1,
        read: Deck | None = None,
    ) -> None:
        """Load a deck off the GUI thread, then show it (and call `on_loaded`); `read` is the
        deck already read from `path` (`hexikit present` reads it before Qt starts)."""
        self.deck_label.set_full_text(self.tr("Opening {name}…").replace("{name}", path.name))

        def loaded(deck: Deck) -> None:
            self.presentation.set_deck(deck, start_at)
            if deck.source_path is not None:
                remembered = "" if is_builtin(deck.source_path) else str(deck.source_path)
                if remembered != self.context.settings.last_deck_path:
                    self.context.settings.last_deck_path = remembered
                    self.context.save_settings()
            self.deckLoaded.emit(str(deck.source_path or path))
            if on_loaded is not None:
                on_loaded(deck)
            # The overflow warnings, measured once slide 1 is on screen (started sooner, the
            # measuring held up its paint).
            self.presentation.after_first_paint(
                lambda: self.context.worker.run(
                    lambda: fit_problems(deck),
                    lambda found: self._add_problems(deck, found),
                    lambda error: log.warning("measuring %s failed: %s", path, error),
                    lane="io",
                )
            )

        def failed(error: BaseException) -> None:
            # load_deck does not raise on bad input; this is a bug, but never a crash.
            log.error("loading deck %s failed", path, exc_info=error)
            self.deck_label.set_full_text(
                self.tr("The deck could not be opened: {error}").replace("{error}", str(error))
            )

        def load() -> Deck:
            with fit_deferred():  # slide 1 first; the overflow measure comes after
                return load_deck(path)

        if read is not None:
            loaded(read)
            return
        self.context.worker.run(load, loaded, failed, lane="io")

    def _add_problems(self, deck: Deck, found: list[Problem]) -> None:
        if found and self.presentation.deck is deck:
            deck.problems.extend(found)
            self.notes_panel.show_problems(deck)

    def _deck_changed(self) -> None:
        deck = self.presentation.deck
        if deck is None:
            return
        title = deck.title
        if deck.target_minutes:
            title += "  ·  " + self.tr("{minutes} min").replace(
                "{minutes}", f"{deck.target_minutes:g}"
            )
        self.deck_label.set_full_text(title)
        self.notes_panel.show_problems(deck)
        self._expect_audience_size()
        self._show_notes()
        self._tick()

    # Show ---------------------------------------------------------------------------------

    def start_show(self, from_slide: int = 1, reset_clock: bool = True) -> None:
        """Start presenting: the audience window shows the slides on its screen."""
        if self.presentation.count == 0:
            return
        self._expect_audience_size()
        self.audience.show_scene(Scene.SLIDES)
        self.presentation.start(from_slide, reset_clock)
        self.screens.show_audience()
        if self.isVisible():  # from another page (T on the Timer page) the keys stay there
            self.setFocus()

    def end_show(self) -> None:
        """End the show: the audience window goes away; the app keeps running."""
        if self.overlays.current() is not None:
            return
        self.presentation.end()
        if self.audience.current_scene in (Scene.SLIDES, Scene.BLACK, Scene.WHITE):
            self.screens.hide_audience()
        # Back to the presenter view, in front, with the keys.
        window = self.window()
        window.raise_()
        window.activateWindow()
        self.setFocus()

    def _presenting_changed(self, presenting: bool) -> None:
        self.start_button.setText(self.tr("Restart (F5)") if presenting else self.tr("Start (F5)"))
        self._tick()

    def _scene_changed(self, name: str) -> None:
        # The stage is the one owner: when someone else put the slides back, the presenter
        # view must not keep a black-screen veil the room no longer sees.
        if name == Scene.SLIDES and self.presentation.blank:
            self.presentation.set_blank("")
        if self.slides_on_projector():
            self._blocked_at = None
        self._tick()

    def _blank_changed(self, kind: str) -> None:
        if kind == Scene.BLACK:
            self.audience.show_scene(Scene.BLACK)
        elif kind == Scene.WHITE:
            self.audience.show_scene(Scene.WHITE)
        elif self.audience.current_scene in (Scene.BLACK, Scene.WHITE):
            self.audience.show_scene(Scene.SLIDES)
        self._tick()

    def swap_screens(self) -> None:
        self.screens.swap()

    def identify_screens(self) -> None:
        self._identify = identify_screens(placement=self.screens.planned_placement())

    def _update_screen_label(self) -> None:
        if not self.scene.isVisible():
            self._expect_audience_size()
        self._tick()

    def _expect_audience_size(self) -> None:
        """Render for the audience window's size before it is even shown, so the first slide
        of the show is ready when F5 is pressed."""
        expected = self.screens.expected_audience_size()
        if expected is not None:
            self.presentation.set_view_size("audience", slide_size_for(expected))

    # Keys ---------------------------------------------------------------------------------

    def focusNextPrevChild(self, next: bool) -> bool:
        # An open overlay covers the page like a dialog: Tab must not wander to the buttons
        # hidden under it. Refused here, Tab goes to the overlay's keys (the help closes on
        # any key, the grid ignores it).
        if self.overlays.current() is not None:
            return False
        return super().focusNextPrevChild(next)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.keys_cue.set_lit(True)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.keys_cue.set_lit(False)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Handle a key from the presenter view or the audience window. True if used."""
        overlay = self.overlays.current()
        if overlay is not None:
            event.accept()
            return overlay.handle_key(event)
        key = int(event.key())
        plain = not (
            event.modifiers()
            & (
                Qt.KeyboardModifier.ControlModifier
                | Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.MetaModifier
            )
        )
        if plain and Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            digit = int(key) - int(Qt.Key.Key_0)
            self._digits = (self._digits + str(digit))[-4:]
            self._tick()
            event.accept()
            return True
        if self._digits:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                number = int(self._digits)
                self._digits = ""
                self._if_slides_shown(lambda: self.presentation.go_to(number))()
                self._tick()
                event.accept()
                return True
            if key == Qt.Key.Key_Backspace:
                self._digits = self._digits[:-1]
                self._tick()
                event.accept()
                return True
            if key == Qt.Key.Key_Escape:
                self._digits = ""
                self._tick()
                event.accept()
                return True
            self._digits = ""
        binding = self.keys.find(event)
        if binding is None:
            return False
        event.accept()
        binding.callback()
        return True

    def show_help(self) -> None:
        self.overlays.open(self.help_overlay)

    def show_grid(self) -> None:
        self.overlays.open(self.grid)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.overlays.fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus()

    # Notes and clocks ---------------------------------------------------------------------

    def change_notes_size(self, delta: int) -> None:
        self.notes_panel.change_size(delta)

    def _show_notes(self) -> None:
        self.notes_panel.show_notes(self.presentation.slide(self.presentation.current))

    def _slide_changed(self, number: int) -> None:
        # The slides repaint first; notes and labels follow right after (a zero timer), so a
        # long note never delays the projector.
        self._notes_timer.start()
        self.slideChanged.emit(number)

    def _show_pace(self, pace: float | None) -> None:
        """Like pdfpc: say so (and colour it) when more than a minute off the plan."""
        if pace is None:
            self.pace_label.setText("")
            return
        standing = pace_standing(pace)
        if standing is PaceStanding.BEHIND:
            self.pace_label.setText(
                self.tr("{time} behind plan").replace("{time}", format_duration(pace))
            )
            self._set_style(self.pace_label, "color: #8a4b00;")
        elif standing is PaceStanding.AHEAD:
            self.pace_label.setText(
                self.tr("{time} ahead of plan").replace("{time}", format_duration(-pace))
            )
            self._set_style(self.pace_label, "color: #00545c;")
        else:
            self.pace_label.setText(self.tr("on plan"))
            self._set_style(self.pace_label, "color: #3a3a3a;")

    @staticmethod
    def _set_style(label: QLabel, style: str) -> None:
        # Style sheets re-polish the widget: only set one when it changes.
        if label.styleSheet() != style:
            label.setStyleSheet(style)

    def is_settled(self) -> bool:
        """True when nothing is left to do after a slide change (renders, notes)."""
        return (
            not self._notes_timer.isActive()
            and not self.presentation.prefetch_pending()
            and self.context.worker.pending == 0
        )

    def _refresh_notes(self) -> None:
        self._show_notes()
        self._tick()

    def _tick(self) -> None:
        p = self.presentation
        count = p.count
        position = (
            self.tr("slide {n} / {total}")
            .replace("{n}", str(p.current))
            .replace("{total}", str(count))
        )
        if self._digits:
            position = self.tr("go to slide {n}…").replace("{n}", self._digits)
        elsewhere = not self.slides_on_projector()
        if elsewhere:
            # The presenter view says what the room sees, never "slide 3/10, on plan" while
            # the timer (or the match board, the feedback…) is up.
            position = self.tr("Room sees {scene}").replace(
                "{scene}", scene_label(self.audience.current_scene)
            )
        self.position_label.setText(position)
        elapsed = p.elapsed()
        self.elapsed_label.setText(format_duration(elapsed, Rounding.DOWN))
        self.elapsed_label.setToolTip(self.tr("Time elapsed"))
        remaining = p.remaining()
        if remaining is None:
            self.countdown_label.setText("")
        elif remaining >= 0:
            self.countdown_label.setText(
                self.tr("{time} left").replace("{time}", format_countdown(remaining))
            )
            self._set_style(self.countdown_label, "color: #111111;")
        else:
            self.countdown_label.setText(
                self.tr("+{time} over").replace(
                    "{time}", format_duration(-remaining, Rounding.DOWN)
                )
            )
            self._set_style(
                self.countdown_label, "color: #ffffff; background: #c0001a; border-radius: 6px;"
            )
        self._show_pace(None if elsewhere else p.pace())
        now = self.context.clock.now().astimezone()
        self.time_of_day_label.setText(now.strftime("%H:%M"))
        # "Resume" only for a clock that has run: before the talk it is "Start".
        if p.clock_running:
            self.pause_button.setText(self.tr("Pause clock"))
        elif p.elapsed() > 0:
            self.pause_button.setText(self.tr("Resume clock"))
        else:
            self.pause_button.setText(self.tr("Start clock"))
        status: list[str] = []
        if elsewhere:
            blocked = self._blocked_at is not None and (
                self.context.clock.monotonic() - self._blocked_at < BLOCKED_HINT_SECONDS
            )
            if blocked:
                status.append(self.tr("The slide did not move: the room does not see the slides."))
            status.append(
                self.tr(
                    "The projector shows {scene}. Shift+F5 brings the slides back at slide "
                    "{n} of {total}."
                )
                .replace("{scene}", scene_label(self.audience.current_scene))
                .replace("{n}", str(p.current))
                .replace("{total}", str(count))
            )
        if not p.clock_running and elapsed > 0:
            status.append(self.tr("Clock paused"))
        if p.presenting:
            status.append(self.tr("Presenting"))
            screen = self.screens.placement.audience
            if screen and self.screens.placement.audience_fullscreen:
                status.append(self.tr("audience on {screen}").replace("{screen}", screen))
            elif screen:
                status.append(self.tr("one screen: audience in its own window"))
        if p.blank:
            status.append(
                self.tr("Audience sees: black")
                if p.blank == Scene.BLACK
                else self.tr("Audience sees: white")
            )
        self.status_label.setText("  ·  ".join(status))


def present_page(window: QWidget) -> PresentPage | None:
    """The Present page of a main window, if it has one (built now if it was not yet)."""
    build = getattr(window, "page", None)
    if callable(build):
        with contextlib.suppress(ValueError):  # a window without a Present page
            build(PresentPage.__name__)
    found = window.findChild(PresentPage)
    return found if isinstance(found, PresentPage) else None


__all__ = ["PresentPage", "present_page"]
