"""Imported first by the app (`hexikit.ui.app`): PySide6, set up to start quickly.

Not in the package's `__init__`: the command line registers the app's commands without
loading Qt.
"""

from __future__ import annotations

import sys


def _skip_pyside_feature_scan() -> None:
    """PySide6 reads the source of every module imported after it, to see whether the module
    says "PySide6" and so may select a `__feature__` (snake_case, true_property). At start-up
    that is ~150 modules and ~20 ms before the first paint. Hexikit selects no feature
    anywhere, so every module is taken as using PySide with none selected: what the scan
    would conclude for the modules that do use it, and the same behaviour for those that do
    not. If a PySide6 release drops this internal, nothing is changed."""
    import PySide6  # noqa: F401  (loads the feature machinery)

    feature = sys.modules.get("PySide6.support.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_pyside  # type: ignore[attr-defined]


def _uses_pyside(_module: object) -> bool:
    return True


_skip_pyside_feature_scan()
