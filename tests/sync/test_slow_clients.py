"""Slow clients cannot starve others (issue 15, point 4), over real sockets on 127.0.0.1.

150 connections trickle their headers a byte at a time, from three client addresses of the
loopback range (127.0.0.2-4, 50 each: under the per-address cap), and 150 more from one
address (127.0.0.5: over the cap of 100, so its last 50 are closed at once). Meanwhile
`/health`, asked from 127.0.0.1, keeps answering. With waitress' defaults (100 connections)
the first 100 trickling connections alone shut `/health` out.
"""

from __future__ import annotations

import contextlib
import select
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from hexikit.sync.serve import PER_ADDRESS_LIMIT
from tests.sync.conftest import ServerProcess, start_server

SLOW_PER_ADDRESS = 50
CROWD = 150


@pytest.fixture
def sqlite_server(tmp_path: Path) -> Iterator[ServerProcess]:
    running = start_server(str(tmp_path / "server.db"))
    yield running
    running.stop()


def _slow_connection(port: int, source: str) -> socket.socket:
    conn = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))
    conn.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    return conn


def _trickle(conns: list[socket.socket]) -> None:
    """One more header byte on each connection still open (a header that never ends)."""
    for conn in conns:
        with contextlib.suppress(OSError):
            conn.send(b"X")


def _closed_by_server(conn: socket.socket) -> bool:
    readable, _w, _x = select.select([conn], [], [], 0)
    if not readable:
        return False
    try:
        return conn.recv(1) == b""
    except OSError:
        return True


def test_health_answers_under_150_slow_connections(sqlite_server: ServerProcess) -> None:
    port = int(sqlite_server.url.rsplit(":", 1)[1])
    spread: list[socket.socket] = []
    crowd: list[socket.socket] = []
    try:
        for index in range(CROWD):
            source = f"127.0.0.{2 + index // SLOW_PER_ADDRESS}"
            spread.append(_slow_connection(port, source))
        for _ in range(CROWD):
            crowd.append(_slow_connection(port, "127.0.0.5"))
        answers = []
        deadline = time.monotonic() + 20
        closed = 0
        while time.monotonic() < deadline:
            _trickle(spread + crowd)
            health = requests.get(sqlite_server.url + "/health", timeout=5)
            answers.append(health.status_code)
            closed = sum(_closed_by_server(conn) for conn in crowd)
            if len(answers) >= 5 and closed >= CROWD - PER_ADDRESS_LIMIT:
                break
        assert answers and all(code == 200 for code in answers), answers
        assert len(answers) >= 5
        # The one address over its cap had exactly its extra connections closed ...
        assert closed == CROWD - PER_ADDRESS_LIMIT
        # ... and the addresses under the cap kept every one (the global limit is not near).
        assert not any(_closed_by_server(conn) for conn in spread)
    finally:
        for conn in spread + crowd:
            conn.close()
