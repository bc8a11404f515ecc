"""`hexikit report --event ID --out FILE.pdf` (or `--format json`): the QI report of an event."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hexikit.base.i18n import _

if TYPE_CHECKING:
    from hexikit.store import Store


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help=_("the QI report of an event: numbers, charts, run chart, feedback"),
        description=_(
            "Make the report of one event: a PDF with charts, or the same numbers as JSON."
        ),
    )
    parser.add_argument(
        "--event", required=True, help=_("the event's id (or the first characters of it)")
    )
    parser.add_argument(
        "--out", help=_("file to write (the PDF; for JSON, omit to print to the terminal)")
    )
    parser.add_argument(
        "--format", choices=("pdf", "json"), default=None, help=_("pdf (default) or json")
    )
    parser.set_defaults(func=run)


def resolve_event_id(store: Store, given: str) -> str:
    """The full id of the event `given` names (a whole id or a unique prefix)."""
    from hexikit.cli import CommandError

    wanted = given.strip().lower()
    if not wanted:
        raise CommandError(_("Give the event's id with --event (see `hexikit events`)."))
    events = store.list_events()
    exact = [e for e in events if e.id == wanted]
    if exact:
        return exact[0].id
    found = [e for e in events if e.id.startswith(wanted)]
    if len(found) == 1:
        return found[0].id
    if not found:
        raise CommandError(
            _(
                "There is no event with the id {event}. List the events with `hexikit events`."
            ).format(event=given)
        )
    raise CommandError(
        _("{count} events start with {event}: give more of the id.").format(
            count=len(found), event=given
        )
    )


def run(args: argparse.Namespace) -> int:
    from hexikit.cli import CommandError
    from hexikit.cli.common import open_store
    from hexikit.report.measures import build_report, write_pdf
    from hexikit.store import StoreError

    out = Path(args.out) if args.out else None
    fmt = args.format or ("json" if out is not None and out.suffix.lower() == ".json" else "pdf")
    if fmt == "pdf" and out is None:
        raise CommandError(_("Say where to write the PDF with --out FILE.pdf."))
    if out is not None and out.is_dir():
        raise CommandError(
            _("{path} is a folder: give a file name, such as report.pdf.").format(path=out)
        )
    store = open_store(args)
    try:
        event_id = resolve_event_id(store, args.event)
        try:
            report = build_report(store, event_id)
        except StoreError as exc:
            raise CommandError(str(exc)) from exc
    finally:
        store.close()
    try:
        if fmt == "json":
            text = report.to_json_text() + "\n"
            if out is None:
                sys.stdout.write(text)
                return 0
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        else:
            assert out is not None
            write_pdf(report, out)
    except OSError as exc:
        raise CommandError(
            _("Could not write {path}: {error}. Choose another folder or file name.").format(
                path=out, error=exc.strerror or exc
            )
        ) from exc
    print(_("Report written to {path}").format(path=out), file=sys.stderr)
    return 0
