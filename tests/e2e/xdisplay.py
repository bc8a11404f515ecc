"""A real X display with two monitors for end-to-end tests: a laptop and a projector.

Xorg with the dummy video driver draws one 3840×1080 virtual screen, which RandR splits into
two monitors side by side: the laptop's (left, primary) and PROJECTOR (right). Qt's xcb
platform then sees two `QScreen`s, as on a real laptop with a projector plugged in. Openbox,
with its stock configuration, gives a newly mapped window the keyboard as a user's desktop
does. Keys come from `xdotool`, screenshots from ImageMagick's `import`.

`start_display()` picks a free display number, starts both and returns a `Display`;
`Display.stop()` ends the processes it started (and only those). `missing_tools()` names what
is not installed, for a clear skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

WIDTH, HEIGHT = 1920, 1080
PROJECTOR = "PROJECTOR"
TOOLS = ("Xorg", "xrandr", "xdotool", "openbox", "import", "xprop")
DUMMY_DRIVER = Path("/usr/lib/xorg/modules/drivers/dummy_drv.so")

XORG_CONFIG = f"""\
Section "ServerFlags"
    Option "AutoAddDevices" "false"
    Option "AutoEnableDevices" "false"
    Option "DontVTSwitch" "true"
EndSection

Section "Device"
    Identifier "dummy-card"
    Driver "dummy"
    VideoRam 256000
EndSection

Section "Monitor"
    Identifier "dummy-monitor"
    HorizSync 5.0 - 1000.0
    VertRefresh 5.0 - 200.0
EndSection

Section "Screen"
    Identifier "dummy-screen"
    Device "dummy-card"
    Monitor "dummy-monitor"
    DefaultDepth 24
    SubSection "Display"
        Depth 24
        Virtual {2 * WIDTH} {HEIGHT}
    EndSubSection
EndSection
"""


def missing_tools() -> list[str]:
    """The programs (and the dummy driver) this module needs that are not installed."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not DUMMY_DRIVER.exists():
        missing.append("xserver-xorg-video-dummy")
    return missing


def _free_display(start: int = 40, stop: int = 200) -> int:
    for number in range(start, stop):
        taken = Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists()
        if not taken:
            return number
    raise RuntimeError("no free X display number")


def _wait(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise RuntimeError(f"timed out waiting for {what}")


@dataclass
class Display:
    """A running Xorg (two monitors) and window manager; `env` is what a client needs."""

    number: int
    folder: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f":{self.number}"

    @property
    def env(self) -> dict[str, str]:
        env = {**os.environ, "DISPLAY": self.name, "XDG_CONFIG_HOME": str(self.folder / "xdg")}
        env.pop("WAYLAND_DISPLAY", None)
        return env

    def run(self, *args: str, timeout: float = 20) -> str:
        """Run an X client against this display; returns its standard output."""
        done = subprocess.run(
            list(args), env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr}")
        return done.stdout

    def key(self, *keys: str) -> None:
        """Press keys as the user would (xdotool, to the window that has the keyboard)."""
        self.run("xdotool", "key", "--clearmodifiers", "--delay", "40", *keys)

    def type(self, text: str) -> None:
        self.run("xdotool", "type", "--clearmodifiers", "--delay", "30", text, timeout=60)

    def active_window_name(self) -> str:
        """The title of the window the window manager has given the keyboard ("" if none)."""
        try:
            return self.run("xdotool", "getactivewindow", "getwindowname").strip()
        except RuntimeError:
            return ""

    def screenshot(self, path: Path) -> Path:
        """The whole 3840×1080 root window (laptop left, projector right) as a PNG."""
        self.run("import", "-window", "root", str(path), timeout=30)
        return path

    def stop(self) -> None:
        """End the window manager and the X server (only the processes started here)."""
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
        self.processes.clear()


def _start_xorg(folder: Path, number: int) -> subprocess.Popen[bytes]:
    config = folder / "xorg.conf"
    config.write_text(XORG_CONFIG, encoding="utf-8")
    log = folder / f"Xorg.{number}.log"
    command = ["Xorg", f":{number}", "-config", str(config), "-configdir", str(folder / "none")]
    command += ["-noreset", "-nolisten", "tcp", "-logfile", str(log), "-quiet"]
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=(folder / f"Xorg.{number}.stderr").open("wb"),
    )


def start_display(folder: Path) -> Display:
    """Xorg on a free display with a laptop monitor and a PROJECTOR monitor, and openbox."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "xdg").mkdir(exist_ok=True)  # openbox's stock configuration
    (folder / "none").mkdir(exist_ok=True)  # no xorg.conf.d snippets from the system
    for _attempt in range(5):
        number = _free_display()
        display = Display(number, folder)
        xorg = _start_xorg(folder, number)
        display.processes.append(xorg)
        socket = Path(f"/tmp/.X11-unix/X{number}")
        try:
            _wait(partial(_up_or_gone, socket, xorg), 30, "Xorg")
        except RuntimeError:
            display.stop()
            raise
        if xorg.poll() is None:
            break
        display.processes.clear()  # another server took the number first: try the next
    else:
        raise RuntimeError(f"Xorg would not start; see {folder}")
    try:
        _wait(lambda: _answers(display), 30, "Xorg to answer")
        output = _connected_output(display)
        display.run(
            "xrandr", "--fb", f"{2 * WIDTH}x{HEIGHT}",
            "--output", output, "--mode", f"{WIDTH}x{HEIGHT}", "--pos", "0x0", "--primary",
        )  # fmt: skip
        display.run(
            "xrandr", "--setmonitor", PROJECTOR, f"{WIDTH}/508x{HEIGHT}/286+{WIDTH}+0", "none"
        )
        monitors = display.run("xrandr", "--listmonitors")
        if "Monitors: 2" not in monitors:
            raise RuntimeError(f"expected two monitors, xrandr says: {monitors}")
        openbox = subprocess.Popen(
            ["openbox", "--sm-disable"],
            env=display.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=(folder / "openbox.stderr").open("wb"),
        )
        display.processes.append(openbox)
        _wait(lambda: _has_window_manager(display), 30, "openbox")
    except BaseException:
        display.stop()
        raise
    return display


def _up_or_gone(socket: Path, xorg: subprocess.Popen[bytes]) -> bool:
    return socket.exists() or xorg.poll() is not None


def _answers(display: Display) -> bool:
    try:
        display.run("xrandr", "--query", timeout=5)
    except (RuntimeError, subprocess.TimeoutExpired):
        return False
    return True


def _connected_output(display: Display) -> str:
    for line in display.run("xrandr", "--query").splitlines():
        parts = line.split()
        if len(parts) > 1 and parts[1] == "connected":
            return parts[0]
    raise RuntimeError("the dummy X server reports no connected output")


def _has_window_manager(display: Display) -> bool:
    try:
        root = display.run("xprop", "-root", "_NET_SUPPORTING_WM_CHECK", timeout=5)
    except (RuntimeError, subprocess.TimeoutExpired):
        return False
    return "window id" in root
