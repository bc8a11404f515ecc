"""Benchmark: `hexikit import` of N rows (issue 16: bulk writes through the batch write path).

Each size gets a fresh data folder with one event; the CSV has one new participant per two
rows (like a room's sheet). Measured in the same run:

- `hexikit import` as a new process (what a user waits for: interpreter, imports, store
  opening, checking the file, writing it), for each size: to show it is linear in rows;
- in-process, the check (`check_csv`) and the write (`store_plan`, one `Store.add_rows_in`
  batch) apart;
- baseline: the same checked plan written the way it was before issue 16, one `Store.add_in`
  (one INSERT and one flush per row and per outbox row, a claim-code query per person), on
  `--baseline-rows` rows (default 1,000) and scaled to each size.

Run: .venv/bin/python bench/bulk_import.py [--sizes 1000,5000,10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hexikit.records.domain import EventInput
from hexikit.records.exchange import check_csv, store_plan
from hexikit.store import Store
from hexikit.store.models import OutboxOperation


def write_csv(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "kind",
                "title",
                "description",
                "categories",
                "regions",
                "mode",
                "hours",
                "participant_name",
                "participant_email",
                "participant_consent",
            ]
        )
        for number in range(rows):
            writer.writerow(
                [
                    "offer" if number % 2 else "request",
                    f"Help with run charts {number}",
                    f"Row {number}: measurement for improvement, PDSA cycles",
                    "Statistical analysis",
                    "London",
                    "either",
                    "1.5",
                    f"Person {number // 2}",
                    f"person{number // 2}@example.org",
                    "yes" if number % 3 else "no",
                ]
            )


def fresh_store(folder: Path) -> tuple[Store, str]:
    store = Store.open(folder)
    return store, store.create_event(EventInput(title="Bench")).id


def store_plan_per_row(store: Store, plan: object) -> None:
    """The write as it was before the batch path: one add_in per row (the baseline)."""
    with store.transaction() as session:
        for planned in plan.people:  # type: ignore[attr-defined]
            person = store.participant_from_input(session, planned.event_id, planned.clean)
            person.id = planned.id
            store.add_in(session, person)
        for activity_plan in plan.activities:  # type: ignore[attr-defined]
            activity = store.activity_from_input(
                activity_plan.event_id, activity_plan.clean, activity_plan.participant_id
            )
            store.add_in(session, activity)


def cli_import(folder: Path, csv_path: Path, event_id: str) -> float:
    env = {**os.environ, "HEXIKIT_DATA_DIR": str(folder)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-P", "-m", "hexikit", "import", str(csv_path), "--event", event_id],
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline-rows", type=int, default=1000)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        csvs = {}
        for size in [*sizes, args.baseline_rows]:
            csvs[size] = root / f"rows-{size}.csv"
            write_csv(csvs[size], size)
        cli: dict[int, list[float]] = {size: [] for size in sizes}
        check: dict[int, list[float]] = {size: [] for size in sizes}
        write: dict[int, list[float]] = {size: [] for size in sizes}
        baseline: list[float] = []
        for round_number in range(args.rounds):
            for size in sizes:
                folder = root / f"cli-{size}-{round_number}"
                store, event_id = fresh_store(folder)
                store.close()
                cli[size].append(cli_import(folder, csvs[size], event_id))
                folder = root / f"lib-{size}-{round_number}"
                store, event_id = fresh_store(folder)
                raw = csvs[size].read_bytes()
                started = time.perf_counter()
                plan, _result = check_csv(store, raw, event_id)
                checked = time.perf_counter()
                store_plan(store, plan)
                write[size].append(time.perf_counter() - checked)
                check[size].append(checked - started)
                with store.session() as session:
                    outbox = (
                        session.query(OutboxOperation)
                        .filter(OutboxOperation.entity_type != "event")
                        .count()
                    )
                # Every row and every new participant has its outbox row (the event's is apart).
                assert outbox == size + size // 2 + size % 2, outbox
                store.close()
            folder = root / f"base-{round_number}"
            store, event_id = fresh_store(folder)
            plan, _result = check_csv(store, csvs[args.baseline_rows].read_bytes(), event_id)
            started = time.perf_counter()
            store_plan_per_row(store, plan)
            baseline.append(time.perf_counter() - started)
            store.close()
    per_row_base = statistics.median(baseline) / args.baseline_rows
    print(
        f"rounds: {args.rounds} (medians); baseline = per-row add_in on {args.baseline_rows} rows"
    )
    print(
        f"{'rows':>7} {'hexikit import':>15} {'check':>8} {'write':>8} {'ms/1k rows':>11}"
        f" {'write, per-row (scaled)':>24} {'write ratio':>12}"
    )
    for size in sizes:
        total = statistics.median(cli[size])
        written = statistics.median(write[size])
        scaled = per_row_base * size
        print(
            f"{size:>7} {total:>14.2f}s {statistics.median(check[size]):>7.2f}s"
            f" {written:>7.2f}s {total / size * 1000 * 1000:>10.0f}"
            f" {scaled:>23.2f}s {written / scaled:>12.2f}"
        )


if __name__ == "__main__":
    main()
