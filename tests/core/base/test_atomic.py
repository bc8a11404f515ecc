"""Atomic writes: the old file stays whole until the new one is complete."""

from __future__ import annotations

from pathlib import Path

import pytest

from hexikit.base.atomic import atomic_path, atomic_write_bytes, atomic_write_text


def test_write_text_and_bytes(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "notes.md"
    atomic_write_text(target, "a\r\nb\n", newline="")
    assert target.read_bytes() == b"a\r\nb\n"
    atomic_write_bytes(target, b"%PDF-1.4")
    assert target.read_bytes() == b"%PDF-1.4"
    assert sorted(p.name for p in folder.iterdir()) == ["notes.md"]


def test_failure_keeps_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "report.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in folder.iterdir()) == ["report.pdf"]


def test_missing_folder_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        atomic_write_bytes(tmp_path / "nowhere" / "x.pdf", b"x")
