"""What the readers of PowerPoint, PDF and notes files share: the import error, what an
imported deck knows of one slide, the text clean-up, and turning those slides into a Deck."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hexikit.base.i18n import ngettext
from hexikit.decks.deck import WARNING, Deck, Problem, Slide, error_deck

#: Decks with more slides than this are refused (300 import fine; 1000 is past any real talk).
MAX_SLIDES = 1000


class DeckImportError(Exception):
    """A deck that cannot be imported; the message says why and what to do."""


@dataclass(frozen=True)
class ImportedSlide:
    """What an imported deck knows of one slide."""

    title: str
    notes: str
    pdf_page: int | None = None
    text: str = ""  # what the audience sees (PowerPoint's text boxes), when known


def clean_text(text: str) -> str:
    """PowerPoint line breaks (vertical tab) as newlines, no trailing spaces, no blank ends."""
    text = text.replace("\x0b", "\n").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def first_line(text: str, limit: int = 80) -> str:
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return ""


def slides_without_notes_message(numbers: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:20])
    if len(numbers) > 20:
        shown += ", …"
    return ngettext(
        "{count} slide has no speaker notes: {numbers}.",
        "{count} slides have no speaker notes: {numbers}.",
        len(numbers),
    ).format(count=len(numbers), numbers=shown)


def unreadable_deck(path: Path, message: str) -> Deck:
    """The deck shown for a file that cannot be read as a deck: no slides, one error."""
    return error_deck(path, message, hash_seed="unreadable")


def files_stamp(*paths: Path) -> str:
    """A content hash for decks read from files: their names, sizes and modification times."""
    digest = hashlib.sha256()
    for path in paths:
        try:
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\0".encode())
        except OSError:
            digest.update(f"{path}:missing\0".encode())
    return digest.hexdigest()


def deck_from_slides(
    title: str,
    slides: Sequence[ImportedSlide],
    *,
    source_path: Path,
    pdf_path: Path | None,
    target_minutes: float | None,
    messages: Sequence[str],
    content_hash: str,
) -> Deck:
    """A deck of imported slides: drawn from the PDF's pages when there is a PDF, else each
    slide shows its title."""
    deck = Deck(
        title=title,
        target_minutes=target_minutes,
        source_path=source_path,
        pdf_path=pdf_path,
        content_hash=content_hash,
    )
    for index, item in enumerate(slides):
        page = item.pdf_page if pdf_path is not None else None
        deck.slides.append(
            Slide(
                number=index + 1,
                title=item.title,
                body="",
                notes=item.notes,
                layout="content" if page is not None else "title",
                line=index + 1,
                pdf_page=page,
                shown_text=item.text,
            )
        )
    deck.problems = [Problem(0, message, WARNING) for message in messages]
    return deck
