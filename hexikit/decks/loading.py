"""Any deck, whatever it is made of: open it, and save a slide's notes back where it keeps them.

A path is a Markdown deck (a `.md` file or a folder holding one), a PDF (notes beside it), a
PowerPoint file (converted into the library's cache), or a folder of the deck library. Each
format's module reads its own files; this one only sends each path to the right one, so the
formats know nothing of each other. Other formats plug in through `register_loader`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hexikit.base.i18n import _
from hexikit.decks.deck import Deck, DeckError, error_deck
from hexikit.decks.imported import (
    DeckImportError,
    clean_text,
    deck_from_slides,
    files_stamp,
    unreadable_deck,
)
from hexikit.decks.library import (
    LIBRARY_NOTES,
    LIBRARY_PDF,
    is_library_deck,
    load_library_deck,
    load_pptx_deck,
)
from hexikit.decks.markdown import MARKDOWN_SUFFIXES, load_markdown_deck, save_notes
from hexikit.decks.pdf import load_pdf_deck, read_pdf
from hexikit.decks.pdfpc import write_notes_file
from hexikit.decks.pptx import check_pptx_container, powerpoint_flavour, read_pptx

Loader = Callable[[Path], Deck]


def _load_pdf(path: Path) -> Deck:
    """A PDF: the library's own files when it is a library deck's, else the PDF and its notes."""
    if path.name == LIBRARY_PDF and is_library_deck(path.parent):
        return load_library_deck(path.parent)
    return load_pdf_deck(path)


def _load_pdfpc(path: Path) -> Deck:
    """A `.pdfpc` file: the notes of a library deck (notes-only decks have no PDF), or the
    notes beside a PDF of the same name."""
    if path.name == LIBRARY_NOTES and is_library_deck(path.parent):
        return load_library_deck(path.parent)
    pdf = path.with_suffix(".pdf")
    if pdf.is_file():
        return _load_pdf(pdf)
    return unreadable_deck(
        path,
        _("{name} holds speaker notes, but the PDF {pdf} is not beside it.").format(
            name=path.name, pdf=pdf.name
        ),
    )


def load_pptx_text(path: Path) -> Deck:
    """A PowerPoint file's text and notes only (no pictures, no LibreOffice): what `deck check`
    reads. Never raises."""
    try:
        content = read_pptx(path)
    except DeckImportError as exc:
        return unreadable_deck(path, str(exc))
    return deck_from_slides(
        content.title,
        content.slides,
        source_path=path,
        pdf_path=None,
        target_minutes=None,
        messages=content.messages,
        content_hash=files_stamp(path),
    )


_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(path: Path) -> str:
    """What the file is by its content: "pdf", "powerpoint" (any flavour), "zip" (another
    zip), "ole" (an old Office file), "binary" or "text". Raises OSError when unreadable."""
    with path.open("rb") as handle:
        head = handle.read(8192)
    if _PDF_MAGIC in head[:1024]:
        return "pdf"
    if head.startswith(_ZIP_MAGIC):
        return "powerpoint" if powerpoint_flavour(path) is not None else "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if looks_binary(head):
        return "binary"
    return "text"


def looks_binary(head: bytes) -> bool:
    """NUL bytes, or many control characters: not text in any encoding a deck is written in."""
    if not head:
        return False
    if b"\0" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in (9, 10, 12, 13, 27))
    return controls / len(head) > 0.05


# Files of these kinds are read by their loader; any other text file is read as Markdown.
_LOADERS: dict[str, Loader] = {".pdfpc": _load_pdfpc}


def register_loader(suffix: str, loader: Loader) -> None:
    """Let another capability load decks of another format.

    The loader takes the file's path and returns a Deck; it should not raise on bad input
    either (any exception it raises is turned into a problem by `load_deck`).
    """
    _LOADERS[suffix.lower() if suffix.startswith(".") else f".{suffix.lower()}"] = loader


def _deck_file_in(folder: Path) -> Path | None:
    """The deck file of a folder: `deck.md`, else any Markdown file, else a file a loader
    reads (a library deck's `deck.pdf`, or its `deck.pdfpc` when it has no pictures)."""
    preferred = folder / "deck.md"
    if preferred.is_file():
        return preferred
    for pattern in ("*.md", "*.markdown"):
        found = sorted(folder.glob(pattern))
        if found:
            return found[0]
    for suffix in (".pdf", ".pptx", *sorted(_LOADERS)):
        found = sorted(folder.glob(f"*{suffix}"))
        if found:
            return found[0]
    return None


def markdown_deck_file(path: Path) -> Path | None:
    """The Markdown file of a Markdown deck (its folder or its file), else None."""
    try:
        found = _deck_file_in(path) if path.is_dir() else path
    except OSError:
        return None
    return found if found is not None and found.suffix.lower() in (".md", ".markdown") else None


def keepable_deck_file(path: Path) -> Path | None:
    """The file of a deck (its folder or its file) that `hexikit.decks.kept` can keep as read:
    a Markdown deck's file, or a PDF opened directly (not a library deck's, which is read
    from the library's own files); else None."""
    try:
        found = _deck_file_in(path) if path.is_dir() else path
        if found is None:
            return None
        suffix = found.suffix.lower()
        if suffix in MARKDOWN_SUFFIXES:
            return found
        if suffix == ".pdf" and not (found.name == LIBRARY_PDF and is_library_deck(found.parent)):
            return found
    except OSError:
        return None
    return None


def reads_quickly(path: Path) -> bool:
    """True for a Markdown deck (its folder or its file) and a library deck (its folder or
    one of its files: the library keeps titles and notes in its own files, so no PDF reader
    loads): read in milliseconds with no converter, so `hexikit present` reads it before the
    window opens. PDF and PowerPoint files are read in the background instead."""
    if markdown_deck_file(path) is not None:
        return True
    try:
        return is_library_deck(path if path.is_dir() else path.parent) and (
            path.is_dir() or path.name in (LIBRARY_PDF, LIBRARY_NOTES)
        )
    except OSError:
        return False


def load_deck(path: Path | str, *, pictures: bool = True) -> Deck:
    """Read the deck at `path` (a deck folder or a file), by its content whatever its name.
    Never raises on bad input. `pictures=False` reads PowerPoint text and notes only (no
    LibreOffice), as `deck check` does."""
    path = Path(path)
    try:
        if path.is_dir():
            found = _deck_file_in(path)
            if found is None:
                return error_deck(
                    path,
                    _("There is no deck file (deck.md) in the folder {folder}.").format(
                        folder=path
                    ),
                    hash_seed="missing",
                )
            path = found
        if not path.is_file():
            return error_deck(
                path,
                _("The deck {path} does not exist. Check the name.").format(path=path),
                hash_seed="missing",
            )
        kind = sniff(path)
    except OSError as exc:
        return error_deck(
            path,
            _("The deck could not be read: {error}").format(error=exc.strerror or exc),
            hash_seed="missing",
        )
    try:
        if kind == "pdf":
            return _load_pdf(path)
        if kind == "powerpoint":
            return load_pptx_deck(path) if pictures else load_pptx_text(path)
        if kind in ("zip", "ole"):
            try:
                check_pptx_container(path)
            except DeckImportError as exc:
                return unreadable_deck(path, str(exc))
            return unreadable_deck(path, _not_a_deck(path))
        if kind == "binary":
            return unreadable_deck(path, _not_a_deck(path))
        loader = _LOADERS.get(path.suffix.lower())
        if loader is not None:
            return loader(path)
        if path.suffix.lower() in _BINARY_SUFFIXES:
            return unreadable_deck(path, _not_a_deck(path))
        return load_markdown_deck(path)
    except Exception as exc:  # another format's loader must not crash the app
        return error_deck(
            path,
            _("This file could not be read as a deck: {error}").format(error=exc),
            hash_seed="missing",
        )


#: Names that promise a binary deck: text under such a name is not read as Markdown.
_BINARY_SUFFIXES = {".pdf", ".pptx", ".pptm", ".ppsx", ".ppsm", ".potx", ".potm", ".ppt"}


def _not_a_deck(path: Path) -> str:
    return _(
        "{name} is not a deck Hexikit can read: it is neither Markdown text nor a PowerPoint "
        "(.pptx, .pptm, .ppsx, .potx) or PDF file. Open a deck folder, its .md file, a "
        "PowerPoint file or a PDF."
    ).format(name=path.name)


def save_deck_notes(deck: Deck, slide_number: int, text: str) -> Deck:
    """Save one slide's notes where the deck keeps them; returns the reloaded deck.

    Markdown decks: into the Markdown file (`hexikit.decks.markdown.save_notes`). Imported
    decks: into the library's `deck.pdfpc`. A PDF opened directly: into its notes file beside
    it (created as `<name>.pdfpc` when there is none). Raises DeckError with a plain message.
    """
    path = deck.source_path
    if path is None:
        raise DeckError(_("This deck has no file to save notes into."))
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return save_notes(deck, slide_number, text)
    if not 1 <= slide_number <= len(deck.slides):
        raise DeckError(_("The deck has no slide {number}.").format(number=slide_number))
    notes = [slide.notes for slide in deck.slides]
    notes[slide_number - 1] = clean_text(text)
    write_notes_file(path, notes, _page_labels(deck))
    return load_deck(path)


def _page_labels(deck: Deck) -> list[str] | None:
    """The PDF's page labels (an old-format pdfpc file numbers its notes by them)."""
    if deck.pdf_path is None:
        return None
    try:
        return read_pdf(deck.pdf_path, want_titles=False).page_labels
    except DeckImportError:
        return None
