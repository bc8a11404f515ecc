"""Two laptops on a flaky link converge, and a random schedule (hypothesis) keeps the invariant."""

from __future__ import annotations

import itertools
import random
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hexikit.records.domain import ActivityInput, EventInput, Kind
from hexikit.store import Store
from hexikit.store.models import Activity, Event
from tests.sync.conftest import Laptop, ServerProcess, assert_exactly_once
from tests.sync.proxy import FaultProxy, canned
from tests.sync.test_protocol import assert_converged

FAULTS: list[Any] = [
    "pass",
    "drop",
    "reset_after_response",
    ("truncate", 300),
    canned("503 Service Unavailable", {"Retry-After": "1"}),
    canned("500 Internal Server Error", body=b"{}"),
]
_names = itertools.count()


def change(laptop: Laptop, rng: random.Random, event_id: str, action: str) -> None:
    activities = laptop.store.list_activities(event_id)
    if action == "create" or not activities:
        laptop.store.create_activity(
            event_id, ActivityInput(kind=Kind.REQUEST, title=f"Need {rng.randrange(1000)}")
        )
    elif action == "edit":
        target = rng.choice(activities)
        laptop.store.update(Activity, target.id, {"title": f"Edited {rng.randrange(1000)}"})
    elif action == "venue":
        laptop.store.update(Event, event_id, {"venue": f"Room {rng.randrange(1000)}"})
    else:
        laptop.store.delete(Activity, rng.choice(activities).id)


def drain(server: ServerProcess, *laptops: Laptop) -> None:
    for laptop in (*laptops, *laptops):
        report = laptop.sync(server.url)
        assert report.status == "up_to_date", report


def start_pair(root: Path, server: ServerProcess) -> tuple[Laptop, Laptop, str]:
    pair = []
    for role in ("a", "b"):
        folder = root / f"{role}-{next(_names)}"
        folder.mkdir()
        pair.append(Laptop(folder=folder, store=Store.open(folder), token=server.new_device(role)))
    a, b = pair
    event = a.store.create_event(EventInput(title="Shared event"))
    drain(server, a, b)
    return a, b, event.id


def test_two_laptops_on_a_flaky_link_converge(
    tmp_path: Path, server: ServerProcess, proxy: FaultProxy
) -> None:
    a, b, event_id = start_pair(tmp_path, server)
    rng = random.Random(20261126)
    try:
        for _round in range(6):
            for laptop in (a, b):
                for _ in range(rng.randrange(1, 6)):
                    change(laptop, rng, event_id, rng.choice(["create", "edit", "venue", "delete"]))
                proxy.push(*(rng.choice(FAULTS) for _ in range(3)))
                laptop.sync(proxy.url, max_attempts=3)
        proxy.plan.clear()
        drain(server, a, b)
        assert_converged(a, b)
        assert_exactly_once(a, server)
        assert_exactly_once(b, server)
    finally:
        a.store.close()
        b.store.close()


step = st.tuples(
    st.sampled_from([0, 1]),
    st.sampled_from(["create", "edit", "venue", "delete", "sync"]),
    st.sampled_from(range(len(FAULTS))),
)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(schedule=st.lists(step, min_size=1, max_size=12), seed=st.integers(0, 10_000))
def test_random_schedule_keeps_exactly_once(
    tmp_path: Path, server: ServerProcess, proxy: FaultProxy, schedule: list[Any], seed: int
) -> None:
    a, b, event_id = start_pair(tmp_path, server)
    rng = random.Random(seed)
    try:
        for who, action, fault in schedule:
            laptop = (a, b)[who]
            if action == "sync":
                proxy.push(FAULTS[fault])
                laptop.sync(proxy.url, max_attempts=2)
            else:
                change(laptop, rng, event_id, action)
        proxy.plan.clear()
        drain(server, a, b)
        assert_converged(a, b)
        assert_exactly_once(a, server)
        assert_exactly_once(b, server)
    finally:
        a.store.close()
        b.store.close()
