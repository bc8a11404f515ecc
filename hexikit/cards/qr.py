"""QR codes on cards: the module matrix from `qrcode`, drawn into a PDF as vector rectangles.

Error correction M and a 4-module quiet zone; runs of dark modules are merged into one path
per code, translated to the code's origin, so that a sheet of codes stays a small file.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

import qrcode
import qrcode.constants
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE_MODULES = 4
#: Modules smaller than this may not scan on every phone.
MIN_MODULE_MM = 0.6
#: The module size a code grows to when the card has room.
TARGET_MODULE_MM = 0.75


def qr_matrix(data: str) -> list[list[bool]]:
    """The module matrix of `data` (error correction M, no quiet zone; row 0 at the top)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    matrix: list[list[bool]] = code.get_matrix()
    return matrix


def draw_qr(
    canvas: Canvas, matrix: Sequence[Sequence[bool]], x: float, y: float, size: float
) -> None:
    """Draw `matrix` in a `size`-point square (quiet zone included) whose bottom-left is x, y.

    One path per code, one rectangle per horizontal run of dark modules, in module units
    after translating to the code's origin: small numbers, a small file, cheap to draw.
    """
    count = len(matrix)
    module = size / (count + 2 * QUIET_ZONE_MODULES)
    canvas.saveState()
    canvas.translate(x + QUIET_ZONE_MODULES * module, y + QUIET_ZONE_MODULES * module)
    canvas.scale(module, module)
    # Integer module coordinates written as PDF operators directly: reportlab's path.rect
    # formats every number as a float in pure Python, which cost more than the encoding.
    ops = ["0 g"]
    for row_index, row in enumerate(matrix):
        # PDF y grows upwards; matrix row 0 is the top row.
        row_y = count - 1 - row_index
        column = 0
        for dark, run in groupby(row):
            length = len(list(run))
            if dark:
                ops.append(f"{column} {row_y} {length} 1 re")
            column += length
    ops.append("f")
    canvas.addLiteral("\n".join(ops))
    canvas.restoreState()
