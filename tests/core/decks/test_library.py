"""The deck library: PowerPoint and PDF decks imported into folders, loaded, notes saved back."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from hexikit.decks.imported import DeckImportError
from hexikit.decks.library import (
    LIBRARY_MANIFEST,
    LIBRARY_NOTES,
    import_deck,
    library_decks,
)
from hexikit.decks.loading import load_deck, save_deck_notes
from tests.core.decks.samples import TALK, make_pptx


def test_notes_only_import_without_libreoffice(tmp_path: Path, library: Path) -> None:
    source = make_pptx(tmp_path / "My Talk.pptx")
    result = import_deck(source, library, soffice=None)
    assert result.deck_dir == library / "my-talk"
    assert not result.has_pictures
    assert "sudo apt install libreoffice-impress" in result.messages[0]
    assert sorted(p.name for p in result.deck_dir.iterdir()) == sorted(
        [LIBRARY_MANIFEST, LIBRARY_NOTES]
    )
    deck = load_deck(result.deck_dir)
    assert deck.pdf_path is None
    assert [slide.title for slide in deck.slides] == [title for title, _b, _n in TALK]
    assert all(slide.layout == "title" and slide.pdf_page is None for slide in deck.slides)
    assert deck.slides[3].notes == "Hold up a card. Show the QR code."
    assert any("libreoffice-impress" in p.message for p in deck.problems)
    assert not deck.errors
    assert library_decks(library) == [result.deck_dir]


def test_importing_twice_keeps_both(tmp_path: Path, library: Path) -> None:
    source = make_pptx(tmp_path / "talk.pptx")
    first = import_deck(source, library, soffice=None)
    second = import_deck(source, library, soffice=None)
    assert (first.deck_dir.name, second.deck_dir.name) == ("talk", "talk-2")


def test_three_hundred_slides_import(tmp_path: Path, library: Path) -> None:
    slides = [(f"Slide title {n}", f"body {n}", f"notes of slide {n}") for n in range(1, 301)]
    result = import_deck(make_pptx(tmp_path / "long.pptx", slides), library, soffice=None)
    deck = load_deck(result.deck_dir)
    assert len(deck.slides) == 300
    assert deck.slides[299].notes == "notes of slide 300"


def test_other_kinds_of_file_are_refused(tmp_path: Path, library: Path) -> None:
    odp = tmp_path / "talk.key"
    odp.write_bytes(b"x")
    with pytest.raises(DeckImportError, match="imports PowerPoint"):
        import_deck(odp, library)
    with pytest.raises(DeckImportError, match="no file"):
        import_deck(tmp_path / "missing.pptx", library)


def test_save_notes_into_an_imported_deck(tmp_path: Path, library: Path) -> None:
    result = import_deck(make_pptx(tmp_path / "talk.pptx"), library, soffice=None)
    deck = load_deck(result.deck_dir)
    saved = save_deck_notes(deck, 3, "Now with notes.\nTwo lines.")
    assert saved.slides[2].notes == "Now with notes.\nTwo lines."
    assert load_deck(result.deck_dir).slides[2].notes == "Now with notes.\nTwo lines."
    data = json.loads((result.deck_dir / LIBRARY_NOTES).read_text(encoding="utf-8"))
    assert data["pdfpcFormat"] == 2
    assert data["pages"][2]["note"] == "Now with notes.\nTwo lines."


def test_stale_temporary_folders_are_cleaned(tmp_path: Path, library: Path) -> None:
    stale = library / ".importing-old"
    stale.mkdir()
    os.utime(stale, (0, 0))
    import_deck(make_pptx(tmp_path / "talk.pptx"), library, soffice=None)
    assert not stale.exists()


def test_damaged_library_folder(library: Path) -> None:
    folder = library / "broken"
    folder.mkdir()
    (folder / LIBRARY_NOTES).write_text("{}", encoding="utf-8")
    (folder / LIBRARY_MANIFEST).write_text("not json", encoding="utf-8")
    deck = load_deck(folder)
    assert deck.errors and "damaged" in deck.errors[0].message
