"""The session run sheet: the half hour of a Hexithon as a list of segments, and its clock.

A run sheet (`RunSheet`) is an ordered list of `Segment`s; each has a duration and says what
the projector shows (`Screen`). `default_runsheet()` fits 30 minutes. Run sheets are saved
per event in the `saved_plans` table (kind "runsheet", JSON body), so an edited plan is still
there next time.

`SessionClock` follows a live session from an injected `Clock`: the current segment, how long
it has run, what comes next, and whether the room is ahead of or behind the plan. The drift is
the projected finish minus the planned finish: moving on early puts you ahead, overrunning a
segment puts you behind, second by second.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from hexikit.base.clock import Clock
from hexikit.base.durations import format_duration
from hexikit.base.i18n import N_, _
from hexikit.records.domain import ValidationError, clean_text
from hexikit.store import Store
from hexikit.store.models import SavedPlan

if TYPE_CHECKING:
    from hexikit.timer.engine import Plan

log = logging.getLogger(__name__)

RUNSHEET_KIND = "runsheet"
BODY_VERSION = 1
MAX_SEGMENTS = 40
MAX_SEGMENT_SECONDS = 3 * 60 * 60
MAX_SEGMENT_TITLE = 120
MAX_SEGMENT_NOTES = 2000
TARGET_SECONDS = 30 * 60


class Screen(StrEnum):
    """What the projector shows during a segment (values are the stage's scene names)."""

    SLIDES = "slides"
    TIMER = "timer"
    MATCHES = "matches"
    FEEDBACK = "feedback"
    BLACK = "black"
    ROOM = "room"  # the room web app's join screen: phones add their own entries (issue 18)


class SegmentKind(StrEnum):
    PITCH = "pitch"
    OFFERS = "offers"
    REQUESTS = "requests"
    CAPTURE = "capture"
    MATCHES = "matches"
    FEEDBACK = "feedback"
    OTHER = "other"


#: The screen a segment kind shows unless the plan says otherwise.
DEFAULT_SCREEN: dict[SegmentKind, Screen] = {
    SegmentKind.PITCH: Screen.SLIDES,
    SegmentKind.OFFERS: Screen.TIMER,
    SegmentKind.REQUESTS: Screen.TIMER,
    SegmentKind.CAPTURE: Screen.TIMER,
    SegmentKind.MATCHES: Screen.MATCHES,
    SegmentKind.FEEDBACK: Screen.FEEDBACK,
    SegmentKind.OTHER: Screen.SLIDES,
}


@dataclass(frozen=True)
class Segment:
    """One part of the session."""

    kind: SegmentKind
    title: str
    seconds: int
    screen: Screen
    #: The question on the timer for 1-2-4-All segments; a note for the facilitator otherwise.
    prompt: str = ""
    notes: str = ""

    @property
    def minutes(self) -> float:
        return self.seconds / 60

    def to_json(self) -> dict[str, Any]:
        body = asdict(self)
        body["kind"] = str(self.kind)
        body["screen"] = str(self.screen)
        return body

    @classmethod
    def from_json(cls, raw: Any) -> Segment:
        if not isinstance(raw, dict):
            raise ValueError("segment is not an object")
        kind = SegmentKind(str(raw.get("kind", "other")))
        screen = Screen(str(raw.get("screen") or DEFAULT_SCREEN[kind]))
        seconds = raw.get("seconds")
        if not isinstance(seconds, int | float) or isinstance(seconds, bool):
            raise ValueError("segment seconds is not a number")
        return cls(
            kind=kind,
            title=str(raw.get("title", "")),
            seconds=int(seconds),
            screen=screen,
            prompt=str(raw.get("prompt", "")),
            notes=str(raw.get("notes", "")),
        )


@dataclass(frozen=True)
class RunSheet:
    """An ordered plan of segments."""

    segments: tuple[Segment, ...]
    name: str = ""

    @property
    def total_seconds(self) -> int:
        return sum(segment.seconds for segment in self.segments)

    def start_of(self, index: int) -> int:
        """Planned seconds from the session start to the start of segment `index`."""
        return sum(segment.seconds for segment in self.segments[:index])

    def to_json(self) -> dict[str, Any]:
        return {
            "version": BODY_VERSION,
            "name": self.name,
            "segments": [segment.to_json() for segment in self.segments],
        }

    @classmethod
    def from_json(cls, raw: Any) -> RunSheet:
        if not isinstance(raw, dict) or not isinstance(raw.get("segments"), list):
            raise ValueError("run sheet body has no segment list")
        segments = tuple(Segment.from_json(item) for item in raw["segments"])
        return validate_runsheet(cls(segments=segments, name=str(raw.get("name", ""))))

    def replace_segment(self, index: int, segment: Segment) -> RunSheet:
        items = list(self.segments)
        items[index] = segment
        return replace(self, segments=tuple(items))

    def insert_segment(self, index: int, segment: Segment) -> RunSheet:
        items = list(self.segments)
        items.insert(index, segment)
        return replace(self, segments=tuple(items))

    def remove_segment(self, index: int) -> RunSheet:
        items = list(self.segments)
        del items[index]
        return replace(self, segments=tuple(items))

    def move_segment(self, index: int, offset: int) -> RunSheet:
        items = list(self.segments)
        target = max(0, min(len(items) - 1, index + offset))
        items.insert(target, items.pop(index))
        return replace(self, segments=tuple(items))


OFFERS_QUESTION = N_("What can you offer to help deliver great healthcare?")
REQUESTS_QUESTION = N_("What help do you need to deliver great healthcare?")


def default_runsheet() -> RunSheet:
    """The half hour of a Hexithon: pitch, two short 1-2-4-All cycles, capture, matches, feedback.

    Each 1-2-4-All cycle is cut to 8 minutes (1 alone, 2 pairs, 2 foursomes, 3 all) so the
    whole session fits 30 minutes; the timer plans carry the full-length cycles.
    """
    return RunSheet(
        name=_("Hexithon (30 minutes)"),
        segments=(
            Segment(
                SegmentKind.PITCH,
                _("Pitch: what Hexitime is"),
                5 * 60,
                Screen.SLIDES,
                notes=_("The intro deck: timebanking, Hexitime, how the Hexithon runs."),
            ),
            Segment(
                SegmentKind.OFFERS,
                _("1-2-4-All on offers"),
                8 * 60,
                Screen.TIMER,
                prompt=_(OFFERS_QUESTION),
            ),
            Segment(
                SegmentKind.REQUESTS,
                _("1-2-4-All on requests"),
                8 * 60,
                Screen.TIMER,
                prompt=_(REQUESTS_QUESTION),
            ),
            Segment(
                SegmentKind.CAPTURE,
                _("Capture offers and requests"),
                4 * 60,
                Screen.TIMER,
                prompt=_("Write down one offer and one request each, with your name."),
            ),
            Segment(
                SegmentKind.MATCHES,
                _("Who can help whom"),
                3 * 60,
                Screen.MATCHES,
                notes=_("Confirm the good matches; the room sees them on the projector."),
            ),
            Segment(
                SegmentKind.FEEDBACK,
                _("Feedback"),
                2 * 60,
                Screen.FEEDBACK,
                notes=_("What worked? Even better if…? A rating from 1 to 5."),
            ),
        ),
    )


def validate_segment(segment: Segment) -> Segment:
    """A cleaned copy of `segment`, or ValidationError saying what to change."""
    problems: dict[str, str] = {}
    title = clean_text(segment.title)
    if not title:
        problems["title"] = _("Each segment needs a title, for example 'Pitch'.")
    elif len(title) > MAX_SEGMENT_TITLE:
        problems["title"] = _("A segment title can have at most {limit} characters.").format(
            limit=MAX_SEGMENT_TITLE
        )
    if segment.seconds <= 0:
        problems["seconds"] = _("'{title}' needs a duration of at least one second.").format(
            title=title or _("A segment")
        )
    elif segment.seconds > MAX_SEGMENT_SECONDS:
        problems["seconds"] = _("'{title}' is longer than 3 hours; shorten it.").format(title=title)
    notes = clean_text(segment.notes)[:MAX_SEGMENT_NOTES]
    prompt = clean_text(segment.prompt)[:MAX_SEGMENT_NOTES]
    if problems:
        raise ValidationError(problems)
    return replace(segment, title=title, notes=notes, prompt=prompt)


def validate_runsheet(plan: RunSheet) -> RunSheet:
    if not plan.segments:
        raise ValidationError({"segments": _("A run sheet needs at least one segment.")})
    if len(plan.segments) > MAX_SEGMENTS:
        raise ValidationError(
            {
                "segments": _("A run sheet can have at most {limit} segments.").format(
                    limit=MAX_SEGMENTS
                )
            }
        )
    return replace(plan, segments=tuple(validate_segment(s) for s in plan.segments))


# ---------------------------------------------------------------- saving per event


def save_runsheet(store: Store, event_id: str, plan: RunSheet) -> RunSheet:
    """Validate and save `plan` as the run sheet of `event_id` (one per event)."""
    clean = validate_runsheet(plan)
    body = clean.to_json()
    with store.transaction() as session:
        row = session.scalar(
            select(SavedPlan).where(SavedPlan.kind == RUNSHEET_KIND, SavedPlan.event_id == event_id)
        )
        now = store.clock.now()
        if row is None:
            session.add(
                SavedPlan(
                    kind=RUNSHEET_KIND,
                    name=clean.name or _("Run sheet"),
                    event_id=event_id,
                    body=body,
                    created_at=now,
                    updated_at=now,
                )
            )
        else:
            row.body = body
            row.name = clean.name or row.name
            row.updated_at = now
    return clean


def load_runsheet(store: Store, event_id: str) -> RunSheet:
    """The saved run sheet of `event_id`, or the default one (also when the saved one is bad)."""
    with store.session() as session:
        row = session.scalar(
            select(SavedPlan).where(SavedPlan.kind == RUNSHEET_KIND, SavedPlan.event_id == event_id)
        )
        body = None if row is None else row.body
    if body is None:
        return default_runsheet()
    try:
        return RunSheet.from_json(body if isinstance(body, dict) else json.loads(str(body)))
    except (ValueError, TypeError, KeyError) as exc:
        # A damaged saved plan must never stop the session: fall back to the default.
        log.warning("saved run sheet for event %s unreadable (%s); using default", event_id, exc)
        return default_runsheet()


def reset_runsheet(store: Store, event_id: str) -> RunSheet:
    """Forget the event's edited run sheet; the default applies again."""
    with store.transaction() as session:
        row = session.scalar(
            select(SavedPlan).where(SavedPlan.kind == RUNSHEET_KIND, SavedPlan.event_id == event_id)
        )
        if row is not None:
            session.delete(row)
    return default_runsheet()


# ---------------------------------------------------------------- the live session


class SessionState(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


@dataclass(frozen=True)
class SessionStatus:
    """A snapshot of the session, for display."""

    state: SessionState
    index: int
    segment: Segment | None
    next_segment: Segment | None
    segment_elapsed: float
    segment_remaining: float
    session_elapsed: float
    #: projected finish minus planned finish: > 0 behind, < 0 ahead.
    drift: float
    planned_total: int

    @property
    def behind(self) -> bool:
        return self.drift >= 1

    @property
    def ahead(self) -> bool:
        return self.drift <= -1

    @property
    def overrun(self) -> bool:
        return self.segment is not None and self.segment_remaining < 0


@dataclass
class _Marks:
    started_at: float | None = None
    segment_started_at: float = 0.0
    paused_at: float | None = None
    #: seconds spent paused within the whole session / the current segment
    paused_total: float = 0.0
    paused_segment: float = 0.0
    finished_at: float | None = None
    history: list[float] = field(default_factory=list)


class SessionClock:
    """Follows a live session through a run sheet; time only from the injected clock."""

    def __init__(self, plan: RunSheet, clock: Clock) -> None:
        self._plan = plan
        self._clock = clock
        self._index = 0
        self._marks = _Marks()

    @property
    def plan(self) -> RunSheet:
        return self._plan

    @property
    def index(self) -> int:
        return self._index

    @property
    def state(self) -> SessionState:
        marks = self._marks
        if marks.finished_at is not None:
            return SessionState.FINISHED
        if marks.started_at is None:
            return SessionState.READY
        if marks.paused_at is not None:
            return SessionState.PAUSED
        return SessionState.RUNNING

    def set_plan(self, plan: RunSheet) -> None:
        """Swap in an edited plan; the session keeps its place (clamped to the new length)."""
        self._plan = plan
        self._index = min(self._index, max(len(plan.segments) - 1, 0))

    def start(self) -> None:
        now = self._clock.monotonic()
        self._index = 0
        self._marks = _Marks(started_at=now, segment_started_at=now)

    def _enter(self, index: int) -> None:
        now = self._clock.monotonic()
        self._index = index
        self._marks.segment_started_at = now
        self._marks.paused_segment = 0.0
        if self._marks.paused_at is not None:
            self._marks.paused_at = now

    def next(self) -> Segment | None:
        """Move to the next segment (starting the session if needed); None when finished."""
        if self.state is SessionState.READY:
            self.start()
            return self.current
        if self.state is SessionState.FINISHED:
            return None
        if self._index + 1 >= len(self._plan.segments):
            self._resume_silently()
            self._marks.finished_at = self._clock.monotonic()
            return None
        self._enter(self._index + 1)
        return self.current

    def previous(self) -> Segment | None:
        """Go back one segment (its clock starts again)."""
        if self.state is SessionState.READY:
            return None
        if self.state is SessionState.FINISHED:
            self._marks.finished_at = None
            self._enter(self._index)
            return self.current
        self._enter(max(self._index - 1, 0))
        return self.current

    def jump(self, index: int) -> Segment | None:
        if not 0 <= index < len(self._plan.segments):
            return None
        if self.state is SessionState.READY:
            self.start()
        self._marks.finished_at = None
        self._enter(index)
        return self.current

    def pause(self) -> None:
        if self.state is SessionState.RUNNING:
            self._marks.paused_at = self._clock.monotonic()

    def _resume_silently(self) -> None:
        marks = self._marks
        if marks.paused_at is not None:
            gap = self._clock.monotonic() - marks.paused_at
            marks.paused_total += gap
            marks.paused_segment += gap
            marks.paused_at = None

    def resume(self) -> None:
        if self.state is SessionState.PAUSED:
            self._resume_silently()

    def reset(self) -> None:
        self._index = 0
        self._marks = _Marks()

    @property
    def current(self) -> Segment | None:
        if self.state in (SessionState.READY, SessionState.FINISHED):
            return None
        return self._plan.segments[self._index]

    def _now(self) -> float:
        marks = self._marks
        if marks.finished_at is not None:
            return marks.finished_at
        if marks.paused_at is not None:
            return marks.paused_at
        return self._clock.monotonic()

    def status(self) -> SessionStatus:
        plan = self._plan
        marks = self._marks
        state = self.state
        planned_total = plan.total_seconds
        if state is SessionState.READY or marks.started_at is None:
            first = plan.segments[0] if plan.segments else None
            return SessionStatus(state, -1, None, first, 0.0, 0.0, 0.0, 0.0, planned_total)
        now = self._now()
        session_elapsed = now - marks.started_at - marks.paused_total
        if state is SessionState.FINISHED:
            return SessionStatus(
                state,
                len(plan.segments),
                None,
                None,
                0.0,
                0.0,
                session_elapsed,
                session_elapsed - planned_total,
                planned_total,
            )
        segment = plan.segments[self._index]
        segment_elapsed = now - marks.segment_started_at - marks.paused_segment
        remaining = segment.seconds - segment_elapsed
        rest_of_plan = sum(s.seconds for s in plan.segments[self._index + 1 :])
        projected_finish = session_elapsed + max(remaining, 0.0) + rest_of_plan
        following = plan.segments[self._index + 1] if self._index + 1 < len(plan.segments) else None
        return SessionStatus(
            state,
            self._index,
            segment,
            following,
            segment_elapsed,
            remaining,
            session_elapsed,
            projected_finish - planned_total,
            planned_total,
        )


def describe_drift(drift: float) -> str:
    """'On time', '2:30 behind' or '1:00 ahead' for the facilitator."""
    if abs(drift) < 1:
        return _("On time")
    if drift > 0:
        return _("{time} behind").format(time=format_duration(drift))
    return _("{time} ahead").format(time=format_duration(-drift))


# ---------------------------------------------------------------- the timer for a segment

#: Shares of a 1-2-4-All cycle (alone, pairs, foursomes, all): the classic 1/2/4/5 when there
#: are 12 minutes or more, a shortened 1/2/2/3 below that.
_CLASSIC_SHARES = (1, 2, 4, 5)
_SHORT_SHARES = (1, 2, 2, 3)


def timer_plan_for(segment: Segment) -> Plan:
    """The timer plan a segment runs on the projector, fitted to the segment's duration.

    1-2-4-All segments get the four steps (rounded to whole quarter minutes, "All" takes what
    is left); any other timed segment gets one phase with its prompt.
    """
    from hexikit.timer.engine import GroupSize, Phase, Plan
    from hexikit.timer.plans import SHARE_QUESTION

    total = max(int(segment.seconds), 1)
    question = segment.prompt or segment.title
    if segment.kind in (SegmentKind.OFFERS, SegmentKind.REQUESTS) and total >= 4 * 60:
        shares = _CLASSIC_SHARES if total >= 12 * 60 else _SHORT_SHARES
        unit = total / sum(shares)
        lengths = [max(15, round(unit * share / 15) * 15) for share in shares[:3]]
        lengths.append(max(total - sum(lengths), 15))
        names = (_("Alone"), _("Pairs"), _("Foursomes"), _("All"))
        groups = (GroupSize.ONE, GroupSize.TWO, GroupSize.FOUR, GroupSize.ALL)
        phases = tuple(
            Phase(
                name,
                float(seconds),
                _(SHARE_QUESTION) if group is GroupSize.ALL else question,
                group,
                0,
            )
            for name, seconds, group in zip(names, lengths, groups, strict=True)
        )
    else:
        # The timer shows the phase name as its heading: keep it short.
        name = _("Capture") if segment.kind is SegmentKind.CAPTURE else segment.title
        phases = (Phase(name, float(total), question, GroupSize.ALL, 0),)
    return Plan(name=segment.title, phases=phases, key=f"runsheet:{segment.kind}")
