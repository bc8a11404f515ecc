"""`hexikit report`: the PDF and the JSON from the command line, and its plain errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.store import Store


def hexikit(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hexikit", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _event(data_dir: Path) -> str:
    store = Store.open(data_dir)
    try:
        event = store.create_event(EventInput("CLI Hexithon", date="2026-11-26"))
        person = store.create_participant(event.id, ParticipantInput("Ana"))
        store.create_activity(
            event.id, ActivityInput(Kind.OFFER, "Run charts", categories=["Design"]), person.id
        )
        return event.id
    finally:
        store.close()


def test_pdf_and_json(data_dir: Path, tmp_path: Path) -> None:
    event_id = _event(data_dir)
    out = tmp_path / "report.pdf"
    done = hexikit(data_dir, "report", "--event", event_id[:8], "--out", str(out))
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() or "" for page in PdfReader(str(out)).pages)
    assert "CLI Hexithon" in text and "Run chart" in text

    done = hexikit(data_dir, "report", "--event", event_id, "--format", "json")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert body["event_id"] == event_id
    assert (body["participants"], body["offers"], body["requests"]) == (1, 1, 0)


def test_errors_are_plain(data_dir: Path, tmp_path: Path) -> None:
    _event(data_dir)
    done = hexikit(data_dir, "report", "--event", "zzzz", "--out", str(tmp_path / "x.pdf"))
    assert done.returncode == 1
    assert "no event with the id zzzz" in done.stderr and "Traceback" not in done.stderr
    done = hexikit(data_dir, "report", "--event", "zzzz")
    assert done.returncode == 1 and "--out" in done.stderr
