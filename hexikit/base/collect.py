"""Running Python's cycle collector by hand, on one chosen thread (the GUI app's timer in
`hexikit.ui.collector`, the tests after each test): see that module for why."""

from __future__ import annotations

import gc


def collect_due(thresholds: tuple[int, int, int] | None = None) -> int:
    """Collect the generations Python would have collected by now, on this thread, with
    automatic collection off; the number of unreachable objects found."""
    first, second, third = thresholds or gc.get_threshold()
    young, middle, old = gc.get_count()
    if young <= first:
        return 0
    generation = 0
    if middle > second:
        generation = 2 if old > third else 1
    return gc.collect(generation)


__all__ = ["collect_due"]
