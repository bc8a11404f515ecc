"""The Cards screen: preview, save, and the real printer path (QPrinter to a PDF file)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from PySide6.QtCore import QMarginsF, Qt
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.base.settings import Settings
from hexikit.cards.model import CardKind
from hexikit.cards.sheet import render_test_sheet
from hexikit.cards.templates import SheetTemplate, find_template
from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.store import Store
from hexikit.ui.cards import printing
from hexikit.ui.cards.page import CardsPage
from hexikit.ui.cards.printing import page_size_mismatch, prepare_printer
from hexikit.ui.context import AppContext
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.worker import Worker
from tests.core.cards.samples import grey_level

DPI = 300
PX_PER_MM = DPI / 25.4


@pytest.fixture
def context(qtbot: QtBot, data_dir: Path) -> Iterator[AppContext]:
    store = Store.open(data_dir)
    event = store.create_event(EventInput("Hexithon Aberystwyth", "2026-12-03"))
    for name in ("Ŵyn", "Ana", "Ben"):
        person = store.create_participant(event.id, ParticipantInput(name))
        if name != "Ben":
            store.create_activity(event.id, ActivityInput(Kind.OFFER, f"{name}'s offer"), person.id)
    settings = Settings(current_event_id=event.id)
    audience = AudienceWindow()
    qtbot.addWidget(audience)
    worker = Worker()
    yield AppContext(data_dir, store, settings, worker, audience, FakeClock())
    worker.wait_for_done()
    store.close()


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> CardsPage:
    widget = CardsPage(context)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.people_list.count() == 3, timeout=10000)
    qtbot.waitUntil(lambda: not widget.preview.image().isNull(), timeout=20000)
    return widget


def _choose(combo: QComboBox, data: object) -> None:
    for index in range(combo.count()):
        item = combo.itemData(index)
        if item == data or (isinstance(item, SheetTemplate) and item.name == data):
            combo.setCurrentIndex(index)
            return
    raise AssertionError(f"{data!r} not in combo")


def test_preview_of_personal_cards_and_selection(qtbot: QtBot, page: CardsPage) -> None:
    assert page.mode_title() == "Cards"
    assert page.preview.image().width() == 900
    assert "(cards: 3)" in page.preview_caption.text()
    with qtbot.waitSignal(page.previewReady, timeout=20000):
        page.active_radio.setChecked(True)
    assert "(cards: 2)" in page.preview_caption.text()
    with qtbot.waitSignal(page.previewReady, timeout=20000):
        page.some_radio.setChecked(True)
        page.people_list.item(0).setCheckState(Qt.CheckState.Checked)
    assert page.job().participants == (page._people[0].id,)
    assert "(cards: 1)" in page.preview_caption.text()


def test_blank_cards_and_save_pdf(qtbot: QtBot, page: CardsPage, tmp_path: Path) -> None:
    with qtbot.waitSignal(page.previewReady, timeout=20000):
        _choose(page.kind_combo, CardKind.BLANK_OFFER.value)
        _choose(page.template_combo, "avery-c32011")
    assert page.count_spin.value() == 10
    out = tmp_path / "blank.pdf"
    with qtbot.waitSignal(page.finished, timeout=20000) as blocker:
        page.save_pdf_to(out)
    assert "Saved 10 cards on 1 pages" in blocker.args[0]
    assert len(PdfReader(str(out)).pages) == 1


def test_the_bilingual_box_prints_personal_cards_welsh_first(
    qtbot: QtBot, page: CardsPage, tmp_path: Path
) -> None:
    assert not page.bilingual_check.isChecked()  # the app speaks English here
    with qtbot.waitSignal(page.previewReady, timeout=20000):
        page.bilingual_check.setChecked(True)
    assert page.job().bilingual
    out = tmp_path / "dwyieithog.pdf"
    with qtbot.waitSignal(page.finished, timeout=20000):
        page.save_pdf_to(out)
    text = " ".join(p.extract_text() or "" for p in PdfReader(str(out)).pages)
    assert "Cynigion / Offers" in text and text.index("Ymunwch") < text.index("Join at")
    assert "Ŵyn's offer" in text


def test_save_to_missing_folder_is_a_clear_message(
    qtbot: QtBot, page: CardsPage, tmp_path: Path
) -> None:
    with qtbot.waitSignal(page.failed, timeout=20000) as blocker:
        page.save_pdf_to(tmp_path / "missing" / "cards.pdf")
    assert "does not exist" in blocker.args[0]


def test_page_size_mismatch_warns() -> None:
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    a4 = find_template("a4-8up")
    prepare_printer(printer, a4)
    assert page_size_mismatch(printer, a4) == ""
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    warning = page_size_mismatch(printer, a4)
    assert "A4" in warning and "Letter" in warning
    # the message box offers Cancel and Ignore: the text must send people to those
    assert "press Ignore to print anyway" in warning and "Print anyway" not in warning


class _FakeQueue:
    """QPrinterInfo for a print queue that lists `sizes` (empty: says nothing about paper)."""

    def __init__(self, sizes: list[QPageSize]) -> None:
        self.sizes = sizes

    def isNull(self) -> bool:
        return False

    def supportedPageSizes(self) -> list[QPageSize]:
        return self.sizes


@dataclass
class _PrintDialogRun:
    """What one press of Print… led to: the printer handed on, the warnings shown."""

    printers: list[QPrinter] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _press_print(
    page: CardsPage,
    monkeypatch: pytest.MonkeyPatch,
    *,
    queue_default: QPageSize.PageSizeId,
    queue_sizes: list[QPageSize],
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel,
    test_sheet: bool = True,
) -> _PrintDialogRun:
    """Press Print test sheet… (or Print…) with a print dialog that, like Qt's Unix one,
    puts the queue's default paper and margins back when accepted."""
    run = _PrintDialogRun()

    def accept_on_queue_paper(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setFullPage(False)
        printer.setPageSize(QPageSize(queue_default))
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        printer.setPageMargins(QMarginsF(6.35, 6.35, 6.35, 6.35), QPageLayout.Unit.Millimeter)
        return QDialog.DialogCode.Accepted.value

    def warn(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        run.warnings.append(text)
        return answer

    monkeypatch.setattr(QPrintDialog, "exec", accept_on_queue_paper)
    monkeypatch.setattr(printing, "QPrinterInfo", lambda _printer: _FakeQueue(queue_sizes))
    monkeypatch.setattr(QMessageBox, "warning", warn)
    monkeypatch.setattr(page, "print_to", lambda printer, _make: run.printers.append(printer))
    if test_sheet:
        page.print_test_sheet()
    else:
        page.print_cards()
    return run


def _assert_on_template_paper(printer: QPrinter, template: SheetTemplate) -> None:
    layout = printer.pageLayout()
    size = layout.pageSize().size(QPageSize.Unit.Millimeter)
    assert (size.width(), size.height()) == pytest.approx(
        (template.page_width_mm, template.page_height_mm), abs=0.5
    )
    assert layout.orientation() == QPageLayout.Orientation.Portrait
    assert printer.fullPage()
    assert layout.margins(QPageLayout.Unit.Millimeter).isNull()


A4 = QPageSize.PageSizeId.A4
LETTER = QPageSize.PageSizeId.Letter


@pytest.mark.parametrize(
    ("template_name", "queue_default"), [("a4-8up", LETTER), ("letter-8up", A4)]
)
def test_the_print_dialog_putting_the_queue_paper_back_is_undone(
    page: CardsPage,
    monkeypatch: pytest.MonkeyPatch,
    template_name: str,
    queue_default: QPageSize.PageSizeId,
) -> None:
    _choose(page.template_combo, template_name)
    template = page.template()
    run = _press_print(
        page,
        monkeypatch,
        queue_default=queue_default,
        queue_sizes=[QPageSize(A4), QPageSize(LETTER)],
    )
    assert run.warnings == []  # the queue takes both papers: nothing to warn about
    (printer,) = run.printers
    _assert_on_template_paper(printer, template)
    assert printer.docName() == f"Hexikit test sheet — {template.label}"


@pytest.mark.parametrize("queue_sizes", [[], [QPageSize(A4)]], ids=["unknown", "lists-a4"])
def test_no_warning_when_the_queue_takes_the_paper_or_does_not_say(
    page: CardsPage, monkeypatch: pytest.MonkeyPatch, queue_sizes: list[QPageSize]
) -> None:
    _choose(page.template_combo, "a4-8up")
    run = _press_print(page, monkeypatch, queue_default=LETTER, queue_sizes=queue_sizes)
    assert run.warnings == []
    (printer,) = run.printers
    _assert_on_template_paper(printer, page.template())


@pytest.mark.parametrize(
    ("answer", "printed"),
    [(QMessageBox.StandardButton.Cancel, False), (QMessageBox.StandardButton.Ignore, True)],
    ids=["cancel", "ignore"],
)
def test_a_queue_without_the_paper_warns_and_ignore_prints_anyway(
    page: CardsPage,
    monkeypatch: pytest.MonkeyPatch,
    answer: QMessageBox.StandardButton,
    printed: bool,
) -> None:
    _choose(page.template_combo, "a4-8up")
    letter_only = [QPageSize(LETTER), QPageSize(QPageSize.PageSizeId.Legal)]
    run = _press_print(
        page, monkeypatch, queue_default=LETTER, queue_sizes=letter_only, answer=answer
    )
    (warning,) = run.warnings
    assert "does not list A4 paper" in warning and "press Ignore to print anyway" in warning
    assert len(run.printers) == (1 if printed else 0)
    if printed:  # still the template's own paper: the tray may really hold A4
        _assert_on_template_paper(run.printers[0], page.template())


def test_the_cards_job_is_named_after_the_event(
    page: CardsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _press_print(page, monkeypatch, queue_default=LETTER, queue_sizes=[], test_sheet=False)
    (printer,) = run.printers
    assert printer.docName() == "Hexikit sign-up cards — Hexithon Aberystwyth"
    _assert_on_template_paper(printer, page.template())


def _dark_near(image: Image.Image, x_mm: float, y_mm: float, axis: str) -> float:
    """Position (mm) of the dark line nearest x_mm (axis "x", scanning a row) or y_mm."""
    best: float | None = None
    for step in range(-round(3 * PX_PER_MM), round(3 * PX_PER_MM) + 1):
        if axis == "x":
            pixel = (round(x_mm * PX_PER_MM) + step, round(y_mm * PX_PER_MM))
        else:
            pixel = (round(x_mm * PX_PER_MM), round(y_mm * PX_PER_MM) + step)
        if grey_level(image, pixel) < 160:
            found = (pixel[0] if axis == "x" else pixel[1]) / PX_PER_MM
            if best is None or abs(found - (x_mm if axis == "x" else y_mm)) < abs(
                best - (x_mm if axis == "x" else y_mm)
            ):
                best = found
    assert best is not None, f"no line near {x_mm:.1f}, {y_mm:.1f} mm"
    return best


@pytest.mark.parametrize(
    ("template_name", "offset"), [("avery-c32011", (0.0, 0.0)), ("avery-5371", (1.5, -1.0))]
)
def test_printer_path_puts_card_outlines_where_the_template_says(
    qtbot: QtBot,
    page: CardsPage,
    context: AppContext,
    data_dir: Path,
    tmp_path: Path,
    template_name: str,
    offset: tuple[float, float],
) -> None:
    template = find_template(template_name)
    page.printer_combo.setEditText("Office laser")
    for spin, value in ((page.offset_x, offset[0]), (page.offset_y, offset[1])):
        spin.setValue(value + 5)  # a change even when the wanted offset is the current 0
        spin.setValue(value)
    saved = json.loads((data_dir / "settings.json").read_text())
    assert saved["printer_offsets_mm"]["Office laser"] == list(offset)

    out = tmp_path / "printed.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    prepare_printer(printer, template)
    with qtbot.waitSignal(page.finished, timeout=60000) as blocker:
        page.print_to(printer, lambda: render_test_sheet(template))
    assert "Sent 1 pages" in blocker.args[0]

    reader = PdfReader(str(out))
    assert len(reader.pages) == 1
    width_mm = float(reader.pages[0].mediabox.width) / 72 * 25.4
    height_mm = float(reader.pages[0].mediabox.height) / 72 * 25.4
    assert width_mm == pytest.approx(template.page_width_mm, abs=0.5)
    assert height_mm == pytest.approx(template.page_height_mm, abs=0.5)

    prefix = tmp_path / "printed"
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-png", "-singlefile", str(out), str(prefix)], check=True
    )
    image = Image.open(f"{prefix}.png").convert("L")
    dx, dy = offset
    for box in template.card_boxes():
        probe_y = box.top_mm + 10 + dy
        probe_x = box.left_mm + 10 + dx
        left = _dark_near(image, box.left_mm + dx, probe_y, "x")
        right = _dark_near(image, box.left_mm + box.width_mm + dx, probe_y, "x")
        top = _dark_near(image, probe_x, box.top_mm + dy, "y")
        bottom = _dark_near(image, probe_x, box.top_mm + box.height_mm + dy, "y")
        assert left == pytest.approx(box.left_mm + dx, abs=0.5)
        assert right == pytest.approx(box.left_mm + box.width_mm + dx, abs=0.5)
        assert top == pytest.approx(box.top_mm + dy, abs=0.5)
        assert bottom == pytest.approx(box.top_mm + box.height_mm + dy, abs=0.5)


def test_deck_handout_is_offered(qtbot: QtBot, page: CardsPage, tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    with qtbot.waitSignal(page.finished, timeout=60000) as blocker:
        page.save_handout_to(out)
    assert "handout" in blocker.args[0]
    assert len(PdfReader(str(out)).pages) >= 1


def test_custom_sheet_dialog_checks_the_grid_and_keeps_it(
    qtbot: QtBot, page: CardsPage, data_dir: Path
) -> None:
    from hexikit.ui.cards.widgets import CustomSheetDialog

    dialog = CustomSheetDialog(page)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Club cards")
    dialog.spins["columns"].setValue(3)  # 15 + 2 × 95 + 85 = 290 mm: wider than A4
    dialog.accept()
    assert dialog.template() is None
    assert "does not fit the page" in dialog.problem.text()
    assert dialog.name_edit.text() == "Club cards"  # nothing typed is lost
    dialog.spins["columns"].setValue(2)
    dialog.accept()
    template = dialog.template()
    assert template is not None and template.cards_per_sheet == 10
    with qtbot.waitSignal(page.previewReady, timeout=20000):
        page.keep_custom_sheet(template)
    assert page.template().name == "custom-club-cards"
    saved = json.loads((data_dir / "settings.json").read_text())
    assert saved["custom_templates"][0]["label"] == "Club cards"
