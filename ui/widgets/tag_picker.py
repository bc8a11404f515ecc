"""Pick several values from a fixed list by typing: chips plus a line edit with a completer.

Typing a few letters shows the matching choices; Enter (or Tab, or a comma) adds the best match
as a chip; Backspace in an empty box removes the last chip. Enter in an empty box is left to
the form (the capture screen saves on it).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from hexikit.ui.theme import style_popup
from hexikit.ui.widgets.a11y import RING_ON_PARENT
from hexikit.ui.widgets.flow_layout import FlowLayout


class _TagLineEdit(QLineEdit):
    """The typing part of a TagPicker.

    Signals:
        commitRequested(): Enter, Tab or a comma with text typed: add the best match.
        removeLastRequested(): Backspace in an empty box.
    """

    commitRequested = Signal()
    removeLastRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Comma) and self.text().strip():
            self.commitRequested.emit()
            event.accept()
            return
        if key == Qt.Key.Key_Backspace and not self.text():
            self.removeLastRequested.emit()
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # the form decides (save)
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab with a word typed adds it first, so Tab never silently drops what was typed.
        if self.text().strip():
            self.commitRequested.emit()
        return super().focusNextPrevChild(next)


class TagPicker(QFrame):
    """Choose several of `choices` by typing.

    Signals:
        tagsChanged(list): the chosen values (canonical spelling, in the order picked): the
            stable keys, whatever language `label` shows them in.
        textEdited(str): the half-typed text changed (for drafts).
        unknownTyped(str): Enter was pressed on text that matches no choice.
    """

    tagsChanged = Signal(list)
    textEdited = Signal(str)
    unknownTyped = Signal(str)

    def __init__(
        self,
        choices: tuple[str, ...],
        placeholder: str = "",
        parent: QWidget | None = None,
        label: Callable[[str], str] | None = None,
    ) -> None:
        """`label` shows a key in the chosen language (chips and the list); typing either the
        label or the key picks it."""
        super().__init__(parent)
        self._label = label or (lambda key: key)
        self.setObjectName("tagPicker")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._choices = choices
        self._tags: list[str] = []
        self._chips: dict[str, QToolButton] = {}
        self._layout = FlowLayout(self, spacing=4)
        self._layout.setContentsMargins(4, 3, 4, 3)
        self.line_edit = _TagLineEdit(self)
        self.line_edit.setObjectName("tagPickerInput")
        self.line_edit.setFrame(False)
        self.line_edit.setPlaceholderText(placeholder)
        self._layout.addWidget(self.line_edit)
        self._model = QStringListModel([self._label(c) for c in choices], self)
        self.completer = QCompleter(self._model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setMaxVisibleItems(len(choices))
        self.line_edit.setCompleter(self.completer)
        style_popup(self.completer.popup())
        self.completer.activated[str].connect(self._completion_chosen)  # type: ignore[index]
        self.line_edit.commitRequested.connect(self.commit_text)
        self.line_edit.removeLastRequested.connect(self._remove_last)
        self.line_edit.textEdited.connect(self.textEdited)
        # Not a focus proxy: Qt 6 puts a proxied compound widget back at its old place in the
        # Tab chain, so a form's own Tab order would jump here. focusInEvent hands it on.
        self.line_edit.setProperty(RING_ON_PARENT, True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def focusInEvent(self, event: QFocusEvent) -> None:
        # A buddy label's mnemonic, or a validation message, focuses the picker: type here.
        self.line_edit.setFocus(event.reason())

    def set_accessible_name(self, name: str) -> None:
        """What a screen reader calls the picker (its text box is what takes the keys)."""
        self.setAccessibleName(name)
        self.line_edit.setAccessibleName(name)

    # ------------------------------------------------------------------ API

    def tags(self) -> list[str]:
        return list(self._tags)

    def text(self) -> str:
        return self.line_edit.text()

    def set_text(self, text: str) -> None:
        self.line_edit.setText(text)

    def set_tags(self, tags: list[str]) -> None:
        """Replace the chosen values (unknown ones are dropped)."""
        wanted = [tag for tag in (self.best_match(value) for value in tags) if tag]
        if wanted == self._tags:
            return
        for tag in list(self._tags):
            self._drop_chip(tag)
        self._tags = []
        for tag in wanted:
            self._add_chip(tag)
        self._refresh_choices()
        self.tagsChanged.emit(self.tags())

    def add_tag(self, value: str) -> bool:
        tag = self.best_match(value)
        if tag is None or tag in self._tags:
            return tag is not None
        self._add_chip(tag)
        self._refresh_choices()
        self.tagsChanged.emit(self.tags())
        return True

    def remove_tag(self, tag: str) -> None:
        if tag not in self._tags:
            return
        self._drop_chip(tag)
        self._refresh_choices()
        self.tagsChanged.emit(self.tags())
        self.line_edit.setFocus()

    def clear(self) -> None:
        self.line_edit.clear()
        self.set_tags([])

    def best_match(self, text: str) -> str | None:
        """The choice `text` stands for: exact, then starts-with, then contains (any case)."""
        wanted = text.strip().casefold()
        if not wanted:
            return None
        for test in (
            lambda choice: choice.casefold() == wanted,
            lambda choice: choice.casefold().startswith(wanted),
            lambda choice: any(word.startswith(wanted) for word in choice.casefold().split()),
            lambda choice: wanted in choice.casefold(),
        ):
            found = [
                choice
                for choice in self._choices
                if test(self._label(choice)) or (self._label(choice) != choice and test(choice))
            ]
            if found:
                return found[0]
        return None

    def commit_text(self) -> None:
        """Turn the typed text into a chip (or report it as unknown)."""
        text = self.line_edit.text().strip()
        if not text:
            return
        popup = self.completer.popup()
        current = popup.currentIndex() if popup is not None and popup.isVisible() else None
        chosen = str(current.data()) if current is not None and current.isValid() else text
        if popup is not None:
            popup.hide()
        if self.add_tag(chosen):
            self.line_edit.clear()
            self.textEdited.emit("")
        else:
            self.unknownTyped.emit(text)

    # ------------------------------------------------------------------ internals

    def _completion_chosen(self, text: str) -> None:
        if self.add_tag(text):
            # Clear after the completer has finished writing its text into the line edit.
            self.line_edit.clear()
            self.textEdited.emit("")

    def _refresh_choices(self) -> None:
        self._model.setStringList([self._label(c) for c in self._choices if c not in self._tags])

    def _add_chip(self, tag: str) -> None:
        chip = QToolButton(self)
        chip.setObjectName("tagChip")
        chip.setText(f"{self._label(tag)}  ×")
        chip.setToolTip(
            self.tr("Remove {tag} (or press Backspace in the box)").replace(
                "{tag}", self._label(tag)
            )
        )
        chip.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        chip.setCursor(Qt.CursorShape.PointingHandCursor)
        chip.clicked.connect(lambda _=False, value=tag: self.remove_tag(value))
        self._layout.insert_widget(len(self._tags), chip)
        chip.show()
        self._tags.append(tag)
        self._chips[tag] = chip
        self.updateGeometry()

    def _drop_chip(self, tag: str) -> None:
        chip = self._chips.pop(tag)
        position = self._tags.index(tag)
        self._tags.pop(position)
        item = self._layout.takeAt(position)
        del item
        chip.hide()
        chip.deleteLater()
        self._layout.invalidate()
        self.updateGeometry()

    def _remove_last(self) -> None:
        if self._tags:
            self.remove_tag(self._tags[-1])
