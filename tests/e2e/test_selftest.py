"""`hexikit selftest`: one line per check, exit 0 only when every check passes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from hexikit.cli import main
from hexikit.ui import selftest

CHECK_NAMES = [name for name, _check in selftest.CHECKS]


def test_selftest_from_source_passes_with_one_line_per_check(tmp_path: Path) -> None:
    user_data = tmp_path / "user-data"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HEXIKIT_DATA_DIR": str(user_data)}
    result = subprocess.run(
        [sys.executable, "-m", "hexikit", "selftest"],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    check_lines = lines[:-1]
    assert [line.split()[1] for line in check_lines] == CHECK_NAMES
    assert all(line.startswith("ok ") for line in check_lines), result.stdout
    assert lines[-1] == f"selftest: all {len(CHECK_NAMES)} checks are fine"
    assert "QR code decodes" in result.stdout  # pdftoppm and zbarimg are installed here
    # The checks ran in their own temporary folder, never in the user's data folder.
    assert not user_data.exists()


def test_a_failing_check_makes_it_exit_1_and_the_others_still_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    ran: list[str] = []

    def broken(folder: Path) -> str:
        raise RuntimeError("the migrations folder is missing")

    def fine(folder: Path) -> str:
        ran.append(str(folder))
        return "all good"

    monkeypatch.setattr(selftest, "CHECKS", [("first", fine), ("broken", broken), ("last", fine)])
    assert main(["selftest"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("ok   first")
    assert lines[1].startswith("FAIL broken")
    assert "RuntimeError: the migrations folder is missing" in lines[1]
    assert lines[2].startswith("ok   last")
    assert lines[3] == "selftest: 1 of 3 checks FAILED"
    assert len(ran) == 2
    # The temporary folder is gone afterwards.
    assert not Path(ran[0]).exists()


def test_sync_check_stops_its_server(tmp_path: Path) -> None:
    detail = selftest.check_sync(tmp_path)
    assert "holds one event" in detail
    assert not any(thread.name == "selftest-server" for thread in threading.enumerate())


def test_timer_check_runs_every_phase(tmp_path: Path) -> None:
    assert "9 phases started and ended on time" in selftest.check_timer(tmp_path)


def test_cards_check_without_zbarimg_still_parses_the_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_which = shutil.which
    monkeypatch.setattr(
        shutil, "which", lambda name: None if name == "zbarimg" else real_which(name)
    )
    detail = selftest.check_cards(tmp_path)
    assert detail.endswith("QR not checked: zbarimg not installed")


def test_modules_check_names_a_missing_qt_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selftest, "QT_PLUGINS", {"no-such-plugins": "*"})
    with pytest.raises(AssertionError, match="no-such-plugins/"):
        selftest.check_modules(tmp_path)
