"""Printing card sheets through a real print system: a cupsd of the test's own, two cups-pdf
queues (one whose paper is A4 by default, one Letter), and the Cards page's Print test sheet…
with Qt's real print dialog, accepted as a person would. Each sheet must come out of cups-pdf
on its own paper at 100 % (pdfinfo's page size), whatever the queue's default paper is: Qt's
Unix print dialog puts the queue's default back on accept, and the page must undo that.

cupsd runs in the foreground with every folder (configuration, spool, logs, cache, state) in a
temporary folder and listens on a Unix socket there; the app finds it through CUPS_SERVER.
cups-pdf only reads /etc/cups/cups-pdf.conf, so cupsd runs in a private mount namespace where
the test's configuration folder is bind-mounted over /etc/cups: the real /etc is never touched
and the PDFs land in the test's folder. cups-pdf refuses to run without root, so the test
needs root (as on the development machine) and is skipped otherwise.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinterInfo
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hexikit.base.clock import FakeClock
from hexikit.base.settings import Settings
from hexikit.store import Store
from hexikit.ui.cards.page import CardsPage
from hexikit.ui.context import AppContext
from hexikit.ui.stage import AudienceWindow
from hexikit.ui.worker import Worker

CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_PPD_DIRS = (Path("/usr/share/ppd/cups-pdf"), Path("/usr/share/cups/model"))
#: queue name -> its default paper (the PPD's PageSize and IPP media-default)
QUEUES = {"HexA4": "A4", "HexLetter": "Letter"}
#: template -> its paper in points (pdfinfo's "Page size")
SHEETS = {"a4-8up": (595.0, 842.0), "letter-8up": (612.0, 792.0)}
TIMEOUT_S = 30.0


def _cups_pdf_ppd() -> Path | None:
    for folder in CUPS_PDF_PPD_DIRS:
        found = sorted(folder.glob("CUPS-PDF*.ppd")) if folder.is_dir() else []
        if found:
            return found[0]
    return None


def _missing() -> list[str]:
    missing = [
        tool
        for tool in ("cupsd", "lpadmin", "unshare", "mount", "pdfinfo")
        if not shutil.which(tool)
    ]
    if not CUPS_PDF_BACKEND.exists():
        missing.append(f"cups-pdf ({CUPS_PDF_BACKEND})")
    if _cups_pdf_ppd() is None:
        missing.append("the cups-pdf PPD")
    if not Path("/etc/cups").is_dir():
        missing.append("/etc/cups (the cups package)")
    return missing


pytestmark = [
    pytest.mark.skipif(
        bool(_missing()),
        reason=f"printing through CUPS needs cups, cups-client and printer-driver-cups-pdf "
        f"(missing: {', '.join(_missing())}); see scripts/setup.sh",
    ),
    pytest.mark.skipif(
        os.geteuid() != 0,
        reason="cups-pdf runs only as root, and cupsd runs backends as root only when it is",
    ),
]


@dataclass(frozen=True)
class CupsServer:
    socket: Path
    out_dir: Path
    error_log: Path

    def log_tail(self) -> str:
        """What cupsd and cups-pdf said last, and what is in the output folder (for failures)."""
        logs = [self.error_log, *sorted(self.error_log.parent.glob("cups-pdf*_log"))]
        said = []
        for log in logs:
            lines = log.read_text(errors="replace").splitlines() if log.exists() else []
            kept = [line for line in lines if not line.startswith(("d ", "D "))]
            said.append(f"--- {log.name}:\n" + "\n".join(kept[-30:]))
        listing = sorted(path.name for path in self.out_dir.iterdir())
        return "\n".join(said) + f"\n--- output folder: {listing}"


def _wait_for(
    qtbot: QtBot, condition: Callable[[], bool], what: str, server: CupsServer | None = None
) -> None:
    """Wait for `condition()` with pytest-qt's `waitUntil` (cupsd and cups-pdf are other
    processes), at most TIMEOUT_S; fail with cupsd's log."""
    try:
        qtbot.waitUntil(condition, timeout=round(TIMEOUT_S * 1000))
    except TimeoutError:
        log = server.log_tail() if server else ""
        raise AssertionError(f"timed out waiting for {what}\n{log}") from None


def _up_or_gone(socket: Path, daemon: subprocess.Popen[bytes]) -> bool:
    return socket.exists() or daemon.poll() is not None


def _write_configuration(root: Path, base: Path) -> None:
    (root / "cupsd.conf").write_text(
        f"Listen {base / 'cups.sock'}\n"
        "LogLevel debug\n"
        "Browsing Off\n"
        "DefaultAuthType None\n"
        "WebInterface No\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  <Limit All>\n    Order allow,deny\n    Allow all\n  </Limit>\n"
        "</Policy>\n"
    )
    (root / "cups-files.conf").write_text(
        f"ServerRoot {root}\n"
        f"RequestRoot {base / 'spool'}\n"
        f"TempDir {base / 'spool' / 'tmp'}\n"
        f"CacheDir {base / 'cache'}\n"
        f"StateDir {base / 'state'}\n"
        f"ErrorLog {base / 'log' / 'error_log'}\n"
        f"AccessLog {base / 'log' / 'access_log'}\n"
        f"PageLog {base / 'log' / 'page_log'}\n"
        f"Printcap {base / 'printcap'}\n"
        # the test's folders belong to root, not to the lp group cupsd would insist on
        "FatalErrors none\n"
        "SystemGroup root\n"
    )
    # cups-pdf reads this as /etc/cups/cups-pdf.conf inside cupsd's mount namespace; Label 1:
    # the job number in every file name, so printing the same sheet twice makes two files
    (root / "cups-pdf.conf").write_text(
        f"Out {base / 'out'}\nAnonDirName {base / 'out'}\nLog {base / 'log'}\nLabel 1\n"
    )


@pytest.fixture(scope="module")
def cups_server(qapp: QApplication, request: pytest.FixtureRequest) -> Iterator[CupsServer]:
    # Not pytest's tmp_path: filters run as lp and cannot enter root's 0700 pytest folders;
    # a short path also keeps the socket's name under the 108 bytes a Unix socket allows.
    base = Path(tempfile.mkdtemp(prefix="hexikit-cups-"))
    base.chmod(0o755)
    root = base / "root"
    for folder in (root, base / "spool" / "tmp", base / "cache", base / "state", base / "log"):
        folder.mkdir(parents=True)
    (base / "out").mkdir(mode=0o755)
    _write_configuration(root, base)
    server = CupsServer(base / "cups.sock", base / "out", base / "log" / "error_log")
    # A private mount namespace: the bind mount over /etc/cups exists for cupsd and its
    # children only and goes away with them.
    command = (
        f'mount --bind "{root}" /etc/cups && exec cupsd -f -c "{root}/cupsd.conf" '
        f'-s "{root}/cups-files.conf"'
    )
    daemon = subprocess.Popen(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c", command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        # One server for the module, so no test's `qtbot`: a QtBot of the module's own.
        started = partial(_up_or_gone, server.socket, daemon)
        _wait_for(QtBot(request), started, "cupsd's socket")
        if daemon.poll() is not None:
            output = daemon.stdout.read().decode(errors="replace") if daemon.stdout else ""
            pytest.fail(f"cupsd did not start (exit {daemon.returncode}):\n{output}")
        env = {**os.environ, "CUPS_SERVER": str(server.socket)}
        ppd = _cups_pdf_ppd()
        for queue, paper in QUEUES.items():
            subprocess.run(
                [
                    "lpadmin",
                    "-p",
                    queue,
                    "-E",
                    "-v",
                    "cups-pdf:/",
                    "-P",
                    str(ppd),
                    "-o",
                    f"PageSize={paper}",
                    "-o",
                    f"media-default={paper}",
                ],
                env=env,
                check=True,
                capture_output=True,
                timeout=TIMEOUT_S,
            )
        yield server
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=TIMEOUT_S)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        shutil.rmtree(base, ignore_errors=True)


def _forget_cups_server() -> None:
    """Make libcups read CUPS_SERVER again on this thread (it keeps the first one it read)."""
    name = ctypes.util.find_library("cups")
    if name:
        ctypes.CDLL(name).cupsSetServer(None)


@pytest.fixture
def on_test_cups(cups_server: CupsServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[CupsServer]:
    monkeypatch.setenv("CUPS_SERVER", str(cups_server.socket))
    _forget_cups_server()
    yield cups_server
    monkeypatch.undo()
    _forget_cups_server()


@pytest.fixture
def page(qtbot: QtBot, data_dir: Path, on_test_cups: CupsServer) -> Iterator[CardsPage]:
    store = Store.open(data_dir)
    audience = AudienceWindow()
    qtbot.addWidget(audience)
    worker = Worker()
    context = AppContext(data_dir, store, Settings(), worker, audience, FakeClock())
    widget = CardsPage(context)
    qtbot.addWidget(widget)
    yield widget
    worker.wait_for_done()
    store.close()


def _page_size_pt(pdf: Path) -> tuple[float, float]:
    info = subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=TIMEOUT_S
    ).stdout
    line = next(line for line in info.splitlines() if line.startswith("Page size:"))
    width, _x, height = line.split(":", 1)[1].split()[:3]
    return float(width), float(height)


def _accept_print_dialog(tries_left: int = 500) -> None:
    """Press Print in Qt's own print dialog as soon as it is up (it runs its own loop); gives
    up after ~10 s so a dialog that never opens cannot leave a timer running."""
    dialog = QApplication.activeModalWidget()
    if isinstance(dialog, QPrintDialog):
        dialog.accept()
    elif tries_left:
        QTimer.singleShot(20, lambda: _accept_print_dialog(tries_left - 1))


@pytest.mark.parametrize("queue", list(QUEUES))
@pytest.mark.parametrize("template_name", list(SHEETS))
def test_each_sheet_prints_on_its_own_paper_whatever_the_queue_default(
    qtbot: QtBot,
    page: CardsPage,
    on_test_cups: CupsServer,
    monkeypatch: pytest.MonkeyPatch,
    queue: str,
    template_name: str,
) -> None:
    assert queue in QPrinterInfo.availablePrinterNames()
    paper = {size.name() for size in QPrinterInfo.printerInfo(queue).supportedPageSizes()}
    assert {"A4", "US Letter"} <= paper  # so nothing is left to warn about
    warnings: list[str] = []

    def warn(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        warnings.append(text)
        return QMessageBox.StandardButton.Ignore  # print anyway: the PDF shows which paper

    monkeypatch.setattr(QMessageBox, "warning", warn)
    for index in range(page.template_combo.count()):
        if page.template_combo.itemData(index).name == template_name:
            page.template_combo.setCurrentIndex(index)
    template = page.template()
    assert template.name == template_name
    page.printer_combo.setCurrentText(queue)
    before = set(on_test_cups.out_dir.iterdir())

    QTimer.singleShot(0, _accept_print_dialog)
    with qtbot.waitSignal(page.finished, timeout=round(TIMEOUT_S * 1000)) as sent:
        page.print_test_sheet()
    assert f"Sent 1 pages to {queue}" in sent.args[0]

    def printed() -> list[Path]:
        return [
            path for path in set(on_test_cups.out_dir.iterdir()) - before if path.suffix == ".pdf"
        ]

    # cups-pdf writes the file in place: wait until pdfinfo can read a whole one
    def complete() -> bool:
        files = printed()
        if len(files) != 1:
            return False
        probe = subprocess.run(["pdfinfo", str(files[0])], capture_output=True, timeout=TIMEOUT_S)
        return probe.returncode == 0

    _wait_for(qtbot, complete, f"cups-pdf's PDF of {template_name} on {queue}", on_test_cups)
    (pdf,) = printed()
    # cups-pdf names the file after the job's title
    assert "Hexikit_test_sheet" in pdf.name, pdf.name
    width, height = _page_size_pt(pdf)
    want_width, want_height = SHEETS[template_name]
    assert width == pytest.approx(want_width, abs=1.0)
    assert height == pytest.approx(want_height, abs=1.0)
    assert warnings == []
