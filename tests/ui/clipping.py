"""Finding text that does not fit its widget: what the pseudo-locale walk checks on every page
(tests/ui/test_pseudo_locale.py)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QWidget,
)

from hexikit.ui.widgets.elided_label import ElidedLabel

#: Pixels of slack a style may take from a widget's text area.
SLACK = 2


def _visible(widget: QWidget) -> bool:
    return widget.isVisible() and widget.width() > 0 and widget.height() > 0


def clipped(root: QWidget) -> list[str]:
    """Widgets under `root` (shown ones only) whose text is cut: "class 'name': text"."""
    problems: list[str] = []
    for widget in root.findChildren(QWidget):
        if not _visible(widget):
            continue
        text = ""
        cut = False
        if isinstance(widget, ElidedLabel):
            # It cuts itself to fit: a cut that leaves out a short text is a layout with too
            # little room (the deck's title gone at a large font).
            text = widget.full_text()
            cut = widget.text() != text
        elif isinstance(widget, QLabel):
            text = widget.text()
            if not text or widget.wordWrap() or ("<" in text and ">" in text) or "\n" in text:
                continue
            shown = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
            needed = widget.fontMetrics().horizontalAdvance(shown)
            cut = needed > widget.contentsRect().width() + SLACK
        elif isinstance(widget, (QPushButton, QToolButton, QCheckBox, QRadioButton)):
            assert isinstance(widget, QAbstractButton)
            text = widget.text().replace("&", "")
            if not text or "\n" in text:
                continue
            cut = widget.sizeHint().width() > widget.width() + SLACK
        elif isinstance(widget, QGroupBox):
            text = widget.title()
            cut = bool(text) and (
                widget.fontMetrics().horizontalAdvance(text) > widget.width() + SLACK
            )
        elif isinstance(widget, QComboBox):
            text = widget.currentText()
            # The shown item (the size hint is the longest item's): its text, the arrow.
            arrow = widget.style().pixelMetric(widget.style().PixelMetric.PM_ScrollBarExtent)
            room = widget.width() - arrow - 16
            cut = bool(text) and widget.fontMetrics().horizontalAdvance(text) > room
        elif isinstance(widget, QLineEdit) and not widget.text():
            text = widget.placeholderText()
            room = widget.width() - 12
            cut = bool(text) and widget.fontMetrics().horizontalAdvance(text) > room
        if cut:
            name = widget.objectName() or widget.parent().__class__.__name__
            problems.append(f"{type(widget).__name__} {name!r}: {text!r}")
    return problems
