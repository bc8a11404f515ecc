"""What the room's UI tests share: an app context with a current event, the Capture page, and a
room that listens on 127.0.0.1 only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hexikit.base.settings import Settings
from hexikit.records.domain import EventInput
from hexikit.store import Store
from hexikit.ui.capture.page import CapturePage
from hexikit.ui.context import AppContext
from hexikit.ui.room.controller import shared_room
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.worker import Worker


@pytest.fixture
def context(qtbot: QtBot, data_dir: Path, store: Store) -> Iterator[AppContext]:
    worker = Worker()
    audience = AudienceWindow()
    qtbot.addWidget(audience)
    ctx = AppContext(data_dir, store, Settings(), worker, audience)
    event = store.create_event(EventInput(title="Hexithon Cardiff", region="Wales"))
    ctx.set_current_event(event.id)
    yield ctx
    shared_room(ctx).stop()
    worker.wait_for_done(10000)
    audience.close()


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> CapturePage:
    shown = CapturePage(context)
    qtbot.addWidget(shown)
    shown.resize(1400, 900)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: shown.event_title.text() not in ("", "Opening…"))
    # The addresses come from a background look-up; the tests add their own after it.
    qtbot.waitUntil(lambda: not shown.room_bar.is_looking)
    app = QApplication.instance()
    assert app is not None
    return shown
