"""The half-typed capture form, kept on disk so a crash or a kill loses nothing.

The capture screen saves its form here (debounced, and on every focus change) and clears it
after a successful save. At the next start, a draft that is still here is put back on screen.
The file is written atomically (temporary file, fsync, rename), so a kill mid-write leaves the
previous draft intact. Reading never raises: a damaged draft is ignored, not fatal.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from hexikit.base.atomic import atomic_write_text
from hexikit.base.paths import draft_path

log = logging.getLogger(__name__)

DRAFT_VERSION = 1


@dataclass
class CaptureDraft:
    """Everything on the capture form, as typed (not yet validated)."""

    event_id: str = ""
    #: the activity being edited, or "" for a new entry
    editing_id: str = ""
    kind: str = "offer"
    participant_id: str = ""
    title: str = ""
    description: str = ""
    categories: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    mode: str = "either"
    hours: str = ""
    #: text typed in the category / region pickers but not yet turned into a tag
    category_text: str = ""
    region_text: str = ""

    def has_typed_text(self) -> bool:
        """True when there is something a person typed that would be lost.

        The fields that stay from one entry to the next (kind, participant, regions, mode) do
        not count: they are not lost work.
        """
        return bool(
            self.title.strip()
            or self.description.strip()
            or self.categories
            or self.hours.strip()
            or self.category_text.strip()
            or self.region_text.strip()
            or self.editing_id
        )

    def to_json(self) -> str:
        return json.dumps(
            {"version": DRAFT_VERSION, "draft": asdict(self)}, ensure_ascii=False, indent=1
        )

    @classmethod
    def from_json(cls, text: str) -> CaptureDraft | None:
        """The draft in `text`, or None when it is not a draft this version understands."""
        try:
            raw = json.loads(text)
        except ValueError:
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("draft"), dict):
            return None
        body: dict[str, Any] = raw["draft"]
        defaults = cls()
        values: dict[str, Any] = {}
        for item in fields(cls):
            value = body.get(item.name)
            default = getattr(defaults, item.name)
            if isinstance(default, list):
                if isinstance(value, list):
                    values[item.name] = [str(entry) for entry in value]
            elif isinstance(value, str):
                values[item.name] = value
        return cls(**values)


def save_draft(folder: Path, draft: CaptureDraft) -> None:
    """Write the draft atomically (raises OSError when the disk refuses)."""
    atomic_write_text(draft_path(folder), draft.to_json())


def load_draft(folder: Path) -> CaptureDraft | None:
    """The saved draft, or None when there is none (or it cannot be read)."""
    path = draft_path(folder)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("draft %s unreadable (%s); ignoring it", path, exc)
        return None
    draft = CaptureDraft.from_json(text)
    if draft is None:
        log.warning("draft %s is not a capture draft; ignoring it", path)
    return draft


def clear_draft(folder: Path) -> None:
    """Remove the draft (after its entry was saved)."""
    with contextlib.suppress(FileNotFoundError):
        draft_path(folder).unlink()
