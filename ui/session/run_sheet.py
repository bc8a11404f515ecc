"""The run sheet on the Session page: its table model, its view, the projector's names."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QTableView, QWidget

from hexikit.base.durations import format_duration
from hexikit.session.runsheet import RunSheet, Screen, default_runsheet

_Index = QModelIndex | QPersistentModelIndex


def screen_label(screen: Screen) -> str:
    labels = {
        Screen.SLIDES: QCoreApplication.translate("SessionPage", "Slides"),
        Screen.TIMER: QCoreApplication.translate("SessionPage", "Timer"),
        Screen.MATCHES: QCoreApplication.translate("SessionPage", "Match board"),
        Screen.FEEDBACK: QCoreApplication.translate("SessionPage", "Feedback prompts"),
        Screen.BLACK: QCoreApplication.translate("SessionPage", "Black screen"),
        Screen.ROOM: QCoreApplication.translate("SessionPage", "Join screen (phones)"),
    }
    return labels[screen]


class RunSheetModel(QAbstractTableModel):
    """The run sheet's segments as rows; the current one is marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._plan = default_runsheet()
        self._current = -1

    @property
    def plan(self) -> RunSheet:
        return self._plan

    def set_plan(self, plan: RunSheet) -> None:
        self.beginResetModel()
        self._plan = plan
        self.endResetModel()

    def set_current(self, index: int) -> None:
        old = self._current
        self._current = index
        for row in {old, index}:
            if 0 <= row < len(self._plan.segments):
                self.dataChanged.emit(self.index(row, 0), self.index(row, 3))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._plan.segments)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (self.tr("Starts"), self.tr("Segment"), self.tr("Minutes"), self.tr("Projector"))
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._plan.segments):
            return None
        segment = self._plan.segments[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return format_duration(self._plan.start_of(index.row()))
            if column == 1:
                return segment.title
            if column == 2:
                return f"{segment.minutes:g}"
            if column == 3:
                return screen_label(segment.screen)
        if role == Qt.ItemDataRole.FontRole and index.row() == self._current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and index.row() == self._current:
            return QColor("#dbeafe")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 2):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RunSheetView(QTableView):
    """The run sheet's table: never shorter than its header and four segments."""

    ROWS_SHOWN = 4

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        rows = self.verticalHeader().defaultSectionSize() * self.ROWS_SHOWN
        height = self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()
        return QSize(hint.width(), max(hint.height(), height))


__all__ = ["RunSheetModel", "RunSheetView", "screen_label"]
