"""Markdown decks: the format, the built-in deck, bad decks that must never crash, saving notes."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from hexikit.base.resources import builtin_deck_dir
from hexikit.decks.deck import ERROR, Deck, DeckError, speaking_seconds
from hexikit.decks.layout import parse_blocks
from hexikit.decks.loading import load_deck
from hexikit.decks.markdown import parse_deck, save_notes

PNG_1PX = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


GOOD = """---
title: Test deck
language: cy
target_minutes: 3
---
# Opening
A subtitle

Notes:
Say hello.

And a second paragraph.
---
<!-- seconds: 1:30 -->
## Second slide
- one **bold**
- two *italic*
  - nested
1. first
2. second

![a dot](dot.png)

Notes: Inline notes start here.
more notes
"""


def write_deck(folder: Path, text: str | bytes, name: str = "deck.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def messages(deck: Deck) -> str:
    return "\n".join(str(p) for p in deck.problems)


def test_front_matter_slides_notes_and_layout(tmp_path: Path) -> None:
    (tmp_path / "deck").mkdir()
    (tmp_path / "deck" / "dot.png").write_bytes(PNG_1PX)
    write_deck(tmp_path / "deck", GOOD)
    deck = load_deck(tmp_path / "deck")
    assert deck.title == "Test deck"
    assert deck.language == "cy"
    assert deck.target_minutes == 3
    assert deck.target_seconds == 180
    assert [s.title for s in deck.slides] == ["Opening", "Second slide"]
    first, second = deck.slides
    assert first.layout == "title"
    assert first.body == "A subtitle"
    assert first.notes == "Say hello.\n\nAnd a second paragraph."
    assert first.line == 6
    assert second.layout == "content"
    assert second.target_seconds == 90
    assert second.notes.startswith("Inline notes start here.")
    assert second.images[0].path == tmp_path / "deck" / "dot.png"
    assert deck.errors == []
    kinds = [(b.kind, b.level) for b in parse_blocks(second)]
    assert kinds == [
        ("bullet", 0),
        ("bullet", 0),
        ("bullet", 1),
        ("number", 0),
        ("number", 0),
        ("image", 0),
    ]
    assert parse_blocks(second)[0].html == "one <b>bold</b>"
    assert parse_blocks(second)[1].html == "two <i>italic</i>"


def test_empty_file_has_no_slides_and_an_error(tmp_path: Path) -> None:
    path = write_deck(tmp_path, "")
    deck = load_deck(path)
    assert deck.slides == []
    assert deck.errors and "no slides" in deck.errors[0].message


def test_no_separator_gives_one_slide_and_a_warning(tmp_path: Path) -> None:
    deck = load_deck(write_deck(tmp_path, "# Only\nsome text\nmore text\n"))
    assert len(deck.slides) == 1
    assert deck.errors == []
    assert "only one slide" in messages(deck)


def test_missing_and_broken_images_are_listed_with_lines(tmp_path: Path) -> None:
    (tmp_path / "broken.png").write_bytes(b"not a png at all")
    (tmp_path / "broken.svg").write_text("hello", encoding="utf-8")
    text = (
        "# A\n![x](gone.png)\nNotes: n\n---\n# B\n\n![y](broken.png)\n![z](broken.svg)\nNotes: n\n"
    )
    deck = load_deck(write_deck(tmp_path, text))
    assert len(deck.slides) == 2
    errors = {(p.line, p.severity) for p in deck.errors}
    assert (2, ERROR) in errors
    assert (7, ERROR) in errors
    assert (8, ERROR) in errors
    assert "gone.png is missing" in messages(deck)
    assert all(image.path is None for slide in deck.slides for image in slide.images)


def test_not_utf8_is_read_and_reported(tmp_path: Path) -> None:
    raw = "# Caf\u00e9\nNotes: ok\n---\n# Two\nNotes: fine\n".encode("cp1252")
    deck = load_deck(write_deck(tmp_path, raw))
    assert deck.slides[0].title == "Café"
    assert any(p.line == 1 and "UTF-8" in p.message for p in deck.problems)


def test_windows_line_endings_and_bom(tmp_path: Path) -> None:
    text = (
        "\ufeff---\r\ntitle: CRLF\r\n---\r\n# One\r\nNotes:\r\nn1\r\n---\r\n# Two\r\nNotes: n2\r\n"
    )
    deck = load_deck(write_deck(tmp_path, text.encode("utf-8")))
    assert deck.title == "CRLF"
    assert [s.title for s in deck.slides] == ["One", "Two"]
    assert deck.slides[0].notes == "n1"
    assert "\r" not in deck.slides[1].notes


def test_big_file_and_500_slides(tmp_path: Path) -> None:
    slides = [f"## Slide {n}\n- point {n}\nNotes:\nSpeak about {n}.\n" for n in range(1, 501)]
    text = "\n---\n".join(slides)
    padding = "\n<!-- padding -->" * 1  # a comment line is ignored as a setting we do not know
    deck = load_deck(write_deck(tmp_path, text + padding))
    assert len(deck.slides) == 500
    assert deck.slides[499].title == "Slide 500"
    # A 5 MB deck: long notes, still parsed.
    big = "## Big\nNotes:\n" + ("word " * 1_100_000)
    deck = load_deck(write_deck(tmp_path / "big", big))
    assert len(deck.slides) == 1
    assert deck.slides[0].notes_words == 1_100_000


def test_slide_without_notes_is_a_warning_not_an_error(tmp_path: Path) -> None:
    deck = load_deck(write_deck(tmp_path, "# A\ntext\n---\n# B\nNotes: yes\n"))
    assert deck.errors == []
    assert any(p.line == 1 and "no speaker notes" in p.message for p in deck.problems)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_parse_without_raising(raw: bytes) -> None:
    deck = parse_deck(raw, None)
    assert isinstance(deck, Deck)
    for slide in deck.slides:
        parse_blocks(slide)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="-#*_!`[]()<>:\n\r abcNotes1234", max_size=300))
def test_markdown_like_text_parses_without_raising(text: str) -> None:
    deck = parse_deck(text, None)
    for slide in deck.slides:
        parse_blocks(slide)


def test_content_hash_follows_text_and_pictures(tmp_path: Path) -> None:
    (tmp_path / "dot.png").write_bytes(PNG_1PX)
    path = write_deck(tmp_path, "# A\n![d](dot.png)\nNotes: n\n")
    first = load_deck(path).content_hash
    assert load_deck(path).content_hash == first
    stat = (tmp_path / "dot.png").stat()
    os.utime(tmp_path / "dot.png", ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    assert load_deck(path).content_hash != first


def test_save_notes_replaces_adds_and_keeps_line_endings(tmp_path: Path) -> None:
    text = "---\r\ntitle: T\r\n---\r\n# One\r\nbody\r\nNotes:\r\nold one\r\n---\r\n# Two\r\nbody two\r\n"
    path = write_deck(tmp_path, text.encode("utf-8"))
    deck = load_deck(path)
    deck = save_notes(deck, 1, "new one\n\nsecond para")
    deck = save_notes(deck, 2, "added to two")
    assert deck.slides[0].notes == "new one\n\nsecond para"
    assert deck.slides[1].notes == "added to two"
    assert deck.slides[0].body == "body"
    assert deck.title == "T"
    raw = path.read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    deck = save_notes(deck, 1, "")
    assert deck.slides[0].notes == "" and len(deck.slides) == 2


def test_save_notes_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    path = write_deck(tmp_path, "# One\nNotes: a\n")
    deck = load_deck(path)
    try:
        save_notes(deck, 5, "x")
    except DeckError as exc:
        assert "no slide 5" in str(exc)
    else:
        raise AssertionError("expected DeckError")
    pdf_deck = Deck(title="p", source_path=tmp_path / "x.pdf")
    try:
        save_notes(pdf_deck, 1, "x")
    except DeckError:
        pass
    else:
        raise AssertionError("expected DeckError")


def test_builtin_deck_is_complete() -> None:
    deck = load_deck(builtin_deck_dir())
    assert deck.problems == [], deck.problems
    assert 8 <= len(deck.slides) <= 12
    assert all(slide.notes_words > 20 for slide in deck.slides)
    assert 650 <= deck.notes_words <= 750
    # Five minutes at 130-150 words per minute.
    assert 260 <= speaking_seconds(deck.notes_words, 140) <= 330
    assert deck.target_minutes == 5
    assert deck.slides[0].layout == "title"
    pictures = {image.path for slide in deck.slides for image in slide.images}
    assert len(pictures) >= 5
    for picture in pictures:
        assert picture is not None
        root = ET.parse(picture).getroot()
        assert root.tag.endswith("svg")
    text = " ".join(slide.notes + slide.body for slide in deck.slides).lower()
    for topic in ("timebank", "offer", "request", "1-2-4-all", "hexithon", "feedback", "card"):
        assert topic in text, topic
