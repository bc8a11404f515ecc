"""Keys that work on every page, and keys that reach the projector.

The laptop's window holds the application-wide keys (Qt's ApplicationShortcut context, so
they work whichever page or window has the keyboard): Shift+F5 brings the slides back where
the talk left off (the stage's `back_to_slides`) and shows the presenter view; the session's
F6 / Ctrl+Right and Shift+F6 / Ctrl+Left (added by the Session page through `app_wide_action`).
Keys that reach the audience window are offered to the presenter and then forwarded to the
laptop's window (`AudienceWindow.set_key_target`).

Inside a text field Ctrl+Right / Ctrl+Left keep moving by word (the field takes them first);
F6 and Shift+F6 work there too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from hexikit.ui.context import AppContext

BACK_TO_SLIDES_KEY = QKeySequence("Shift+F5")


def app_wide_action(
    window: QWidget,
    keys: Sequence[QKeySequence],
    slot: Callable[[], object],
    text: str,
    name: str,
) -> QAction:
    """An action on `window` whose keys work on every page and while any Hexikit window
    (the projector too) has the keyboard."""
    action = QAction(text, window)
    action.setObjectName(name)
    action.setShortcuts(list(keys))
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)
    return action


def install_stage_keys(window: QWidget, context: AppContext) -> QAction:
    """Shift+F5 on every page (its action returned, for the View menu), and keys from the
    projector forwarded to `window`."""
    audience = context.audience
    audience.set_key_target(lambda: window)

    def back_to_slides() -> None:
        audience.back_to_slides()
        show_page = getattr(window, "show_page", None)
        if callable(show_page) and audience.shows_talk():
            try:
                show_page("PresentPage")
            except ValueError:  # no Present page in this window
                return

    return app_wide_action(
        window,
        [BACK_TO_SLIDES_KEY],
        back_to_slides,
        window.tr("Slides back on the projector, where the talk left off"),
        "backToSlidesAction",
    )
