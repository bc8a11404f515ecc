"""`hexikit sync ...` (the client) and `hexikit server ...` (the reference server).

Exit codes of `hexikit sync`: 0 nothing pending, 3 the server could not be reached (or the
token was refused) and operations remain pending, 4 some operations need attention.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from hexikit.base.i18n import _
from hexikit.cli import CommandError

EXIT_UNREACHABLE = 3
EXIT_NEEDS_ATTENTION = 4
TOKEN_ENV = "HEXIKIT_SYNC_TOKEN"


def _sync(args: argparse.Namespace) -> int:
    from hexikit.base.paths import data_dir
    from hexikit.base.settings import Settings
    from hexikit.cli.common import open_store
    from hexikit.sync import tokens
    from hexikit.sync.client.outcome import ReportStatus, SyncError
    from hexikit.sync.client.run import SyncClient

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
        )
    except SyncError as exc:
        store.close()
        raise CommandError(str(exc)) from None
    try:
        report = client.sync()
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
    if report.parked:
        return EXIT_NEEDS_ATTENTION
    if report.pending:
        return EXIT_UNREACHABLE
    return 0


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

    from hexikit.sync.serve import serve

    logging.getLogger("waitress").setLevel(logging.WARNING)

    def announce(url: str) -> None:
        print(url, flush=True)

    try:
        serve(args.db, args.host, args.port, on_listening=announce)
    except OSError as exc:
        raise CommandError(
            _("Could not listen on {host}:{port} ({error}).").format(
                host=args.host, port=args.port, error=exc
            )
        ) from None
    return 0


def _server_add_device(args: argparse.Namespace) -> int:
    from hexikit.sync.server.admin import add_device
    from hexikit.sync.server.schema import open_engine

    _device, token = add_device(open_engine(args.db), args.name)
    print(token)
    return 0


def _server_dump(args: argparse.Namespace) -> int:
    from hexikit.sync.server.admin import dump
    from hexikit.sync.server.schema import open_engine

    for record in dump(open_engine(args.db)):
        sys.stdout.write(json.dumps(record, sort_keys=True) + "\n")
    return 0


def _server_claim(args: argparse.Namespace) -> int:
    from hexikit.sync.server.claims import ClaimError, claim
    from hexikit.sync.server.schema import open_engine

    try:
        result = claim(open_engine(args.db), args.code, args.member)
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
