"""`hexikit present [PATH]`: open the app straight into presenting a deck."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from hexikit.base.i18n import _, current_language
from hexikit.cli import CommandError


def _present(args: argparse.Namespace) -> int:
    deck_path = Path(args.path) if args.path else None
    if deck_path is not None and not deck_path.exists():
        raise CommandError(
            _("There is no deck at {path}. Give a deck folder or its Markdown file.").format(
                path=deck_path
            )
        )
    from hexikit.base.resources import builtin_deck_dir
    from hexikit.ui.app import run_gui
    from hexikit.ui.main_window import MainWindow
    from hexikit.ui.present.page import PresentPage, present_page

    chosen = deck_path or builtin_deck_dir(current_language())

    def ready(window: MainWindow) -> None:
        page = present_page(window)
        if page is None:
            return
        window.show_page(PresentPage.__name__)

        def shown(_deck: object) -> None:
            page.start_show(1)
            # Slide 1 is up: now the store, and the other pages.
            window.content_shown()

        page.open_deck(chosen, on_loaded=shown)

    # The first slide needs no data: it is opened as soon as the pages are built, before the
    # store has finished opening.
    return run_gui(
        args.data_dir,
        ask_for_event=False,
        on_pages=ready,
        first_page=PresentPage.__name__,
        content_first=True,
    )


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "present",
        help=_("open Hexikit straight into presenting a deck (default: the built-in deck)"),
    )
    parser.add_argument("path", nargs="?", help=_("a deck folder or its Markdown file"))
    parser.set_defaults(func=_present)
