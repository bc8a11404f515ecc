"""What every mode page shares: the store, settings, the worker, the stage, the current event."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from hexikit.base.clock import SYSTEM_CLOCK, Clock
from hexikit.base.settings import Settings
from hexikit.records.domain import EntityType
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.worker import Worker

if TYPE_CHECKING:
    # Only for annotations: importing the store loads SQLAlchemy, which the app does off the
    # GUI thread after the window is shown (see hexikit.ui.app).
    from hexikit.store import Store


class AppContext(QObject):
    """Shared services for the windows and mode pages.

    Widgets use `store` only through `worker.run(...)` calls to core functions; they never
    open SQLAlchemy sessions themselves.

    Signals:
        currentEventChanged(str): the event being run changed (its UUID, or "" for none).
        storeChanged(str): records of this kind (an `EntityType`: "activity", ...) changed, so
            pages showing them should refresh. Emitted for every kind a worker op declared in
            its `changes`; pages connect here, callers never emit it by hand.
        settingsChanged(): the settings object was changed and saved.
    """

    currentEventChanged = Signal(str)
    storeChanged = Signal(str)
    settingsChanged = Signal()

    def __init__(
        self,
        data_dir: Path,
        store: Store,
        settings: Settings,
        worker: Worker,
        audience: AudienceWindow,
        clock: Clock = SYSTEM_CLOCK,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.store = store
        self.settings = settings
        self.worker = worker
        self.audience = audience
        self.clock = clock
        self._current_event_id = settings.current_event_id
        #: Started by `hexikit present`, which opens its own deck (the Present page does not
        #: open the last one).
        self.presenting_on_start = False
        #: False from start-up until the first page's content is on screen (the app sets it;
        #: a context made on its own, as in tests, starts shown).
        self.content_on_screen = True
        self._after_content: list[Callable[[], None]] = []
        worker.recordsChanged.connect(self._records_changed)

    def when_content_shown(self, then: Callable[[], None]) -> None:
        """Call `then` once the first page's content is on screen (at once if it is): for
        work that would hold up the first paint and need not come before it."""
        if self.content_on_screen:
            then()
        else:
            self._after_content.append(then)

    def content_shown(self) -> None:
        self.content_on_screen = True
        waiting, self._after_content = self._after_content, []
        for then in waiting:
            then()

    @property
    def current_event_id(self) -> str:
        return self._current_event_id

    def set_current_event(self, event_id: str) -> None:
        if event_id == self._current_event_id:
            return
        self._current_event_id = event_id
        self.settings.current_event_id = event_id
        self.save_settings()
        self.currentEventChanged.emit(event_id)

    def save_settings(self) -> None:
        # Settings are a convenience; a read-only disk must not stop the session.
        with contextlib.suppress(OSError):
            self.settings.save(self.data_dir)
        self.settingsChanged.emit()

    def _records_changed(self, kinds: frozenset[EntityType]) -> None:
        for kind in sorted(kinds):
            self.storeChanged.emit(str(kind))
