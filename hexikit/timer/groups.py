"""How a room of N people splits at each step of 1-2-4-All.

Liberating Structures: with an odd number, one trio at the pairs step; at the fours step,
groups of three or five when the count does not divide by four.
"""

from __future__ import annotations

from collections import Counter

from hexikit.base.i18n import _, ngettext
from hexikit.timer.engine import GroupSize


def split(people: int, group: GroupSize) -> list[int]:
    """Group sizes, largest first, for `people` at a step of size `group`."""
    if people <= 0:
        return []
    if group is GroupSize.ONE:
        return [1] * people
    if group is GroupSize.ALL:
        return [people]
    if group is GroupSize.TWO:
        return _pairs(people)
    return _fours(people)


def _pairs(people: int) -> list[int]:
    if people < 4:
        return [people]  # 1 alone, a pair, or a trio
    trios = people % 2
    pairs = (people - 3 * trios) // 2
    return [3] * trios + [2] * pairs


def _fours(people: int) -> list[int]:
    if people <= 5:
        return [people]  # one group (of 1 to 5)
    fours, rest = divmod(people, 4)
    if rest == 0:
        return [4] * fours
    if rest == 1:  # one five
        return [5] + [4] * (fours - 1)
    if rest == 2:  # two threes (6 → 3+3, 10 → 4+3+3)
        return [4] * (fours - 1) + [3, 3]
    return [4] * fours + [3]  # rest == 3: one three


def describe(people: int, group: GroupSize) -> str:
    """Plain words for a split, e.g. "2 pairs and 1 trio" or "1 group of 5, 1 group of 4"."""
    sizes = split(people, group)
    if not sizes:
        return _("Enter how many people are in the room.")
    if group is GroupSize.ONE:
        return ngettext("{n} person on their own", "{n} people, each on their own", people).format(
            n=people
        )
    if group is GroupSize.ALL:
        return ngettext("{n} person together", "all {n} people together", people).format(n=people)
    parts: list[str] = []
    for size, count in sorted(Counter(sizes).items(), key=lambda item: -item[0]):
        parts.append(_group_words(size, count))
    return _(", ").join(parts[:-1]) + (_(" and ") if len(parts) > 1 else "") + parts[-1]


def _group_words(size: int, count: int) -> str:
    if size == 1:
        return ngettext("{n} person alone", "{n} people alone", count).format(n=count)
    if size == 2:
        return ngettext("{n} pair", "{n} pairs", count).format(n=count)
    if size == 3:
        return ngettext("{n} trio", "{n} trios", count).format(n=count)
    if size == 4:
        return ngettext("{n} foursome", "{n} foursomes", count).format(n=count)
    return ngettext("{n} group of {size}", "{n} groups of {size}", count).format(n=count, size=size)
