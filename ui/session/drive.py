"""Session mode drives both screens: each segment brings the laptop to the tool it needs, and
the Session page says what the room sees now.

| segment                      | laptop                              | projector            |
|------------------------------|-------------------------------------|----------------------|
| pitch (slides)               | Present: presenter view with notes  | the slides           |
| 1-2-4-All on offers/requests | Timer: its keys (Space, +, →…)      | the timer            |
| capture                      | Capture: the cursor in the form     | the capture timer    |
| matches                      | Session ▸ Matches: the suggestions  | the match board      |
| feedback                     | Session ▸ Feedback: "What worked"   | the feedback prompts |
| after the last segment       | Session: the summary                | the closing scene    |

The run sheet says what the projector shows (`Segment.screen`); the laptop follows the
segment's kind, and otherwise its screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from hexikit.base.durations import Rounding, format_countdown, format_duration
from hexikit.session.runsheet import Screen, Segment, SegmentKind
from hexikit.ui.stage import AudienceWindow, Scene, scene_label


class PageHost(Protocol):
    """The laptop's window as the session sees it (`MainWindow`)."""

    def show_page(self, class_name: str) -> None: ...

    def page(self, class_name: str) -> QWidget: ...


#: Where focus goes on the Session page itself.
MATCHES = "matches"
FEEDBACK = "feedback"
SUMMARY = "summary"


@dataclass(frozen=True)
class LaptopTool:
    """The page the laptop shows for a segment, and (on the Session page) which part."""

    page: str
    part: str = ""


def laptop_tool(segment: Segment | None) -> LaptopTool:
    """What the facilitator needs in front of them during `segment` (None: the session is
    over, or not started)."""
    if segment is None:
        return LaptopTool("SessionPage", SUMMARY)
    if segment.kind is SegmentKind.CAPTURE:
        return LaptopTool("CapturePage")
    if segment.kind in (SegmentKind.OFFERS, SegmentKind.REQUESTS) or segment.screen is Screen.TIMER:
        return LaptopTool("TimerPage")
    if segment.kind is SegmentKind.MATCHES or segment.screen is Screen.MATCHES:
        return LaptopTool("SessionPage", MATCHES)
    if segment.kind is SegmentKind.FEEDBACK or segment.screen is Screen.FEEDBACK:
        return LaptopTool("SessionPage", FEEDBACK)
    if segment.screen is Screen.SLIDES:
        return LaptopTool("PresentPage")
    return LaptopTool("SessionPage", SUMMARY)


def page_host(widget: QWidget) -> PageHost | None:
    """The window that switches pages, if `widget` is inside one."""
    window = widget.window()
    if callable(getattr(window, "show_page", None)) and callable(getattr(window, "page", None)):
        return window  # type: ignore[return-value]
    return None


def focus_widget_for(page: QWidget) -> QWidget:
    """The widget that should have the keyboard when `page` is brought up for a segment."""
    home = getattr(page, "keyboard_home", None)
    if callable(home):  # Capture: straight into the form
        target = home()
        if isinstance(target, QWidget):
            return target
    return page


def bring_laptop(host: PageHost | None, session_page: Any, tool: LaptopTool) -> QWidget | None:
    """Show the tool's page and give its widget the keyboard; returns that widget."""
    target: QWidget | None
    if tool.page == "SessionPage":
        if host is not None:
            host.show_page("SessionPage")
        if tool.part == MATCHES:
            session_page.tabs.setCurrentWidget(session_page.match_board)
            target = session_page.match_board.table
        elif tool.part == FEEDBACK:
            session_page.tabs.setCurrentWidget(session_page.feedback_panel)
            target = session_page.feedback_panel.worked
        else:
            target = session_page.next_button
    else:
        if host is None:
            return None
        try:
            page = host.page(tool.page)
        except ValueError:  # this window has no such page: stay where we are
            return None
        host.show_page(tool.page)
        target = focus_widget_for(page)
    window = target.window()
    if not window.isActiveWindow():
        window.activateWindow()
    target.setFocus()
    return target


def room_text(audience: AudienceWindow, timer_status: Any | None) -> str:
    """What the room sees now, for the Session page ("Room sees: Pairs, 1:20 left (2 of 4)")."""
    if not audience.isVisible():
        return QCoreApplication.translate(
            "SessionPage", "The projector is not showing anything yet."
        )
    scene = audience.current_scene
    if scene == Scene.TIMER and timer_status is not None and timer_status.phase is not None:
        remaining = float(timer_status.remaining)
        left = (
            QCoreApplication.translate("SessionPage", "{time} left").replace(
                "{time}", format_countdown(remaining)
            )
            if remaining >= 0
            else QCoreApplication.translate("SessionPage", "{time} over").replace(
                "{time}", format_duration(-remaining, Rounding.DOWN)
            )
        )
        state = str(timer_status.state)
        waiting = {
            "idle": QCoreApplication.translate("SessionPage", " (not started)"),
            "paused": QCoreApplication.translate("SessionPage", " (paused)"),
            "done": QCoreApplication.translate("SessionPage", " (done)"),
        }
        return (
            QCoreApplication.translate(
                "SessionPage", "Room sees the timer: {step}, {left} (step {n} of {count}){state}"
            )
            .replace("{step}", timer_status.phase.name)
            .replace("{left}", left)
            .replace("{n}", str(timer_status.phase_index + 1))
            .replace("{count}", str(timer_status.phase_count))
            .replace("{state}", waiting.get(state, ""))
        )
    widget: Any = audience.scene(scene) if audience.has_scene(scene) else None
    if scene == Scene.SLIDES and callable(getattr(widget, "current_slide", None)):
        count = getattr(getattr(widget, "presentation", None), "count", 0)
        return (
            QCoreApplication.translate("SessionPage", "Room sees slide {n} of {count}")
            .replace("{n}", str(widget.current_slide()))
            .replace("{count}", str(count))
        )
    text = getattr(widget, "text", None)
    if scene in (Scene.CLOSING, Scene.SESSION_TITLE) and callable(text):
        return QCoreApplication.translate("SessionPage", "Room sees: {text}").replace(
            "{text}", str(text()).split("\n")[0]
        )
    return QCoreApplication.translate("SessionPage", "Room sees {scene}").replace(
        "{scene}", scene_label(scene)
    )
