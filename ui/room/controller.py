"""The app's one room: starting and stopping the room web app, and telling the pages.

The server is `hexikit.room.server.RoomServer` (waitress on its own thread; nothing of it runs
on the GUI thread but start and stop). When a phone's entry is stored, the server thread
emits `_arrived`, which Qt delivers on the GUI thread; the controller then reads the join
scene's summary through the one background helper, declaring the kinds of records the phone
changed, so `AppContext.storeChanged` refreshes the Capture list, the counts and every other
page at once. A burst of phones costs one read at a time (the rest coalesce).

The room closes (its join code dies) when it is stopped, when the current event changes, when
the session ends, and when the app quits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication

from hexikit.records.domain import EntityType
from hexikit.room.network import Address, laptop_addresses, no_network_message
from hexikit.ui.context import AppContext
from hexikit.ui.stage import Scene

if TYPE_CHECKING:
    # waitress is loaded when the room first opens, not with the Capture page.
    from hexikit.room.entries import RoomSummary
    from hexikit.room.server import RoomServer
    from hexikit.store import Store

_NAME = "hexikitRoomController"
PHONE_CHANGES = frozenset({EntityType.ACTIVITY, EntityType.PARTICIPANT})


class RoomController(QObject):
    """Signals:
    stateChanged(): opened, closed, or a new message (read `is_open`, `url`, `message`).
    summaryChanged(object): a new `RoomSummary` for the join scene.
    entryArrived(str): a phone's entry was stored (its activity id), on the GUI thread.
    """

    stateChanged = Signal()
    summaryChanged = Signal(object)
    entryArrived = Signal(str)
    _arrived = Signal(str)  # emitted on the server's thread

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.message = ""
        self.addresses: list[Address] = []
        self.chosen_address = ""
        self.summary: RoomSummary | None = None
        self._server: RoomServer | None = None
        self._reading = False
        self._read_again = False
        self._announce = False
        self._arrived.connect(self._phone_saved, Qt.ConnectionType.QueuedConnection)
        context.currentEventChanged.connect(lambda _event_id: self.stop())
        context.storeChanged.connect(self._store_changed)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.stop)

    # ------------------------------------------------------------------ state

    @property
    def is_open(self) -> bool:
        return self._server is not None and self._server.is_open

    @property
    def url(self) -> str:
        return self._server.url if self._server is not None else ""

    def refresh_addresses(self) -> list[Address]:
        self.addresses = laptop_addresses()
        return self.addresses

    def look_for_addresses(self, then: Callable[[list[Address]], None]) -> None:
        """`refresh_addresses` off the GUI thread (asking the system takes ~10 ms): `then`
        gets what was found."""

        def found(addresses: list[Address]) -> None:
            self.addresses = addresses
            then(addresses)

        self.context.worker.run(laptop_addresses, found, lane="io", receiver=self)

    # ------------------------------------------------------------------ start, stop

    def start(self, address: str = "") -> bool:
        """Open the room for the current event on `address` (or the chosen or likeliest
        one) and show its join scene on the projector. False, with `message`, when it
        cannot open (no event, no network, address not usable)."""
        if self.is_open:
            self._show_scene()
            return True
        event_id = self.context.current_event_id
        if not event_id:
            return self._fail(self.tr("Choose or create the event first, then open the room."))
        host = address or self.chosen_address
        if not host:
            found = self.refresh_addresses()
            if not found:
                return self._fail(no_network_message())
            host = found[0].address
        from hexikit.room.server import RoomServer

        server = RoomServer(self.context.store, event_id, on_saved=self._arrived.emit)
        try:
            server.start_preferred(host)
        except OSError as exc:
            return self._fail(
                self.tr(
                    "The room could not open on {address} ({error}). Choose another network "
                    "address, or join the venue Wi-Fi again."
                )
                .replace("{address}", host)
                .replace("{error}", str(exc))
            )
        self._server = server
        self.chosen_address = host
        self.message = self.tr("The room is open: phones on this network can add entries.")
        self._ensure_scene()
        self._read(announce=False)
        self._show_scene()
        self.stateChanged.emit()
        return True

    def stop(self) -> None:
        """Close the room: the join code dies, the laptop stops listening."""
        server, self._server = self._server, None
        if server is None:
            return
        server.stop()
        self.message = self.tr("The room is closed: its address no longer works.")
        audience = self.context.audience
        if audience.current_scene == Scene.ROOM:
            audience.back_to_slides()
        self._update_scene()
        self.stateChanged.emit()

    def toggle(self) -> bool:
        if self.is_open:
            self.stop()
            return False
        return self.start()

    def _fail(self, message: str) -> bool:
        self.message = message
        self.stateChanged.emit()
        return False

    # ------------------------------------------------------------------ the scene

    def _ensure_scene(self) -> None:
        from hexikit.ui.room.scene import JoinScene

        audience = self.context.audience
        if not audience.has_scene(Scene.ROOM):
            audience.add_scene(Scene.ROOM, JoinScene())
        self._update_scene()

    def _update_scene(self) -> None:
        from hexikit.ui.room.scene import JoinScene

        audience = self.context.audience
        if audience.has_scene(Scene.ROOM):
            scene = audience.scene(Scene.ROOM)
            if isinstance(scene, JoinScene):
                scene.show_room(self.url, self.summary)

    def _show_scene(self) -> None:
        audience = self.context.audience
        audience.show_scene(Scene.ROOM)
        if not audience.isVisible():
            audience.show_on_projector()

    # ------------------------------------------------------------------ arrivals

    def _phone_saved(self, activity_id: str) -> None:
        self.entryArrived.emit(activity_id)
        self._read(announce=True)

    def _store_changed(self, _kind: str) -> None:
        # The facilitator edited or deleted on the laptop: the scene's counts follow. This
        # read announces nothing (the change was announced already).
        if self.is_open:
            self._read(announce=False)

    def _read(self, announce: bool) -> None:
        self._announce = self._announce or announce
        if self._reading:
            self._read_again = True
            return
        server = self._server
        if server is None:
            if self._announce:  # the room closed meanwhile: the pages must still hear of it
                self._announce = False
                self.context.worker.run(lambda: None, changes=PHONE_CHANGES)
            return
        store, event_id = self.context.store, server.event_id
        announce_now, self._announce = self._announce, False
        self._reading = True
        self.context.worker.run(
            lambda: _room_summary(store, event_id),
            self._summary_read,
            self._summary_failed,
            receiver=self,
            changes=PHONE_CHANGES if announce_now else (),
        )

    def _summary_read(self, summary: RoomSummary) -> None:
        self._reading = False
        self.summary = summary
        self._update_scene()
        self.summaryChanged.emit(summary)
        if self._read_again:
            self._read_again = False
            self._read(announce=False)

    def _summary_failed(self, _error: BaseException) -> None:
        self._reading = False
        if self._read_again:
            self._read_again = False
            self._read(announce=False)


def shared_room(context: AppContext) -> RoomController:
    """The app's one room controller, created on first use as a child of `context`: the
    Capture page's bar, its key and the run sheet all use this one."""
    found = context.findChild(RoomController, _NAME)
    if isinstance(found, RoomController):
        return found
    controller = RoomController(context, parent=context)
    controller.setObjectName(_NAME)
    return controller


def _room_summary(store: Store, event_id: str) -> RoomSummary:
    # Imported on the worker thread: it brings SQLAlchemy, which the Capture page (holding
    # the room's bar) must not wait for before its first paint.
    from hexikit.room.entries import room_summary

    return room_summary(store, event_id)
