"""Fixtures for sync tests: an in-memory keyring, a reference server in a subprocess, a proxy,
clients whose sleeps are recorded instead of slept, and the exactly-once invariant check."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import Engine

from hexikit.store import Store
from hexikit.sync.client.run import SyncClient
from hexikit.sync.client.state import acknowledged_op_ids, device_id, status
from hexikit.sync.server.admin import add_device, dump
from hexikit.sync.server.schema import open_engine
from tests.sync.postgres import PostgresCluster, postgres_cluster
from tests.sync.proxy import FaultProxy

HEXIKIT = [sys.executable, "-m", "hexikit"]


class MemoryKeyring(KeyringBackend):
    priority = 10

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]  # keyring leaves it unannotated
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


#: The server databases the sync suite runs on: each server test runs once on each.
BACKENDS = ("sqlite", "postgresql")


@dataclass
class ServerProcess:
    db: str  # a SQLite path or a database URL, as `hexikit server run --db` takes it
    url: str
    process: subprocess.Popen[str]
    backend: str = "sqlite"
    _engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """One engine per server (PostgreSQL counts connections: never one per call)."""
        if self._engine is None:
            self._engine = open_engine(self.db)
        return self._engine

    def new_device(self, name: str = "laptop") -> str:
        _ident, token = add_device(self.engine, name)
        return token

    def dump(self) -> list[dict[str, Any]]:
        """The records `hexikit server dump` prints (same function, without a process start:
        test_sync_protocol checks the command prints exactly these)."""
        return [json.loads(json.dumps(r, sort_keys=True)) for r in dump(self.engine)]

    def dump_cli(self) -> list[dict[str, Any]]:
        out = subprocess.run(
            [*HEXIKIT, "server", "dump", "--db", self.db],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def stop(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_server(db: str, backend: str = "sqlite", *extra: str) -> ServerProcess:
    process = subprocess.Popen(
        [*HEXIKIT, "server", "run", "--db", db, "--port", "0", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    if not url.startswith("http://"):
        process.kill()
        raise RuntimeError(
            f"server did not start: {url!r} {process.stderr.read() if process.stderr else ''}"
        )
    return ServerProcess(db=db, url=url, process=process, backend=backend)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    with postgres_cluster() as cluster:
        yield cluster


@pytest.fixture(scope="module", params=BACKENDS)
def server_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new, empty server database on each backend: a SQLite file or a PostgreSQL database."""
    if request.param == "postgresql":
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        return cluster.database()
    return str(tmp_path_factory.mktemp("server") / "server.db")


@pytest.fixture(scope="module")
def server(server_db: str) -> Iterator[ServerProcess]:
    backend = "postgresql" if server_db.startswith("postgresql") else "sqlite"
    running = start_server(server_db, backend)
    yield running
    running.stop()


@pytest.fixture
def proxy(server: ServerProcess) -> Iterator[FaultProxy]:
    running = FaultProxy(int(server.url.rsplit(":", 1)[1]))
    yield running
    running.close()


@dataclass
class Laptop:
    """One data folder with a store, a token and clients that record their sleeps."""

    folder: Path
    store: Store
    token: str
    sleeps: list[float] = field(default_factory=list)

    def client(self, url: str, **options: Any) -> SyncClient:
        options.setdefault("rng", random.Random(7))
        options.setdefault("sleep", self.sleeps.append)
        options.setdefault("max_attempts", 8)
        options.setdefault("read_timeout", 5.0)
        return SyncClient(self.store, url, self.token, **options)

    def sync(self, url: str, **options: Any) -> Any:
        client = self.client(url, **options)
        try:
            return client.sync()
        finally:
            client.close()

    def cli(
        self, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*HEXIKIT, "--data-dir", str(self.folder), *args],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, **(env or {})},
        )


@pytest.fixture
def make_laptop(tmp_path: Path, server: ServerProcess) -> Iterator[Any]:
    opened: list[Laptop] = []

    def make(name: str = "laptop") -> Laptop:
        folder = tmp_path / f"{name}-{len(opened)}"
        folder.mkdir()
        laptop = Laptop(folder=folder, store=Store.open(folder), token=server.new_device(name))
        opened.append(laptop)
        return laptop

    yield make
    for laptop in opened:
        laptop.store.close()


def assert_exactly_once(laptop: Laptop, server: ServerProcess) -> None:
    """What the laptop holds as acknowledged equals what the server holds for it, once each."""
    facts = status(laptop.store)
    assert facts["pending"] == 0, facts
    records = server.dump()
    devices = {r["id"] for r in records if r["type"] == "device"}
    acked = acknowledged_op_ids(laptop.store)
    server_ops = [r for r in records if r["type"] == "operation" and r["id"] in set(acked)]
    assert len(acked) == len(set(acked))
    ids = [r["id"] for r in server_ops]
    assert len(ids) == len(set(ids)), "an operation is stored twice"
    assert set(ids) == set(acked), "acknowledged operations missing on the server"
    owners = {r["device"] for r in server_ops}
    assert len(owners) <= 1 and owners <= devices
    # Nothing the server holds for this device is unknown to the laptop.
    if owners:
        (owner,) = owners
        held = {r["id"] for r in records if r["type"] == "operation" and r["device"] == owner}
        assert held == set(acked)
    assert device_id(laptop.store)
