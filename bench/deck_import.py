"""Deck import figures: a 40-slide PowerPoint imported notes-only and with LibreOffice, and
opening an imported deck against opening the built-in Markdown deck (the baseline).

    .venv/bin/python bench/deck_import.py [--slides 40]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hexikit.base.resources import builtin_deck_dir
from hexikit.decks.deck import load_deck
from hexikit.decks.importing import find_soffice, import_deck
from tests.core.decks.samples import make_pptx


def _median_ms(action: object, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slides", type=int, default=40)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hexikit-bench-"))
    slides = [
        (f"Slide {n}", f"Point {n}", " ".join(["word"] * 60)) for n in range(1, args.slides + 1)
    ]
    source = make_pptx(folder / "talk.pptx", slides)
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

    baseline = _median_ms(lambda: load_deck(builtin_deck_dir()), 20)
    library_ms = _median_ms(lambda: load_deck(opened), 20)
    print(f"open the built-in Markdown deck (baseline): {baseline:.1f} ms median")
    print(
        f"open the imported deck ({args.slides} slides): {library_ms:.1f} ms median "
        f"({library_ms / baseline:.2f}× baseline)"
    )


if __name__ == "__main__":
    main()
