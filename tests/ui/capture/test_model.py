"""The activities table: passes Qt's model tester, filters as you type, sorts, keeps selection."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from hexikit.records.capture import ActivityRow
from hexikit.ui.capture.model import ActivityTableModel, IdRole


def make_row(
    number: int,
    kind: str,
    title: str,
    *,
    description: str = "",
    categories: tuple[str, ...] = (),
    regions: tuple[str, ...] = (),
    hours: Decimal | None = None,
    participant_name: str = "",
) -> ActivityRow:
    return ActivityRow(
        id=f"id-{number}",
        number=number,
        kind=kind,
        title=title,
        description=description,
        categories=categories,
        regions=regions,
        mode="either",
        hours=hours,
        participant_id="",
        participant_name=participant_name,
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )


ROWS = [
    make_row(1, "offer", "Coaching for QI leads", categories=("Coaching and mentoring",)),
    make_row(2, "request", "Help with a patient survey", participant_name="Siân Evans"),
    make_row(3, "offer", "Run charts in Excel", hours=Decimal("1.5"), regions=("Wales",)),
    make_row(4, "request", "Sepsis network contacts", description="coaching welcome"),
]


def shown_titles(model: ActivityTableModel) -> list[str]:
    return [model.index(row, model.COL_TITLE).data() for row in range(model.rowCount())]


def test_model_passes_the_qt_model_tester(qtmodeltester: ModelTester) -> None:
    full = ActivityTableModel()
    full.set_rows(ROWS)
    # pytest-qt leaves ModelTester.check unannotated.
    qtmodeltester.check(full, force_py=True)


def test_filtered_sorted_model_passes_the_qt_model_tester(qtmodeltester: ModelTester) -> None:
    model = ActivityTableModel()
    model.set_rows([*ROWS, make_row(5, "offer", "Coaching again")])
    model.set_filter_text("coach")
    model.sort(model.COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 3
    qtmodeltester.check(model, force_py=True)


def test_changes_keep_the_tester_happy_while_it_watches(qtmodeltester: ModelTester) -> None:
    model = ActivityTableModel()
    # It keeps watching the signals below.
    qtmodeltester.check(model, force_py=True)
    model.set_rows(ROWS)
    model.set_filter_text("re")
    model.sort(model.COL_KIND, Qt.SortOrder.DescendingOrder)
    model.set_rows(ROWS[1:])
    model.set_filter_text("")
    model.clear()


def test_newest_first_by_default_and_every_column_sorts() -> None:
    model = ActivityTableModel()
    model.set_rows(ROWS)
    assert [model.index(r, 0).data() for r in range(4)] == ["4", "3", "2", "1"]
    model.sort(model.COL_TITLE, Qt.SortOrder.AscendingOrder)
    assert shown_titles(model) == sorted(shown_titles(model), key=str.casefold)
    model.sort(model.COL_HOURS, Qt.SortOrder.DescendingOrder)
    assert shown_titles(model)[0] == "Run charts in Excel"
    for column in range(model.COLUMN_COUNT):
        model.sort(column, Qt.SortOrder.AscendingOrder)
        assert model.rowCount() == 4


def test_filter_matches_every_word_anywhere_in_any_case() -> None:
    model = ActivityTableModel()
    model.set_rows(ROWS)
    model.set_filter_text("COACH")
    assert sorted(shown_titles(model)) == ["Coaching for QI leads", "Sepsis network contacts"]
    model.set_filter_text("siân survey")
    assert shown_titles(model) == ["Help with a patient survey"]
    model.set_filter_text("wales offer")
    assert shown_titles(model) == ["Run charts in Excel"]
    model.set_filter_text("#2")
    assert shown_titles(model) == ["Help with a patient survey"]
    model.set_filter_text("nothing like this")
    assert model.rowCount() == 0 and model.total == 4
    model.set_filter_text("")
    assert model.rowCount() == 4


def test_typing_a_key_at_a_time_shows_what_the_whole_text_shows() -> None:
    """Typing on narrows the rows already shown; the result is the same as filtering all."""
    typed = ActivityTableModel()
    typed.set_rows(ROWS)
    fresh = ActivityTableModel()
    fresh.set_rows(ROWS)
    for text in ["c", "co", "coa", "coach", "coach ", "coach w", "coach we", "we coach", "s"]:
        typed.set_filter_text(text)
        fresh.set_filter_text("")
        fresh.set_filter_text(text)
        assert shown_titles(typed) == shown_titles(fresh), text
    typed.sort(typed.COL_TITLE, Qt.SortOrder.AscendingOrder)
    typed.set_filter_text("se")
    typed.set_filter_text("sep")
    assert shown_titles(typed) == ["Sepsis network contacts"]
    typed.set_filter_text("e")
    typed.set_filter_text("ex")
    assert shown_titles(typed) == ["Run charts in Excel"]


def test_selection_survives_filter_sort_and_refresh(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QTableView

    model = ActivityTableModel()
    model.set_rows(ROWS)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    row = model.row_of("id-2")
    view.selectionModel().setCurrentIndex(
        model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    held = QPersistentModelIndex(model.index(row, 0))
    model.set_filter_text("help")
    assert held.isValid() and held.data(IdRole) == "id-2"
    model.sort(model.COL_TITLE, Qt.SortOrder.AscendingOrder)
    model.set_filter_text("")
    assert view.currentIndex().data(IdRole) == "id-2"
    model.set_rows([*ROWS, make_row(5, "offer", "New one")])
    assert view.currentIndex().data(IdRole) == "id-2"
    model.set_rows([r for r in ROWS if r.id != "id-2"])
    assert not held.isValid()
