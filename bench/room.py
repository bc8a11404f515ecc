"""Room benchmark: 60 phones posting 5 entries each at once to the room web app (issue 18).

    .venv/bin/python bench/room.py [--phones 60] [--entries 5] [--threads 8]

A real room (waitress on 127.0.0.1, a free port, the server's default 8 threads, every limit
on) over a fresh data folder. Each simulated phone is a client thread with its own cookie and
its own source address (127.0.0.2, 127.0.0.3, ...: Linux answers the whole of 127/8), so the
30-posts-a-minute limit per address applies as it would in a room; the client threads are
bounded (one per phone) and all start together on a barrier.

Prints: posts per second; p50 / p95 / p99 / max response time; and the check that every entry
was stored exactly once and none lost (titles unique, one participant per phone, one outbox
row per record). Baseline, measured in the same run: one phone posting 30 entries one after
another (no contention); the ratio of the loaded p99 to the baseline p99.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hexikit.records.domain import EventInput  # noqa: E402
from hexikit.room.server import RoomServer  # noqa: E402
from hexikit.store import Store  # noqa: E402
from hexikit.store.models import OutboxOperation  # noqa: E402


def _phone(
    host: str, port: int, path: str, source: str, titles: list[str], name: str
) -> tuple[list[float], list[int]]:
    """Post `titles` one after another as one phone; (seconds per post, statuses)."""
    connection = http.client.HTTPConnection(host, port, timeout=60, source_address=(source, 0))
    cookie = ""
    seconds: list[float] = []
    statuses: list[int] = []
    try:
        for title in titles:
            body = json.dumps(
                {
                    "kind": "offer",
                    "title": title,
                    "name": name,
                    "consent": True,
                    "categories": ["Design"],
                    "regions": ["Wales"],
                    "description": "",
                }
            )
            headers = {"Content-Type": "application/json"}
            if cookie:
                headers["Cookie"] = cookie
            start = time.perf_counter()
            connection.request("POST", f"{path}/entries", body=body, headers=headers)
            answer = connection.getresponse()
            answer.read()
            seconds.append(time.perf_counter() - start)
            statuses.append(answer.status)
            set_cookie = answer.getheader("Set-Cookie")
            if set_cookie:
                cookie = set_cookie.split(";", 1)[0]
    finally:
        connection.close()
    return seconds, statuses


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _run(folder: Path, phones: int, entries: int, threads: int, label: str) -> dict[str, float]:
    store = Store.open(folder)
    event = store.create_event(EventInput(title=f"Bench {label}"))
    room = RoomServer(store, event.id, threads=threads)
    url = room.start("127.0.0.1", 0)
    host_port, path = url.removeprefix("http://").split("/", 1)
    host, port = host_port.rsplit(":", 1)
    results: list[tuple[list[float], list[int]]] = [([], [])] * phones
    barrier = threading.Barrier(phones)

    def work(index: int) -> None:
        titles = [f"{label} phone {index} entry {n}" for n in range(entries)]
        source = (
            f"127.0.{(index + 2) // 250}.{(index + 2) % 250 or 250}" if phones > 1 else "127.0.0.1"
        )
        barrier.wait()
        results[index] = _phone(host, int(port), f"/{path}", source, titles, f"Phone {index}")

    workers = [threading.Thread(target=work, args=(i,)) for i in range(phones)]
    start = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wall = time.perf_counter() - start
    room.stop()
    seconds = [s for times, _ in results for s in times]
    statuses = Counter(code for _, codes in results for code in codes)
    stored = store.list_activities(event.id)
    titles = Counter(a.title for a in stored)
    people = store.list_participants(event.id)
    with store.session() as session:
        outbox = session.query(OutboxOperation).count()
    store.close()
    expected = phones * entries
    exactly_once = (
        len(stored) == expected
        and len(titles) == expected
        and max(titles.values(), default=0) == 1
        and len(people) == phones
        and outbox == 1 + expected + phones  # the event, every entry, every phone's person
    )
    print(
        f"{label}: {phones} phone(s) x {entries} entries: {expected} posts in {wall:.2f} s "
        f"({expected / wall:.0f} posts/s); statuses {dict(statuses)}"
    )
    print(
        f"  response ms: p50 {statistics.median(seconds) * 1000:.1f}  "
        f"p95 {_percentile(seconds, 0.95) * 1000:.1f}  p99 {_percentile(seconds, 0.99) * 1000:.1f}  "
        f"max {max(seconds) * 1000:.1f}"
    )
    print(
        f"  stored {len(stored)} of {expected}, {len(titles)} distinct, "
        f"{len(people)} participants, {outbox} outbox rows: "
        + ("every entry stored exactly once, none lost" if exactly_once else "MISMATCH")
    )
    if not exactly_once:
        raise SystemExit(1)
    return {"p99": _percentile(seconds, 0.99), "p50": statistics.median(seconds)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--phones", type=int, default=60)
    parser.add_argument("--entries", type=int, default=5)
    parser.add_argument("--threads", type=int, default=8, help="the server's worker threads")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # The baseline phone posts 30 entries (the most one address may post in a minute),
        # so its p99 is read from enough samples.
        base = _run(Path(tmp) / "baseline", 1, 30, args.threads, "baseline")
        loaded = _run(Path(tmp) / "loaded", args.phones, args.entries, args.threads, "loaded")
    print(
        f"p99 under load / p99 of one phone alone: {loaded['p99'] / base['p99']:.1f}x "
        f"({loaded['p99'] * 1000:.1f} ms vs {base['p99'] * 1000:.1f} ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
