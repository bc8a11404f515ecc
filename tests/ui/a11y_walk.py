"""Walking a window with real Tab and Shift+Tab presses, and asking Qt's accessibility interface
what each control is called (tests/ui/test_accessibility.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QRadioButton,
    QWidget,
)

#: More presses than any page has controls: a walk that has not come round by then is stuck.
MOST_PRESSES = 400


def control(widget: QWidget) -> QWidget:
    """The control a focused widget belongs to: a combo box or spin box hands its focus to its
    line edit, a tag picker to its text box (focus proxies, either way round)."""
    current = widget
    while True:
        parent = current.parentWidget()
        if parent is not None and parent.focusProxy() is current:
            current = parent
            continue
        return current


def reachable(root: QWidget) -> list[QWidget]:
    """The controls under `root` that the keyboard should reach: shown, enabled, taking focus
    from Tab. A widget that hands its focus on (a focus proxy) counts as the one it hands to."""
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not widget.isEnabled():
            continue
        if widget.window() is not root.window():
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None:
            continue
        if _unchosen_radio(widget):
            continue
        parent = widget.parentWidget()
        # A scroll area's viewport is part of the area.
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is widget:
            continue
        target = control(widget)
        if target not in found:
            found.append(target)
    return found


def _unchosen_radio(widget: QWidget) -> bool:
    """Tab reaches a group of exclusive choices (radio buttons, or checkable buttons in an
    exclusive group) once, at the chosen one; arrows move inside the group."""
    if not isinstance(widget, QAbstractButton) or not widget.isCheckable() or widget.isChecked():
        return False
    group = widget.group()
    if group is not None and group.exclusive():
        siblings = group.buttons()
    elif isinstance(widget, QRadioButton) and widget.autoExclusive():
        parent = widget.parentWidget()
        siblings = parent.findChildren(QRadioButton) if parent is not None else []
    else:
        return False
    return any(other.isChecked() and other.isVisible() for other in siblings)


def _focused() -> QWidget | None:
    widget = QApplication.focusWidget()
    return control(widget) if widget is not None else None


def tab_walk(start: QWidget, backwards: bool = False) -> list[QWidget]:
    """Give `start` the focus, then press Tab (or Shift+Tab) until the focus comes back round:
    the controls reached, in order, `start` first. Stops early when a press moves nothing."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    first = _focused()
    assert first is not None, "nothing took the focus"
    walk = [first]
    modifier = Qt.KeyboardModifier.ShiftModifier if backwards else Qt.KeyboardModifier.NoModifier
    for _press in range(MOST_PRESSES):
        target = QApplication.focusWidget()
        assert target is not None
        QTest.keyClick(target, Qt.Key.Key_Tab, modifier)
        now = _focused()
        if now is None or now in walk:
            break
        walk.append(now)
    return walk


def accessible_name(widget: QWidget) -> str:
    """What a screen reader says the control is called (its name, a buddy label's text…)."""
    # Typed as never None, but Qt answers None for an object it has no interface for.
    interface: QAccessibleInterface | None = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    return interface.text(QAccessible.Text.Name).strip()


def describe(widget: QWidget) -> str:
    name = widget.objectName() or accessible_name(widget)
    text = getattr(widget, "text", None)
    shown = text() if callable(text) else ""
    return f"{type(widget).__name__}({name or shown!r})"
