"""Decks from PowerPoint (.pptx) and PDF: read, import into the deck library, load, save notes.

No Qt here. PowerPoint gives its speaker notes and slide titles through python-pptx; its slide
pictures come from LibreOffice (`soffice --headless --convert-to pdf`), found at run time and
run with a timeout and a private profile. Without LibreOffice the notes still come in: the deck
is "notes only" and each slide shows its title.

An imported deck is a folder in the user's deck library (`hexikit.base.paths.deck_library_dir`)::

    decks/my-talk/
        deck.pdf            the slide pictures (absent for a notes-only deck)
        deck.pdfpc          the speaker notes, pdfpc format 2 JSON (so pdfpc opens it too)
        hexikit-deck.json   title, slide titles, where it came from

Imports are atomic: the folder is built under a hidden temporary name inside the library and
renamed into place only when complete, so a failure leaves nothing behind.

A PDF opened directly (not imported) takes its notes from a pdfpc file beside it
(`talk.pdfpc`), or else from a Markdown notes file beside it (`talk.notes.md`, or `talk.md`)
whose blocks, separated by lines `---`, are the notes of page 1, 2, 3...

Importing this module registers the loaders, so `hexikit.decks.deck.load_deck` opens `.pptx`, `.pdf`
and library deck folders.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hexikit.base.atomic import atomic_write_text
from hexikit.base.clock import SYSTEM_CLOCK, Clock
from hexikit.base.i18n import _
from hexikit.base.paths import data_dir, deck_library_dir
from hexikit.decks.deck import (
    ERROR,
    WARNING,
    Deck,
    DeckError,
    Problem,
    Slide,
    load_deck,
    register_loader,
    save_notes,
)

log = logging.getLogger(__name__)

LIBRARY_PDF = "deck.pdf"
LIBRARY_NOTES = "deck.pdfpc"
LIBRARY_MANIFEST = "hexikit-deck.json"
MANIFEST_FORMAT = 1
#: Decks with more slides than this are refused (300 import fine; 1000 is past any real talk).
MAX_SLIDES = 1000
#: Set to the path of `soffice` to use that one (an unusual install, or a test's fake).
SOFFICE_ENV = "HEXIKIT_SOFFICE"
#: LibreOffice gets this long to start, plus SECONDS_PER_SLIDE for each slide.
BASE_TIMEOUT_SECONDS = 90.0
SECONDS_PER_SLIDE = 1.0
MAX_TIMEOUT_SECONDS = 900.0
#: Converted PowerPoint files opened directly (not imported) are cached; keep this many.
PPTX_CACHE_ENTRIES = 5
#: Temporary import folders older than this are from a crash and are removed.
STALE_IMPORT_SECONDS = 3600.0

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_TEMP_PREFIX = ".importing-"
_CACHE_DIR = ".cache"
_SEPARATOR = re.compile(r"^\s*---+\s*$")
_LEGACY_PDFPC_PAGE = re.compile(r"^###\s*(\d+)\s*$")


def install_hint() -> str:
    return _("install LibreOffice Impress: sudo apt install libreoffice-impress")


class DeckImportError(Exception):
    """A deck that cannot be imported; the message says why and what to do."""


class ConversionError(DeckImportError):
    """LibreOffice failed or hung while making the slide pictures."""


class _Automatic:
    """Marker: find `soffice` on this machine."""


AUTO = _Automatic()


@dataclass(frozen=True)
class ImportedSlide:
    """What an imported deck knows of one slide."""

    title: str
    notes: str
    pdf_page: int | None = None


@dataclass
class PptxContent:
    """The text of a PowerPoint file: the visible slides (hidden ones are left out, as
    LibreOffice leaves them out of the PDF) and what to tell the user."""

    title: str
    slides: list[ImportedSlide]
    hidden_slides: int = 0
    messages: list[str] = field(default_factory=list)


@dataclass
class PdfContent:
    title: str
    page_titles: list[str]


@dataclass(frozen=True)
class ImportResult:
    """Where an imported deck went and what happened on the way."""

    deck_dir: Path
    title: str
    slide_count: int
    has_pictures: bool
    messages: tuple[str, ...] = ()


# ---------------------------------------------------------------------------- small helpers


def _clean_text(text: str) -> str:
    """PowerPoint line breaks (vertical tab) as newlines, no trailing spaces, no blank ends."""
    text = text.replace("\x0b", "\n").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _first_line(text: str, limit: int = 80) -> str:
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
    return ""


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


def _contains(path: Path, needle: bytes) -> bool:
    """Whether the file contains `needle` (read in blocks; overlaps kept)."""
    overlap = len(needle) - 1
    tail = b""
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            if needle in tail + block:
                return True
            tail = block[-overlap:]
    return False


# ---------------------------------------------------------------------------- PowerPoint


def check_pptx_container(path: Path) -> None:
    """Raise DeckImportError unless `path` looks like a PowerPoint .pptx file."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise DeckImportError(
            _("The file {name} could not be read: {error}").format(
                name=path.name, error=exc.strerror or exc
            )
        ) from exc
    if head == _OLE_MAGIC:
        if _contains(path, _ENCRYPTED_STREAM):
            raise DeckImportError(
                _(
                    "{name} is password-protected, so its slides and notes cannot be read. "
                    "Open it in PowerPoint, remove the password (File ▸ Info ▸ Protect "
                    "Presentation ▸ Encrypt with Password, clear it), save, and import it again."
                ).format(name=path.name)
            )
        raise DeckImportError(
            _(
                "{name} is an old PowerPoint 97–2003 file (.ppt), not a .pptx. Open it in "
                "PowerPoint or LibreOffice Impress, save it as .pptx, and import that."
            ).format(name=path.name)
        )
    if not zipfile.is_zipfile(path):
        raise DeckImportError(
            _(
                "{name} is not a PowerPoint (.pptx) file. Save the presentation as .pptx (or "
                "export it as PDF) and import that."
            ).format(name=path.name)
        )
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise DeckImportError(
            _("{name} is a damaged .pptx file ({error}). Save it again and re-import.").format(
                name=path.name, error=exc
            )
        ) from exc
    if "ppt/presentation.xml" in names:
        return
    if "word/document.xml" in names:
        what = _("a Word document")
    elif "xl/workbook.xml" in names:
        what = _("an Excel workbook")
    elif "content.xml" in names:
        what = _("an OpenDocument file")
    else:
        what = _("a zip archive of something else")
    raise DeckImportError(
        _(
            "{name} is {what}, not a PowerPoint presentation. Choose the .pptx file of the "
            "talk (or export the talk as PDF)."
        ).format(name=path.name, what=what)
    )


def _shape_text(shape: Any) -> str:
    if getattr(shape, "has_text_frame", False):
        return _clean_text(shape.text_frame.text)
    return ""


def _slide_title(slide: Any) -> str:
    title_shape = slide.shapes.title
    if title_shape is not None:
        title = _first_line(_shape_text(title_shape))
        if title:
            return title
    for shape in slide.shapes:
        title = _first_line(_shape_text(shape))
        if title:
            return title
    return ""


def _slide_notes(slide: Any) -> str:
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return "" if frame is None else _clean_text(frame.text)


def read_pptx(path: Path) -> PptxContent:
    """Slide titles and speaker notes of a .pptx file. Raises DeckImportError on bad input."""
    from pptx import Presentation
    from pptx.exc import PythonPptxError

    path = Path(path)
    check_pptx_container(path)
    try:
        presentation = Presentation(str(path))
    except (PythonPptxError, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise DeckImportError(
            _(
                "{name} could not be read as a PowerPoint presentation ({error}). Open it in "
                "PowerPoint or LibreOffice, save it again as .pptx, and re-import."
            ).format(name=path.name, error=exc)
        ) from exc
    except Exception as exc:  # python-pptx raises many kinds on damaged XML
        raise DeckImportError(
            _("{name} is damaged and could not be read ({error}).").format(
                name=path.name, error=exc
            )
        ) from exc
    all_slides = list(presentation.slides)
    if len(all_slides) > MAX_SLIDES:
        raise DeckImportError(
            _(
                "{name} has {count} slides; Hexikit imports at most {limit}. Split the "
                "presentation into smaller ones."
            ).format(name=path.name, count=len(all_slides), limit=MAX_SLIDES)
        )
    slides: list[ImportedSlide] = []
    hidden = 0
    without_notes: list[int] = []
    for slide in all_slides:
        if slide._element.get("show") in ("0", "false"):
            hidden += 1
            continue
        number = len(slides) + 1
        title = _slide_title(slide) or _("Slide {number}").format(number=number)
        notes = _slide_notes(slide)
        if not notes:
            without_notes.append(number)
        slides.append(ImportedSlide(title=title, notes=notes, pdf_page=None))
    messages: list[str] = []
    if not slides:
        raise DeckImportError(
            _("{name} has no slides to show (every slide is hidden or there are none).").format(
                name=path.name
            )
        )
    if hidden:
        messages.append(
            _("{count} hidden slide(s) were left out, as in the slide show.").format(count=hidden)
        )
    if without_notes:
        messages.append(_slides_without_notes_message(without_notes))
    core_title = (presentation.core_properties.title or "").strip()
    return PptxContent(
        title=core_title or path.stem,
        slides=slides,
        hidden_slides=hidden,
        messages=messages,
    )


def _slides_without_notes_message(numbers: Sequence[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:20])
    if len(numbers) > 20:
        shown += ", …"
    return _("{count} slide(s) have no speaker notes: {numbers}.").format(
        count=len(numbers), numbers=shown
    )


# ---------------------------------------------------------------------------- LibreOffice


def find_soffice() -> str | None:
    """The LibreOffice program on this machine, or None."""
    override = os.environ.get(SOFFICE_ENV)
    if override:
        return override if Path(override).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    if mac.is_file():
        return str(mac)
    for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
        if base:
            candidate = Path(base) / "LibreOffice" / "program" / "soffice.exe"
            if candidate.is_file():
                return str(candidate)
    return None


def conversion_timeout(slide_count: int) -> float:
    return min(MAX_TIMEOUT_SECONDS, BASE_TIMEOUT_SECONDS + SECONDS_PER_SLIDE * slide_count)


def _kill_process_tree(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice and whatever it started (it runs in its own process group)."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        process.kill()


def convert_with_libreoffice(source: Path, out_dir: Path, soffice: str, timeout: float) -> Path:
    """Convert `source` to `out_dir/<stem>.pdf` with LibreOffice; returns the PDF's path.

    LibreOffice runs with a private profile (so a LibreOffice the user has open neither blocks
    nor is disturbed by it) in its own process group; past `timeout` seconds it is killed.
    Raises DeckImportError with a plain message on failure.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="hexikit-lo-profile-"))
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        str(source),
    ]
    try:
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=(os.name == "posix"),
            )
        except OSError as exc:
            raise ConversionError(
                _("LibreOffice ({program}) could not be started: {error}").format(
                    program=soffice, error=exc.strerror or exc
                )
            ) from exc
        try:
            _stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_process_tree(process)
            process.communicate()
            raise ConversionError(
                _(
                    "LibreOffice did not finish making the slide pictures within {seconds:.0f} "
                    "seconds, so it was stopped and nothing was imported. Close any LibreOffice "
                    "window that asks a question and try again, or import the notes alone "
                    "(hexikit deck import --notes-only FILE)."
                ).format(seconds=timeout)
            ) from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / f"{source.stem}.pdf"
    if process.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        detail = _first_line(stderr.decode("utf-8", "replace"), 200)
        raise ConversionError(
            _(
                "LibreOffice could not make the slide pictures (exit code {code}{detail}). "
                "Open the file in LibreOffice Impress to check it, or import the notes alone "
                "(hexikit deck import --notes-only FILE)."
            ).format(code=process.returncode, detail=f": {detail}" if detail else "")
        )
    return pdf


# ---------------------------------------------------------------------------- PDF


def _pypdf_reader(path: Path) -> Any:
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


def _outline_titles(reader: Any) -> dict[int, str]:
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
        title = _first_line(str(getattr(item, "title", "") or ""))
        if page is not None and page >= 0 and title and page not in titles:
            titles[page] = title
    return titles


def read_pdf(path: Path, want_titles: bool = True) -> PdfContent:
    """Page count, document title and page titles (bookmarks, else the page's first line).

    Raises DeckImportError for something that is not a PDF, a locked PDF or one with no pages.
    """
    path = Path(path)
    reader = _pypdf_reader(path)
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
        doc_title = _first_line(str((reader.metadata or {}).get("/Title", "") or ""))
    titles = _outline_titles(reader) if want_titles else {}
    page_titles: list[str] = []
    for index in range(count):
        title = titles.get(index, "")
        if not title and want_titles:
            with contextlib.suppress(Exception):
                title = _first_line(reader.pages[index].extract_text() or "")
        page_titles.append(title or _("Page {number}").format(number=index + 1))
    return PdfContent(title=doc_title or path.stem, page_titles=page_titles)


# ---------------------------------------------------------------------------- notes files


def parse_pdfpc(text: str, page_count: int) -> list[str]:
    """Notes per page from a pdfpc file (format 2 JSON, or the older `[notes] ### N` text).

    Pages of one logical slide (same label, overlays) share the notes of the first that has
    some, as pdfpc shows them.
    """
    notes = [""] * page_count
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        pages = data.get("pages")
        if not isinstance(pages, list):
            return notes
        label_notes: dict[str, str] = {}
        labels: list[str | None] = [None] * page_count
        for entry in pages:
            if not isinstance(entry, dict):
                continue
            index = entry.get("idx")
            if not isinstance(index, int) or not 0 <= index < page_count:
                continue
            label = entry.get("label")
            labels[index] = None if label is None else str(label)
            note = entry.get("note")
            if isinstance(note, str) and note.strip():
                notes[index] = _clean_text(note)
                if labels[index] is not None:
                    label_notes.setdefault(str(labels[index]), notes[index])
        for index, label in enumerate(labels):
            if not notes[index] and label is not None and label in label_notes:
                notes[index] = label_notes[label]
        return notes
    # Legacy pdfpc: "[notes]" then "### 3" headings (1-based pages).
    in_notes = False
    current: int | None = None
    collected: dict[int, list[str]] = {}
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]") and not stripped.startswith("[["):
            in_notes = stripped.lower() == "[notes]"
            current = None
            continue
        if not in_notes:
            continue
        heading = _LEGACY_PDFPC_PAGE.match(stripped)
        if heading:
            current = int(heading.group(1)) - 1
            collected.setdefault(current, [])
        elif current is not None:
            collected[current].append(line)
    for index, lines in collected.items():
        if 0 <= index < page_count:
            notes[index] = _clean_text("\n".join(lines))
    return notes


def pdfpc_duration(path: Path) -> float | None:
    """The talk's length in minutes from a pdfpc file (`duration`), or None."""
    if path.suffix.lower() != ".pdfpc":
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None
    value = data.get("duration") if isinstance(data, dict) else None
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return float(value)
    return None


def pdfpc_text(notes: Sequence[str], duration_minutes: float | None = None) -> str:
    """A pdfpc format 2 file for these per-page notes."""
    data: dict[str, Any] = {"pdfpcFormat": 2, "disableMarkdown": False}
    if duration_minutes:
        data["duration"] = round(duration_minutes)
    data["pages"] = [
        {"idx": index, "label": str(index + 1), "overlay": 0, "note": note}
        for index, note in enumerate(notes)
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def parse_markdown_notes(text: str, page_count: int) -> list[str]:
    """Notes per page from a Markdown notes file: blocks separated by lines `---`."""
    blocks: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _SEPARATOR.match(line):
            blocks.append([])
        else:
            blocks[-1].append(line)
    notes = [_clean_text("\n".join(block)) for block in blocks]
    return (notes + [""] * page_count)[:page_count]


def markdown_notes_text(notes: Sequence[str]) -> str:
    return "\n\n---\n\n".join(note.strip() for note in notes) + "\n"


def notes_file_beside(pdf: Path) -> Path | None:
    """The notes file of a PDF: `<stem>.pdfpc`, else `<stem>.notes.md`, else `<stem>.md`."""
    for candidate in (
        pdf.with_suffix(".pdfpc"),
        pdf.with_name(f"{pdf.stem}.notes.md"),
        pdf.with_suffix(".md"),
    ):
        if candidate.is_file():
            return candidate
    return None


def read_notes_file(path: Path, page_count: int) -> list[str]:
    """Per-page notes from a pdfpc or Markdown notes file (raises OSError when unreadable)."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig", errors="replace")
    if path.suffix.lower() == ".pdfpc":
        return parse_pdfpc(text, page_count)
    return parse_markdown_notes(text, page_count)


# ---------------------------------------------------------------------------- the library


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
    pages = len(_pypdf_reader(pdf).pages)
    if pages != len(content.slides):
        messages.append(
            _(
                "LibreOffice made {pages} page(s) for {slides} slide(s); slides past the last "
                "page show only their title."
            ).format(pages=pages, slides=len(content.slides))
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
    messages: list[str] = []
    notes = [""] * count
    notes_file = notes_file_beside(source)
    if notes_file is not None:
        try:
            notes = read_notes_file(notes_file, count)
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
        messages.append(_slides_without_notes_message(empty))
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
    soffice: str | _Automatic | None = AUTO,
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
    suffix = source.suffix.lower()
    if suffix not in (".pptx", ".pdf"):
        raise DeckImportError(
            _(
                "Hexikit imports PowerPoint (.pptx) and PDF (.pdf) decks; {name} is neither. "
                "Markdown decks open directly without importing."
            ).format(name=source.name)
        )
    library = deck_library_dir(data_dir()) if library is None else library
    library.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(library, clock)
    program = find_soffice() if isinstance(soffice, _Automatic) else soffice
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


# ---------------------------------------------------------------------------- loading decks


def _stamp(*paths: Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        try:
            stat = path.stat()
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\0".encode())
        except OSError:
            digest.update(f"{path}:missing\0".encode())
    return digest.hexdigest()


def _error_deck(path: Path, message: str) -> Deck:
    deck = Deck(title=path.stem or str(path), source_path=path)
    deck.problems.append(Problem(0, message, ERROR))
    deck.content_hash = hashlib.sha256(f"unreadable:{path}".encode()).hexdigest()
    return deck


def _deck_from_slides(
    title: str,
    slides: Sequence[ImportedSlide],
    *,
    source_path: Path,
    pdf_path: Path | None,
    target_minutes: float | None,
    messages: Sequence[str],
    content_hash: str,
) -> Deck:
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
            )
        )
    deck.problems = [Problem(0, message, WARNING) for message in messages]
    return deck


def load_library_deck(folder: Path) -> Deck:
    """An imported deck from its library folder. Never raises."""
    manifest = _read_manifest(folder)
    notes_path = folder / LIBRARY_NOTES
    if manifest is None:
        return _error_deck(
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
    deck = _deck_from_slides(
        str(manifest.get("title") or folder.name),
        slides,
        source_path=notes_path,
        pdf_path=pdf_path,
        target_minutes=float(target) if isinstance(target, int | float) and target > 0 else None,
        messages=messages,
        content_hash=_stamp(folder / LIBRARY_MANIFEST, notes_path, folder / LIBRARY_PDF),
    )
    if not slides:
        deck.problems.append(Problem(0, _("The deck has no slides."), ERROR))
    return deck


def load_pdf_deck(path: Path) -> Deck:
    """A PDF as a deck: one slide per page, notes from the notes file beside it. Never raises."""
    path = Path(path)
    if path.name == LIBRARY_PDF and is_library_deck(path.parent):
        return load_library_deck(path.parent)
    try:
        content = read_pdf(path)
    except DeckImportError as exc:
        return _error_deck(path, str(exc))
    count = len(content.page_titles)
    notes_file = notes_file_beside(path)
    notes = [""] * count
    messages: list[str] = []
    if notes_file is not None:
        try:
            notes = read_notes_file(notes_file, count)
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
    return _deck_from_slides(
        content.title,
        slides,
        source_path=path,
        pdf_path=path,
        target_minutes=None if notes_file is None else pdfpc_duration(notes_file),
        messages=messages,
        content_hash=_stamp(path, *([notes_file] if notes_file else [])),
    )


def _pdfpc_loader(path: Path) -> Deck:
    """A `.pdfpc` file: the notes of a library deck (notes-only decks have no PDF), or the
    notes beside a PDF of the same name."""
    if path.name == LIBRARY_NOTES and is_library_deck(path.parent):
        return load_library_deck(path.parent)
    pdf = path.with_suffix(".pdf")
    if pdf.is_file():
        return load_pdf_deck(pdf)
    return _error_deck(
        path,
        _("{name} holds speaker notes, but the PDF {pdf} is not beside it.").format(
            name=path.name, pdf=pdf.name
        ),
    )


def _pptx_cache_dir() -> Path:
    return deck_library_dir(data_dir()) / _CACHE_DIR


def load_pptx_deck(
    path: Path, soffice: str | _Automatic | None = AUTO, timeout: float | None = None
) -> Deck:
    """A .pptx opened directly: converted once into a cache (by content), then loaded from it.

    Never raises; when LibreOffice fails the deck still opens with its notes and titles.
    """
    path = Path(path)
    program = find_soffice() if isinstance(soffice, _Automatic) else soffice
    try:
        check_pptx_container(path)
        digest = _sha256_of(path)
    except (DeckImportError, OSError) as exc:
        return _error_deck(path, str(exc))
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
        return _error_deck(path, str(exc))
    except OSError as exc:
        return _error_deck(
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


# ---------------------------------------------------------------------------- saving notes


def save_deck_notes(deck: Deck, slide_number: int, text: str) -> Deck:
    """Save one slide's notes where the deck keeps them; returns the reloaded deck.

    Markdown decks: into the Markdown file (`hexikit.decks.deck.save_notes`). Imported decks: into
    the library's `deck.pdfpc`. A PDF opened directly: into its notes file beside it (created
    as `<name>.pdfpc` when there is none). Raises DeckError with a plain message.
    """
    path = deck.source_path
    if path is None:
        raise DeckError(_("This deck has no file to save notes into."))
    suffix = path.suffix.lower()
    if suffix in (".md", ".markdown", ".txt"):
        return save_notes(deck, slide_number, text)
    if not 1 <= slide_number <= len(deck.slides):
        raise DeckError(_("The deck has no slide {number}.").format(number=slide_number))
    notes = [slide.notes for slide in deck.slides]
    notes[slide_number - 1] = _clean_text(text)
    if suffix == ".pdfpc":
        target = path
    elif suffix == ".pdf":
        target = notes_file_beside(path) or path.with_suffix(".pdfpc")
    else:
        raise DeckError(
            _("Notes of {name} cannot be saved: import the deck first.").format(name=path.name)
        )
    try:
        if target.suffix.lower() == ".pdfpc":
            atomic_write_text(target, _updated_pdfpc(target, notes))
        else:
            atomic_write_text(target, markdown_notes_text(notes))
    except OSError as exc:
        raise DeckError(
            _(
                "The notes could not be saved ({error}); what you typed is still here. Check "
                "that the folder {folder} can be written to."
            ).format(error=exc.strerror or exc, folder=target.parent)
        ) from exc
    return load_deck(path)


def _updated_pdfpc(path: Path, notes: Sequence[str]) -> str:
    """The pdfpc file with new notes, keeping its other settings (duration, overlays...)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        return pdfpc_text(notes)
    pages = [entry for entry in data["pages"] if isinstance(entry, dict)]
    by_index = {entry.get("idx"): entry for entry in pages}
    for index, note in enumerate(notes):
        entry = by_index.get(index)
        if entry is None:
            entry = {"idx": index, "label": str(index + 1), "overlay": 0}
            pages.append(entry)
            by_index[index] = entry
        entry["note"] = note
    pages.sort(key=lambda entry: entry.get("idx", 0) if isinstance(entry.get("idx"), int) else 0)
    data["pages"] = pages
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------- registration


def register_loaders() -> None:
    """Teach `hexikit.decks.deck.load_deck` to open .pptx, .pdf and library (.pdfpc) decks."""
    register_loader(".pptx", load_pptx_deck)
    register_loader(".pdf", load_pdf_deck)
    register_loader(".pdfpc", _pdfpc_loader)


register_loaders()
