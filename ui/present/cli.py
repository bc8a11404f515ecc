"""`hexikit present [PATH]`: open the app straight into presenting a deck."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hexikit.base.i18n import _
from hexikit.cli import CommandError

if TYPE_CHECKING:
    from hexikit.decks.deck import Deck


def _present(args: argparse.Namespace) -> int:
    deck_path = Path(args.path) if args.path else None
    if deck_path is not None and not deck_path.exists():
        raise CommandError(
            _("There is no deck at {path}. Give a deck folder or its Markdown file.").format(
                path=deck_path
            )
        )
    from hexikit.base.i18n import follow_setting
    from hexikit.base.paths import data_dir
    from hexikit.base.resources import builtin_deck_dir
    from hexikit.base.settings import Settings
    from hexikit.decks.kept import keep_deck, kept_deck
    from hexikit.decks.loading import keepable_deck_file, load_deck, reads_quickly
    from hexikit.decks.markdown import fit_deferred

    # The built-in deck in the language the app will speak (its setting counts).
    folder = data_dir(args.data_dir)
    language = follow_setting(Settings.load(folder).language)
    chosen = deck_path or builtin_deck_dir(language)
    # An unchanged deck (Markdown, or a PDF opened directly) comes from the data folder as it
    # was read at the last launch. Else a Markdown or library deck is read now, before Qt is
    # loaded: slide 1 needs it, and nothing else runs yet. (Modules loaded after PySide6 also
    # pay for its scan of their source.) A PDF or PowerPoint file is read in the background.
    read = None
    deck_file = keepable_deck_file(chosen)
    if deck_file is not None:
        read = kept_deck(folder, deck_file, language)
    kept = read is not None
    if read is None and reads_quickly(chosen):
        with fit_deferred():  # slide 1 first; the overflow measure comes after
            read = load_deck(chosen)

    from collections.abc import Callable
    from dataclasses import replace
    from functools import partial

    from PySide6.QtCore import QTimer

    from hexikit.ui.app import run_gui
    from hexikit.ui.main_window import MainWindow
    from hexikit.ui.present.page import PresentPage, present_page
    from hexikit.ui.present.slide_view import SlideView

    def ready(window: MainWindow) -> None:
        page = present_page(window)
        if page is None:
            return
        window.show_page(PresentPage.__name__)

        # The views slide 1 must be painted on, each with its one-shot slot (disconnected once
        # it fires: paints on every slide change must not keep calling it).
        waiting: dict[SlideView, Callable[[int], None]] = {}
        # The deck as read, to keep for the next launch (None: it came from there).
        to_keep: list[Deck] = []

        def painted(view: SlideView, _number: int) -> None:
            slot = waiting.pop(view, None)
            if slot is None:
                return
            view.slidePainted.disconnect(slot)
            if not waiting:
                # Slide 1 is on screen on the laptop and the projector (its real image, not a
                # stand-in): now the store and the other pages. Started earlier, their imports
                # and builds held the GUI thread before the slides were drawn.
                QTimer.singleShot(0, window.content_shown)
                context = window.context
                if to_keep and context is not None:
                    # Kept for the next launch, off the GUI thread, once nothing waits.
                    deck = to_keep.pop()
                    context.worker.run(lambda: keep_deck(folder, deck, language), lane="io")

        def shown(deck: Deck) -> None:
            if not kept:
                # As read: the overflow warnings measured after the first paint are added to
                # the shown deck's problems, and are measured again at every launch.
                to_keep.append(replace(deck, problems=list(deck.problems)))
            page.start_show(1)
            views = [page.current_view] + ([page.scene] if page.scene.isVisible() else [])
            for view in views:
                waiting[view] = partial(painted, view)
                view.slidePainted.connect(waiting[view])

        # On the next turn, once the page is laid out: slide 1 is rendered at the size its
        # views really have, not at the size they had before the first layout.
        QTimer.singleShot(0, lambda: page.open_deck(chosen, on_loaded=shown, read=read))

    # The first slide needs no data: it is opened as soon as the pages are built, before the
    # store has finished opening.
    return run_gui(
        args.data_dir,
        ask_for_event=False,
        on_pages=ready,
        first_page=PresentPage.__name__,
        content_first=True,
        # Not the io lane: a PDF or PowerPoint deck is read there, and slide 1 needs it.
        held_lanes=("store", "network"),
    )


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "present",
        help=_("open Hexikit straight into presenting a deck (default: the built-in deck)"),
    )
    parser.add_argument("path", nargs="?", help=_("a deck folder or its Markdown file"))
    parser.set_defaults(func=_present)
