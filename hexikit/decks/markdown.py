"""Markdown decks: one Markdown file (plus its pictures) in a folder, parsed without Qt.

The format (see docs/deck-format.md)::

    ---
    title: Run a Hexithon
    language: en
    target_minutes: 5
    ---
    # The first slide's title
    Notes:
    What the speaker says.
    ---
    ## The second slide
    - a bullet
    ![a picture](picture.svg)
    Notes:
    ...

Parsing never raises on bad input: whatever can be shown is shown, and every problem is listed
with its line number in `Deck.problems`. `save_notes` writes one slide's notes back into the
file, keeping the rest of it as it was.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from hexikit.base.atomic import atomic_write_bytes
from hexikit.base.i18n import _
from hexikit.decks.deck import (
    ERROR,
    LAYOUTS,
    MARKDOWN_IMAGE,
    Deck,
    DeckError,
    Problem,
    Slide,
    SlideImage,
    error_deck,
)

#: The file names a Markdown deck may have (their notes are saved into the file itself).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt")
#: Pictures a slide may show.
IMAGE_SUFFIXES = (".png", ".svg", ".jpg", ".jpeg")
#: A slide with more body words than this is unlikely to fit at a readable size.
MAX_BODY_WORDS = 90
#: Files larger than this are refused (a deck is text; 20 MB is far past any real deck).
MAX_DECK_BYTES = 20 * 1024 * 1024
#: At most this many problems of one kind are listed; the rest are summarised.
MAX_PROBLEMS_PER_KIND = 20

_SEPARATOR = re.compile(r"^\s*---+\s*$")
_NOTES = re.compile(r"^\s*notes\s*:\s*(.*)$", re.IGNORECASE)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_DIRECTIVE = re.compile(r"^\s*<!--\s*([a-zA-Z_]+)\s*:\s*(.*?)\s*-->\s*$")
_FRONT_KEY = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_ -]*)\s*:\s*(.*?)\s*$")


def load_markdown_deck(path: Path) -> Deck:
    """Read the Markdown deck file at `path`. Never raises on bad input."""
    try:
        size = path.stat().st_size
        if size > MAX_DECK_BYTES:
            return error_deck(
                path,
                _("The deck file is {mb:.0f} MB, too large to be a deck (at most 20 MB).").format(
                    mb=size / 1e6
                ),
                hash_seed="missing",
            )
        raw = path.read_bytes()
    except OSError as exc:
        return error_deck(
            path,
            _("The deck could not be read: {error}").format(error=exc.strerror or exc),
            hash_seed="missing",
        )
    return parse_deck(raw, path)


def _decode(raw: bytes, problems: list[Problem]) -> str:
    """UTF-8 (with or without BOM); lines that are not UTF-8 are read as Windows-1252."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = raw.split(b"\n")
    decoded: list[str] = []
    bad: list[int] = []
    for number, line in enumerate(lines, start=1):
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(line.decode("cp1252", errors="replace"))
            bad.append(number)
    for number in bad[:MAX_PROBLEMS_PER_KIND]:
        problems.append(
            Problem(
                number,
                _(
                    "This line is not UTF-8 text; it was read as Windows-1252. Save the deck as UTF-8."
                ),
            )
        )
    if len(bad) > MAX_PROBLEMS_PER_KIND:
        problems.append(
            Problem(
                bad[MAX_PROBLEMS_PER_KIND],
                _("{count} more lines are not UTF-8.").format(
                    count=len(bad) - MAX_PROBLEMS_PER_KIND
                ),
            )
        )
    return "\n".join(decoded)


def _split_lines(text: str) -> list[str]:
    # Windows (\r\n) and old Mac (\r) line endings read the same as \n.
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _front_matter(lines: list[str]) -> tuple[dict[str, tuple[str, int]], int]:
    """Front matter between a first `---` line and the next one, made only of `key: value`
    lines. Returns the keys (value, line) and the index of the first line after it."""
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start >= len(lines) or not _SEPARATOR.match(lines[start]):
        return {}, 0
    values: dict[str, tuple[str, int]] = {}
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if _SEPARATOR.match(line):
            return values, index + 1
        if not line.strip() or line.lstrip().startswith("#!"):
            continue
        match = _FRONT_KEY.match(line)
        if match is None or line.lstrip().startswith(("#", "-", "*", "!", ">")):
            # Not front matter: the first `---` was just an empty first slide separator.
            return {}, 0
        values[match.group(1).strip().lower().replace(" ", "_").replace("-", "_")] = (
            match.group(2).strip().strip("\"'"),
            index + 1,
        )
    return {}, 0


def _parse_seconds(value: str) -> float | None:
    """`40`, `40s`, `1m`, `1:30`, `1m30s` -> seconds; None when unreadable."""
    text = value.strip().lower()
    match = re.fullmatch(r"(\d+):(\d{1,2})", text)
    if match:
        return int(match.group(1)) * 60.0 + int(match.group(2))
    match = re.fullmatch(r"(?:(\d+(?:\.\d+)?)\s*m(?:in)?)?\s*(?:(\d+(?:\.\d+)?)\s*s(?:ec)?)?", text)
    if match and (match.group(1) or match.group(2)):
        return float(match.group(1) or 0) * 60.0 + float(match.group(2) or 0)
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number >= 0 else None


def _image_problem(path: Path) -> str | None:
    """Why this picture cannot be shown, or None if it looks fine (cheap header checks)."""
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        return _("Pictures must be PNG, JPEG or SVG; {name} is not.").format(name=path.name)
    try:
        with path.open("rb") as handle:
            head = handle.read(512)
    except OSError:
        return _("The picture {name} could not be read.").format(name=path.name)
    if suffix == ".png" and not head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _("The picture {name} is not a valid PNG file.").format(name=path.name)
    if suffix in (".jpg", ".jpeg") and not head.startswith(b"\xff\xd8"):
        return _("The picture {name} is not a valid JPEG file.").format(name=path.name)
    if suffix == ".svg" and b"<svg" not in head.lower() and b"<?xml" not in head.lower():
        return _("The picture {name} is not a valid SVG file.").format(name=path.name)
    return None


def _file_stamp(path: Path) -> bytes:
    try:
        stat = path.stat()
    except OSError:
        return b"missing"
    return f"{stat.st_size}:{stat.st_mtime_ns}".encode()


def parse_deck(raw: bytes | str, source_path: Path | None = None) -> Deck:
    """Parse deck text (bytes are decoded as UTF-8, falling back per line). Never raises."""
    problems: list[Problem] = []
    text = raw if isinstance(raw, str) else _decode(raw, problems)
    raw_bytes = raw.encode("utf-8") if isinstance(raw, str) else raw
    lines = _split_lines(text)
    base_dir = source_path.parent if source_path is not None else None
    default_title = source_path.parent.name if source_path is not None else _("Untitled deck")
    if source_path is not None and source_path.name != "deck.md":
        default_title = source_path.stem

    front, first_line = _front_matter(lines)
    deck = Deck(title=default_title, source_path=source_path)
    for key, (value, line_no) in front.items():
        if key == "title":
            deck.title = value or deck.title
        elif key in ("language", "lang"):
            deck.language = value or "en"
        elif key in ("target_minutes", "minutes", "target"):
            seconds = _parse_seconds(value if not value.replace(".", "").isdigit() else f"{value}m")
            if seconds is None:
                problems.append(
                    Problem(
                        line_no,
                        _(
                            "target_minutes must be a number of minutes, like 5; got {value!r}."
                        ).format(value=value),
                    )
                )
            else:
                deck.target_minutes = seconds / 60.0
        else:
            problems.append(
                Problem(line_no, _("Unknown front matter key {key!r} was ignored.").format(key=key))
            )

    # Split into chunks of (first line number, lines).
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    current_start = first_line + 1
    saw_separator = False
    for index in range(first_line, len(lines)):
        line = lines[index]
        if _SEPARATOR.match(line):
            saw_separator = True
            chunks.append((current_start, current))
            current = []
            current_start = index + 2
        else:
            current.append(line)
    chunks.append((current_start, current))
    chunks = [(start, body) for start, body in chunks if any(part.strip() for part in body)]

    missing_notes: list[int] = []
    image_problems = 0
    stamps: list[bytes] = []
    for start, chunk in chunks:
        number = len(deck.slides) + 1
        title = ""
        layout = ""
        target: float | None = None
        body_lines: list[str] = []
        notes_lines: list[str] = []
        in_notes = False
        images: list[SlideImage] = []
        for offset, line in enumerate(chunk):
            line_number = start + offset
            if not in_notes:
                notes_match = _NOTES.match(line)
                if notes_match:
                    in_notes = True
                    if notes_match.group(1).strip():
                        notes_lines.append(notes_match.group(1))
                    continue
                directive = _DIRECTIVE.match(line)
                if directive:
                    name, value = directive.group(1).lower(), directive.group(2)
                    if name == "layout":
                        if value.lower() in LAYOUTS:
                            layout = value.lower()
                        else:
                            problems.append(
                                Problem(
                                    line_number,
                                    _(
                                        "Unknown layout {value!r}; use title, content or image."
                                    ).format(value=value),
                                )
                            )
                    elif name in ("seconds", "time", "target"):
                        target = _parse_seconds(value)
                        if target is None:
                            problems.append(
                                Problem(
                                    line_number,
                                    _(
                                        "The slide time {value!r} is not a duration like 40s or 1:30."
                                    ).format(value=value),
                                )
                            )
                    else:
                        problems.append(
                            Problem(
                                line_number,
                                _("Unknown slide setting {name!r} was ignored.").format(name=name),
                            )
                        )
                    continue
                heading = _HEADING.match(line)
                if heading and not title and len(heading.group(1)) <= 2:
                    title = heading.group(2).strip()
                    if len(heading.group(1)) == 1 and not layout and number == 1:
                        layout = "title"
                    continue
                for image_match in MARKDOWN_IMAGE.finditer(line):
                    alt, target_text = image_match.group(1), image_match.group(2).strip()
                    resolved: Path | None = None
                    reason: str | None = None
                    if not target_text:
                        reason = _("The picture has no file name.")
                    elif re.match(r"^[a-z]+://", target_text, re.IGNORECASE):
                        reason = _("Pictures must be files beside the deck, not web addresses.")
                    else:
                        candidate = Path(target_text)
                        if not candidate.is_absolute() and base_dir is not None:
                            candidate = base_dir / candidate
                        if not candidate.is_file():
                            reason = _("The picture {name} is missing.").format(name=target_text)
                        else:
                            reason = _image_problem(candidate)
                            if reason is None:
                                resolved = candidate
                        stamps.append(target_text.encode() + _file_stamp(candidate))
                    if reason is not None:
                        image_problems += 1
                        if image_problems <= MAX_PROBLEMS_PER_KIND:
                            problems.append(Problem(line_number, reason, ERROR))
                    images.append(SlideImage(alt, resolved, line_number))
                body_lines.append(line)
            else:
                notes_lines.append(line)
        body = "\n".join(body_lines).strip("\n")
        notes = "\n".join(notes_lines).strip()
        if not layout:
            text_only = MARKDOWN_IMAGE.sub("", body).strip()
            layout = "image" if images and not text_only else "content"
        slide = Slide(
            number=number,
            title=title,
            body=body,
            notes=notes,
            images=tuple(images),
            layout=layout,
            target_seconds=target,
            line=start,
        )
        if not notes:
            missing_notes.append(start)
        if slide.body_words > MAX_BODY_WORDS:
            problems.append(
                Problem(
                    start,
                    _(
                        "Slide {number} has {words} words of text; it may not fit at a readable "
                        "size. Move some of it to the notes."
                    ).format(number=number, words=slide.body_words),
                )
            )
        deck.slides.append(slide)

    if image_problems > MAX_PROBLEMS_PER_KIND:
        problems.append(
            Problem(
                0,
                _("{count} more pictures cannot be shown.").format(
                    count=image_problems - MAX_PROBLEMS_PER_KIND
                ),
                ERROR,
            )
        )
    for start in missing_notes[:MAX_PROBLEMS_PER_KIND]:
        problems.append(Problem(start, _("This slide has no speaker notes (add a line Notes:).")))
    if len(missing_notes) > MAX_PROBLEMS_PER_KIND:
        problems.append(
            Problem(
                0,
                _("{count} more slides have no speaker notes.").format(
                    count=len(missing_notes) - MAX_PROBLEMS_PER_KIND
                ),
            )
        )
    if not deck.slides:
        problems.append(
            Problem(
                0,
                _("The deck has no slides. Write each slide's text, separated by lines ---."),
                ERROR,
            )
        )
    elif not saw_separator and len(lines) > 1:
        problems.append(
            Problem(
                0,
                _("The deck has only one slide: separate slides with a line that is just ---."),
            )
        )
    problems.sort(key=lambda p: (p.line == 0, p.line))
    deck.problems = problems
    digest = hashlib.sha256(raw_bytes)
    for stamp in stamps:
        digest.update(b"\0" + stamp)
    deck.content_hash = digest.hexdigest()
    return deck


def _notes_span(chunk: list[str]) -> tuple[int, int] | None:
    """(first notes line index, end index) within a slide chunk, or None."""
    for index, line in enumerate(chunk):
        if _NOTES.match(line):
            return index, len(chunk)
    return None


def save_notes(deck: Deck, slide_number: int, text: str) -> Deck:
    """Replace the notes of one slide in the deck's Markdown file; returns the reloaded deck.

    Raises DeckError when the deck is not a Markdown file or the slide does not exist.
    """
    path = deck.source_path
    if path is None or path.suffix.lower() not in MARKDOWN_SUFFIXES:
        raise DeckError(_("Notes can only be saved into a Markdown deck."))
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DeckError(_("The deck could not be read: {error}").format(error=exc)) from exc
    newline = "\r\n" if b"\r\n" in raw else "\n"
    lines = _split_lines(_decode(raw, []))
    _front, first_line = _front_matter(lines)
    # Slide chunks with their [start, end) line indexes, skipping empty chunks as parse does.
    spans: list[tuple[int, int]] = []
    start = first_line
    for index in range(first_line, len(lines) + 1):
        if index == len(lines) or _SEPARATOR.match(lines[index]):
            if any(line.strip() for line in lines[start:index]):
                spans.append((start, index))
            start = index + 1
    if not 1 <= slide_number <= len(spans):
        raise DeckError(_("The deck has no slide {number}.").format(number=slide_number))
    begin, end = spans[slide_number - 1]
    chunk = lines[begin:end]
    # Keep the blank lines that end the slide so the separator keeps its spacing.
    trailing = 0
    while trailing < len(chunk) and not chunk[len(chunk) - 1 - trailing].strip():
        trailing += 1
    content = chunk[: len(chunk) - trailing] if trailing else chunk
    span = _notes_span(content)
    kept = content if span is None else content[: span[0]]
    while kept and not kept[-1].strip():
        kept.pop()
    new_notes = [line.rstrip() for line in _split_lines(text.strip())] if text.strip() else []
    replacement = [*kept, "", "Notes:", *new_notes] if new_notes else list(kept)
    replacement += [""] * max(trailing, 1 if end < len(lines) else 0)
    lines[begin:end] = replacement
    atomic_write_bytes(path, newline.join(lines).encode("utf-8"))
    return load_markdown_deck(path)
