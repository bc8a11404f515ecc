"""The deck model: a deck, its slides, their pictures and the problems found reading it.

Decks come from Markdown (`hexikit.decks.markdown`), from PDF and PowerPoint files and from the
deck library (`hexikit.decks.pdf`, `hexikit.decks.pptx`, `hexikit.decks.library`);
`hexikit.decks.loading.load_deck` opens any of them. This module knows none of those formats
beyond the Markdown picture syntax a slide's body is written in.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from hexikit.base.i18n import _

#: Layouts a slide may have (a Markdown slide asks with `<!-- layout: NAME -->`).
LAYOUTS = ("title", "content", "image")
#: Speaking rate used for estimates (words per minute).
DEFAULT_WPM = 140

ERROR = "error"
WARNING = "warning"

#: A Markdown picture, `![alt](file "title")`: a slide's body words leave them out.
MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)>]*?)>?(?:\s+\"[^\"]*\")?\s*\)")
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)


@dataclass(frozen=True)
class Problem:
    """Something wrong with a deck, at a line of its source (0 when it is about the file)."""

    line: int
    message: str
    severity: str = WARNING

    def __str__(self) -> str:
        where = _("line {line}").format(line=self.line) if self.line else _("file")
        return f"{where}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class SlideImage:
    """A picture referenced by a slide; `path` is None when it cannot be shown."""

    alt: str
    path: Path | None
    line: int


@dataclass(frozen=True)
class Slide:
    """One slide.

    `body` is the Markdown under the title (without the title line, directives or notes);
    `line` is the first line of the slide in the source (1-based). A PDF-backed slide has
    `pdf_page` (0-based) and is drawn from the PDF instead of from `body`.
    """

    number: int
    title: str
    body: str
    notes: str
    images: tuple[SlideImage, ...] = ()
    layout: str = "content"
    target_seconds: float | None = None
    line: int = 1
    pdf_page: int | None = None
    #: The source line of each line of `body` (Markdown decks; empty otherwise).
    body_lines: tuple[int, ...] = ()
    #: The text an imported slide shows (PowerPoint text boxes); Markdown slides use `body`.
    shown_text: str = ""

    def source_line(self, body_line: int) -> int:
        """The deck file's line of `body_line` (1-based within the body), else the slide's."""
        if 1 <= body_line <= len(self.body_lines):
            return self.body_lines[body_line - 1]
        return self.line

    @property
    def notes_words(self) -> int:
        return count_words(self.notes)

    @property
    def body_words(self) -> int:
        from hexikit.decks.mdblocks import body_text

        return count_words(body_text(self.body)) if self.body else count_words(self.shown_text)


@dataclass
class Deck:
    """A parsed deck. `content_hash` changes whenever the text or any picture changes."""

    title: str
    language: str = "en"
    target_minutes: float | None = None
    slides: list[Slide] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    source_path: Path | None = None
    content_hash: str = ""
    pdf_path: Path | None = None
    #: The pictures a Markdown deck names, as written and as found: their size and time are
    #: part of `content_hash` (`hexikit.decks.markdown.markdown_content_hash`).
    stamped_files: tuple[tuple[str, Path], ...] = ()

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def target_seconds(self) -> float | None:
        return None if self.target_minutes is None else self.target_minutes * 60.0

    @property
    def notes_words(self) -> int:
        return sum(slide.notes_words for slide in self.slides)

    @property
    def base_dir(self) -> Path | None:
        return None if self.source_path is None else self.source_path.parent

    def slide(self, number: int) -> Slide | None:
        """The slide numbered `number` (1-based), or None."""
        if 1 <= number <= len(self.slides):
            return self.slides[number - 1]
        return None


class DeckError(Exception):
    """A deck operation that cannot be done (e.g. saving notes into a PDF)."""


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def speaking_seconds(words: int, wpm: int = DEFAULT_WPM) -> float:
    """How long `words` take to say at `wpm` words per minute."""
    return words * 60.0 / max(1, wpm)


def error_deck(path: Path, message: str, *, hash_seed: str) -> Deck:
    """A deck with no slides and one error: what a loader returns instead of raising.

    `hash_seed` says what went wrong ("missing", "unreadable") so that its content hash
    differs from that of a deck that later reads fine.
    """
    deck = Deck(title=path.stem or str(path), source_path=path)
    deck.problems.append(Problem(0, message, ERROR))
    deck.content_hash = hashlib.sha256(f"{hash_seed}:{path}".encode()).hexdigest()
    return deck
