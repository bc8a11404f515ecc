"""Capture mode (placeholder until the foundation's capture screen lands)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from hexikit.ui.context import AppContext


class CapturePage(QWidget):
    @classmethod
    def mode_title(cls) -> str:
        return QCoreApplication.translate("CapturePage", "Capture")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        QVBoxLayout(self).addWidget(QLabel(self.tr("Capture")))
