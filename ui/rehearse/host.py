"""What the rehearsal tools need of the presenter: its context, its presentation, key
bindings and opening a deck. A protocol, so `rehearse` depends on the presenter's state and
keys only, while the Present page (which attaches the rehearsal bar) depends on `rehearse`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from hexikit.decks.deck import Deck
from hexikit.ui.context import AppContext
from hexikit.ui.present.keys import KeySpec
from hexikit.ui.present.state import Presentation


class PresenterHost(Protocol):
    """The Present page, as the rehearsal bar, the teleprompter and the notes editor see it."""

    context: AppContext
    presentation: Presentation

    def add_key(self, key: KeySpec, callback: Callable[[], object], description: str) -> None: ...

    def slides_on_projector(self) -> bool: ...

    def open_deck(
        self, path: Path, on_loaded: Callable[[Deck], None] | None = None, start_at: int = 1
    ) -> None: ...
