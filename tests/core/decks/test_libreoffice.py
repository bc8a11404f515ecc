"""LibreOffice making the slide pictures: a fake one that hangs or fails, and the real one
when it is installed."""

from __future__ import annotations

from pathlib import Path

import psutil
import pytest
from pypdf import PdfReader

from hexikit.decks import libreoffice
from hexikit.decks.library import LIBRARY_PDF, import_deck, load_pptx_deck
from hexikit.decks.libreoffice import ConversionError, find_soffice
from hexikit.decks.loading import load_deck
from tests.core.decks.samples import library_entries, make_fake_soffice, make_pptx

SOFFICE = find_soffice()


needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: sudo apt install libreoffice-impress",
)


def test_hanging_libreoffice_is_killed_and_nothing_is_left(
    tmp_path: Path, library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pidfile = tmp_path / "child.pid"
    monkeypatch.setenv("HEXIKIT_TEST_PIDFILE", str(pidfile))
    fake = make_fake_soffice(tmp_path, "hang")
    with pytest.raises(ConversionError, match="within 1 seconds") as caught:
        import_deck(make_pptx(tmp_path / "talk.pptx"), library, soffice=str(fake), timeout=1.0)
    assert "--notes-only" in str(caught.value)
    assert library_entries(library) == []
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
    assert library_entries(library) == []


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
    deck = load_pptx_deck(make_pptx(tmp_path / "talk.pptx"), soffice=str(fake), timeout=1.0)
    assert len(deck.slides) == 4
    assert deck.pdf_path is None
    assert "did not finish" in deck.problems[0].message
    assert not deck.errors
    cache = data_dir / "decks" / ".cache"
    assert [p for p in cache.iterdir()] == []  # a failed conversion is neither cached nor left


def test_find_soffice_honours_the_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = make_fake_soffice(tmp_path, "nothing")
    monkeypatch.setenv(libreoffice.SOFFICE_ENV, str(fake))
    assert find_soffice() == str(fake)
    monkeypatch.setenv(libreoffice.SOFFICE_ENV, str(tmp_path / "absent"))
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
