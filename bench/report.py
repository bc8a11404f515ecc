"""Benchmark: matching a busy room and the QI report of a laptop with many events.

    .venv/bin/python bench/report.py [--events 500] [--room 200] [--repeat 3]

Prints:
  * ms to rank every offer → request pair of a room of ROOM activities (half offers, half
    requests) against a room of 20 activities measured in the same run, and the ratio per
    pair (the cost of one pair should not grow with the room);
  * ms to build the report and to write its PDF for one event when the laptop holds EVENTS
    events (the run chart covers all of them), next to the same with 10 events, and the ratio.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from hexikit.matching.suggestions import ActivityFacts, rank
from hexikit.records.domain import CATEGORIES, REGIONS
from hexikit.report.measures import build_report, write_pdf
from hexikit.store import Store
from hexikit.store.models import Activity, Event

_WORD_TEXT = (
    "coaching design audit survey patient quality mentoring workshop network sepsis flow "
    "discharge falls pathway charts excel leaflet board story video data frailty maternity "
    "pharmacy theatre clinic triage handover deprescribing evaluation run statistics"
)
WORDS = _WORD_TEXT.split(" ")


def best_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def room(size: int, seed: int) -> tuple[list[ActivityFacts], list[ActivityFacts]]:
    rng = random.Random(seed)
    facts = []
    for index in range(size):
        facts.append(
            ActivityFacts(
                id=f"a{index}",
                kind="offer" if index % 2 else "request",
                title=" ".join(rng.sample(WORDS, 4)),
                description=" ".join(rng.sample(WORDS, 12)),
                categories=tuple(rng.sample(CATEGORIES, rng.randint(0, 2))),
                regions=tuple(rng.sample(REGIONS, rng.randint(0, 2))),
                mode=rng.choice(["remote", "face-to-face", "either"]),
                participant_id=f"p{index // 3}",
            )
        )
    return [f for f in facts if f.kind == "offer"], [f for f in facts if f.kind == "request"]


def filled_store(folder: Path, events: int) -> tuple[Store, str]:
    store = Store.open(folder)
    rng = random.Random(events)
    last = ""
    with store.transaction() as session:
        for index in range(events):
            event = store.add_in(
                session, Event(title=f"Hexithon {index}", date=f"20{10 + index // 365:02d}-01-01")
            )
            last = event.id
            for number in range(rng.randint(0, 30)):
                store.add_in(
                    session,
                    Activity(
                        event_id=event.id,
                        kind="offer" if number % 2 else "request",
                        title=f"activity {number}",
                        categories=[rng.choice(CATEGORIES)],
                        regions=[rng.choice(REGIONS)],
                    ),
                )
    return store, last


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--room", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    small_offers, small_requests = room(20, 1)
    big_offers, big_requests = room(args.room, 2)
    small_ms = best_ms(lambda: rank(small_offers, small_requests), args.repeat)
    big_ms = best_ms(lambda: rank(big_offers, big_requests), args.repeat)
    small_pairs = len(small_offers) * len(small_requests)
    big_pairs = len(big_offers) * len(big_requests)
    print(
        f"matching: {args.room} activities ({big_pairs} pairs) {big_ms:.1f} ms; "
        f"baseline 20 activities ({small_pairs} pairs) {small_ms:.2f} ms; "
        f"per-pair ratio {(big_ms / big_pairs) / (small_ms / small_pairs):.2f}"
    )

    results = {}
    for events in (10, args.events):
        with tempfile.TemporaryDirectory() as folder:
            store, event_id = filled_store(Path(folder), events)
            build = best_ms(lambda s=store, e=event_id: build_report(s, e), args.repeat)
            report = build_report(store, event_id)
            pdf = best_ms(lambda r=report, f=folder: write_pdf(r, Path(f) / "r.pdf"), args.repeat)
            store.close()
            results[events] = (build, pdf)
    (b10, p10), (bn, pn) = results[10], results[args.events]
    print(
        f"report build: {args.events} events {bn:.1f} ms; baseline 10 events {b10:.1f} ms; "
        f"ratio {bn / b10:.2f}"
    )
    print(
        f"report PDF:   {args.events} events {pn:.1f} ms; baseline 10 events {p10:.1f} ms; "
        f"ratio {pn / p10:.2f}"
    )
    print(f"(best of {args.repeat} runs each)")


if __name__ == "__main__":
    main()
