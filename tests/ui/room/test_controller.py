"""Starting and stopping the room from the window: the Capture page's toggle and F8, the join
scene on the projector, consent on the projector, and the code dying with the event or the
session."""

from __future__ import annotations

import pytest
import requests
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from hexikit.records.domain import EventInput
from hexikit.room.network import Address
from hexikit.ui.capture.page import CapturePage
from hexikit.ui.context import AppContext
from hexikit.ui.room.controller import RoomController, shared_room
from hexikit.ui.room.scene import JoinScene
from hexikit.ui.stage import Scene
from tests.core.room.conftest import ENTRY


def _local_only(page: CapturePage) -> None:
    """Tests listen on 127.0.0.1 only: offer it in the address box and choose it."""
    page.room_bar.address_box.addItem("127.0.0.1 (test)", "127.0.0.1")
    page.room_bar.address_box.setCurrentIndex(page.room_bar.address_box.count() - 1)


def _is_open(room: RoomController) -> bool:
    return room.is_open  # a call, so mypy does not narrow the property across key presses


def _scene(context: AppContext) -> Scene:
    return context.audience.current_scene


def test_the_toggle_and_f8_open_and_close_the_room(
    qtbot: QtBot, context: AppContext, page: CapturePage
) -> None:
    _local_only(page)
    room = shared_room(context)
    QTest.mouseClick(page.room_bar.toggle_button, Qt.MouseButton.LeftButton)
    assert room.is_open and room.url.startswith("http://127.0.0.1:")
    assert page.room_bar.toggle_button.isChecked()
    assert room.url in page.room_bar.status.text()
    assert _scene(context) == Scene.ROOM
    url = room.url
    assert requests.get(url, timeout=10).status_code == 200
    page.activateWindow()
    qtbot.waitUntil(lambda: page.isActiveWindow())
    QTest.keyClick(page, Qt.Key.Key_F8)
    assert not _is_open(room) and not page.room_bar.toggle_button.isChecked()
    assert _scene(context) != Scene.ROOM
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=5)
    QTest.keyClick(page, Qt.Key.Key_F8)
    assert _is_open(room) and room.url != url  # a new code every time


def test_no_network_says_what_to_do(
    context: AppContext, page: CapturePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("hexikit.ui.room.controller.laptop_addresses", lambda: [])
    room = shared_room(context)
    room.chosen_address = ""
    assert not room.start()
    assert not room.is_open and "No network is up" in room.message
    assert "hotspot" in room.message


def test_an_address_that_is_not_this_laptops_is_refused_plainly(
    context: AppContext, page: CapturePage
) -> None:
    room = shared_room(context)
    assert not room.start("192.0.2.123")  # TEST-NET: never this laptop's
    assert not room.is_open and "could not open on 192.0.2.123" in room.message


def test_changing_the_event_kills_the_code(context: AppContext, page: CapturePage) -> None:
    room = shared_room(context)
    assert room.start("127.0.0.1")
    url = room.url
    other = context.store.create_event(EventInput(title="Another day"))
    context.set_current_event(other.id)
    assert not room.is_open
    with pytest.raises(requests.ConnectionError):
        requests.get(url, timeout=5)


def test_the_projector_names_only_people_who_consented(
    qtbot: QtBot, context: AppContext, page: CapturePage
) -> None:
    room = shared_room(context)
    assert room.start("127.0.0.1")
    requests.post(
        f"{room.url}/entries", json={**ENTRY, "title": "Named", "name": "Ana"}, timeout=10
    )
    requests.post(
        f"{room.url}/entries",
        json={**ENTRY, "title": "Anonymous", "name": "Ben Private", "consent": False},
        timeout=10,
    )
    scene = context.audience.scene(Scene.ROOM)
    assert isinstance(scene, JoinScene)
    qtbot.waitUntil(lambda: scene.summary is not None and scene.summary.offers == 2)
    lines = scene.newest_lines()
    assert sorted(lines) == ["Offer: Anonymous", "Offer: Named — Ana"]
    assert not any("Ben" in line for line in lines)
    # Both are on the Capture list at once, the facilitator's to edit or delete.
    qtbot.waitUntil(lambda: page.entries.model.rowCount() == 2)
    # A delete on the laptop takes the entry off the projector's counts.
    first = page.entries.model.row_at(0)
    from hexikit.store.models import Activity

    context.worker.run(
        lambda: context.store.delete(Activity, first.id), changes={Activity.entity_type}
    )
    qtbot.waitUntil(lambda: scene.summary is not None and scene.summary.offers == 1)


def test_the_run_sheet_opens_the_room_and_the_session_end_closes_it(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hexikit.session.runsheet import Screen, Segment, SegmentKind
    from hexikit.ui.session.page import SessionPage

    monkeypatch.setattr(
        "hexikit.ui.room.controller.laptop_addresses",
        lambda: [Address("127.0.0.1", "lo", "test")],
    )
    session_page = SessionPage(context)
    qtbot.addWidget(session_page)
    room = shared_room(context)
    room.chosen_address = ""
    segment = Segment(SegmentKind.CAPTURE, "Capture", 240, Screen.ROOM)
    session_page._show_on_projector(segment, starting=False)
    assert room.is_open and context.audience.current_scene == Scene.ROOM
    session_page._show_closing()
    assert not room.is_open
