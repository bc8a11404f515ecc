"""Hexikit core: the Qt-free library behind the Hexithon kit.

Everything here runs without Qt so the CLI, the sync client and the tests share it.
"""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("hexikit")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"

__all__ = ["__version__"]
