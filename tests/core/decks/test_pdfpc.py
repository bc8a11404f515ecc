"""Notes files beside a PDF: pdfpc (format 2 and legacy) and Markdown, read and written."""

from __future__ import annotations

import json
from pathlib import Path

from hexikit.decks.loading import load_deck, save_deck_notes
from hexikit.decks.pdfpc import parse_markdown_notes, parse_pdfpc
from tests.core.decks.samples import make_pdf, make_pdfpc


def test_parse_pdfpc_overlays_share_notes_and_legacy_format() -> None:
    text = json.dumps(
        {
            "pdfpcFormat": 2,
            "pages": [
                {"idx": 0, "label": "1", "overlay": 0, "note": "Intro"},
                {"idx": 1, "label": "1", "overlay": 1},
                {"idx": 2, "label": "2", "overlay": 0, "note": "Body"},
                {"idx": 9, "label": "9", "note": "out of range"},
                "junk",
            ],
        }
    )
    assert parse_pdfpc(text, 3) == ["Intro", "Intro", "Body"]
    legacy = "[file]\ntalk.pdf\n[notes]\n### 1\nFirst\nline\n### 3\nThird\n"
    assert parse_pdfpc(legacy, 3) == ["First\nline", "", "Third"]
    assert parse_pdfpc("{broken", 2) == ["", ""]


def test_parse_markdown_notes_pads_and_trims() -> None:
    assert parse_markdown_notes("a\n---\nb\n---\nc\n---\nd", 2) == ["a", "b"]
    assert parse_markdown_notes("a", 3) == ["a", "", ""]


def test_save_notes_beside_a_pdf_keeps_pdfpc_settings(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "talk.pdf", ["One", "Two"])
    make_pdfpc(tmp_path / "talk.pdfpc", ["Hello", ""], duration=7)
    saved = save_deck_notes(load_deck(pdf), 2, "Goodbye")
    assert [s.notes for s in saved.slides] == ["Hello", "Goodbye"]
    data = json.loads((tmp_path / "talk.pdfpc").read_text(encoding="utf-8"))
    assert data["duration"] == 7


def test_save_notes_creates_pdfpc_or_updates_markdown(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "talk.pdf", ["One", "Two"])
    save_deck_notes(load_deck(pdf), 1, "Created")
    assert (tmp_path / "talk.pdfpc").is_file()

    other = make_pdf(tmp_path / "other.pdf", ["One", "Two"])
    (tmp_path / "other.notes.md").write_text("a\n---\nb\n", encoding="utf-8")
    saved = save_deck_notes(load_deck(other), 2, "changed")
    assert [s.notes for s in saved.slides] == ["a", "changed"]
    assert not (tmp_path / "other.pdfpc").exists()
