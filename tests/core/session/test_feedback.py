"""Feedback entries: validation and storage."""

from __future__ import annotations

import pytest

from hexikit.records.domain import EventInput, ValidationError
from hexikit.session.feedback import (
    FeedbackInput,
    add_feedback,
    average_rating,
    delete_feedback,
    list_feedback,
    update_feedback,
)
from hexikit.store import Store


def test_several_entries_per_event(store: Store) -> None:
    event = store.create_event(EventInput("E"))
    add_feedback(store, event.id, FeedbackInput("  Pairs were lively ", "", "4"))
    second = add_feedback(store, event.id, FeedbackInput("", "More time", None))
    add_feedback(store, event.id, FeedbackInput(rating=2))
    entries = list_feedback(store, event.id)
    assert [e.worked for e in entries] == ["Pairs were lively", "", ""]
    assert average_rating(entries) == 3
    update_feedback(store, second.id, FeedbackInput("", "More time for requests", 5))
    delete_feedback(store, entries[0].id)
    entries = list_feedback(store, event.id)
    assert [e.even_better_if for e in entries] == ["More time for requests", ""]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (FeedbackInput(), "worked"),
        (FeedbackInput("ok", rating=0), "rating"),
        (FeedbackInput("ok", rating=6), "rating"),
        (FeedbackInput("ok", rating="five"), "rating"),
        (FeedbackInput("x" * 2001), "worked"),
    ],
)
def test_bad_feedback_is_refused_with_a_reason(
    store: Store, data: FeedbackInput, field: str
) -> None:
    event = store.create_event(EventInput("E"))
    with pytest.raises(ValidationError) as info:
        add_feedback(store, event.id, data)
    assert field in info.value.problems
    assert list_feedback(store, event.id) == []
