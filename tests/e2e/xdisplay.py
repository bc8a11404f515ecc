"""A real X display with two monitors for end-to-end tests: a laptop and a projector.

Xorg with the dummy video driver draws one 3840×1080 virtual screen, which RandR splits into
two monitors side by side: the laptop's (left, primary) and PROJECTOR (right). Qt's xcb
platform then sees two `QScreen`s, as on a real laptop with a projector plugged in. Openbox,
with its stock configuration, gives a newly mapped window the keyboard as a user's desktop
does. Keys come from `xdotool`, screenshots from ImageMagick's `import`.

`start_display()` starts both (Xorg takes the first free display number and says so on
`-displayfd`; openbox is up once `xprop -spy` shows its check window) and returns a `Display`;
`Display.stop()` ends the processes it started (and only those). `missing_tools()` names what
is not installed, for a clear skip.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

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


def _read_line(
    stream: IO[bytes], timeout: float, what: str, process: subprocess.Popen[bytes]
) -> str:
    """What another process writes to `stream`, up to the end of a line (one or more lines),
    waiting on the pipe itself (select), not polling; fails after `timeout` s, or when the
    process ends first."""
    deadline = time.monotonic() + timeout
    line = b""
    while not line.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise RuntimeError(f"timed out waiting for {what}")
        ready, _, _ = select.select([stream], [], [], remaining)
        if not ready:
            continue
        chunk = os.read(stream.fileno(), 4096)
        if not chunk:  # the writer closed its end: it ended
            raise RuntimeError(f"{what}: the process ended (exit {process.wait(10)})")
        line += chunk
    return line.decode(errors="replace")


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


def _start_xorg(folder: Path) -> tuple[subprocess.Popen[bytes], int]:
    """Xorg on the first free display number; returns once it accepts clients. Xorg itself
    writes the number it took to `-displayfd` when it is ready (no polling for its socket,
    and no race with another server for a number)."""
    config = folder / "xorg.conf"
    config.write_text(XORG_CONFIG, encoding="utf-8")
    read_end, write_end = os.pipe()
    command = ["Xorg", "-displayfd", str(write_end), "-config", str(config)]
    command += ["-configdir", str(folder / "none"), "-noreset", "-nolisten", "tcp"]
    command += ["-logfile", str(folder / "Xorg.log"), "-quiet"]
    xorg = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=(folder / "Xorg.stderr").open("wb"),
        pass_fds=(write_end,),
    )
    os.close(write_end)
    with os.fdopen(read_end, "rb", buffering=0) as ready:
        try:
            number = int(_read_line(ready, 30, "Xorg", xorg).strip())
        except (RuntimeError, ValueError):
            xorg.kill()
            xorg.wait(10)
            raise RuntimeError(f"Xorg would not start; see {folder}") from None
    return xorg, number


def start_display(folder: Path) -> Display:
    """Xorg on a free display with a laptop monitor and a PROJECTOR monitor, and openbox."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "xdg").mkdir(exist_ok=True)  # openbox's stock configuration
    (folder / "none").mkdir(exist_ok=True)  # no xorg.conf.d snippets from the system
    xorg, number = _start_xorg(folder)
    display = Display(number, folder, [xorg])
    try:
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
        # xprop -spy prints the root's properties now and again whenever one changes: openbox
        # is managing the screen once it names its check window there. (Not that property
        # alone: its atom does not exist yet, so xprop could not watch it.)
        spy = subprocess.Popen(
            ["xprop", "-root", "-spy"],
            env=display.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        try:
            assert spy.stdout is not None
            _read_line(spy.stdout, 30, "xprop", spy)  # xprop is watching
            openbox = subprocess.Popen(
                ["openbox", "--sm-disable"],
                env=display.env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=(folder / "openbox.stderr").open("wb"),
            )
            display.processes.append(openbox)
            said = ""  # all of it: a line may come in two reads
            while "_NET_SUPPORTING_WM_CHECK(WINDOW)" not in said:
                said += _read_line(spy.stdout, 30, "openbox", spy)
        finally:
            spy.kill()
            spy.wait(10)
    except BaseException:
        display.stop()
        raise
    return display


def _connected_output(display: Display) -> str:
    for line in display.run("xrandr", "--query").splitlines():
        parts = line.split()
        if len(parts) > 1 and parts[1] == "connected":
            return parts[0]
    raise RuntimeError("the dummy X server reports no connected output")
