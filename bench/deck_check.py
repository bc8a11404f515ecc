"""`deck check` figures: a 40-slide PowerPoint and a 500-slide Markdown deck, each checked
in-process the way `hexikit deck check` does it (text and notes only, overflow measured), against
reading the same file with python-pptx or markdown-it-py alone in the same run (the baselines).

    .venv/bin/python bench/deck_check.py [--repeats 5]
"""

from __future__ import annotations

import argparse
import io
import tempfile
from collections.abc import Callable
from pathlib import Path

from _shared import median_ms, test_samples
from markdown_it import MarkdownIt
from pptx import Presentation

from hexikit.cli.deck import run_check


def _markdown_deck(path: Path, slides: int) -> Path:
    parts = ["---\ntitle: Bench deck\n---\n"]
    for n in range(1, slides + 1):
        parts.append(
            f"# Slide {n}\n\n- Point *one* of {n}\n- Point **two** with `code`\n"
            f"- A [link](http://example.org/{n})\n\n<!-- notes -->\n"
            + " ".join(["word"] * 60)
            + "\n"
        )
    path.write_text("\n---\n\n".join(parts), encoding="utf-8")
    return path


def _pptx_text(path: Path) -> int:
    words = 0
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                words += len(shape.text_frame.text.split())
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame is not None:
            words += len(slide.notes_slide.notes_text_frame.text.split())
    return words


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="hexikit-bench-"))
    slides = [(f"Slide {n}", f"Point {n}", " ".join(["word"] * 60)) for n in range(1, 41)]
    pptx = test_samples().make_pptx(folder / "talk.pptx", slides)
    markdown = _markdown_deck(folder / "deck.md", 500)
    parser_md = MarkdownIt("commonmark")

    def check(path: Path) -> Callable[[], object]:
        return lambda: run_check(path, out=io.StringIO(), as_json=True)

    rows = [
        (
            "40-slide .pptx",
            median_ms(check(pptx), args.repeats),
            median_ms(lambda: _pptx_text(pptx), args.repeats),
            "python-pptx",
        ),
        (
            "500-slide Markdown",
            median_ms(check(markdown), args.repeats),
            median_ms(lambda: parser_md.parse(markdown.read_text(encoding="utf-8")), args.repeats),
            "markdown-it-py",
        ),
    ]
    print(f"deck check, median of {args.repeats} (baseline: the library alone, same run)")
    for name, ours, baseline, library in rows:
        print(
            f"  {name}: deck check {ours:.1f} ms, {library} alone {baseline:.1f} ms "
            f"({ours / baseline:.2f}× baseline)"
        )


if __name__ == "__main__":
    main()
