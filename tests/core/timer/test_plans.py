"""Built-in plans, validation, and user plans saved in the store."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hexikit.store import Store
from hexikit.store.models import SavedPlan
from hexikit.timer.engine import GroupSize, Phase, Plan
from hexikit.timer.plans import (
    PlanError,
    builtin_plans,
    copy_plan,
    delete_plan,
    find_plan,
    list_plans,
    save_plan,
    validate_plan,
)


def test_builtin_plans_have_the_expected_shape() -> None:
    classic, template, hexithon = builtin_plans()
    assert [p.seconds for p in classic.phases] == [60, 120, 240, 300]
    assert classic.total_seconds == 12 * 60
    assert [p.group for p in classic.phases] == [
        GroupSize.ONE,
        GroupSize.TWO,
        GroupSize.FOUR,
        GroupSize.ALL,
    ]
    assert [p.seconds / 60 for p in template.phases] == [1, 1, 2, 5, 7]
    names = [p.name for p in hexithon.phases]
    assert names == ["Alone", "Pairs", "Foursomes", "All", "Capture break", *names[:4]]
    assert "offer" in hexithon.phases[0].invitation
    assert "need" in hexithon.phases[5].invitation
    assert hexithon.phases[0].cycle != hexithon.phases[5].cycle
    for plan in builtin_plans():
        assert validate_plan(plan) == plan


@pytest.mark.parametrize(
    ("phase", "message"),
    [
        (Phase("Alone", 0), "at least one second"),
        (Phase("Alone", -60), "at least one second"),
        (Phase("Alone", 10 * 3600), "at most 3:00:00"),
        (Phase("Alone", 60, "x" * 2000), "2,000 characters"),
        (Phase("  ", 60), "needs a name"),
    ],
)
def test_bad_phases_are_refused_with_a_clear_message(phase: Phase, message: str) -> None:
    with pytest.raises(PlanError, match=message):
        validate_plan(Plan("Mine", (phase,)))


def test_a_plan_needs_a_name_and_phases() -> None:
    with pytest.raises(PlanError, match="no phases"):
        validate_plan(Plan("Mine", ()))
    with pytest.raises(PlanError, match="name"):
        validate_plan(Plan("  ", (Phase("A", 60),)))


def test_find_plan_by_key_name_or_start() -> None:
    plans = builtin_plans()
    assert find_plan(plans, "classic").key == "classic"
    assert find_plan(plans, "HEXITHON").key == "hexithon"
    assert find_plan(plans, "Liberating").key == "liberating-structures"
    with pytest.raises(PlanError, match="classic, liberating-structures, hexithon"):
        find_plan(plans, "nope")


def test_copy_edit_save_and_reload_leaves_builtins_intact(store: Store) -> None:
    classic = builtin_plans()[0]
    with pytest.raises(PlanError, match="copy"):
        save_plan(store, classic)
    mine = copy_plan(classic, "Short classic")
    mine = replace(mine, phases=(replace(mine.phases[0], seconds=30, invitation="Why?"),))
    saved = save_plan(store, mine)
    assert saved.key
    listing = list_plans(store)
    assert [p.name for p in listing.plans[:3]] == [p.name for p in builtin_plans()]
    assert listing.plans[0] == classic
    loaded = find_plan(listing.plans, "Short classic")
    assert loaded.phases == (Phase("Alone", 30, "Why?", GroupSize.ONE, 0),)
    assert not loaded.builtin
    # Edit again: same row, new content.
    save_plan(store, replace(loaded, name="Shorter"))
    names = [p.name for p in list_plans(store).plans]
    assert "Shorter" in names and "Short classic" not in names
    delete_plan(store, loaded.key)
    assert len(list_plans(store).plans) == 3


def test_a_corrupt_saved_plan_is_skipped_with_a_warning(store: Store) -> None:
    with store.transaction() as session:
        session.add(SavedPlan(kind="timer", name="Broken", body={"phases": "nope"}))
        session.add(
            SavedPlan(kind="timer", name="Zero", body={"phases": [{"name": "A", "seconds": 0}]})
        )
        session.add(SavedPlan(kind="timer", name="Junk", body=[1, 2]))
        session.add(SavedPlan(kind="runsheet", name="Not mine", body={}))
    save_plan(store, copy_plan(builtin_plans()[0], "Good"))
    listing = list_plans(store)
    assert [p.name for p in listing.plans][3:] == ["Good"]
    assert len(listing.warnings) == 3
    assert any("Broken" in w for w in listing.warnings)


def test_list_plans_without_a_store_gives_builtins() -> None:
    assert len(list_plans(None).plans) == 3


def test_the_offer_question_is_worded_as_on_the_slide() -> None:
    """The timer and the run sheet ask what the slide asks ("help deliver…"), word for word."""
    import re

    from hexikit.base.resources import builtin_deck_dir
    from hexikit.session.runsheet import OFFERS_QUESTION
    from hexikit.timer.plans import OFFER_QUESTION

    assert OFFER_QUESTION == OFFERS_QUESTION
    slide = (builtin_deck_dir("en") / "deck.md").read_text(encoding="utf-8")
    assert OFFER_QUESTION in re.sub(r"\*\*", "", slide)
    assert "help others deliver" not in slide
