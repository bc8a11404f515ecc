"""The typeface of the whole app: the bundled DejaVu Sans, loaded into Qt once at start-up.

On its own, beside the slide renderer: the main window loads the fonts before its first paint
and must not wait for the renderer's imports (PDF, SVG) to do it.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFontDatabase

from hexikit.base.resources import asset, mono_font_file


@cache
def register_slide_fonts() -> bool:
    """Load the bundled DejaVu Sans into Qt (GUI thread, once) so slides look the same on
    every machine, whether or not the system has the font. True when it was loaded."""
    loaded = False
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        path = asset("fonts", name)
        if path.is_file() and QFontDatabase.addApplicationFont(str(path)) >= 0:
            loaded = True
    # Code is drawn in DejaVu Sans Mono, as in the handout (the system's, when it has it).
    mono = mono_font_file()
    if mono is not None:
        QFontDatabase.addApplicationFont(str(mono))
    return loaded
