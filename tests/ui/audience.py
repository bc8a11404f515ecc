"""Reading the audience window in tests."""

from __future__ import annotations

from hexikit.ui.stage import AudienceWindow, Scene


def shown_scene(audience: AudienceWindow) -> Scene:
    """`audience.current_scene`, read afresh: mypy keeps a property narrowed by an earlier
    assert even across the key presses that change the scene."""
    return audience.current_scene
