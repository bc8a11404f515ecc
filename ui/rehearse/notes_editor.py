"""Editing speaker notes outside the live show.

Notes are saved back where the deck keeps them: into the Markdown file of a Markdown deck
(`hexikit.decks.markdown.save_notes`), or into the notes file of an imported deck or PDF
(`hexikit.decks.loading.save_deck_notes` chooses). Saving runs on the worker; if it fails the
typed text stays in the editor with a message saying what to do.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hexikit.base.durations import format_duration
from hexikit.decks.deck import Deck, count_words
from hexikit.decks.loading import save_deck_notes
from hexikit.rehearsal.runs import estimate_seconds
from hexikit.ui.context import AppContext
from hexikit.ui.widgets.a11y import keyboard_friendly, tab_moves_on


def _save_all(deck: Deck, drafts: dict[int, str]) -> Deck:
    for number in sorted(drafts):
        deck = save_deck_notes(deck, number, drafts[number])
    return deck


class NotesEditor(QDialog):
    """A slide list and a text box for its notes; Save writes every changed slide.

    Signals:
        saved(object): the notes were saved; the reloaded Deck.
    """

    saved = Signal(object)

    def __init__(
        self,
        context: AppContext,
        deck: Deck,
        start_slide: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("notesEditor")
        self.setWindowTitle(self.tr("Edit notes — {title}").replace("{title}", deck.title))
        self.setModal(False)
        self.resize(1000, 640)
        self.context = context
        self.deck = deck
        self.drafts: dict[int, str] = {}
        self.saving = False
        self._number = 0

        self.slides = QListWidget()
        self.slides.setObjectName("notesSlides")
        self.slides.setMaximumWidth(320)
        self.slides.setAccessibleName(self.tr("Slides"))
        keyboard_friendly(self.slides)
        self.title = QLabel()
        self.title.setObjectName("notesSlideTitle")
        bold = QFont(self.title.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.3)
        self.title.setFont(bold)
        self.text = QPlainTextEdit()
        self.text.setObjectName("notesText")
        text_font = QFont("DejaVu Sans")
        text_font.setPointSize(max(12, context.settings.notes_font_pt - 4))
        self.text.setFont(text_font)
        self.text.setAccessibleName(self.tr("Notes of this slide"))
        # Notes are spoken text: a tab character in them is never wanted, leaving the box is.
        tab_moves_on(self.text)
        self.words = QLabel()
        self.words.setObjectName("notesWords")
        self.message = QLabel()
        self.message.setObjectName("notesMessage")
        self.message.setWordWrap(True)

        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.text, 1)
        right.addWidget(self.words)
        body = QHBoxLayout()
        body.addWidget(self.slides)
        body.addLayout(right, 1)
        buttons = QDialogButtonBox()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setObjectName("saveNotes")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        self._fill_slides()
        self.slides.currentRowChanged.connect(self._row_changed)
        self.text.textChanged.connect(self._text_changed)
        self.slides.setCurrentRow(min(max(1, start_slide), len(deck.slides)) - 1)
        self._update_state()

    # ---------------------------------------------------------------- slides

    def _fill_slides(self) -> None:
        self.slides.clear()
        for slide in self.deck.slides:
            item = QListWidgetItem(self._item_text(slide.number))
            item.setData(Qt.ItemDataRole.UserRole, slide.number)
            self.slides.addItem(item)

    def _item_text(self, number: int) -> str:
        slide = self.deck.slides[number - 1]
        mark = " •" if number in self.drafts else ""
        title = slide.title or self.tr("(no title)")
        return f"{number}. {title}{mark}"

    def notes_of(self, number: int) -> str:
        """The notes of slide `number` as edited (or as saved)."""
        if number in self.drafts:
            return self.drafts[number]
        return self.deck.slides[number - 1].notes

    def _row_changed(self, row: int) -> None:
        if row < 0:
            return
        self._number = row + 1
        slide = self.deck.slides[row]
        self.title.setText(
            self.tr("Slide {n}: {title}")
            .replace("{n}", str(slide.number))
            .replace("{title}", slide.title or self.tr("(no title)"))
        )
        self.text.blockSignals(True)
        self.text.setPlainText(self.notes_of(self._number))
        self.text.blockSignals(False)
        self._update_words()

    def current_number(self) -> int:
        return self._number

    def _text_changed(self) -> None:
        if not self._number:
            return
        text = self.text.toPlainText()
        if text.strip() == self.deck.slides[self._number - 1].notes.strip():
            self.drafts.pop(self._number, None)
        else:
            self.drafts[self._number] = text
        item = self.slides.item(self._number - 1)
        if item is not None:
            item.setText(self._item_text(self._number))
        self._update_words()
        self._update_state()

    def _update_words(self) -> None:
        words = count_words(self.text.toPlainText())
        wpm = self.context.settings.speaking_rate_wpm
        self.words.setText(
            self.tr("{words} words · about {time} at {wpm} words per minute")
            .replace("{words}", str(words))
            .replace("{time}", format_duration(estimate_seconds(words, wpm)))
            .replace("{wpm}", str(wpm))
        )

    def _update_state(self) -> None:
        self.save_button.setEnabled(bool(self.drafts) and not self.saving)
        changed = len(self.drafts)
        self.setWindowTitle(
            self.tr("Edit notes — {title}").replace("{title}", self.deck.title)
            + (" *" if changed else "")
        )

    # ---------------------------------------------------------------- saving

    def save(self) -> None:
        if not self.drafts or self.saving:
            return
        drafts = dict(self.drafts)
        deck = self.deck
        self.saving = True
        self._update_state()
        self.message.setText(self.tr("Saving…"))
        self.context.worker.run(
            lambda: _save_all(deck, drafts), lambda new: self._saved(new, drafts), self._failed
        )

    def _saved(self, deck: Deck, drafts: dict[int, str]) -> None:
        self.saving = False
        self.deck = deck
        for number, text in drafts.items():
            if self.drafts.get(number) == text:
                del self.drafts[number]
        for row in range(self.slides.count()):
            item = self.slides.item(row)
            if item is not None and row < len(deck.slides):
                item.setText(self._item_text(row + 1))
        self.message.setText(self.tr("Saved."))
        self._update_state()
        self.saved.emit(deck)

    def _failed(self, error: BaseException) -> None:
        self.saving = False
        self._update_state()
        self.message.setText("")
        QMessageBox.warning(
            self,
            self.tr("The notes were not saved"),
            str(error) + "\n\n" + self.tr("What you typed is still in the editor."),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.drafts and not self._confirm_discard():
            event.ignore()
            return
        super().closeEvent(event)

    def reject(self) -> None:  # Esc
        if self.drafts and not self._confirm_discard():
            return
        self.drafts.clear()
        super().reject()

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved notes"),
            self.tr("Some notes are not saved. Save them now?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.save()
            return False  # stays open until saved; closing again then needs no question
        if answer == QMessageBox.StandardButton.Discard:
            self.drafts.clear()
            return True
        return False


__all__ = ["NotesEditor"]
