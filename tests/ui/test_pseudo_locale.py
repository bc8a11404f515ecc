"""Layouts survive longer words (issue 17): every page and projector scene walked in Welsh and in
the pseudo-locale (every string 40 % longer); no text may be clipped.

Set HEXIKIT_SCREENSHOTS=folder to keep a picture of each page and scene (they were looked at).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hexikit.base import i18n
from hexikit.base.settings import Settings
from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.records.recording import record_activity
from hexikit.store import Store
from hexikit.ui.app import Application
from hexikit.ui.main_window import MODE_PAGES
from hexikit.ui.stage import AudienceWindow, Scene
from hexikit.ui.translation import install_translators, remove_translators
from tests.ui.clipping import clipped

LAPTOP_WIDTH = 1366
SCENES = (Scene.SLIDES, Scene.TIMER, Scene.MATCHES, Scene.FEEDBACK, Scene.CLOSING)


def _fill(data_dir: Path) -> None:
    store = Store.open(data_dir)
    try:
        event = store.create_event(
            EventInput(
                title="Hexithon Caerdydd", date="2026-11-26", venue="Canolfan", region="Wales"
            )
        )
        record_activity(
            store,
            event.id,
            ActivityInput(
                kind=Kind.OFFER,
                title="Dysgu siartiau rhediad",
                categories=["Audit and evaluation"],
                regions=["Wales"],
            ),
            ParticipantInput(name="Siân Jones", consent=True),
        )
        record_activity(
            store,
            event.id,
            ActivityInput(kind=Kind.REQUEST, title="Help gydag arolwg", categories=["Engagement"]),
            ParticipantInput(name="Dafydd ap Gwilym"),
        )
    finally:
        store.close()
    Settings(current_event_id=event.id).save(data_dir)


@pytest.fixture(params=["pseudo", "cy"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    code = str(request.param)
    i18n.set_language(code)
    translators = install_translators(code)
    yield code
    remove_translators(translators)
    i18n.set_language("en")


@pytest.fixture
def application(qtbot: QtBot, data_dir: Path, language: str) -> Iterator[Application]:
    _fill(data_dir)
    app = Application(data_dir)
    app.start()
    qtbot.waitUntil(lambda: app.worker.pending == 0, timeout=30000)
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


def _showing(audience: AudienceWindow, scene: Scene) -> bool:
    return audience.current_scene == scene


def _shot(widget: object, name: str) -> None:
    folder = os.environ.get("HEXIKIT_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(folder) / f"{name}.png"))  # type: ignore[attr-defined]


def test_no_text_is_clipped_on_any_page_or_scene(
    qtbot: QtBot, application: Application, language: str
) -> None:
    window = application.window
    window.resize(1366, 768)
    problems: dict[str, list[str]] = {}
    for _module, name in MODE_PAGES:
        window.show_page(name)
        page = window.page(name)
        qtbot.waitUntil(lambda: application.worker.pending == 0, timeout=20000)
        qtbot.waitExposed(page)
        # Let the page lay out at its final size before measuring.
        qtbot.waitUntil(partial(_laid_out, page))
        QApplication.processEvents()
        _shot(window, f"{language}_{name}")
        problems[name] = clipped(window)
    audience = application.audience
    assert audience is not None
    audience.resize(1280, 720)
    audience.show()
    for scene in SCENES:
        audience.show_scene(scene)
        qtbot.waitUntil(partial(_showing, audience, scene))
        QApplication.processEvents()
        _shot(audience, f"{language}_scene_{scene}")
        problems[f"scene {scene}"] = clipped(audience)
    # The phones' join screen, as the room sees it once it is open.
    from hexikit.room.entries import RoomSummary
    from hexikit.ui.room.scene import JoinScene

    join = JoinScene()
    audience.add_scene(Scene.ROOM, join)
    newest = [("offer", "Dysgu siartiau rhediad", "Siân Jones"), ("request", "Help", "")]
    join.show_room("http://192.168.1.20:8470/j/ABCDEFGHJKMNP", RoomSummary(3, 2, 4, newest))
    audience.show_scene(Scene.ROOM)
    qtbot.waitUntil(partial(_showing, audience, Scene.ROOM))
    QApplication.processEvents()
    _shot(audience, f"{language}_scene_{Scene.ROOM}")
    problems[f"scene {Scene.ROOM}"] = clipped(audience)
    assert {where: found for where, found in problems.items() if found} == {}
    # The walk saw the language it was meant to.
    if language == "cy":
        assert window.menuBar().actions()[0].text() == "&Ffeil"
        # In Welsh every page still fits a 1366-pixel laptop screen (English needs 1320).
        assert window.minimumSizeHint().width() <= LAPTOP_WIDTH
    else:
        assert window.menuBar().actions()[0].text().endswith("ŵŵ")


def test_clipping_is_found(qtbot: QtBot) -> None:
    """The check itself: a label too narrow for its text is reported."""
    from PySide6.QtWidgets import QLabel, QWidget

    root = QWidget()
    qtbot.addWidget(root)
    label = QLabel("Cydweithio a rhwydweithio", root)
    label.setObjectName("narrow")
    label.setFixedWidth(40)
    root.show()
    qtbot.waitExposed(root)
    assert clipped(root) == ["QLabel 'narrow': 'Cydweithio a rhwydweithio'"]
    label.setFixedWidth(label.sizeHint().width())
    assert clipped(root) == []
