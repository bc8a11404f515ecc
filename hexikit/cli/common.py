"""Helpers shared by command modules."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from hexikit.base.paths import data_dir

if TYPE_CHECKING:
    from hexikit.store import Store


def open_store(args: argparse.Namespace) -> Store:
    """Open the store in the data folder chosen by `--data-dir` / `HEXIKIT_DATA_DIR`."""
    # Imported here, not at the top: command modules import this one while the CLI starts,
    # and SQLAlchemy would slow down every command, even `hexikit --version`.
    from hexikit.cli import CommandError
    from hexikit.store import Store, StoreError

    try:
        store = Store.open(data_dir(getattr(args, "data_dir", None)))
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    if store.notice is not None:
        print(f"hexikit: {store.notice.message}", file=sys.stderr)
    return store
