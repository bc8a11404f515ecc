"""The room bar on the Capture page: the laptop's addresses are looked up after the first
paint, and the bar does not change its height (nor claim there is no network) meanwhile."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from hexikit.room.network import Address
from hexikit.ui.context import AppContext
from hexikit.ui.room.bar import RoomBar


def test_the_addresses_arrive_later_and_the_bar_keeps_its_line_meanwhile(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hexikit.ui.room.controller as controller

    found = [Address("192.0.2.7", "wlan0", "Wi-Fi")]
    monkeypatch.setattr(controller, "laptop_addresses", lambda: found)
    context.worker.hold(["io"])
    bar = RoomBar(context)
    qtbot.addWidget(bar)
    assert bar.is_looking
    assert "Looking for" in bar.address_box.currentText()
    assert bar.status.text() == "Let the room add its own offers and requests from their phones."
    context.worker.release()
    qtbot.waitUntil(lambda: not bar.is_looking, timeout=10000)
    assert bar.address_box.currentData() == "192.0.2.7"
    assert bar.status.text() == "Let the room add its own offers and requests from their phones."


def test_with_no_network_found_the_bar_says_so(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hexikit.ui.room.controller as controller

    monkeypatch.setattr(controller, "laptop_addresses", lambda: [])
    bar = RoomBar(context)
    qtbot.addWidget(bar)
    qtbot.waitUntil(lambda: not bar.is_looking, timeout=10000)
    assert "No network is up" in bar.status.text()
