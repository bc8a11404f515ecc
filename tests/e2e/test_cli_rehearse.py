"""`hexikit deck import`, `deck check|handout` of .pptx/.pdf, and `hexikit rehearsals`, end to end
through the real command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from hexikit.base.clock import FakeClock
from hexikit.decks.library import LIBRARY_MANIFEST
from hexikit.decks.libreoffice import find_soffice
from hexikit.decks.loading import load_deck
from hexikit.rehearsal.runs import Rehearsal, deck_key, save_run, slide_targets
from hexikit.store import Store
from tests.core.decks.samples import (
    make_encrypted_ole,
    make_fake_soffice,
    make_pdf,
    make_pdfpc,
    make_pptx,
)


def run(
    data_dir: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hexikit", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, **(env or {})},
    )


NO_LIBREOFFICE = {"HEXIKIT_SOFFICE": "/nonexistent/soffice"}


def cli(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    *args: str,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """The same command line in this process (faster than a new interpreter per call)."""
    from hexikit.cli import main

    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    return subprocess.CompletedProcess(list(args), code, captured.out, captured.err)


def test_import_pptx_without_libreoffice_prints_where_and_what_to_install(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = make_pptx(tmp_path / "Pitch.pptx", title="The Hexitime pitch")
    result = run(data_dir, "deck", "import", str(source), env=NO_LIBREOFFICE)
    assert result.returncode == 0, result.stderr
    folder = data_dir / "decks" / "the-hexitime-pitch"
    assert f"into {folder}" in result.stdout
    assert "sudo apt install libreoffice-impress" in result.stdout
    assert (folder / LIBRARY_MANIFEST).is_file()
    check = cli(capsys, monkeypatch, data_dir, "deck", "check", str(folder))
    assert check.returncode == 0, check.stdout
    assert "Slides: 4" in check.stdout
    assert "Why timebanking" in check.stdout


def test_import_bad_file_exits_1_without_traceback(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = make_encrypted_ole(tmp_path / "locked.pptx")
    result = cli(capsys, monkeypatch, data_dir, "deck", "import", str(source))
    assert result.returncode == 1
    assert "password-protected" in result.stderr
    assert "Traceback" not in result.stderr
    assert list((data_dir / "decks").iterdir()) == [] if (data_dir / "decks").exists() else True


def test_import_with_hanging_libreoffice_times_out(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = make_fake_soffice(tmp_path, "hang")
    source = make_pptx(tmp_path / "talk.pptx")
    result = cli(
        capsys,
        monkeypatch,
        data_dir,
        "deck",
        "import",
        str(source),
        "--timeout",
        "1",
        env={"HEXIKIT_SOFFICE": str(fake), "HEXIKIT_TEST_PIDFILE": str(tmp_path / "pid")},
    )
    assert result.returncode == 1
    assert "did not finish" in result.stderr
    assert [p for p in (data_dir / "decks").iterdir() if not p.name.startswith(".")] == []
    notes_only = cli(
        capsys,
        monkeypatch,
        data_dir,
        "deck",
        "import",
        "--notes-only",
        str(source),
        env={"HEXIKIT_SOFFICE": str(fake)},
    )
    assert notes_only.returncode == 0, notes_only.stderr
    assert "notes only" in notes_only.stdout


def test_check_and_handout_accept_pdf(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pdf = make_pdf(tmp_path / "talk.pdf", ["Welcome", "Offers", "Thanks"])
    make_pdfpc(tmp_path / "talk.pdfpc", ["Say hello to the room.", "", "Thank them."])
    check = cli(capsys, monkeypatch, data_dir, "deck", "check", str(pdf))
    assert check.returncode == 0, check.stderr
    assert "Slides: 3" in check.stdout and "Offers" in check.stdout
    out = tmp_path / "handout.pdf"
    handout = cli(capsys, monkeypatch, data_dir, "deck", "handout", str(pdf), "--out", str(out))
    assert handout.returncode == 0, handout.stderr
    text = "".join(page.extract_text() or "" for page in PdfReader(str(out)).pages)
    assert "Say hello to the room." in text

    imported = cli(capsys, monkeypatch, data_dir, "deck", "import", str(pdf))
    assert imported.returncode == 0, imported.stderr
    assert "Notes came from talk.pdfpc." in imported.stdout


def test_check_accepts_pptx(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = make_pptx(tmp_path / "talk.pptx")
    check = cli(capsys, monkeypatch, data_dir, "deck", "check", str(source), env=NO_LIBREOFFICE)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "Slides: 4" in check.stdout
    # Issue 14: deck check reads text and notes only, so LibreOffice is never needed for it.
    assert "libreoffice-impress" not in check.stdout


@pytest.mark.skipif(
    find_soffice() is None,
    reason="LibreOffice (soffice) is not installed: sudo apt install libreoffice-impress",
)
def test_handout_of_pptx_with_real_libreoffice(tmp_path: Path, data_dir: Path) -> None:
    source = make_pptx(tmp_path / "talk.pptx")
    out = tmp_path / "handout.pdf"
    result = run(data_dir, "deck", "handout", str(source), "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = "".join(page.extract_text() or "" for page in PdfReader(str(out)).pages)
    assert "Hold up a card." in text and "Join Hexitime" in text


def test_rehearsals_lists_runs_with_per_slide_times(
    tmp_path: Path,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    deck_file = tmp_path / "deck.md"
    deck_file.write_text(
        "# Hello\nNotes:\nhi there\n---\n## Bye\n<!-- seconds: 30 -->\nNotes:\nbye\n",
        encoding="utf-8",
    )
    deck = load_deck(deck_file)
    clock = FakeClock()
    store = Store.open(data_dir)
    rehearsal = Rehearsal(deck_key(deck), deck.title, slide_targets(deck), clock)
    rehearsal.start()
    clock.advance(12)
    rehearsal.show_slide(2)
    clock.advance(40)
    save_run(store, rehearsal.finish())
    store.close()

    listed = run(data_dir, "rehearsals", "--deck", str(deck_file), "--json")
    assert listed.returncode == 0, listed.stderr
    runs = json.loads(listed.stdout)
    assert len(runs) == 1
    assert runs[0]["total_seconds"] == 52.0
    assert [s["seconds"] for s in runs[0]["slides"]] == [12.0, 40.0]
    assert [s["title"] for s in runs[0]["slides"]] == ["Hello", "Bye"]
    assert runs[0]["slides"][1]["target_seconds"] == 30.0

    text = cli(capsys, monkeypatch, data_dir, "rehearsals")
    assert text.returncode == 0
    assert "0:52" in text.stdout and "0:40 / 0:30" in text.stdout and "Bye" in text.stdout

    other = tmp_path / "other.md"
    other.write_text("# Other\n", encoding="utf-8")
    assert (
        json.loads(
            cli(capsys, monkeypatch, data_dir, "rehearsals", "--deck", str(other), "--json").stdout
        )
        == []
    )
    missing = cli(capsys, monkeypatch, data_dir, "rehearsals", "--deck", str(tmp_path / "nope.md"))
    assert missing.returncode == 1 and "no deck" in missing.stderr


def test_rehearsals_when_there_are_none(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = cli(capsys, monkeypatch, data_dir, "rehearsals")
    assert result.returncode == 0
    assert "No rehearsals recorded yet" in result.stdout
