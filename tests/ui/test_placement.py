"""The main window comes back where it was on the same screens (issue 13, Why 4)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from hexikit.base.settings import Settings
from hexikit.ui.main_window import MainWindow
from hexikit.ui.placement import (
    current_screen_set,
    remember_placement,
    restore_placement,
    screen_set_key,
)


def test_the_same_screens_give_the_same_key_in_any_order() -> None:
    laptop = ("eDP-1", QRect(0, 0, 1920, 1080))
    projector = ("HDMI-1", QRect(1920, 0, 1280, 720))
    assert screen_set_key([laptop, projector]) == screen_set_key([projector, laptop])
    assert screen_set_key([laptop]) != screen_set_key([laptop, projector])
    moved = ("HDMI-1", QRect(-1280, 0, 1280, 720))
    assert screen_set_key([laptop, projector]) != screen_set_key([laptop, moved])


def test_first_start_fills_the_available_screen(qtbot: QtBot) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    screen = QGuiApplication.primaryScreen()
    assert window.size() == screen.availableGeometry().size()
    assert restore_placement(window, Settings()) is False


def test_size_and_position_come_back_through_the_settings_file(
    qtbot: QtBot, tmp_path: Path
) -> None:
    first = QMainWindow()
    qtbot.addWidget(first)
    available = QGuiApplication.primaryScreen().availableGeometry()
    # Inside the screen: Qt pulls a restored window back onto it.
    first.setGeometry(available.x() + 40, available.y() + 30, available.width() // 2, 300)
    first.show()
    qtbot.waitExposed(first)
    settings = Settings()
    remember_placement(first, settings)
    settings.save(tmp_path)

    loaded = Settings.load(tmp_path)
    assert list(loaded.window_placements) == [current_screen_set()]
    second = QMainWindow()
    qtbot.addWidget(second)
    assert restore_placement(second, loaded) is True
    second.show()
    qtbot.waitExposed(second)
    assert second.size() == first.size()
    assert second.pos() == first.pos()


def test_maximised_is_remembered(qtbot: QtBot) -> None:
    first = QMainWindow()
    qtbot.addWidget(first)
    first.showMaximized()
    qtbot.waitUntil(first.isMaximized)
    settings = Settings()
    remember_placement(first, settings)
    second = QMainWindow()
    qtbot.addWidget(second)
    restore_placement(second, settings)
    second.show()
    qtbot.waitUntil(second.isMaximized)


def test_another_screen_set_or_a_damaged_value_is_ignored(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    settings = Settings(window_placements={"HDMI-9=640x480+0+0": "AAAA"})
    assert restore_placement(window, settings) is False
    damaged = Settings(window_placements={current_screen_set(): "not base64 at all"})
    assert restore_placement(window, damaged) is False
