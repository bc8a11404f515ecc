"""Shared fixtures: Qt offscreen, a temporary data folder for every test, a fresh store."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hexikit.base.clock import FakeClock
from hexikit.base.collect import collect_due

if TYPE_CHECKING:
    # Imported in the fixtures: loading SQLAlchemy is not every test's business.
    from hexikit.store import Store

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HEXIKIT_LANG", "en")


def pytest_configure(config: pytest.Config) -> None:
    # As in the app (ui/collector.py): Python's cycle collector never runs on a worker
    # thread, where freeing a test's Qt objects deadlocks against the GUI thread.
    gc.disable()


@pytest.fixture(autouse=True)
def _collect_on_the_main_thread() -> Iterator[None]:
    yield
    collect_due()


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test ever touches a real user's data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("HEXIKIT_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def data_dir(_isolated_data_dir: Path) -> Path:
    return _isolated_data_dir


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    from hexikit.store import Store

    opened = Store.open(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def clock() -> FakeClock:
    """A clock the test moves by hand (tests never sleep); files may define their own."""
    return FakeClock()


@pytest.fixture
def clocked_store(data_dir: Path, clock: FakeClock) -> Iterator[Store]:
    from hexikit.store import Store

    opened = Store.open(data_dir, clock=clock)
    yield opened
    opened.close()
