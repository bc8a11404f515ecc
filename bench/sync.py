"""Benchmark: push 10,000 activities to the reference server on 127.0.0.1 (SQLite).

Measures, in the same run and for the same records (the data folder is copied before the
first push, and each copy talks to its own fresh server database):

* batched push (the client's normal batches of up to 1,000 operations per request);
* one request per operation (the baseline);
* the client's peak Python memory while pushing in batches (tracemalloc, in a third copy).

Usage: .venv/bin/python bench/sync.py [--count 10000] [--baseline-sample N]
`--baseline-sample N` times N single-operation requests and extrapolates (for slow machines);
by default every one of the records is sent one by one.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from hexikit.records.domain import EventInput
from hexikit.store import Store
from hexikit.store.models import Activity
from hexikit.sync.client.run import SyncClient
from hexikit.sync.client.state import outbox_counts
from hexikit.sync.protocol import CLIENT_BATCH_OPS
from hexikit.sync.server.admin import add_device
from hexikit.sync.server.schema import open_engine


def start_server(db: Path) -> tuple[subprocess.Popen[str], str]:
    # -P: `python -m` would put the working folder first on sys.path, and from the repository
    # root that is the source hexikit/ without sync/: the server must be the installed package.
    process = subprocess.Popen(
        [sys.executable, "-P", "-m", "hexikit", "server", "run", "--db", str(db), "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    return process, process.stdout.readline().strip()


def fill(folder: Path, count: int) -> None:
    store = Store.open(folder)
    event = store.create_event(EventInput(title="Benchmark Hexithon"))
    with store.transaction() as session:
        for index in range(count):
            store.add_in(
                session,
                Activity(
                    event_id=event.id,
                    kind="offer" if index % 2 else "request",
                    title=f"Activity {index}",
                    description="Can help with spreadsheets, gardening or lifts to the shops.",
                    categories=["Admin", "Gardening"],
                    regions=["Walsall"],
                    mode="either",
                ),
            )
    store.close()


def push(folder: Path, db: Path, batch_ops: int, limit: int | None = None) -> tuple[float, int]:
    _device, token = add_device(open_engine(str(db)), folder.name)
    process, url = start_server(db)
    store = Store.open(folder)
    client = SyncClient(store, url, token, batch_ops=batch_ops, max_attempts=3)
    try:
        started = time.perf_counter()
        if limit is None:
            client.push()
        else:
            from hexikit.sync.client.outbox import freeze_batch, store_results

            for _ in range(limit):
                batch = freeze_batch(store, batch_ops)
                assert batch is not None
                _code, data = client._call(
                    "POST",
                    "/v1/push",
                    body=batch.body,
                    headers={"Content-Type": "application/json", "Idempotency-Key": batch.key},
                )
                store_results(store, batch, data["results"])
        elapsed = time.perf_counter() - started
        acked = outbox_counts(store)["acked"]
    finally:
        client.close()
        store.close()
        process.terminate()
        process.wait()
    return elapsed, acked


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--baseline-sample", type=int, default=0)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="hexikit-bench-sync-"))
    try:
        original = root / "laptop"
        original.mkdir()
        started = time.perf_counter()
        fill(original, args.count)
        print(f"recorded {args.count} activities locally in {time.perf_counter() - started:.1f} s")
        single, measured = root / "single", root / "measured"
        shutil.copytree(original, single)
        shutil.copytree(original, measured)
        total_ops = args.count + 1  # the event too

        batched_s, acked = push(original, root / "batched.db", batch_ops=CLIENT_BATCH_OPS)
        assert acked == total_ops, acked
        print(f"batched:            {batched_s:7.2f} s for {acked} operations")

        if args.baseline_sample:
            sample_s, sample_acked = push(single, root / "single.db", 1, args.baseline_sample)
            single_s = sample_s / sample_acked * total_ops
            print(
                f"one per request:    {single_s:7.2f} s (extrapolated from {sample_acked} "
                f"requests in {sample_s:.2f} s)"
            )
        else:
            single_s, single_acked = push(single, root / "single.db", batch_ops=1)
            assert single_acked == total_ops, single_acked
            print(f"one per request:    {single_s:7.2f} s for {single_acked} operations")
        print(f"ratio:              {single_s / batched_s:7.1f}x faster with batches")

        tracemalloc.start()
        push(measured, root / "measured.db", batch_ops=CLIENT_BATCH_OPS)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"client peak memory: {peak / 1e6:7.1f} MB (tracemalloc, batched push)")
        target = "met" if batched_s <= 5 and single_s / batched_s >= 20 else "NOT met"
        print(f"target (<= 5 s and >= 20x): {target}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
