"""`hexikit deck check|handout` end to end, through the real command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from hexikit.base.resources import builtin_deck_dir


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hexikit", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_builtin_deck_is_fine() -> None:
    result = run("deck", "check", str(builtin_deck_dir()))
    assert result.returncode == 0, result.stderr
    assert "Slides: 10" in result.stdout
    assert "Total:" in result.stdout and "140 words per minute" in result.stdout
    assert "No problems found." in result.stdout


def test_check_bad_deck_exits_1_with_line_numbers(tmp_path: Path) -> None:
    deck = tmp_path / "deck.md"
    deck.write_text("# One\n![x](missing.png)\nNotes: n\n---\n# Two\n", encoding="utf-8")
    result = run("deck", "check", str(deck))
    assert result.returncode == 1
    assert "line 2: error" in result.stdout
    assert "line 5: warning" in result.stdout
    assert "Traceback" not in result.stderr


def test_check_missing_path_exits_1_without_traceback(tmp_path: Path) -> None:
    result = run("deck", "check", str(tmp_path / "nope"))
    assert result.returncode == 1
    assert "does not exist" in result.stdout
    assert "Traceback" not in result.stderr


def test_handout_writes_letter_pdf(tmp_path: Path) -> None:
    out = tmp_path / "notes.pdf"
    result = run("deck", "handout", str(builtin_deck_dir()), "--out", str(out), "--paper", "letter")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(str(out))
    assert len(reader.pages) == 10
    assert round(float(reader.pages[0].mediabox.width)) == 612


def test_handout_of_empty_deck_is_a_plain_error(tmp_path: Path) -> None:
    empty = tmp_path / "deck.md"
    empty.write_text("", encoding="utf-8")
    result = run("deck", "handout", str(empty), "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 1
    assert "hexikit:" in result.stderr and "Traceback" not in result.stderr
