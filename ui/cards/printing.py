"""Printing card sheets at actual size: the printer set up for the sheet, each PDF page
painted unscaled (with the per-printer offset), and the preview image."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSize, QSizeF
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from hexikit.cards.templates import (
    SheetTemplate,
)

#: Printing renders each page at this resolution at most (a 300 dpi A4 bitmap is ~35 MB).
PRINT_DPI = 300
MM_PER_INCH = 25.4


class PrintError(Exception):
    """The PDF could not be printed (a message for the user)."""


def _is_template_paper(size_mm: QSizeF, template: SheetTemplate) -> bool:
    """Whether a paper size (either orientation) is the template's page, within 1 mm."""
    width, height = sorted((size_mm.width(), size_mm.height()))
    want_w, want_h = sorted((template.page_width_mm, template.page_height_mm))
    return abs(width - want_w) <= 1.0 and abs(height - want_h) <= 1.0


def queue_takes_paper(printer: QPrinter, template: SheetTemplate) -> bool:
    """Whether the printer's queue lists the template's paper among its sizes.

    A queue that lists no sizes (PDF output, no print system, a driver that says nothing)
    counts as able to: an unknown is no reason to stop someone printing.
    """
    info = QPrinterInfo(printer)
    sizes = [] if info.isNull() else info.supportedPageSizes()
    if not sizes:
        return True
    return any(_is_template_paper(size.size(QPageSize.Unit.Millimeter), template) for size in sizes)


def page_size_mismatch(printer: QPrinter, template: SheetTemplate) -> str:
    """A warning when the printer will not print on the template's paper, else "".

    Call after `prepare_printer`: the printer is then set to the template's paper unless the
    driver refused it, so what is left to warn about is a queue that has no such paper.
    """
    size = printer.pageLayout().pageSize().size(QPageSize.Unit.Millimeter)
    if not _is_template_paper(size, template):
        width, height = sorted((size.width(), size.height()))
        return QCoreApplication.translate(
            "CardsPage",
            "The printer is set to {paper} ({width:.0f} × {height:.0f} mm) but these cards are "
            "laid out for {page}. Printing now would misplace every card. Press Cancel and "
            "choose another printer, or press Ignore to print anyway if the paper in the tray "
            "really is {page}.",
        ).format(
            paper=printer.pageLayout().pageSize().name(),
            width=width,
            height=height,
            page=template.page_name,
        )
    if not queue_takes_paper(printer, template):
        return QCoreApplication.translate(
            "CardsPage",
            "The printer {printer} does not list {page} paper, and these cards are laid out "
            "for {page}. Press Cancel and choose another printer, or press Ignore to print "
            "anyway if the paper in the tray really is {page}.",
        ).format(printer=printer.printerName(), page=template.page_name)
    return ""


def prepare_printer(printer: QPrinter, template: SheetTemplate) -> None:
    """Full page, zero margins, the template's paper: the PDF's origin is the paper's corner.

    Call it again after the print dialog is accepted: Qt's Unix dialog sets the chosen queue's
    default paper back, and a sheet laid out for A4 printed on Letter misplaces every card.
    """
    printer.setFullPage(True)
    printer.setResolution(PRINT_DPI)
    page = QPageSize(
        QSizeF(template.page_width_mm, template.page_height_mm),
        QPageSize.Unit.Millimeter,
        template.page_name,
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )
    printer.setPageSize(page)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    # setFullPage alone still leaves the driver's margins on some systems: clear them too.
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)


def print_pdf(pdf: bytes, printer: QPrinter, offset_mm: tuple[float, float] = (0.0, 0.0)) -> int:
    """Paint every page of `pdf` onto `printer` at actual size; returns the page count.

    Safe off the GUI thread (QPainter on a QPrinter is supported there). Pages are rendered one
    at a time so memory stays at one page bitmap.
    """
    with tempfile.TemporaryDirectory(prefix="hexikit-print-") as folder:
        source = Path(folder) / "print.pdf"
        source.write_bytes(pdf)
        document = QPdfDocument()
        if document.load(str(source)) != QPdfDocument.Error.None_:
            raise PrintError(
                QCoreApplication.translate("CardsPage", "The cards PDF could not be read back.")
            )
        painter = QPainter()
        if not painter.begin(printer):
            raise PrintError(
                QCoreApplication.translate(
                    "CardsPage",
                    "The printer could not be started. Check it is switched on and connected, "
                    "or save a PDF instead.",
                )
            )
        try:
            device_dpi = printer.resolution()
            dpi = min(device_dpi, PRINT_DPI)
            pages = document.pageCount()
            for index in range(pages):
                if index:
                    printer.newPage()
                points = document.pagePointSize(index)
                width_px = round(points.width() / 72 * dpi)
                height_px = round(points.height() / 72 * dpi)
                rendered = document.render(index, QSize(width_px, height_px))
                page_image = QImage(width_px, height_px, QImage.Format.Format_RGB32)
                page_image.fill(QColor("white"))
                composer = QPainter(page_image)
                composer.drawImage(0, 0, rendered)
                composer.end()
                # device units: page size in points scaled to the printer's resolution
                scale = device_dpi / 72
                target = QRectF(
                    offset_mm[0] / MM_PER_INCH * device_dpi,
                    offset_mm[1] / MM_PER_INCH * device_dpi,
                    points.width() * scale,
                    points.height() * scale,
                )
                painter.drawImage(target, page_image)
        finally:
            painter.end()
            document.close()
    return pages


def render_preview(pdf: bytes, width_px: int) -> QImage:
    """Page 1 of `pdf` as an image `width_px` wide, composited on white (runs off-thread)."""
    with tempfile.TemporaryDirectory(prefix="hexikit-preview-") as folder:
        source = Path(folder) / "preview.pdf"
        source.write_bytes(pdf)
        document = QPdfDocument()
        if document.load(str(source)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
            raise PrintError(
                QCoreApplication.translate("CardsPage", "The preview could not be drawn.")
            )
        points = document.pagePointSize(0)
        height_px = round(width_px * points.height() / points.width())
        rendered = document.render(0, QSize(width_px, height_px))
        document.close()
    image = QImage(width_px, height_px, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image
