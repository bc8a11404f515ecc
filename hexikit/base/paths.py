"""Where Hexikit keeps its data.

Order: an explicit `--data-dir`, then `HEXIKIT_DATA_DIR`, then the platform's user data folder
(platformdirs). Tests always set one of the first two, so they never touch a real user's files.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

ENV_DATA_DIR = "HEXIKIT_DATA_DIR"
APP_NAME = "Hexikit"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the data folder, creating it if needed."""
    if explicit:
        path = Path(explicit)
    elif os.environ.get(ENV_DATA_DIR):
        path = Path(os.environ[ENV_DATA_DIR])
    else:
        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path = path.expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(folder: Path) -> Path:
    return folder / "hexikit.sqlite3"


def draft_path(folder: Path) -> Path:
    return folder / "capture-draft.json"


def settings_path(folder: Path) -> Path:
    return folder / "settings.json"


def lock_path(folder: Path) -> Path:
    return folder / "hexikit.lock"


def deck_library_dir(folder: Path) -> Path:
    """Imported decks (PowerPoint, PDF) live here."""
    path = folder / "decks"
    path.mkdir(parents=True, exist_ok=True)
    return path
