"""Issue 13, Why 10: File ▸ Export / Import, the View menu and Help ▸ Keys / User guide, through
the real main window, with the rows checked in the database and the file on disk."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.base.settings import Settings
from hexikit.records.domain import ActivityInput, EventInput, Kind
from hexikit.store import Store
from hexikit.ui import main_window, menus
from hexikit.ui.context import AppContext
from hexikit.ui.main_window import MainWindow
from hexikit.ui.stage import AudienceWindow, Scene
from hexikit.ui.worker import Worker

PAGES = [
    ("hexikit.ui.capture.page", "CapturePage"),
    ("hexikit.ui.present.page", "PresentPage"),
    ("hexikit.ui.timer.page", "TimerPage"),
]


@pytest.fixture
def parts(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[MainWindow, Store, str]]:
    from hexikit.ui.timer.bells import SilentBellPlayer
    from hexikit.ui.timer.shared import shared_timer

    monkeypatch.setattr(main_window, "MODE_PAGES", PAGES)
    store = Store.open(data_dir)
    event = store.create_event(EventInput("Hexithon in Bangor"))
    other = store.create_event(EventInput("Hexithon in Hull"))
    store.create_activity(event.id, ActivityInput(Kind.OFFER, "Teach run charts"))
    store.create_activity(event.id, ActivityInput(Kind.REQUEST, "=Help with SPC"))
    store.create_activity(other.id, ActivityInput(Kind.OFFER, "Coach a PDSA cycle"))
    settings = Settings()
    settings.current_event_id = event.id
    audience = AudienceWindow()
    worker = Worker()
    context = AppContext(data_dir, store, settings, worker, audience, FakeClock())
    shared_timer(context, bells=SilentBellPlayer())
    window = MainWindow(context)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=20000)
    yield window, store, event.id
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=20000)
    for action in window.findChildren(QAction):
        action.setEnabled(False)
    for box in window.findChildren(QMessageBox):
        box.close()
    audience.close()
    window.close()
    worker.wait_for_done(10000)
    window.deleteLater()
    audience.deleteLater()
    store.close()


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path, choice: int) -> None:
    """The save dialog answers `path` with the `choice`-th file type."""
    label = menus._export_filters()[choice][0]
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *args, **kwargs: (str(path), label))
    )


def _message(qtbot: QtBot, window: MainWindow, name: str) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, name) is not None, timeout=20000)
    box = window.findChild(QMessageBox, name)
    assert isinstance(box, QMessageBox)
    return box


def test_export_this_event_as_csv_writes_its_rows_only(
    qtbot: QtBot,
    parts: tuple[MainWindow, Store, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, _store, event_id = parts
    out = tmp_path / "bangor.csv"
    _save_as(monkeypatch, out, 0)
    action = window.findChild(QAction, "exportEventAction")
    assert action is not None
    action.trigger()
    qtbot.waitUntil(out.exists, timeout=20000)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert sorted(row["title"] for row in rows) == ["'=Help with SPC", "Teach run charts"]
    assert {row["event_id"] for row in rows} == {event_id}
    qtbot.waitUntil(lambda: "Exported 2 offers and requests" in window.statusBar().currentMessage())


def test_export_every_event_with_welsh_column_names(
    qtbot: QtBot,
    parts: tuple[MainWindow, Store, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, _store, _event_id = parts
    out = tmp_path / "all"
    _save_as(monkeypatch, out, 1)
    menus.export_records(window, whole=True)
    written = out.with_suffix(".csv")
    qtbot.waitUntil(written.exists, timeout=20000)
    lines = written.read_text(encoding="utf-8-sig").splitlines()
    assert "teitl" in lines[0].lower() or "math" in lines[0].lower()  # Welsh headings
    assert len(lines) == 4  # heading and three rows


def test_export_json_has_every_event(
    qtbot: QtBot,
    parts: tuple[MainWindow, Store, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, _store, _event_id = parts
    out = tmp_path / "all.json"
    _save_as(monkeypatch, out, 2)
    menus.export_records(window, whole=True)
    qtbot.waitUntil(out.exists, timeout=20000)
    document = json.loads(out.read_text(encoding="utf-8"))
    titles = json.dumps(document)
    assert "Coach a PDSA cycle" in titles and "Teach run charts" in titles


def test_export_to_a_folder_that_cannot_be_written_says_what_to_do(
    qtbot: QtBot,
    parts: tuple[MainWindow, Store, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, _store, _event_id = parts
    _save_as(monkeypatch, tmp_path / "no-such-folder" / "x.csv", 0)
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, _title, text, *a: shown.append(text))
    )
    menus.export_records(window, whole=False)
    qtbot.waitUntil(lambda: bool(shown), timeout=20000)
    assert "Choose another folder" in shown[0]


def test_import_stores_every_row_and_reports_it(
    qtbot: QtBot, parts: tuple[MainWindow, Store, str], tmp_path: Path
) -> None:
    window, store, event_id = parts
    path = tmp_path / "in.csv"
    path.write_text(
        "kind,title,participant_name\noffer,Mentor a new QI lead,Siân Jones\n"
        "request,Data for a run chart,\n",
        encoding="utf-8",
    )
    before = len(store.list_activities(event_id))
    menus.import_records(window, str(path))
    box = _message(qtbot, window, "importReport")
    assert "Imported 2 offers and requests and 1 new participants" in box.text()
    titles = {activity.title for activity in store.list_activities(event_id)}
    assert len(titles) == before + 2
    assert {"Mentor a new QI lead", "Data for a run chart"} <= titles


def test_import_with_a_bad_row_imports_nothing_and_lists_it(
    qtbot: QtBot, parts: tuple[MainWindow, Store, str], tmp_path: Path
) -> None:
    window, store, event_id = parts
    path = tmp_path / "bad.csv"
    path.write_text(
        "kind,title,hours\noffer,Fine row,1\nswap,Bad kind,1\noffer,Bad hours,lots\n",
        encoding="utf-8",
    )
    before = {activity.title for activity in store.list_activities(event_id)}
    menus.import_records(window, str(path))
    box = _message(qtbot, window, "importFailed")
    assert "Nothing was imported" in box.text()
    assert "line 3" in box.detailedText() and "line 4" in box.detailedText()
    assert {activity.title for activity in store.list_activities(event_id)} == before


def test_view_menu_lists_the_pages_and_switches_them(
    qtbot: QtBot, parts: tuple[MainWindow, Store, str]
) -> None:
    window, _store, _event_id = parts
    texts = [action.text() for action in window.page_actions]
    assert texts == ["Capture", "Present", "Timer"]
    assert window.page_actions[2].shortcut().toString() == "Ctrl+3"
    window.page_actions[2].trigger()
    current = window.pages.currentWidget()
    assert current is not None
    assert current.objectName() == "TimerPage"


def projected(window: MainWindow) -> Scene:
    assert window.context is not None
    return window.context.audience.current_scene


def test_view_projector_menu_goes_through_the_stage(
    qtbot: QtBot, parts: tuple[MainWindow, Store, str]
) -> None:
    window, _store, _event_id = parts
    assert window.projector_menu is not None
    names = [action.objectName() for action in window.projector_menu.actions()]
    assert names[0] == "backToSlidesAction"
    timer = window.findChild(QAction, f"showScene_{Scene.TIMER}")
    assert timer is not None
    timer.trigger()
    assert projected(window) == Scene.TIMER
    back = window.findChild(QAction, "backToSlidesAction")
    assert back is not None
    back.trigger()
    assert projected(window) == Scene.SLIDES


def test_notes_size_from_the_view_menu(qtbot: QtBot, parts: tuple[MainWindow, Store, str]) -> None:
    window, _store, _event_id = parts
    assert window.context is not None
    size = window.context.settings.notes_font_pt
    larger = window.findChild(QAction, "largerNotesAction")
    assert larger is not None
    larger.trigger()
    assert window.context.settings.notes_font_pt == size + 2


def test_full_screen_toggles_and_comes_back(
    qtbot: QtBot, parts: tuple[MainWindow, Store, str]
) -> None:
    window, _store, _event_id = parts
    menus.toggle_full_screen(window)
    qtbot.waitUntil(window.isFullScreen)
    menus.toggle_full_screen(window)
    qtbot.waitUntil(lambda: not window.isFullScreen())


def test_help_keys_on_capture_lists_its_keys(
    qtbot: QtBot, parts: tuple[MainWindow, Store, str]
) -> None:
    window, _store, _event_id = parts
    window.show_page("CapturePage")
    rows = dict(menus.key_rows(window))
    assert rows.get("Ctrl+O", "").startswith("Offer")
    assert "Ctrl+N" in rows and "Ctrl+S" in rows and "F1" in rows
    assert rows["Ctrl+3"] == "Timer"
    menus.show_keys(window)
    dialog = window.findChild(menus.KeysDialog, "keysDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_help_keys_on_present_opens_its_overlay(
    qtbot: QtBot, parts: tuple[MainWindow, Store, str]
) -> None:
    window, _store, _event_id = parts
    window.show_page("PresentPage")
    menus.show_keys(window)
    page = window.page("PresentPage")
    overlay = page.findChild(QWidget, "helpOverlay")
    assert overlay is not None
    qtbot.waitUntil(overlay.isVisible)


def test_user_guide_opens_in_the_app(qtbot: QtBot, parts: tuple[MainWindow, Store, str]) -> None:
    window, _store, _event_id = parts
    guide = menus.open_user_guide(window)
    qtbot.waitUntil(guide.isVisible)
    text = guide.browser.toPlainText()
    assert "Hexikit user guide" in text
    assert "1-2-4-All" in text and "Shift+F5" in text
    assert guide.focusWidget() is guide.browser  # the keys scroll the guide at once
    guide.close()


def test_closing_the_window_remembers_where_it_was(
    qtbot: QtBot, data_dir: Path, parts: tuple[MainWindow, Store, str]
) -> None:
    from hexikit.ui.placement import current_screen_set

    window, _store, _event_id = parts
    window.close()
    saved = Settings.load(data_dir).window_placements
    assert list(saved) == [current_screen_set()]
    assert saved[current_screen_set()]
