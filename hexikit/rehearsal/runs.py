"""The rehearsal coach: per-slide timing of practice runs, kept across restarts.

No Qt here. A `Rehearsal` times one run with an injected clock (differences of
`clock.monotonic()`, never summed ticks). Each slide has a target: the deck's own
(`Slide.target_seconds`) or an estimate from its notes at the chosen speaking rate. Finished
runs are kept in the `rehearsal_runs` table; `summarise` compares a run with the earlier runs
of the same deck.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hexikit.base.clock import Clock
from hexikit.base.i18n import _
from hexikit.decks.deck import DEFAULT_WPM, Deck, speaking_seconds

if TYPE_CHECKING:
    # SQLAlchemy only where a run is read or written: the presenter's first slide need not
    # wait for it.
    from hexikit.store import Store
    from hexikit.store.models import RehearsalRun

#: An estimated target is never below this: even a slide with no notes takes a moment.
MIN_SLIDE_SECONDS = 10.0
#: A slide "ran long" when it took more than this share of its target...
RUN_LONG_RATIO = 1.2
#: ...and at least this many seconds more (so a 10 s slide taking 13 s is not "long").
RUN_LONG_MIN_SECONDS = 5.0
#: A run under this share of the deck's target was rushed (a 5:00 talk in under 3:45).
RUSHED_RATIO = 0.75
#: Runs shorter than this are not kept (a run started by mistake).
MIN_RUN_SECONDS = 5.0
#: How many "often long" slides a summary lists.
OFTEN_LONG_LIMIT = 5


@dataclass(frozen=True)
class SlideTarget:
    """How long a slide should take; `from_deck` is False when estimated from its notes."""

    number: int
    title: str
    seconds: float
    from_deck: bool


def estimate_seconds(notes_words: int, wpm: int = DEFAULT_WPM) -> float:
    """The time to speak `notes_words` at `wpm`, never below MIN_SLIDE_SECONDS."""
    return max(MIN_SLIDE_SECONDS, speaking_seconds(notes_words, wpm))


def slide_targets(deck: Deck, wpm: int = DEFAULT_WPM) -> list[SlideTarget]:
    """Each slide's target: set in the deck, or estimated from its notes at `wpm`."""
    targets = []
    for slide in deck.slides:
        title = slide.title or _("Slide {number}").format(number=slide.number)
        if slide.target_seconds is not None and slide.target_seconds > 0:
            targets.append(SlideTarget(slide.number, title, float(slide.target_seconds), True))
        else:
            seconds = estimate_seconds(slide.notes_words, wpm)
            targets.append(SlideTarget(slide.number, title, seconds, False))
    return targets


def deck_target_seconds(deck: Deck, targets: Sequence[SlideTarget]) -> float:
    """The whole talk's target: the deck's own (front matter), else the sum of slide targets."""
    own = deck.target_seconds
    if own is not None and own > 0:
        return own
    return sum(target.seconds for target in targets)


def deck_key(deck: Deck) -> str:
    """What rehearsal runs of a deck are filed under: its file, or `builtin:NAME` for a deck
    that ships with Hexikit (so its history survives moving between installs)."""
    if deck.source_path is None:
        return f"title:{deck.title}"
    path = deck.source_path.resolve()
    try:
        from hexikit.base.resources import slides_dir

        relative = path.relative_to(slides_dir().resolve())
    except (ValueError, FileNotFoundError):
        return str(path)
    return f"builtin:{relative.as_posix()}"


@dataclass
class RunRecord:
    """One finished run, as stored: per-slide seconds (None for a slide not visited)."""

    deck_key: str
    deck_title: str
    started_at: datetime
    total_seconds: float
    slide_seconds: list[float | None]
    targets: list[float] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    deck_target: float = 0.0
    completed: bool = False
    id: str = ""

    @property
    def visited(self) -> int:
        return sum(1 for seconds in self.slide_seconds if seconds is not None)


class Rehearsal:
    """One rehearsal run in progress.

    Time is counted on the slide being shown while the run is not paused; revisiting a slide
    adds to its time. `schedule_delta` is how far the talk is behind (+) or ahead (-) of the
    targets: the time so far against the targets of the slides before this one plus as much of
    this slide's target as has been used.
    """

    def __init__(
        self,
        key: str,
        title: str,
        targets: Sequence[SlideTarget],
        clock: Clock,
        deck_target: float | None = None,
    ) -> None:
        if not targets:
            raise ValueError("a rehearsal needs at least one slide")
        self.key = key
        self.title = title
        self.targets = list(targets)
        self.deck_target = (
            deck_target if deck_target is not None else sum(t.seconds for t in self.targets)
        )
        self._clock = clock
        self._accumulated: list[float] = [0.0] * len(self.targets)
        self._visited = [False] * len(self.targets)
        self._current = 0
        self._since: float | None = None  # monotonic time the current stretch began
        self._started_at: datetime | None = None
        self._finished = False

    # ---------------------------------------------------------------- control

    @property
    def started(self) -> bool:
        return self._started_at is not None

    @property
    def running(self) -> bool:
        return self._since is not None

    @property
    def paused(self) -> bool:
        return self.started and not self._finished and self._since is None

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def current_number(self) -> int:
        return self._current + 1

    def start(self, number: int = 1) -> None:
        """Start timing on slide `number`."""
        if self.started:
            return
        self._current = self._index(number)
        self._visited[self._current] = True
        self._started_at = self._clock.now()
        self._since = self._clock.monotonic()

    def show_slide(self, number: int) -> None:
        """The presenter moved to slide `number`: the time so far goes to the slide left."""
        index = self._index(number)
        if not self.started or self._finished or index == self._current:
            if not self.started:
                self._current = index
            return
        self._bank()
        self._current = index
        self._visited[index] = True
        if self._since is not None:
            self._since = self._clock.monotonic()

    def pause(self) -> None:
        if self.running:
            self._bank()
            self._since = None

    def resume(self) -> None:
        if self.paused:
            self._since = self._clock.monotonic()

    def finish(self) -> RunRecord:
        """Stop the run and return its record (to be kept with `save_run`)."""
        if not self.started:
            raise ValueError("the rehearsal was never started")
        if not self._finished:
            self._bank()
            self._since = None
            self._finished = True
        assert self._started_at is not None
        seconds: list[float | None] = [
            round(total, 2) if seen else None
            for total, seen in zip(self._accumulated, self._visited, strict=True)
        ]
        return RunRecord(
            deck_key=self.key,
            deck_title=self.title,
            started_at=self._started_at,
            total_seconds=round(sum(self._accumulated), 2),
            slide_seconds=seconds,
            targets=[round(t.seconds, 2) for t in self.targets],
            titles=[t.title for t in self.targets],
            deck_target=round(self.deck_target, 2),
            completed=all(self._visited),
        )

    # ---------------------------------------------------------------- readings

    def seconds_on(self, number: int) -> float:
        """Time on slide `number` so far (including the stretch now running)."""
        index = self._index(number)
        live = 0.0
        if index == self._current and self._since is not None:
            live = self._clock.monotonic() - self._since
        return self._accumulated[index] + live

    def current_seconds(self) -> float:
        return self.seconds_on(self.current_number)

    def current_target(self) -> SlideTarget:
        return self.targets[self._current]

    def elapsed(self) -> float:
        live = 0.0 if self._since is None else self._clock.monotonic() - self._since
        return sum(self._accumulated) + live

    def schedule_delta(self) -> float:
        """Seconds behind (+) or ahead (-) of the plan."""
        planned = sum(t.seconds for t in self.targets[: self._current])
        planned += min(self.current_seconds(), self.targets[self._current].seconds)
        return self.elapsed() - planned

    # ---------------------------------------------------------------- helpers

    def _index(self, number: int) -> int:
        return min(max(number, 1), len(self.targets)) - 1

    def _bank(self) -> None:
        if self._since is not None:
            now = self._clock.monotonic()
            self._accumulated[self._current] += max(0.0, now - self._since)
            self._since = now


# -------------------------------------------------------------------- the store


def should_keep(record: RunRecord) -> bool:
    """Whether a finished run is worth keeping (not a run started by mistake)."""
    return record.total_seconds >= MIN_RUN_SECONDS


def save_run(store: Store, record: RunRecord) -> RunRecord:
    """Keep a finished run; returns it with its id."""
    from hexikit.store.models import RehearsalRun

    with store.transaction() as session:
        row = RehearsalRun(
            deck_key=record.deck_key,
            deck_title=record.deck_title[:200],
            started_at=record.started_at,
            total_seconds=record.total_seconds,
            slide_seconds=list(record.slide_seconds),
            detail={
                "targets": record.targets,
                "titles": record.titles,
                "deck_target": record.deck_target,
                "completed": record.completed,
            },
        )
        session.add(row)
        session.flush()
        record.id = row.id
    return record


def _record_from_row(row: RehearsalRun) -> RunRecord:
    detail: dict[str, Any] = row.detail if isinstance(row.detail, dict) else {}
    seconds: list[float | None] = []
    for value in row.slide_seconds if isinstance(row.slide_seconds, list) else []:
        seconds.append(float(value) if isinstance(value, int | float) else None)
    targets = [float(v) for v in detail.get("targets", []) if isinstance(v, int | float)]
    titles = [str(v) for v in detail.get("titles", [])]
    deck_target = detail.get("deck_target")
    return RunRecord(
        id=row.id,
        deck_key=row.deck_key,
        deck_title=row.deck_title,
        started_at=row.started_at,
        total_seconds=float(row.total_seconds),
        slide_seconds=seconds,
        targets=targets,
        titles=titles,
        deck_target=float(deck_target) if isinstance(deck_target, int | float) else 0.0,
        completed=bool(detail.get("completed", False)),
    )


def list_runs(store: Store, key: str | None = None) -> list[RunRecord]:
    """Kept runs, oldest first; only those of deck `key` when given."""
    from sqlalchemy import select

    from hexikit.store.models import RehearsalRun

    with store.session() as session:
        query = select(RehearsalRun).order_by(RehearsalRun.started_at, RehearsalRun.id)
        if key is not None:
            query = query.where(RehearsalRun.deck_key == key)
        return [_record_from_row(row) for row in session.scalars(query)]


def delete_run(store: Store, run_id: str) -> None:
    """Forget one run (one that went wrong)."""
    from hexikit.store.models import RehearsalRun

    with store.transaction() as session:
        row = session.get(RehearsalRun, run_id)
        if row is not None:
            session.delete(row)


# -------------------------------------------------------------------- the summary


@dataclass(frozen=True)
class SlideSummary:
    number: int
    title: str
    target: float
    this_run: float | None
    median_before: float | None

    @property
    def ran_long(self) -> bool:
        return self.this_run is not None and ran_long(self.this_run, self.target)


@dataclass(frozen=True)
class RunTotal:
    """One run in the history."""

    id: str
    started_at: datetime
    total_seconds: float
    visited: int
    completed: bool


@dataclass(frozen=True)
class LongSlide:
    """A slide that ran long in `times` of the `runs` runs that reached it."""

    number: int
    title: str
    times: int
    runs: int
    average_over: float


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    deck_title: str
    slides: list[SlideSummary]
    total_seconds: float
    deck_target: float
    median_total_before: float | None
    history: list[RunTotal]
    often_long: list[LongSlide]

    @property
    def total_delta(self) -> float:
        """Seconds over (+) or under (-) the deck's target."""
        return self.total_seconds - self.deck_target

    @property
    def rushed(self) -> bool:
        """Far under the target: as much a problem as over (the room misses what was cut)."""
        return self.deck_target > 0 and self.total_seconds < self.deck_target * RUSHED_RATIO


def ran_long(seconds: float, target: float) -> bool:
    return seconds > target * RUN_LONG_RATIO and seconds - target >= RUN_LONG_MIN_SECONDS


def _median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def summarise(
    run: RunRecord,
    earlier_and_later: Sequence[RunRecord],
    targets: Sequence[SlideTarget] | None = None,
    deck_target: float | None = None,
) -> RunSummary:
    """Compare `run` with the other runs of the same deck (any order; `run` may be among them).

    Per slide: target, this run, the median of the runs started before it. Also the total
    against the deck's target, the history of runs (oldest first) and the slides that most
    often ran long over all runs. `targets`/`deck_target` default to those stored with `run`.
    """
    runs = sorted(
        {r.id or str(id(r)): r for r in [*earlier_and_later, run]}.values(),
        key=lambda r: r.started_at,
    )
    earlier = [r for r in runs if r.started_at < run.started_at and r is not run and r.id != run.id]
    count = len(targets) if targets is not None else len(run.slide_seconds)
    target_seconds = (
        [t.seconds for t in targets]
        if targets is not None
        else (run.targets + [MIN_SLIDE_SECONDS] * count)[:count]
    )
    titles = (
        [t.title for t in targets] if targets is not None else (run.titles + [""] * count)[:count]
    )
    slides: list[SlideSummary] = []
    for index in range(count):
        before = [
            seconds
            for r in earlier
            if index < len(r.slide_seconds) and (seconds := r.slide_seconds[index]) is not None
        ]
        this = run.slide_seconds[index] if index < len(run.slide_seconds) else None
        slides.append(
            SlideSummary(
                number=index + 1,
                title=titles[index] or _("Slide {number}").format(number=index + 1),
                target=target_seconds[index],
                this_run=this,
                median_before=_median(before),
            )
        )
    long_counts: dict[int, list[float]] = {}
    reached: dict[int, int] = {}
    for r in runs:
        for index, seconds in enumerate(r.slide_seconds[:count]):
            if seconds is None:
                continue
            reached[index] = reached.get(index, 0) + 1
            goal = r.targets[index] if index < len(r.targets) else target_seconds[index]
            if ran_long(seconds, goal):
                long_counts.setdefault(index, []).append(seconds - goal)
    often = sorted(
        (
            LongSlide(
                number=index + 1,
                title=slides[index].title,
                times=len(overs),
                runs=reached[index],
                average_over=sum(overs) / len(overs),
            )
            for index, overs in long_counts.items()
        ),
        key=lambda s: (-s.times, -s.average_over, s.number),
    )[:OFTEN_LONG_LIMIT]
    whole = deck_target if deck_target is not None else (run.deck_target or sum(target_seconds))
    return RunSummary(
        run_id=run.id,
        deck_title=run.deck_title,
        slides=slides,
        total_seconds=run.total_seconds,
        deck_target=whole,
        median_total_before=_median(
            [r.total_seconds for r in earlier if r.completed] or [r.total_seconds for r in earlier]
        ),
        history=[
            RunTotal(r.id, r.started_at, r.total_seconds, r.visited, r.completed) for r in runs
        ],
        often_long=often,
    )


def deck_key_for_path(path: Path | str) -> str:
    """The key of the deck at `path` (loads it when `path` is a folder)."""
    from hexikit.decks.library import LIBRARY_NOTES, LIBRARY_PDF, is_library_deck
    from hexikit.decks.loading import load_deck

    path = Path(path)
    if path.is_dir():
        return deck_key(load_deck(path))
    if path.name == LIBRARY_PDF and is_library_deck(path.parent):
        path = path.parent / LIBRARY_NOTES
    return deck_key(Deck(title=path.stem, source_path=path))
