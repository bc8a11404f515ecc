"""The feedback panel: a rating out of range is explained, never silently refused."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from hexikit.records.domain import EventInput
from hexikit.session.feedback import list_feedback
from hexikit.ui.context import AppContext
from hexikit.ui.session.feedback import FeedbackPanel


def test_a_rating_of_7_is_kept_and_explained(qtbot: QtBot, context: AppContext) -> None:
    event = context.store.create_event(EventInput("Feedback"))
    panel = FeedbackPanel(context)
    qtbot.addWidget(panel)
    panel.set_event(event.id)
    panel.show()
    qtbot.waitUntil(lambda: context.worker.pending == 0)
    panel.rating.setFocus()
    QTest.keyClicks(panel.rating, "7")
    assert panel.rating.text() == "7"  # the key is not swallowed
    QTest.keyClick(panel.rating, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.error.text() != "")
    assert "1 to 5" in panel.error.text()
    assert panel.rating.text() == "7"
    assert list_feedback(context.store, event.id) == []
    panel.rating.clear()
    QTest.keyClicks(panel.rating, "4")
    QTest.keyClick(panel.rating, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(list_feedback(context.store, event.id)) == 1)
    qtbot.waitUntil(lambda: panel.error.text() == "")
    assert list_feedback(context.store, event.id)[0].rating == 4


def test_the_count_says_1_entry_not_1_entries(qtbot: QtBot, context: AppContext) -> None:
    # Seen on the half-hour test's screenshot of the Session page after one feedback.
    event = context.store.create_event(EventInput("Feedback"))
    panel = FeedbackPanel(context)
    qtbot.addWidget(panel)
    panel.set_event(event.id)
    qtbot.waitUntil(lambda: context.worker.pending == 0)
    assert panel.count.text() == "0 entries"
    panel.worked.setText("The one key")
    panel.save()
    qtbot.waitUntil(lambda: panel.count.text() == "1 entry")
    panel.worked.setText("The timer")
    panel.save()
    qtbot.waitUntil(lambda: panel.count.text() == "2 entries")
