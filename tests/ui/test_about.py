"""Help ▸ About: the versions, the licence and the data folder with its Open button."""

from __future__ import annotations

import platform
from pathlib import Path

import PySide6
import pytest
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from hexikit import __version__
from hexikit.ui import about
from hexikit.ui.about import AboutDialog


def label_texts(dialog: AboutDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_shows_the_versions_and_the_data_folder(qtbot: QtBot, data_dir: Path) -> None:
    dialog = AboutDialog(data_dir)
    qtbot.addWidget(dialog)
    texts = label_texts(dialog)
    for version in (__version__, qVersion(), PySide6.__version__, platform.python_version()):
        assert version in texts
    assert "MIT" in texts
    folder_label = dialog.findChild(QLabel, "dataFolderLabel")
    assert folder_label is not None and folder_label.text() == str(data_dir)


def test_open_button_opens_the_data_folder(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    dialog = AboutDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.open_folder_button.click()
    assert [url.toLocalFile() for url in opened] == [str(data_dir)]
    assert dialog.open_problem.isHidden()


def test_when_no_file_manager_opens_it_says_so(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    dialog = AboutDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.open_folder_button.click()
    assert not dialog.open_problem.isHidden()
    assert "copy" in dialog.open_problem.text()


def test_version_facts_match_the_running_libraries() -> None:
    facts = about.version_facts()
    assert facts == {
        "Hexikit": __version__,
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "Python": platform.python_version(),
    }
