"""PDF decks: one slide per page, read with pypdf (imported only when a file is read).

Page titles come from the PDF's bookmarks (LibreOffice writes one per slide), else from each
page's first line. A PDF opened directly (not imported) takes its notes from a notes file
beside it (`hexikit.decks.pdfpc`). The PDF of a library deck is opened through
`hexikit.decks.loading.load_deck`, which reads the library's own files instead.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hexikit.base.i18n import _
from hexikit.decks.deck import Deck
from hexikit.decks.imported import (
    MAX_SLIDES,
    DeckImportError,
    ImportedSlide,
    deck_from_slides,
    files_stamp,
    first_line,
    unreadable_deck,
)
from hexikit.decks.pdfpc import (
    pdfpc_duration,
    read_notes_file,
    usable_notes_beside,
)

if TYPE_CHECKING:
    from pypdf import PdfReader


@dataclass
class PdfContent:
    title: str
    page_titles: list[str]
    page_labels: list[str] | None = None


def open_pdf(path: Path) -> PdfReader:
    """The PDF opened for reading; DeckImportError when it is not a PDF or is locked."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DeckImportError(
                _(
                    "{name} is a password-protected PDF. Save a copy without the password "
                    "and import that."
                ).format(name=path.name)
            )
        return reader
    except DeckImportError:
        raise
    except (PyPdfError, ValueError, KeyError, OSError, NotImplementedError) as exc:
        raise DeckImportError(
            _("{name} is not a readable PDF ({error}). Export the talk as PDF again.").format(
                name=path.name, error=exc
            )
        ) from exc


def _outline_titles(reader: PdfReader) -> dict[int, str]:
    """Page index -> title from the PDF's top-level bookmarks (LibreOffice writes one per slide)."""
    titles: dict[int, str] = {}
    try:
        outline = reader.outline
    except Exception:  # a broken outline only costs us the titles
        return titles
    for item in outline:
        if isinstance(item, list):
            continue
        try:
            page = reader.get_destination_page_number(item)
        except Exception:
            continue
        title = first_line(str(getattr(item, "title", "") or ""))
        if page is not None and page >= 0 and title and page not in titles:
            titles[page] = title
    return titles


def read_pdf(path: Path, want_titles: bool = True) -> PdfContent:
    """Page count, document title and page titles (bookmarks, else the page's first line).

    Raises DeckImportError for something that is not a PDF, a locked PDF or one with no pages.
    """
    path = Path(path)
    reader = open_pdf(path)
    try:
        count = len(reader.pages)
    except Exception as exc:
        raise DeckImportError(
            _("{name} is a damaged PDF ({error}).").format(name=path.name, error=exc)
        ) from exc
    if count == 0:
        raise DeckImportError(
            _("{name} has no pages. Export the talk as PDF again.").format(name=path.name)
        )
    if count > MAX_SLIDES:
        raise DeckImportError(
            _("{name} has {count} pages; Hexikit shows at most {limit}.").format(
                name=path.name, count=count, limit=MAX_SLIDES
            )
        )
    doc_title = ""
    with contextlib.suppress(Exception):
        metadata = reader.metadata
        doc_title = first_line(str((metadata.get("/Title", "") if metadata else "") or ""))
    titles = _outline_titles(reader) if want_titles else {}
    page_titles: list[str] = []
    for index in range(count):
        title = titles.get(index, "")
        if not title and want_titles:
            with contextlib.suppress(Exception):
                title = first_line(reader.pages[index].extract_text() or "")
        page_titles.append(title or _("Page {number}").format(number=index + 1))
    labels: list[str] | None = None
    with contextlib.suppress(Exception):  # broken labels only cost us overlay grouping
        labels = [str(label) for label in reader.page_labels]
    return PdfContent(title=doc_title or path.stem, page_titles=page_titles, page_labels=labels)


def load_pdf_deck(path: Path) -> Deck:
    """A PDF as a deck: one slide per page, notes from the notes file beside it. Never raises."""
    path = Path(path)
    try:
        content = read_pdf(path)
    except DeckImportError as exc:
        return unreadable_deck(path, str(exc))
    count = len(content.page_titles)
    notes_file, warning = usable_notes_beside(path, count)
    notes = [""] * count
    messages: list[str] = [] if warning is None else [warning]
    if notes_file is not None:
        try:
            notes = read_notes_file(notes_file, count, content.page_labels)
        except OSError as exc:
            messages.append(
                _("The notes file {name} could not be read ({error}).").format(
                    name=notes_file.name, error=exc.strerror or exc
                )
            )
    slides = [
        ImportedSlide(title, note, index)
        for index, (title, note) in enumerate(zip(content.page_titles, notes, strict=True))
    ]
    return deck_from_slides(
        content.title,
        slides,
        source_path=path,
        pdf_path=path,
        target_minutes=None if notes_file is None else pdfpc_duration(notes_file),
        messages=messages,
        content_hash=files_stamp(path, *([notes_file] if notes_file else [])),
    )
