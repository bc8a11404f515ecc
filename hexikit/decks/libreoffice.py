"""Slide pictures from LibreOffice Impress: `soffice --headless --convert-to pdf`.

LibreOffice is found at run time (or named by HEXIKIT_SOFFICE), and run with a timeout and a
private profile in its own process group, so that a hung conversion is killed with whatever it
started. Without LibreOffice a PowerPoint deck still comes in with its notes ("notes only").
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from hexikit.base.i18n import _
from hexikit.decks.imported import DeckImportError, first_line

if TYPE_CHECKING:
    import subprocess

#: Set to the path of `soffice` to use that one (an unusual install, or a test's fake).
SOFFICE_ENV = "HEXIKIT_SOFFICE"
#: LibreOffice gets this long to start, plus SECONDS_PER_SLIDE for each slide.
BASE_TIMEOUT_SECONDS = 90.0
SECONDS_PER_SLIDE = 1.0
MAX_TIMEOUT_SECONDS = 900.0


def install_hint() -> str:
    return _("install LibreOffice Impress: sudo apt install libreoffice-impress")


class ConversionError(DeckImportError):
    """LibreOffice failed or hung while making the slide pictures."""


class Automatic:
    """Marker: find `soffice` on this machine."""


AUTO = Automatic()


def find_soffice() -> str | None:
    """The LibreOffice program on this machine, or None."""
    override = os.environ.get(SOFFICE_ENV)
    if override:
        return override if Path(override).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    if mac.is_file():
        return str(mac)
    for base in (os.environ.get("PROGRAMFILES"), os.environ.get("PROGRAMFILES(X86)")):
        if base:
            candidate = Path(base) / "LibreOffice" / "program" / "soffice.exe"
            if candidate.is_file():
                return str(candidate)
    return None


def resolve_soffice(soffice: str | Automatic | None) -> str | None:
    """The LibreOffice program to run: `soffice` itself, or the one found when AUTO."""
    return find_soffice() if isinstance(soffice, Automatic) else soffice


def conversion_timeout(slide_count: int) -> float:
    return min(MAX_TIMEOUT_SECONDS, BASE_TIMEOUT_SECONDS + SECONDS_PER_SLIDE * slide_count)


def _kill_process_tree(process: subprocess.Popen[bytes]) -> None:
    """Kill LibreOffice and whatever it started (it runs in its own process group)."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        process.kill()


def convert_with_libreoffice(source: Path, out_dir: Path, soffice: str, timeout: float) -> Path:
    """Convert `source` to `out_dir/<stem>.pdf` with LibreOffice; returns the PDF's path.

    LibreOffice runs with a private profile (so a LibreOffice the user has open neither blocks
    nor is disturbed by it) in its own process group; past `timeout` seconds it is killed.
    Raises DeckImportError with a plain message on failure.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="hexikit-lo-profile-"))
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        str(source),
    ]
    # Imported here: this module comes with every deck loader, and `hexikit present` loads
    # them before its first slide; converting is rare.
    import subprocess

    try:
        try:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=(os.name == "posix"),
            )
        except OSError as exc:
            raise ConversionError(
                _("LibreOffice ({program}) could not be started: {error}").format(
                    program=soffice, error=exc.strerror or exc
                )
            ) from exc
        try:
            _stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_process_tree(process)
            process.communicate()
            raise ConversionError(
                _(
                    "LibreOffice did not finish making the slide pictures within {seconds:.0f} "
                    "seconds, so it was stopped and nothing was imported. Close any LibreOffice "
                    "window that asks a question and try again, or import the notes alone "
                    "(hexikit deck import --notes-only FILE)."
                ).format(seconds=timeout)
            ) from None
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    pdf = out_dir / f"{source.stem}.pdf"
    if process.returncode != 0 or not pdf.is_file() or pdf.stat().st_size == 0:
        detail = first_line(stderr.decode("utf-8", "replace"), 200)
        raise ConversionError(
            _(
                "LibreOffice could not make the slide pictures (exit code {code}{detail}). "
                "Open the file in LibreOffice Impress to check it, or import the notes alone "
                "(hexikit deck import --notes-only FILE)."
            ).format(code=process.returncode, detail=f": {detail}" if detail else "")
        )
    return pdf
