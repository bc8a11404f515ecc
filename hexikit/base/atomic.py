"""Writing a file so that a crash, a kill or a full disk never leaves half of it.

Every file Hexikit writes for the user (settings, drafts, decks' notes, card and report PDFs,
exports) goes through here: the data goes to a temporary file in the same folder, is flushed to
disk, and only then renamed over the target, so the old file stays whole until the new one is.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_path(path: Path | str) -> Iterator[Path]:
    """A temporary path beside `path`; renamed over it when the block ends without an error.

    For writers that want a file name (reportlab's `doc.build`, `open(..., newline="")`). The
    temporary file is removed if the block raises.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _fsync_file(tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Write `data` to `path` atomically (temporary file, fsync, rename)."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(
    path: Path | str, text: str, *, encoding: str = "utf-8", newline: str | None = None
) -> None:
    """Write `text` to `path` atomically; `newline=""` keeps line ends as they are in `text`."""
    with atomic_path(path) as tmp, tmp.open("w", encoding=encoding, newline=newline) as handle:
        handle.write(text)


def _fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder is synced (POSIX); Windows has no
    # directory handles to sync, so there it is skipped.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
