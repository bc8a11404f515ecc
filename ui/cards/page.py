"""Cards mode: choose cards, preview the first sheet, print at actual size or save a PDF.

The PDF comes from the core (`hexikit.cards.jobs.make_cards`, the same call as `hexikit cards`)
on the worker's render lane. The preview and the printout are the PDF's own pages rendered
with QtPdf (`printing.py`), so what is printed is what was previewed. Printing is full page
with zero margins; each page is rendered at (at most) 300 dpi, one page at a time, composited
on white, and shifted by the printer's remembered x/y offset.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hexikit.base import i18n
from hexikit.base.i18n import current_language
from hexikit.base.resources import builtin_deck_dir
from hexikit.cards.jobs import CardsJob, make_cards
from hexikit.cards.model import CardKind
from hexikit.cards.sheet import CardsResult, render_test_sheet
from hexikit.cards.templates import (
    SheetTemplate,
    all_templates,
    template_to_dict,
)
from hexikit.store import Store
from hexikit.ui.cards.printing import (
    page_size_mismatch,
    prepare_printer,
    print_pdf,
    render_preview,
)
from hexikit.ui.cards.widgets import CustomSheetDialog, PreviewLabel
from hexikit.ui.context import AppContext

# ---------------------------------------------------------------------------- data for the page


@dataclass(frozen=True)
class PersonRow:
    id: str
    name: str
    activities: int


@dataclass(frozen=True)
class EventRow:
    id: str
    title: str


def _load_events(store: Store) -> list[EventRow]:
    return [EventRow(event.id, event.title) for event in store.list_events()]


def _load_people(store: Store, event_id: str) -> list[PersonRow]:
    if not event_id:
        return []
    counts: dict[str, int] = {}
    for activity in store.list_activities(event_id):
        if activity.participant_id:
            counts[activity.participant_id] = counts.get(activity.participant_id, 0) + 1
    return [
        PersonRow(person.id, person.name, counts.get(person.id, 0))
        for person in store.list_participants(event_id)
    ]


# ---------------------------------------------------------------------------- the page


class CardsPage(QWidget):
    """Make, preview, print and save card sheets.

    Signals:
        previewReady(): a new preview of the first sheet is shown.
        finished(str): a save or print finished; the message says what happened.
        failed(str): a save, print or preview failed; the message says what to do.
    """

    previewReady = Signal()
    finished = Signal(str)
    failed = Signal(str)

    KINDS = (
        (CardKind.BLANK_OFFER, QT_TRANSLATE_NOOP("CardsPage", "Blank offer cards")),
        (CardKind.BLANK_REQUEST, QT_TRANSLATE_NOOP("CardsPage", "Blank request cards")),
        (CardKind.PERSONAL, QT_TRANSLATE_NOOP("CardsPage", "Personal cards (claim codes)")),
        (CardKind.EVENT, QT_TRANSLATE_NOOP("CardsPage", "Event cards")),
    )

    @classmethod
    def mode_title(cls) -> str:
        return QCoreApplication.translate("CardsPage", "Cards")

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cardsPage")
        self.context = context
        self._preview_generation = 0
        self._last_result: CardsResult | None = None
        self._busy_printer: QPrinter | None = None
        self._people: list[PersonRow] = []
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(250)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self._build()
        self._load_templates()
        self._load_printers()
        context.currentEventChanged.connect(lambda _id: self.reload())
        context.storeChanged.connect(self._store_changed)
        self.reload()

    # -- building

    def _build(self) -> None:
        controls = QWidget()
        controls_layout = QVBoxLayout(controls)
        form = QFormLayout()
        controls_layout.addLayout(form)
        controls_layout.addStretch(1)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("kindCombo")
        for kind, label in self.KINDS:
            self.kind_combo.addItem(self.tr(str(label)), kind.value)
        self.kind_combo.setCurrentIndex(2)
        form.addRow(self.tr("Cards"), self.kind_combo)

        self.event_combo = QComboBox()
        self.event_combo.setObjectName("eventCombo")
        form.addRow(self.tr("Event"), self.event_combo)

        people_box = QGroupBox(self.tr("Participants"))
        people_layout = QVBoxLayout(people_box)
        self.who_group = QButtonGroup(self)
        self.all_radio = QRadioButton(self.tr("Everyone"))
        self.active_radio = QRadioButton(self.tr("Those with offers or requests"))
        self.some_radio = QRadioButton(self.tr("A selection:"))
        for number, radio in enumerate((self.all_radio, self.active_radio, self.some_radio)):
            self.who_group.addButton(radio, number)
            people_layout.addWidget(radio)
        self.all_radio.setChecked(True)
        self.people_list = QListWidget()
        self.people_list.setObjectName("peopleList")
        self.people_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.people_list.setMinimumHeight(90)
        self.people_list.setMaximumHeight(150)
        people_layout.addWidget(self.people_list)
        self.people_box = people_box
        form.addRow(people_box)

        self.template_combo = QComboBox()
        self.template_combo.setObjectName("templateCombo")
        self.custom_button = QPushButton(self.tr("Add…"))
        self.custom_button.setObjectName("customSheetButton")
        self.custom_button.setToolTip(self.tr("Describe a sheet of cards that is not listed"))
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.template_combo, 1)
        sheet_row.addWidget(self.custom_button)
        form.addRow(self.tr("Sheet"), sheet_row)
        self.template_note = QLabel()
        self.template_note.setWordWrap(True)
        self.template_note.setStyleSheet("color: #555;")
        form.addRow("", self.template_note)

        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("countSpin")
        self.count_spin.setRange(1, 2000)
        self.count_spin.setValue(8)
        form.addRow(self.tr("How many cards"), self.count_spin)

        self.crop_check = QCheckBox(self.tr("Crop marks outside the grid"))
        self.bilingual_check = QCheckBox(self.tr("Welsh and English (Welsh first)"))
        self.bilingual_check.setObjectName("bilingualCheck")
        self.bilingual_check.setToolTip(
            self.tr("The cards' own words in both languages, as NHS Wales signs are.")
        )
        # At a Welsh event the cards go out bilingual unless the organiser says otherwise.
        self.bilingual_check.setChecked(i18n.current_language() == "cy")
        # One row for both boxes: the form must not grow a scroll bar on a laptop screen.
        checks = QVBoxLayout()
        checks.setSpacing(2)
        checks.addWidget(self.crop_check)
        checks.addWidget(self.bilingual_check)
        form.addRow("", checks)

        printer_box = QGroupBox(self.tr("Printer offset (calibrate with a test sheet)"))
        printer_form = QFormLayout(printer_box)
        self.printer_combo = QComboBox()
        self.printer_combo.setObjectName("printerCombo")
        self.printer_combo.setEditable(True)
        line_edit = self.printer_combo.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(self.tr("Printer name"))
        self.offset_x = QDoubleSpinBox()
        self.offset_y = QDoubleSpinBox()
        for spin in (self.offset_x, self.offset_y):
            spin.setRange(-20.0, 20.0)
            spin.setSingleStep(0.25)
            spin.setDecimals(2)
            spin.setSuffix(" mm")
        self.offset_x.setObjectName("offsetX")
        self.offset_y.setObjectName("offsetY")
        printer_form.addRow(self.tr("Printer"), self.printer_combo)
        printer_form.addRow(self.tr("Move right by"), self.offset_x)
        printer_form.addRow(self.tr("Move down by"), self.offset_y)
        form.addRow(printer_box)

        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setObjectName("printButton")
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.save_button.setObjectName("saveButton")
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        extra = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Print test sheet…"))
        self.test_button.setObjectName("testSheetButton")
        self.handout_button = QPushButton(self.tr("Deck handout…"))
        self.handout_button.setObjectName("handoutButton")
        extra.addWidget(self.test_button)
        extra.addWidget(self.handout_button)
        form.addRow(extra)

        self.status = QLabel()
        self.status.setObjectName("cardsStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.status)

        scroll = QScrollArea()
        scroll.setWidget(controls)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Not a Tab stop itself: Tab into the controls scrolls the focused one into view.
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setMinimumWidth(400)
        scroll.setMaximumWidth(520)

        preview_side = QVBoxLayout()
        self.preview_caption = QLabel(self.tr("Preview of the first sheet"))
        self.preview_caption.setStyleSheet("font-weight: bold;")
        self.preview = PreviewLabel()
        self.preview.setObjectName("cardsPreview")
        preview_side.addWidget(self.preview_caption)
        preview_side.addWidget(self.preview, 1)
        self.hint = QLabel(
            self.tr(
                "Print at 100 % (actual size), never “fit to page”. Printers cannot print the "
                "outer 3–6 mm of the paper; the cards keep their text 3 mm inside each edge."
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        preview_side.addWidget(self.hint)

        layout = QHBoxLayout(self)
        layout.addWidget(scroll)
        layout.addLayout(preview_side, 1)

        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.event_combo.currentIndexChanged.connect(self._event_changed)
        self.who_group.idToggled.connect(lambda _id, _on: self._options_changed())
        self.people_list.itemChanged.connect(lambda _item: self._options_changed())
        self.template_combo.currentIndexChanged.connect(self._template_changed)
        self.count_spin.valueChanged.connect(lambda _value: self._options_changed())
        self.crop_check.toggled.connect(lambda _on: self._options_changed())
        self.bilingual_check.toggled.connect(lambda _on: self._options_changed())
        self.printer_combo.currentTextChanged.connect(self._printer_changed)
        self.offset_x.valueChanged.connect(lambda _value: self._offset_changed())
        self.offset_y.valueChanged.connect(lambda _value: self._offset_changed())
        self.print_button.clicked.connect(self.print_cards)
        self.save_button.clicked.connect(self.save_pdf)
        self.test_button.clicked.connect(self.print_test_sheet)
        self.handout_button.clicked.connect(self.save_handout)
        self.custom_button.clicked.connect(self.add_custom_sheet)
        self._kind_changed()

    def _load_templates(self) -> None:
        self.template_combo.blockSignals(True)
        self.template_combo.clear()
        for template in all_templates(self.context.settings.custom_templates):
            self.template_combo.addItem(i18n._(template.label), template)
        self.template_combo.blockSignals(False)
        self._template_changed()

    def add_custom_sheet(self) -> None:
        dialog = CustomSheetDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            template = dialog.template()
            if template is not None:
                self.keep_custom_sheet(template)

    def keep_custom_sheet(self, template: SheetTemplate) -> None:
        """Remember `template` in the settings (replacing one of the same name); select it."""
        kept = [
            raw
            for raw in self.context.settings.custom_templates
            if str(raw.get("name", "")) != template.name
        ]
        kept.append(template_to_dict(template))
        self.context.settings.custom_templates = kept
        self.context.save_settings()
        self._load_templates()
        for index in range(self.template_combo.count()):
            if self.template_combo.itemData(index).name == template.name:
                self.template_combo.setCurrentIndex(index)

    def _load_printers(self) -> None:
        names = list(QPrinterInfo.availablePrinterNames())
        for name in self.context.settings.printer_offsets_mm:
            if name not in names:
                names.append(name)
        default = QPrinterInfo.defaultPrinterName()
        self.printer_combo.blockSignals(True)
        self.printer_combo.addItems(names)
        if default:
            self.printer_combo.setCurrentText(default)
        self.printer_combo.blockSignals(False)
        self._printer_changed(self.printer_combo.currentText())

    # -- state

    def template(self) -> SheetTemplate:
        template = self.template_combo.currentData()
        assert isinstance(template, SheetTemplate)
        return template

    def kind(self) -> CardKind:
        return CardKind(self.kind_combo.currentData())

    def event_id(self) -> str:
        return str(self.event_combo.currentData() or "")

    def selected_people(self) -> tuple[str, ...]:
        chosen = []
        for row in range(self.people_list.count()):
            item = self.people_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return tuple(chosen)

    def job(self) -> CardsJob:
        """The cards the controls ask for (no printer offset: that is applied when printing)."""
        participants: str | tuple[str, ...] = "all"
        if self.active_radio.isChecked():
            participants = "with-activities"
        elif self.some_radio.isChecked():
            participants = self.selected_people()
        return CardsJob(
            kind=self.kind(),
            template=self.template(),
            event_id=self.event_id(),
            participants=participants,
            count=self.count_spin.value(),
            crop_marks=self.crop_check.isChecked(),
            bilingual=self.bilingual_check.isChecked(),
        )

    def printer_offset(self, printer_name: str) -> tuple[float, float]:
        stored = self.context.settings.printer_offsets_mm.get(printer_name)
        if not stored or len(stored) != 2:
            return (0.0, 0.0)
        return (float(stored[0]), float(stored[1]))

    # -- reactions

    def _kind_changed(self) -> None:
        kind = self.kind()
        personal = kind == CardKind.PERSONAL
        self.people_box.setEnabled(personal)
        self.event_combo.setEnabled(kind in (CardKind.PERSONAL, CardKind.EVENT))
        self.count_spin.setEnabled(not personal)
        self._options_changed()

    def _template_changed(self) -> None:
        if self.template_combo.count() == 0:
            return
        template = self.template()
        self.template_note.setText(template.describe())
        if self.count_spin.value() in (8, 10, 14) or self.count_spin.value() < 1:
            self.count_spin.blockSignals(True)
            self.count_spin.setValue(template.cards_per_sheet)
            self.count_spin.blockSignals(False)
        self._options_changed()

    def _event_changed(self) -> None:
        self._load_people_list()
        self._options_changed()

    def _options_changed(self) -> None:
        self.people_list.setEnabled(self.some_radio.isChecked())
        self._preview_timer.start()

    def _store_changed(self, entity_type: str) -> None:
        if entity_type in ("event", "participant", "activity", "match", ""):
            self.reload()

    def _printer_changed(self, name: str) -> None:
        x, y = self.printer_offset(name)
        for spin, value in ((self.offset_x, x), (self.offset_y, y)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)

    def _offset_changed(self) -> None:
        name = self.printer_combo.currentText().strip()
        if not name:
            return
        offsets = dict(self.context.settings.printer_offsets_mm)
        offsets[name] = [round(self.offset_x.value(), 2), round(self.offset_y.value(), 2)]
        self.context.settings.printer_offsets_mm = offsets
        self.context.save_settings()

    # -- loading

    def reload(self) -> None:
        store = self.context.store
        self.context.worker.run(
            lambda: _load_events(store), self._events_loaded, self._show_error, lane="store"
        )

    def _events_loaded(self, events: list[EventRow]) -> None:
        wanted = self.event_id() or self.context.current_event_id
        self.event_combo.blockSignals(True)
        self.event_combo.clear()
        for event in events:
            self.event_combo.addItem(event.title, event.id)
        index = self.event_combo.findData(wanted) if wanted else -1
        self.event_combo.setCurrentIndex(index if index >= 0 else (0 if events else -1))
        self.event_combo.blockSignals(False)
        self._event_changed()

    def _load_people_list(self) -> None:
        store = self.context.store
        event_id = self.event_id()
        self.context.worker.run(
            lambda: _load_people(store, event_id), self._people_loaded, self._show_error
        )

    def _people_loaded(self, people: list[PersonRow]) -> None:
        checked = set(self.selected_people())
        self._people = people
        self.people_list.blockSignals(True)
        self.people_list.clear()
        for person in people:
            label = self.tr("{name} (offers and requests: {count})").format(
                name=person.name, count=person.activities
            )
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if person.id in checked else Qt.CheckState.Unchecked
            )
            self.people_list.addItem(item)
        self.people_list.blockSignals(False)
        self._options_changed()

    # -- preview

    def _make(self, job: CardsJob) -> Callable[[], CardsResult]:
        store = self.context.store
        base = self.context.settings.signup_base_url
        current = self.context.current_event_id
        return lambda: make_cards(store, job, base, current)

    def refresh_preview(self) -> None:
        """Render the PDF and page 1 of it off the GUI thread; the newest request wins."""
        if self.template_combo.count() == 0:
            return
        self._preview_generation += 1
        generation = self._preview_generation
        make = self._make(self.job())
        width = 900

        def op() -> tuple[CardsResult, QImage]:
            result = make()
            return result, render_preview(result.pdf, width)

        def done(value: tuple[CardsResult, QImage]) -> None:
            if generation != self._preview_generation:
                return
            result, image = value
            self._last_result = result
            self.preview.set_image(image)
            self.preview_caption.setText(
                self.tr("Preview of sheet 1 of {pages} (cards: {cards})").format(
                    cards=result.cards, pages=result.pages
                )
            )
            self._show_warnings(result.warnings)
            self.previewReady.emit()

        def failed(error: BaseException) -> None:
            if generation != self._preview_generation:
                return
            self._last_result = None
            self.preview.clear()
            self.preview.set_image(QImage())
            self.preview.setText(str(error))
            self.status.setText(str(error))

        # receiver: a page closed while its preview renders drops the answer.
        self.context.worker.run(op, done, failed, lane="render", receiver=self.preview)

    def _show_warnings(self, warnings: list[str]) -> None:
        if not warnings:
            self.status.setText(self.tr("Ready to print."))
            return
        shown = warnings[:8]
        more = len(warnings) - len(shown)
        text = "\n".join(f"• {warning}" for warning in shown)
        if more:
            text += "\n" + self.tr("…and {count} more warnings.").format(count=more)
        self.status.setText(text)

    def _show_error(self, error: BaseException) -> None:
        message = str(error) or error.__class__.__name__
        self.status.setText(message)
        self.failed.emit(message)

    # -- save

    def save_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save cards as PDF"),
            str(Path.home() / f"hexikit-{self.kind().value}-cards.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            self.save_pdf_to(Path(path))

    def save_pdf_to(self, path: Path) -> None:
        make = self._make(self.job())

        def op() -> CardsResult:
            result = make()
            result.write(path)
            return result

        def done(result: CardsResult) -> None:
            message = self.tr(
                "Saved {cards} cards on {pages} pages to {path}. Print at 100 % (actual size)."
            ).format(cards=result.cards, pages=result.pages, path=path)
            self._show_warnings(result.warnings)
            self.status.setText(message + "\n" + self.status.text())
            self.finished.emit(message)

        self.context.worker.run(op, done, self._show_error, lane="render")

    # -- print

    def _ask_printer(self, template: SheetTemplate, job_title: str) -> QPrinter | None:
        """The printer the user chose, set to the template's own paper, or None if cancelled."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        name = self.printer_combo.currentText().strip()
        if name and name in QPrinterInfo.availablePrinterNames():
            printer.setPrinterName(name)
        prepare_printer(printer, template)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print cards at actual size"))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        # Qt's Unix dialog puts the chosen queue's default paper (and margins) back on accept:
        # the cards are laid out for the template's paper, so that is what the job asks for.
        prepare_printer(printer, template)
        printer.setDocName(job_title)
        warning = page_size_mismatch(printer, template)
        if warning:
            answer = QMessageBox.warning(
                self,
                self.tr("Paper size differs"),
                warning,
                QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Ignore,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Ignore:
                return None
        return printer

    def cards_job_title(self) -> str:
        """The print job's name in the queue: what and for which event."""
        event = self.event_combo.currentText().strip()
        if self.event_combo.isEnabled() and event:
            return self.tr("Hexikit sign-up cards — {event}").format(event=event)
        return self.tr("Hexikit sign-up cards")

    def test_sheet_job_title(self, template: SheetTemplate) -> str:
        return self.tr("Hexikit test sheet — {sheet}").format(sheet=i18n._(template.label))

    def print_cards(self) -> None:
        template = self.template()
        printer = self._ask_printer(template, self.cards_job_title())
        if printer is not None:
            self.print_to(printer, self._make(self.job()))

    def print_test_sheet(self) -> None:
        template = self.template()
        printer = self._ask_printer(template, self.test_sheet_job_title(template))
        if printer is not None:
            self.print_to(printer, lambda: render_test_sheet(template))

    def print_to(self, printer: QPrinter, make: Callable[[], CardsResult]) -> None:
        """Render the PDF and paint it onto `printer`, shifted by that printer's offset."""
        name = printer.printerName() or self.printer_combo.currentText().strip()
        offset = self.printer_offset(name)
        self._busy_printer = printer  # keep it alive while the worker paints on it

        def op() -> tuple[CardsResult, int]:
            result = make()
            return result, print_pdf(result.pdf, printer, offset)

        def done(value: tuple[CardsResult, int]) -> None:
            self._busy_printer = None
            result, pages = value
            self._show_warnings(result.warnings)
            message = self.tr(
                "Sent {pages} pages to {printer} (offset {x:+.2f}, {y:+.2f} mm)."
            ).format(pages=pages, printer=name or self.tr("the printer"), x=offset[0], y=offset[1])
            self.status.setText(message + "\n" + self.status.text())
            self.finished.emit(message)

        def failed(error: BaseException) -> None:
            self._busy_printer = None
            self._show_error(error)

        self.context.worker.run(op, done, failed, lane="render")

    # -- deck handout (the presenter's module)

    def save_handout(self) -> None:
        if importlib.util.find_spec("hexikit.decks.handout") is None:
            message = self.tr(
                "The deck handout is not part of this version of Hexikit yet, so it cannot be "
                "made here. Personal, blank and event cards still work."
            )
            QMessageBox.information(self, self.tr("Deck handout"), message)
            self.status.setText(message)
            return
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the deck handout as PDF"),
            str(Path.home() / "hexikit-handout.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        if path:
            self.save_handout_to(Path(path))

    def save_handout_to(self, path: Path) -> None:
        last = self.context.settings.last_deck_path
        deck_path = (
            Path(last) if last and os.path.exists(last) else builtin_deck_dir(current_language())
        )
        paper = "letter" if self.template().page_name == "Letter" else "a4"

        def op() -> int:
            handout = importlib.import_module("hexikit.decks.handout")
            deck_module = importlib.import_module("hexikit.decks.loading")
            deck = deck_module.load_deck(deck_path)
            pages: int = handout.write_handout(deck, path, paper=paper)
            return pages

        def done(pages: int) -> None:
            message = self.tr("Saved the handout of {deck} ({pages} pages) to {path}.").format(
                deck=deck_path.name, pages=pages, path=path
            )
            self.status.setText(message)
            self.finished.emit(message)

        self.context.worker.run(op, done, self._show_error, lane="render")
