"""The Sync page and the status-bar indicator: offline → syncing → up to date, retry/discard."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMainWindow, QMessageBox

from hexikit.base.clock import FakeClock
from hexikit.base.settings import Settings
from hexikit.records.domain import EventInput
from hexikit.store import Store
from hexikit.store.models import Event, OutboxOperation
from hexikit.sync import tokens
from hexikit.sync.client.state import status
from hexikit.ui.context import AppContext
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.sync.indicator import (
    IndicatorState,
    SyncIndicator,
    controller_for,
    install_sync_indicator,
)
from hexikit.ui.sync.page import SyncPage
from hexikit.ui.worker import Worker
from tests.sync.conftest import ServerProcess
from tests.sync.proxy import FaultProxy


@pytest.fixture
def context(
    qtbot: Any, data_dir: Path, proxy: FaultProxy, server: ServerProcess
) -> Iterator[AppContext]:
    store = Store.open(data_dir)
    audience = AudienceWindow()
    qtbot.addWidget(audience)
    worker = Worker()
    settings = Settings(server_url=proxy.url, auto_sync=False)
    tokens.set_token(proxy.url, server.new_device("ui"))
    ctx = AppContext(data_dir, store, settings, worker, audience, FakeClock())
    yield ctx
    worker.wait_for_done()
    store.close()


def test_indicator_goes_offline_then_syncing_then_up_to_date(
    qtbot: Any, context: AppContext, proxy: FaultProxy
) -> None:
    controller = controller_for(context)
    controller.client_options = {"sleep": lambda _s: None}
    window = QMainWindow()
    qtbot.addWidget(window)
    indicator = install_sync_indicator(window, context)
    assert isinstance(indicator, SyncIndicator)
    states: list[str] = []
    controller.stateChanged.connect(states.append)
    context.store.create_event(EventInput(title="Indicator"))
    qtbot.waitUntil(lambda: controller.has_token)
    proxy.push(*["drop"] * 3)
    controller.sync_now()
    qtbot.waitUntil(lambda: controller.state == IndicatorState.OFFLINE, timeout=20000)
    assert "Offline" in indicator.label.text()
    assert "1 to send" in indicator.label.text()
    with qtbot.waitSignal(controller.syncFinished, timeout=20000):
        controller.probe()  # connectivity is back: the /health probe starts a sync
    qtbot.waitUntil(lambda: controller.state == IndicatorState.UP_TO_DATE, timeout=20000)
    assert states[-3:] == [
        IndicatorState.OFFLINE,
        IndicatorState.SYNCING,
        IndicatorState.UP_TO_DATE,
    ] or states[-2:] == [IndicatorState.SYNCING, IndicatorState.UP_TO_DATE]
    assert (
        IndicatorState.OFFLINE in states and states.index(IndicatorState.OFFLINE) < len(states) - 1
    )
    assert "Up to date" in indicator.label.text()
    assert "last sync" in indicator.label.text()
    assert status(context.store)["pending"] == 0


def test_sync_page_settings_and_needs_attention(
    qtbot: Any, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    controller = controller_for(context)
    controller.client_options = {"sleep": lambda _s: None}
    page = SyncPage(context)
    qtbot.addWidget(page)
    assert SyncPage.mode_title() == "Sync"
    page.server_edit.setText("http://sync.example.org")
    page.save()
    assert "https://" in page.message_label.text()  # refused, and the typed text stays
    assert page.server_edit.text() == "http://sync.example.org"
    event = context.store.create_event(EventInput(title="Attention"))
    with context.store.transaction() as session:
        session.add(
            OutboxOperation(
                entity_type="event",
                entity_id=event.id,
                action="update",
                payload={"colour": "red"},
                created_at=datetime.now(UTC),
            )
        )
    page.server_edit.setText(context.settings.server_url)
    page.save()
    qtbot.waitUntil(
        lambda: controller.state not in (IndicatorState.NOT_SET_UP, IndicatorState.SYNCING),
        timeout=20000,
    )
    qtbot.waitUntil(lambda: page.attention_table.rowCount() == 1, timeout=20000)
    why = page.attention_table.item(0, 3)
    assert why is not None and "colour" in why.text()
    page.attention_table.selectRow(0)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Cancel
    )
    page.discard_selected()
    assert page.attention_table.rowCount() == 1  # asked first; the user said no
    monkeypatch.setattr(
        QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Discard
    )
    with qtbot.waitSignal(page.listsRefreshed, timeout=20000):
        page.discard_selected()
    qtbot.waitUntil(lambda: page.attention_table.rowCount() == 0, timeout=20000)
    assert status(context.store)["discarded"] == 1
    assert context.store.get(Event, event.id) is not None


def _sync_page(qtbot: Any, context: AppContext) -> tuple[Any, SyncPage]:
    """The controller (no waits between retries) and a Sync page with the server typed in."""
    controller = controller_for(context)
    controller.client_options = {"sleep": lambda _s: None}
    page = SyncPage(context)
    qtbot.addWidget(page)
    page.server_edit.setText(context.settings.server_url)
    return controller, page


def test_refused_token_is_asked_for_again(
    qtbot: Any, context: AppContext, server: ServerProcess
) -> None:
    controller, page = _sync_page(qtbot, context)
    context.store.create_event(EventInput(title="Token"))
    page.token_edit.setText("not-the-right-token")
    with qtbot.waitSignal(controller.syncFinished, timeout=20000):
        page.save()
    qtbot.waitUntil(lambda: controller.needs_token, timeout=20000)
    qtbot.waitUntil(lambda: "refused the token" in page.token_edit.placeholderText())
    assert page.token_edit.text() == ""  # never kept in a widget longer than needed
    assert status(context.store)["pending"] == 1
    with qtbot.waitSignal(controller.syncFinished, timeout=20000):
        page.token_edit.setText(server.new_device("fixed"))
        page.save()
    qtbot.waitUntil(lambda: controller.state == IndicatorState.UP_TO_DATE, timeout=20000)
    assert not controller.needs_token


def test_saved_token_shows_as_saved_and_enter_saves(
    qtbot: Any, context: AppContext, server: ServerProcess
) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLabel

    controller, page = _sync_page(qtbot, context)
    secret = server.new_device("enter")
    page.token_edit.setText(secret)
    with qtbot.waitSignal(controller.tokenSaved, timeout=20000):
        QTest.keyClick(page.token_edit, Qt.Key.Key_Return)  # Enter saves
    assert page.token_edit.text() == ""
    assert page.token_edit.placeholderText() == "Saved — type a new token to replace it"
    assert page.token_saved_label.text() == "✓ Token saved"
    # The secret itself is shown nowhere.
    assert all(secret not in label.text() for label in page.findChildren(QLabel))
    assert secret not in page.token_edit.placeholderText()
    assert tokens.get_token(context.settings.server_url) == secret
    qtbot.waitUntil(lambda: controller.state == IndicatorState.UP_TO_DATE, timeout=20000)


def test_changes_to_send_are_counted_in_real_plurals(qtbot: Any, context: AppContext) -> None:
    controller, page = _sync_page(qtbot, context)
    context.store.create_event(EventInput(title="One change"))
    controller.refresh()
    qtbot.waitUntil(lambda: "1 change to send." in page.state_label.text(), timeout=20000)
    context.store.create_event(EventInput(title="Two changes"))
    controller.refresh()
    qtbot.waitUntil(lambda: "2 changes to send." in page.state_label.text(), timeout=20000)
    assert "(s)" not in page.state_label.text()
