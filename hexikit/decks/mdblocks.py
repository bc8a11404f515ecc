"""A slide's Markdown body as blocks of text, parsed once by markdown-it-py (CommonMark).

Both renderers (the Qt projector and the reportlab handout) draw these blocks, so a slide
reads the same on the screen and on paper. Inline text is turned into a tiny HTML subset that
Qt's QTextDocument and reportlab's Paragraph both understand: `<b>`, `<i>`, `<br/>` and
`<font face="monospace">` for code, built run by run from markdown-it's tokens, so tags are
always well nested and everything else is escaped. Raw HTML is never drawn: tags are dropped
(their text kept), comments never get here (`hexikit.decks.markdown` takes them out first).
Nothing here raises on any input.
"""

from __future__ import annotations

import html
import re
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: The face name code is drawn in: Qt and reportlab both know a font by this name.
MONO_FACE = "monospace"

_local = threading.local()
_TAG = re.compile(r"<[^>]*>")
_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)


def _parser() -> MarkdownIt:
    """One parser per thread (slides are rendered on worker threads)."""
    parser: MarkdownIt | None = getattr(_local, "parser", None)
    if parser is None:
        from markdown_it import MarkdownIt  # imported once a slide is read, not at start-up

        parser = MarkdownIt("commonmark", {"html": True}).enable("table")
        _local.parser = parser
    return parser


@dataclass(frozen=True)
class Picture:
    """A picture written in the body: `![alt](src)` at a source line (1-based, in the body)."""

    alt: str
    src: str
    line: int


@dataclass(frozen=True)
class Run:
    """A piece of inline text with one style."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    newline: bool = False  # a hard line break (the text is empty)


def runs_html(runs: tuple[Run, ...] | list[Run]) -> str:
    parts: list[str] = []
    for run in runs:
        if run.newline:
            parts.append("<br/>")
            continue
        text = html.escape(run.text, quote=False)
        if run.code:
            text = f'<font face="{MONO_FACE}">{text}</font>'
        if run.italic:
            text = f"<i>{text}</i>"
        if run.bold:
            text = f"<b>{text}</b>"
        parts.append(text)
    return "".join(parts).strip()


def runs_text(runs: tuple[Run, ...] | list[Run]) -> str:
    return "".join("\n" if run.newline else run.text for run in runs).strip()


def _clean(text: str) -> str:
    # Control characters (other than tab and newline) are never drawn; reportlab chokes on them.
    return "".join(ch for ch in text if ch in "\t\n" or (ch >= " " and ch != "\x7f"))


def inline_runs(children: list[Token] | None) -> tuple[list[Run], list[Picture]]:
    """Runs and pictures of one inline token's children."""
    runs: list[Run] = []
    pictures: list[Picture] = []
    bold = italic = 0
    offset = 0  # lines into the inline text
    for token in children or []:
        kind = token.type
        if kind == "text":
            if token.content:
                runs.append(Run(_clean(token.content), bold > 0, italic > 0))
        elif kind == "softbreak":
            runs.append(Run(" ", bold > 0, italic > 0))
            offset += 1
        elif kind == "hardbreak":
            runs.append(Run("", newline=True))
            offset += 1
        elif kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold = max(0, bold - 1)
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic = max(0, italic - 1)
        elif kind == "code_inline":
            runs.append(Run(_clean(token.content), bold > 0, italic > 0, code=True))
        elif kind == "image":
            src = str(token.attrGet("src") or "")
            alt = "".join(child.content for child in token.children or [])
            pictures.append(Picture(alt, src, offset))
        elif kind == "html_inline" and _BR.match(token.content.strip()):
            runs.append(Run("", newline=True))
        # links: their text comes as text tokens (the audience cannot click a projector)
    return runs, pictures


#: Inline HTML already made for a text, brought back from an earlier launch
#: (`hexikit.decks.kept`): the presenter's notes of slide 1 show without loading the parser.
_known_inline_html: dict[str, str] = {}


def remember_inline_html(made: dict[str, str]) -> None:
    """Texts whose `inline_html` is known (made by this version of this module)."""
    _known_inline_html.update(made)


def notes_paragraphs(notes: str) -> list[str]:
    """A slide's notes as the paragraphs the presenter reads, each on one line."""
    return [" ".join(part.split()) for part in notes.split("\n\n") if part.strip()]


def inline_html(text: str) -> str:
    """One line or paragraph of Markdown as the shared HTML subset (titles, notes)."""
    known = _known_inline_html.get(text)
    if known is not None:
        return known
    try:
        tokens = _parser().parseInline(text.strip())
    except Exception:  # markdown-it must not take a slide down: show the text as it is
        return html.escape(_clean(text.strip()), quote=False)
    runs: list[Run] = []
    for token in tokens:
        found, _pictures = inline_runs(token.children)
        runs.extend(found)
    return runs_html(runs)


def inline_text(text: str) -> str:
    """The text the audience sees of one line of Markdown (no markup)."""
    try:
        tokens = _parser().parseInline(text.strip())
    except Exception:
        return _clean(text.strip())
    runs: list[Run] = []
    for token in tokens:
        found, _pictures = inline_runs(token.children)
        runs.extend(found)
    return runs_text(runs)


def _strip_tags(text: str) -> str:
    return html.unescape(_TAG.sub(" ", text))


#: One item: (kind, runs, level, number, line, picture). kind is "heading", "paragraph",
#: "bullet", "number", "quote", "code" or "image"; line is 1-based within the body.
Item = tuple[str, tuple[Run, ...], int, int, int, Picture | None]


def parse_body(body: str) -> list[Item]:
    """The body's blocks in order. Never raises."""
    try:
        tokens = _parser().parse(body)
    except Exception:
        return [("paragraph", (Run(_clean(body)),), 0, 0, 1, None)] if body.strip() else []
    items: list[Item] = []
    lists: list[list[int]] = []  # per open list: [is_ordered, next number]
    item_block: list[int | None] = []  # per open list item: index of its block in items
    quote = 0
    heading = 0
    row: list[str] = []
    row_line = 0
    in_cell = False
    for token in tokens:
        kind = token.type
        line = token.map[0] + 1 if token.map else 0
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            number = int(start) if isinstance(start, int | str) and str(start).isdigit() else 1
            lists.append([1 if kind == "ordered_list_open" else 0, number])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            if lists:
                lists.pop()
        elif kind == "list_item_open":
            item_block.append(None)
        elif kind == "list_item_close":
            if item_block:
                item_block.pop()
            if lists:
                lists[-1][1] += 1
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote = max(0, quote - 1)
        elif kind == "heading_open":
            heading = int(token.tag[1:]) if token.tag[1:].isdigit() else 3
        elif kind == "heading_close":
            heading = 0
        elif kind == "tr_open":
            row, row_line = [], line
        elif kind == "tr_close":
            if any(row):
                items.append(("paragraph", (Run("  ·  ".join(row)),), 0, 0, row_line, None))
        elif kind in ("th_open", "td_open"):
            in_cell = True
        elif kind in ("th_close", "td_close"):
            in_cell = False
        elif kind == "inline":
            runs, pictures = inline_runs(token.children)
            if in_cell:
                row.append(runs_text(runs))
                continue
            text = runs_text(runs)
            if heading:
                if text:
                    items.append(("heading", tuple(runs), heading, 0, line, None))
            elif item_block:
                at = item_block[-1]
                if at is None:
                    if text or not pictures:
                        ordered, number = lists[-1] if lists else [0, 0]
                        level = max(0, len(lists) - 1)
                        items.append(
                            (
                                "number" if ordered else "bullet",
                                tuple(runs),
                                min(level, 3),
                                number if ordered else 0,
                                line,
                                None,
                            )
                        )
                        item_block[-1] = len(items) - 1
                elif text:
                    previous = items[at]
                    joined = (*previous[1], Run(" "), *runs)
                    items[at] = (previous[0], joined, previous[2], previous[3], previous[4], None)
            elif text:
                items.append(("quote" if quote else "paragraph", tuple(runs), 0, 0, line, None))
            for picture in pictures:
                items.append(
                    (
                        "image",
                        (),
                        0,
                        0,
                        line,
                        Picture(picture.alt, picture.src, (line or 1) + picture.line),
                    )
                )
        elif kind in ("fence", "code_block"):
            code = _clean(token.content.rstrip("\n"))
            items.append(("code", (Run(code, code=True),), 0, 0, line, None))
        elif kind == "html_block":
            text = " ".join(_strip_tags(token.content).split())
            if text:
                items.append(("paragraph", (Run(_clean(text)),), 0, 0, line, None))
    return items


def pictures_in(body: str) -> list[Picture]:
    """The pictures the body shows, in order (not those inside code)."""
    return [item[5] for item in parse_body(body) if item[5] is not None]


def has_text(body: str) -> bool:
    """Whether the body shows any text (not only pictures)."""
    return any(item[0] != "image" for item in parse_body(body))


def body_text(body: str) -> str:
    """The text the body shows, one block a line (for word counts)."""
    return "\n".join(runs_text(item[1]) for item in parse_body(body) if item[0] != "image")
