"""Deck import figures: a 40-slide PowerPoint imported notes-only and with LibreOffice, and
opening an imported deck against opening the built-in Markdown deck (the baseline).

    .venv/bin/python bench/deck_import.py [--slides 40]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from _shared import median_ms, test_samples

from hexikit.base.resources import builtin_deck_dir
from hexikit.decks.library import import_deck
from hexikit.decks.libreoffice import find_soffice
from hexikit.decks.loading import load_deck


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slides", type=int, default=40)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hexikit-bench-"))
    slides = [
        (f"Slide {n}", f"Point {n}", " ".join(["word"] * 60)) for n in range(1, args.slides + 1)
    ]
    source = test_samples().make_pptx(folder / "talk.pptx", slides)
    library = folder / "library"

    start = time.perf_counter()
    notes_only = import_deck(source, library, notes_only=True)
    notes_seconds = time.perf_counter() - start
    print(f"import {args.slides} slides, notes only: {notes_seconds:.2f} s")
    if find_soffice() is not None:
        start = time.perf_counter()
        pictures = import_deck(source, library)
        office_seconds = time.perf_counter() - start
        print(
            f"import {args.slides} slides with LibreOffice: {office_seconds:.2f} s "
            f"({office_seconds / notes_seconds:.1f}× the notes-only import)"
        )
        opened = pictures.deck_dir
    else:
        print("LibreOffice is not installed: sudo apt install libreoffice-impress")
        opened = notes_only.deck_dir

    baseline = median_ms(lambda: load_deck(builtin_deck_dir()), 20)
    library_ms = median_ms(lambda: load_deck(opened), 20)
    print(f"open the built-in Markdown deck (baseline): {baseline:.1f} ms median")
    print(
        f"open the imported deck ({args.slides} slides): {library_ms:.1f} ms median "
        f"({library_ms / baseline:.2f}× baseline)"
    )


if __name__ == "__main__":
    main()
