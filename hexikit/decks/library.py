"""The deck library: PowerPoint and PDF decks imported into folders, loaded from them, and the
cache of PowerPoint files opened directly. No Qt here.

An imported deck is a folder in the user's deck library (`hexikit.base.paths.deck_library_dir`)::

    decks/my-talk/
        deck.pdf            the slide pictures (absent for a notes-only deck)
        deck.pdfpc          the speaker notes, pdfpc format 2 JSON (so pdfpc opens it too)
        hexikit-deck.json   title, slide titles, where it came from (the manifest)

Imports are atomic: the folder is built under a hidden temporary name inside the library and
renamed into place only when complete, so a failure leaves nothing behind. A notes-only
PowerPoint deck (no LibreOffice) shows each slide's title.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hexikit.base.clock import SYSTEM_CLOCK, Clock
from hexikit.base.i18n import _, ngettext
from hexikit.base.paths import data_dir, deck_library_dir
from hexikit.decks.deck import ERROR, WARNING, Deck, Problem
from hexikit.decks.imported import (
    DeckImportError,
    ImportedSlide,
    deck_from_slides,
    files_stamp,
    slides_without_notes_message,
    unreadable_deck,
)
from hexikit.decks.libreoffice import (
    AUTO,
    Automatic,
    ConversionError,
    conversion_timeout,
    convert_with_libreoffice,
    install_hint,
    resolve_soffice,
)
from hexikit.decks.pdf import open_pdf, read_pdf
from hexikit.decks.pdfpc import (
    pdfpc_duration,
    pdfpc_text,
    read_notes_file,
    usable_notes_beside,
)
from hexikit.decks.pptx import PptxContent, check_pptx_container, powerpoint_flavour, read_pptx

LIBRARY_PDF = "deck.pdf"
LIBRARY_NOTES = "deck.pdfpc"
LIBRARY_MANIFEST = "hexikit-deck.json"
MANIFEST_FORMAT = 1
#: Converted PowerPoint files opened directly (not imported) are cached; keep this many.
PPTX_CACHE_ENTRIES = 5
#: Temporary import folders older than this are from a crash and are removed.
STALE_IMPORT_SECONDS = 3600.0

_TEMP_PREFIX = ".importing-"
_CACHE_DIR = ".cache"


@dataclass(frozen=True)
class ImportResult:
    """Where an imported deck went and what happened on the way."""

    deck_dir: Path
    title: str
    slide_count: int
    has_pictures: bool
    messages: tuple[str, ...] = ()


def slug(text: str) -> str:
    """A folder name made of lower-case ASCII letters, digits and dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:60].rstrip("-") or "deck"


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# ---------------------------------------------------------------------------- the folders


def _read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / LIBRARY_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def is_library_deck(folder: Path) -> bool:
    return (folder / LIBRARY_MANIFEST).is_file() and (folder / LIBRARY_NOTES).is_file()


def library_decks(library: Path | None = None) -> list[Path]:
    """The imported decks in the library, by name."""
    library = deck_library_dir(data_dir()) if library is None else library
    if not library.is_dir():
        return []
    return sorted(
        entry
        for entry in library.iterdir()
        if entry.is_dir() and not entry.name.startswith(".") and is_library_deck(entry)
    )


# ---------------------------------------------------------------------------- importing


def _remove_stale_temporaries(library: Path, clock: Clock) -> None:
    """Remove temporary import folders left by a crash (older than an hour)."""
    now = clock.now().timestamp()
    for entry in library.glob(f"{_TEMP_PREFIX}*"):
        with contextlib.suppress(OSError):
            if now - entry.stat().st_mtime > STALE_IMPORT_SECONDS:
                shutil.rmtree(entry, ignore_errors=True)


def _write_library_folder(
    folder: Path,
    *,
    kind: str,
    title: str,
    source: Path,
    slides: Sequence[ImportedSlide],
    pdf: Path | None,
    messages: Sequence[str],
    clock: Clock,
    target_minutes: float | None = None,
) -> None:
    """Fill `folder` with the library files (the PDF is moved in)."""
    if pdf is not None:
        shutil.move(str(pdf), folder / LIBRARY_PDF)
    (folder / LIBRARY_NOTES).write_text(
        pdfpc_text([slide.notes for slide in slides], target_minutes), encoding="utf-8"
    )
    manifest = {
        "format": MANIFEST_FORMAT,
        "kind": kind,
        "title": title,
        "source_name": source.name,
        "source_sha256": _sha256_of(source),
        "imported_at": clock.now().isoformat(),
        "has_pictures": pdf is not None,
        "target_minutes": target_minutes,
        "slides": [{"title": slide.title, "pdf_page": slide.pdf_page} for slide in slides],
        "messages": list(messages),
    }
    (folder / LIBRARY_MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def _place(temp: Path, library: Path, name: str) -> Path:
    """Rename the finished temporary folder to `name` (or name-2, name-3… if taken)."""
    for attempt in range(1, 1000):
        final = library / (name if attempt == 1 else f"{name}-{attempt}")
        if final.exists():
            continue
        try:
            os.rename(temp, final)
        except OSError:
            if final.exists():  # another import took the name in between
                continue
            raise
        return final
    raise DeckImportError(_("The deck library has too many decks called {name}.").format(name=name))


def _pptx_slides_with_pictures(
    source: Path,
    content: PptxContent,
    work: Path,
    soffice: str,
    timeout: float | None,
) -> tuple[list[ImportedSlide], Path, list[str]]:
    """Convert with LibreOffice and attach each slide to its PDF page."""
    staged = work / "source.pptx"
    shutil.copyfile(source, staged)  # an ASCII name: LibreOffice and odd file names disagree
    pdf = convert_with_libreoffice(
        staged,
        work / "converted",
        soffice,
        conversion_timeout(len(content.slides)) if timeout is None else timeout,
    )
    messages: list[str] = []
    pages = len(open_pdf(pdf).pages)
    if pages != len(content.slides):
        messages.append(
            # Two counts: each is worded on its own, then the sentence puts them together.
            _(
                "LibreOffice made {pages} for {slides}; slides past the last page show only their title."
            ).format(
                pages=ngettext("{count} page", "{count} pages", pages).format(count=pages),
                slides=ngettext("{count} slide", "{count} slides", len(content.slides)).format(
                    count=len(content.slides)
                ),
            )
        )
    slides = [
        ImportedSlide(s.title, s.notes, index if index < pages else None)
        for index, s in enumerate(content.slides)
    ]
    return slides, pdf, messages


def build_pptx_folder(
    source: Path,
    folder: Path,
    *,
    soffice: str | None,
    timeout: float | None,
    clock: Clock,
) -> tuple[str, int, bool, list[str]]:
    """Fill an empty `folder` with the library files of a .pptx: (title, slides, pictures, messages)."""
    content = read_pptx(source)
    messages = list(content.messages)
    pdf: Path | None = None
    slides = content.slides
    work = folder / ".work"
    try:
        if soffice is None:
            messages.insert(
                0,
                _(
                    "LibreOffice is not installed, so the slides show only their titles; the "
                    "speaker notes came in for rehearsal. To see the slides, {hint}, then "
                    "import the file again."
                ).format(hint=install_hint()),
            )
        else:
            work.mkdir()
            slides, pdf, more = _pptx_slides_with_pictures(source, content, work, soffice, timeout)
            messages.extend(more)
        _write_library_folder(
            folder,
            kind="pptx",
            title=content.title,
            source=source,
            slides=slides,
            pdf=pdf,
            messages=messages,
            clock=clock,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return content.title, len(slides), pdf is not None, messages


def build_pdf_folder(source: Path, folder: Path, *, clock: Clock) -> tuple[str, int, list[str]]:
    """Fill an empty `folder` with the library files of a PDF (and its notes file, if any)."""
    content = read_pdf(source)
    count = len(content.page_titles)
    notes = [""] * count
    notes_file, warning = usable_notes_beside(source, count)
    messages: list[str] = [] if warning is None else [warning]
    if notes_file is not None:
        try:
            notes = read_notes_file(notes_file, count, content.page_labels)
        except OSError as exc:
            messages.append(
                _("The notes file {name} could not be read ({error}); no notes came in.").format(
                    name=notes_file.name, error=exc.strerror or exc
                )
            )
        else:
            messages.append(_("Notes came from {name}.").format(name=notes_file.name))
    else:
        messages.append(
            _(
                "No notes file was found beside the PDF ({pdfpc} or {markdown}); the deck has "
                "no speaker notes yet. You can write them in Hexikit."
            ).format(
                pdfpc=source.with_suffix(".pdfpc").name,
                markdown=f"{source.stem}.notes.md",
            )
        )
    empty = [index + 1 for index, note in enumerate(notes) if not note]
    if empty and notes_file is not None:
        messages.append(slides_without_notes_message(empty))
    slides = [
        ImportedSlide(title, note, index)
        for index, (title, note) in enumerate(zip(content.page_titles, notes, strict=True))
    ]
    staged = folder / ".source.pdf"
    shutil.copyfile(source, staged)
    _write_library_folder(
        folder,
        kind="pdf",
        title=content.title,
        source=source,
        slides=slides,
        pdf=staged,
        messages=messages,
        clock=clock,
        target_minutes=None if notes_file is None else pdfpc_duration(notes_file),
    )
    return content.title, count, messages


def import_deck(
    source: Path | str,
    library: Path | None = None,
    *,
    notes_only: bool = False,
    soffice: str | Automatic | None = AUTO,
    timeout: float | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> ImportResult:
    """Add a .pptx or .pdf deck to the deck library; returns where it went.

    All-or-nothing: the deck is built in a hidden temporary folder in the library and renamed
    into place at the end. Raises DeckImportError (a plain message saying what to do).
    `soffice` is the LibreOffice program (found automatically by default; None: not installed);
    `timeout` overrides how long LibreOffice may take.
    """
    source = Path(source)
    if not source.is_file():
        raise DeckImportError(
            _("There is no file {path}. Check the name.").format(path=source)
            if not source.is_dir()
            else _("{path} is a folder; choose a .pptx or .pdf file.").format(path=source)
        )
    # By content, not by name: .pptx, .pptm (macros never run), .ppsx, .potx… or a PDF.
    suffix = ".pptx" if powerpoint_flavour(source) is not None else source.suffix.lower()
    with contextlib.suppress(OSError), source.open("rb") as handle:
        if b"%PDF-" in handle.read(1024):
            suffix = ".pdf"
    if suffix in (".pptm", ".ppsx", ".ppsm", ".potx", ".potm"):
        check_pptx_container(source)  # a PowerPoint name on something else: say what it is
    if suffix not in (".pptx", ".pdf"):
        raise DeckImportError(
            _(
                "Hexikit imports PowerPoint (.pptx, .pptm, .ppsx, .potx) and PDF decks; {name} "
                "is neither. "
                "Markdown decks open directly without importing."
            ).format(name=source.name)
        )
    library = deck_library_dir(data_dir()) if library is None else library
    library.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(library, clock)
    program = resolve_soffice(soffice)
    temp = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=library))
    try:
        temp.chmod(0o755)  # mkdtemp makes it private; a deck folder is an ordinary folder
        if suffix == ".pptx":
            title, count, pictures, messages = build_pptx_folder(
                source,
                temp,
                soffice=None if notes_only else program,
                timeout=timeout,
                clock=clock,
            )
            if notes_only and program is not None:
                messages = [
                    _("Imported the notes only, as asked: the slides show their titles."),
                    *messages[1:],
                ]
        else:
            title, count, messages = build_pdf_folder(source, temp, clock=clock)
            pictures = True
        final = _place(temp, library, slug(title if title != source.stem else source.stem))
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return ImportResult(final, title, count, pictures, tuple(messages))


# ---------------------------------------------------------------------------- loading


def load_library_deck(folder: Path) -> Deck:
    """An imported deck from its library folder. Never raises."""
    manifest = _read_manifest(folder)
    notes_path = folder / LIBRARY_NOTES
    if manifest is None:
        return unreadable_deck(
            folder,
            _("The deck folder {folder} is damaged (its {name} is missing or unreadable).").format(
                folder=folder, name=LIBRARY_MANIFEST
            ),
        )
    entries = manifest.get("slides")
    entries = entries if isinstance(entries, list) else []
    pdf_path: Path | None = folder / LIBRARY_PDF
    assert pdf_path is not None
    messages: list[str] = []
    if not pdf_path.is_file():
        pdf_path = None
        if manifest.get("has_pictures"):
            messages.append(
                _("The slide pictures ({name}) are missing; the slides show their titles.").format(
                    name=LIBRARY_PDF
                )
            )
        else:
            messages.append(
                _(
                    "This deck has notes only (LibreOffice was not installed when it was "
                    "imported); to see the slides, {hint}, then import the file again."
                ).format(hint=install_hint())
            )
    try:
        notes = read_notes_file(notes_path, len(entries))
    except OSError as exc:
        notes = [""] * len(entries)
        messages.append(
            _("The notes file could not be read ({error}).").format(error=exc.strerror or exc)
        )
    slides = []
    for index, entry in enumerate(entries):
        entry = entry if isinstance(entry, dict) else {}
        page = entry.get("pdf_page")
        slides.append(
            ImportedSlide(
                title=str(entry.get("title") or _("Slide {number}").format(number=index + 1)),
                notes=notes[index],
                pdf_page=page if isinstance(page, int) and page >= 0 else None,
            )
        )
    target = manifest.get("target_minutes")
    deck = deck_from_slides(
        str(manifest.get("title") or folder.name),
        slides,
        source_path=notes_path,
        pdf_path=pdf_path,
        target_minutes=float(target) if isinstance(target, int | float) and target > 0 else None,
        messages=messages,
        content_hash=files_stamp(folder / LIBRARY_MANIFEST, notes_path, folder / LIBRARY_PDF),
    )
    if not slides:
        deck.problems.append(Problem(0, _("The deck has no slides."), ERROR))
    return deck


def _pptx_cache_dir() -> Path:
    return deck_library_dir(data_dir()) / _CACHE_DIR


def load_pptx_deck(
    path: Path, soffice: str | Automatic | None = AUTO, timeout: float | None = None
) -> Deck:
    """A .pptx opened directly: converted once into a cache (by content), then loaded from it.

    Never raises; when LibreOffice fails the deck still opens with its notes and titles.
    """
    path = Path(path)
    program = resolve_soffice(soffice)
    try:
        check_pptx_container(path)
        digest = _sha256_of(path)
    except (DeckImportError, OSError) as exc:
        return unreadable_deck(path, str(exc))
    cache = _pptx_cache_dir()
    cached = cache / digest[:24]
    manifest = _read_manifest(cached) if cached.is_dir() else None
    if manifest is not None and (manifest.get("has_pictures") or program is None):
        with contextlib.suppress(OSError):
            os.utime(cached)  # most recently used
        return _titled_from(load_library_deck(cached), path)
    cache.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=_TEMP_PREFIX, dir=cache))
    try:
        try:
            build_pptx_folder(path, temp, soffice=program, timeout=timeout, clock=SYSTEM_CLOCK)
        except ConversionError as exc:
            # LibreOffice failed or hung: open the notes anyway, and do not cache that (the
            # deck is read into memory before the folder goes).
            shutil.rmtree(temp, ignore_errors=True)
            temp.mkdir()
            build_pptx_folder(path, temp, soffice=None, timeout=None, clock=SYSTEM_CLOCK)
            return _titled_from(load_library_deck(temp), path, str(exc))
        if cached.exists():
            shutil.rmtree(cached, ignore_errors=True)
        os.rename(temp, cached)
    except DeckImportError as exc:
        return unreadable_deck(path, str(exc))
    except OSError as exc:
        return unreadable_deck(
            path, _("The deck could not be prepared: {error}").format(error=exc.strerror or exc)
        )
    finally:
        if temp.exists():
            shutil.rmtree(temp, ignore_errors=True)
    _prune_cache(cache)
    return _titled_from(load_library_deck(cached), path)


def _titled_from(deck: Deck, source: Path, extra_message: str | None = None) -> Deck:
    """The cached deck, as the .pptx the user opened: reloading it goes through the cache, and
    its notes are not saved into the cache (import the deck to edit its notes)."""
    deck.source_path = source
    if extra_message:
        deck.problems.insert(0, Problem(0, extra_message, WARNING))
    return deck


def _prune_cache(cache: Path) -> None:
    entries = [e for e in cache.iterdir() if e.is_dir() and not e.name.startswith(".")]
    entries.sort(key=lambda e: e.stat().st_mtime, reverse=True)
    for stale in entries[PPTX_CACHE_ENTRIES:]:
        shutil.rmtree(stale, ignore_errors=True)
