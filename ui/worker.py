"""The one background-work helper (in the spirit of Anki's QueryOp).

    worker.run(op, on_done, on_error, lane="store", changes={EntityType.ACTIVITY})

`op` runs off the GUI thread and never touches widgets; its result (or exception) comes back
to the GUI thread by a queued signal and is handed to `on_done` / `on_error`.

An op that writes says which kinds of records it changed (`changes`: the kinds, or a function
of the op's result for ops that only know afterwards, like a sync pull). After `on_done` the
worker emits `recordsChanged` once with those kinds; the app context turns that into its
`storeChanged` signal, so every page showing those records refreshes itself and no caller has
to remember to tell the others.

Lanes keep order where it matters: "store" is serial, so writes and the reads that follow them
happen in the order they were asked for; "render" (slides, PDFs) runs in parallel; "network"
(sync) is serial, one request in flight; "io" (files) is serial.

At start-up a lane can be held (`hold`) until the first page's content is on screen
(`release`): its jobs wait, in order, instead of running. A job on another thread still takes
Python's one interpreter lock from the GUI thread while it runs, so background work started
before the first paint delays that paint as much as if it ran in front of it.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Iterable
from typing import Generic, Literal, TypeVar, cast, get_args

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from hexikit.records.domain import EntityType

log = logging.getLogger(__name__)

T = TypeVar("T")

Lane = Literal["store", "render", "network", "io"]
#: threads per lane
LANE_THREADS: dict[Lane, int] = {"store": 1, "render": 2, "network": 1, "io": 1}

#: what an op changed: the kinds it writes, or a function of its result that says
Changes = Iterable[EntityType] | Callable[[T], Iterable[EntityType]]


class _Relay(QObject):
    """Carries one result from the worker thread back to the GUI thread.

    Signals:
        finished(object, object): (result, error); exactly one of them is meaningful.
    """

    finished = Signal(object, object)


class _Job(QRunnable, Generic[T]):
    def __init__(self, op: Callable[[], T], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._op = op
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._op()
        except BaseException as exc:  # report every failure to the GUI thread
            log.debug("background op failed: %s", "".join(traceback.format_exception(exc)))
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)


def _owner(callback: Callable[..., object] | None) -> QObject | None:
    """The QObject a bound-method callback belongs to, if any."""
    owner = getattr(callback, "__self__", None)
    return owner if isinstance(owner, QObject) else None


def _changed_kinds(changes: Changes[T], result: T) -> frozenset[EntityType]:
    kinds = changes(result) if callable(changes) else changes
    return frozenset(EntityType(kind) for kind in kinds)


class Worker(QObject):
    """Runs operations off the GUI thread.

    Signals:
        busyChanged(bool): True when the first job starts, False when the last one ends.
        recordsChanged(frozenset): the kinds of records (`EntityType`) an op reported it
            changed, emitted once after its `on_done`.
    """

    busyChanged = Signal(bool)
    recordsChanged = Signal(frozenset)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pools: dict[Lane, QThreadPool] = {}
        for lane in get_args(Lane):
            pool = QThreadPool(self)
            pool.setMaxThreadCount(LANE_THREADS[lane])
            if lane == "render":
                # Its threads stay while the worker does: each keeps its text documents
                # (ui/present/render.py, `_scratch_document`).
                pool.setExpiryTimeout(-1)
            self._pools[lane] = pool
        self._in_flight: set[_Relay] = set()
        #: jobs of held lanes, in the order asked for (see `hold`)
        self._held: dict[Lane, list[_Job[object]]] = {}

    @property
    def pending(self) -> int:
        """Jobs started and not yet reported back."""
        return len(self._in_flight)

    def run(
        self,
        op: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        lane: Lane = "store",
        receiver: QObject | None = None,
        changes: Changes[T] = (),
    ) -> None:
        """Run `op` on `lane`; hand its result to `on_done` (or its error to `on_error`).

        Results for a widget that was closed meanwhile are dropped: pass the widget as
        `receiver`; callbacks that are bound methods of a QObject are checked the same way.
        The records the op changed are announced (`recordsChanged`) even then: other pages
        still show them.
        """
        relay = _Relay()
        self._in_flight.add(relay)
        receivers = [obj for obj in (receiver, _owner(on_done), _owner(on_error)) if obj]

        def deliver(result: object, error: object) -> None:
            self._in_flight.discard(relay)
            relay.deleteLater()
            try:
                alive = all(shiboken6.isValid(obj) for obj in receivers)
                if isinstance(error, BaseException):
                    if not alive:
                        log.debug("error dropped: its receiver was deleted")
                    elif on_error is not None:
                        on_error(error)
                    else:
                        log.error("background operation failed", exc_info=error)
                    return
                value = cast(T, result)
                try:
                    if not alive:
                        log.debug("result dropped: its receiver was deleted")
                    elif on_done is not None:
                        on_done(value)
                finally:
                    kinds = _changed_kinds(changes, value)
                    if kinds:
                        self.recordsChanged.emit(kinds)
            finally:
                if not self._in_flight:
                    self.busyChanged.emit(False)

        relay.finished.connect(deliver)
        if len(self._in_flight) == 1:
            self.busyChanged.emit(True)
        job: _Job[object] = _Job(op, relay)
        held = self._held.get(lane)
        if held is not None:
            held.append(job)
        else:
            self._pools[lane].start(job)

    def hold(self, lanes: Iterable[Lane]) -> None:
        """Keep the jobs of these lanes waiting, in order, until `release` (start-up: the
        first paint gets the interpreter to itself)."""
        for lane in lanes:
            self._held.setdefault(lane, [])

    def release(self) -> None:
        """Start the held jobs, in the order they were asked for."""
        held, self._held = self._held, {}
        for lane, jobs in held.items():
            for job in jobs:
                self._pools[lane].start(job)

    def wait_for_done(self, msecs: int = 30000) -> bool:
        """Block until every lane is idle (for shutdown only; results are still delivered)."""
        self.release()
        return all(pool.waitForDone(msecs) for pool in self._pools.values())
