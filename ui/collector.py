"""Python's cycle collector, run on the GUI thread only.

Python collects reference cycles whenever any thread has allocated enough, so a slide render
or a store write on a worker thread may be the one that frees a closed page or dialog from the
GUI thread. Shiboken then deletes those Qt objects on the worker: their destructors take Qt's
connection locks and call back into Python for the GIL, while the GUI thread holds the GIL
and waits for one of those locks (connecting a signal). Both wait for ever: a frozen
presenter view (seen in the tests, backtraces in the issue 13 note). So automatic collection
is off, and a timer on the GUI thread collects instead, a generation at a time, as often as
Python itself would.
"""

from __future__ import annotations

import gc
import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from hexikit.base.collect import collect_due

log = logging.getLogger(__name__)

#: How often the GUI thread looks at the collector's counts. Python's first generation fills
#: after 700 allocations; half a second of a busy GUI is far more, so this is the bound on
#: how long garbage waits, not on how much.
CHECK_INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Turns automatic collection off and collects on a timer in this (the GUI) thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        threshold = gc.get_threshold()
        self.thresholds = (threshold[0], threshold[1], threshold[2])
        gc.disable()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> int:
        return collect_due(self.thresholds)


_installed: GuiThreadCollector | None = None


def install_collector(app: QCoreApplication) -> GuiThreadCollector:
    """The app's collector, made once (call on the GUI thread, after the app exists)."""
    global _installed
    if _installed is None:
        _installed = GuiThreadCollector(app)
        log.debug("cycle collection moved to the GUI thread")
    gc.disable()  # again: something may have turned it back on
    return _installed


__all__ = ["CHECK_INTERVAL_MS", "GuiThreadCollector", "install_collector"]
