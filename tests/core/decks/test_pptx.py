"""PowerPoint decks: titles and notes read from .pptx files, and the bad files an import must
refuse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hexikit.decks import pptx as deck_pptx
from hexikit.decks.imported import DeckImportError
from hexikit.decks.library import import_deck
from hexikit.decks.loading import load_deck
from hexikit.decks.pptx import read_pptx
from tests.core.decks.samples import (
    TALK,
    library_entries,
    make_docx_named_pptx,
    make_encrypted_ole,
    make_ppt97,
    make_pptx,
    make_zip_of_something_else,
)


def test_read_pptx_gives_titles_and_notes(tmp_path: Path) -> None:
    content = read_pptx(make_pptx(tmp_path / "talk.pptx", title="Hexitime pitch"))
    assert content.title == "Hexitime pitch"
    assert [slide.title for slide in content.slides] == [title for title, _b, _n in TALK]
    assert content.slides[0].notes == "Start with a question to the room."
    assert content.slides[2].notes == ""
    assert any("no speaker notes: 3" in message for message in content.messages)


def test_hidden_slides_are_left_out_like_the_slide_show(tmp_path: Path) -> None:
    content = read_pptx(make_pptx(tmp_path / "talk.pptx", hidden=[2]))
    assert [slide.title for slide in content.slides] == [
        "Why timebanking",
        "Offers and requests",
        "Join Hexitime",
    ]
    assert content.hidden_slides == 1


def test_slides_without_notes_pages_come_in_with_empty_notes(tmp_path: Path) -> None:
    path = make_pptx(tmp_path / "bare.pptx", [("One", "a", None), ("Two", "b", None)])
    content = read_pptx(path)
    assert [slide.notes for slide in content.slides] == ["", ""]
    assert "2 slides have no speaker notes: 1, 2." in content.messages


def test_too_many_slides_are_refused(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deck_pptx, "MAX_SLIDES", 3)
    with pytest.raises(DeckImportError, match="at most 3"):
        import_deck(make_pptx(tmp_path / "talk.pptx"), library, soffice=None)
    assert library_entries(library) == []


# ---------------------------------------------------------------- bad PowerPoint files


@pytest.mark.parametrize(
    ("maker", "expected"),
    [
        (make_zip_of_something_else, "a zip archive of something else"),
        (make_docx_named_pptx, "a Word document"),
        (make_encrypted_ole, "password-protected"),
        (make_ppt97, "PowerPoint 97"),
    ],
)
def test_bad_pptx_files_get_clear_messages_and_leave_nothing(
    tmp_path: Path, library: Path, maker: Callable[[Path], Path], expected: str
) -> None:
    source = maker(tmp_path / "talk.pptx")
    with pytest.raises(DeckImportError, match=expected):
        import_deck(source, library, soffice=None)
    assert library_entries(library) == []
    deck = load_deck(source)
    assert deck.errors and expected.split()[0] in deck.errors[0].message


def test_plain_text_named_pptx(tmp_path: Path, library: Path) -> None:
    source = tmp_path / "talk.pptx"
    source.write_text("not a presentation", encoding="utf-8")
    with pytest.raises(DeckImportError, match="not a PowerPoint"):
        import_deck(source, library, soffice=None)


def test_damaged_pptx_xml(tmp_path: Path, library: Path) -> None:
    source = make_pptx(tmp_path / "talk.pptx")
    broken = tmp_path / "broken.pptx"
    import zipfile

    with zipfile.ZipFile(source) as old, zipfile.ZipFile(broken, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "ppt/presentation.xml":
                data = data[: len(data) // 2]
            new.writestr(item, data)
    with pytest.raises(DeckImportError):
        import_deck(broken, library, soffice=None)
    assert library_entries(library) == []


def test_counts_in_import_messages_are_real_plurals() -> None:
    from hexikit.decks.imported import slides_without_notes_message

    assert slides_without_notes_message([3]) == "1 slide has no speaker notes: 3."
    assert slides_without_notes_message([1, 2]) == "2 slides have no speaker notes: 1, 2."
    assert "(s)" not in slides_without_notes_message([4])
