"""The look of the capture screen and its dialogs: one stylesheet and a few small widgets.

Scoped by object name so it styles only the widgets that ask for it (other modes keep theirs).
"""

from __future__ import annotations

import re
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from hexikit.base.resources import asset

ACCENT = "#2563eb"
OFFER = "#0f766e"
REQUEST = "#b45309"
ERROR = "#b91c1c"
PAGE_BACKGROUND = "#f6f7f9"
CARD_BORDER = "#e3e6eb"

CHEVRON = asset("icons", "chevron-down.svg").as_posix()

STYLESHEET = f"""
#hexikitDialog {{
    background: {PAGE_BACKGROUND};
}}
#hexikitDialog QWidget, #capturePage QWidget {{
    font-size: 11pt;
}}
#capturePage QLineEdit, #capturePage QPlainTextEdit, #capturePage QComboBox,
#hexikitDialog QLineEdit, #hexikitDialog QComboBox, #hexikitDialog QListWidget,
#capturePage #tagPicker {{
    background: white;
    border: 1px solid #c9ced6;
    border-radius: 6px;
    padding: 5px 7px;
    min-height: 22px;
    selection-background-color: {ACCENT};
}}
#capturePage QComboBox:editable {{
    padding: 4px 7px;
    min-height: 24px;
}}
#capturePage QComboBox::drop-down:editable {{
    border: none;
    width: 24px;
}}
#capturePage QComboBox::drop-down, #hexikitDialog QComboBox::drop-down {{
    border: none;
    width: 24px;
}}
#capturePage QComboBox::down-arrow, #hexikitDialog QComboBox::down-arrow {{
    image: url({CHEVRON});
    width: 12px;
    height: 12px;
}}
#capturePage #tagPicker {{
    padding: 2px 4px;
}}
#capturePage #tagPicker QLineEdit, #capturePage QComboBox QLineEdit {{
    border: none;
    padding: 0px 1px;
    background: transparent;
    min-height: 20px;
}}
#capturePage QLineEdit:focus, #capturePage QPlainTextEdit:focus, #capturePage QComboBox:focus,
#hexikitDialog QLineEdit:focus, #hexikitDialog QComboBox:focus,
#hexikitDialog QListWidget:focus {{
    border: 2px solid {ACCENT};
    padding: 4px 6px;
}}
#capturePage #tagPicker QLineEdit:focus, #capturePage QComboBox QLineEdit:focus {{
    border: none;
    padding: 0px 1px;
}}
#capturePage QLineEdit[invalid="true"], #capturePage QPlainTextEdit[invalid="true"],
#capturePage QComboBox[invalid="true"], #capturePage #tagPicker[invalid="true"],
#hexikitDialog QLineEdit[invalid="true"] {{
    border: 2px solid {ERROR};
}}
#tagChip {{
    background: #e0e7ff;
    color: #1e3a8a;
    border: none;
    border-radius: 10px;
    padding: 3px 9px;
}}
#tagChip:hover {{ background: #c7d2fe; }}
#formCard, #listCard {{
    background: white;
    border: 1px solid #e3e6eb;
    border-radius: 10px;
}}
#capturePage QLabel#eventTitle, #hexikitDialog QLabel#eventTitle {{ font-size: 17pt; font-weight: 600; color: #111827; }}
#eventMeta, #hint {{ color: #5b6472; }}
#capturePage QLabel#hint, #hexikitDialog QLabel#hint {{ font-size: 10pt; }}
#capturePage QLabel#sectionTitle, #hexikitDialog QLabel#sectionTitle {{ font-size: 13pt; font-weight: 600; color: #111827; }}
#fieldLabel {{ font-weight: 600; color: #374151; }}
#fieldError {{ color: {ERROR}; }}
#countTile {{
    background: white;
    border: 1px solid #e3e6eb;
    border-radius: 10px;
    padding: 4px 10px;
}}
#capturePage QLabel#countNumber {{ font-size: 20pt; font-weight: 700; color: #111827; }}
#countLabel {{ color: #5b6472; }}
#kindOffer, #kindRequest {{
    border: 1px solid #c9ced6;
    background: white;
    padding: 7px 16px;
    font-weight: 600;
    color: #374151;
}}
#kindOffer {{ border-top-left-radius: 8px; border-bottom-left-radius: 8px; }}
#kindRequest {{ border-top-right-radius: 8px; border-bottom-right-radius: 8px; }}
#kindOffer:checked {{ background: {OFFER}; border-color: {OFFER}; color: white; }}
#kindRequest:checked {{ background: {REQUEST}; border-color: {REQUEST}; color: white; }}
#primaryButton {{
    background: {ACCENT};
    color: white;
    border: none;
    border-radius: 8px;
    padding: 8px 18px;
    font-weight: 600;
}}
#primaryButton:focus {{ outline: none; border: 2px solid #1e3a8a; }}
#primaryButton:disabled {{ background: #93a8d8; }}
#secondaryButton {{
    background: white;
    border: 1px solid #c9ced6;
    border-radius: 8px;
    padding: 7px 14px;
}}
#secondaryButton:focus {{ border: 2px solid {ACCENT}; }}
#statusOk {{
    background: #ecfdf5; color: #065f46; border: 1px solid #a7f3d0;
    border-radius: 8px; padding: 7px 10px;
}}
#statusError {{
    background: #fef2f2; color: {ERROR}; border: 1px solid #fecaca;
    border-radius: 8px; padding: 7px 10px;
}}
#statusInfo {{
    background: #eff6ff; color: #1e3a8a; border: 1px solid #bfdbfe;
    border-radius: 8px; padding: 7px 10px;
}}
#editBanner {{
    background: #fffbeb; color: #92400e; border: 1px solid #fde68a;
    border-radius: 8px; padding: 7px 10px;
}}
#capturePage QLabel#emptyState {{ color: #6b7280; font-size: 13pt; }}
#capturePage QTableView {{
    background: white;
    border: none;
    gridline-color: #eef0f3;
    selection-background-color: #dbeafe;
    selection-color: #111827;
    alternate-background-color: #fafbfc;
}}
#capturePage QHeaderView::section {{
    background: #f3f4f6;
    border: none;
    border-bottom: 1px solid #e3e6eb;
    padding: 6px 6px;
    font-weight: 600;
    color: #374151;
}}
#consentBox {{
    background: #f9fafb; border: 1px solid #e3e6eb; border-radius: 8px; padding: 8px;
    color: #374151;
}}
"""


BASE_POINT_SIZE = 11

#: A platform's usual interface font size, in points: the sizes above are meant for it.
USUAL_POINT_SIZE = 13.0 if sys.platform == "darwin" else 9.0 if sys.platform == "win32" else 10.0
_FONT_SIZE = re.compile(r"(font-size:\s*)(\d+(?:\.\d+)?)(pt|px)")


def font_scale() -> float:
    """How much larger than usual the system font is (1 when it is the usual size or smaller):
    the style sheets' fixed sizes grow by as much, so the pages follow the user's setting."""
    return max(1.0, QGuiApplication.font().pointSizeF() / USUAL_POINT_SIZE)


def scaled(sheet: str, scale: float | None = None) -> str:
    """`sheet` with every font size grown by `scale` (default: `font_scale()`)."""
    factor = font_scale() if scale is None else scale
    if factor == 1.0:
        return sheet

    def grow(match: re.Match[str]) -> str:
        return f"{match[1]}{float(match[2]) * factor:.1f}{match[3]}"

    return _FONT_SIZE.sub(grow, sheet)


#: Completer pop-ups are windows of their own, outside the page's style sheet.
POPUP_STYLESHEET = """
QListView {
    font-size: 11pt;
    background: white;
    border: 1px solid #c9ced6;
    padding: 2px;
    outline: none;
}
QListView::item { padding: 5px 8px; color: #111827; }
QListView::item:selected { background: #dbeafe; color: #111827; }
"""


def style_popup(widget: QWidget | None) -> None:
    """Give a completer's pop-up list the page's look."""
    if widget is not None:
        widget.setStyleSheet(scaled(POPUP_STYLESHEET))


def use_base_font(widget: QWidget) -> None:
    """Give `widget` and its children the screen's readable base size (11 pt, larger with a
    larger system font)."""
    font = QFont(widget.font())
    font.setPointSizeF(BASE_POINT_SIZE * font_scale())
    widget.setFont(font)


class ErrorLabel(QLabel):
    """A red sentence under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def set_message(self, message: str) -> None:
        self.setText(message)
        self.setVisible(bool(message))


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Give `widget` the red border of the stylesheet (or take it away)."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def field_label(text: str, buddy: QWidget | None = None) -> QLabel:
    label = QLabel(text)
    label.setObjectName("fieldLabel")
    if buddy is not None:
        label.setBuddy(buddy)
    return label


def show_field_problems(
    problems: dict[str, str],
    widgets: dict[str, QWidget],
    errors: dict[str, ErrorLabel],
    general_error: ErrorLabel,
) -> None:
    """Put each validation message under its field (red border too), the rest in
    `general_error`, and move the focus to the first field (in `widgets` order) that needs it."""
    for key, label in errors.items():
        label.set_message(problems.get(key, ""))
        mark_invalid(widgets[key], key in problems)
    general_error.set_message(" ".join(text for key, text in problems.items() if key not in errors))
    for key, widget in widgets.items():
        if key in problems:
            widget.setFocus()
            break


def add_field_rows(
    form: QFormLayout, rows: list[tuple[str, QWidget, str]], errors: dict[str, ErrorLabel]
) -> None:
    """One form row per (caption, field, key): the caption is the field's buddy, and the
    field's error label sits right under it."""
    for caption_text, widget, key in rows:
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(errors[key])
        form.addRow(field_label(caption_text, widget), column)
