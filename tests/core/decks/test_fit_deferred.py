"""The presenter reads a deck without the overflow measure first (slide 1 is not kept waiting)
and measures afterwards: the same warnings in the end."""

from __future__ import annotations

from hexikit.decks.markdown import fit_deferred, fit_problems, parse_deck

CROWDED = "# Crowded\n\n" + "\n".join(f"- point number {n} about run charts" for n in range(40))
DECK = f"# Welcome\n\nNotes: hello\n\n---\n\n{CROWDED}\n"


def test_deferred_then_measured_gives_the_same_warnings() -> None:
    whole = parse_deck(DECK)
    with fit_deferred():
        quick = parse_deck(DECK)
    measured = fit_problems(quick)
    assert measured, "the crowded slide overflows"
    assert not any(problem in quick.problems for problem in measured)
    assert sorted(p.message for p in quick.problems + measured) == sorted(
        p.message for p in whole.problems
    )


def test_outside_the_block_decks_are_measured_again() -> None:
    with fit_deferred():
        parse_deck(DECK)
    assert fit_problems(parse_deck(DECK))[0] in parse_deck(DECK).problems
