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
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hexikit.base.settings import Settings
from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.records.recording import record_activity
from hexikit.store import Store
from hexikit.ui.app import Application
from hexikit.ui.main_window import MODE_PAGES
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


@pytest.mark.usefixtures("large_font")
def test_at_one_and_a_half_times_the_font_every_page_fits_a_laptop(
    qtbot: QtBot, application: Application
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
