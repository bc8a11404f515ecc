"""A real room on 127.0.0.1 (a free port), served by waitress, for the room's tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import requests

from hexikit.base.clock import FakeClock
from hexikit.records.domain import EventInput
from hexikit.room.server import RoomServer
from hexikit.store import Store

ENTRY = {
    "kind": "offer",
    "title": "Teach run charts",
    "name": "Siân Jones",
    "consent": True,
    "categories": ["Statistical analysis"],
    "regions": ["Wales"],
    "description": "An hour on a call.",
}


@dataclass
class OpenRoom:
    store: Store
    event_id: str
    server: RoomServer
    limiter_clock: FakeClock
    saved: list[str]

    @property
    def url(self) -> str:
        return self.server.url

    def phone(self) -> requests.Session:
        """A new phone: its own cookie jar."""
        return requests.Session()


@pytest.fixture
def room(store: Store) -> Iterator[OpenRoom]:
    event = store.create_event(EventInput(title="Hexithon <Cardiff>", date="2026-11-26"))
    limiter_clock = FakeClock()
    saved: list[str] = []
    server = RoomServer(store, event.id, clock=limiter_clock, on_saved=saved.append, threads=4)
    server.start("127.0.0.1", 0)
    yield OpenRoom(store, event.id, server, limiter_clock, saved)
    server.stop()
