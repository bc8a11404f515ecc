"""Decks made inside the tests: PowerPoint files with notes (python-pptx), PDFs (reportlab),
pdfpc notes files, and the bad inputs an import must survive."""

from __future__ import annotations

import json
import stat
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path


def library_entries(library: Path) -> list[str]:
    """The names in a deck library folder (hidden ones too: an import must leave none)."""
    return sorted(entry.name for entry in library.iterdir())


TALK = [
    ("Why timebanking", "Everyone has something to offer", "Start with a question to the room."),
    (
        "How an hour works",
        "One hour given is one hour earned",
        "An hour is an hour, whoever gives it.",
    ),
    ("Offers and requests", "Say what you can do and what you need", ""),
    ("Join Hexitime", "Sign up with your card", "Hold up a card. Show the QR code."),
]


def make_pptx(
    path: Path,
    slides: Sequence[tuple[str, str, str | None]] = TALK,
    hidden: Sequence[int] = (),
    title: str = "",
) -> Path:
    """A 16:9 .pptx; each slide (title, body, notes). Notes None: no notes page at all;
    "": a notes page left empty. `hidden` lists 1-based slide numbers hidden from the show."""
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    presentation.slide_width = Inches(13.333)
    presentation.slide_height = Inches(7.5)
    if title:
        presentation.core_properties.title = title
    layout = presentation.slide_layouts[1]
    for number, (slide_title, body, notes) in enumerate(slides, start=1):
        slide = presentation.slides.add_slide(layout)
        slide.shapes.title.text = slide_title
        slide.placeholders[1].text = body
        if notes is not None:
            slide.notes_slide.notes_text_frame.text = notes
        if number in hidden:
            slide._element.set("show", "0")
    presentation.save(str(path))
    return path


def make_pdf(path: Path, titles: Sequence[str], outline: bool = False) -> Path:
    """A 16:9 PDF, one page per title (written big at the top)."""
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen import canvas

    width, height = 960, 540
    drawing = canvas.Canvas(str(path), pagesize=(width, height))
    drawing.setTitle("Sample talk")
    for number, title in enumerate(titles, start=1):
        drawing.setFillColor(HexColor("#1d3557"))
        drawing.rect(0, 0, width, 70, fill=1, stroke=0)
        drawing.setFillColor(HexColor("#000000"))
        drawing.setFont("Helvetica-Bold", 40)
        drawing.drawString(60, height - 100, title)
        drawing.setFont("Helvetica", 24)
        drawing.drawString(60, height - 170, f"Body text of page {number}")
        if outline:
            key = f"page{number}"
            drawing.bookmarkPage(key)
            drawing.addOutlineEntry(f"Bookmark {number}", key, level=0)
        drawing.showPage()
    drawing.save()
    return path


def make_empty_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    with path.open("wb") as handle:
        PdfWriter().write(handle)
    return path


def make_pdfpc(path: Path, notes: Sequence[str], duration: int | None = None) -> Path:
    data: dict[str, object] = {"pdfpcFormat": 2, "disableMarkdown": False}
    if duration:
        data["duration"] = duration
    data["pages"] = [
        {"idx": index, "label": str(index + 1), "overlay": 0, "note": note}
        for index, note in enumerate(notes)
        if note
    ]
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def make_zip_of_something_else(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday/photo-list.txt", "beach\nmountain\n")
    return path


def make_docx_named_pptx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return path


def make_encrypted_ole(path: Path) -> Path:
    """What Office writes for a password-protected .pptx: an OLE compound file holding an
    `EncryptedInfo` and an `EncryptedPackage` stream (header and directory only; the
    encrypted bytes do not matter for telling what it is)."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[24:26] = struct.pack("<H", 0x3E)
    header[26:28] = struct.pack("<H", 3)
    header[28:30] = struct.pack("<H", 0xFFFE)
    header[30:32] = struct.pack("<H", 9)
    directory = bytearray(512)
    for slot, name in enumerate(("Root Entry", "EncryptionInfo", "EncryptedPackage")):
        encoded = (name + "\0").encode("utf-16-le")
        offset = slot * 128
        directory[offset : offset + len(encoded)] = encoded
        directory[offset + 64 : offset + 66] = struct.pack("<H", len(encoded))
    path.write_bytes(bytes(header) + bytes(directory) + b"\x00" * 4096)
    return path


def make_ppt97(path: Path) -> Path:
    """An OLE file without an encrypted package: an old .ppt renamed to .pptx."""
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    name = "PowerPoint Document\0".encode("utf-16-le")
    path.write_bytes(bytes(header) + name + b"\x00" * 4096)
    return path


def make_fake_soffice(folder: Path, behaviour: str) -> Path:
    """A stand-in `soffice`: "hang" starts a child and waits forever (writing the child's pid to
    $HEXIKIT_TEST_PIDFILE); "fail" prints an error and exits 1; "nothing" exits 0 without
    writing a PDF."""
    script = folder / f"soffice-{behaviour}"
    bodies = {
        "hang": 'sleep 600 &\necho $! > "$HEXIKIT_TEST_PIDFILE"\nwait\n',
        "fail": 'echo "Error: source file could not be loaded" >&2\nexit 1\n',
        "nothing": "exit 0\n",
    }
    script.write_text("#!/bin/sh\n" + bodies[behaviour], encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return script
