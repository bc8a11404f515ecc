"""`hexikit deck check PATH` and `hexikit deck handout PATH --out FILE.pdf`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from hexikit.base.durations import format_duration
from hexikit.base.i18n import _
from hexikit.cli import EXIT_BAD_INPUT, EXIT_OK, CommandError
from hexikit.decks.deck import DEFAULT_WPM, ERROR, Deck, Problem, speaking_seconds
from hexikit.decks.loading import load_deck


def check_report(deck: Deck, wpm: int = DEFAULT_WPM) -> str:
    """The text `deck check` prints: per-slide words and times, totals, then problems."""
    lines = [
        _("Deck: {title}").format(title=deck.title),
        _("Slides: {count}").format(count=len(deck.slides)),
    ]
    if deck.target_minutes is not None:
        lines.append(_("Target: {minutes:g} min").format(minutes=deck.target_minutes))
    if deck.slides:
        lines.append("")
        lines.append(_("  #  words   time  title"))
        untitled = _("(no title)")
        for slide in deck.slides:
            seconds = speaking_seconds(slide.notes_words, wpm)
            lines.append(
                f"{slide.number:3d}  {slide.notes_words:5d}  {format_duration(seconds):>5}  "
                f"{slide.title or untitled}"
            )
        total_words = deck.notes_words
        total = speaking_seconds(total_words, wpm)
        lines.append(
            _("Total: {words} words of notes, about {time} at {wpm} words per minute").format(
                words=total_words, time=format_duration(total), wpm=wpm
            )
        )
        target = deck.target_seconds
        if target is not None and total > target * 1.1:
            lines.append(
                _("The notes take longer to say than the target of {minutes:g} min.").format(
                    minutes=deck.target_minutes
                )
            )
    if deck.problems:
        lines.append("")
        lines.append(_("Problems:"))
        lines.extend(f"  {problem}" for problem in deck.problems)
    else:
        lines.append(_("No problems found."))
    return "\n".join(lines)


def problem_slide(deck: Deck, problem: Problem) -> int | None:
    """The number of the slide a problem is on (by its line), or None for the whole file."""
    if problem.line <= 0 or not deck.slides or deck.slides[0].pdf_page is not None:
        return None
    found: int | None = None
    for slide in deck.slides:
        if slide.line <= problem.line:
            found = slide.number
        else:
            break
    return found


def check_json(deck: Deck) -> dict[str, Any]:
    """`deck check --json`: the deck, each slide's audience text and notes, the problems."""
    from hexikit.decks.layout import slide_text

    problems = [
        {
            "line": problem.line,
            "slide": problem_slide(deck, problem),
            "severity": problem.severity,
            "message": problem.message,
        }
        for problem in deck.problems
    ]
    slides = []
    for slide in deck.slides:
        text = slide.shown_text or ("" if slide.pdf_page is not None else slide_text(slide))
        slides.append(
            {
                "number": slide.number,
                "title": slide.title,
                "text": text,
                "notes": slide.notes,
                "problems": [entry for entry in problems if entry["slide"] == slide.number],
            }
        )
    return {"title": deck.title, "slides": slides, "problems": problems}


def run_check(
    path: Path, wpm: int = DEFAULT_WPM, out: TextIO | None = None, as_json: bool = False
) -> int:
    """Check a deck: its text and notes only (PowerPoint pictures are never made here)."""
    deck = load_deck(path, pictures=False)
    if as_json:
        print(json.dumps(check_json(deck), ensure_ascii=False, indent=2), file=out or sys.stdout)
    else:
        print(check_report(deck, wpm), file=out or sys.stdout)
    errors = [p for p in deck.problems if p.severity == ERROR]
    return EXIT_BAD_INPUT if errors else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    return run_check(Path(args.path), args.wpm, as_json=args.json)


def _handout(args: argparse.Namespace) -> int:
    from hexikit.decks.handout import HandoutError, write_handout

    path = Path(args.path)
    deck = load_deck(path)
    if not deck.slides:
        details = "; ".join(str(p) for p in deck.problems) or _("it has no slides")
        raise CommandError(
            _("Cannot make a handout of {path}: {details}").format(path=path, details=details)
        )
    out = Path(args.out)
    try:
        pages = write_handout(deck, out, args.paper, args.wpm)
    except HandoutError as exc:
        raise CommandError(str(exc)) from exc
    print(_("Wrote {pages} pages to {path}").format(pages=pages, path=out))
    for problem in deck.problems:
        print(f"  {problem}", file=sys.stderr)
    return EXIT_OK


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("deck", help=_("check a slide deck or print its handout"))
    commands = parser.add_subparsers(dest="deck_command", metavar="ACTION", required=True)
    check = commands.add_parser(
        "check", help=_("count slides and words of notes, estimate speaking time, list problems")
    )
    check.add_argument("path", help=_("a deck folder, its Markdown file, or a .pptx/.pdf"))
    check.add_argument(
        "--wpm", type=int, default=DEFAULT_WPM, help=_("speaking rate in words per minute")
    )
    check.add_argument(
        "--json",
        action="store_true",
        help=_("print one JSON object (slides, text, notes, problems)"),
    )
    check.set_defaults(func=_check)
    handout = commands.add_parser(
        "handout", help=_("notes pages for organisers: each slide with its notes beneath")
    )
    handout.add_argument("path", help=_("a deck folder, its Markdown file, or a .pptx/.pdf"))
    handout.add_argument("--out", required=True, help=_("the PDF file to write"))
    handout.add_argument("--paper", choices=["a4", "letter"], default="a4")
    handout.add_argument("--wpm", type=int, default=DEFAULT_WPM, help=argparse.SUPPRESS)
    handout.set_defaults(func=_handout)
    # `deck import` (issue 8) lives with the rehearsal coach.
    from hexikit.cli.rehearse import add_import_command

    add_import_command(commands)
