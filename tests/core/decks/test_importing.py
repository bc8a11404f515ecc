"""Deck import: PowerPoint and PDF decks into the library, loading them, bad input, notes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import psutil
import pytest
from pypdf import PdfReader

from hexikit.decks import importing as deck_import
from hexikit.decks.deck import ERROR, DeckError, load_deck
from hexikit.decks.importing import (
    LIBRARY_MANIFEST,
    LIBRARY_NOTES,
    LIBRARY_PDF,
    ConversionError,
    DeckImportError,
    find_soffice,
    import_deck,
    library_decks,
    parse_markdown_notes,
    parse_pdfpc,
    read_pptx,
    save_deck_notes,
)
from tests.core.decks.samples import (
    TALK,
    make_docx_named_pptx,
    make_empty_pdf,
    make_encrypted_ole,
    make_fake_soffice,
    make_pdf,
    make_pdfpc,
    make_ppt97,
    make_pptx,
    make_zip_of_something_else,
)

SOFFICE = find_soffice()
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: sudo apt install libreoffice-impress",
)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    return folder


def _library_entries(library: Path) -> list[str]:
    return sorted(entry.name for entry in library.iterdir())


# ---------------------------------------------------------------- PowerPoint text


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
    assert "2 slide(s) have no speaker notes: 1, 2." in content.messages


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


def test_too_many_slides_are_refused(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deck_import, "MAX_SLIDES", 3)
    with pytest.raises(DeckImportError, match="at most 3"):
        import_deck(make_pptx(tmp_path / "talk.pptx"), library, soffice=None)
    assert _library_entries(library) == []


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
    tmp_path: Path, library: Path, maker: object, expected: str
) -> None:
    source = maker(tmp_path / "talk.pptx")  # type: ignore[operator]
    with pytest.raises(DeckImportError, match=expected):
        import_deck(source, library, soffice=None)
    assert _library_entries(library) == []
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
    assert _library_entries(library) == []


def test_other_kinds_of_file_are_refused(tmp_path: Path, library: Path) -> None:
    odp = tmp_path / "talk.key"
    odp.write_bytes(b"x")
    with pytest.raises(DeckImportError, match="imports PowerPoint"):
        import_deck(odp, library)
    with pytest.raises(DeckImportError, match="no file"):
        import_deck(tmp_path / "missing.pptx", library)


# ---------------------------------------------------------------- LibreOffice


def test_hanging_libreoffice_is_killed_and_nothing_is_left(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pidfile = tmp_path / "child.pid"
    monkeypatch.setenv("HEXIKIT_TEST_PIDFILE", str(pidfile))
    fake = make_fake_soffice(tmp_path, "hang")
    with pytest.raises(ConversionError, match="within 1 seconds") as caught:
        import_deck(make_pptx(tmp_path / "talk.pptx"), library, soffice=str(fake), timeout=1.0)
    assert "--notes-only" in str(caught.value)
    assert _library_entries(library) == []
    child = int(pidfile.read_text().strip())
    # The whole process group was killed, not only the shell: the child is gone (or a zombie
    # about to be reaped by init).
    assert not psutil.pid_exists(child) or psutil.Process(child).status() == psutil.STATUS_ZOMBIE


@pytest.mark.parametrize(
    ("behaviour", "expected"), [("fail", "exit code 1"), ("nothing", "exit code 0")]
)
def test_failing_libreoffice(tmp_path: Path, library: Path, behaviour: str, expected: str) -> None:
    fake = make_fake_soffice(tmp_path, behaviour)
    with pytest.raises(ConversionError, match=expected):
        import_deck(make_pptx(tmp_path / "talk.pptx"), library, soffice=str(fake))
    assert _library_entries(library) == []


def test_notes_only_when_asked_even_with_libreoffice(tmp_path: Path, library: Path) -> None:
    fake = make_fake_soffice(tmp_path, "fail")
    result = import_deck(
        make_pptx(tmp_path / "talk.pptx"), library, soffice=str(fake), notes_only=True
    )
    assert not result.has_pictures
    assert result.messages[0].startswith("Imported the notes only")


def test_opening_a_pptx_directly_survives_a_hanging_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path
) -> None:
    monkeypatch.setenv("HEXIKIT_TEST_PIDFILE", str(tmp_path / "child.pid"))
    fake = make_fake_soffice(tmp_path, "hang")
    deck = deck_import.load_pptx_deck(
        make_pptx(tmp_path / "talk.pptx"), soffice=str(fake), timeout=1.0
    )
    assert len(deck.slides) == 4
    assert deck.pdf_path is None
    assert "did not finish" in deck.problems[0].message
    assert not deck.errors
    cache = data_dir / "decks" / ".cache"
    assert [p for p in cache.iterdir()] == []  # a failed conversion is neither cached nor left


def test_find_soffice_honours_the_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = make_fake_soffice(tmp_path, "nothing")
    monkeypatch.setenv(deck_import.SOFFICE_ENV, str(fake))
    assert find_soffice() == str(fake)
    monkeypatch.setenv(deck_import.SOFFICE_ENV, str(tmp_path / "absent"))
    assert find_soffice() is None


@needs_libreoffice
def test_real_libreoffice_makes_slide_pictures(tmp_path: Path, library: Path) -> None:
    source = make_pptx(tmp_path / "Hexithon pitch.pptx", hidden=[3], title="Hexithon pitch")
    result = import_deck(source, library)
    assert result.has_pictures and result.slide_count == 3
    pdf = result.deck_dir / LIBRARY_PDF
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 3
    assert "How an hour works" in (reader.pages[1].extract_text() or "")
    deck = load_deck(result.deck_dir)
    assert deck.pdf_path == pdf
    assert [slide.pdf_page for slide in deck.slides] == [0, 1, 2]
    assert deck.slides[2].title == "Join Hexitime"
    assert deck.slides[2].notes == "Hold up a card. Show the QR code."
    assert not [p for p in result.deck_dir.iterdir() if p.name.startswith(".")]


@needs_libreoffice
def test_real_libreoffice_pptx_opened_directly_is_cached(tmp_path: Path, data_dir: Path) -> None:
    source = make_pptx(tmp_path / "talk.pptx")
    first = load_deck(source)
    assert first.pdf_path is not None and first.source_path == source
    second = load_deck(source)
    assert second.pdf_path == first.pdf_path
    assert len(list((data_dir / "decks" / ".cache").iterdir())) == 1


# ---------------------------------------------------------------- PDF


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
    assert _library_entries(library) == []
    assert "has no pages" in load_deck(pdf).errors[0].message


def test_not_a_pdf(tmp_path: Path, library: Path) -> None:
    fake = tmp_path / "talk.pdf"
    fake.write_text("hello", encoding="utf-8")
    with pytest.raises(DeckImportError, match="not a readable PDF"):
        import_deck(fake, library)
    assert load_deck(fake).errors[0].severity == ERROR


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


# ---------------------------------------------------------------- saving notes


def test_save_notes_into_an_imported_deck(tmp_path: Path, library: Path) -> None:
    result = import_deck(make_pptx(tmp_path / "talk.pptx"), library, soffice=None)
    deck = load_deck(result.deck_dir)
    saved = save_deck_notes(deck, 3, "Now with notes.\nTwo lines.")
    assert saved.slides[2].notes == "Now with notes.\nTwo lines."
    assert load_deck(result.deck_dir).slides[2].notes == "Now with notes.\nTwo lines."
    data = json.loads((result.deck_dir / LIBRARY_NOTES).read_text(encoding="utf-8"))
    assert data["pdfpcFormat"] == 2
    assert data["pages"][2]["note"] == "Now with notes.\nTwo lines."


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


def test_save_notes_of_markdown_deck_goes_through_the_presenter(tmp_path: Path) -> None:
    deck_file = tmp_path / "deck.md"
    deck_file.write_text("# One\nNotes:\nold\n---\n# Two\n", encoding="utf-8")
    saved = save_deck_notes(load_deck(deck_file), 1, "new")
    assert saved.slides[0].notes == "new"


def test_save_notes_errors(tmp_path: Path) -> None:
    source = make_pptx(tmp_path / "talk.pptx")
    deck = deck_import.load_pptx_deck(source, soffice=None)
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
