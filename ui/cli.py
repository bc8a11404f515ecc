"""Commands that open the Qt app: `hexikit gui` (and `hexikit` with no command)."""

from __future__ import annotations

import argparse
from typing import Any


def _gui(args: argparse.Namespace) -> int:
    from hexikit.ui.app import run_gui
    from hexikit.ui.main_window import MainWindow, when_first_painted

    def pages_built(window: MainWindow) -> None:
        # The Capture form is drawn (and takes typing) before the store opens: SQLAlchemy's
        # import and the migration check come after, and the list fills in when it answers.
        when_first_painted(window.pages.currentWidget(), window.content_shown)

    return run_gui(args.data_dir, on_pages=pages_built, content_first=True)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("gui", help="start the Hexikit app (the default)")
    parser.set_defaults(func=_gui)
