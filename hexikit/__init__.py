"""Hexikit core: the Qt-free library behind the Hexithon kit.

Everything here runs without Qt so the CLI, the sync client and the tests share it.
"""

from __future__ import annotations

__all__ = ["__version__"]

#: The installed version; looked up on first use (see `__getattr__`).
__version__: str


def __getattr__(name: str) -> str:
    # Looked up lazily: reading the package metadata costs milliseconds that starting the app
    # does not need to pay before its window shows (bench/capture.py, cold start).
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("hexikit")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        version = "0.0.0+source"
    globals()["__version__"] = version
    return version
