"""Reference cycles are freed on the GUI thread, never on a worker (ui/collector.py): a worker
that frees a page's Qt objects deadlocks against the GUI thread."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hexikit.ui.collector import install_collector


class _Page:
    """Stands for a closed page caught in a cycle; records the thread that frees it."""

    freed_on: list[int] = []

    def __init__(self) -> None:
        self.me = self

    def __del__(self) -> None:
        _Page.freed_on.append(threading.get_ident())


def _allocate_cycles(count: int) -> None:
    for _ in range(count):
        node: list[object] = []
        node.append(node)


def test_a_busy_worker_never_frees_the_gui_threads_garbage(
    qtbot: QtBot, qapp: QApplication
) -> None:
    gc.enable()  # as Python starts: the collector must turn automatic collection off
    collector = install_collector(qapp)
    assert not gc.isenabled()
    _Page.freed_on.clear()
    page = _Page()
    del page
    # Far past every threshold: with automatic collection on, this thread would free the page.
    worker = threading.Thread(target=_allocate_cycles, args=(200_000,))
    worker.start()
    worker.join()
    assert _Page.freed_on == []
    qtbot.waitUntil(lambda: bool(_Page.freed_on), timeout=5000)
    assert _Page.freed_on == [threading.main_thread().ident]
    assert collector.timer.isActive()
