"""How a room splits at each step of 1-2-4-All."""

from __future__ import annotations

import pytest

from hexikit.timer.engine import GroupSize
from hexikit.timer.groups import describe, split


@pytest.mark.parametrize(
    ("people", "pairs", "fours"),
    [
        (1, [1], [1]),
        (2, [2], [2]),
        (3, [3], [3]),
        (4, [2, 2], [4]),
        (5, [3, 2], [5]),
        (6, [2, 2, 2], [3, 3]),
        (7, [3, 2, 2], [4, 3]),
        (8, [2, 2, 2, 2], [4, 4]),
        (9, [3, 2, 2, 2], [5, 4]),
        (10, [2] * 5, [4, 3, 3]),
        (11, [3, 2, 2, 2, 2], [4, 4, 3]),
    ],
)
def test_small_rooms_split_sensibly(people: int, pairs: list[int], fours: list[int]) -> None:
    assert split(people, GroupSize.TWO) == pairs
    assert split(people, GroupSize.FOUR) == fours


@pytest.mark.parametrize("people", range(1, 201))
def test_everyone_has_a_group_of_a_fitting_size(people: int) -> None:
    pairs = split(people, GroupSize.TWO)
    fours = split(people, GroupSize.FOUR)
    assert sum(pairs) == sum(fours) == people
    if people >= 2:
        assert set(pairs) <= {2, 3} and pairs.count(3) <= 1
    if people >= 3:
        assert set(fours) <= {3, 4, 5}
    assert split(people, GroupSize.ONE) == [1] * people
    assert split(people, GroupSize.ALL) == [people]


def test_nobody_gives_no_groups_and_a_prompt() -> None:
    assert split(0, GroupSize.TWO) == []
    assert "how many people" in describe(0, GroupSize.TWO)


def test_descriptions_are_plain_words() -> None:
    assert describe(7, GroupSize.TWO) == "1 trio and 2 pairs"
    assert describe(9, GroupSize.FOUR) == "1 group of 5 and 1 foursome"
    assert describe(10, GroupSize.FOUR) == "1 foursome and 2 trios"
    assert describe(12, GroupSize.ALL) == "all 12 people together"
    assert describe(1, GroupSize.ONE) == "1 person on their own"
