"""The app's one timer: the controller, its projector scene on the stage, and its bells.

Here rather than in `controller` because it ties the controller to the scene, and the scene
already depends on the controller.
"""

from __future__ import annotations

from hexikit.ui.context import AppContext
from hexikit.ui.stage import Scene
from hexikit.ui.timer.bells import BellPlayer, QtBellPlayer
from hexikit.ui.timer.controller import TimerController
from hexikit.ui.timer.scene import TimerScene

_CONTROLLER_NAME = "hexikitTimerController"


def shared_timer(context: AppContext, bells: BellPlayer | None = None) -> TimerController:
    """The app's one timer controller, created on first use as a child of `context`: its
    projector scene is registered on the stage and its bells follow the settings. The Timer
    page and the session run sheet both use this. `bells` (first call only) replaces the
    QtMultimedia player, for tests."""
    found = context.findChild(TimerController, _CONTROLLER_NAME)
    if isinstance(found, TimerController):
        if bells is not None:
            found.set_bells(bells)
        return found
    settings = context.settings
    controller = TimerController(
        clock=context.clock,
        warning_seconds=settings.timer_warning_seconds,
        bells=bells or QtBellPlayer(settings.bell_volume, settings.bell_muted, parent=context),
        parent=context,
    )
    controller.setObjectName(_CONTROLLER_NAME)
    if not context.audience.has_scene(Scene.TIMER):
        context.audience.add_scene(Scene.TIMER, TimerScene())
    scene = context.audience.scene(Scene.TIMER)
    if isinstance(scene, TimerScene):
        scene.set_bilingual(settings.timer_bilingual)
        scene.attach(controller)
    controller.update()
    return controller
