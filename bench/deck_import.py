"""Deck import figures: a 40-slide PowerPoint imported notes-only and with LibreOffice, and
opening an imported deck against opening the built-in Markdown deck (the baseline).

    .venv/bin/python bench/deck_import.py [--slides 40]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import tempfile
import time
from pathlib import Path
from types import ModuleType

from hexikit.base.resources import builtin_deck_dir
from hexikit.decks.library import import_deck
from hexikit.decks.libreoffice import find_soffice
from hexikit.decks.loading import load_deck


def _test_samples() -> ModuleType:
    """The tests' deck maker (tests/core/decks/samples.py), loaded from its file: putting the
    repository root on sys.path would also shadow the installed hexikit with the source hexikit/
    (which has no ui/ or sync/)."""
    path = Path(__file__).resolve().parent.parent / "tests" / "core" / "decks" / "samples.py"
    spec = importlib.util.spec_from_file_location("hexikit_bench_samples", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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
    source = _test_samples().make_pptx(folder / "talk.pptx", slides)
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
