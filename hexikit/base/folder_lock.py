"""One app per data folder: an exclusive lock on the folder's lock file, held while it runs.

The operating system's own file lock (`fcntl.flock` on Linux and macOS, `msvcrt.locking` on
Windows), the same lock the `filelock` package takes, so the two agree on one file. Not
`filelock` itself here: the app takes this lock before its first paint, and importing
`filelock` imports asyncio, which cost the first paint 50 ms. The lock goes when the process
does, however it ends, so a crash never leaves the folder locked.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


class FolderLocked(Exception):
    """Another process holds the lock on this folder."""


class FolderLock:
    """An exclusive, non-blocking lock on `path` (the file is made if missing)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @property
    def is_locked(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock now, or raise `FolderLocked` if someone else has it."""
        if self._fd is not None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise FolderLocked(str(self.path)) from None
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
