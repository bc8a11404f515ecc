"""A real PostgreSQL cluster for the sync suite, started in a temporary folder on 127.0.0.1.

`initdb` into the folder, a free port, Unix sockets inside the folder too, stopped at the end.
PostgreSQL refuses to run as root, so as root the cluster runs as `nobody` (the folder is handed
over to it). `HEXIKIT_TEST_PG_URL` (a server URL without a database name) uses a running server
instead. Without PostgreSQL binaries the PostgreSQL half of the suite is skipped, except under CI,
where that is an error: CI must run it.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool


def _bin_dir() -> Path | None:
    found = shutil.which("pg_config")
    if found:
        out = subprocess.run([found, "--bindir"], capture_output=True, text=True, check=False)
        candidate = Path(out.stdout.strip())
        if (candidate / "initdb").exists():
            return candidate
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresCluster:
    """One cluster; `database()` makes a fresh, empty database and returns its URL."""

    def __init__(self, base_url: str, stop: list[str] | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self._stop = stop
        self._count = 0

    def database(self, prefix: str = "sync") -> str:
        self._count += 1
        name = f"{prefix}_{os.getpid()}_{self._count}"
        admin = create_engine(f"{self.base_url}/postgres", poolclass=NullPool)
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return f"{self.base_url}/{name}"

    def stop(self) -> None:
        if self._stop is not None:
            subprocess.run(self._stop, capture_output=True, check=False, timeout=60)


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "nobody", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres_cluster() -> Iterator[PostgresCluster]:
    given = os.environ.get("HEXIKIT_TEST_PG_URL")
    if given:
        yield PostgresCluster(given)
        return
    bin_dir = _bin_dir()
    if bin_dir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries not found: CI must run the PostgreSQL sync suite")
        pytest.skip("PostgreSQL is not installed (bash scripts/setup.sh installs it)")
    # Its own folder straight under the temporary directory: pytest's folders are private to
    # their owner, and the cluster may run as another user.
    folder = Path(tempfile.mkdtemp(prefix="hexikit-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "nobody", "nogroup")
    data = folder / "data"
    port = _free_port()
    subprocess.run(
        _as_owner([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]),
        check=True,
        capture_output=True,
        timeout=120,
    )
    options = f"-h 127.0.0.1 -p {port} -k {folder} -c fsync=off -c max_connections=200"
    pg_ctl = str(bin_dir / "pg_ctl")
    subprocess.run(
        _as_owner(
            [pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "start"]
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )
    cluster = PostgresCluster(
        f"postgresql+psycopg://postgres@127.0.0.1:{port}",
        stop=_as_owner([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"]),
    )
    try:
        yield cluster
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
