"""The one background-work helper: results come back on the GUI thread, in order, and never to
a widget that was closed meanwhile."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import cast

import shiboken6
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hexikit.base.settings import Settings
from hexikit.records.domain import EntityType
from hexikit.store import Store
from hexikit.ui.context import AppContext
from hexikit.ui.stage import AudienceWindow
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

        def op(n: int = number) -> int:
            return n

        worker.run(op, results.append)
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


def test_an_op_announces_the_records_it_changed_after_on_done(qtbot: QtBot) -> None:
    worker = Worker()
    order: list[str] = []
    worker.recordsChanged.connect(lambda kinds: order.append(f"changed {sorted(map(str, kinds))}"))
    with qtbot.waitSignal(worker.recordsChanged) as blocker:
        worker.run(
            lambda: 1,
            lambda _result: order.append("done"),
            changes={EntityType.ACTIVITY, EntityType.PARTICIPANT},
        )
    assert blocker.args == [frozenset({EntityType.ACTIVITY, EntityType.PARTICIPANT})]
    assert order == ["done", "changed ['activity', 'participant']"]


def test_changes_can_depend_on_the_result(qtbot: QtBot) -> None:
    worker = Worker()
    seen: list[frozenset[EntityType]] = []
    worker.recordsChanged.connect(seen.append)

    def no_matches() -> list[str]:
        return []

    worker.run(lambda: ["match"], changes=lambda kinds: [EntityType(k) for k in kinds])
    worker.run(no_matches, changes=lambda kinds: [EntityType(k) for k in kinds])
    qtbot.waitUntil(lambda: worker.pending == 0)
    assert seen == [frozenset({EntityType.MATCH})]  # nothing changed: no signal


def test_a_failed_op_changed_nothing(qtbot: QtBot) -> None:
    worker = Worker()
    seen: list[object] = []
    errors: list[BaseException] = []
    worker.recordsChanged.connect(seen.append)

    def op() -> None:
        raise OSError("disk full")

    worker.run(op, None, errors.append, changes={EntityType.ACTIVITY})
    qtbot.waitUntil(lambda: bool(errors))
    assert seen == []


def test_the_context_relays_changes_to_every_page(qtbot: QtBot, tmp_path: Path) -> None:
    worker = Worker()
    context = AppContext(tmp_path, cast(Store, None), Settings(), worker, AudienceWindow())
    seen: list[str] = []
    context.storeChanged.connect(seen.append)
    worker.run(lambda: None, changes={EntityType.FEEDBACK, EntityType.EVENT})
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert seen == ["event", "feedback"]


def test_a_held_lane_runs_nothing_until_released_then_all_in_order(qtbot: QtBot) -> None:
    worker = Worker()
    worker.hold(["io"])
    ran: list[str] = []
    delivered: list[str] = []

    def job(name: str) -> Callable[[], str]:
        def run() -> str:
            ran.append(name)
            return name

        return run

    for name in ("first", "second", "third"):
        worker.run(job(name), delivered.append, lane="io")
    # Another lane is not held.
    worker.run(lambda: "render", delivered.append, lane="render")
    qtbot.waitUntil(lambda: delivered == ["render"], timeout=10000)
    assert ran == []
    worker.release()
    qtbot.waitUntil(lambda: len(delivered) == 4, timeout=10000)
    assert ran == ["first", "second", "third"]
    assert delivered == ["render", "first", "second", "third"]


def test_shutdown_runs_the_held_jobs(qtbot: QtBot) -> None:
    worker = Worker()
    worker.hold(["io", "store"])
    written = threading.Event()
    worker.run(written.set, lane="io")
    assert worker.wait_for_done(10000)
    assert written.is_set()
