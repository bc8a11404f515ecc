"""One typed settings object, persisted as JSON in the data folder.

Each capability adds its fields here (with a default), so old settings files keep loading.
Secrets never go here: the sync token lives in keyring.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hexikit.base.atomic import atomic_write_text
from hexikit.base.paths import settings_path

log = logging.getLogger(__name__)

DEFAULT_SIGNUP_URL = "https://hexitime.com/register"


@dataclass
class Settings:
    """User settings. Unknown keys in the file are ignored; missing keys take defaults."""

    # Presenter
    notes_font_pt: int = 20
    audience_screen_by_name: dict[str, str] = field(default_factory=dict)
    last_deck_path: str = ""
    # Timer
    bell_volume: float = 0.8
    bell_muted: bool = False
    timer_warning_seconds: int = 30
    #: The timer scene in Welsh first, English beneath (as NHS Wales signs are).
    timer_bilingual: bool = False
    # Cards
    signup_base_url: str = DEFAULT_SIGNUP_URL
    printer_offsets_mm: dict[str, list[float]] = field(default_factory=dict)
    custom_templates: list[dict[str, Any]] = field(default_factory=list)
    # Sync
    server_url: str = ""
    auto_sync: bool = True
    # Rehearsal
    speaking_rate_wpm: int = 140
    # Session
    current_event_id: str = ""
    # Window: where the main window was, per set of screens (base64 of Qt's saved geometry)
    window_placements: dict[str, str] = field(default_factory=dict)
    # Language: "cy", "en", or "" for the system's (--lang and HEXIKIT_LANG win over it)
    language: str = ""

    @classmethod
    def load(cls, data_folder: Path) -> Settings:
        path = settings_path(data_folder)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            # A damaged settings file must never stop the app from starting.
            log.warning("settings file %s unreadable (%s); using defaults", path, exc)
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        defaults = cls()
        for key, value in raw.items():
            if key in known and isinstance(value, type(getattr(defaults, key))):
                values[key] = value
            elif (
                key in known
                and isinstance(getattr(defaults, key), float)
                and isinstance(value, int)
            ):
                values[key] = float(value)
        return cls(**values)

    def save(self, data_folder: Path) -> None:
        """Write atomically: a crash mid-write leaves the old file intact."""
        path = settings_path(data_folder)
        text = json.dumps(dataclasses.asdict(self), indent=2, ensure_ascii=False)
        atomic_write_text(path, text)
