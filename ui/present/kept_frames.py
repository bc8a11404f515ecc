"""The first slide as drawn at the last launch, kept in the data folder, so `hexikit present`
of an unchanged deck shows slide 1 without drawing it again (nor loading the Markdown parser
the drawing needs).

A frame is one slide at one size, as `render_slide` drew it (opaque RGB32 pixels). It is
found only by everything that made it: the deck's content hash (its text and pictures), the
slide, the size, and the stamp of the drawing code, its fonts and Qt. Only the frames of the
slide a deck opened on are kept, for the few decks opened last (a facilitator switching
between the built-in deck and their own PDF finds both): some 20 MB at most.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSize, qVersion
from PySide6.QtGui import QImage

from hexikit.base.atomic import atomic_write_bytes
from hexikit.base.resources import asset
from hexikit.base.stamps import code_stamp
from hexikit.decks import layout, mdblocks

log = logging.getLogger(__name__)

#: Where kept frames live in the data folder.
FRAMES_FOLDER = Path("cache") / "slides"
_SUFFIX = ".rgb32"
_FORMAT = QImage.Format.Format_RGB32
#: How many decks' frames are kept: the ones opened last.
KEPT_DECKS = 4


@cache
def _drawing_stamp() -> str:
    from hexikit.ui import fonts

    # The drawing module by path: importing it here would tie the two modules in a loop.
    drawing = Path(__file__).with_name("render.py")
    modules = (layout, mdblocks, fonts)
    try:
        font_files = sorted(asset("fonts").glob("*"))
    except OSError:
        font_files = []
    return code_stamp(
        [drawing] + [Path(module.__file__ or "") for module in modules] + font_files,
        qVersion(),
        pyside_version,
    )


class KeptFrames:
    """Frames kept in `folder` (usually `<data folder>/cache/slides`). Thread-safe: frames
    are written on the worker's "io" thread; the first slide's are read on the GUI thread
    as the deck opens (a local file of a few MB, about a millisecond)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _prefix(self, content_hash: str) -> str:
        return f"{_drawing_stamp()}-{content_hash[:40]}-"

    def _path(self, content_hash: str, number: int, size: QSize) -> Path:
        name = f"{self._prefix(content_hash)}{number}-{size.width()}x{size.height()}{_SUFFIX}"
        return self.folder / name

    def load(self, content_hash: str, number: int, size: QSize) -> QImage | None:
        """The kept frame of slide `number` at `size`, or None. Never raises."""
        if not content_hash or size.width() <= 0 or size.height() <= 0:
            return None
        try:
            data = self._path(content_hash, number, size).read_bytes()
        except OSError:
            return None
        image = QImage(size, _FORMAT)
        if image.isNull() or len(data) != image.sizeInBytes():
            return None  # cut short or of another layout: drawn again
        memoryview(image.bits())[:] = data
        return image

    def keep(self, content_hash: str, frames: Iterable[tuple[int, QImage]]) -> int:
        """Keep these frames (slide number, image) of the deck with `content_hash`, mark that
        deck as opened last, and drop the frames of all but the `KEPT_DECKS` decks opened
        last (and of older drawing code). Returns how many were written. Never raises."""
        if not content_hash:
            return 0
        written = 0
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Left by a launch that ended mid-write (one app writes here at a time: the data
            # folder is locked, and frames are kept on the one "io" thread).
            for unfinished in self.folder.glob(".*.tmp"):
                unfinished.unlink(missing_ok=True)
            # Set, not left to the file system: its clock ticks too coarsely to order two
            # decks kept within a few milliseconds.
            opened = time.time_ns()
            for number, image in frames:
                if image.isNull():
                    continue
                converted = image if image.format() == _FORMAT else image.convertToFormat(_FORMAT)
                path = self._path(content_hash, number, converted.size())
                if not path.exists():
                    atomic_write_bytes(path, bytes(converted.constBits()))
                    written += 1
                os.utime(path, ns=(opened, opened))
            self._drop_all_but_the_last_decks()
        except OSError as exc:
            log.info("could not keep the first slide's frames: %s", exc)
        return written

    def _drop_all_but_the_last_decks(self) -> None:
        stamp = f"{_drawing_stamp()}-"
        last_opened: dict[str, int] = {}
        files: dict[str, list[Path]] = {}
        for path in self.folder.glob(f"*{_SUFFIX}"):
            if not path.name.startswith(stamp):
                path.unlink(missing_ok=True)  # drawn by other code: never used again
                continue
            # The rest of the name is "<content hash>-<slide>-<width>x<height>.rgb32".
            deck = path.name[len(stamp) :].rsplit("-", 2)[0]
            files.setdefault(deck, []).append(path)
            try:
                modified = path.stat().st_mtime_ns
            except OSError:
                continue
            last_opened[deck] = max(last_opened.get(deck, 0), modified)
        newest_first = sorted(files, key=lambda deck: last_opened.get(deck, 0), reverse=True)
        for deck in newest_first[KEPT_DECKS:]:
            for path in files[deck]:
                path.unlink(missing_ok=True)
