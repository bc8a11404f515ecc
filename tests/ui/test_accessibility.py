"""Keyboard and screen reader (issue 13, 8 and 12): every page walked with real Tab and Shift+Tab
presses reaches every control both ways, and every control has an accessible name; the focus
ring shows at ≥ 3:1; at 1.5× the system font every page still fits a 1366-pixel screen with no
clipped text."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hexikit.base.settings import Settings
from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.records.recording import record_activity
from hexikit.store import Store
from hexikit.ui.app import Application
from hexikit.ui.main_window import MODE_PAGES
from hexikit.ui.theme import font_scale
from hexikit.ui.widgets.a11y import RING_DARK, FocusRing
from tests.ui.a11y_walk import accessible_name, describe, reachable, tab_walk
from tests.ui.clipping import clipped

LAPTOP_WIDTH = 1366
PAGE_NAMES = [name for _module, name in MODE_PAGES]


def _fill(data_dir: Path) -> None:
    store = Store.open(data_dir)
    try:
        event = store.create_event(
            EventInput(title="Hexithon Leeds", date="2026-11-26", venue="Hall", region="Wales")
        )
        for kind, title, name in (
            (Kind.OFFER, "Teach run charts", "Asha Patel"),
            (Kind.REQUEST, "Help with a run chart", "Ben Okafor"),
        ):
            record_activity(
                store,
                event.id,
                ActivityInput(kind=kind, title=title, categories=["Audit and evaluation"]),
                ParticipantInput(name=name, consent=True),
            )
    finally:
        store.close()
    Settings(current_event_id=event.id).save(data_dir)


@pytest.fixture
def application(qtbot: QtBot, data_dir: Path) -> Iterator[Application]:
    _fill(data_dir)
    app = Application(data_dir)
    app.start()
    qtbot.waitUntil(lambda: app.worker.pending == 0, timeout=30000)
    app.window.resize(LAPTOP_WIDTH, 768)
    app.window.activateWindow()
    qtbot.waitActive(app.window)
    yield app
    qtbot.waitUntil(lambda: app.worker.pending == 0, timeout=20000)
    app.window.close()
    qtbot.waitUntil(lambda: app.worker.pending == 0, timeout=20000)
    app.window.deleteLater()
    qtbot.waitUntil(lambda: app.worker.pending == 0, timeout=20000)
    app.worker.wait_for_done(10000)
    if app.context is not None:
        app.context.store.close()


def _laid_out(page: QWidget) -> bool:
    return page.isVisible() and page.width() > 0


def _open(qtbot: QtBot, application: Application, name: str) -> QWidget:
    window = application.window
    window.show_page(name)
    page = window.page(name)
    qtbot.waitUntil(lambda: application.worker.pending == 0, timeout=20000)
    qtbot.waitUntil(partial(_laid_out, page))
    QApplication.processEvents()
    return page


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_tab_and_shift_tab_reach_every_control_on_each_page(
    qtbot: QtBot, application: Application, name: str
) -> None:
    page = _open(qtbot, application, name)
    window = application.window
    expected = [w for w in reachable(window) if w is window.sidebar or page.isAncestorOf(w)]
    assert expected, "the page has no control the keyboard can reach"
    forward = tab_walk(window.sidebar)
    backward = tab_walk(window.sidebar, backwards=True)
    missed_forward = [describe(w) for w in expected if w not in forward]
    missed_backward = [describe(w) for w in expected if w not in backward]
    assert (missed_forward, missed_backward) == ([], [])
    # The same controls both ways, in the reverse order.
    assert forward[1:] == list(reversed(backward[1:]))
    unnamed = [describe(w) for w in forward if not accessible_name(w)]
    assert unnamed == []


def test_tab_leaves_the_side_bar_for_the_page(qtbot: QtBot, application: Application) -> None:
    window = application.window
    page = _open(qtbot, application, "CapturePage")
    walk = tab_walk(window.sidebar)
    assert accessible_name(window.sidebar) == "Modes"
    assert page.isAncestorOf(walk[1])


def _contrast(first: QColor, second: QColor) -> float:
    def luminance(color: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(color.redF())
            + 0.7152 * channel(color.greenF())
            + 0.0722 * channel(color.blueF())
        )

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_focus_ring_is_drawn_round_the_focused_control_at_3_to_1(
    qtbot: QtBot, application: Application
) -> None:
    application.window.resize(LAPTOP_WIDTH, 1000)  # Save in view without scrolling
    page = _open(qtbot, application, "CapturePage")
    save = page.form.save_button  # type: ignore[attr-defined]
    assert isinstance(save, QPushButton)
    save.setFocus(Qt.FocusReason.TabFocusReason)
    ring = FocusRing.install()
    assert ring is not None
    qtbot.waitUntil(lambda: ring.widget() is save and ring.isVisible())
    picture = application.window.grab().toImage()
    corner = ring.mapTo(application.window, ring.rect().topLeft())
    drawn = QColor(picture.pixel(corner.x() + 1, corner.y() + ring.height() // 2))
    assert drawn.name() == RING_DARK.name()
    # Against the page behind it and the button's own fill.
    page_colour = QColor(picture.pixel(corner.x() - 3, corner.y() + ring.height() // 2))
    fill = QColor(picture.pixel(corner.x() + ring.width() // 2, corner.y() + 6))
    assert _contrast(drawn, page_colour) >= 3
    assert _contrast(drawn, fill) >= 3


@pytest.fixture
def large_font(qapp: QApplication) -> Iterator[None]:
    original = QFont(qapp.font())
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * 1.5)
    qapp.setFont(bigger)
    yield
    qapp.setFont(original)


def test_at_one_and_a_half_times_the_font_every_page_fits_a_laptop(
    large_font: None, qtbot: QtBot, application: Application
) -> None:
    window = application.window
    problems: dict[str, list[str]] = {}
    widths: dict[str, int] = {}
    for name in PAGE_NAMES:
        _open(qtbot, application, name)
        widths[name] = window.minimumSizeHint().width()
        problems[name] = clipped(window)
    assert {name: width for name, width in widths.items() if width > LAPTOP_WIDTH} == {}
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_capture_page_follows_a_larger_system_font(
    large_font: None, qtbot: QtBot, application: Application
) -> None:
    """Its style sheets fix sizes (11 pt fields, a 17 pt title): they grow with the system
    font instead of staying put."""
    page = _open(qtbot, application, "CapturePage")
    title = page.form.title_edit  # type: ignore[attr-defined]
    usual = 11 * font_scale()
    assert font_scale() > 1.3
    assert title.font().pointSizeF() == pytest.approx(usual, abs=0.2)
    assert title.fontInfo().pointSizeF() >= 11 * 1.3
    sidebar = application.window.sidebar
    assert sidebar.font().pixelSize() >= round(15 * 1.3)


def test_capture_tab_order_runs_down_the_form_then_to_the_list(
    qtbot: QtBot, application: Application
) -> None:
    page = _open(qtbot, application, "CapturePage")
    form = page.form  # type: ignore[attr-defined]
    entries = page.entries  # type: ignore[attr-defined]
    walk = tab_walk(form.participant_combo)
    expected = [
        form.participant_combo,
        form.title_edit,
        form.description_edit,
        form.category_picker.line_edit,
        form.region_picker.line_edit,
        form.mode_combo,
        form.hours_edit,
        form.save_button,
        form.clear_button,
        form.edit_participant_button,
        form.new_participant_button,
        entries.filter_edit,
        entries.table,
    ]
    assert walk[: len(expected)] == expected
    # Shift+Tab from Who goes back up to the Offer/Request switch.
    backward = tab_walk(form.participant_combo, backwards=True)
    assert backward[1] is form.offer_button


def test_arrows_switch_offer_and_request_from_the_keyboard(
    qtbot: QtBot, application: Application
) -> None:
    page = _open(qtbot, application, "CapturePage")
    form = page.form  # type: ignore[attr-defined]
    form.offer_button.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(form.offer_button, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: form.request_button.isChecked())
    assert not form.offer_button.isChecked()
    assert "request" in form.save_button.text().lower()


def test_tab_leaves_the_list_and_arrows_move_in_it(qtbot: QtBot, application: Application) -> None:
    page = _open(qtbot, application, "CapturePage")
    table = page.entries.table  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: table.model().rowCount() == 2)
    table.setFocus(Qt.FocusReason.TabFocusReason)
    table.selectRow(0)
    QTest.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 1
    QTest.keyClick(table, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None and focused is not table and not table.isAncestorOf(focused)


def test_the_tag_pickers_show_the_ring_round_the_whole_picker(
    qtbot: QtBot, application: Application
) -> None:
    page = _open(qtbot, application, "CapturePage")
    picker = page.form.category_picker  # type: ignore[attr-defined]
    picker.line_edit.setFocus(Qt.FocusReason.TabFocusReason)
    ring = FocusRing.install()
    assert ring is not None
    qtbot.waitUntil(lambda: ring.widget() is picker and ring.isVisible())
    assert accessible_name(picker.line_edit) == "Categories"


def _dialogs(application: Application) -> dict[str, QDialog]:
    from hexikit.ui.about import AboutDialog
    from hexikit.ui.capture.participant_dialog import ParticipantDialog
    from hexikit.ui.cards.widgets import CustomSheetDialog
    from hexikit.ui.menus import KeysDialog, UserGuide, key_rows, user_guide_path
    from hexikit.ui.widgets.event_dialog import EventDialog

    window = application.window
    context = application.context
    assert context is not None
    event_id = context.current_event_id
    assert event_id
    events = [(event_id, "Hexithon Leeds", "2026-11-26", "Hall")]
    return {
        "keys": KeysDialog(key_rows(window), window),
        "guide": UserGuide(user_guide_path(), window),
        "custom sheet": CustomSheetDialog(window),
        "participant": ParticipantDialog(context, event_id, name="Asha Patel", parent=window),
        "about": AboutDialog(context.data_dir, window),
        "event": EventDialog(context, events, window),
    }


@pytest.mark.parametrize(
    "which", ["keys", "guide", "custom sheet", "participant", "about", "event"]
)
def test_each_dialog_has_a_whole_tab_chain_both_ways_and_names(
    qtbot: QtBot, application: Application, which: str
) -> None:
    dialog = _dialogs(application)[which]
    dialog.open()
    dialog.raise_()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    expected = reachable(dialog)
    assert expected, "the dialog has no control the keyboard can reach"
    start = dialog.focusWidget() or expected[0]
    forward = tab_walk(start)
    backward = tab_walk(start, backwards=True)
    missed_forward = [describe(w) for w in expected if w not in forward]
    missed_backward = [describe(w) for w in expected if w not in backward]
    assert (missed_forward, missed_backward) == ([], [])
    assert forward[1:] == list(reversed(backward[1:]))
    assert [describe(w) for w in forward if not accessible_name(w)] == []
    dialog.reject()
