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
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from hexikit.base.atomic import atomic_write_bytes
from hexikit.base.i18n import _
from hexikit.base.stamps import file_stamp
from hexikit.decks import conventions
from hexikit.decks.deck import (
    ERROR,
    LAYOUTS,
    Deck,
    DeckError,
    Problem,
    Slide,
    SlideImage,
    error_deck,
)
from hexikit.decks.mdblocks import has_text, pictures_in
from hexikit.decks.mdblocks import inline_text as inline_plain

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
_NOTES = re.compile(r"^\s*notes?\s*:\s*(.*)$", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
#: Front-matter keys of other tools that have no Hexikit meaning (one warning each).
_OTHER_TOOLS_KEYS = {"theme", "class", "paginate", "author", "description", "date", "layout"}
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
        if values and (line[:1] in (" ", "\t") or line.lstrip().startswith("- ")):
            continue  # a nested YAML value (Slidev's fonts:, reveal-md's revealOptions:)
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


#: Whether parse_deck measures each slide for text the layout cuts off (reportlab: ~0.6 s on a
#: first read). The presenter defers it (`fit_deferred`) so slide 1 is not kept waiting, and
#: measures afterwards with `fit_problems`.
_MEASURE_FIT: ContextVar[bool] = ContextVar("measure_fit", default=True)


@contextmanager
def fit_deferred() -> Iterator[None]:
    """Within this block (on this thread), decks are read without the overflow measure."""
    token = _MEASURE_FIT.set(False)
    try:
        yield
    finally:
        _MEASURE_FIT.reset(token)


def fit_problems(deck: Deck) -> list[Problem]:
    """The overflow warnings `parse_deck` leaves out under `fit_deferred`. Never raises."""
    from hexikit.decks.fit import overflow_problems  # reportlab: only when measuring

    return [problem for slide in deck.slides for problem in overflow_problems(slide)]


def parse_deck(raw: bytes | str, source_path: Path | None = None) -> Deck:
    """Parse deck text (bytes are decoded as UTF-8, falling back per line). Never raises."""
    measure = _MEASURE_FIT.get()
    if measure:
        from hexikit.decks.fit import overflow_problems  # reportlab: only once a deck is read

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
    flavour_of_front = conventions.detect(front, [])
    findings = conventions.Findings()
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
        elif flavour_of_front != conventions.HEXIKIT or key in _OTHER_TOOLS_KEYS:
            if key != "marp":
                conventions.ignore(findings, flavour_of_front, key, line_no)
        else:
            problems.append(
                Problem(line_no, _("Unknown front matter key {key!r} was ignored.").format(key=key))
            )

    flavour = conventions.detect(front, lines)
    if flavour == conventions.DECKSET:
        after = conventions.deckset_settings(lines, first_line)
        if after > first_line:
            conventions.ignore(findings, flavour, _("global settings"), first_line + 1)
            first_line = after
    chunks, saw_separator = conventions.split_slides(lines, first_line)
    if flavour == conventions.SLIDEV:
        chunks = _slidev_settings(chunks, front)

    missing_notes: list[int] = []
    image_problems = 0
    stamped: list[tuple[str, Path]] = []
    for start, chunk in chunks:
        if not any(part.strip() for part in chunk):
            continue
        cleaned = conventions.clean_slide(chunk, start, flavour, findings)
        if cleaned.skip:
            continue
        number = len(deck.slides) + 1
        title = ""
        layout = ""
        target: float | None = None
        for name, value, line_number in cleaned.settings:
            if name == "layout" and flavour == conventions.SLIDEV:
                if value.lower() in conventions.SLIDEV_TITLE_LAYOUTS:
                    layout = "title"
                elif value.lower() not in ("default", "center"):
                    conventions.ignore(findings, flavour, f"layout: {value}", line_number)
            elif name == "layout":
                if value.lower() in LAYOUTS:
                    layout = value.lower()
                else:
                    problems.append(
                        Problem(
                            line_number,
                            _("Unknown layout {value!r}; use title, content or image.").format(
                                value=value
                            ),
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
            elif flavour != conventions.HEXIKIT:
                conventions.ignore(findings, flavour, name, line_number)
            else:
                problems.append(
                    Problem(
                        line_number,
                        _("Unknown slide setting {name!r} was ignored.").format(name=name),
                    )
                )
        body_lines: list[str] = []
        line_numbers: list[int] = []
        fence: str | None = None
        for line_number, line in cleaned.lines:
            if fence is None:
                opened = _FENCE.match(line)
                if opened:
                    fence = opened.group(1)
                heading = _HEADING.match(line) if not opened else None
                if heading and not title and len(heading.group(1)) <= 2:
                    title = inline_plain(heading.group(2).strip())
                    if len(heading.group(1)) == 1 and not layout and number == 1:
                        layout = "title"
                    continue
            elif line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            body_lines.append(line)
            line_numbers.append(line_number)
        while body_lines and not body_lines[0].strip():
            body_lines.pop(0)
            line_numbers.pop(0)
        while body_lines and not body_lines[-1].strip():
            body_lines.pop()
            line_numbers.pop()
        body = "\n".join(body_lines)
        images: list[SlideImage] = []
        for picture in pictures_in(body):
            line_number = line_numbers[min(picture.line, len(line_numbers)) - 1]
            target_text = picture.src.strip()
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
                try:
                    is_file = candidate.is_file()
                except (OSError, ValueError):
                    is_file = False
                if not is_file:
                    reason = _("The picture {name} is missing.").format(name=target_text)
                else:
                    reason = _image_problem(candidate)
                    if reason is None:
                        resolved = candidate
                stamped.append((target_text, candidate))
            if reason is not None:
                image_problems += 1
                if image_problems <= MAX_PROBLEMS_PER_KIND:
                    problems.append(Problem(line_number, reason, ERROR))
            images.append(SlideImage(picture.alt, resolved, line_number))
        notes = "\n".join(cleaned.notes).strip()
        if not layout:
            layout = "image" if images and not has_text(body) else "content"
        slide = Slide(
            number=number,
            title=title,
            body=body,
            notes=notes,
            images=tuple(images),
            layout=layout,
            target_seconds=target,
            line=start,
            body_lines=tuple(line_numbers),
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
        if measure:
            problems.extend(overflow_problems(slide))

    problems.extend(findings.problems(MAX_PROBLEMS_PER_KIND))
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
    deck.stamped_files = tuple(stamped)
    deck.content_hash = markdown_content_hash(raw_bytes, deck.stamped_files)
    return deck


def markdown_content_hash(raw: bytes, stamped_files: tuple[tuple[str, Path], ...]) -> str:
    """A Markdown deck's content hash: its text and the size and time of each picture it
    names (`Deck.stamped_files`), so it changes whenever the text or any picture changes."""
    digest = hashlib.sha256(raw)
    for written, path in stamped_files:
        digest.update(b"\0" + written.encode() + file_stamp(path).encode())
    return digest.hexdigest()


def _slidev_settings(
    chunks: list[tuple[int, list[str]]], front: dict[str, tuple[str, int]]
) -> list[tuple[int, list[str]]]:
    """Slidev: a chunk of `key: value` lines between two `---` is the next slide's front
    matter; it is put at the top of that slide as settings comments. The deck's own front
    matter's `layout` is the first slide's."""
    merged: list[tuple[int, list[str]]] = []
    pending: list[str] = []
    pending_start = 0
    first_layout = front.get("layout")
    first_settings: list[str] = []
    if first_layout is not None:
        first_settings = [f"<!-- {conventions.SLIDEV_MARK}layout: {first_layout[0]} -->"]
    for index, (start, chunk) in enumerate(chunks):
        if index + 1 < len(chunks) and index > 0 and conventions.is_settings_chunk(chunk):
            # Line for line (and one for the `---`), so line numbers stay right.
            pending = [
                f"<!-- {conventions.SLIDEV_MARK}{line.strip()} -->" if line.strip() else ""
                for line in chunk
            ] + [""]
            pending_start = start
            continue
        if pending and any(line.strip() for line in chunk):
            merged.append((pending_start, [*pending, *chunk]))
            pending = []
            continue
        merged.append((start, chunk))
    if first_settings and merged:
        start, chunk = merged[0]
        merged[0] = (start, [first_settings[0] + (chunk[0] if chunk else ""), *chunk[1:]])
    return merged


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
    chunks, _seen = conventions.split_slides(lines, first_line)
    spans = [
        (start - 1, start - 1 + len(chunk))
        for start, chunk in chunks
        if any(line.strip() for line in chunk)
    ]
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
