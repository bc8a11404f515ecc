"""Long titles never widen the window (issue 16: the presenter's bar grew past a 1280-pixel
screen when the deck title gained " · 5 min"), and hidden pages never size the window."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hexikit.ui.main_window import CurrentPageStack
from hexikit.ui.widgets.elided_label import ElidedLabel


def test_a_long_title_is_cut_with_an_ellipsis_and_keeps_the_whole_as_tooltip(
    qtbot: QtBot,
) -> None:
    bar = QWidget()
    qtbot.addWidget(bar)
    row = QHBoxLayout(bar)
    label = ElidedLabel("Short")
    row.addWidget(label, 1)
    row.addWidget(QPushButton("Start (F5)"))
    bar.resize(300, 40)
    bar.show()
    before = bar.minimumSizeHint().width()
    title = "Hexitime and the Hexithon for the whole of NHS Wales · 5 min" * 3
    label.set_full_text(title)
    assert bar.minimumSizeHint().width() <= before + 80
    qtbot.waitUntil(lambda: label.text().endswith("…"))
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert label.full_text() == title and label.toolTip() == title
    bar.resize(4000, 40)
    qtbot.waitUntil(lambda: label.text() == title)
    assert label.toolTip() == ""


def test_the_page_stack_is_sized_by_the_page_shown(qtbot: QtBot) -> None:
    stack = CurrentPageStack()
    qtbot.addWidget(stack)
    narrow, wide = QLabel("narrow"), QLabel("wide")
    wide.setMinimumWidth(2000)
    stack.addWidget(narrow)
    stack.addWidget(wide)
    assert stack.minimumSizeHint().width() < 2000
    stack.setCurrentWidget(wide)
    assert stack.minimumSizeHint().width() >= 2000
