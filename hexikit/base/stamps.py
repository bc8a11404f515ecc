"""Stamps of the code that made something: what a cache kept between launches checks, so
that a newer Hexikit never shows what an older one drew or read."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path


def file_stamp(path: Path) -> str:
    """The size and modification time of `path` ("missing" when it cannot be read)."""
    try:
        stat = path.stat()
    except (OSError, ValueError):
        return "missing"
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def code_stamp(files: Iterable[Path], *extra: str) -> str:
    """A short digest of these source files' stamps (and `extra`, such as a library's
    version). A bundled app's modules are not files of their own: there its executable's
    stamp stands for them, and every new install changes it."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.name}={file_stamp(path)}\0".encode())
    if getattr(sys, "frozen", False):
        digest.update(f"frozen={file_stamp(Path(sys.executable))}\0".encode())
    for part in extra:
        digest.update(f"{part}\0".encode())
    return digest.hexdigest()[:24]
