"""The bottom of the presenter view: the current slide's notes, sized with A− / A+ (and + / -),
and the deck's problems, where Enter or a click goes to the slide of the problem."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hexikit.decks.deck import ERROR, Deck, Slide
from hexikit.decks.layout import inline_html
from hexikit.decks.mdblocks import notes_paragraphs
from hexikit.ui.context import AppContext
from hexikit.ui.present.controls import PresenterButton
from hexikit.ui.present.decks import problem_text
from hexikit.ui.widgets import a11y

MIN_NOTES_PT = 10
MAX_NOTES_PT = 72


class NotesPanel(QWidget):
    """The notes of the current slide and the deck's problems.

    Signals:
        slideChosen(int): a problem was picked: go to its slide.
    """

    slideChosen = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._deck: Deck | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        title = QLabel(self.tr("Notes"))
        bar.addWidget(title)
        bar.addStretch(1)
        self.smaller_button = self._button("A−", -2, "notesSmaller", self.tr("Smaller notes (-)"))
        self.larger_button = self._button("A+", 2, "notesLarger", self.tr("Larger notes (+)"))
        # "A−" and "A+" say nothing read aloud.
        self.smaller_button.setAccessibleName(self.tr("Smaller notes"))
        self.larger_button.setAccessibleName(self.tr("Larger notes"))
        bar.addWidget(self.smaller_button)
        bar.addWidget(self.larger_button)
        layout.addLayout(bar)
        self.notes = QTextBrowser()
        self.notes.setObjectName("notes")
        # Shown, not edited, and it would take the arrows the slides need: no Tab stop (the
        # notes follow the slide; Ctrl+E edits them).
        self.notes.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.notes.setAccessibleName(title.text())
        self.notes.setOpenLinks(False)
        layout.addWidget(self.notes, 1)
        self.problems = QListWidget()
        self.problems.setObjectName("problems")
        self.problems.setAccessibleName(self.tr("Problems in the deck"))
        # Tab reaches the list (arrows move in it, Enter goes to the slide), but a click
        # leaves the keyboard on the slides.
        a11y.keyboard_friendly(self.problems)
        a11y.tab_only(self.problems)
        self.problems.setMaximumHeight(110)
        self.problems.itemClicked.connect(self._problem_chosen)
        self.problems.itemActivated.connect(self._problem_chosen)
        # Shown only for a deck with problems (`show_problems`): hidden from the start, so the
        # first frame of a deck with none already has the notes at their full height.
        self.problems.hide()
        layout.addWidget(self.problems)
        self.apply_size()

    def _button(self, text: str, delta: int, name: str, tip: str) -> PresenterButton:
        button = PresenterButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(lambda _=False: self.change_size(delta))
        return button

    def change_size(self, delta: int) -> None:
        settings = self.context.settings
        size = min(MAX_NOTES_PT, max(MIN_NOTES_PT, settings.notes_font_pt + delta))
        if size != settings.notes_font_pt:
            settings.notes_font_pt = size
            self.context.save_settings()
        self.apply_size()

    def apply_size(self) -> None:
        font = QFont("DejaVu Sans")
        font.setPointSize(self.context.settings.notes_font_pt)
        self.notes.setFont(font)
        self.notes.document().setDefaultFont(font)

    def show_notes(self, slide: Slide | None) -> None:
        if slide is None:
            self.notes.setPlainText(self.tr("This deck has no slides."))
            return
        if not slide.notes:
            empty = self.tr("No notes for this slide.")
            self.notes.setHtml(f"<p style='color:#777'>{empty}</p>")
            return
        self.notes.setHtml(
            "".join(f"<p>{inline_html(p)}</p>" for p in notes_paragraphs(slide.notes))
        )

    def show_problems(self, deck: Deck) -> None:
        self._deck = deck
        self.problems.clear()
        for problem in deck.problems:
            item = QListWidgetItem(problem_text(problem))
            item.setData(Qt.ItemDataRole.UserRole, problem.line)
            if problem.severity == ERROR:
                item.setForeground(QColor("#b00020"))
            self.problems.addItem(item)
        self.problems.setVisible(bool(deck.problems))

    def _problem_chosen(self, item: QListWidgetItem) -> None:
        line = int(item.data(Qt.ItemDataRole.UserRole) or 0)
        if self._deck is None or not line:
            return
        number = 1
        for slide in self._deck.slides:
            if slide.line <= line:
                number = slide.number
        self.slideChosen.emit(number)


__all__ = ["MAX_NOTES_PT", "MIN_NOTES_PT", "NotesPanel"]
