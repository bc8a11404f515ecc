"""Cycle collection by hand (hexikit/base/collect.py): nothing below the first threshold,
the right generation above it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from hexikit.base.collect import collect_due


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


@pytest.fixture
def disabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    gc.collect()
    yield
    if was:
        gc.enable()


def test_below_the_first_threshold_nothing_is_collected(disabled: None) -> None:
    node = _Node()
    del node
    assert collect_due((10_000_000, 10, 10)) == 0
    assert any(isinstance(obj, _Node) for obj in gc.get_objects())


def test_past_the_first_threshold_the_cycle_is_freed(disabled: None) -> None:
    node = _Node()
    del node
    assert collect_due((0, 10_000, 10_000)) >= 1
    assert not any(isinstance(obj, _Node) for obj in gc.get_objects())
