"""`hexikit room serve --event ID [--host H] [--port N]`: the room web app without the window.

Prints the join URL (`http://H:N/j/<code>`) as its first line, then serves until SIGTERM or
Ctrl+C; the code dies with the process. Without --host it listens on the laptop's likeliest
reachable address (`hexikit room addresses` lists them), and says so plainly when no network
is up. Without --port it takes port 8470, or any free port when that is taken.
"""

from __future__ import annotations

import argparse
import signal
import sys
from types import FrameType
from typing import Any

from hexikit.base.i18n import _


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "room",
        help=_("the room web app: phones add offers and requests over the local network"),
        description=_("Let participants add offers and requests from their phones."),
    )
    commands = parser.add_subparsers(dest="room_command", metavar="COMMAND", required=True)
    serve = commands.add_parser(
        "serve",
        help=_("open the room: print the join URL, serve until stopped (SIGTERM, Ctrl+C)"),
    )
    serve.add_argument("--event", required=True, help=_("the event's id (or its first characters)"))
    serve.add_argument("--host", help=_("the address to listen on (default: the likeliest one)"))
    serve.add_argument("--port", type=int, help=_("the port (default 8470, or any free one)"))
    serve.set_defaults(func=run_serve)
    addresses = commands.add_parser(
        "addresses", help=_("list this laptop's addresses, the likeliest reachable first")
    )
    addresses.set_defaults(func=run_addresses)


def run_addresses(args: argparse.Namespace) -> int:
    from hexikit.cli import CommandError
    from hexikit.room.network import laptop_addresses, no_network_message

    found = laptop_addresses()
    if not found:
        raise CommandError(no_network_message())
    for address in found:
        print(address.label)
    return 0


def run_serve(args: argparse.Namespace) -> int:
    from hexikit.cli import CommandError
    from hexikit.cli.common import open_store
    from hexikit.cli.report import resolve_event_id
    from hexikit.room.network import laptop_addresses, no_network_message
    from hexikit.room.server import RoomServer

    host = args.host
    if not host:
        found = laptop_addresses()
        if not found:
            raise CommandError(no_network_message())
        host = found[0].address
    if args.port is not None and not 0 <= args.port <= 65535:
        raise CommandError(_("The port must be between 0 and 65535."))
    store = open_store(args)
    try:
        event_id = resolve_event_id(store, args.event)
        room = RoomServer(store, event_id)
        try:
            url = (
                room.start(host, args.port) if args.port is not None else room.start_preferred(host)
            )
        except OSError as exc:
            raise CommandError(
                _("The room cannot listen on {host}: {error}").format(host=host, error=exc)
            ) from exc

        def stop(_signum: int, _frame: FrameType | None) -> None:
            room.stop()

        signal.signal(signal.SIGTERM, stop)
        print(url, flush=True)
        print(
            _("Open that address on a phone on the same network. Stop with Ctrl+C."),
            file=sys.stderr,
        )
        try:
            room.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            room.stop()
    finally:
        store.close()
    return 0
