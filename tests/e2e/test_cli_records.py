"""The record commands in a subprocess against a temporary data folder: exit codes 0/1/2,
plain messages without tracebacks, and a CSV export imported on a second 'laptop'."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Each subprocess pays the interpreter start, so the session records a few telling names; the
# full list of awkward text is covered in tests/core.
NAMES = ["Llŷr", "Zoë", "محمد 🙂", "x'); DROP TABLE events;--"]


@dataclass
class Done:
    code: int
    out: str
    err: str


def hexikit(data_dir: Path, *args: str) -> Done:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUTF8": "1"}
    env.pop("HEXIKIT_DATA_DIR", None)  # the flag alone says where the data is
    done = subprocess.run(
        [sys.executable, "-m", "hexikit", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return Done(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    return tmp_path / "laptop-a"


def test_record_session_export_and_import_on_another_laptop(laptop: Path, tmp_path: Path) -> None:
    made = hexikit(
        laptop, "event", "add", "--title", "Hexithon Cardiff", "--date", "2026-11-26",
        "--region", "wales", "--venue", "Y Senedd", "--facilitator", "Siân",
    )  # fmt: skip
    assert made.code == 0, made.err
    event_id = made.out.strip()
    assert len(event_id) == 36

    ids = []
    for number, name in enumerate(NAMES):
        kind = "offer" if number % 2 else "request"
        done = hexikit(
            laptop, "record", kind, "--event", event_id[:8], "--title", f"=SUM(A1) {name}",
            "--name", name, "--email", f"p{number}@example.org", "--category", "design",
            "--category", "Quality of care", "--region", "Wales", "--mode", "remote",
            "--hours", "1.5", "--description", f"{name}\nline two",
        )  # fmt: skip
        assert done.code == 0, done.err
        ids.append(done.out.strip())
    again = hexikit(
        laptop, "record", "offer", "--event", event_id, "--title", "More", "--name", "zoë"
    )
    assert again.code == 0

    listed = hexikit(laptop, "events")
    assert listed.code == 0
    fields = listed.out.rstrip("\n").split("\t")
    assert fields[:6] == [event_id, "2026-11-26", "Hexithon Cardiff", "Y Senedd", "Wales", "Siân"]
    assert fields[6:] == ["3 offers", "2 requests"]

    out = tmp_path / "export.csv"
    exported = hexikit(laptop, "export", "--format", "csv", "--event", event_id, "--out", str(out))
    assert exported.code == 0, exported.err
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [row["id"] for row in rows][: len(ids)] == ids
    assert len({row["participant_id"] for row in rows}) == len(NAMES)  # zoë reused
    for row in rows:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values()), row
    assert rows[0]["title"] == "'=SUM(A1) Llŷr"  # neutralised for spreadsheets
    assert rows[0]["participant_name"] == "Llŷr" and rows[0]["hours"] == "1.5"

    as_json = hexikit(laptop, "export", "--format", "json")
    document = json.loads(as_json.out)
    assert {p["name"] for p in document["participants"]} == set(NAMES)

    other = tmp_path / "laptop-b"
    new_event = hexikit(other, "event", "add", "--title", "Hexithon Cardiff").out.strip()
    imported = hexikit(other, "import", str(out), "--event", new_event)
    assert imported.code == 0, imported.err
    assert "Imported 5 offers and requests and 4 new participants" in imported.out
    round_trip = hexikit(other, "export", "--format", "csv")
    back = list(csv.DictReader(io.StringIO(round_trip.out, newline="")))
    keys = ("id", "kind", "title", "description", "categories", "regions", "mode", "hours",
            "participant_id", "participant_name", "participant_email", "participant_claim_code")  # fmt: skip
    assert [[r[k] for k in keys] for r in back] == [[r[k] for k in keys] for r in rows]
    stored = json.loads(hexikit(other, "export", "--format", "json").out)
    assert {a["title"] for a in stored["activities"]} == {f"=SUM(A1) {n}" for n in NAMES} | {"More"}


def run_main(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> Done:
    """The same entry point in-process: quick, and stderr is checked for tracebacks too."""
    from hexikit.cli import main

    code = main(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err, captured.err
    return Done(code, captured.out, captured.err)


def test_each_exit_code_in_a_subprocess(laptop: Path) -> None:
    assert hexikit(laptop, "events").code == 0
    usage = hexikit(laptop, "record", "offer", "--title", "no event given")
    assert usage.code == 2 and "--event" in usage.err
    bad = hexikit(laptop, "event", "add", "--title", "")
    assert bad.code == 1 and bad.err.startswith("hexikit: An event needs a title")


def test_exit_codes_and_plain_messages(
    laptop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(*args: str) -> Done:
        return run_main(capsys, laptop, *args)

    event_id = run("event", "add", "--title", "Hexithon").out.strip()

    assert run("export", "--format", "xml").code == 2
    assert run("no-such-command").code == 2
    assert run("event").code == 2  # an action is needed

    bad = run(
        "record", "offer", "--event", event_id, "--title", "", "--hours", "7.1",
        "--category", "juggling",
    )  # fmt: skip
    assert bad.code == 1 and bad.out == ""
    assert "A title is needed" in bad.err and "quarter hours" in bad.err and "juggling" in bad.err

    huge = run("record", "offer", "--event", event_id, "--title", "x" * 100_000)
    assert huge.code == 1 and "100000 characters" in huge.err and len(huge.err) < 500

    assert "no event" in run("record", "offer", "--event", "zzzz", "--title", "x").err
    assert run("event", "add", "--title", "x", "--date", "26/11/2026").code == 1
    assert (
        run("record", "offer", "--event", event_id, "--title", "x", "--email", "a@b.org").code == 1
    )

    missing = run("import", str(tmp_path / "missing.csv"), "--event", event_id)
    assert missing.code == 1 and "no file" in missing.err

    broken = tmp_path / "broken.csv"
    broken.write_text("kind;title;hours;colour\noffer;ok;1;red\nrequest;;5;blue\ngift;x;;\n")
    failed = run("import", str(broken), "--event", event_id)
    assert failed.code == 1
    assert "Nothing was imported" in failed.err
    assert "line 3: A title is needed" in failed.err and "line 4: Kind must be" in failed.err
    assert run("export").out.count("\n") == 1  # header only: nothing went in

    fixed = tmp_path / "fixed.csv"
    fixed.write_text("kind;title;hours;colour\noffer;ok;1;red\n")
    done = run("import", str(fixed), "--event", event_id)
    assert done.code == 0 and "colour" in done.err and "Imported 1" in done.out

    unwritable = run("export", "--out", str(tmp_path / "no-such-folder" / "x.csv"))
    assert unwritable.code == 1 and "Could not write" in unwritable.err
