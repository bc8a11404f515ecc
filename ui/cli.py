"""Commands that open the Qt app: `hexikit gui` (and `hexikit` with no command)."""

from __future__ import annotations

import argparse
from typing import Any


def _gui(args: argparse.Namespace) -> int:
    from hexikit.ui.app import run_gui

    return run_gui(args.data_dir)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("gui", help="start the Hexikit app (the default)")
    parser.set_defaults(func=_gui)
