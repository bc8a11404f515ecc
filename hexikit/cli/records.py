"""`hexikit events`, `event add`, `record`, `export`, `import` (filled in by the foundation)."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any) -> None:
    """Placeholder until the record commands land."""
