"""The bundled card font (DejaVu Sans, regular and bold) for reportlab, and glyph checks.

reportlab's built-in Helvetica prints Welsh ŵ and ŷ as boxes; DejaVu Sans covers Welsh and
the rest of Europe. The files live in `assets/fonts/` (found through `hexikit.base.resources`).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from hexikit.base.resources import asset

REGULAR = "HexikitSans"
BOLD = "HexikitSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}

_lock = threading.Lock()
_covered: frozenset[int] | None = None


def register_fonts() -> tuple[str, str]:
    """Register the card fonts with reportlab once; returns (regular, bold) font names."""
    global _covered
    with _lock:
        if _covered is None:
            codepoints: set[int] | None = None
            for name, filename in _FILES.items():
                font = TTFont(name, str(asset("fonts", filename)))
                pdfmetrics.registerFont(font)
                mapped = set(font.face.charToGlyph)
                codepoints = mapped if codepoints is None else codepoints & mapped
            _covered = frozenset(codepoints or ())
    return REGULAR, BOLD


def covered_codepoints() -> frozenset[int]:
    register_fonts()
    assert _covered is not None
    return _covered


def is_printable(char: str) -> bool:
    """True when both card fonts have a glyph for `char` (spaces always pass)."""
    return char in " \t" or ord(char) in covered_codepoints()


def describe_char(char: str) -> str:
    """“😀 (U+1F600 GRINNING FACE)”: how a warning names a character."""
    name = unicodedata.name(char, "unnamed character")
    return f"{char} (U+{ord(char):04X} {name})"


@dataclass(frozen=True)
class PrintableText:
    """Text made safe for the card font, and the characters that had to be left out."""

    text: str
    missing: tuple[str, ...]


def printable(text: str) -> PrintableText:
    """NFC-normalise `text`, turn line breaks and tabs into spaces, and drop characters the
    font has no glyph for (each reported once in `missing`, in order of appearance)."""
    normalised = unicodedata.normalize("NFC", text)
    kept: list[str] = []
    missing: list[str] = []
    covered = covered_codepoints()
    for char in normalised:
        if char in "\r\n\t":
            kept.append(" ")
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cf"):
            # controls and invisible format marks (zero-width joiners, variation selectors)
            continue
        if category == "Mn" and ord(char) not in covered:
            continue  # a combining mark left over after NFC; drop it quietly
        if ord(char) in covered or char == " ":
            kept.append(char)
        elif char not in missing:
            missing.append(char)
    # collapse ordinary spaces only: a no-break space keeps "1.5 h" together on one line
    cleaned = re.sub(" {2,}", " ", "".join(kept)).strip(" ")
    return PrintableText(cleaned, tuple(missing))
