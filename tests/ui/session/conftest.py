"""What the session tests share: an app context on the test's data folder, wound down cleanly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.base.settings import Settings
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
