"""Opening any deck (a folder, a Markdown file, a PDF, a .pptx, another format) and saving its
notes back where the deck keeps them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hexikit.decks.deck import Deck, DeckError, Slide
from hexikit.decks.library import load_pptx_deck
from hexikit.decks.loading import load_deck, register_loader, save_deck_notes
from tests.core.decks.samples import make_pdf, make_pptx


def test_missing_paths_never_raise(tmp_path: Path) -> None:
    assert load_deck(tmp_path / "nope.md").errors
    empty_folder = tmp_path / "empty"
    empty_folder.mkdir()
    deck = load_deck(empty_folder)
    assert deck.slides == [] and "deck.md" in deck.errors[0].message


def test_register_loader_plugs_in_another_format(tmp_path: Path) -> None:
    calls: list[Path] = []

    def fake_pdf(path: Path) -> Deck:
        calls.append(path)
        deck = Deck(title="From PDF", source_path=path, pdf_path=path)
        deck.slides = [Slide(number=1, title="p1", body="", notes="", pdf_page=0)]
        return deck

    def broken(path: Path) -> Deck:
        raise ValueError("bad file")

    register_loader(".fakepdf", fake_pdf)
    register_loader("brokenfmt", broken)
    (tmp_path / "talk.fakepdf").write_bytes(b"%PDF")
    (tmp_path / "talk.brokenfmt").write_bytes(b"?")
    deck = load_deck(tmp_path / "talk.fakepdf")
    assert deck.title == "From PDF" and deck.slides[0].pdf_page == 0
    assert calls == [tmp_path / "talk.fakepdf"]
    failed = load_deck(tmp_path / "talk.brokenfmt")
    assert failed.errors and "bad file" in failed.errors[0].message


def test_save_notes_of_markdown_deck_goes_through_the_presenter(tmp_path: Path) -> None:
    deck_file = tmp_path / "deck.md"
    deck_file.write_text("# One\nNotes:\nold\n---\n# Two\n", encoding="utf-8")
    saved = save_deck_notes(load_deck(deck_file), 1, "new")
    assert saved.slides[0].notes == "new"


def test_save_notes_errors(tmp_path: Path) -> None:
    source = make_pptx(tmp_path / "talk.pptx")
    deck = load_pptx_deck(source, soffice=None)
    with pytest.raises(DeckError, match="import the deck first"):
        save_deck_notes(deck, 1, "x")
    pdf = make_pdf(tmp_path / "talk.pdf", ["One"])
    with pytest.raises(DeckError, match="no slide 5"):
        save_deck_notes(load_deck(pdf), 5, "x")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can write anywhere")
def test_save_notes_read_only_folder(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "talk.pdf", ["One"])
    deck = load_deck(pdf)
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(DeckError, match="what you typed is still here"):
            save_deck_notes(deck, 1, "x")
    finally:
        tmp_path.chmod(0o700)


def test_markdown_and_library_decks_read_quickly_and_pdf_or_powerpoint_files_do_not(
    tmp_path: Path,
) -> None:
    from hexikit.base.resources import builtin_deck_dir
    from hexikit.decks.library import LIBRARY_NOTES, LIBRARY_PDF, import_deck
    from hexikit.decks.loading import reads_quickly

    assert reads_quickly(builtin_deck_dir())
    assert reads_quickly(builtin_deck_dir() / "deck.md")
    pdf = make_pdf(tmp_path / "talk.pdf", ["One"])
    assert not reads_quickly(pdf)
    library_deck = tmp_path / "imported"
    library_deck.mkdir()
    make_pdf(library_deck / "deck.pdf", ["One"])
    assert not reads_quickly(library_deck)  # a folder with a PDF, not the library's
    assert not reads_quickly(tmp_path / "nowhere")
    imported = import_deck(pdf, tmp_path / "library").deck_dir
    assert reads_quickly(imported)
    assert reads_quickly(imported / LIBRARY_PDF)
    assert reads_quickly(imported / LIBRARY_NOTES)
    assert not reads_quickly(imported / "hexikit-deck.json")
