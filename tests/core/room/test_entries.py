"""The core of the room without HTTP: what a post may hold, and what the projector may show."""

from __future__ import annotations

import pytest

from hexikit.base.clock import FakeClock
from hexikit.records.domain import EventInput, ValidationError
from hexikit.room.codes import phone_hash
from hexikit.room.entries import parse_post, room_summary, save_phone_entry
from hexikit.store import Store, StoreWriteError
from hexikit.store.models import Activity
from tests.core.room.conftest import ENTRY


def test_parse_post_applies_the_cores_rules_and_canonical_names() -> None:
    post = parse_post({**ENTRY, "categories": ["design", "DESIGN"], "regions": ["wales"]})
    assert post.activity.categories == ["Design"] and post.activity.regions == ["Wales"]
    assert post.person.consent and post.person.name == "Siân Jones"
    with pytest.raises(ValidationError) as caught:
        parse_post({**ENTRY, "title": "x" * 201, "name": ""})
    assert set(caught.value.problems) == {"title", "name"}


def test_without_consent_no_wording_is_stored() -> None:
    post = parse_post({**ENTRY, "consent": False})
    assert not post.person.consent and post.person.consent_wording == ""


def test_the_join_scene_names_only_people_who_consented(
    clocked_store: Store, clock: FakeClock
) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    for n, (name, consent) in enumerate([("Ana", True), ("Ben", False), ("Cai", True)]):
        clock.advance(1)
        save_phone_entry(
            clocked_store,
            event.id,
            phone_hash(f"phone-{n}-" + "x" * 20),
            parse_post({**ENTRY, "title": f"Title {name}", "name": name, "consent": consent}),
        )
    summary = room_summary(clocked_store, event.id)
    assert (summary.offers, summary.requests, summary.people) == (3, 0, 3)
    assert summary.newest == [
        ("offer", "Title Cai", "Cai"),
        ("offer", "Title Ben", ""),
        ("offer", "Title Ana", "Ana"),
    ]


def test_a_failed_write_leaves_nothing_behind(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    event = store.create_event(EventInput(title="Hexithon"))
    before = len(store.list_participants(event.id))

    def broken(*_args: object, **_kwargs: object) -> Activity:
        raise StoreWriteError("disk full")

    monkeypatch.setattr("hexikit.room.entries.save_activity_in", broken)
    with pytest.raises(StoreWriteError):
        save_phone_entry(store, event.id, phone_hash("p" * 24), parse_post(ENTRY))
    assert len(store.list_participants(event.id)) == before
    assert store.list_activities(event.id) == []
