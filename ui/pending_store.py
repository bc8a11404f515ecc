"""A store that is still opening: the pages are built (and the user types) before it is open.

The app opens the store as the first job of the worker's one-thread store lane, so every later
store job runs after it; jobs on other lanes that reach the store wait here, on their own
thread, until it is open. Nothing on the GUI thread waits for it (widgets touch the store only
inside worker jobs).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hexikit.store import Store


class StoreNotOpened(Exception):
    """The store could not be opened; what was asked of it cannot be done."""


class PendingStore:
    """Stands in for the store until `resolve` (or `fail`) is called; then forwards to it."""

    def __init__(self) -> None:
        self._opened = threading.Event()
        self._store: Store | None = None
        self._error: BaseException | None = None

    def resolve(self, store: Store) -> None:
        self._store = store
        self._opened.set()

    def fail(self, error: BaseException) -> None:
        self._error = error
        self._opened.set()

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def __getattr__(self, name: str) -> Any:
        # Only names not found on PendingStore itself come here: the store's own.
        if self._store is not None:
            return getattr(self._store, name)
        from hexikit.store import Store

        if callable(getattr(Store, name, None)):
            # A method handed to a worker job (`worker.run(store.list_events, …)`): looked up
            # on the GUI thread, called on the worker's. The wait happens at the call.
            def when_open(*args: Any, **kwargs: Any) -> Any:
                return getattr(self._wait(), name)(*args, **kwargs)

            return when_open
        return getattr(self._wait(), name)

    def _wait(self) -> Store:
        self._opened.wait()
        if self._store is None:
            raise StoreNotOpened(str(self._error)) from self._error
        return self._store
