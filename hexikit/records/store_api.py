"""The parts of the store's interface that need no database library: its errors and its counts.

`hexikit.store` defines and re-exports these; they live here so that a screen can name them
without importing SQLAlchemy (a fifth of a second), which the first paint must not wait for.
"""

from __future__ import annotations

from dataclasses import dataclass


class StoreError(Exception):
    """A store problem with a plain-English message for the user."""


class StoreWriteError(StoreError):
    """A write failed (disk full, read-only, locked); nothing was saved."""


@dataclass(frozen=True)
class Counts:
    participants: int
    offers: int
    requests: int
