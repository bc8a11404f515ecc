"""The QI report: its numbers against a store filled here, the JSON, and the PDF."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from hexikit.matching import suggestions as matching
from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.report.measures import build_report, write_pdf
from hexikit.session.feedback import FeedbackInput, add_feedback
from hexikit.store import Store, StoreError
from hexikit.store.models import Activity, Event


def _filled(store: Store) -> str:
    older = store.create_event(EventInput("Earlier Hexithon", date="2026-03-01"))
    store.create_activity(older.id, ActivityInput(Kind.OFFER, "Old offer"))
    event = store.create_event(EventInput("Q Summit Hexithon", date="2026-11-26", venue="ICC"))
    ana = store.create_participant(event.id, ParticipantInput("Ana", region="London", consent=True))
    ben = store.create_participant(event.id, ParticipantInput("Ben", is_member=True))
    store.create_participant(event.id, ParticipantInput("Cy", region="Wales"))
    store.create_activity(
        event.id,
        ActivityInput(
            Kind.OFFER, "Run charts", categories=["Statistical analysis", "Coaching and mentoring"]
        ),
        ana.id,
    )
    store.create_activity(
        event.id,
        ActivityInput(
            Kind.REQUEST,
            "Help with run charts",
            categories=["Statistical analysis"],
            regions=["Scotland"],
        ),
        ben.id,
    )
    store.create_activity(event.id, ActivityInput(Kind.REQUEST, "A survey"), ana.id)
    for suggestion in matching.suggest(store, event.id):
        matching.confirm(store, event.id, suggestion)
    add_feedback(store, event.id, FeedbackInput("The pairs <talk> worked", "More time", 4))
    add_feedback(store, event.id, FeedbackInput(rating=2))
    return event.id


def test_numbers(store: Store) -> None:
    event_id = _filled(store)
    report = build_report(store, event_id)
    assert (report.participants, report.new_members, report.existing_members) == (3, 2, 1)
    assert (report.offers, report.requests, report.activities) == (1, 2, 3)
    assert report.matches_confirmed == 1
    assert report.activities_per_participant == pytest.approx(1.0)
    assert report.most_activities_by_one_participant == 2
    assert report.participants_without_activities == 1
    stats = next(r for r in report.by_category if r.label == "Statistical analysis")
    assert (stats.offers, stats.requests) == (1, 1)
    design = next(r for r in report.by_category if r.label == "Design")
    assert (design.offers, design.requests) == (0, 0)  # categories with none are listed
    assert report.by_category[-1].label == "No category"
    regions = {r.label: (r.offers, r.requests) for r in report.by_region}
    # The offer names no region: its author's region counts.
    assert regions["London"] == (1, 1) and regions["Scotland"] == (0, 1)
    assert set(regions) == {"London", "Scotland"}  # only regions with entries, no empty rows
    assert report.average_rating == 3
    assert [q.worked for q in report.feedback] == ["The pairs <talk> worked", ""]
    assert [(p.title, p.activities) for p in report.run_chart] == [
        ("Earlier Hexithon", 1),
        ("Q Summit Hexithon", 3),
    ]
    assert report.run_chart_median == 2
    body = json.loads(report.to_json_text())
    assert body["participants"] == 3 and body["activities"] == 3 and body["is_empty"] is False


def test_unknown_event_is_a_plain_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no event"):
        build_report(store, "nope")


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def _vector_paths(path: Path) -> int:
    """Count line-to and rectangle operators in the content streams: charts are vectors."""
    total = 0
    for page in PdfReader(str(path)).pages:
        contents = page.get_contents()
        assert contents is not None
        data = contents.get_data().decode("latin-1")
        total += len(re.findall(r"\s(?:l|re)\s", data))
    return total


def test_pdf_has_pages_text_and_vector_charts(store: Store, tmp_path: Path) -> None:
    event_id = _filled(store)
    out = write_pdf(build_report(store, event_id), tmp_path / "r.pdf")
    reader = PdfReader(str(out))
    assert len(reader.pages) >= 1
    text = _pdf_text(out)
    for needle in (
        "Q Summit Hexithon",
        "Participants",
        "Offers and requests by category",
        "Run chart",
        "median",
        "The pairs <talk> worked",
    ):
        assert needle in text
    assert _vector_paths(out) > 40
    assert not (tmp_path / "r.pdf.part").exists()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils missing")
def test_pdf_chart_area_is_drawn(store: Store, tmp_path: Path) -> None:
    event_id = _filled(store)
    out = write_pdf(build_report(store, event_id), tmp_path / "r.pdf")
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(out), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p*.pgm"))
    assert pages
    dark = 0
    for page in pages:
        pixels = page.read_bytes().split(b"\n", 3)[3]
        dark += sum(1 for value in pixels if value < 128)
    assert dark > 2000


def test_empty_event_says_so(store: Store, tmp_path: Path) -> None:
    event = store.create_event(EventInput("Nothing yet"))
    report = build_report(store, event.id)
    assert report.is_empty and report.activities_per_participant is None
    out = write_pdf(report, tmp_path / "empty.pdf")
    text = " ".join(_pdf_text(out).split())
    assert "Nothing was captured for this event yet" in text
    assert "No feedback was recorded" in text
    assert report.by_region == []
    assert "No entries by region yet" in text


def test_extremes_render(store: Store, tmp_path: Path) -> None:
    """500 events in the run chart, one participant with 200 activities, long names."""
    with store.transaction() as session:
        for index in range(499):
            event = store.add_in(
                session,
                Event(title=f"Event {index}", date=f"20{10 + index // 365:02d}-01-01"),
            )
            if index % 3:
                store.add_in(
                    session, Activity(event_id=event.id, kind="offer", title="x", categories=[])
                )
    event = store.create_event(EventInput("Busy one " + "very long title " * 8, date="2030-01-01"))
    person = store.create_participant(event.id, ParticipantInput("Zoë Ørsted-Łukasiewicz"))
    with store.transaction() as session:
        for index in range(200):
            store.add_in(
                session,
                Activity(
                    event_id=event.id,
                    participant_id=person.id,
                    kind="offer" if index % 2 else "request",
                    title=f"Activity {index}",
                    categories=["Design"] if index % 4 else [],
                    regions=["Wales"],
                ),
            )
    add_feedback(store, event.id, FeedbackInput("€ “quoted” ünïcode " * 100, "", 5))
    report = build_report(store, event.id)
    assert len(report.run_chart) == 500
    assert report.most_activities_by_one_participant == 200
    assert report.run_chart[-1].activities == 200
    out = write_pdf(report, tmp_path / "big.pdf")
    assert len(PdfReader(str(out)).pages) >= 2
    assert "Run chart" in _pdf_text(out)


def test_count_axis_has_whole_number_ticks() -> None:
    from hexikit.report.measures import nice_axis

    assert nice_axis(13) == (14, 2)
    assert nice_axis(1) == (1, 1)
    assert nice_axis(0) == (1, 1)
    for top in range(1, 500, 7):
        nice, step = nice_axis(top)
        assert nice >= top and nice == int(nice) and step == int(step) and nice % step == 0
