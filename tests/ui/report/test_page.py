"""The Report page: numbers on screen, charts drawn, Save PDF through the worker."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.base.settings import Settings
from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.store import Store
from hexikit.ui.context import AppContext
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.worker import Worker


@pytest.fixture
def context(qtbot: QtBot, data_dir: Path) -> Iterator[AppContext]:
    store = Store.open(data_dir)
    audience = AudienceWindow()
    qtbot.addWidget(audience)
    worker = Worker()
    yield AppContext(data_dir, store, Settings(), worker, audience, FakeClock())
    worker.wait_for_done()
    store.close()


def test_report_on_screen_and_pdf(qtbot: QtBot, context: AppContext, tmp_path: Path) -> None:
    from hexikit.ui.report.page import ReportPage

    store = context.store
    empty = store.create_event(EventInput("Empty one", date="2026-01-01"))
    event = store.create_event(EventInput("Full one", date="2026-02-01"))
    person = store.create_participant(event.id, ParticipantInput("Ana"))
    store.create_activity(
        event.id, ActivityInput(Kind.OFFER, "Run charts", categories=["Design"]), person.id
    )
    context.set_current_event(event.id)
    page = ReportPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 800)
    with qtbot.waitSignal(page.reportShown, timeout=10000):
        page.show()
    qtbot.waitUntil(lambda: page.report is not None and page.report.event_id == event.id)
    assert page.number_labels["Participants"].text() == "1"
    assert page.number_labels["Offers"].text() == "1"
    assert page.empty_label.isHidden()
    image = page.run_chart.grab().toImage()
    assert image.width() > 100
    with qtbot.waitSignal(page.pdfSaved, timeout=20000):
        page.save_pdf(tmp_path / "out")
    text = PdfReader(str(tmp_path / "out.pdf")).pages[0].extract_text()
    assert "Full one" in text

    context.set_current_event(empty.id)
    qtbot.waitUntil(lambda: page.report is not None and page.report.event_id == empty.id)
    assert "Nothing was captured" in page.empty_label.text()
    assert not page.empty_label.isHidden()


def test_region_chart_lists_only_regions_with_entries(qtbot: QtBot, context: AppContext) -> None:
    from hexikit.ui.report.page import ReportPage

    store = context.store
    event = store.create_event(EventInput("Regions", date="2026-02-01"))
    person = store.create_participant(event.id, ParticipantInput("Ana", region="Wales"))
    store.create_activity(event.id, ActivityInput(Kind.OFFER, "Run charts"), person.id)
    context.set_current_event(event.id)
    page = ReportPage(context)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.reportShown, timeout=10000):
        page.show()
    assert [row.label for row in page.region_chart.rows] == ["Wales"]

    bare = store.create_event(EventInput("No regions", date="2026-03-01"))
    store.create_activity(bare.id, ActivityInput(Kind.OFFER, "Coaching"))
    context.set_current_event(bare.id)
    qtbot.waitUntil(lambda: page.report is not None and page.report.event_id == bare.id)
    assert page.region_chart.rows == []
    assert page.region_chart.empty_text == "No entries by region yet"
    page.region_chart.grab()  # paints the sentence without error


def test_run_chart_ticks_are_whole_counts_and_the_caption_is_plural(qtbot: QtBot) -> None:
    from hexikit.report.measures import RunPoint
    from hexikit.ui.report.page import RunChart

    chart = RunChart()
    qtbot.addWidget(chart)
    point = RunPoint(event_id="e1", title="One", date="2026-01-01", activities=13)
    chart.set_points([point], 13, "e1")
    assert chart.tick_values() == [0, 2, 4, 6, 8, 10, 12, 14]
    assert chart.caption() == "1 event, 2026-01-01 to 2026-01-01; ringed: this event"
    second = RunPoint(event_id="e2", title="Two", date="2026-02-01", activities=3)
    chart.set_points([point, second], 8, "e2")
    assert chart.caption() == "2 events, 2026-01-01 to 2026-02-01; ringed: this event"
    chart.resize(600, 260)
    chart.grab()
