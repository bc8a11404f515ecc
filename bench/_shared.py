"""What the benchmarks share: a median timer and the tests' deck maker.

The benchmarks run as scripts (``python bench/NAME.py``), so this folder is on ``sys.path``.
"""

from __future__ import annotations

import importlib.util
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType


def median_ms(action: Callable[[], object], repeats: int) -> float:
    """The median wall time of ``action`` over ``repeats`` runs, in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def test_samples() -> ModuleType:
    """The tests' deck maker (tests/core/decks/samples.py), loaded from its file: putting the
    repository root on sys.path would also shadow the installed hexikit with the source hexikit/
    (which has no ui/ or sync/)."""
    path = Path(__file__).resolve().parent.parent / "tests" / "core" / "decks" / "samples.py"
    spec = importlib.util.spec_from_file_location("hexikit_bench_samples", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
