"""Other tools' Markdown decks (Marp, Slidev, reveal-md, remark, Deckset) read as their authors
meant: the splitter that knows code fences and comments, the speaker-note syntaxes, and the
directives, hints, `class:` lines and `<style>` blocks that must never reach the projector.

`hexikit.decks.markdown` calls `split_slides` for the slides and `clean_slide` for each one.
Every HTML comment is taken out of the slide here: it is one of our settings, another tool's
directive (dropped with one warning per name), speaker notes where the tool says so (Marp:
every comment that is not a directive; Slidev: the slide's last comment), or nothing, with a
warning naming its line. See docs/deck-format.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hexikit.base.i18n import _
from hexikit.decks.deck import Problem

HEXIKIT = "hexikit"
MARP = "marp"
SLIDEV = "slidev"
REVEAL = "reveal-md"
REMARK = "remark"
DECKSET = "deckset"

#: Marks a Slidev per-slide front-matter line handed to `clean_slide` as a comment.
SLIDEV_MARK = "hexikit-slidev-setting "
#: Our own per-slide settings (`<!-- layout: title -->`, `<!-- seconds: 40 -->`).
OWN_SETTINGS = ("layout", "seconds", "time", "target")

_SEPARATOR = re.compile(r"^\s*---+\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_NOTES = re.compile(r"^\s*notes?\s*:\s*(.*)$", re.IGNORECASE)
_REMARK_NOTES = re.compile(r"^\s*\?\?\?\s*$")
_DECKSET_NOTE = re.compile(r"^\^\s(.*)$")
_REMARK_PROPERTY = re.compile(
    r"^\s*(class|name|layout|template|background-image|count|exclude)\s*:\s*(.*?)\s*$"
)
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_SETTING = re.compile(r"^\s*(_?[A-Za-z][\w-]*)\s*:\s*(.*?)\s*$", re.DOTALL)
_HINT = re.compile(r"^\s*(fit|\.slide:.*|\.element:.*|\.notes?.*)\s*$", re.DOTALL | re.IGNORECASE)
_STYLE_OPEN = re.compile(r"^\s*<(style|script)\b", re.IGNORECASE)
_DECKSET_FIT = re.compile(r"\[fit\]\s*", re.IGNORECASE)
_FRONT_LINE = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")

#: Front-matter keys that say which tool wrote the deck.
_SLIDEV_KEYS = {
    "highlighter",
    "drawings",
    "mdc",
    "colorschema",
    "linenumbers",
    "routermode",
    "canvaswidth",
    "aspectratio",
    "exportfilename",
    "download",
    "info",
    "fonts",
    "themeconfig",
    "addons",
    "selectable",
    "monaco",
    "presenter",
    "hideintoc",
    "transition",
}
#: Deckset's global settings: plain `key: value` lines at the very top of the file.
DECKSET_KEYS = {
    "autoscale",
    "slidenumbers",
    "slidecount",
    "footer",
    "build-lists",
    "slide-transition",
    "theme",
    "presenter-notes",
    "slide-dividers",
    "fit-header",
    "list",
    "background-color",
    "text",
    "header",
}
#: Slidev slide layouts that are our title layout.
SLIDEV_TITLE_LAYOUTS = {"cover", "intro", "section", "end", "fact", "statement"}


def detect(front: dict[str, tuple[str, int]], lines: list[str]) -> str:
    """Which tool's conventions the deck follows (by its front matter and note syntax)."""
    keys = {key.lower().replace("_", "") for key in front}
    if "marp" in keys:
        return MARP
    if "revealoptions" in keys:
        return REVEAL
    if keys & _SLIDEV_KEYS:
        return SLIDEV
    stripped = [line.strip() for line in lines]
    if "???" in stripped or any(line in ("--", "layout: true") for line in stripped):
        return REMARK
    if _has_slidev_slide_settings(stripped):
        return SLIDEV
    if any(line.startswith("^ ") for line in lines) or any("[fit]" in s for s in stripped):
        return DECKSET
    if any(re.match(r"^note\s*:", line, re.IGNORECASE) for line in stripped):
        return REVEAL
    return HEXIKIT


#: Keys of Slidev's per-slide front matter (a `---` / `key: value` lines / `---` block).
_SLIDEV_SLIDE_KEYS = {"layout", "class", "background", "transition", "clicks", "hideintoc"}


def _has_slidev_slide_settings(stripped: list[str]) -> bool:
    """Whether a slide after the first opens with Slidev's own front matter block."""
    first_separator = True
    for index, line in enumerate(stripped):
        if line != "---":
            continue
        if index == 0 or (first_separator and not any(stripped[:index])):
            first_separator = False
            continue  # the file's own front matter
        block: list[str] = []
        for following in stripped[index + 1 :]:
            if following == "---":
                break
            block.append(following)
        else:
            continue
        keys = [_FRONT_LINE.match(entry) for entry in block]
        if (
            block
            and all(keys)
            and any(m.group(1).lower() in _SLIDEV_SLIDE_KEYS for m in keys if m is not None)
        ):
            return True
    return False


def deckset_settings(lines: list[str], start: int) -> int:
    """Deckset's global settings at the top (`autoscale: true` …): the index after them."""
    index = start
    found = False
    while index < len(lines):
        match = _FRONT_LINE.match(lines[index])
        if match is None or match.group(1).lower() not in DECKSET_KEYS:
            break
        found = True
        index += 1
    return index if found and (index >= len(lines) or not lines[index].strip()) else start


def split_slides(lines: list[str], first: int) -> tuple[list[tuple[int, list[str]]], bool]:
    """Slides as (first line number, lines), split at lines `---` outside code fences and
    HTML comments (CommonMark would read `text\\n---` as a heading, so we split first).
    Returns the chunks (empty ones included) and whether any separator was seen."""
    chunks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = first + 1
    fence: str | None = None
    in_comment = False
    seen = False
    for index in range(first, len(lines)):
        line = lines[index]
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
        elif in_comment:
            if "-->" in line:
                in_comment = False
        else:
            opened = _FENCE.match(line)
            if opened:
                fence = opened.group(1)
            elif _SEPARATOR.match(line):
                seen = True
                chunks.append((start, current))
                current = []
                start = index + 2
                continue
            elif line.rfind("<!--") > line.rfind("-->"):
                in_comment = True
        current.append(line)
    chunks.append((start, current))
    return chunks, seen


def is_settings_chunk(chunk: list[str]) -> bool:
    """A chunk made only of `key: value` lines (Slidev's per-slide front matter)."""
    filled = [line for line in chunk if line.strip()]
    return bool(filled) and all(
        _FRONT_LINE.match(line) and not line.lstrip().startswith(("#", "-", ">", "!", "*"))
        for line in filled
    )


@dataclass
class Cleaned:
    """One slide with everything that is not for the audience taken out."""

    lines: list[tuple[int, str]] = field(default_factory=list)  # (source line, text)
    notes: list[str] = field(default_factory=list)
    settings: list[tuple[str, str, int]] = field(default_factory=list)  # (name, value, line)
    skip: bool = False  # a remark template (`layout: true`) or `exclude: true`


@dataclass
class Findings:
    """What the whole deck reports once: ignored directives by tool and name, and so on."""

    ignored: dict[str, int] = field(default_factory=dict)  # "Marp 'paginate'" -> first line
    dropped_comments: list[int] = field(default_factory=list)
    styles: list[int] = field(default_factory=list)

    def problems(self, limit: int) -> list[Problem]:
        found: list[Problem] = []
        for what, line in self.ignored.items():
            found.append(
                Problem(
                    line,
                    _("{what} has no Hexikit equivalent and was ignored on every slide.").format(
                        what=what
                    ),
                )
            )
        for line in self.dropped_comments[:limit]:
            found.append(
                Problem(
                    line,
                    _(
                        "An HTML comment was left off the slide (it is not a slide setting or "
                        "speaker notes). Put notes after a line Notes:."
                    ),
                )
            )
        if len(self.dropped_comments) > limit:
            found.append(
                Problem(
                    self.dropped_comments[limit],
                    _("{count} more HTML comments were left off their slides.").format(
                        count=len(self.dropped_comments) - limit
                    ),
                )
            )
        if self.styles:
            found.append(
                Problem(
                    self.styles[0],
                    _(
                        "<style> and <script> blocks were ignored ({count}): the slides' look "
                        "is fixed so that they stay readable on any projector."
                    ).format(count=len(self.styles)),
                )
            )
        return found


_TOOL_NAMES = {
    MARP: "Marp",
    SLIDEV: "Slidev",
    REVEAL: "reveal-md",
    REMARK: "remark",
    DECKSET: "Deckset",
    HEXIKIT: "The",
}


def ignore(findings: Findings, flavour: str, name: str, line: int) -> None:
    what = _("{tool} setting {name!r}").format(tool=_TOOL_NAMES.get(flavour, "The"), name=name)
    findings.ignored.setdefault(what, line)


def _take_comments(
    chunk: list[str], start: int
) -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[int]]:
    """The chunk's lines without comments and <style>/<script> blocks (outside code fences),
    the comments (line, content), and the lines where style blocks began."""
    text_lines: list[tuple[int, str]] = []
    comments: list[tuple[int, str]] = []
    styles: list[int] = []
    fence: str | None = None
    pending: tuple[int, str] | None = None  # an open comment: (line, text so far)
    style_end: str | None = None
    for offset, line in enumerate(chunk):
        number = start + offset
        if fence is not None:
            text_lines.append((number, line))
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            continue
        if style_end is not None:
            if style_end in line.lower():
                style_end = None
            text_lines.append((number, ""))
            continue
        if pending is not None:
            end = line.find("-->")
            if end < 0:
                pending = (pending[0], pending[1] + "\n" + line)
                text_lines.append((number, ""))
                continue
            comments.append((pending[0], pending[1] + "\n" + line[:end]))
            line = line[end + 3 :]
            pending = None
        opened = _FENCE.match(line)
        if opened:
            fence = opened.group(1)
            text_lines.append((number, line))
            continue
        style = _STYLE_OPEN.match(line)
        if style:
            styles.append(number)
            closing = f"</{style.group(1).lower()}>"
            if closing not in line.lower():
                style_end = closing
            text_lines.append((number, ""))
            continue
        kept: list[str] = []
        rest = line
        while True:
            begin = rest.find("<!--")
            if begin < 0:
                kept.append(rest)
                break
            kept.append(rest[:begin])
            end = rest.find("-->", begin + 4)
            if end < 0:
                pending = (number, rest[begin + 4 :])
                break
            comments.append((number, rest[begin + 4 : end]))
            rest = rest[end + 3 :]
        joined = "".join(kept)
        text_lines.append((number, joined if joined.strip() else ""))
    if pending is not None:
        comments.append(pending)
    return text_lines, comments, styles


def clean_slide(chunk: list[str], start: int, flavour: str, findings: Findings) -> Cleaned:
    """Split one slide into what the audience sees, its notes and its settings."""
    result = Cleaned()
    text_lines, comments, styles = _take_comments(chunk, start)
    findings.styles.extend(styles)
    # Comments: our settings, other tools' directives, notes, or nothing.
    plain = [(at, c) for at, c in comments if not c.strip().startswith(SLIDEV_MARK)]
    last_line = plain[-1][0] if plain else -1
    for at, content in comments:
        text = content.strip()
        if text.startswith(SLIDEV_MARK):
            setting = _SETTING.match(text[len(SLIDEV_MARK) :])
            if setting:
                result.settings.append((setting.group(1).lower(), setting.group(2).strip(), at))
            continue
        setting = _SETTING.match(text) if "\n" not in text else None
        if setting and setting.group(1).lower() in OWN_SETTINGS:
            result.settings.append((setting.group(1).lower(), setting.group(2).strip(), at))
        elif _HINT.match(text):
            if text.lower() != "fit":
                ignore(findings, flavour, text.split(":")[0], at)
        elif flavour == SLIDEV:
            if (at, content) == plain[-1] and at == last_line and text:
                result.notes.append(text)
            elif text:
                findings.dropped_comments.append(at)
        elif flavour == MARP:
            if setting:
                result.settings.append((setting.group(1).lower(), setting.group(2).strip(), at))
            elif text:
                result.notes.append(text)
        elif setting and flavour == HEXIKIT:
            result.settings.append((setting.group(1).lower(), setting.group(2).strip(), at))
        elif text:
            findings.dropped_comments.append(at)
    # Notes syntaxes, remark's slide properties and incremental `--`.
    fence: str | None = None
    in_notes = False
    at_top = True
    for number, line in text_lines:
        if in_notes:
            result.notes.append(line)
            continue
        if fence is None:
            opened = _FENCE.match(line)
            if opened:
                fence = opened.group(1)
        elif line.strip().startswith(fence) and not line.strip().strip(fence[0]):
            fence = None
            result.lines.append((number, line))
            at_top = False
            continue
        if fence is not None:
            result.lines.append((number, line))
            at_top = False
            continue
        notes = _NOTES.match(line)
        if notes or _REMARK_NOTES.match(line):
            in_notes = True
            if notes and notes.group(1).strip():
                result.notes.append(notes.group(1))
            continue
        deckset = _DECKSET_NOTE.match(line)
        if deckset:
            result.notes.append(deckset.group(1))
            continue
        if at_top and flavour in (REMARK, HEXIKIT, REVEAL):
            prop = _REMARK_PROPERTY.match(line)
            if prop:
                name, value = prop.group(1).lower(), prop.group(2)
                if (name == "layout" and value.lower() == "true") or (
                    name == "exclude" and value.lower() == "true"
                ):
                    result.skip = True
                elif name == "layout" and flavour == HEXIKIT:
                    result.settings.append((name, value, number))
                else:
                    ignore(findings, REMARK, name, number)
                continue
        if flavour == REMARK and line.strip() == "--":
            continue
        if line.strip():
            at_top = False
        if flavour == DECKSET or "[fit]" in line.lower():
            line = _DECKSET_FIT.sub("", line)
        result.lines.append((number, line))
    return result
