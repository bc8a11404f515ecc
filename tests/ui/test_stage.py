"""The audience window as a stage: one scene at a time, toggling back, and shown on the
projector by whoever asks."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hexikit.ui.stage import AudienceWindow, Scene


def test_one_scene_at_a_time_and_toggle_returns(qtbot: QtBot) -> None:
    stage = AudienceWindow()
    qtbot.addWidget(stage)
    assert stage.current_scene == Scene.BLACK
    stage.add_scene(Scene.SLIDES, QLabel("slides"))
    stage.add_scene(Scene.TIMER, QLabel("timer"))
    stage.show_scene(Scene.SLIDES)
    with qtbot.waitSignal(stage.sceneChanged, check_params_cb=lambda name: name == Scene.TIMER):
        assert stage.toggle(Scene.TIMER) == Scene.TIMER
    assert stage.toggle(Scene.TIMER) == Scene.SLIDES


def test_show_on_projector_uses_the_installed_placer(qtbot: QtBot) -> None:
    stage = AudienceWindow()
    qtbot.addWidget(stage)
    placed: list[bool] = []
    stage.set_placer(lambda: placed.append(True))
    stage.show_on_projector()
    assert placed == [True]
    assert not stage.isVisible()  # the placer decides where and how it shows


def test_show_on_projector_without_a_placer_shows_a_window(qtbot: QtBot) -> None:
    stage = AudienceWindow()
    qtbot.addWidget(stage)
    stage.show_on_projector()
    qtbot.waitUntil(stage.isVisible)
