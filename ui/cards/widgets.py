"""The Cards page's own widgets: the preview that keeps its aspect, the custom sheet dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from hexikit.cards.templates import (
    SheetTemplate,
    TemplateError,
    template_from_dict,
)


class PreviewLabel(QLabel):
    """Shows the preview image scaled to the space it has, keeping its aspect ratio."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(280, 360)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setStyleSheet("background: #d9dce1;")

    def set_image(self, image: QImage) -> None:
        self._image = image
        self._rescale()

    def image(self) -> QImage:
        return self._image

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._image.isNull():
            return
        pixmap = QPixmap.fromImage(self._image).scaled(
            self.size() - QSize(24, 24),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        self.setPixmap(pixmap)


class CustomSheetDialog(QDialog):
    """Describe a sheet of cards nobody ships a template for; checked before it is kept.

    Signals: none (modal; read `template()` after `exec()` returns Accepted).
    """

    FIELDS = (
        ("card_width_mm", QT_TRANSLATE_NOOP("CustomSheetDialog", "Card width"), 85.0),
        ("card_height_mm", QT_TRANSLATE_NOOP("CustomSheetDialog", "Card height"), 55.0),
        ("columns", QT_TRANSLATE_NOOP("CustomSheetDialog", "Columns"), 2),
        ("rows", QT_TRANSLATE_NOOP("CustomSheetDialog", "Rows"), 5),
        ("left_mm", QT_TRANSLATE_NOOP("CustomSheetDialog", "First card from the left edge"), 15.0),
        ("top_mm", QT_TRANSLATE_NOOP("CustomSheetDialog", "First card from the top edge"), 13.5),
        (
            "pitch_x_mm",
            QT_TRANSLATE_NOOP("CustomSheetDialog", "Across: card start to next card start"),
            95.0,
        ),
        (
            "pitch_y_mm",
            QT_TRANSLATE_NOOP("CustomSheetDialog", "Down: card start to next card start"),
            55.0,
        ),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a sheet of cards"))
        self._template: SheetTemplate | None = None
        form = QFormLayout(self)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Club business cards"))
        form.addRow(self.tr("Name"), self.name_edit)
        self.page_combo = QComboBox()
        self.page_combo.addItems(["A4", "Letter"])
        form.addRow(self.tr("Paper"), self.page_combo)
        self.spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        for key, label, default in self.FIELDS:
            spin: QSpinBox | QDoubleSpinBox
            if isinstance(default, int):
                spin = QSpinBox()
                spin.setRange(1, 20)
                spin.setValue(default)
            else:
                spin = QDoubleSpinBox()
                spin.setRange(0.0, 400.0)
                spin.setDecimals(2)
                spin.setSuffix(" mm")
                spin.setValue(default)
            self.spins[key] = spin
            form.addRow(self.tr(str(label)), spin)
        self.problem = QLabel()
        self.problem.setObjectName("customSheetProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b91c1c;")
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        name = self.name_edit.text().strip()
        raw: dict[str, Any] = {
            "name": "custom-" + "-".join(name.lower().split()) if name else "",
            "label": name,
            "page": self.page_combo.currentText(),
        }
        for key, spin in self.spins.items():
            raw[key] = spin.value()
        return raw

    def template(self) -> SheetTemplate | None:
        return self._template

    def accept(self) -> None:
        # A bad grid keeps the dialog open with the reason: nothing typed is lost.
        try:
            self._template = template_from_dict(self.values())
        except TemplateError as exc:
            self.problem.setText(str(exc))
            return
        super().accept()
