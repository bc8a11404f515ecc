"""PDF decks: opened directly with the notes beside them, imported, and bad PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

from hexikit.decks.deck import ERROR
from hexikit.decks.imported import DeckImportError
from hexikit.decks.library import LIBRARY_PDF, import_deck
from hexikit.decks.loading import load_deck
from tests.core.decks.samples import library_entries, make_empty_pdf, make_pdf, make_pdfpc


def test_pdf_with_pdfpc_notes(tmp_path: Path, library: Path) -> None:
    pdf = make_pdf(tmp_path / "talk.pdf", ["Welcome", "Hours", "Thanks"])
    make_pdfpc(tmp_path / "talk.pdfpc", ["Say hello.", "", "Say thanks."], duration=5)
    deck = load_deck(pdf)
    assert [s.title for s in deck.slides] == ["Welcome", "Hours", "Thanks"]
    assert [s.notes for s in deck.slides] == ["Say hello.", "", "Say thanks."]
    assert [s.pdf_page for s in deck.slides] == [0, 1, 2]
    assert deck.pdf_path == pdf
    assert deck.target_minutes == 5  # the pdfpc duration

    result = import_deck(pdf, library)
    assert result.has_pictures and result.slide_count == 3
    assert "Notes came from talk.pdfpc." in result.messages
    imported = load_deck(result.deck_dir)
    assert [s.notes for s in imported.slides] == ["Say hello.", "", "Say thanks."]
    assert imported.pdf_path == result.deck_dir / LIBRARY_PDF
    assert imported.target_minutes == 5


def test_pdf_titles_from_bookmarks(tmp_path: Path) -> None:
    deck = load_deck(make_pdf(tmp_path / "talk.pdf", ["A", "B"], outline=True))
    assert [s.title for s in deck.slides] == ["Bookmark 1", "Bookmark 2"]


def test_pdf_with_markdown_notes(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "talk.pdf", ["One", "Two", "Three"])
    (tmp_path / "talk.notes.md").write_text(
        "First words.\n---\n\n---\nLast **words**.\n", encoding="utf-8"
    )
    deck = load_deck(pdf)
    assert [s.notes for s in deck.slides] == ["First words.", "", "Last **words**."]


def test_pdf_without_notes_imports_with_a_hint(tmp_path: Path, library: Path) -> None:
    result = import_deck(make_pdf(tmp_path / "talk.pdf", ["One"]), library)
    assert "No notes file was found" in result.messages[0]
    assert load_deck(result.deck_dir).slides[0].notes == ""


def test_pdf_with_no_pages(tmp_path: Path, library: Path) -> None:
    pdf = make_empty_pdf(tmp_path / "empty.pdf")
    with pytest.raises(DeckImportError, match="has no pages"):
        import_deck(pdf, library)
    assert library_entries(library) == []
    assert "has no pages" in load_deck(pdf).errors[0].message


def test_not_a_pdf(tmp_path: Path, library: Path) -> None:
    fake = tmp_path / "talk.pdf"
    fake.write_text("hello", encoding="utf-8")
    with pytest.raises(DeckImportError, match="not a readable PDF"):
        import_deck(fake, library)
    assert load_deck(fake).errors[0].severity == ERROR
