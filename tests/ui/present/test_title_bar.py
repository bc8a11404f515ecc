"""The Present page's title bar (ui/present/controls.py): the title beside the buttons while it
keeps room there, above them when it would not."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from hexikit.ui.present.controls import TitleBar
from hexikit.ui.widgets.elided_label import ElidedLabel


def _bar(qtbot: QtBot) -> tuple[TitleBar, ElidedLabel, QWidget]:
    title = ElidedLabel("Hexitime and the Hexithon  ·  5 min")
    buttons = QWidget()
    row = QHBoxLayout(buttons)
    row.setContentsMargins(0, 0, 0, 0)
    for text in ("Start (F5)", "Start clock", "Reset clock", "Open deck…", "Keys (?)"):
        row.addWidget(QPushButton(text))
    bar = TitleBar(title, buttons)
    qtbot.addWidget(bar)
    bar.show()
    return bar, title, buttons


def _resize(bar: TitleBar, width: int) -> None:
    bar.resize(width, bar.sizeHint().height())
    QApplication.processEvents()


def test_with_room_the_title_and_buttons_share_one_line(qtbot: QtBot) -> None:
    bar, title, buttons = _bar(qtbot)
    _resize(bar, title.sizeHint().width() + buttons.sizeHint().width() + 40)
    assert bar.stacked is False
    assert title.text() == title.full_text()
    assert buttons.geometry().top() == title.geometry().top()


def test_a_little_short_the_title_is_cut_and_keeps_the_line(qtbot: QtBot) -> None:
    bar, title, buttons = _bar(qtbot)
    _resize(bar, buttons.sizeHint().width() + bar.title_room() + 20)
    assert bar.stacked is False
    assert title.text().endswith("…") and title.text() != title.full_text()


def test_too_short_for_the_title_the_buttons_go_under_it(qtbot: QtBot) -> None:
    bar, title, buttons = _bar(qtbot)
    _resize(bar, buttons.sizeHint().width() + 10)
    assert bar.stacked is True
    assert buttons.geometry().top() >= title.geometry().bottom()
    assert title.text() == title.full_text()
    # And back when there is room again.
    _resize(bar, title.sizeHint().width() + buttons.sizeHint().width() + 40)
    assert bar.stacked is False
