"""The match board: the facilitator's ranked suggestions, and the MATCHES scene on the stage.

The facilitator sees every suggestion with its explanation and confirms (Enter / C) or dismisses
(Delete / D) it; decisions are stored by the core (`hexikit.matching.suggestions`) through the worker. The
projector shows the confirmed matches as large cards, worded by the core so that a participant
who did not consent is "Someone".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hexikit.matching import suggestions as matching
from hexikit.matching.suggestions import MatchCard, Suggestion
from hexikit.records.domain import EntityType
from hexikit.ui.context import AppContext
from hexikit.ui.session.feedback import fitted_font
from hexikit.ui.widgets.a11y import keyboard_friendly

SCENE_BACKGROUND = QColor("#10233a")
CARD_BACKGROUND = QColor("#ffffff")
CARD_INK = QColor("#10233a")
CARD_ACCENT = QColor("#f2a541")
MUTED_INK = QColor("#5b6b7c")
CARDS_PER_PAGE = 6

_Index = QModelIndex | QPersistentModelIndex


class SuggestionModel(QAbstractTableModel):
    """Suggestions as rows: offer, request, why, decision."""

    COLUMNS = ("offer", "request", "why", "status")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Suggestion] = []

    def set_suggestions(self, rows: list[Suggestion]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def suggestion(self, row: int) -> Suggestion | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        titles = (self.tr("Offer"), self.tr("Request"), self.tr("Why"), self.tr("Decision"))
        return titles[section] if 0 <= section < len(titles) else None

    def _person(self, side: matching.ActivityFacts) -> str:
        name = side.participant_name or self.tr("(no name)")
        if not side.consent:
            name += " " + self.tr("(not named on screen)")
        return name

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return f"{row.offer.title} — {self._person(row.offer)}"
            if column == 1:
                return f"{row.request.title} — {self._person(row.request)}"
            if column == 2:
                return row.explanation
            if column == 3:
                if row.status is matching.MatchStatus.CONFIRMED:
                    return self.tr("Confirmed")
                if row.status is matching.MatchStatus.DISMISSED:
                    return self.tr("Dismissed")
                return self.tr("Suggested")
        if role == Qt.ItemDataRole.ForegroundRole and row.status == matching.MatchStatus.DISMISSED:
            return QColor("#888888")
        if role == Qt.ItemDataRole.FontRole and row.status == matching.MatchStatus.CONFIRMED:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.explanation
        return None


class MatchesScene(QWidget):
    """The projector's match board: large cards, "Ana can help Ben with run charts".

    Only the pair is shown (who helps whom, with what), not why the matcher paired them.
    Names come already worded by the core (consent respected); this widget only draws.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matchesScene")
        self.setAutoFillBackground(False)
        self._cards: list[MatchCard] = []
        self._page = 0

    @property
    def cards(self) -> list[MatchCard]:
        return list(self._cards)

    @property
    def page(self) -> int:
        return self._page

    @property
    def page_count(self) -> int:
        return max(1, -(-len(self._cards) // CARDS_PER_PAGE))

    def set_cards(self, cards: list[MatchCard]) -> None:
        self._cards = list(cards)
        self._page = min(self._page, self.page_count - 1)
        self.update()

    def next_page(self) -> None:
        self._page = (self._page + 1) % self.page_count
        self.update()

    def visible_sentences(self) -> list[str]:
        start = self._page * CARDS_PER_PAGE
        return [card.sentence for card in self._cards[start : start + CARDS_PER_PAGE]]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = float(self.width()), float(self.height())
        painter.fillRect(self.rect(), SCENE_BACKGROUND)
        margin = height * 0.05
        title_font = QFont(self.font())
        title_font.setPixelSize(max(int(height / 13), 12))
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(QColor("#ffffff"))
        title_rect = QRectF(margin, margin * 0.6, width - 2 * margin, height / 9)
        title = self.tr("Who can help whom")
        if self.page_count > 1:
            title += f"  ({self._page + 1}/{self.page_count})"
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title
        )
        top = title_rect.bottom() + margin * 0.4
        area = QRectF(margin, top, width - 2 * margin, height - top - margin)
        sentences = self._cards[self._page * CARDS_PER_PAGE : (self._page + 1) * CARDS_PER_PAGE]
        if not sentences:
            body = QFont(self.font())
            body.setPixelSize(max(int(height / 22), 10))
            painter.setFont(body)
            painter.setPen(QColor("#c9d6e3"))
            painter.drawText(
                area,
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.tr("Matches appear here as they are confirmed."),
            )
            painter.end()
            return
        columns = 1 if len(sentences) <= 3 else 2
        rows = -(-len(sentences) // columns)
        gap = margin * 0.5
        card_w = (area.width() - gap * (columns - 1)) / columns
        card_h = min((area.height() - gap * (rows - 1)) / rows, height / 4)
        sentence_font = QFont(self.font())
        # Body text at least 1/25 of the height: readable from the back of the room.
        sentence_font.setPixelSize(max(int(height / (18 if columns == 1 else 24)), 10))
        sentence_font.setBold(True)
        for number, card in enumerate(sentences):
            column, row = number % columns, number // columns
            rect = QRectF(
                area.left() + column * (card_w + gap),
                area.top() + row * (card_h + gap),
                card_w,
                card_h,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(CARD_BACKGROUND)
            painter.drawRoundedRect(rect, card_h * 0.08, card_h * 0.08)
            painter.setBrush(CARD_ACCENT)
            painter.drawRect(
                QRectF(rect.left(), rect.top() + card_h * 0.15, card_h * 0.06, card_h * 0.7)
            )
            inner = rect.adjusted(card_h * 0.2, card_h * 0.08, -card_h * 0.12, -card_h * 0.08)
            painter.setPen(QPen(CARD_INK))
            # Only the pair, in words: the matcher's reasoning ("both Statistical analysis,
            # words in common…") stays on the laptop's Matches tab, never on the projector.
            painter.setFont(fitted_font(sentence_font, inner, card.sentence))
            painter.drawText(
                inner,
                Qt.AlignmentFlag.AlignLeft
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextWordWrap,
                card.sentence,
            )
        painter.end()


class MatchBoard(QWidget):
    """The facilitator's list of suggestions with confirm / dismiss.

    Keys in the list: Enter or C confirms, Delete or D dismisses, U takes the decision back.

    Signals:
        cardsChanged(list): the confirmed matches as projector cards (list of MatchCard).
        message(str): something to tell the facilitator (a saved decision, an error).
    """

    cardsChanged = Signal(list)
    message = Signal(str)

    def __init__(
        self, context: AppContext, scene: MatchesScene | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("matchBoard")
        self.context = context
        self.scene = scene
        self._event_id = ""
        self._stale = False
        self.model = SuggestionModel(self)
        self.table = QTableView()
        self.table.setObjectName("suggestionTable")
        self.table.setAccessibleName(self.tr("Suggested matches"))
        # Tab moves on to Confirm, Dismiss…; the arrows move between the suggestions.
        keyboard_friendly(self.table)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.installEventFilter(self)
        self.status = QLabel()
        self.status.setObjectName("matchStatus")
        self.status.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("&Confirm"))
        self.dismiss_button = QPushButton(self.tr("&Dismiss"))
        self.undo_button = QPushButton(self.tr("&Undo decision"))
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.next_page_button = QPushButton(self.tr("Next &page on screen"))
        self.confirm_button.clicked.connect(self.confirm_current)
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.undo_button.clicked.connect(self.undo_current)
        self.refresh_button.clicked.connect(self.refresh)
        self.next_page_button.clicked.connect(self._next_page)
        buttons = QHBoxLayout()
        for button in (
            self.confirm_button,
            self.dismiss_button,
            self.undo_button,
            self.refresh_button,
            self.next_page_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        context.storeChanged.connect(self._store_changed)

    @property
    def event_id(self) -> str:
        return self._event_id

    def set_event(self, event_id: str) -> None:
        self._event_id = event_id
        self.refresh()

    def _store_changed(self, entity_type: str) -> None:
        if entity_type in ("activity", "participant") and self._event_id:
            # Ranking a big room takes a moment: do it when the board is on screen.
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event: Any) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        """Ask the core for the ranked suggestions and the projector cards (off the GUI thread)."""
        event_id = self._event_id
        if not event_id:
            self.model.set_suggestions([])
            self._show_cards([])
            self.status.setText(self.tr("Choose an event to see who can help whom."))
            return
        store = self.context.store

        def load() -> tuple[list[Suggestion], list[MatchCard]]:
            return (
                matching.suggest(store, event_id, include_dismissed=True),
                matching.projector_cards(store, event_id),
            )

        self.context.worker.run(load, self._loaded, self._failed)

    def _loaded(self, result: tuple[list[Suggestion], list[MatchCard]]) -> None:
        suggestions, cards = result
        selected = self.current_suggestion()
        self.model.set_suggestions(suggestions)
        self.table.resizeRowsToContents()
        keep = 0
        if selected is not None:
            keep = next((i for i, s in enumerate(suggestions) if s.key == selected.key), 0)
        if suggestions:
            self.table.selectRow(keep)
        self._show_cards(cards)
        undecided = sum(1 for s in suggestions if not s.status)
        if not suggestions:
            self.status.setText(
                self.tr(
                    "No suggestions yet: they appear when offers and requests share a category "
                    "or words."
                )
            )
        else:
            self.status.setText(
                self.tr("{confirmed} confirmed, {undecided} to decide.")
                .replace("{confirmed}", str(len(cards)))
                .replace("{undecided}", str(undecided))
            )

    def _show_cards(self, cards: list[MatchCard]) -> None:
        if self.scene is not None:
            self.scene.set_cards(cards)
        self.cardsChanged.emit(cards)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(
            self.tr("Could not load the matches: {error}").replace("{error}", str(error))
        )
        self.message.emit(self.status.text())

    def current_suggestion(self) -> Suggestion | None:
        index = self.table.currentIndex()
        return self.model.suggestion(index.row()) if index.isValid() else None

    def _decide(self, status: matching.MatchStatus) -> None:
        suggestion = self.current_suggestion()
        event_id = self._event_id
        if suggestion is None or not event_id:
            return
        store = self.context.store

        def write() -> None:
            matching.decide(store, event_id, suggestion, status)

        self.context.worker.run(
            write, lambda _r: self.refresh(), self._failed, changes={EntityType.MATCH}
        )

    def confirm_current(self) -> None:
        self._decide(matching.MatchStatus.CONFIRMED)

    def dismiss_current(self) -> None:
        self._decide(matching.MatchStatus.DISMISSED)

    def undo_current(self) -> None:
        suggestion = self.current_suggestion()
        if suggestion is None or not suggestion.match_id:
            return
        store = self.context.store
        match_id = suggestion.match_id
        self.context.worker.run(
            lambda: matching.undo(store, match_id),
            lambda _r: self.refresh(),
            self._failed,
            changes={EntityType.MATCH},
        )

    def _next_page(self) -> None:
        if self.scene is not None:
            self.scene.next_page()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (
            watched is self.table
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
        ):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_C):
                self.confirm_current()
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_D):
                self.dismiss_current()
                return True
            if key == Qt.Key.Key_U:
                self.undo_current()
                return True
        return super().eventFilter(watched, event)
