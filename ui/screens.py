"""Which screen shows the audience window, and reacting when a projector comes and goes.

The decision is a pure function over plain screen descriptions (`choose_placement`), so it
is tested with fake screens; `ScreenPlacer` applies it to the real windows and re-applies it
at once when Qt reports a screen added or removed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPaintEvent, QScreen
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ScreenInfo:
    """What the placement logic needs to know about one screen."""

    name: str
    primary: bool = False
    geometry: tuple[int, int, int, int] = (0, 0, 1920, 1080)


@dataclass(frozen=True)
class Placement:
    """Where the windows go.

    With two or more screens the audience window is full screen on `audience` and the
    presenter view on `presenter`; with one screen both are normal windows on it.
    """

    audience: str | None
    presenter: str | None
    audience_fullscreen: bool


def setup_key(screens: Sequence[ScreenInfo]) -> str:
    """The key a choice is remembered under: the names of the screens attached together."""
    return "|".join(sorted(screen.name for screen in screens))


def choose_placement(
    screens: Sequence[ScreenInfo], remembered: dict[str, str] | None = None
) -> Placement:
    """Decide where the audience and presenter windows go.

    `remembered` maps a `setup_key` to the name of the screen the user chose for the
    audience (by swapping) when exactly those screens were attached.
    """
    if not screens:
        return Placement(None, None, False)
    primary = next((s for s in screens if s.primary), screens[0])
    if len(screens) == 1:
        return Placement(primary.name, primary.name, False)
    chosen = (remembered or {}).get(setup_key(screens))
    names = [s.name for s in screens]
    if chosen in names:
        audience = next(s for s in screens if s.name == chosen)
    else:
        # The projector is the screen that is not primary; among several, the largest.
        others = [s for s in screens if s is not primary]
        audience = max(others, key=lambda s: s.geometry[2] * s.geometry[3])
    presenter = next(s for s in screens if s is not primary) if audience is primary else primary
    return Placement(audience.name, presenter.name, True)


def swapped(screens: Sequence[ScreenInfo], current: Placement) -> str | None:
    """The screen the audience window should move to when the user presses swap."""
    if len(screens) < 2 or current.audience is None:
        return None
    names = [s.name for s in screens]
    if current.presenter in names and current.presenter != current.audience:
        return current.presenter
    others = [name for name in names if name != current.audience]
    return others[0] if others else None


def describe(screen: QScreen) -> ScreenInfo:
    geometry = screen.geometry()
    primary = QGuiApplication.primaryScreen()
    name = screen.name() or f"{geometry.width()}x{geometry.height()}+{geometry.x()}+{geometry.y()}"
    return ScreenInfo(
        name=name,
        primary=screen is primary,
        geometry=(geometry.x(), geometry.y(), geometry.width(), geometry.height()),
    )


def current_screens() -> list[QScreen]:
    return list(QGuiApplication.screens())


ScreenSource = Callable[[], list[tuple[ScreenInfo, QScreen]]]


def real_screens() -> list[tuple[ScreenInfo, QScreen]]:
    """Every attached screen with its description (the default screen source).

    Names are made unique ("screen", "screen (2)"): some X setups name every screen alike.
    """
    attached: list[tuple[ScreenInfo, QScreen]] = []
    seen: dict[str, int] = {}
    for screen in current_screens():
        info = describe(screen)
        seen[info.name] = seen.get(info.name, 0) + 1
        if seen[info.name] > 1:
            info = ScreenInfo(f"{info.name} ({seen[info.name]})", info.primary, info.geometry)
        attached.append((info, screen))
    return attached


class ScreenPlacer(QObject):
    """Puts the audience and presenter windows on their screens and keeps them there.

    Signals:
        placementChanged(): the windows were (re)placed, e.g. after a projector was plugged in.
    """

    placementChanged = Signal()

    def __init__(
        self,
        audience: QWidget,
        presenter: Callable[[], QWidget | None],
        remembered: dict[str, str],
        save: Callable[[], None],
        parent: QObject | None = None,
        source: ScreenSource = real_screens,
    ) -> None:
        super().__init__(parent)
        self._source = source
        self._audience = audience
        self._presenter = presenter
        self._remembered = remembered
        self._save = save
        self._active = False
        self.placement = Placement(None, None, False)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.screenAdded.connect(self._screens_changed)
            app.screenRemoved.connect(self._screens_changed)
            app.primaryScreenChanged.connect(self._screens_changed)

    @property
    def active(self) -> bool:
        """True while presenting: the audience window is shown on its screen."""
        return self._active

    def infos(self) -> list[ScreenInfo]:
        return [info for info, _screen in self._source()]

    def planned_placement(self) -> Placement:
        """Where the windows go with the screens attached now (shown or not yet)."""
        return choose_placement(self.infos(), self._remembered)

    def show_audience(self) -> None:
        """Show the audience window where it belongs (full screen on the projector)."""
        self._active = True
        self.apply()

    def expected_audience_size(self) -> QSize | None:
        """The device-pixel size the audience window will have once shown (None: no screen),
        so slides can be rendered for it before the show starts."""
        attached = self._source()
        placement = choose_placement([info for info, _screen in attached], self._remembered)
        screen = next((s for info, s in attached if info.name == placement.audience), None)
        if screen is None:
            return None
        ratio = screen.devicePixelRatio()
        if placement.audience_fullscreen:
            size = screen.geometry().size()
        else:
            presenter = self._presenter()
            frame = presenter.window().frameGeometry() if presenter is not None else None
            size = single_screen_geometry(screen.availableGeometry(), frame).size()
        return QSize(round(size.width() * ratio), round(size.height() * ratio))

    def hide_audience(self) -> None:
        self._active = False
        self._audience.hide()

    def swap(self) -> None:
        """Move the audience window to the other screen and remember that choice."""
        infos = self.infos()
        target = swapped(infos, choose_placement(infos, self._remembered))
        if target is None:
            return
        self._remembered[setup_key(infos)] = target
        self._save()
        self.apply()

    def _screens_changed(self, *_args: object) -> None:
        # A screen that has gone must never keep the audience window: place again at once,
        # and once more after Qt has finished moving windows off the old screen.
        self.apply()
        QTimer.singleShot(0, self.apply)

    def apply(self) -> None:
        attached = self._source()
        infos = [info for info, _screen in attached]
        self.placement = choose_placement(infos, self._remembered)
        by_name = {info.name: screen for info, screen in attached}
        audience_screen = by_name.get(self.placement.audience or "")
        presenter_screen = by_name.get(self.placement.presenter or "")
        presenter = self._presenter()
        if presenter is not None and presenter_screen is not None:
            window = presenter.window()
            if window.screen() is not presenter_screen and self.placement.audience_fullscreen:
                was_maximised = window.isMaximized()
                window.showNormal()
                window.setScreen(presenter_screen)
                window.move(presenter_screen.availableGeometry().topLeft())
                if was_maximised:
                    window.showMaximized()
        if not self._active:
            self.placementChanged.emit()
            return
        audience = self._audience
        if audience_screen is None:
            audience.hide()
        elif self.placement.audience_fullscreen:
            if audience.isFullScreen() and audience.screen() is not audience_screen:
                audience.showNormal()
            audience.setScreen(audience_screen)
            audience.setGeometry(audience_screen.geometry())
            audience.showFullScreen()
        else:
            # One screen: a normal window that a video call can share.
            if audience.isFullScreen():
                audience.showNormal()
            audience.setScreen(audience_screen)
            area = audience_screen.availableGeometry()
            audience.setGeometry(
                single_screen_geometry(
                    area, presenter.window().frameGeometry() if presenter is not None else None
                )
            )
            audience.showNormal()
            audience.raise_()
        self.placementChanged.emit()


def single_screen_geometry(area: QRect, presenter: QRect | None) -> QRect:
    """Where the audience window goes when there is one screen: beside the presenter view
    when there is room (at least 480 px), otherwise in the top right corner, 16:9."""
    margin = 20
    room = area.right() - presenter.right() - margin if presenter is not None else 0
    if presenter is not None and room >= 480:
        width = min(960, room - margin)
        left = presenter.right() + margin
    else:
        width = min(960, area.width() // 2)
        left = area.right() - width - margin
    return QRect(left, area.top() + 40, width, round(width * 9 / 16))


class IdentifyOverlay(QWidget):
    """A big number and the screen's name, shown full screen for a few seconds."""

    def __init__(self, number: int, name: str, screen: QScreen) -> None:
        super().__init__(
            None,
            Qt.WindowType.Window
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
            | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setObjectName("identifyOverlay")
        self.number = number
        self.screen_name = name
        self.setScreen(screen)
        area = screen.geometry()
        size = min(area.width(), area.height()) // 2
        self.setGeometry(
            area.x() + (area.width() - size) // 2,
            area.y() + (area.height() - size) // 2,
            size,
            size,
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#00545c"))
        painter.setPen(QColor("#ffffff"))
        font = QFont("DejaVu Sans")
        font.setBold(True)
        font.setPixelSize(max(10, self.height() // 2))
        painter.setFont(font)
        painter.drawText(
            self.rect().adjusted(0, 0, 0, -self.height() // 5),
            Qt.AlignmentFlag.AlignCenter,
            str(self.number),
        )
        font.setPixelSize(max(8, self.height() // 14))
        font.setBold(False)
        painter.setFont(font)
        painter.drawText(
            self.rect().adjusted(10, self.height() * 3 // 5, -10, -10),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            self.screen_name,
        )
        painter.end()


def screen_role(info: ScreenInfo, placement: Placement) -> str:
    """What a screen is for in the talk, its name and its size, for the identify overlay:
    "Laptop: presenter view with the notes" / "Projector: what the audience sees"."""
    if info.name == placement.audience and info.name == placement.presenter:
        role = QCoreApplication.translate(
            "IdentifyOverlay", "Laptop and projector: one screen for the notes and the slides"
        )
    elif info.name == placement.presenter:
        role = QCoreApplication.translate(
            "IdentifyOverlay", "Laptop: presenter view with the notes"
        )
    elif info.name == placement.audience:
        role = QCoreApplication.translate("IdentifyOverlay", "Projector: what the audience sees")
    else:
        role = QCoreApplication.translate("IdentifyOverlay", "Not used for the talk")
    width, height = info.geometry[2], info.geometry[3]
    return f"{role}\n{info.name} · {width}×{height}"


def identify_screens(
    duration_ms: int = 3000, placement: Placement | None = None
) -> list[IdentifyOverlay]:
    """Show a big number on each screen for `duration_ms`, with what the screen is for in the
    talk (laptop or projector, as `placement` says; by default as it would be chosen now),
    its name and size; returns the overlays shown."""
    attached = real_screens()
    if placement is None:
        placement = choose_placement([info for info, _screen in attached])
    overlays: list[IdentifyOverlay] = []
    for number, (info, screen) in enumerate(attached, start=1):
        overlay = IdentifyOverlay(number, screen_role(info, placement), screen)
        overlay.show()
        QTimer.singleShot(duration_ms, overlay.close)
        overlays.append(overlay)
    return overlays
