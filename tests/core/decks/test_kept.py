"""A deck kept between launches is used only when reading the file now would give it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hexikit.base.resources import builtin_deck_dir
from hexikit.decks import kept, mdblocks
from hexikit.decks.library import import_deck
from hexikit.decks.loading import load_deck
from hexikit.decks.markdown import fit_deferred
from tests.core.decks.samples import make_pdf, make_pdfpc

# The smallest valid PNG: a picture for the deck to name.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
DECK = """---
title: Kept deck
target_minutes: 3
---

# Hello

Some **bold** words.

Notes: Say *hello*, and `smile`.

Then wait.

---

# A picture

![Logo](logo.png)

Notes: Point at it.
"""


def read(path: Path):  # type: ignore[no-untyped-def]
    with fit_deferred():
        return load_deck(path)


@pytest.fixture
def deck_file(tmp_path: Path) -> Path:
    folder = tmp_path / "talk"
    folder.mkdir()
    (folder / "logo.png").write_bytes(PNG)
    path = folder / "deck.md"
    path.write_text(DECK, encoding="utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_a_kept_deck_is_the_deck_the_file_reads_as(deck_file: Path, data_dir: Path) -> None:
    fresh = read(deck_file)
    assert fresh.stamped_files and not fresh.errors
    assert kept.keep_deck(data_dir, fresh, "en")
    again = kept.kept_deck(data_dir, deck_file, "en")
    assert again is not None and again is not fresh
    assert again == fresh
    assert again.slides[1].images[0].path == deck_file.parent / "logo.png"


def test_the_built_in_deck_comes_back_whole(data_dir: Path) -> None:
    fresh = read(builtin_deck_dir("en"))
    assert kept.keep_deck(data_dir, fresh, "en")
    assert fresh.source_path is not None
    assert kept.kept_deck(data_dir, fresh.source_path, "en") == fresh


def assert_read_again(data_dir: Path, edited: Path, first_title: str) -> None:
    """The edited deck misses; kept again, it comes back as it now reads."""
    assert kept.kept_deck(data_dir, edited, "en") is None
    kept.keep_deck(data_dir, read(edited), "en")
    found = kept.kept_deck(data_dir, edited, "en")
    assert found is not None and found.slides[0].title == first_title


def test_nothing_is_kept_before_the_first_launch(deck_file: Path, data_dir: Path) -> None:
    assert kept.kept_deck(data_dir, deck_file, "en") is None


def test_an_edited_deck_is_read_again(deck_file: Path, data_dir: Path) -> None:
    kept.keep_deck(data_dir, read(deck_file), "en")
    deck_file.write_text(DECK.replace("Hello", "Hello again"), encoding="utf-8")
    assert_read_again(data_dir, deck_file, "Hello again")


def test_a_changed_picture_means_the_deck_is_read_again(deck_file: Path, data_dir: Path) -> None:
    kept.keep_deck(data_dir, read(deck_file), "en")
    picture = deck_file.parent / "logo.png"
    stat = picture.stat()
    os.utime(picture, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert kept.kept_deck(data_dir, deck_file, "en") is None


def test_a_picture_that_appears_means_the_deck_is_read_again(
    deck_file: Path, data_dir: Path
) -> None:
    picture = deck_file.parent / "logo.png"
    picture.unlink()
    missing = read(deck_file)
    assert missing.errors  # the picture is missing
    kept.keep_deck(data_dir, missing, "en")
    picture.write_bytes(PNG)
    assert kept.kept_deck(data_dir, deck_file, "en") is None
    assert not read(deck_file).errors


@pytest.mark.parametrize("deck_fixture", ["deck_file", "talk_pdf"])
def test_a_deck_kept_in_one_language_is_not_used_in_another(
    deck_fixture: str, data_dir: Path, request: pytest.FixtureRequest
) -> None:
    chosen: Path = request.getfixturevalue(deck_fixture)
    kept.keep_deck(data_dir, read(chosen), "en")
    assert kept.kept_deck(data_dir, chosen, "en") is not None
    assert kept.kept_deck(data_dir, chosen, "cy") is None


def test_another_parser_means_the_deck_is_read_again(
    deck_file: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept.keep_deck(data_dir, read(deck_file), "en")
    monkeypatch.setattr(kept, "_parser_stamp", lambda: "a newer parser")
    assert kept.kept_deck(data_dir, deck_file, "en") is None


def test_a_copied_deck_is_not_taken_for_the_original(
    deck_file: Path, data_dir: Path, tmp_path: Path
) -> None:
    kept.keep_deck(data_dir, read(deck_file), "en")
    copy = tmp_path / "copy"
    shutil.copytree(deck_file.parent, copy)
    assert kept.kept_deck(data_dir, copy / "deck.md", "en") is None


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b"[]", b'{"format": 1}', b'{"format": 1, "deck": {"title": 3}}'],
)
def test_a_damaged_kept_file_is_a_miss_not_a_crash(
    deck_file: Path, data_dir: Path, damage: bytes
) -> None:
    kept.keep_deck(data_dir, read(deck_file), "en")
    (entry,) = (data_dir / kept.KEPT_FOLDER).glob("*.json")
    entry.write_bytes(damage)
    assert kept.kept_deck(data_dir, deck_file, "en") is None


def test_a_deck_that_is_not_markdown_is_not_kept(data_dir: Path, tmp_path: Path) -> None:
    deck = read(tmp_path / "nowhere")  # an error deck: no file
    assert not kept.keep_deck(data_dir, deck, "en")


def test_the_kept_notes_show_without_the_markdown_parser(deck_file: Path, data_dir: Path) -> None:
    fresh = read(deck_file)
    kept.keep_deck(data_dir, fresh, "en")
    expected = [mdblocks.inline_html(p) for p in mdblocks.notes_paragraphs(fresh.slides[0].notes)]
    assert expected == ['Say <i>hello</i>, and <font face="monospace">smile</font>.', "Then wait."]
    # A new process, as the next launch: the deck and slide 1's notes, and no parser loaded.
    probe = (
        "import sys; from pathlib import Path;"
        "from hexikit.decks import kept, mdblocks;"
        f"deck = kept.kept_deck(Path({str(data_dir)!r}), Path({str(deck_file)!r}), 'en');"
        "print([mdblocks.inline_html(p) for p in mdblocks.notes_paragraphs(deck.slides[0].notes)]);"
        "print('markdown_it' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == [repr(expected), "False"]


def test_only_the_latest_decks_are_kept(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept, "MAX_KEPT", 3)
    files = []
    for index in range(5):
        folder = tmp_path / f"talk{index}"
        folder.mkdir()
        files.append(folder / "deck.md")
        files[-1].write_text(f"# Talk {index}\n\n---\n\n# End\n", encoding="utf-8")
        kept.keep_deck(data_dir, read(files[-1]), "en")
        entry = kept._entry_path(data_dir, files[-1], "en")
        os.utime(entry, ns=(index * 10**9, index * 10**9))  # kept in this order
    assert [kept.kept_deck(data_dir, f, "en") is not None for f in files] == [
        False,
        False,
        True,
        True,
        True,
    ]


# PDF decks opened directly ---------------------------------------------------------------


@pytest.fixture
def talk_pdf(tmp_path: Path) -> Path:
    folder = tmp_path / "pdf-talk"
    folder.mkdir()
    pdf = make_pdf(folder / "talk.pdf", ["Welcome", "Hours", "Thanks"], outline=True)
    make_pdfpc(folder / "talk.pdfpc", ["Say *hello*.", "", "Say thanks."], duration=5)
    return pdf


def later(path: Path) -> None:
    """Give `path` a later modification time, as saving it again would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))


def test_a_kept_pdf_deck_is_the_deck_the_pdf_reads_as(talk_pdf: Path, data_dir: Path) -> None:
    fresh = read(talk_pdf)
    assert fresh.pdf_path == talk_pdf and fresh.target_minutes == 5
    assert kept.keep_deck(data_dir, fresh, "en")
    again = kept.kept_deck(data_dir, talk_pdf, "en")
    assert again is not None and again is not fresh
    assert again == fresh
    assert [s.title for s in again.slides] == ["Bookmark 1", "Bookmark 2", "Bookmark 3"]
    assert [s.pdf_page for s in again.slides] == [0, 1, 2]


def test_a_kept_pdf_deck_opens_without_pypdf(talk_pdf: Path, data_dir: Path) -> None:
    kept.keep_deck(data_dir, read(talk_pdf), "en")
    # A new process, as the next launch: the deck and its notes, and pypdf never loaded.
    probe = (
        "import sys; from pathlib import Path;"
        "from hexikit.decks import kept, mdblocks;"
        f"deck = kept.kept_deck(Path({str(data_dir)!r}), Path({str(talk_pdf)!r}), 'en');"
        "print(deck.slides[0].title, deck.pdf_path.name);"
        "print([mdblocks.inline_html(p) for p in mdblocks.notes_paragraphs(deck.slides[0].notes)]);"
        "print('pypdf' in sys.modules, 'markdown_it' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == ["Bookmark 1 talk.pdf", repr(["Say <i>hello</i>."]), "False False"]


def test_a_pdf_saved_again_is_read_again(talk_pdf: Path, data_dir: Path) -> None:
    kept.keep_deck(data_dir, read(talk_pdf), "en")
    make_pdf(talk_pdf, ["Welcome back", "Hours", "Thanks"])
    later(talk_pdf)
    assert_read_again(data_dir, talk_pdf, "Welcome back")


def test_edited_notes_beside_the_pdf_are_read_again(talk_pdf: Path, data_dir: Path) -> None:
    kept.keep_deck(data_dir, read(talk_pdf), "en")
    notes = talk_pdf.with_suffix(".pdfpc")
    make_pdfpc(notes, ["Say hello again.", "", "Say thanks."])
    later(notes)
    assert kept.kept_deck(data_dir, talk_pdf, "en") is None
    assert read(talk_pdf).slides[0].notes == "Say hello again."


def test_a_notes_file_that_appears_beside_the_pdf_is_read(talk_pdf: Path, data_dir: Path) -> None:
    talk_pdf.with_suffix(".pdfpc").unlink()
    without = read(talk_pdf)
    assert [s.notes for s in without.slides] == ["", "", ""]
    kept.keep_deck(data_dir, without, "en")
    talk_pdf.with_name("talk.notes.md").write_text("Hello.\n\n---\n\nHours.\n", encoding="utf-8")
    assert kept.kept_deck(data_dir, talk_pdf, "en") is None
    assert read(talk_pdf).slides[0].notes == "Hello."


def test_a_file_beside_the_pdf_that_becomes_its_notes_is_read(
    talk_pdf: Path, data_dir: Path
) -> None:
    # talk.md beside talk.pdf is not its notes while it reads as a deck of its own ...
    talk_pdf.with_suffix(".pdfpc").unlink()
    beside = talk_pdf.with_suffix(".md")
    beside.write_text("# A deck of its own\n\nText.\n", encoding="utf-8")
    left_out = read(talk_pdf)
    assert left_out.problems and "talk.md" in left_out.problems[0].message
    kept.keep_deck(data_dir, left_out, "en")
    assert kept.kept_deck(data_dir, talk_pdf, "en") == left_out
    stat = beside.stat()

    def rewrite(text: str) -> None:  # same size and time: only what the file says changed
        beside.write_text(text.ljust(stat.st_size - 1, ".") + "\n", encoding="utf-8")
        os.utime(beside, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        assert beside.stat().st_size == stat.st_size

    # Left out for another reason: the warning the presenter reads changed.
    rewrite("Plain text, no separators")
    assert kept.kept_deck(data_dir, talk_pdf, "en") is None
    other_reason = read(talk_pdf)
    assert other_reason.problems and other_reason.problems != left_out.problems
    kept.keep_deck(data_dir, other_reason, "en")
    # ... and it is the notes once it holds notes only.
    rewrite("Hello there.\n\n---\n\nTwo")
    assert kept.kept_deck(data_dir, talk_pdf, "en") is None
    assert read(talk_pdf).slides[0].notes == "Hello there."


def test_a_library_deck_and_an_unreadable_pdf_are_not_kept(
    talk_pdf: Path, data_dir: Path, library: Path, tmp_path: Path
) -> None:
    result = import_deck(talk_pdf, library)
    assert not kept.keep_deck(data_dir, read(result.deck_dir), "en")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    assert not kept.keep_deck(data_dir, read(broken), "en")


def test_a_newer_pypdf_means_the_pdf_is_read_again(
    talk_pdf: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept.keep_deck(data_dir, read(talk_pdf), "en")
    version = kept._pypdf_files()
    assert version and version[0].is_file()
    monkeypatch.setattr(kept, "_pypdf_files", lambda: [talk_pdf])  # another stamp
    assert kept.kept_deck(data_dir, talk_pdf, "en") is None
