"""The presenter offers the Welsh deck when the language is Welsh; either deck is one click
away (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from hexikit.base import i18n
from hexikit.base.clock import FakeClock
from hexikit.base.settings import Settings
from hexikit.store import Store
from hexikit.ui.context import AppContext
from hexikit.ui.present.page import PresentPage
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.translation import install_translators, remove_translators
from hexikit.ui.worker import Worker


@pytest.fixture
def context(qtbot: QtBot, data_dir: Path) -> Iterator[AppContext]:
    store = Store.open(data_dir)
    worker = Worker()
    audience = AudienceWindow()
    qtbot.addWidget(audience)
    ctx = AppContext(data_dir, store, Settings(), worker, audience, FakeClock(1000.0))
    yield ctx
    worker.wait_for_done(10000)
    store.close()


def _page(qtbot: QtBot, context: AppContext) -> PresentPage:
    page = PresentPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    qtbot.waitUntil(lambda: page.presentation.deck is not None, timeout=10000)
    return page


def test_welsh_language_opens_the_welsh_deck_and_offers_the_english(
    qtbot: QtBot, qapp: QApplication, context: AppContext
) -> None:
    i18n.set_language("cy")
    translators = install_translators("cy")
    try:
        page = _page(qtbot, context)
        deck = page.presentation.deck
        assert deck is not None and deck.language == "cy"
        assert deck.title == "Hexitime a'r Hexithon"
        other = page.findChild(QPushButton, "otherDeck")
        assert isinstance(other, QPushButton)
        assert other.text() == "English"
        assert other.toolTip() == "Agor y cyflwyniad parod yn Saesneg"
        other.click()
        qtbot.waitUntil(
            lambda: page.presentation.deck is not None and page.presentation.deck.language == "en",
            timeout=10000,
        )
        # The built-in deck stays remembered as built-in, not as a path.
        assert context.settings.last_deck_path == ""
    finally:
        remove_translators(translators)
        i18n.set_language("en")


def test_english_language_opens_the_english_deck_and_offers_the_welsh(
    qtbot: QtBot, context: AppContext
) -> None:
    page = _page(qtbot, context)
    deck = page.presentation.deck
    assert deck is not None and deck.language == "en"
    other = page.findChild(QPushButton, "otherDeck")
    assert isinstance(other, QPushButton)
    assert other.text() == "Cymraeg"
    assert other.toolTip() == "Open the built-in deck in Welsh"
    other.click()
    qtbot.waitUntil(
        lambda: page.presentation.deck is not None and page.presentation.deck.language == "cy",
        timeout=10000,
    )
