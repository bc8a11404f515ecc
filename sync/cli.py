"""`hexikit sync ...` (the client) and `hexikit server ...` (the reference server).

Exit codes of `hexikit sync`: 0 nothing pending, 3 the server could not be reached (or the
token was refused) and operations remain pending, 4 some operations need attention.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hexikit.base.i18n import _
from hexikit.cli import CommandError

EXIT_UNREACHABLE = 3
EXIT_NEEDS_ATTENTION = 4
TOKEN_ENV = "HEXIKIT_SYNC_TOKEN"
#: `hexikit sync --timeout`: the whole run, push and pull, in seconds.
DEFAULT_SYNC_TIMEOUT = 60.0


def _sync(args: argparse.Namespace) -> int:
    from hexikit.base.paths import data_dir
    from hexikit.base.settings import Settings
    from hexikit.cli.common import open_store
    from hexikit.sync import tokens
    from hexikit.sync.client.outcome import ReportStatus, SyncError, SyncTimeout
    from hexikit.sync.client.run import SyncClient
    from hexikit.sync.client.state import OutboxState, outbox_counts

    folder = data_dir(getattr(args, "data_dir", None))
    settings = Settings.load(folder)
    server = args.server or settings.server_url
    if not server:
        raise CommandError(
            _("No sync server is set. Pass --server https://... or set it in Sync settings.")
        )
    token = args.token or os.environ.get(TOKEN_ENV) or tokens.get_token(server)
    if not token:
        raise CommandError(
            _("No device token. Pass --token, set {env}, or enter it in Sync settings.").format(
                env=TOKEN_ENV
            )
        )
    store = open_store(args)
    try:
        client = SyncClient(
            store,
            server,
            token,
            ca_bundle=args.ca_bundle,
            max_attempts=args.attempts,
            backoff_cap=args.backoff_cap,
            lock_path=folder / "sync.lock",
            deadline=args.timeout,
        )
    except SyncError as exc:
        store.close()
        raise CommandError(str(exc)) from None
    try:
        with _hard_deadline(args.timeout):
            report = client.sync()
    except SyncTimeout as exc:
        # Stopped in the middle of one request (a server trickling its answer): whatever was
        # acknowledged is stored; the rest is still pending.
        report = client.done
        report.status, report.message = ReportStatus.OFFLINE, str(exc)
        counts = outbox_counts(store)
        report.pending = counts[OutboxState.PENDING] + counts[OutboxState.FROZEN]
        report.parked = counts[OutboxState.PARKED]
    finally:
        client.close()
        store.close()
    print(
        _("pushed {pushed}, pulled {pulled}, pending {pending}, needs attention {parked}").format(
            pushed=report.pushed, pulled=report.pulled, pending=report.pending, parked=report.parked
        )
    )
    if report.message:
        print(f"hexikit: {report.message}", file=sys.stderr)
    if report.status in (ReportStatus.OFFLINE, ReportStatus.AUTH):
        return EXIT_UNREACHABLE
    if report.parked or report.unapplied_now:
        return EXIT_NEEDS_ATTENTION
    if report.pending:
        return EXIT_UNREACHABLE
    return 0


#: After the deadline, a request still blocked (an answer trickling in) gets this long.
HARD_STOP_GRACE = 5.0


@contextmanager
def _hard_deadline(seconds: float) -> Iterator[None]:
    """Stop a command-line sync `seconds` (plus a little) after it started, whatever it waits
    for. Each request's timeouts already shrink to the deadline; this also stops one whose
    answer arrives a byte at a time. The store's writes are transactions, so stopping loses
    nothing. Only where there is SIGALRM and on the main thread (not in the app)."""
    from hexikit.sync.client.outcome import SyncTimeout

    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def stop(_signum: int, _frame: object) -> None:
        raise SyncTimeout(
            _(
                "Sync stopped after {seconds:g} s. What is not sent yet waits on this laptop "
                "and goes with the next sync."
            ).format(seconds=seconds)
        )

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds + HARD_STOP_GRACE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _sync_status(args: argparse.Namespace) -> int:
    from hexikit.cli.common import open_store
    from hexikit.sync.client.state import status

    store = open_store(args)
    try:
        facts = status(store)
    finally:
        store.close()
    if args.json:
        print(json.dumps(facts))
    else:
        print(_("device:          {v}").format(v=facts["device_id"]))
        print(_("pending:         {v}").format(v=facts["pending"]))
        print(_("needs attention: {v}").format(v=facts["parked"]))
        print(_("acknowledged:    {v}").format(v=facts["acknowledged"]))
        print(_("last sync:       {v}").format(v=facts["last_sync"] or _("never")))
    return 0


def _server_run(args: argparse.Namespace) -> int:
    import logging

    from hexikit.sync.serve import PER_ADDRESS_LIMIT, serve

    logging.getLogger("waitress").setLevel(logging.WARNING)

    def announce(url: str) -> None:
        print(url, flush=True)

    engine = _server_engine(args.db)
    try:
        serve(
            engine,
            args.host,
            args.port,
            on_listening=announce,
            per_address_limit=PER_ADDRESS_LIMIT
            if args.per_address_limit is None
            else args.per_address_limit,
        )
    except OSError as exc:
        raise CommandError(
            _("Could not listen on {host}:{port} ({error}).").format(
                host=args.host, port=args.port, error=exc
            )
        ) from None
    return 0


def _server_engine(url: str) -> Any:
    """The server database, or a plain message saying what to install or fix."""
    from sqlalchemy.exc import OperationalError

    from hexikit.sync.server.schema import ServerDatabaseError, open_engine

    try:
        return open_engine(url)
    except ServerDatabaseError as exc:
        raise CommandError(str(exc)) from None
    except OperationalError as exc:
        raise CommandError(
            _("Could not open the server database {url}: {error}").format(
                url=url, error=str(exc.orig).strip().splitlines()[0]
            )
        ) from None


def _server_add_device(args: argparse.Namespace) -> int:
    from hexikit.sync.server.admin import add_device

    _device, token = add_device(_server_engine(args.db), args.name)
    print(token)
    return 0


def _server_dump(args: argparse.Namespace) -> int:
    from hexikit.sync.server.admin import dump

    for record in dump(_server_engine(args.db)):
        sys.stdout.write(json.dumps(record, sort_keys=True) + "\n")
    return 0


def _server_claim(args: argparse.Namespace) -> int:
    from hexikit.sync.server.claims import ClaimError, claim

    try:
        result = claim(_server_engine(args.db), args.code, args.member)
    except ClaimError as exc:
        raise CommandError(exc.message) from None
    print(json.dumps(result))
    return 0


def register_sync(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sync", help=_("send what this laptop recorded to the server and fetch the others'")
    )
    parser.add_argument("--server", help=_("server URL (default: the one in Sync settings)"))
    parser.add_argument("--token", help=_("device token (or set {env})").format(env=TOKEN_ENV))
    parser.add_argument("--ca-bundle", help=_("CA bundle for a server with a private certificate"))
    parser.add_argument(
        "--attempts", type=int, default=5, help=_("tries per request before giving up")
    )
    parser.add_argument("--backoff-cap", type=float, default=8.0, help=argparse.SUPPRESS)
    parser.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_SYNC_TIMEOUT,
        help=_("give up after this many seconds in all (default {s:g}); nothing is lost").format(
            s=DEFAULT_SYNC_TIMEOUT
        ),
    )
    parser.set_defaults(func=_sync)
    commands = parser.add_subparsers(dest="sync_command", metavar="SUBCOMMAND")
    status_parser = commands.add_parser("status", help=_("pending, parked and synced counts"))
    status_parser.add_argument("--json", action="store_true", help=_("print JSON"))
    status_parser.set_defaults(func=_sync_status)


def register_server(subparsers: Any) -> None:
    parser = subparsers.add_parser("server", help=_("the reference sync server"))
    commands = parser.add_subparsers(dest="server_command", metavar="SUBCOMMAND", required=True)
    run = commands.add_parser("run", help=_("serve the sync API"))
    run.add_argument("--db", required=True, help=_("database URL or SQLite file path"))
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8765)
    run.add_argument(
        "--per-address-limit",
        type=int,
        default=None,
        help=_("open connections one client address may hold (default 100; 0: no cap)"),
    )
    run.set_defaults(func=_server_run)
    add = commands.add_parser("add-device", help=_("register a laptop and print its token"))
    add.add_argument("--db", required=True)
    add.add_argument("--name", required=True)
    add.set_defaults(func=_server_add_device)
    dump_parser = commands.add_parser("dump", help=_("every stored record, one JSON per line"))
    dump_parser.add_argument("--db", required=True)
    dump_parser.set_defaults(func=_server_dump)
    claim_parser = commands.add_parser("claim", help=_("claim a participant's records"))
    claim_parser.add_argument("--db", required=True)
    claim_parser.add_argument("--code", required=True)
    claim_parser.add_argument("--member", required=True)
    claim_parser.set_defaults(func=_server_claim)
