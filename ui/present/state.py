"""The state of one talk as the presenter's widgets see it: deck, current slide, blanking,
rendering ahead, and the talk clock (the arithmetic lives in `hexikit.decks.talk_clock`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSize, QTimer, Signal
from PySide6.QtGui import QImage

from hexikit.base.clock import Clock
from hexikit.decks.deck import Deck, Slide
from hexikit.decks.talk_clock import TalkClock, planned_start
from hexikit.ui.present.render import SlideCache
from hexikit.ui.worker import Worker


class Presentation(QObject):
    """The state of one talk: deck, current slide, blanking and the talk clock.

    Signals:
        deckChanged(): a new deck was set (or the same one reloaded).
        slideChanged(int): the current slide number (1-based).
        blankChanged(str): "black", "white" or "" when the slide is shown.
        presentingChanged(bool): the show started (True) or ended (False).
        clockChanged(): the clock was started, paused, resumed or reset.
    """

    deckChanged = Signal()
    slideChanged = Signal(int)
    blankChanged = Signal(str)
    presentingChanged = Signal(bool)
    clockChanged = Signal()

    def __init__(self, worker: Worker, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self._worker = worker
        self.talk_clock = TalkClock(clock)
        self.cache = SlideCache(worker, self)
        #: the slide of a new deck whose first image is still awaited (0: none awaited)
        self._waiting_for_first = 0
        self._views_on_screen: set[str] = set()
        self._views_painted: set[str] = set()
        self._after_first: list[Callable[[], None]] = []
        # With no view on screen to paint it (the page not shown), the rest starts anyway.
        self._first_timer = QTimer(self)
        self._first_timer.setSingleShot(True)
        self._first_timer.setInterval(1000)
        self._first_timer.timeout.connect(self._release_rendering)
        self.deck: Deck | None = None
        self.current = 0
        self.blank = ""
        self.presenting = False
        self._sizes: dict[str, QSize] = {}
        self._prefetch_timer = QTimer(self)
        self._prefetch_timer.setSingleShot(True)
        self._prefetch_timer.setInterval(20)
        self._prefetch_timer.timeout.connect(self.prefetch)

    # Deck and slides ---------------------------------------------------------------------

    @property
    def count(self) -> int:
        return 0 if self.deck is None else len(self.deck.slides)

    def slide(self, number: int) -> Slide | None:
        return None if self.deck is None else self.deck.slide(number)

    def set_deck(self, deck: Deck, start_at: int = 1) -> None:
        self.deck = deck
        self.cache.set_deck(deck)
        self.current = min(max(1, start_at), len(deck.slides)) if deck.slides else 0
        # The slide shown (and the next one, in its view) first; the rest of the render-ahead
        # and the overview's thumbnails once those are in. Started together they shared the
        # render threads and the interpreter lock with it: slide 1 of a new deck came later.
        self._waiting_for_first = self.current
        self._views_painted.clear()
        self._first_timer.start()
        self.deckChanged.emit()
        self.prefetch()
        self.slideChanged.emit(self.current)

    def go_to(self, number: int) -> bool:
        """Show slide `number` (clamped to the deck). Returns True if the slide changed."""
        if self.count == 0:
            return False
        number = min(max(1, number), self.count)
        changed = number != self.current
        self.current = number
        if self.blank:
            self.set_blank("")
        if changed:
            self.slideChanged.emit(number)
            # Render ahead once this change is on screen, so the renders never compete with
            # the repaint of the slide just asked for.
            self._prefetch_timer.start()
        return changed

    def next(self) -> bool:
        if self.blank:
            self.set_blank("")
            return False
        return self.go_to(self.current + 1)

    def previous(self) -> bool:
        if self.blank:
            self.set_blank("")
            return False
        return self.go_to(self.current - 1)

    def set_blank(self, kind: str) -> None:
        """Black or white the audience screen ("" shows the slide again)."""
        if kind == self.blank:
            return
        self.blank = kind
        self.blankChanged.emit(kind)

    def toggle_blank(self, kind: str) -> None:
        self.set_blank("" if self.blank == kind else kind)

    # Rendering ahead ----------------------------------------------------------------------

    def set_view_size(self, name: str, size: QSize) -> None:
        """A view (audience, current, next) paints at this device size; render for it."""
        if self._sizes.get(name) == size:
            return
        self._sizes[name] = QSize(size)
        self.prefetch()

    def view_on_screen(self, name: str, shown: bool) -> None:
        """A view (current, next, audience) was shown or hidden."""
        if shown:
            self._views_on_screen.add(name)
        else:
            self._views_on_screen.discard(name)
        self._release_when_painted()

    def painted(self, name: str) -> None:
        """View `name` painted the real image of its slide."""
        if self._waiting_for_first:
            self._views_painted.add(name)
            # Once this paint is flushed to the screen: the renders it releases hold the
            # interpreter lock, and started inside the paint they held up its flush.
            QTimer.singleShot(0, self, self._release_when_painted)

    def _release_when_painted(self) -> None:
        """Once every view on screen shows a new deck's real slide, everything else may
        render (the next view has nothing to show after the last slide)."""
        if not self._waiting_for_first or not self._views_painted:
            return
        due = set(self._views_on_screen)
        if self.current >= self.count:
            due.discard("next")
        if due <= self._views_painted:
            self._release_rendering()

    def _release_rendering(self) -> None:
        # Every render holds the interpreter lock while it runs Python, and so does the GUI
        # thread's paint: started before slide 1 was on screen, the rest of the render-ahead
        # and the thumbnails held up its paint (~80 ms at start-up).
        if not self._waiting_for_first:
            return
        self._waiting_for_first = 0
        self._first_timer.stop()
        self._keep_first_frames()
        self.prefetch()
        self.cache.request_thumbnails()
        waiting, self._after_first = self._after_first, []
        for then in waiting:
            then()

    def _keep_first_frames(self) -> None:
        """Keep the slide just painted first, as each view drew it, for the next launch."""
        kept, deck = self.cache.kept, self.deck
        if kept is None or deck is None or not self.current:
            return
        frames: list[tuple[int, QImage]] = []
        for name, size in self._sizes.items():
            number = self.current + 1 if name == "next" else self.current
            image = self.cache.image(number, size)
            if image is not None:
                frames.append((number, image))
        if frames:
            content_hash = deck.content_hash
            self._worker.run(lambda: kept.keep(content_hash, frames), lane="io")

    def after_first_paint(self, then: Callable[[], None]) -> None:
        """Call `then` once the deck's slide is on screen (at once if it already is): for
        background work that must not hold up that paint."""
        if self._waiting_for_first:
            self._after_first.append(then)
        else:
            then()

    def prefetch_pending(self) -> bool:
        return self._prefetch_timer.isActive()

    def prefetch(self) -> None:
        """Render previous, current, next (and the one after) at every view size; while a
        new deck's first slide is awaited, only what is on screen."""
        if self.count == 0:
            return
        if self._waiting_for_first:
            shown = [size for name, size in self._sizes.items() if name != "next"]
            self.cache.request([self.current], shown, kept_first=True)
            next_size = self._sizes.get("next")
            if next_size is not None and self.current < self.count:
                self.cache.request([self.current + 1], [next_size], kept_first=True)
            return
        numbers = [self.current, self.current + 1, self.current - 1, self.current + 2]
        self.cache.request([n for n in numbers if 1 <= n <= self.count], self._sizes.values())

    # Show ---------------------------------------------------------------------------------

    def start(self, from_slide: int = 1, reset_clock: bool = True) -> None:
        if reset_clock:
            # Silent: the resume below announces the clock change.
            self.talk_clock.clear()
        self.go_to(from_slide)
        self.set_blank("")
        self.resume_clock()
        if not self.presenting:
            self.presenting = True
            self.presentingChanged.emit(True)

    def end(self) -> None:
        self.pause_clock()
        if self.presenting:
            self.presenting = False
            self.presentingChanged.emit(False)

    # Clock (delegates to the core's TalkClock; these announce each change) ---------------

    @property
    def clock_running(self) -> bool:
        return self.talk_clock.running

    def elapsed(self) -> float:
        return self.talk_clock.elapsed()

    def remaining(self) -> float | None:
        """Seconds left to the deck's target (negative past it), or None without a target."""
        return self.talk_clock.remaining(self.deck)

    def planned_start(self, number: int) -> float | None:
        """When slide `number` should start, in seconds into the talk (None: no plan)."""
        return planned_start(self.deck, number)

    def pace(self) -> float | None:
        """Seconds behind (positive) or ahead (negative) of the plan for the current slide."""
        return self.talk_clock.pace(self.deck, self.current, presenting=self.presenting)

    def pause_clock(self) -> None:
        if self.talk_clock.pause():
            self.clockChanged.emit()

    def resume_clock(self) -> None:
        if self.talk_clock.resume():
            self.clockChanged.emit()

    def toggle_clock(self) -> None:
        if self.clock_running:
            self.pause_clock()
        else:
            self.resume_clock()

    def reset_clock(self) -> None:
        self.talk_clock.reset()
        self.clockChanged.emit()


__all__ = ["Presentation"]
