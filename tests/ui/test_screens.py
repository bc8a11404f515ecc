"""Where the audience window goes, with fake screens (two screens, a projector removed)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hexikit.ui import screens as screens_module
from hexikit.ui.screens import (
    Placement,
    ScreenInfo,
    ScreenPlacer,
    choose_placement,
    identify_screens,
    screen_role,
    setup_key,
    swapped,
)
from hexikit.ui.stage import AudienceWindow

LAPTOP = ScreenInfo("eDP-1", primary=True, geometry=(0, 0, 1920, 1080))
PROJECTOR = ScreenInfo("HDMI-1", primary=False, geometry=(1920, 0, 1280, 800))
TV = ScreenInfo("DP-2", primary=False, geometry=(3200, 0, 3840, 2160))


def test_no_screens_places_nothing() -> None:
    assert choose_placement([]) == screens_module.Placement(None, None, False)


def test_one_screen_gives_two_normal_windows() -> None:
    placement = choose_placement([LAPTOP])
    assert placement.audience == placement.presenter == "eDP-1"
    assert not placement.audience_fullscreen


def test_two_screens_audience_full_screen_on_the_non_primary() -> None:
    placement = choose_placement([LAPTOP, PROJECTOR])
    assert placement.audience == "HDMI-1"
    assert placement.presenter == "eDP-1"
    assert placement.audience_fullscreen
    # Order of the list does not matter.
    assert choose_placement([PROJECTOR, LAPTOP]) == placement


def test_swap_is_remembered_per_set_of_screens() -> None:
    remembered: dict[str, str] = {}
    screens = [LAPTOP, PROJECTOR]
    target = swapped(screens, choose_placement(screens, remembered))
    assert target == "eDP-1"
    remembered[setup_key(screens)] = target
    placement = choose_placement(screens, remembered)
    assert placement.audience == "eDP-1" and placement.presenter == "HDMI-1"
    assert placement.audience_fullscreen
    # A different venue (other screens) does not inherit that choice.
    other = [LAPTOP, TV]
    assert choose_placement(other, remembered).audience == "DP-2"


def test_three_screens_prefer_the_largest_other() -> None:
    placement = choose_placement([LAPTOP, PROJECTOR, TV])
    assert placement.audience == "DP-2" and placement.presenter == "eDP-1"


def test_projector_removed_mid_talk_falls_back_to_the_laptop() -> None:
    remembered = {setup_key([LAPTOP, PROJECTOR]): "HDMI-1"}
    before = choose_placement([LAPTOP, PROJECTOR], remembered)
    assert before.audience == "HDMI-1"
    after = choose_placement([LAPTOP], remembered)
    assert after.audience == "eDP-1"
    assert not after.audience_fullscreen
    # Plugging it back in returns the audience to it.
    assert choose_placement([LAPTOP, PROJECTOR], remembered).audience == "HDMI-1"


def test_remembered_screen_that_is_gone_is_ignored() -> None:
    remembered = {setup_key([LAPTOP, PROJECTOR]): "HDMI-9"}
    assert choose_placement([LAPTOP, PROJECTOR], remembered).audience == "HDMI-1"


def test_no_primary_flag_uses_the_first_screen_as_primary() -> None:
    a = ScreenInfo("A", geometry=(0, 0, 800, 600))
    b = ScreenInfo("B", geometry=(800, 0, 800, 600))
    placement = choose_placement([a, b])
    assert placement.audience == "B" and placement.presenter == "A"


class FakeScreens:
    """A screen source whose screens the test plugs in and out (all backed by the one real
    offscreen QScreen, which is all the offscreen platform has)."""

    def __init__(self) -> None:
        self.infos: list[ScreenInfo] = []

    def __call__(self) -> list[tuple[ScreenInfo, QScreen]]:
        real = QGuiApplication.primaryScreen()
        return [(info, real) for info in self.infos]


@pytest.fixture
def fake_screens() -> FakeScreens:
    return FakeScreens()


@pytest.fixture
def placer(
    qtbot: QtBot, fake_screens: FakeScreens
) -> tuple[ScreenPlacer, AudienceWindow, list[int]]:
    audience = AudienceWindow()
    presenter = QWidget()
    qtbot.addWidget(audience)
    qtbot.addWidget(presenter)
    saves: list[int] = []
    remembered: dict[str, str] = {}
    fake_screens.infos = [LAPTOP]
    placer = ScreenPlacer(
        audience, lambda: presenter, remembered, lambda: saves.append(1), source=fake_screens
    )
    return placer, audience, saves


def test_placer_with_one_screen(placer: tuple[ScreenPlacer, AudienceWindow, list[int]]) -> None:
    screens_placer, audience, _saves = placer
    screens_placer.show_audience()
    assert audience.isVisible()
    assert not audience.isFullScreen()
    assert audience.screen() is QGuiApplication.primaryScreen()
    screens_placer.hide_audience()
    assert not audience.isVisible()


def placement_of(placer: ScreenPlacer) -> Placement:
    """`placer.placement`, read afresh: mypy keeps an attribute narrowed by an earlier assert
    even across the calls that replace it."""
    return placer.placement


def test_placer_reacts_when_a_projector_comes_and_goes(
    qtbot: QtBot,
    placer: tuple[ScreenPlacer, AudienceWindow, list[int]],
    fake_screens: FakeScreens,
) -> None:
    screens_placer, audience, saves = placer
    screens_placer.show_audience()
    assert not placement_of(screens_placer).audience_fullscreen
    # The projector is plugged in: Qt's screenAdded reaches the placer at once.
    fake_screens.infos = [LAPTOP, PROJECTOR]
    with qtbot.waitSignal(screens_placer.placementChanged):
        screens_placer._screens_changed()
    assert placement_of(screens_placer).audience == "HDMI-1"
    assert placement_of(screens_placer).audience_fullscreen
    assert audience.isFullScreen()
    # Swap: remembered for this pair of screens, and saved.
    screens_placer.swap()
    assert placement_of(screens_placer).audience == "eDP-1"
    assert saves == [1]
    screens_placer.swap()
    assert placement_of(screens_placer).audience == "HDMI-1"
    # The projector is pulled out mid-talk: never left on a screen that has gone.
    fake_screens.infos = [LAPTOP]
    with qtbot.waitSignal(screens_placer.placementChanged):
        screens_placer._screens_changed()
    assert placement_of(screens_placer).audience == "eDP-1"
    assert not placement_of(screens_placer).audience_fullscreen
    assert audience.isVisible() and not audience.isFullScreen()
    # While not presenting, a screen change does not pop the audience window up.
    screens_placer.hide_audience()
    fake_screens.infos = [LAPTOP, PROJECTOR]
    screens_placer._screens_changed()
    assert not audience.isVisible()


def test_swap_with_one_screen_does_nothing(
    placer: tuple[ScreenPlacer, AudienceWindow, list[int]],
) -> None:
    screens_placer, _audience, saves = placer
    screens_placer.swap()
    assert saves == []


def test_identify_screens_shows_a_number_on_each(qtbot: QtBot) -> None:
    overlays = identify_screens(duration_ms=60000)
    try:
        assert len(overlays) == len(QGuiApplication.screens())
        assert [o.number for o in overlays] == list(range(1, len(overlays) + 1))
        assert all(o.isVisible() for o in overlays)
        # One screen (offscreen tests): it is both the laptop and the projector, and the
        # overlay says so, with its name and size; never just "primary".
        assert all("primary" not in o.screen_name for o in overlays)
        first = QGuiApplication.screens()[0]
        size = first.geometry().size()
        assert f"{first.name()} · {size.width()}×{size.height()}" in overlays[0].screen_name
        image = overlays[0].grab().toImage()
        assert not image.isNull()
    finally:
        for overlay in overlays:
            overlay.close()


def test_single_screen_window_goes_beside_the_presenter_when_there_is_room() -> None:
    from PySide6.QtCore import QRect

    from hexikit.ui.screens import single_screen_geometry

    area = QRect(0, 0, 1920, 1080)
    beside = single_screen_geometry(area, QRect(0, 0, 1200, 800))
    assert beside.left() > 1200 and beside.right() <= 1920
    assert abs(beside.width() / beside.height() - 16 / 9) < 0.02
    corner = single_screen_geometry(area, QRect(0, 0, 1920, 1080))
    assert corner.width() == 960 and corner.right() <= 1920


def test_identify_says_which_screen_is_the_laptop_and_which_the_projector() -> None:
    placement = choose_placement([LAPTOP, PROJECTOR])
    assert screen_role(LAPTOP, placement) == (
        "Laptop: presenter view with the notes\neDP-1 · 1920×1080"
    )
    assert screen_role(PROJECTOR, placement) == (
        "Projector: what the audience sees\nHDMI-1 · 1280×800"
    )
    # Swapped: the roles follow the placement, not which screen is primary.
    swapped_placement = Placement("eDP-1", "HDMI-1", True)
    assert screen_role(LAPTOP, swapped_placement).startswith("Projector")
    assert screen_role(PROJECTOR, swapped_placement).startswith("Laptop")
    three = choose_placement([LAPTOP, PROJECTOR, TV])
    assert screen_role(PROJECTOR, three).startswith("Not used")
    alone = choose_placement([LAPTOP])
    assert screen_role(LAPTOP, alone).startswith("Laptop and projector")
