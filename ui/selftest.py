"""`hexikit selftest`: prove this installation (source, wheel or bundle) works end to end.

In a temporary data folder: open and migrate the store, render the first slide offscreen, make
a one-page card PDF and check its QR code, run the timer engine through a simulated plan, start
the reference server on 127.0.0.1 and sync one record to it, and check the keyring backends
are there. One line per check, printed as each one ends; exit 0 only if all pass. Lives in the
UI package because it exercises Qt, the core and sync together.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hexikit.base.i18n import _, ngettext


@dataclass
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float


def check_store(folder: Path) -> str:
    from hexikit.records.domain import ActivityInput, EventInput, Kind
    from hexikit.store import Store

    store = Store.open(folder / "data")
    try:
        event = store.create_event(EventInput(title="Selftest Hexithon"))
        store.create_activity(event.id, ActivityInput(kind=Kind.OFFER, title="Run charts"))
        count = len(store.list_activities(event.id))
        if count != 1:
            raise AssertionError(f"expected 1 activity, found {count}")
    finally:
        store.close()
    return _("store opened, migrated, wrote and read one activity")


def _gui_application() -> Any:
    """The running Qt application, or a new offscreen QGuiApplication for painting text."""
    from PySide6.QtGui import QFontDatabase, QGuiApplication

    from hexikit.base.resources import asset

    app = QGuiApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication([sys.argv[0]])
        # The bundled fonts, so rendering never depends on what the laptop has installed.
        for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
            font = asset("fonts", name)
            if font.is_file():
                QFontDatabase.addApplicationFont(str(font))
    return app


def _sampled_colours(image: Any, step: int = 4) -> Counter[int]:
    """How often each colour occurs on a grid of every `step`-th pixel."""
    colours: Counter[int] = Counter()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours[image.pixel(x, y)] += 1
    return colours


def check_slide(folder: Path) -> str:
    from PySide6.QtCore import QSize

    from hexikit.base.resources import builtin_deck_dir
    from hexikit.decks.loading import load_deck
    from hexikit.ui.present.render import render_slide

    _gui_application()
    deck = load_deck(builtin_deck_dir())
    if deck.errors or not deck.slides:
        problems = "; ".join(problem.message for problem in deck.errors) or "no slides"
        raise AssertionError(f"the built-in deck did not load: {problems}")
    image = render_slide(deck, deck.slides[0], QSize(640, 360))
    colours = _sampled_colours(image)
    samples = sum(colours.values())
    _background, background_count = colours.most_common(1)[0]
    drawn = samples - background_count
    # One flat colour (or next to it) means neither the text nor the picture was drawn.
    if len(colours) < 3 or drawn < samples // 100:
        raise AssertionError(
            f"the first slide looks blank ({len(colours)} colours, {drawn} of {samples} "
            "samples drawn)"
        )
    return _("rendered slide 1 of {count} of “{title}” offscreen ({percent} % drawn)").format(
        count=len(deck.slides), title=deck.title, percent=round(100 * drawn / samples)
    )


def check_cards(folder: Path) -> str:
    from pypdf import PdfReader

    from hexikit.base.settings import DEFAULT_SIGNUP_URL
    from hexikit.cards.jobs import CardsJob, make_cards
    from hexikit.cards.model import CardKind, claim_url
    from hexikit.cards.templates import DEFAULT_TEMPLATE, find_template
    from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
    from hexikit.store import Store

    store = Store.open(folder / "cards-data")
    try:
        event = store.create_event(EventInput(title="Selftest Hexithon"))
        person = store.create_participant(event.id, ParticipantInput(name="Ada Selftest"))
        store.create_activity(
            event.id, ActivityInput(kind=Kind.OFFER, title="Run charts"), person.id
        )
        job = CardsJob(kind=CardKind.PERSONAL, template=find_template(DEFAULT_TEMPLATE))
        result = make_cards(store, job, DEFAULT_SIGNUP_URL, event.id)
    finally:
        store.close()
    if result.pages != 1 or result.cards != 1:
        raise AssertionError(f"expected 1 card on 1 page, got {result.cards} on {result.pages}")
    pdf = folder / "cards.pdf"
    result.write(pdf)
    reader = PdfReader(str(pdf))
    if len(reader.pages) != 1:
        raise AssertionError(f"the PDF has {len(reader.pages)} pages, expected 1")
    text = reader.pages[0].extract_text() or ""
    if "Ada Selftest" not in text:
        raise AssertionError("the participant's name is not on the card")
    wanted = claim_url(DEFAULT_SIGNUP_URL, person.claim_code)
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None or shutil.which("zbarimg") is None:
        missing = "pdftoppm" if pdftoppm is None else "zbarimg"
        return _("one-page card PDF parses; QR not checked: {tool} not installed").format(
            tool=missing
        )
    subprocess.run(
        [pdftoppm, "-r", "200", "-png", "-singlefile", str(pdf), str(folder / "cards")],
        check=True,
        capture_output=True,
        timeout=60,
    )
    payloads = zbar_decode(folder / "cards.png")
    if wanted not in payloads:
        raise AssertionError(f"the QR code does not decode to {wanted} (found {payloads})")
    return _("one-page card PDF parses and its QR code decodes to the claim URL")


def check_timer(folder: Path) -> str:
    from hexikit.base.clock import FakeClock
    from hexikit.timer.engine import EventKind, TimerEngine, TimerState
    from hexikit.timer.plans import builtin_plans, find_plan

    plan = find_plan(builtin_plans(), "hexithon")
    clock = FakeClock()
    began = clock.monotonic()
    engine = TimerEngine(plan, clock, auto_advance=True)
    engine.start()
    events = engine.update()
    while engine.state is not TimerState.DONE:
        due = engine.next_due()
        if due is None:
            raise AssertionError(f"the timer stopped in phase {engine.index + 1}")
        clock.advance(max(0.0, due - clock.monotonic()))
        events += engine.update()
    count = len(plan.phases)
    for kind in (EventKind.PHASE_START, EventKind.PHASE_END):
        seen = [event.phase_index for event in events if event.kind is kind]
        if seen != list(range(count)):
            raise AssertionError(f"{kind} events for phases {seen}, expected 0..{count - 1}")
    done = [event for event in events if event.kind is EventKind.DONE]
    if len(done) != 1 or abs(done[0].at - began - plan.total_seconds) > 1e-6:
        raise AssertionError("the plan did not end exactly at its total length")
    return _("ran “{plan}”: {count} phases started and ended on time").format(
        plan=plan.name, count=count
    )


def check_sync(folder: Path) -> str:
    from waitress import wasyncore

    from hexikit.records.domain import EventInput
    from hexikit.store import Store
    from hexikit.sync.client.run import SyncClient
    from hexikit.sync.serve import make_server, server_url
    from hexikit.sync.server.admin import add_device, dump
    from hexikit.sync.server.schema import open_engine

    db_url = f"sqlite:///{folder / 'server.db'}"
    server = make_server(db_url, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, name="selftest-server", daemon=True)
    thread.start()
    engine = open_engine(db_url)
    try:
        _device, token = add_device(engine, "selftest")
        store = Store.open(folder / "sync-data")
        try:
            event = store.create_event(EventInput(title="Selftest sync"))
            client = SyncClient(
                store, server_url(server), token, max_attempts=2, sleep=lambda _s: None
            )
            try:
                report = client.sync()
            finally:
                client.close()
        finally:
            store.close()
        if report.status != "up_to_date":
            raise AssertionError(f"sync ended {report.status}: {report.message}")
        held = {(record["type"], record["id"]) for record in dump(engine)}
        if ("event", event.id) not in held:
            raise AssertionError("the server does not hold the synced event")
    finally:
        engine.dispose()
        # Waitress has no stop(): close its sockets from inside its own loop, which then ends.
        server.task_dispatcher.shutdown()
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        thread.join(timeout=10)
    return _("reference server on 127.0.0.1:{port} received and holds one event").format(
        port=server.effective_port
    )


def check_room(folder: Path) -> str:
    """The room web app: a phone's post over HTTP on 127.0.0.1 is stored (waitress, psutil)."""
    import json
    import urllib.request

    from hexikit.records.domain import EventInput
    from hexikit.room.network import laptop_addresses
    from hexikit.room.server import RoomServer
    from hexikit.store import Store

    addresses = laptop_addresses()  # psutil is in the installation
    store = Store.open(folder / "room-data")
    try:
        event = store.create_event(EventInput(title="Selftest room"))
        room = RoomServer(store, event.id, threads=2)
        url = room.start("127.0.0.1", 0)
        try:
            body = {"kind": "offer", "title": "Selftest offer", "name": "Selftest"}
            request = urllib.request.Request(
                f"{url}/entries",
                data=json.dumps(body).encode("utf-8"),
                headers={"Content-Type": "application/json"},
                method="POST",
            )
            with urllib.request.urlopen(request, timeout=10) as answer:
                if answer.status != 201:
                    raise AssertionError(f"the room answered {answer.status}")
        finally:
            room.stop()
        if [a.title for a in store.list_activities(event.id)] != ["Selftest offer"]:
            raise AssertionError("the room did not store the phone's entry")
    finally:
        store.close()
    return ngettext(
        "room on 127.0.0.1 stored a phone's entry; {count} network address found",
        "room on 127.0.0.1 stored a phone's entry; {count} network addresses found",
        len(addresses),
    ).format(count=len(addresses))


#: The Qt modules Hexikit uses (several are imported inside functions, so importing Hexikit's
#: modules alone would not notice one missing from a bundle).
QT_MODULES = (
    "QtCore",
    "QtGui",
    "QtWidgets",
    "QtSvg",
    "QtPdf",
    "QtMultimedia",
    "QtPrintSupport",
    "QtNetwork",
)
#: Qt plugin folders that must hold a matching file: bells, SVG pictures and icons, printing,
#: and (on Linux) the X11 window system.
QT_PLUGINS = {
    "multimedia": "*",
    "imageformats": "*svg*",
    "iconengines": "*svg*",
    "printsupport": "*",
    "platforms": "*xcb*" if sys.platform == "linux" else "*",
}
#: Modules that must not be imported on their own (Alembic runs them).
_NOT_IMPORTED = ("hexikit.store.migrations.", "hexikit.sync.server.migrations.")


def check_modules(folder: Path) -> str:
    import importlib
    import pkgutil

    from PySide6.QtCore import QLibraryInfo

    # From a checkout hexikit.ui and hexikit.sync live outside hexikit/; in a bundle inside.
    names: set[str] = set()
    for package_name in ("hexikit", "hexikit.ui", "hexikit.sync"):
        package = importlib.import_module(package_name)
        for info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if not info.name.startswith(_NOT_IMPORTED):
                importlib.import_module(info.name)
                names.add(info.name)
    for module in QT_MODULES:
        importlib.import_module(f"PySide6.{module}")
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    missing = [
        f"{kind}/{pattern}"
        for kind, pattern in QT_PLUGINS.items()
        if not any((plugins / kind).glob(pattern))
    ]
    if missing:
        raise AssertionError(f"Qt plugins missing from {plugins}: {', '.join(missing)}")
    return _(
        "imported {count} Hexikit modules and {qt} Qt modules; Qt plugins for sound, SVG, "
        "printing and the window system are present"
    ).format(count=len(names), qt=len(QT_MODULES))


def check_keyring(folder: Path) -> str:
    import importlib

    import keyring

    from hexikit.sync.tokens import keyring_available

    # The Linux backends must be in this installation (a bundle could miss them) even when
    # this computer offers none: then the sync token is kept for the session only.
    for module in ("SecretService", "kwallet", "chainer", "fail"):
        importlib.import_module(f"keyring.backends.{module}")
    backend = type(keyring.get_keyring()).__module__.rsplit(".", 1)[-1]
    if keyring_available():
        return _("keyring backends present; the sync token goes to {backend}").format(
            backend=backend
        )
    return _(
        "keyring backends present; no keyring on this computer, so the sync token is kept "
        "for the session only"
    )


CHECKS: list[tuple[str, Callable[[Path], str]]] = [
    ("store", check_store),
    ("slide", check_slide),
    ("cards", check_cards),
    ("timer", check_timer),
    ("sync", check_sync),
    ("room", check_room),
    ("keyring", check_keyring),
    ("modules", check_modules),
]


def run_checks(
    folder: Path, on_result: Callable[[CheckResult], None] | None = None
) -> list[CheckResult]:
    """Run every check in `folder`; `on_result` hears of each one as it ends."""
    results: list[CheckResult] = []
    for name, check in CHECKS:
        started = time.monotonic()
        try:
            detail = check(folder)
            ok = True
        except Exception as exc:  # every failure is reported, none stops the others
            detail = f"{type(exc).__name__}: {exc}"
            if os.environ.get("HEXIKIT_SELFTEST_TRACE"):
                detail += "\n" + traceback.format_exc()
            ok = False
        results.append(CheckResult(name, ok, detail, time.monotonic() - started))
        if on_result is not None:
            on_result(results[-1])
    return results


def _print_result(result: CheckResult) -> None:
    status = "ok  " if result.ok else "FAIL"
    print(f"{status} {result.name:<8} {result.seconds * 1000:7.0f} ms  {result.detail}", flush=True)


def _selftest(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Qt Multimedia looks for PipeWire and warns when a laptop has none (it uses PulseAudio):
    # noise that would look like a failure here.
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.symbolsresolver.warning=false")
    folder = Path(tempfile.mkdtemp(prefix="hexikit-selftest-"))
    try:
        results = run_checks(folder, _print_result)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    failed = [r for r in results if not r.ok]
    # Worded so CI does not mistake it for the test runner's closing line.
    if failed:
        print(
            _("selftest: {failed} of {total} checks FAILED").format(
                failed=len(failed), total=len(results)
            )
        )
    else:
        print(_("selftest: all {total} checks are fine").format(total=len(results)))
    return 0 if not failed else 1


def zbar_decode(png: Path) -> list[str]:
    """QR payloads zbarimg finds in `png` (empty if zbarimg is missing)."""
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        return []
    done = subprocess.run(
        [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return [line for line in done.stdout.splitlines() if line]


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("selftest", help=_("check this installation works"))
    parser.set_defaults(func=_selftest)
