"""The Capture page's room bar: open or close the room to phones (the button, or F8), the
network address it listens on, and what to tell the room."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from hexikit.room.network import Address, no_network_message
from hexikit.ui.context import AppContext
from hexikit.ui.room.controller import RoomController, shared_room

ROOM_KEY = QKeySequence("F8")


class RoomBar(QWidget):
    """Open / close the room, choose the address, see the join URL or why it did not open."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roomBar")
        self.room: RoomController = shared_room(context)
        self.toggle_button = QPushButton()
        self.toggle_button.setObjectName("roomToggle")
        self.toggle_button.setCheckable(True)
        self.toggle_button.clicked.connect(self._toggle)
        self.address_box = QComboBox()
        self.address_box.setObjectName("roomAddress")
        self.address_box.setAccessibleName(self.tr("Network address the phones use"))
        self.address_box.activated.connect(self._address_chosen)
        self.rescan_button = QPushButton(self.tr("Look again"))
        self.rescan_button.setToolTip(self.tr("List this laptop's network addresses again"))
        self.rescan_button.clicked.connect(self.refresh_addresses)
        self.status = QLabel()
        self.status.setObjectName("roomStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.address_box, 1)
        row.addWidget(self.rescan_button, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.toggle_button)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.shortcut = QShortcut(ROOM_KEY, self)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.activated.connect(self._toggle)
        self.room.stateChanged.connect(self._show_state)
        self.room.summaryChanged.connect(lambda _summary: self._show_state())
        # The addresses are looked up in the background: the Capture form this bar sits on
        # paints first.
        self.address_box.addItem(self.tr("Looking for this laptop's network…"), "")
        #: True until the background look-up answers: "no network" is not known yet, and the
        #: usual line keeps the form below from moving when the answer comes.
        self._looking = not self.room.is_open
        if self.room.is_open:
            self._fill_addresses(self.room.addresses)
        else:
            self.room.look_for_addresses(self._found_in_background)
        self._show_state()

    def refresh_addresses(self) -> None:
        if self.room.is_open:
            return  # the open room keeps its address; close it to choose another
        self._looking = False
        self._fill_addresses(self.room.refresh_addresses())

    @property
    def is_looking(self) -> bool:
        """The laptop's addresses are still being looked up (just after start-up)."""
        return self._looking

    def _found_in_background(self, found: list[Address]) -> None:
        self._looking = False
        if not self.room.is_open:  # opened meanwhile (F8): it shows the address it took
            self._fill_addresses(found)

    def _fill_addresses(self, found: list[Address]) -> None:
        self.address_box.clear()
        for address in found:
            # The box stays short in any language; the why ("a VPN: …") is its tooltip.
            self.address_box.addItem(f"{address.address} ({address.interface})", address.address)
            self.address_box.setItemData(
                self.address_box.count() - 1, address.label, Qt.ItemDataRole.ToolTipRole
            )
        if not found:
            self.address_box.addItem(self.tr("No network"), "")
        chosen = self.address_box.findData(self.room.chosen_address)
        self.address_box.setCurrentIndex(max(0, chosen))
        self._show_state()

    def _address_chosen(self, index: int) -> None:
        self.room.chosen_address = str(self.address_box.itemData(index) or "")

    def _toggle(self) -> None:
        if not self.room.is_open:
            self._address_chosen(self.address_box.currentIndex())
        self.room.toggle()
        self._show_state()

    def _show_state(self) -> None:
        is_open = self.room.is_open
        self.toggle_button.setChecked(is_open)
        self.toggle_button.setText(
            self.tr("Close the room to phones  F8")
            if is_open
            else self.tr("Open the room to phones  F8")
        )
        self.address_box.setEnabled(not is_open)
        self.rescan_button.setEnabled(not is_open)
        if is_open:
            # The box shows the address the room listens on, however it was opened.
            index = self.address_box.findData(self.room.chosen_address)
            if index < 0:
                self.address_box.addItem(self.room.chosen_address, self.room.chosen_address)
                index = self.address_box.count() - 1
            self.address_box.setCurrentIndex(index)
            summary = self.room.summary
            text = self.tr("Phones join at {url}").replace("{url}", self.room.url)
            if summary is not None:
                text += "  ·  " + self.tr("offers: {offers}, requests: {requests}").replace(
                    "{offers}", str(summary.offers)
                ).replace("{requests}", str(summary.requests))
            self.status.setText(text)
            self.status.setProperty("roomOpen", True)
        elif self.room.message:
            self.status.setText(self.room.message)
        elif not self.room.addresses and not self._looking:
            self.status.setText(no_network_message())
        else:
            self.status.setText(
                self.tr("Let the room add its own offers and requests from their phones.")
            )
