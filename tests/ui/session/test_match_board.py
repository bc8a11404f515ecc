"""The match board: suggestions with confirm/dismiss, the projector's cards, consent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from hexikit.matching import suggestions as matching
from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.store import Store
from hexikit.ui.context import AppContext
from hexikit.ui.session.match_board import MatchBoard, MatchesScene


def _room(store: Store) -> str:
    event = store.create_event(EventInput("Hexithon"))
    ana = store.create_participant(event.id, ParticipantInput("Ana Silva", consent=True))
    ben = store.create_participant(event.id, ParticipantInput("Ben Okafor", consent=False))
    store.create_activity(
        event.id,
        ActivityInput(Kind.OFFER, "Run chart coaching", categories=["Statistical analysis"]),
        ana.id,
    )
    store.create_activity(
        event.id,
        ActivityInput(Kind.REQUEST, "Run charts", categories=["Statistical analysis"]),
        ben.id,
    )
    store.create_activity(
        event.id,
        ActivityInput(Kind.REQUEST, "Survey design", categories=["Design"]),
        ben.id,
    )
    store.create_activity(
        event.id, ActivityInput(Kind.OFFER, "Design workshops", categories=["Design"]), ana.id
    )
    return event.id


def test_confirm_and_dismiss_with_keys(
    qtbot: QtBot, qtmodeltester: ModelTester, context: AppContext
) -> None:
    event_id = _room(context.store)
    scene = MatchesScene()
    qtbot.addWidget(scene)
    board = MatchBoard(context, scene)
    qtbot.addWidget(board)
    board.show()
    board.set_event(event_id)
    qtbot.waitUntil(lambda: board.model.rowCount() == 2)
    qtmodeltester.check(board.model)  # pytest-qt: unannotated
    assert "both Statistical analysis" in board.model.data(board.model.index(0, 2))
    assert "(not named on screen)" in board.model.data(board.model.index(0, 1))

    board.table.setFocus()
    board.table.selectRow(0)
    with qtbot.waitSignal(board.cardsChanged, check_params_cb=lambda cards: len(cards) == 1):
        QTest.keyClick(board.table, Qt.Key.Key_Return)
    # Ben did not consent: the projector says "someone".
    assert scene.visible_sentences() == ["Ana can help someone with run charts"]
    assert all("Ben" not in s and "Okafor" not in s for s in scene.visible_sentences())

    qtbot.waitUntil(lambda: board.model.rowCount() == 2 and board.model.suggestion(1) is not None)
    board.table.selectRow(1)
    with qtbot.waitSignal(board.cardsChanged):
        QTest.keyClick(board.table, Qt.Key.Key_D)
    stored = {m.request_id: m.status for m in matching.event_matches(context.store, event_id)}
    assert sorted(stored.values()) == ["confirmed", "dismissed"]
    suggestions = [board.model.suggestion(r) for r in range(board.model.rowCount())]
    dismissed = next(s for s in suggestions if s is not None and s.status == "dismissed")
    assert dismissed is not None
    scene.resize(1280, 720)
    image = scene.grab().toImage()
    white = sum(
        1
        for x in range(0, 1280, 16)
        for y in range(0, 720, 16)
        if image.pixelColor(x, y).name() == "#ffffff"
    )
    assert white > 100  # a white card is drawn


def test_empty_board_says_what_to_do(qtbot: QtBot, context: AppContext) -> None:
    event = context.store.create_event(EventInput("Empty"))
    board = MatchBoard(context, MatchesScene())
    qtbot.addWidget(board)
    board.set_event(event.id)
    qtbot.waitUntil(lambda: "No suggestions yet" in board.status.text())


def test_projected_cards_show_the_pair_not_the_reasoning(qtbot: QtBot) -> None:
    """The room sees who can help whom; the matcher's reasoning stays on the laptop."""
    reasoned = MatchesScene()
    plain = MatchesScene()
    for scene in (reasoned, plain):
        qtbot.addWidget(scene)
        scene.resize(1280, 720)
    reason = "both Statistical analysis, both Wales, words in common: run, charts"
    reasoned.set_cards([matching.MatchCard("m1", "Ana", "someone", "run charts", reason)])
    plain.set_cards([matching.MatchCard("m1", "Ana", "someone", "run charts", "")])
    assert reasoned.visible_sentences() == ["Ana can help someone with run charts"]
    # The same picture with or without a reason: the reasoning is not drawn at all.
    assert reasoned.grab().toImage() == plain.grab().toImage()
