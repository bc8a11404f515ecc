"""The presenter's keys: one table (`KeyBindings`), so the help overlay lists every one of them.

Other capabilities add theirs through `PresentPage.add_key`; a binding is one or more keys, a
callback and the description the help overlay shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence

#: What `add_key` takes: a key, a key sequence (for modifiers, e.g. Shift+F5), or a list of them.
KeySpec = Qt.Key | QKeySequence | list[Qt.Key | QKeySequence]


@dataclass
class KeyBinding:
    """One row of the table: its keys, what they do, and the labels the help overlay shows."""

    keys: list[tuple[int, int | None]]  # (key, modifiers or None = any shift/keypad)
    callback: Callable[[], object]
    description: str
    labels: list[str]


def _key_label(key: Qt.Key | QKeySequence) -> str:
    """How the help overlay names a key: symbols for punctuation, Qt's names for the rest."""
    if isinstance(key, QKeySequence):
        return key.toString(QKeySequence.SequenceFormat.NativeText)
    special = {
        Qt.Key.Key_Space: "Space",
        Qt.Key.Key_Return: "Enter",
        Qt.Key.Key_Enter: "Enter",
        Qt.Key.Key_Period: ".",
        Qt.Key.Key_Comma: ",",
        Qt.Key.Key_Question: "?",
        Qt.Key.Key_Plus: "+",
        Qt.Key.Key_Minus: "-",
    }
    if key in special:
        return special[key]
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


_IGNORED_MODIFIERS = Qt.KeyboardModifier.KeypadModifier | Qt.KeyboardModifier.ShiftModifier


class KeyBindings:
    """The presenter's keys: one table, so the help overlay lists every one of them."""

    def __init__(self) -> None:
        self.bindings: list[KeyBinding] = []

    def add(
        self,
        keys: KeySpec,
        callback: Callable[[], object],
        description: str,
    ) -> None:
        """Bind `keys`: a QKeySequence matches with its modifiers only, a plain key with or
        without Shift or the keypad modifier."""
        key_list = keys if isinstance(keys, list) else [keys]
        parsed: list[tuple[int, int | None]] = []
        for key in key_list:
            if isinstance(key, QKeySequence):
                if key.isEmpty():
                    continue
                # QKeySequence's indexing is missing from the PySide6 stubs.
                combination: QKeyCombination = cast(Any, key)[0]
                parsed.append(
                    (int(combination.key().value), int(combination.keyboardModifiers().value))
                )
            else:
                parsed.append((int(key.value), None))
        labels: list[str] = []
        for key in key_list:
            label = _key_label(key)
            if label not in labels:
                labels.append(label)
        self.bindings.append(KeyBinding(parsed, callback, description, labels))

    def find(self, event: QKeyEvent) -> KeyBinding | None:
        """The binding for this key press (the latest added wins), or None."""
        key = int(event.key())
        modifiers = int(event.modifiers().value)
        relevant = modifiers & ~int(Qt.KeyboardModifier.KeypadModifier.value)
        # Exact matches (e.g. Shift+F5) win over plain keys.
        for binding in reversed(self.bindings):
            if any(k == key and m == relevant for k, m in binding.keys if m is not None):
                return binding
        loose = modifiers & ~int(_IGNORED_MODIFIERS.value)
        if loose:
            return None  # Ctrl/Alt combinations belong to the menus
        for binding in reversed(self.bindings):
            if any(k == key for k, m in binding.keys if m is None):
                return binding
        return None


__all__ = ["KeyBinding", "KeyBindings", "KeySpec"]
