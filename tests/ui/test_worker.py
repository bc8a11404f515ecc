"""The one background-work helper: results come back on the GUI thread, in order, and never to
a widget that was closed meanwhile."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hexikit.ui.worker import Worker


def test_result_comes_back_on_the_gui_thread(qtbot: QtBot) -> None:
    worker = Worker()
    seen: list[tuple[int, bool]] = []
    op_threads: list[int] = []

    def op() -> int:
        op_threads.append(threading.get_ident())
        return 42

    with qtbot.waitSignal(worker.busyChanged, check_params_cb=lambda busy: busy is False):
        worker.run(op, lambda result: seen.append((result, QThread.currentThread().isMainThread())))
    assert seen == [(42, True)]
    assert op_threads and op_threads[0] != threading.get_ident()


def test_errors_go_to_on_error(qtbot: QtBot) -> None:
    worker = Worker()
    errors: list[BaseException] = []

    def op() -> None:
        raise ValueError("disk full")

    worker.run(op, lambda _result: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)


def test_store_lane_keeps_order(qtbot: QtBot) -> None:
    worker = Worker()
    results: list[int] = []
    for number in range(30):
        worker.run(lambda n=number: n, results.append)
    qtbot.waitUntil(lambda: len(results) == 30)
    assert results == list(range(30))


def test_results_for_a_deleted_widget_are_dropped(qtbot: QtBot) -> None:
    worker = Worker()
    label = QLabel()
    gate = threading.Event()
    worker.run(lambda: (gate.wait(10), "late")[1], label.setText, receiver=label)
    label.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(label))
    gate.set()
    qtbot.waitUntil(lambda: worker.pending == 0)
