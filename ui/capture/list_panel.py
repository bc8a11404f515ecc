"""The right side of the capture page: the event's offers and requests.

A filter box (Ctrl+F on the page; Esc clears it, Down or Enter goes into the list), the list
(click a heading to sort; F2, Enter or a double-click asks to edit an entry; Delete asks to
delete it) and, after a delete, an undo bar. The panel shows and asks; the page does the
writing (`editRequested`, `deleteRequested`, `undoRequested`) and tells the panel what
happened (`remember_deleted`, `show_restored`).

No style sheet on the list or any of its ancestors: Qt's style-sheet style doubles the cost of
repainting the table, which happens on every keystroke in the filter. The card is painted by
hand and the pieces around the table (`styled_parts`) get the sheet alone, from the page.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hexikit.records.capture import ActivityRow
from hexikit.ui.capture.model import ActivityDelegate, ActivityTableModel
from hexikit.ui.theme import CARD_BORDER, font_scale
from hexikit.ui.widgets.a11y import keyboard_friendly, tab_only
from hexikit.ui.widgets.flow_layout import FlowLayout

#: Starting widths of the list's columns; the title takes what is left.
COLUMN_WIDTHS = {
    ActivityTableModel.COL_NUMBER: 44,
    ActivityTableModel.COL_KIND: 80,
    ActivityTableModel.COL_WHO: 130,
    ActivityTableModel.COL_CATEGORIES: 170,
    ActivityTableModel.COL_REGIONS: 120,
    ActivityTableModel.COL_MODE: 100,
    ActivityTableModel.COL_HOURS: 56,
}
#: Columns hidden first when the list is narrow (the title keeps at least MIN_TITLE_WIDTH).
COLUMN_DROP_ORDER = (
    ActivityTableModel.COL_HOURS,
    ActivityTableModel.COL_MODE,
    ActivityTableModel.COL_REGIONS,
    ActivityTableModel.COL_CATEGORIES,
    ActivityTableModel.COL_WHO,
)
MIN_TITLE_WIDTH = 220


class EntryListPanel(QFrame):
    """The list of the event's entries, on a white card with a rounded border.

    Signals:
        editRequested(int): edit the entry shown at this row.
        deleteRequested(int): delete the entry shown at this row.
        undoRequested(): bring back the most recently deleted entry.
        leaveRequested(): Esc in the list (or in an empty filter): back to the form.
    """

    editRequested = Signal(int)
    deleteRequested = Signal(int)
    undoRequested = Signal()
    leaveRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._deleted: list[tuple[str, str]] = []  # (id, title), newest last
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.setSpacing(8)
        self._top_bar = self._build_top_bar()
        layout.addWidget(self._top_bar)
        self._build_table()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)
        layout.addWidget(self.list_stack, 1)
        self._footer = self._build_footer()
        layout.addWidget(self._footer)
        self._connect()

    # ------------------------------------------------------------------ building

    def _build_top_bar(self) -> QWidget:
        heading = QLabel(self.tr("Offers and requests"))
        heading.setObjectName("sectionTitle")
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter by any word or name   Ctrl+F"))
        self.filter_edit.setAccessibleName(self.tr("Filter offers and requests"))
        self.fit_filter()
        bar = QWidget()
        # The filter takes the rest of the heading's line, and goes under the heading when
        # the line is too short (a large system font on a small laptop).
        row = FlowLayout(bar, spacing=12)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(heading)
        row.addWidget(self.filter_edit)
        return bar

    def _build_table(self) -> None:
        self.model = ActivityTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Offers and requests"))
        keyboard_friendly(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The delegate paints alternate rows itself (and is several times cheaper per cell).
        self.delegate = ActivityDelegate(self.model, self.table)
        self.table.setItemDelegate(self.delegate)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSortIndicator(self.model.sort_column, self.model.sort_order)
        self.table.setSortingEnabled(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ActivityTableModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in self._column_widths().items():
            self.table.setColumnWidth(column, width)

    def _build_footer(self) -> QWidget:
        footer = QWidget()
        column = QVBoxLayout(footer)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(6)
        self.undo_bar = QFrame()
        self.undo_bar.setObjectName("statusInfo")
        undo_row = QHBoxLayout(self.undo_bar)
        undo_row.setContentsMargins(8, 2, 4, 2)
        self.undo_label = QLabel()
        self.undo_button = QPushButton(self.tr("Undo  Ctrl+Z"))
        self.undo_button.setObjectName("secondaryButton")
        tab_only(self.undo_button)
        undo_row.addWidget(self.undo_label, 1)
        undo_row.addWidget(self.undo_button)
        self.undo_bar.hide()
        column.addWidget(self.undo_bar)
        hint = QLabel(
            self.tr(
                "Double-click or F2: edit  ·  Delete: remove  ·  Ctrl+Z: undo  ·  "
                "Click a heading to sort"
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        column.addWidget(hint)
        return footer

    def _connect(self) -> None:
        self.table.viewport().installEventFilter(self)
        self.table.installEventFilter(self)
        self.filter_edit.installEventFilter(self)
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(self._selection_changed)
        self.model.layoutChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.undo_button.clicked.connect(lambda: self.undoRequested.emit())
        self.filter_edit.textChanged.connect(self.model.set_filter_text)
        self.model.layoutChanged.connect(self.update_empty_state)
        self.model.modelReset.connect(self.update_empty_state)
        self.table.doubleClicked.connect(lambda index: self.editRequested.emit(index.row()))

    def tab_chain(self) -> list[QWidget]:
        """The list's Tab order: filter, list, Undo (while it shows)."""
        return [self.filter_edit, self.table, self.undo_button]

    def styled_parts(self) -> list[QWidget]:
        """The pieces that get the page's style sheet (the table and its ancestors do not)."""
        return [self._top_bar, self.empty_label, self._footer]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(CARD_BORDER), 1))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 10, 10)

    def sync_font(self) -> None:
        """The delegate paints with the table's font; tell it when that font changes."""
        self.delegate.set_font(self.table.font())

    def fit_filter(self) -> None:
        """The filter box wide enough for its hint in any language (and the clear button)."""
        hint = self.filter_edit.placeholderText()
        self.filter_edit.setMinimumWidth(
            max(300, self.filter_edit.fontMetrics().horizontalAdvance(hint) + 48)
        )

    def changeEvent(self, event: QEvent) -> None:
        # A font change reaches the table before this panel, so the table's font is new here.
        if event.type() == QEvent.Type.FontChange and hasattr(self, "delegate"):
            self.sync_font()
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange) and hasattr(
            self, "filter_edit"
        ):
            self.fit_filter()
        super().changeEvent(event)

    # ------------------------------------------------------------------ keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit_columns()
            return False
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if watched is self.table:
            return self._table_key(event.key())
        if watched is self.filter_edit:
            return self._filter_key(event.key())
        return False

    def _filter_key(self, key: int) -> bool:
        if key == Qt.Key.Key_Escape:
            if self.filter_edit.text():
                self.filter_edit.clear()
            else:
                self.leaveRequested.emit()
            return True
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.table.setFocus()
            if self.model.rowCount() and not self.table.currentIndex().isValid():
                self.table.selectRow(0)
            return True
        return False

    def _table_key(self, key: int) -> bool:
        row = self.table.currentIndex().row()
        if key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if row >= 0:
                self.editRequested.emit(row)
            return True
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if row >= 0:
                self.deleteRequested.emit(row)
            return True
        if key == Qt.Key.Key_Escape:
            self.leaveRequested.emit()
            return True
        return False

    def _selection_changed(self, *_args: object) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        self.delegate.set_selected_rows(rows)

    @staticmethod
    def _column_widths() -> dict[int, int]:
        """COLUMN_WIDTHS, grown with a larger system font (the kind badges must not elide)."""
        scale = font_scale()
        return {column: round(width * scale) for column, width in COLUMN_WIDTHS.items()}

    def _fit_columns(self) -> None:
        """Hide the least needed columns while the title would be squeezed."""
        available = self.table.viewport().width()
        hidden: set[int] = set()
        widths = self._column_widths()
        used = sum(widths.values())
        for column in COLUMN_DROP_ORDER:
            if available - used >= MIN_TITLE_WIDTH:
                break
            hidden.add(column)
            used -= widths[column]
        for column in COLUMN_WIDTHS:
            self.table.setColumnHidden(column, column in hidden)

    # ------------------------------------------------------------------ showing

    def set_rows(self, rows: list[ActivityRow]) -> None:
        self.model.set_rows(rows)
        self.update_empty_state()

    def clear(self) -> None:
        self.model.clear()

    def number_of(self, activity_id: str) -> int | None:
        """The number entry `activity_id` has in the list, if the list shows it."""
        row = self.model.row_of(activity_id)
        return self.model.row_at(row).number if row >= 0 else None

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def update_empty_state(self) -> None:
        if self.model.total == 0:
            self.empty_label.setText(
                self.tr("No offers or requests yet: type the first one on the left.")
            )
            self.list_stack.setCurrentWidget(self.empty_label)
        elif self.model.rowCount() == 0:
            self.empty_label.setText(
                self.tr("Nothing matches “{text}”. Press Esc in the filter to clear it.").replace(
                    "{text}", self.filter_edit.text().strip()
                )
            )
            self.list_stack.setCurrentWidget(self.empty_label)
        else:
            self.list_stack.setCurrentWidget(self.table)

    # ------------------------------------------------------------------ delete and undo

    def remember_deleted(self, entry: ActivityRow) -> None:
        """`entry` was deleted: keep it for Ctrl+Z and say so in the undo bar."""
        self._deleted.append((entry.id, entry.title))
        self.undo_label.setText(
            self.tr("Deleted #{n} “{title}”.")
            .replace("{n}", str(entry.number))
            .replace("{title}", entry.title)
        )
        self.undo_bar.show()

    def take_deleted(self) -> tuple[str, str] | None:
        """The most recently deleted (id, title), taken off the undo list; None when empty."""
        return self._deleted.pop() if self._deleted else None

    def put_back_deleted(self, activity_id: str, title: str) -> None:
        """Bringing it back failed: it stays next in line for Ctrl+Z."""
        self._deleted.append((activity_id, title))

    def show_restored(self, title: str) -> bool:
        """`title` is back. True when older deletes can still be undone (the bar says so);
        False when that was the last one (the bar goes away)."""
        if self._deleted:
            self.undo_label.setText(
                self.tr("Restored “{title}”. Ctrl+Z restores the one before.").replace(
                    "{title}", title
                )
            )
            return True
        self.undo_bar.hide()
        return False
