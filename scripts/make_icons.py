"""Render assets/icons/hexikit.svg to the PNG and ICO the bundle and the .desktop file use.

Run: .venv/bin/python scripts/make_icons.py (outputs are committed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "assets" / "icons"


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(ICONS / "hexikit.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    render(256).save(str(ICONS / "hexikit.png"))
    render(64).save(str(ICONS / "hexikit-64.png"))
    render(256).save(str(ICONS / "hexikit.ico"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
