"""A Markdown deck as read at the last launch, kept in the data folder, so `hexikit present`
shows slide 1 of an unchanged deck without reading it again (nor loading the Markdown
parser, ~20 ms before the first slide).

A kept deck is used only when it is certainly what reading the file would give now: the
same file, the same text (its SHA-256), the same pictures (their size and time, as in
`Deck.content_hash`), the same language (the problems are in it) and the same parser code.
Anything else, or any fault in the kept file, is a miss, and the deck is read as usual.
Only the read without the overflow measure is kept (`fit_deferred`: that is what the
presenter reads first); the measure still runs after slide 1 is shown.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from hexikit.base.atomic import atomic_write_bytes
from hexikit.base.stamps import code_stamp
from hexikit.decks import conventions, markdown, mdblocks
from hexikit.decks import deck as deck_module
from hexikit.decks.deck import Deck, Problem, Slide, SlideImage

log = logging.getLogger(__name__)

#: Where kept decks live in the data folder (one file per deck file and language).
KEPT_FOLDER = Path("cache") / "decks"
#: At most this many decks are kept (the least recently kept go first): ~20 kB each.
MAX_KEPT = 20
_FORMAT = 1


def _parser_stamp() -> str:
    modules = (markdown, mdblocks, conventions, deck_module)
    return code_stamp(Path(module.__file__ or "") for module in modules)


def _entry_path(data_dir: Path, deck_file: Path, language: str) -> Path:
    name = hashlib.sha256(f"{deck_file.resolve()}\0{language}".encode()).hexdigest()[:32]
    return data_dir / KEPT_FOLDER / f"{name}.json"


def keep_deck(data_dir: Path, deck: Deck, language: str) -> bool:
    """Keep a Markdown deck read under `fit_deferred` in `language`, with the notes as the
    presenter shows them. Returns whether it was kept. Never raises (a cache is optional)."""
    path = deck.source_path
    if (
        path is None
        or deck.pdf_path is not None
        or path.suffix.lower() not in (markdown.MARKDOWN_SUFFIXES)
    ):
        return False
    notes_html = {
        paragraph: mdblocks.inline_html(paragraph)
        for slide in deck.slides
        for paragraph in mdblocks.notes_paragraphs(slide.notes)
    }
    entry = {
        "format": _FORMAT,
        "parser": _parser_stamp(),
        "file": str(path.resolve()),
        "language": language,
        "deck": _deck_json(deck),
        "notes_html": notes_html,
    }
    try:
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
        if deck_file.stat().st_size > markdown.MAX_DECK_BYTES:
            return None
        raw = deck_file.read_bytes()
        if markdown.markdown_content_hash(raw, found.stamped_files) != found.content_hash:
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
        content_hash=str(data["content_hash"]),
        stamped_files=tuple((str(w), Path(p)) for w, p in data["stamped_files"]),
    )
