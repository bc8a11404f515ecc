"""`hexikit deck import FILE` and `hexikit rehearsals [--deck PATH] [--json]`.

`deck import` is added to the presenter's `deck` command (`hexikit.cli.deck` calls
`add_import_command`); `rehearsals` is its own entry point.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from hexikit.base.i18n import _
from hexikit.base.paths import data_dir, deck_library_dir
from hexikit.cli import EXIT_OK, CommandError
from hexikit.cli.common import open_store


def run_import(
    source: Path, library: Path, notes_only: bool = False, timeout: float | None = None
) -> int:
    from hexikit.decks.imported import DeckImportError
    from hexikit.decks.library import import_deck

    try:
        result = import_deck(source, library, notes_only=notes_only, timeout=timeout)
    except DeckImportError as exc:
        raise CommandError(str(exc)) from exc
    except OSError as exc:
        raise CommandError(
            _("The deck could not be imported: {error}").format(error=exc.strerror or exc)
        ) from exc
    print(
        _("Imported “{title}” ({count} slides) into {path}").format(
            title=result.title, count=result.slide_count, path=result.deck_dir
        )
    )
    for message in result.messages:
        print(f"  {message}")
    if not result.has_pictures:
        print(_("  The slides show their titles only; the notes are ready for rehearsal."))
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    library = deck_library_dir(data_dir(getattr(args, "data_dir", None)))
    return run_import(Path(args.file), library, args.notes_only, args.timeout)


def add_import_command(commands: Any) -> None:
    """Add `import` to the `deck` command's subcommands."""
    parser = commands.add_parser(
        "import",
        help=_("add a PowerPoint (.pptx) or PDF deck to the deck library"),
        description=_(
            "Copy a .pptx or .pdf deck into Hexikit's deck library, with its speaker notes. "
            "PowerPoint slides are turned into pictures with LibreOffice when it is installed; "
            "without it the notes still come in for rehearsal. Prints where the deck went."
        ),
    )
    parser.add_argument("file", help=_("the .pptx or .pdf file"))
    parser.add_argument(
        "--notes-only",
        action="store_true",
        help=_("import the titles and notes without making slide pictures"),
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=None,
        help=_("seconds LibreOffice may take (default: 90 plus 1 per slide)"),
    )
    parser.set_defaults(func=_import)


def _run_dict(record: Any) -> dict[str, Any]:
    return {
        "id": record.id,
        "deck_key": record.deck_key,
        "deck_title": record.deck_title,
        "started_at": record.started_at.isoformat(),
        "total_seconds": record.total_seconds,
        "deck_target_seconds": record.deck_target,
        "completed": record.completed,
        "slides": [
            {
                "number": index + 1,
                "title": record.titles[index] if index < len(record.titles) else "",
                "seconds": seconds,
                "target_seconds": record.targets[index] if index < len(record.targets) else None,
            }
            for index, seconds in enumerate(record.slide_seconds)
        ],
    }


def rehearsals_text(records: list[Any]) -> str:
    """The text `hexikit rehearsals` prints: each run, its total and per-slide times."""
    from hexikit.base.durations import format_duration

    if not records:
        return _("No rehearsals recorded yet. Rehearse a deck from the Present page.")
    lines: list[str] = []
    for record in records:
        when = record.started_at.astimezone().strftime("%Y-%m-%d %H:%M")
        state = _("complete") if record.completed else _("stopped early")
        lines.append(
            _("{when}  {title}: {total} (target {target}, {delta}), {state}").format(
                when=when,
                title=record.deck_title,
                total=format_duration(record.total_seconds),
                target=format_duration(record.deck_target),
                delta=format_duration(record.total_seconds - record.deck_target, signed=True),
                state=state,
            )
        )
        for index, seconds in enumerate(record.slide_seconds):
            title = record.titles[index] if index < len(record.titles) else ""
            target = record.targets[index] if index < len(record.targets) else None
            took = "—" if seconds is None else format_duration(seconds)
            goal = "" if target is None else f" / {format_duration(target)}"
            lines.append(f"  {index + 1:3d}  {took:>7}{goal:<8}  {title}")
        lines.append("")
    return "\n".join(lines).rstrip()


def _rehearsals(args: argparse.Namespace) -> int:
    from hexikit.rehearsal.runs import deck_key_for_path, list_runs

    key: str | None = None
    if args.deck:
        path = Path(args.deck)
        if not path.exists():
            raise CommandError(_("There is no deck at {path}. Check the name.").format(path=path))
        key = deck_key_for_path(path)
    store = open_store(args)
    try:
        records = list_runs(store, key)
    finally:
        store.close()
    if args.json:
        json.dump([_run_dict(r) for r in records], sys.stdout, indent=2, ensure_ascii=False)
        print()
    else:
        print(rehearsals_text(records))
    return EXIT_OK


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "rehearsals", help=_("list recorded rehearsal runs with their per-slide times")
    )
    parser.add_argument("--deck", help=_("only the runs of this deck (folder or file)"))
    parser.add_argument("--json", action="store_true", help=_("print JSON instead of text"))
    parser.set_defaults(func=_rehearsals)
