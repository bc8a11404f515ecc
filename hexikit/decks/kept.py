"""A deck as read at the last launch, kept in the data folder, so `hexikit present` shows
slide 1 of an unchanged deck without reading it again: a Markdown deck without the Markdown
parser (~20 ms before the first slide), a PDF opened directly without pypdf (~160 ms).

A kept deck is used only when it is certainly what reading the file would give now: the
same file, the same language (the problems are in it), the same reading code, and for a
Markdown deck the same text (its SHA-256) and pictures (their size and time, as in
`Deck.content_hash`); for a PDF the same PDF and notes file (their size and time, as in
its `content_hash`), the same notes file chosen beside it and the same pypdf. Anything
else, or any fault in the kept file, is a miss, and the deck is read as usual. Only the read
without the overflow measure is kept (`fit_deferred`: that is what the presenter reads
first); the measure still runs after slide 1 is shown.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
from pathlib import Path
from typing import Any

from hexikit.base.atomic import atomic_write_bytes
from hexikit.base.stamps import code_stamp
from hexikit.decks import conventions, imported, markdown, mdblocks, pdf, pdfpc
from hexikit.decks import deck as deck_module
from hexikit.decks.deck import Deck, Problem, Slide, SlideImage
from hexikit.decks.imported import files_stamp
from hexikit.decks.pdfpc import usable_notes_beside

log = logging.getLogger(__name__)

#: Where kept decks live in the data folder (one file per deck file and language).
KEPT_FOLDER = Path("cache") / "decks"
#: At most this many decks are kept (the least recently kept go first): ~20 kB each.
MAX_KEPT = 20
_FORMAT = 2
_MARKDOWN = "markdown"
_PDF = "pdf"


def _parser_stamp() -> str:
    modules = (markdown, mdblocks, conventions, deck_module, pdf, pdfpc, imported)
    return code_stamp([Path(module.__file__ or "") for module in modules] + _pypdf_files())


def _pypdf_files() -> list[Path]:
    """pypdf's version file, found without importing pypdf (that is the ~70 ms saved)."""
    try:
        spec = importlib.util.find_spec("pypdf")
    except (ImportError, ValueError):
        return []
    if spec is None or spec.origin is None:
        return []
    return [Path(spec.origin).with_name("_version.py")]


def _kind(deck: Deck) -> str | None:
    """What kind of kept deck `deck` can be: a Markdown deck, a PDF opened directly (its
    notes beside it), or none (a library deck, a PowerPoint file, an unreadable file)."""
    path = deck.source_path
    if path is None:
        return None
    if deck.pdf_path is None and path.suffix.lower() in markdown.MARKDOWN_SUFFIXES:
        return _MARKDOWN
    if deck.pdf_path == path and path.suffix.lower() == ".pdf" and deck.slides:
        return _PDF
    return None


def _notes_beside(deck: Deck) -> list[str | None]:
    """The notes file chosen beside a PDF deck's PDF now, and the warning about one left out."""
    assert deck.source_path is not None
    notes_file, warning = usable_notes_beside(deck.source_path, len(deck.slides))
    return [None if notes_file is None else str(notes_file), warning]


def _entry_path(data_dir: Path, deck_file: Path, language: str) -> Path:
    name = hashlib.sha256(f"{deck_file.resolve()}\0{language}".encode()).hexdigest()[:32]
    return data_dir / KEPT_FOLDER / f"{name}.json"


def keep_deck(data_dir: Path, deck: Deck, language: str) -> bool:
    """Keep a Markdown deck read under `fit_deferred`, or a PDF deck opened directly, as read
    in `language`, with the notes as the presenter shows them. Returns whether it was kept.
    Never raises (a cache is optional)."""
    path = deck.source_path
    kind = _kind(deck)
    if path is None or kind is None:
        return False
    try:
        notes_html = {
            paragraph: mdblocks.inline_html(paragraph)
            for slide in deck.slides
            for paragraph in mdblocks.notes_paragraphs(slide.notes)
        }
        entry = {
            "format": _FORMAT,
            "kind": kind,
            "parser": _parser_stamp(),
            "file": str(path.resolve()),
            "language": language,
            "deck": _deck_json(deck),
            "notes_html": notes_html,
            # Which notes file beside the PDF was read, and why another one was not.
            "notes_beside": _notes_beside(deck) if kind == _PDF else None,
        }
        target = _entry_path(data_dir, path, language)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        entries = sorted(target.parent.glob("*.json"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-MAX_KEPT]:
            old.unlink(missing_ok=True)
    except (OSError, ValueError) as exc:
        log.info("could not keep the deck %s: %s", path, exc)
        return False
    return True


def kept_deck(data_dir: Path, deck_file: Path, language: str) -> Deck | None:
    """The deck kept for `deck_file` in `language` if reading the file now would give the
    same deck, else None. Never raises."""
    try:
        entry = json.loads(_entry_path(data_dir, deck_file, language).read_bytes())
        if (
            entry.get("format") != _FORMAT
            or entry.get("language") != language
            or entry.get("file") != str(deck_file.resolve())
            or entry.get("parser") != _parser_stamp()
        ):
            return None
        found = _deck_from_json(entry["deck"])
        if entry.get("kind") != _kind(found) or not _reads_as(found, deck_file, entry):
            return None
        notes_html = entry.get("notes_html", {})
        if not isinstance(notes_html, dict):
            return None
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        log.info("the kept deck for %s is unusable: %s", deck_file, exc)
        return None
    mdblocks.remember_inline_html({str(text): str(made) for text, made in notes_html.items()})
    return found


def _reads_as(found: Deck, deck_file: Path, entry: dict[str, Any]) -> bool:
    """Whether reading `deck_file` now would give the kept deck `found`."""
    if entry["kind"] == _MARKDOWN:
        if deck_file.stat().st_size > markdown.MAX_DECK_BYTES:
            return False
        raw = deck_file.read_bytes()
        return markdown.markdown_content_hash(raw, found.stamped_files) == found.content_hash
    # A PDF: the same notes file chosen (one added, removed or rewritten beside it changes
    # the choice), then the PDF's and that file's stamps, as `load_pdf_deck` makes them.
    assert found.source_path is not None
    if found.source_path.resolve() != deck_file.resolve():
        return False
    notes_beside = _notes_beside(found)
    if notes_beside != entry["notes_beside"]:
        return False
    notes = [Path(notes_beside[0])] if notes_beside[0] is not None else []
    return files_stamp(found.source_path, *notes) == found.content_hash


def _path(value: str | None) -> Path | None:
    return None if value is None else Path(value)


def _deck_json(deck: Deck) -> dict[str, Any]:
    return {
        "title": deck.title,
        "language": deck.language,
        "target_minutes": deck.target_minutes,
        "slides": [
            {
                "number": slide.number,
                "title": slide.title,
                "body": slide.body,
                "notes": slide.notes,
                "images": [
                    [image.alt, None if image.path is None else str(image.path), image.line]
                    for image in slide.images
                ],
                "layout": slide.layout,
                "target_seconds": slide.target_seconds,
                "line": slide.line,
                "pdf_page": slide.pdf_page,
                "body_lines": list(slide.body_lines),
                "shown_text": slide.shown_text,
            }
            for slide in deck.slides
        ],
        "problems": [[p.line, p.message, p.severity] for p in deck.problems],
        "source_path": None if deck.source_path is None else str(deck.source_path),
        "pdf_path": None if deck.pdf_path is None else str(deck.pdf_path),
        "content_hash": deck.content_hash,
        "stamped_files": [[written, str(path)] for written, path in deck.stamped_files],
    }


def _deck_from_json(data: dict[str, Any]) -> Deck:
    target = data["target_minutes"]
    return Deck(
        title=str(data["title"]),
        language=str(data["language"]),
        target_minutes=None if target is None else float(target),
        slides=[
            Slide(
                number=int(s["number"]),
                title=str(s["title"]),
                body=str(s["body"]),
                notes=str(s["notes"]),
                images=tuple(
                    SlideImage(str(alt), _path(path), int(line)) for alt, path, line in s["images"]
                ),
                layout=str(s["layout"]),
                target_seconds=None if s["target_seconds"] is None else float(s["target_seconds"]),
                line=int(s["line"]),
                pdf_page=None if s["pdf_page"] is None else int(s["pdf_page"]),
                body_lines=tuple(int(n) for n in s["body_lines"]),
                shown_text=str(s["shown_text"]),
            )
            for s in data["slides"]
        ],
        problems=[Problem(int(line), str(text), str(sev)) for line, text, sev in data["problems"]],
        source_path=_path(data["source_path"]),
        pdf_path=_path(data["pdf_path"]),
        content_hash=str(data["content_hash"]),
        stamped_files=tuple((str(w), Path(p)) for w, p in data["stamped_files"]),
    )
