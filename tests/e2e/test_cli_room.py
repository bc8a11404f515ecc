"""`hexikit room serve` in a subprocess: the join URL is its first line, a phone's post is stored,
SIGTERM ends it with exit 0 and the port stops listening; bad input is a plain message."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import requests

from hexikit.records.domain import EventInput
from hexikit.store import Store
from tests.core.room.conftest import ENTRY


def _env() -> dict[str, str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUTF8": "1"}
    env.pop("HEXIKIT_DATA_DIR", None)
    return env


def test_room_serve_prints_the_join_url_first_and_stops_on_sigterm(data_dir: Path) -> None:
    store = Store.open(data_dir)
    event_id = store.create_event(EventInput(title="Hexithon CLI")).id
    store.close()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "hexikit",
            "--data-dir",
            str(data_dir),
            "room",
            "serve",
            "--event",
            event_id[:8],
            "--host",
            "127.0.0.1",
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and "/j/" in url
        code = url.rsplit("/", 1)[1]
        assert len(code) == 13
        answer = requests.post(f"{url}/entries", json=ENTRY, timeout=10)
        assert answer.status_code == 201
        port = int(url.split(":")[2].split("/")[0])
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        probe = socket.socket()
        try:
            assert probe.connect_ex(("127.0.0.1", port)) != 0
        finally:
            probe.close()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    store = Store.open(data_dir)
    try:
        assert [a.title for a in store.list_activities(event_id)] == [ENTRY["title"]]
    finally:
        store.close()


def test_room_serve_without_an_event_says_so(data_dir: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "hexikit",
            "--data-dir",
            str(data_dir),
            "room",
            "serve",
            "--event",
            "nope",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
        ],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert done.returncode == 1 and "no event with the id nope" in done.stderr
    assert "Traceback" not in done.stderr
