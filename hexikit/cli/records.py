"""`hexikit events`, `event add`, `record`, `export`, `import`: thin parsers over the core.

Exit codes: 0 success, 1 bad input (plain message on stderr, no traceback), 2 usage (argparse).
See docs/records.md for examples.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hexikit.base.atomic import atomic_write_text
from hexikit.base.i18n import _, ngettext
from hexikit.cli import EXIT_OK, CommandError
from hexikit.cli.common import open_store
from hexikit.records.domain import (
    ActivityInput,
    EventInput,
    Mode,
    ParticipantInput,
    ValidationError,
    parse_hours,
    parse_kind,
    parse_mode,
    validate_activity,
)

if TYPE_CHECKING:
    from hexikit.store import Store

# The store, exchange and records modules (SQLAlchemy) are imported inside the commands: this
# module is loaded on every `hexikit` start, and they would slow down every command.


def _validation_message(exc: ValidationError) -> str:
    return "\n".join(exc.problems.values())


@contextmanager
def _store_for(args: argparse.Namespace) -> Iterator[Store]:
    """The store, with every user-caused core error turned into a plain CommandError."""
    from hexikit.records.exchange import ImportFailed
    from hexikit.store import StoreError

    store = open_store(args)
    try:
        yield store
    except ValidationError as exc:
        raise CommandError(_validation_message(exc)) from exc
    except ImportFailed as exc:
        raise CommandError(exc.report()) from exc
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        store.close()


# ---------------------------------------------------------------- events


def list_events(args: argparse.Namespace) -> int:
    with _store_for(args) as store:
        for event in store.list_events():
            counts = store.counts(event.id)
            fields = [
                event.id,
                event.date,
                event.title,
                event.venue,
                event.region,
                event.facilitator,
                ngettext("{count} offer", "{count} offers", counts.offers).format(
                    count=counts.offers
                ),
                ngettext("{count} request", "{count} requests", counts.requests).format(
                    count=counts.requests
                ),
            ]
            print("\t".join(fields))
    return EXIT_OK


def add_event(args: argparse.Namespace) -> int:
    with _store_for(args) as store:
        event = store.create_event(
            EventInput(
                title=args.title,
                date=args.date or "",
                venue=args.venue or "",
                region=args.region or "",
                facilitator=args.facilitator or "",
            )
        )
        print(event.id)
    return EXIT_OK


# ---------------------------------------------------------------- record


def record(args: argparse.Namespace) -> int:
    person_details = (args.email, args.organisation, args.role)
    if args.name is None and (any(person_details) or args.member or args.consent):
        raise CommandError(
            _(
                "--email, --organisation, --role, --member and --consent describe a person: add --name."
            )
        )
    # Collect every problem (hours, mode and the rest) before saying anything.
    problems: dict[str, str] = {}
    hours = None
    mode = Mode.EITHER
    try:
        hours = parse_hours(args.hours)
    except ValidationError as exc:
        problems.update(exc.problems)
    try:
        mode = parse_mode(args.mode)
    except ValidationError as exc:
        problems.update(exc.problems)
    activity = ActivityInput(
        kind=parse_kind(args.kind),
        title=args.title,
        description=args.description or "",
        categories=list(args.category or []),
        regions=list(args.region or []),
        mode=mode,
        hours=hours,
    )
    try:
        validate_activity(activity)
    except ValidationError as exc:
        problems = {**exc.problems, **problems}
    if problems:
        raise CommandError("\n".join(problems.values()))
    participant = None
    if args.name is not None:
        participant = ParticipantInput(
            name=args.name,
            email=args.email or "",
            organisation=args.organisation or "",
            role=args.role or "",
            region=args.person_region or "",
            is_member=args.member,
            consent=args.consent,
        )
    from hexikit.records.recording import find_event, record_activity

    with _store_for(args) as store:
        event = find_event(store, args.event)
        stored = record_activity(store, event.id, activity, participant)
        print(stored.id)
    return EXIT_OK


# ---------------------------------------------------------------- export / import


def export(args: argparse.Namespace) -> int:
    from hexikit.records.export import export_csv, export_json
    from hexikit.records.recording import find_event

    with _store_for(args) as store:
        event_id = find_event(store, args.event).id if args.event else None
        text = (
            export_csv(store, event_id, args.csv_lang)
            if args.format == "csv"
            else export_json(store, event_id)
        )
    if args.out in (None, "-"):
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
        return EXIT_OK
    out = Path(args.out)
    # A BOM tells Excel the CSV is UTF-8 (our import accepts it); JSON never has one.
    encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
    try:
        # newline="" keeps the CSV's CRLF line ends as written.
        atomic_write_text(out, text, encoding=encoding, newline="")
    except OSError as exc:
        raise CommandError(
            _("Could not write {path}: {error}").format(path=out, error=exc.strerror or exc)
        ) from exc
    return EXIT_OK


def import_file(args: argparse.Namespace) -> int:
    from hexikit.records.exchange import import_csv, import_summary
    from hexikit.records.recording import find_event

    path = Path(args.file)
    if not path.is_file():
        raise CommandError(_("There is no file {path}.").format(path=path))
    if path.suffix.lower() == ".json":
        raise CommandError(
            _("Import reads CSV files (as written by 'hexikit export --format csv'), not JSON.")
        )
    with _store_for(args) as store:
        event_id = find_event(store, args.event).id if args.event else None
        result = import_csv(store, path, event_id)
    summary = import_summary(result)
    if result.ignored_columns:
        print(summary.pop(0), file=sys.stderr)
    for line in summary:
        print(line)
    return EXIT_OK


# ---------------------------------------------------------------- parsers


def register(subparsers: Any) -> None:
    events = subparsers.add_parser(
        "events",
        help=_("list events"),
        description=_(
            "List events, newest first, one per line, tab separated: id, date, title, venue, "
            "region, facilitator, offers, requests."
        ),
    )
    events.set_defaults(func=list_events)

    event = subparsers.add_parser("event", help=_("add an event"))
    event_commands = event.add_subparsers(dest="event_command", metavar="ACTION", required=True)
    event_add = event_commands.add_parser(
        "add",
        help=_("add an event and print its id"),
        description=_("Add an event; prints its id."),
    )
    event_add.add_argument(
        "--title", required=True, help=_("for example 'Hexithon at the Q Summit'")
    )
    event_add.add_argument("--date", help=_("YYYY-MM-DD"))
    event_add.add_argument("--venue")
    event_add.add_argument("--region", help=_("one of the eleven Hexitime regions"))
    event_add.add_argument("--facilitator")
    event_add.set_defaults(func=add_event)

    rec = subparsers.add_parser(
        "record",
        help=_("record an offer or a request and print its id"),
        description=_(
            "Record an offer or a request and print its id. With --name, the participant of "
            "that event with that name is reused (or created); later details only fill blanks."
        ),
    )
    rec.add_argument("kind", choices=["offer", "request"])
    rec.add_argument("--event", required=True, help=_("event id (or its first characters)"))
    rec.add_argument("--title", required=True)
    rec.add_argument("--description")
    rec.add_argument("--category", action="append", help=_("a Hexitime category; repeat for more"))
    rec.add_argument("--region", action="append", help=_("a Hexitime region; repeat for more"))
    rec.add_argument("--mode", help=_("remote, face-to-face or either (default)"))
    rec.add_argument("--hours", help=_("estimated hours, in quarter hours (0.25 to 100)"))
    rec.add_argument("--name", help=_("who made it (a participant of the event)"))
    rec.add_argument("--email")
    rec.add_argument("--organisation")
    rec.add_argument("--role")
    rec.add_argument("--person-region", help=_("the participant's own region"))
    rec.add_argument("--member", action="store_true", help=_("already a Hexitime member"))
    rec.add_argument(
        "--consent",
        action="store_true",
        help=_("the person agreed that their details may be passed to Hexitime"),
    )
    rec.set_defaults(func=record)

    exp = subparsers.add_parser(
        "export",
        help=_("export offers and requests as CSV or JSON"),
        description=_(
            "Export every field of the live offers and requests (CSV: one row each, with the "
            "participant's details; JSON: events, participants and activities). UTF-8."
        ),
    )
    exp.add_argument("--format", choices=["csv", "json"], default="csv")
    exp.add_argument("--event", help=_("only this event (default: all events)"))
    exp.add_argument("--out", help=_("file to write (default: standard output)"))
    exp.add_argument(
        "--csv-lang",
        choices=["en", "cy"],
        default="en",
        help=_(
            "CSV headers, categories and regions in English (default: other tools read them) "
            "or in Welsh (cy); import reads both"
        ),
    )
    exp.set_defaults(func=export)

    imp = subparsers.add_parser(
        "import",
        help=_("import offers and requests from a CSV file (all rows or none)"),
        description=_(
            "Import a CSV file with the export's columns (kind and title are required). "
            "Every bad row is reported by line number and nothing is imported until all are fixed."
        ),
    )
    imp.add_argument("file", metavar="FILE.csv")
    imp.add_argument("--event", help=_("put every row into this event (overrides event_id)"))
    imp.set_defaults(func=import_file)
