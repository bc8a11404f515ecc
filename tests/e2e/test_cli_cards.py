"""`hexikit cards` end to end: a real process, a real data folder, a real PDF."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.store import Store


def hexikit(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HEXIKIT_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "hexikit", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _seed(data_dir: Path) -> tuple[str, list[str]]:
    store = Store.open(data_dir)
    try:
        event = store.create_event(EventInput("Hexithon Bangor", "2026-12-02", "Bangor"))
        codes = []
        for index, name in enumerate(["Ŵyn", "Ŷwain", "Cerys"]):
            person = store.create_participant(event.id, ParticipantInput(name))
            codes.append(person.claim_code)
            if index < 2:
                store.create_activity(
                    event.id, ActivityInput(Kind.OFFER, f"Offer {index}"), person.id
                )
        return event.id, codes
    finally:
        store.close()


def test_personal_cards(data_dir: Path, tmp_path: Path) -> None:
    event_id, codes = _seed(data_dir)
    out = tmp_path / "cards.pdf"
    done = hexikit(
        data_dir,
        "cards",
        "--out",
        str(out),
        "--event",
        event_id[:8],
        "--crop-marks",
        "--template",
        "avery-c32011",
    )
    assert done.returncode == 0, done.stderr
    assert "Wrote 3 cards on 1 pages" in done.stdout
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 1
    text = "".join(page.extract_text() for page in reader.pages)
    for code in codes:
        assert code in text
    only = hexikit(data_dir, "cards", "--out", str(out), "--participants", "with-activities")
    assert only.returncode == 0, only.stderr  # the only event is chosen without --event
    assert "Wrote 2 cards" in only.stdout


def test_blank_and_event_cards_with_count_and_offset(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "blank.pdf"
    done = hexikit(
        data_dir,
        "cards",
        "--out",
        str(out),
        "--kind",
        "blank-request",
        "--count",
        "9",
        "--offset-mm",
        "1.5,-0.5",
        "--template",
        "letter-8up",
    )
    assert done.returncode == 0, done.stderr
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    assert len(reader.pages) == 2
    assert float(reader.pages[0].mediabox.width) == 612
    _seed(data_dir)
    event_out = tmp_path / "event.pdf"
    done = hexikit(data_dir, "cards", "--out", str(event_out), "--kind", "event", "--count", "2")
    assert done.returncode == 0, done.stderr
    assert "Hexithon Bangor" in PdfReader(str(event_out)).pages[0].extract_text()


def test_list_templates_includes_custom_ones(data_dir: Path) -> None:
    custom = {
        "name": "club-cards",
        "page": "A4",
        "card_width_mm": 90,
        "card_height_mm": 50,
        "columns": 2,
        "rows": 5,
        "left_mm": 10,
        "top_mm": 20,
        "pitch_x_mm": 95,
        "pitch_y_mm": 52,
    }
    (data_dir / "settings.json").write_text(json.dumps({"custom_templates": [custom]}))
    done = hexikit(data_dir, "cards", "--list-templates")
    assert done.returncode == 0
    for name in (
        "a4-8up",
        "avery-c32011",
        "avery-c32015",
        "letter-8up",
        "avery-5371",
        "club-cards",
    ):
        assert name in done.stdout


def test_clear_errors(data_dir: Path, tmp_path: Path) -> None:
    unknown = hexikit(data_dir, "cards", "--out", str(tmp_path / "x.pdf"), "--template", "a5-bogus")
    assert unknown.returncode == 1
    assert "Unknown card template “a5-bogus”" in unknown.stderr
    assert "Traceback" not in unknown.stderr

    store = Store.open(data_dir)
    store.create_event(EventInput("Nobody came"))
    store.close()
    nobody = hexikit(data_dir, "cards", "--out", str(tmp_path / "x.pdf"))
    assert nobody.returncode == 1
    assert "no participants" in nobody.stderr and "Traceback" not in nobody.stderr

    unwritable = hexikit(
        data_dir,
        "cards",
        "--kind",
        "blank-offer",
        "--out",
        str(tmp_path / "no-such-folder" / "x.pdf"),
    )
    assert unwritable.returncode == 1
    assert "does not exist" in unwritable.stderr and "Traceback" not in unwritable.stderr

    bad_offset = hexikit(
        data_dir,
        "cards",
        "--kind",
        "blank-offer",
        "--out",
        str(tmp_path / "x.pdf"),
        "--offset-mm",
        "left",
    )
    assert bad_offset.returncode == 1 and "two numbers" in bad_offset.stderr
