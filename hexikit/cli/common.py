"""Helpers shared by command modules."""

from __future__ import annotations

import argparse
import sys

from hexikit.paths import data_dir
from hexikit.store import Store, StoreError


def open_store(args: argparse.Namespace) -> Store:
    """Open the store in the data folder chosen by `--data-dir` / `HEXIKIT_DATA_DIR`."""
    from hexikit.cli import CommandError

    try:
        store = Store.open(data_dir(getattr(args, "data_dir", None)))
    except StoreError as exc:
        raise CommandError(str(exc)) from exc
    if store.notice is not None:
        print(f"hexikit: {store.notice.message}", file=sys.stderr)
    return store
