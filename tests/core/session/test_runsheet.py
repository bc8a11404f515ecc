"""The run sheet: the default plan, editing, saving per event, and the session clock."""

from __future__ import annotations

import pytest

from hexikit.base.clock import FakeClock
from hexikit.base.durations import format_countdown
from hexikit.records.domain import EventInput, ValidationError
from hexikit.session.runsheet import (
    RunSheet,
    Screen,
    Segment,
    SegmentKind,
    SessionClock,
    SessionState,
    default_runsheet,
    describe_drift,
    load_runsheet,
    reset_runsheet,
    save_runsheet,
)
from hexikit.store import Store
from hexikit.store.models import SavedPlan


def test_default_plan_fits_thirty_minutes_and_shows_every_screen() -> None:
    plan = default_runsheet()
    assert plan.total_seconds == 30 * 60
    kinds = [s.kind for s in plan.segments]
    assert kinds == [
        SegmentKind.PITCH,
        SegmentKind.OFFERS,
        SegmentKind.REQUESTS,
        SegmentKind.CAPTURE,
        SegmentKind.MATCHES,
        SegmentKind.FEEDBACK,
    ]
    screens = [s.screen for s in plan.segments]
    assert screens[0] is Screen.SLIDES
    assert Screen.TIMER in screens and screens[-2:] == [Screen.MATCHES, Screen.FEEDBACK]


def test_json_round_trip_and_edits() -> None:
    plan = default_runsheet()
    edited = plan.replace_segment(0, Segment(SegmentKind.PITCH, "Short pitch", 180, Screen.SLIDES))
    edited = edited.move_segment(5, -1).remove_segment(0)
    assert RunSheet.from_json(edited.to_json()) == edited
    assert edited.segments[3].kind is SegmentKind.FEEDBACK
    assert edited.start_of(1) == edited.segments[0].seconds


@pytest.mark.parametrize(
    "segment",
    [
        Segment(SegmentKind.OTHER, "", 60, Screen.SLIDES),
        Segment(SegmentKind.OTHER, "Zero", 0, Screen.SLIDES),
        Segment(SegmentKind.OTHER, "Negative", -5, Screen.SLIDES),
        Segment(SegmentKind.OTHER, "Ten hours", 36000, Screen.SLIDES),
    ],
)
def test_bad_segments_are_refused(store: Store, segment: Segment) -> None:
    event = store.create_event(EventInput("E"))
    with pytest.raises(ValidationError):
        save_runsheet(store, event.id, RunSheet(segments=(segment,)))
    with pytest.raises(ValidationError):
        save_runsheet(store, event.id, RunSheet(segments=()))


def test_save_and_load_per_event(store: Store) -> None:
    first = store.create_event(EventInput("First"))
    second = store.create_event(EventInput("Second"))
    assert load_runsheet(store, first.id) == default_runsheet()
    edited = default_runsheet().replace_segment(
        0, Segment(SegmentKind.PITCH, "  Pitch, short  ", 240, Screen.SLIDES)
    )
    save_runsheet(store, first.id, edited)
    save_runsheet(store, first.id, edited)  # saving again updates, not duplicates
    loaded = load_runsheet(store, first.id)
    assert loaded.segments[0].title == "Pitch, short"
    assert loaded.total_seconds == 30 * 60 - 60
    assert load_runsheet(store, second.id) == default_runsheet()
    with store.session() as session:
        rows = session.query(SavedPlan).filter_by(kind="runsheet").all()
        assert [(r.event_id, r.kind) for r in rows] == [(first.id, "runsheet")]
    assert reset_runsheet(store, first.id) == default_runsheet()
    assert load_runsheet(store, first.id) == default_runsheet()


def test_damaged_saved_plan_falls_back_to_default(store: Store) -> None:
    event = store.create_event(EventInput("E"))
    with store.transaction() as session:
        session.add(SavedPlan(kind="runsheet", name="x", event_id=event.id, body={"segments": 3}))
    assert load_runsheet(store, event.id) == default_runsheet()


def state_of(session: SessionClock) -> SessionState:
    """The session's state, read afresh: mypy keeps `session.state` narrowed by an earlier
    check even across the calls that change it."""
    return session.state


def test_session_clock_ahead_and_behind() -> None:
    clock = FakeClock()
    session = SessionClock(default_runsheet(), clock)
    status = session.status()
    assert status.state is SessionState.READY and status.next_segment is not None
    assert status.next_segment.kind is SegmentKind.PITCH

    assert session.next() is not None  # starts with the pitch
    clock.advance(4 * 60)
    status = session.status()
    assert status.segment is not None and status.segment.kind is SegmentKind.PITCH
    assert status.segment_remaining == pytest.approx(60)
    assert status.drift == pytest.approx(0) and describe_drift(status.drift) == "On time"
    assert status.next_segment is not None and status.next_segment.kind is SegmentKind.OFFERS

    session.next()  # one minute early: ahead
    status = session.status()
    assert status.ahead and status.drift == pytest.approx(-60)
    assert describe_drift(status.drift) == "1:00 ahead"

    clock.advance(8 * 60 + 150)  # offers overrun by 2:30: behind by 1:30 overall
    status = session.status()
    assert status.overrun and status.behind
    assert status.drift == pytest.approx(90)
    assert describe_drift(status.drift) == "1:30 behind"

    session.pause()
    clock.advance(600)  # paused time does not count
    assert session.status().drift == pytest.approx(90)
    session.resume()
    assert session.state is SessionState.RUNNING

    for _ in range(4):
        session.next()
    status = session.status()
    assert status.segment is not None and status.segment.kind is SegmentKind.FEEDBACK
    assert status.next_segment is None
    assert session.next() is None
    assert state_of(session) is SessionState.FINISHED
    session.previous()
    assert session.current is not None and session.current.kind is SegmentKind.FEEDBACK


def test_format_countdown() -> None:
    assert format_countdown(0) == "0:00"
    assert format_countdown(59.2) == "1:00"
    assert format_countdown(-61) == "−1:01"
    assert format_countdown(3725) == "1:02:05"
