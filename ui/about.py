"""Help ▸ About: version, licence, the Qt/PySide6/Python versions, and the data folder."""

from __future__ import annotations

import platform
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hexikit import __version__
from hexikit.base.resources import asset


def version_facts() -> dict[str, str]:
    """The versions shown in the About dialog (worth quoting in a bug report)."""
    return {
        "Hexikit": __version__,
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "Python": platform.python_version(),
    }


class AboutDialog(QDialog):
    """Shows what is installed and where the data lives.

    Signals: none of its own; the "Open data folder" button opens the folder in the file
    manager, or says how to get there when the laptop has none.
    """

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Hexikit"))
        self.data_dir = data_dir
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        icon = QLabel()
        icon.setPixmap(QPixmap(str(asset("icons", "hexikit-64.png"))))
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        heading = QLabel(
            self.tr("<h2>Hexikit</h2><p>Run a Hexithon offline, then sync to Hexitime.</p>")
        )
        top.addWidget(heading, 1)
        layout.addLayout(top)
        form = QFormLayout()
        facts = version_facts()
        form.addRow(self.tr("Version:"), QLabel(facts["Hexikit"]))
        form.addRow(self.tr("Licence:"), QLabel("MIT"))
        form.addRow(self.tr("Qt:"), QLabel(facts["Qt"]))
        form.addRow(self.tr("PySide6:"), QLabel(facts["PySide6"]))
        form.addRow(self.tr("Python:"), QLabel(facts["Python"]))
        folder_label = QLabel(str(data_dir))
        folder_label.setObjectName("dataFolderLabel")
        folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Data folder:"), folder_label)
        layout.addLayout(form)
        self.open_folder_button = QPushButton(self.tr("Open data folder"))
        self.open_folder_button.clicked.connect(self.open_data_folder)
        button_row = QHBoxLayout()
        button_row.addWidget(self.open_folder_button)
        button_row.addStretch(1)
        layout.addLayout(button_row)
        self.open_problem = QLabel(
            self.tr(
                "No file manager opened the folder. Select its path above, copy it, and "
                "paste it into your file manager's address bar."
            )
        )
        self.open_problem.setWordWrap(True)
        self.open_problem.hide()
        layout.addWidget(self.open_problem)
        notices = QLabel(
            self.tr(
                "Built with Qt (LGPLv3) through PySide6, and the DejaVu fonts (free licence, "
                "in assets/fonts)."
            )
        )
        notices.setWordWrap(True)
        small = notices.font()
        small.setPointSizeF(small.pointSizeF() * 0.9)
        notices.setFont(small)
        layout.addSpacing(6)
        layout.addWidget(notices)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def open_data_folder(self) -> bool:
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
        self.open_problem.setVisible(not opened)
        return opened
