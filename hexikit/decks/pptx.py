"""PowerPoint (.pptx) decks: slide titles and speaker notes read with python-pptx.

No Qt here, and python-pptx is imported only when a file is read. The slide pictures are not
read here: LibreOffice makes them (`hexikit.decks.libreoffice`).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hexikit.base.i18n import _, ngettext
from hexikit.decks.imported import (
    MAX_SLIDES,
    DeckImportError,
    ImportedSlide,
    clean_text,
    first_line,
    slides_without_notes_message,
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PML = "application/vnd.openxmlformats-officedocument.presentationml"
_MS = "application/vnd.ms-powerpoint"
#: The content type of the main part of each PowerPoint flavour (what the file is, whatever
#: its name says); python-pptx opens the first two, the others once relabelled.
FLAVOURS = {
    f"{_PML}.presentation.main+xml": "pptx",
    f"{_MS}.presentation.macroEnabled.main+xml": "pptm",
    f"{_PML}.slideshow.main+xml": "ppsx",
    f"{_MS}.slideshow.macroEnabled.main+xml": "ppsm",
    f"{_PML}.template.main+xml": "potx",
    f"{_MS}.template.macroEnabled.main+xml": "potm",
}
_PRESENTATION_MAIN = f"{_PML}.presentation.main+xml"
_CONTENT_TYPES = "[Content_Types].xml"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


@dataclass
class PptxContent:
    """The text of a PowerPoint file: the visible slides (hidden ones are left out, as
    LibreOffice leaves them out of the PDF) and what to tell the user."""

    title: str
    slides: list[ImportedSlide]
    hidden_slides: int = 0
    messages: list[str] = field(default_factory=list)


def _contains(path: Path, needle: bytes) -> bool:
    """Whether the file contains `needle` (read in blocks; overlaps kept)."""
    overlap = len(needle) - 1
    tail = b""
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            if needle in tail + block:
                return True
            tail = block[-overlap:]
    return False


def check_pptx_container(path: Path) -> None:
    """Raise DeckImportError unless `path` looks like a PowerPoint .pptx file."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise DeckImportError(
            _("The file {name} could not be read: {error}").format(
                name=path.name, error=exc.strerror or exc
            )
        ) from exc
    if head == _OLE_MAGIC:
        if _contains(path, _ENCRYPTED_STREAM):
            raise DeckImportError(
                _(
                    "{name} is password-protected, so its slides and notes cannot be read. "
                    "Open it in PowerPoint, remove the password (File ▸ Info ▸ Protect "
                    "Presentation ▸ Encrypt with Password, clear it), save, and import it again."
                ).format(name=path.name)
            )
        raise DeckImportError(
            _(
                "{name} is an old PowerPoint 97–2003 file (.ppt), not a .pptx. Open it in "
                "PowerPoint or LibreOffice Impress, save it as .pptx, and import that."
            ).format(name=path.name)
        )
    if not zipfile.is_zipfile(path):
        raise DeckImportError(
            _(
                "{name} is not a PowerPoint (.pptx) file. Save the presentation as .pptx (or "
                "export it as PDF) and import that."
            ).format(name=path.name)
        )
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise DeckImportError(
            _("{name} is a damaged .pptx file ({error}). Save it again and re-import.").format(
                name=path.name, error=exc
            )
        ) from exc
    if "ppt/presentation.xml" in names and powerpoint_flavour(path) is not None:
        return
    if "word/document.xml" in names:
        what = _("a Word document")
    elif "xl/workbook.xml" in names:
        what = _("an Excel workbook")
    elif "content.xml" in names:
        what = _("an OpenDocument file")
    else:
        what = _("a zip archive of something else")
    raise DeckImportError(
        _(
            "{name} is {what}, not a PowerPoint presentation. Choose the .pptx file of the "
            "talk (or export the talk as PDF)."
        ).format(name=path.name, what=what)
    )


def powerpoint_flavour(path: Path) -> str | None:
    """ "pptx", "pptm", "ppsx", "ppsm", "potx" or "potm" by the file's content; None when it
    is not a PowerPoint file of any of these kinds. Never raises."""
    import xml.etree.ElementTree as ET

    try:
        with zipfile.ZipFile(path) as archive:
            root = ET.fromstring(archive.read(_CONTENT_TYPES))
    except Exception:  # not a zip, no content types, bad XML: not PowerPoint
        return None
    for element in root:
        if element.tag.endswith("Override") and element.get("PartName") == "/ppt/presentation.xml":
            return FLAVOURS.get(element.get("ContentType") or "")
    return None


def _open_presentation(path: Path, flavour: str | None) -> Any:
    """python-pptx's Presentation of any flavour. Slide shows and templates are relabelled as
    presentations in memory; macros are never run (python-pptx does not run anything)."""
    from pptx import Presentation

    if flavour in (None, "pptx", "pptm"):
        return Presentation(str(path))
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == _CONTENT_TYPES:
                text = data.decode("utf-8")
                for content_type in FLAVOURS:
                    text = text.replace(f'"{content_type}"', f'"{_PRESENTATION_MAIN}"')
                data = text.encode("utf-8")
            target.writestr(item, data)
    buffer.seek(0)
    return Presentation(buffer)


def _shape_text(shape: Any) -> str:
    if getattr(shape, "has_text_frame", False):
        return clean_text(shape.text_frame.text)
    return ""


def _slide_title(slide: Any) -> str:
    title_shape = slide.shapes.title
    if title_shape is not None:
        title = first_line(_shape_text(title_shape))
        if title:
            return title
    for shape in slide.shapes:
        title = first_line(_shape_text(shape))
        if title:
            return title
    return ""


def _slide_text(slide: Any) -> str:
    """All the text the audience sees on the slide: its text boxes, tables and groups."""
    parts: list[str] = []

    def visit(shapes: Any) -> None:
        for shape in shapes:
            text = _shape_text(shape)
            if text:
                parts.append(text)
            if getattr(shape, "has_table", False):
                for row in shape.table.rows:
                    cells = [clean_text(cell.text) for cell in row.cells]
                    if any(cells):
                        parts.append("  ·  ".join(cells))
            if hasattr(shape, "shapes"):  # a group
                visit(shape.shapes)

    visit(slide.shapes)
    return "\n".join(parts)


def _slide_notes(slide: Any) -> str:
    if not slide.has_notes_slide:
        return ""
    frame = slide.notes_slide.notes_text_frame
    return "" if frame is None else clean_text(frame.text)


def read_pptx(path: Path) -> PptxContent:
    """Slide titles and speaker notes of a .pptx file. Raises DeckImportError on bad input."""
    from pptx.exc import PythonPptxError

    path = Path(path)
    check_pptx_container(path)
    try:
        presentation = _open_presentation(path, powerpoint_flavour(path))
    except (PythonPptxError, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise DeckImportError(
            _(
                "{name} could not be read as a PowerPoint presentation ({error}). Open it in "
                "PowerPoint or LibreOffice, save it again as .pptx, and re-import."
            ).format(name=path.name, error=exc)
        ) from exc
    except Exception as exc:  # python-pptx raises many kinds on damaged XML
        raise DeckImportError(
            _("{name} is damaged and could not be read ({error}).").format(
                name=path.name, error=exc
            )
        ) from exc
    all_slides = list(presentation.slides)
    if len(all_slides) > MAX_SLIDES:
        raise DeckImportError(
            _(
                "{name} has {count} slides; Hexikit imports at most {limit}. Split the "
                "presentation into smaller ones."
            ).format(name=path.name, count=len(all_slides), limit=MAX_SLIDES)
        )
    slides: list[ImportedSlide] = []
    hidden = 0
    without_notes: list[int] = []
    for slide in all_slides:
        if slide._element.get("show") in ("0", "false"):
            hidden += 1
            continue
        number = len(slides) + 1
        title = _slide_title(slide) or _("Slide {number}").format(number=number)
        notes = _slide_notes(slide)
        if not notes:
            without_notes.append(number)
        slides.append(
            ImportedSlide(title=title, notes=notes, pdf_page=None, text=_slide_text(slide))
        )
    messages: list[str] = []
    if not slides:
        raise DeckImportError(
            _("{name} has no slides to show (every slide is hidden or there are none).").format(
                name=path.name
            )
        )
    if hidden:
        messages.append(
            ngettext(
                "{count} hidden slide was left out, as in the slide show.",
                "{count} hidden slides were left out, as in the slide show.",
                hidden,
            ).format(count=hidden)
        )
    if without_notes:
        messages.append(slides_without_notes_message(without_notes))
    core_title = (presentation.core_properties.title or "").strip()
    return PptxContent(
        title=core_title or path.stem,
        slides=slides,
        hidden_slides=hidden,
        messages=messages,
    )
