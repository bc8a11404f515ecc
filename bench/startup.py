"""Start-up time of the `hexikit` command line (issue 9).

Every command builds the whole parser, which loads every command module through its entry
point; a module that imports SQLAlchemy or reportlab at its top slows down every command.
Measured in the same run:

- floor:    `python -c pass` (the interpreter alone);
- baseline: `hexikit --version` with the heavy modules imported first, as the command modules
            used to do at their top (store, cards, exchange, records, timer plans);
- now:      `hexikit --version` and `hexikit events` (the latter opens the store, so it pays
            for SQLAlchemy; --version must not).

Run: .venv/bin/python bench/startup.py [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

EAGER = "import hexikit.store, hexikit.cards.jobs, hexikit.records.exchange, hexikit.records.recording, hexikit.timer.plans\n"
MAIN = "from hexikit.cli import main\nraise SystemExit(main({args!r}))\n"


def timed(code: str, env: dict[str, str], runs: int) -> float:
    """Median wall seconds of `python -c code`."""
    samples = []
    for _run in range(runs):
        started = time.perf_counter()
        # -P: not the working folder first on sys.path (from the repository root that is the
        # source hexikit/ without ui/ and sync/): the child imports the installed package.
        subprocess.run(
            [sys.executable, "-P", "-c", code],
            env=env,
            check=True,
            capture_output=True,
            timeout=120,
        )
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "HEXIKIT_DATA_DIR": folder}
        timed(MAIN.format(args=["events"]), env, 1)  # create and migrate the store once
        floor = timed("pass", env, runs)
        baseline = timed(EAGER + MAIN.format(args=["--version"]), env, runs)
        version = timed(MAIN.format(args=["--version"]), env, runs)
        events = timed(MAIN.format(args=["events"]), env, runs)
    print(f"median of {runs} runs (wall seconds)")
    print(f"python -c pass                     {floor:6.3f}")
    print(f"baseline: --version, eager imports {baseline:6.3f}")
    print(f"now:      --version                {version:6.3f}  ({baseline / version:.1f}x faster)")
    print(f"now:      events                   {events:6.3f}")


if __name__ == "__main__":
    main()
