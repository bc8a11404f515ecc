"""The event's offers and requests as a table, plus the filter-as-you-type / sort proxy.

Rows are plain `ActivityRow` values built off the GUI thread
(`hexikit.records.capture.load_rows`), so the model never touches the database.
`ActivityTableModel.set_rows` applies the difference to what is shown (inserts, removals,
changes) instead of resetting, so the selection and the scroll position survive a refresh and
the proxy only sorts what is new.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    Qt,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from hexikit.records.capture import ActivityRow
from hexikit.records.domain import Kind, Mode, category_labels, format_hours, region_labels

ModelIndex = QModelIndex | QPersistentModelIndex

#: Custom roles: the activity's UUID, and the key used for sorting.
IdRole = int(Qt.ItemDataRole.UserRole) + 1
SortKeyRole = int(Qt.ItemDataRole.UserRole) + 2

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_OFFER = str(Kind.OFFER)

_ANSWERED_ROLES = frozenset(
    (
        _DISPLAY,
        _FOREGROUND,
        _ALIGNMENT,
        _TOOLTIP,
        int(Qt.ItemDataRole.UserRole) + 1,
        int(Qt.ItemDataRole.UserRole) + 2,
    )
)

OFFER_BRUSH = QBrush(QColor("#0f766e"))
REQUEST_BRUSH = QBrush(QColor("#b45309"))


class ActivityTableModel(QAbstractTableModel):
    """The event's activities, filtered as you type and sorted by any column.

    Filtering and sorting live here rather than in a QSortFilterProxyModel: the proxy calls
    back into Python once per row on every keystroke (60 ms per key and 0.9 s to clear the
    filter with 10,000 rows, measured), while a list comprehension over case-folded text and
    a keyed sort take a few milliseconds. Changes are announced as a layout change with the
    persistent indexes moved, so the selection and the current row survive filtering, sorting
    and refreshes.
    """

    (
        COL_NUMBER,
        COL_KIND,
        COL_TITLE,
        COL_WHO,
        COL_CATEGORIES,
        COL_REGIONS,
        COL_MODE,
        COL_HOURS,
    ) = range(8)
    COLUMN_COUNT = 8

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: every live activity of the event, in the order they were recorded
        self._all: list[ActivityRow] = []
        self._haystacks: list[str] = []
        self._display: list[tuple[str, ...] | None] = []
        self._sorted_cache: dict[tuple[int, Qt.SortOrder], list[int]] = {}
        #: positions in `_all` of the rows shown, in shown order
        self._visible: list[int] = []
        self._words: list[str] = []
        self._new_words: list[str] = []  # words of the filter that the last one did not have
        self._sort_column = self.COL_NUMBER
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._headers = [
            self.tr("#"),
            self.tr("Kind"),
            self.tr("Title"),
            self.tr("Who"),
            self.tr("Categories"),
            self.tr("Regions"),
            self.tr("Mode"),
            self.tr("Hours"),
        ]
        self._kind_labels = {
            str(Kind.OFFER): self.tr("Offer"),
            str(Kind.REQUEST): self.tr("Request"),
        }
        self._mode_labels = {
            str(Mode.EITHER): self.tr("Either"),
            str(Mode.REMOTE): self.tr("Remote"),
            str(Mode.FACE_TO_FACE): self.tr("Face to face"),
        }

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < self.COLUMN_COUNT
        ):
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        # Called for every role of every painted cell: plain ints and cached texts keep a
        # repaint of a full table in a few milliseconds.
        if role not in _ANSWERED_ROLES:
            return None  # most roles a delegate asks for: answer before touching the index
        row_number = index.row()
        if not 0 <= row_number < len(self._visible):
            return None  # also covers the invalid index (row -1)
        position = self._visible[row_number]
        column = index.column()
        if role == _DISPLAY:
            return self._texts(position)[column]
        if role == _FOREGROUND:
            if column == self.COL_KIND:
                return OFFER_BRUSH if self._all[position].kind == _OFFER else REQUEST_BRUSH
            return None
        if role == _ALIGNMENT:
            if column == self.COL_NUMBER or column == self.COL_HOURS:
                return _RIGHT
            return None
        if role == _TOOLTIP:
            row = self._all[position]
            if column == self.COL_TITLE and row.description:
                return f"{row.title}\n\n{row.description}"
            return self._texts(position)[column] or None
        if role == IdRole:
            return self._all[position].id
        if role == SortKeyRole:
            return self._sort_key(self._all[position], column)
        return None

    def _texts(self, position: int) -> tuple[str, ...]:
        texts = self._display[position]
        if texts is None:
            row = self._all[position]
            texts = tuple(self.display_text(row, column) for column in range(self.COLUMN_COUNT))
            self._display[position] = texts
        return texts

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self.COLUMN_COUNT:
            return
        self._sort_column = column
        self._sort_order = order
        self._relayout()

    # ------------------------------------------------------------------ reading rows

    def display_text(self, row: ActivityRow, column: int) -> str:
        if column == self.COL_NUMBER:
            return str(row.number)
        if column == self.COL_KIND:
            return self._kind_labels.get(row.kind, row.kind)
        if column == self.COL_TITLE:
            return row.title
        if column == self.COL_WHO:
            return row.participant_name
        if column == self.COL_CATEGORIES:
            return ", ".join(category_labels(row.categories))
        if column == self.COL_REGIONS:
            return ", ".join(region_labels(row.regions))
        if column == self.COL_MODE:
            return self._mode_labels.get(row.mode, row.mode)
        if column == self.COL_HOURS:
            return format_hours(row.hours)
        return ""

    def _sort_key(self, row: ActivityRow, column: int) -> Any:
        if column == self.COL_NUMBER:
            return row.number
        if column == self.COL_HOURS:
            return float(row.hours) if row.hours is not None else -1.0
        return self.display_text(row, column).casefold()

    def cell_text(self, row: int, column: int) -> str:
        """The text shown at (`row`, `column`), read without a QModelIndex (for painting)."""
        if not 0 <= row < len(self._visible):
            return ""
        return self._texts(self._visible[row])[column]

    def row_at(self, row: int) -> ActivityRow:
        """The activity shown at `row`."""
        return self._all[self._visible[row]]

    def activity_id(self, row: int) -> str:
        return self._all[self._visible[row]].id if 0 <= row < len(self._visible) else ""

    def row_of(self, activity_id: str) -> int:
        """The shown row of `activity_id`, or -1 when it is not shown."""
        for position, source in enumerate(self._visible):
            if self._all[source].id == activity_id:
                return position
        return -1

    @property
    def total(self) -> int:
        """How many activities the event has (shown or filtered out)."""
        return len(self._all)

    @property
    def filter_text(self) -> str:
        return " ".join(self._words)

    @property
    def sort_column(self) -> int:
        return self._sort_column

    @property
    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    # ------------------------------------------------------------------ changes

    def set_filter_text(self, text: str) -> None:
        """Show only rows containing every word of `text` (any case, anywhere in the row)."""
        words = text.casefold().split()
        if words == self._words:
            return
        # Typing on: when every old word is inside a new word, every row the new words match
        # is already shown, so only the rows shown need checking (they are in sort order).
        narrowing = bool(self._words) and all(
            any(old in new for new in words) for old in self._words
        )
        # Those rows hold every old word already: only the other words need looking for.
        self._new_words = [word for word in words if word not in self._words]
        self._words = words
        self._relayout(narrow=narrowing)

    def set_rows(self, rows: list[ActivityRow]) -> None:
        """Show `rows` (the event's activities, oldest first), keeping selection where it can."""

        def replace() -> None:
            self._all = list(rows)
            self._haystacks = [row.haystack() for row in rows]
            self._display = [None] * len(rows)
            self._sorted_cache = {}

        self._relayout(replace)

    def clear(self) -> None:
        """Forget every row (another event was chosen)."""
        self.beginResetModel()
        self._all = []
        self._haystacks = []
        self._display = []
        self._sorted_cache = {}
        self._visible = []
        self.endResetModel()

    def _sorted_positions(self) -> list[int]:
        """Every position in `_all`, in the current sort order (kept until rows or the sort
        change, so a keystroke in the filter only filters, it never sorts)."""
        key = (self._sort_column, self._sort_order)
        cached = self._sorted_cache.get(key)
        if cached is None:
            column = self._sort_column
            keys = [(self._sort_key(row, column), row.number) for row in self._all]
            cached = sorted(
                range(len(self._all)),
                key=keys.__getitem__,
                reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
            )
            self._sorted_cache = {key: cached}
        return cached

    def _compute_visible(self, narrow: bool = False) -> list[int]:
        words = self._words
        haystacks = self._haystacks
        if narrow:
            ordered = self._visible
            words = self._new_words
        else:
            ordered = self._sorted_positions()
        if not words:
            return list(ordered)
        # One word at a time over the rows still in: a plain comprehension per word is several
        # times quicker than all(...) per row, and each word leaves fewer rows for the next.
        shown = ordered
        for word in words:
            shown = [i for i in shown if word in haystacks[i]]
        return shown

    def _relayout(self, change: Any = None, narrow: bool = False) -> None:
        """Apply `change` (a callable, or nothing) and recompute the rows shown (only among
        the rows shown when `narrow`: the filter got stricter, rows and sort unchanged)."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        held = [self._visible[index.row()] for index in persistent]  # positions in _all
        held_ids = [self._all[position].id for position in held]
        if change is not None:
            change()
        self._visible = self._compute_visible(narrow and change is None)
        if persistent:
            # Only a handful of indexes persist (selection, current): look each one up.
            if change is None:
                positions = held  # rows of `_all` did not move
            else:
                position_of = {row.id: position for position, row in enumerate(self._all)}
                positions = [position_of.get(activity_id, -1) for activity_id in held_ids]
            moved: list[QModelIndex] = []
            for index, position in zip(persistent, positions, strict=True):
                try:
                    new_row = self._visible.index(position) if position >= 0 else -1
                except ValueError:
                    new_row = -1
                moved.append(self.index(new_row, index.column()) if new_row >= 0 else QModelIndex())
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()


_COL_NUMBER = ActivityTableModel.COL_NUMBER
_COL_KIND = ActivityTableModel.COL_KIND
_COL_HOURS = ActivityTableModel.COL_HOURS
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_PLAIN_TEXT = Qt.TextFormat.PlainText
_ANTIALIAS = QPainter.RenderHint.Antialiasing
_NO_PEN = Qt.PenStyle.NoPen


class ActivityDelegate(QStyledItemDelegate):
    """Paints the list's cells from cached, pre-laid-out text (QStaticText).

    The stock delegate asks the model for about nine roles per cell and lays the text out
    again on every paint; with a keystroke in the filter repainting the whole list, that was
    most of the time. This one reads the model's texts directly and draws the kind as a
    coloured label.
    """

    def __init__(self, model: ActivityTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        #: (text, width) -> laid-out text; the font is the view's, set once (see set_font)
        self._texts: dict[tuple[str, int], QStaticText] = {}
        self._font = QFont()
        self._metrics = QFontMetrics(self._font)
        self._selected_rows: set[int] = set()
        self._selection = QColor("#dbeafe")
        self._alternate = QColor("#fafbfc")
        self._ink = QColor("#111827")
        self._pill_text = QColor("#ffffff")

    def set_font(self, font: QFont) -> None:
        """The font every cell uses (the view's)."""
        self._font = QFont(font)
        self._metrics = QFontMetrics(self._font)
        self._texts.clear()

    def set_selected_rows(self, rows: set[int]) -> None:
        """Rows drawn as selected (kept by the view's owner from the selection model, which
        is cheaper than decoding the style option's state flags for every cell)."""
        self._selected_rows = rows

    def _static(self, text: str, width: int) -> QStaticText:
        key = (text, width)
        static = self._texts.get(key)
        if static is None:
            if len(self._texts) > 20000:
                self._texts.clear()
            elided = self._metrics.elidedText(text, _ELIDE_RIGHT, width)
            static = QStaticText(elided)
            static.setTextFormat(_PLAIN_TEXT)
            static.prepare(QTransform(), self._font)
            self._texts[key] = static
        return static

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        # Runs for every visible cell on every repaint: no enum arithmetic, no model calls
        # through QModelIndex, text laid out once and reused.
        rect = option.rect
        row = index.row()
        column = index.column()
        if row in self._selected_rows:
            painter.fillRect(rect, self._selection)
        elif row % 2:
            painter.fillRect(rect, self._alternate)
        text = self._model.cell_text(row, column)
        if not text:
            return
        padding = 8
        static = self._static(text, rect.width() - 2 * padding)
        if column == _COL_KIND:
            size = static.size()
            pill = QRectF(
                rect.x() + padding - 6,
                rect.y() + (rect.height() - size.height() - 6) / 2,
                size.width() + 12,
                size.height() + 6,
            )
            painter.save()
            painter.setRenderHint(_ANTIALIAS)
            painter.setPen(_NO_PEN)
            painter.setBrush(
                OFFER_BRUSH if self._model.row_at(row).kind == _OFFER else REQUEST_BRUSH
            )
            painter.drawRoundedRect(pill, 8, 8)
            painter.setPen(self._pill_text)
            painter.drawStaticText(QPointF(pill.x() + 6, pill.y() + 3), static)
            painter.restore()
            return
        y = rect.y() + (rect.height() - self._metrics.height()) / 2
        if column in (_COL_NUMBER, _COL_HOURS):
            x = rect.right() - padding - static.size().width()
        else:
            x = rect.x() + padding
        painter.setPen(self._ink)
        painter.drawStaticText(QPointF(x, y), static)
