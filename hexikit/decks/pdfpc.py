"""Speaker notes kept beside a PDF: pdfpc files (read and written) and Markdown notes files.

A pdfpc file (`talk.pdfpc`, format 2 JSON, or the older `[notes] ### N` text) is what the
pdfpc presenter reads, so a deck's notes open there too; the deck library keeps every imported
deck's notes in one. A Markdown notes file (`talk.notes.md`, or `talk.md`) holds blocks
separated by lines `---`: the notes of page 1, 2, 3...
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hexikit.base.atomic import atomic_write_text
from hexikit.base.i18n import _
from hexikit.decks.deck import DeckError
from hexikit.decks.imported import clean_text

_SEPARATOR = re.compile(r"^\s*---+\s*$")
_LEGACY_PDFPC_PAGE = re.compile(r"^###\s*(\d+)\s*$")


def user_slides(page_count: int, labels: Sequence[str] | None = None) -> list[list[int]]:
    """Pages grouped into pdfpc's user slides: consecutive pages with the same page label
    (a slide and its overlays) are one user slide. Without labels every page is its own."""
    groups: list[list[int]] = []
    previous: str | None = None
    for index in range(page_count):
        label = labels[index] if labels is not None and index < len(labels) else str(index + 1)
        if not groups or label != previous:
            groups.append([])
        groups[-1].append(index)
        previous = label
    return groups


def parse_pdfpc(text: str, page_count: int, labels: Sequence[str] | None = None) -> list[str]:
    """Notes per page from a pdfpc file (format 2 JSON, or the older `[notes] ### N` text).

    Pages of one logical slide (same label, overlays) share the notes of the first that has
    some, as pdfpc shows them. In the older format `### N` is user slide N (by page label),
    so its note belongs to every overlay page of that slide.
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
        entry_labels: list[str | None] = [None] * page_count
        for entry in pages:
            if not isinstance(entry, dict):
                continue
            index = entry.get("idx")
            if not isinstance(index, int) or not 0 <= index < page_count:
                continue
            label = entry.get("label")
            entry_labels[index] = None if label is None else str(label)
            note = entry.get("note")
            if isinstance(note, str) and note.strip():
                notes[index] = clean_text(note)
                if entry_labels[index] is not None:
                    label_notes.setdefault(str(entry_labels[index]), notes[index])
        for index, label in enumerate(entry_labels):
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
    slides = user_slides(page_count, labels)
    for index, lines in collected.items():
        if 0 <= index < len(slides):
            for page in slides[index]:
                notes[page] = clean_text("\n".join(lines))
    return notes


def _legacy_sections(text: str) -> dict[str, str]:
    """The `[section]` values of an older-format pdfpc file (section name -> its text)."""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]") and not stripped.startswith("[["):
            current = stripped[1:-1].strip().lower()
            sections.setdefault(current, [])
        elif current is not None:
            sections[current].append(line)
    return {name: "\n".join(lines).strip() for name, lines in sections.items()}


def pdfpc_duration(path: Path) -> float | None:
    """The talk's length in minutes from a pdfpc file (`duration`), or None."""
    if path.suffix.lower() != ".pdfpc":
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, ValueError):
        return None
    try:
        data = json.loads(text)
    except ValueError:
        # The older format: a "[duration]" section holding the minutes.
        legacy = _legacy_sections(text).get("duration", "")
        data = {"duration": int(legacy)} if legacy.isdigit() else None
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
    notes = [clean_text("\n".join(block)) for block in blocks]
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


def read_notes_file(path: Path, page_count: int, labels: Sequence[str] | None = None) -> list[str]:
    """Per-page notes from a pdfpc or Markdown notes file (raises OSError when unreadable)."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig", errors="replace")
    if path.suffix.lower() == ".pdfpc":
        return parse_pdfpc(text, page_count, labels)
    return parse_markdown_notes(text, page_count)


def not_notes_reason(path: Path, page_count: int) -> str | None:
    """Why a `<stem>.md` beside a PDF is not that PDF's notes file, or None when it is one.

    Only a Markdown file of notes blocks separated by `---` lines, no more blocks than pages
    and no front matter or headings (that is a deck, or some other document), counts; a
    `.pdfpc` or `<stem>.notes.md` is taken at its name.
    """
    if path.suffix.lower() == ".pdfpc" or path.name.lower().endswith(".notes.md"):
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return None  # reading it again reports the error
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    separators = sum(1 for line in lines if _SEPARATOR.match(line))
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.startswith("---") or any(line.startswith("#") for line in lines):
        return _("it looks like a slide deck or a document, not notes")
    if page_count > 1 and separators == 0:
        return _("it has no --- lines between the notes of each page")
    if separators + 1 > page_count + 1:
        return _("it has more blocks of notes than the PDF has pages")
    return None


def _legacy_with_notes(text: str, notes: Sequence[str], labels: Sequence[str] | None) -> str | None:
    """An older-format pdfpc file with new notes (`### N` per user slide), every other section
    (`[duration]`, `[end_user_slide]`, `[notes_position]`...) kept as it was; None when `text`
    is not one."""
    if "[notes]" not in text.lower() and not _legacy_sections(text):
        return None
    kept: list[str] = []
    skipping = False
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if stripped.startswith("[") and stripped.endswith("]") and not stripped.startswith("[["):
            skipping = stripped.lower() == "[notes]"
        if not skipping:
            kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    written = ["[notes]"]
    for number, pages in enumerate(user_slides(len(notes), labels), start=1):
        note = next((notes[page] for page in pages if notes[page].strip()), "")
        if note.strip():
            written += [f"### {number}", note.strip()]
    return "\n".join([*kept, *written]) + "\n"


def _updated_pdfpc(path: Path, notes: Sequence[str], labels: Sequence[str] | None = None) -> str:
    """The pdfpc file with new notes, keeping its other settings (duration, overlays...)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, ValueError):
        text = ""
    try:
        data = json.loads(text)
    except ValueError:
        legacy = _legacy_with_notes(text, notes, labels)
        if legacy is not None:
            return legacy
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


def write_notes_file(
    deck_file: Path, notes: Sequence[str], labels: Sequence[str] | None = None
) -> None:
    """Save a PDF-backed deck's notes, one per slide, where it keeps them.

    `deck_file` is the deck's source: a `.pdfpc` (a library deck's notes) is rewritten; for a
    PDF opened directly, its notes file beside it (created as `<name>.pdfpc` when there is
    none). A pdfpc file keeps its other settings. Raises DeckError with a plain message.
    """
    suffix = deck_file.suffix.lower()
    if suffix == ".pdfpc":
        target = deck_file
    elif suffix == ".pdf":
        # Never over a Markdown file that is not this PDF's notes (a deck, a README...).
        usable, _warning = usable_notes_beside(deck_file, len(notes))
        target = usable or deck_file.with_suffix(".pdfpc")
    else:
        raise DeckError(
            _("Notes of {name} cannot be saved: import the deck first.").format(name=deck_file.name)
        )
    try:
        if target.suffix.lower() == ".pdfpc":
            atomic_write_text(target, _updated_pdfpc(target, notes, labels))
        else:
            atomic_write_text(target, markdown_notes_text(notes))
    except OSError as exc:
        raise DeckError(
            _(
                "The notes could not be saved ({error}); what you typed is still here. Check "
                "that the folder {folder} can be written to."
            ).format(error=exc.strerror or exc, folder=target.parent)
        ) from exc


def usable_notes_beside(pdf: Path, page_count: int) -> tuple[Path | None, str | None]:
    """The notes file beside `pdf` when it is one for that PDF, and a warning when a file that
    is not one was left out."""
    notes_file = notes_file_beside(pdf)
    if notes_file is None:
        return None, None
    reason = not_notes_reason(notes_file, page_count)
    if reason is None:
        return notes_file, None
    return None, _(
        "{name} beside the PDF was not used as its notes: {reason}. To use it, name it "
        "{stem}.notes.md with the notes of each page separated by --- lines."
    ).format(name=notes_file.name, reason=reason, stem=pdf.stem)
