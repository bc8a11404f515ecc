"""Cold start to real content (issue 16): what a user waits for, measured from outside.

Each variant is launched as a new process on a real X server (Xvfb, started here with
``-displayfd``). This process watches the screen the way a user does: it grabs the whole
screen every few milliseconds from the moment of launch. A variant's **content time** is the
first grab that already looks like the settled screen (the last grab, 4 s after launch: fewer
than 1 % of pixels differ, so a ticking clock or a blinking cursor does not count, but a
placeholder such as "Opening your Hexithon data…" does). Its **window time** is the first grab
that differs from the empty screen.

Variants, interleaved round by round (n rounds, medians and per-round ratios printed):

- ``bare``: a bare PySide6 window (a QLabel), the floor for any Qt app;
- ``pdfpc``: ``pdfpc`` on the built-in deck as a PDF (when installed; Debian's
  ``pdf-presenter-console``), the tool a presenter would compare us with;
- ``present``: ``hexikit present`` (the built-in deck, slide 1 and the presenter view), as
  launched again: the deck as read and slide 1 as drawn are kept from the launch before;
- ``present-first``: the same with nothing kept, as the first launch of a new or edited deck;
- ``present-pdf``: ``hexikit present deck.pdf`` (the same PDF as pdfpc), launched again;
- ``present-pdf-first``: the same with nothing kept (the PDF never presented before);
- ``present-imported``: ``hexikit present`` of the same PDF imported into the deck library
  (the deck folder), launched again; ``present-imported-first``: its first launch;
- ``capture``: ``hexikit``, the main window on a data folder whose current event has three
  entries, in two rows: ``capture form`` is the Capture form drawn and ready to type (the
  screen's `FORM_REGION` settled), ``capture+list`` the whole screen settled (the event's
  title, counts and list filled in from the store).

Run: .venv/bin/python bench/coldstart.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

WIDTH, HEIGHT = 1280, 800
SETTLE_SECONDS = 4.0
GRAB_PAUSE_SECONDS = 0.02  # the resolution of the figures: a grab every ~30 ms
SAME_FRACTION = 0.01  # a grab this close to the settled screen is the real content

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
label = QLabel("A bare PySide6 window")
label.resize(800, 500)
label.show()
app.exec()
"""


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{WIDTH}x{HEIGHT}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    return server, f":{number}"


def deck_pdf(folder: Path) -> Path:
    """The built-in deck drawn slide by slide into a PDF, with the renderer the app uses."""
    from PySide6.QtCore import QMarginsF, QSize
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    from hexikit.base.resources import builtin_deck_dir
    from hexikit.decks.loading import load_deck
    from hexikit.ui.fonts import register_slide_fonts
    from hexikit.ui.present.render import render_slide

    register_slide_fonts()
    deck = load_deck(builtin_deck_dir())
    path = folder / "hexithon.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(96)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QSize(1280, 720), "slide"), QPageLayout.Orientation.Portrait, QMarginsF()
        )
    )
    painter = QPainter(writer)
    for index, slide in enumerate(deck.slides):
        if index:
            writer.newPage()
        image = render_slide(deck, slide, QSize(1280, 720))
        painter.drawImage(writer.pageLayout().paintRectPixels(96), image)
    painter.end()
    return path


#: Where the Capture form's fields are on this screen (fractions of its width and height:
#: left, top, right, bottom), from "New offer or request" down to Mode and Hours, beside the
#: side bar and left of the list; checked on the settled screenshot (`--shots`).
FORM_REGION = (0.15, 0.37, 0.49, 0.97)
#: Where what the store answers shows: the event's title and counts, and the list. Compared on
#: their own, so a few rows of small text count (on the whole screen they are under 1 %).
DATA_REGIONS = ((0.15, 0.03, 0.49, 0.2), (0.53, 0.11, 0.97, 0.91))
GRAB_WIDTH, GRAB_HEIGHT = 320, 200


def _region(frame: bytes, region: tuple[float, float, float, float]) -> bytes:
    left, top, right, bottom = region
    x0, x1 = round(left * GRAB_WIDTH), round(right * GRAB_WIDTH)
    rows = range(round(top * GRAB_HEIGHT), round(bottom * GRAB_HEIGHT))
    return b"".join(frame[y * GRAB_WIDTH + x0 : y * GRAB_WIDTH + x1] for y in rows)


Region = tuple[float, float, float, float]
#: The screen before the first launch (one grab)
_CLEAR_SCREEN: list[bytes] = []


def _differing(a: bytes, b: bytes) -> float:
    """The fraction of pixels that differ visibly between two grabs."""
    return sum(1 for x, y in zip(a, b, strict=True) if abs(x - y) > 24) / len(a)


def grab_until_settled(
    launch: Callable[[], subprocess.Popen[bytes]],
    shot: Path | None = None,
    regions: Sequence[Region] = (),
) -> tuple[float, float, list[float]]:
    """(window, content, [region content]) seconds of one launch: a region's content time is
    when that part of the screen first looks settled; `shot` keeps the settled screen."""
    from PySide6.QtGui import QGuiApplication, QImage

    screen = QGuiApplication.primaryScreen()

    def grab() -> QImage:
        image = screen.grabWindow(0).toImage()
        # Small and grey: enough to tell a slide from a placeholder, cheap to compare.
        small = image.scaled(GRAB_WIDTH, GRAB_HEIGHT)
        return small.convertToFormat(QImage.Format.Format_Grayscale8)

    # The last launch's windows may still be on screen for a moment after it ended: a launch
    # showing the same slide would look settled at once. Start from the screen as it was
    # before the first launch.
    empty = grab()
    if not _CLEAR_SCREEN:
        _CLEAR_SCREEN.append(bytes(empty.constBits()))
    for _wait in range(200):
        if _differing(bytes(empty.constBits()), _CLEAR_SCREEN[0]) < SAME_FRACTION:
            break
        time.sleep(GRAB_PAUSE_SECONDS)
        empty = grab()
    frames: list[tuple[float, bytes]] = []
    started = time.perf_counter()
    process = launch()
    try:
        while time.perf_counter() - started < SETTLE_SECONDS:
            # A pause between grabs: grabbing flat out would take a core from the app measured
            # (this machine has two), and the app would look slower than it is.
            time.sleep(GRAB_PAUSE_SECONDS)
            image = grab()
            frames.append((time.perf_counter() - started, bytes(image.constBits())))
        if shot is not None:
            screen.grabWindow(0).save(str(shot))
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    settled = frames[-1][1]
    blank = bytes(empty.constBits())

    window = next(
        (t for t, frame in frames if _differing(frame, blank) > SAME_FRACTION), float("nan")
    )
    content = next(t for t, frame in frames if _differing(frame, settled) < SAME_FRACTION)
    in_regions = []
    for region in regions:
        part = _region(settled, region)
        in_regions.append(
            next(
                t for t, frame in frames if _differing(_region(frame, region), part) < SAME_FRACTION
            )
        )
    return window, content, in_regions


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--shots", type=Path, help="save each variant's settled screen here")
    args = parser.parse_args()
    if shutil.which("Xvfb") is None:
        raise SystemExit("bench/coldstart.py needs Xvfb (scripts/setup.sh installs it)")
    # From bytecode, as an installed Hexikit starts (the editable install writes none, and
    # PYTHONDONTWRITEBYTECODE, set on some machines, would make every launch compile again).
    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [
            sys.executable,
            "-m",
            "compileall",
            "-q",
            *(str(root / d) for d in ("hexikit", "ui", "sync")),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    server, display = start_xvfb()
    try:
        os.environ["DISPLAY"] = display
        os.environ["QT_QPA_PLATFORM"] = "xcb"
        from PySide6.QtWidgets import QApplication

        app = QApplication(sys.argv[:1])  # noqa: F841  (the grabs need a connection to the X server)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            pdf = deck_pdf(folder)
            env = {**os.environ, "HEXIKIT_DATA_DIR": str(folder / "data")}
            hexikit = [sys.executable, "-P", "-m", "hexikit"]
            # One run first so the store exists and is migrated (a user's second start).
            subprocess.run([*hexikit, "events"], env=env, check=True, capture_output=True)
            added = subprocess.run(
                [*hexikit, "event", "add", "--title", "Bench"],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            event_id = added.stdout.strip().split()[-1]
            # The facilitator's laptop mid-session: the event is the current one and the room
            # has said a few things, so the main window opens on the Capture form with its list
            # (with no current event it would open on the event chooser instead).
            for kind, title, name in (
                ("offer", "Run charts in Excel", "Llŷr"),
                ("request", "A driver diagram review", "Ann"),
                ("offer", "Facilitating a PDSA cycle", "Sam"),
            ):
                subprocess.run(
                    [
                        *hexikit,
                        "record",
                        kind,
                        "--event",
                        event_id,
                        "--title",
                        title,
                        "--name",
                        name,
                    ],
                    env=env,
                    check=True,
                    capture_output=True,
                )
            from hexikit.base.settings import Settings

            settings = Settings.load(folder / "data")
            settings.current_event_id = event_id
            settings.save(folder / "data")

            def runner(command: list[str]) -> Callable[[], subprocess.Popen[bytes]]:
                return lambda: subprocess.Popen(
                    command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )

            variants: dict[str, Callable[[], subprocess.Popen[bytes]]] = {
                "bare": runner([sys.executable, "-c", BARE]),
            }
            if shutil.which("pdfpc"):
                variants["pdfpc"] = runner(["pdfpc", "-S", str(pdf)])
            present = runner([*hexikit, "present"])

            def present_first() -> subprocess.Popen[bytes]:
                # What `hexikit present` keeps for the next launch (the read deck, slide 1's
                # frames) removed: the first launch of a new or edited deck.
                shutil.rmtree(folder / "data" / "cache", ignore_errors=True)
                return present()

            present_pdf = runner([*hexikit, "present", str(pdf)])

            def present_pdf_first() -> subprocess.Popen[bytes]:
                shutil.rmtree(folder / "data" / "cache", ignore_errors=True)
                return present_pdf()

            from hexikit.base.paths import deck_library_dir
            from hexikit.decks.library import import_deck

            imported = import_deck(pdf, deck_library_dir(folder / "data"))
            present_imported = runner([*hexikit, "present", str(imported.deck_dir)])

            def present_imported_first() -> subprocess.Popen[bytes]:
                shutil.rmtree(folder / "data" / "cache", ignore_errors=True)
                return present_imported()

            variants["present-first"] = present_first
            variants["present"] = present
            variants["present-pdf-first"] = present_pdf_first
            variants["present-pdf"] = present_pdf
            variants["present-imported-first"] = present_imported_first
            variants["present-imported"] = present_imported
            variants["capture"] = runner(hexikit)
            # Two rows for the main window: the Capture form drawn and ready to type (its
            # region settled), and the whole screen settled (the list filled from the store).
            results: dict[str, list[tuple[float, float]]] = {
                name: [] for name in variants if name != "capture"
            }
            results.update({"capture form": [], "capture+list": []})
            for _round in range(args.rounds):
                for name, launch in variants.items():
                    shot = args.shots / f"{name}.png" if args.shots else None
                    if name == "capture":
                        window, content, (form, *data) = grab_until_settled(
                            launch, shot, (FORM_REGION, *DATA_REGIONS)
                        )
                        results["capture form"].append((window, form))
                        results["capture+list"].append((window, max(content, form, *data)))
                    else:
                        window, content, _none = grab_until_settled(launch, shot)
                        results[name].append((window, content))
    finally:
        server.terminate()
        server.wait()

    def median(name: str, which: int) -> float:
        return statistics.median(r[which] for r in results[name]) * 1000

    baseline_name = "pdfpc" if "pdfpc" in results else "bare"
    print(f"cold start on Xvfb {WIDTH}x{HEIGHT}, {args.rounds} rounds interleaved, medians (ms)")
    print(
        f"{'launch':<22} {'window':>8} {'content':>8}  per-round content ratio to bare / to {baseline_name}"
    )
    for name in results:
        to_bare = [r[1] / b[1] for r, b in zip(results[name], results["bare"], strict=True)]
        to_base = [r[1] / b[1] for r, b in zip(results[name], results[baseline_name], strict=True)]
        print(
            f"{name:<22} {median(name, 0):>8.0f} {median(name, 1):>8.0f}  "
            f"{statistics.median(to_bare):.2f}x bare, {statistics.median(to_base):.2f}x {baseline_name}"
            f"  (rounds: {', '.join(f'{x:.2f}' for x in to_base)})"
        )


if __name__ == "__main__":
    main()
