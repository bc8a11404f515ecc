"""One way to find `assets/` and `slides/`: from a source checkout, an installed wheel, or a
PyInstaller bundle.

In a wheel the folders are the package data of `hexikit.assets` and `hexikit.slides` (mapped in
pyproject.toml); in a bundle they sit under `sys._MEIPASS`; in a checkout they sit beside the
`hexikit/` folder.
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path


@cache
def _root_of(name: str) -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        candidate = Path(frozen_root) / name
        if candidate.is_dir():
            return candidate
    spec = importlib.util.find_spec(f"hexikit.{name}")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if Path(location).is_dir():
                return Path(location)
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"Hexikit's {name} folder is missing from this installation.")


def assets_dir() -> Path:
    return _root_of("assets")


def slides_dir() -> Path:
    return _root_of("slides")


def asset(*parts: str) -> Path:
    """Path of a file in `assets/`, e.g. `asset("sounds", "chime.wav")`."""
    return assets_dir().joinpath(*parts)


def builtin_deck_dir(language: str = "en") -> Path:
    """The built-in deck: `slides/hexithon-intro` (English) or `slides/hexithon-intro-<lang>`
    (Welsh: `cy`), the English one when there is none in that language."""
    if language and language != "en":
        translated = slides_dir() / f"hexithon-intro-{language}"
        if translated.is_dir():
            return translated
    return slides_dir() / "hexithon-intro"


def mono_font_file() -> Path | None:
    """DejaVu Sans Mono, the font code is drawn in (bundled; else the system's)."""
    for candidate in (
        asset("fonts", "DejaVuSansMono.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"),
    ):
        if candidate.is_file():
            return candidate
    return None
