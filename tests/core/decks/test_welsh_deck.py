"""The Welsh built-in deck (issue 17): written in Welsh, 8-12 slides, a five-minute pitch, the
English deck's drawings (their words in Welsh)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hexikit.base.resources import builtin_deck_dir
from hexikit.decks.deck import speaking_seconds
from hexikit.decks.loading import load_deck
from hexikit.decks.markdown import fit_problems


def test_welsh_deck_checks_out() -> None:
    folder = builtin_deck_dir("cy")
    assert folder.name == "hexithon-intro-cy"
    deck = load_deck(folder)
    assert deck.language == "cy"
    assert deck.problems == [], deck.problems
    assert 8 <= len(deck.slides) <= 12
    assert 550 <= deck.notes_words <= 900
    assert all(slide.notes_words > 20 for slide in deck.slides)
    # A five-minute pitch at 140 words per minute (the target the deck sets).
    assert deck.target_minutes == 5
    assert speaking_seconds(deck.notes_words, 140) <= 5 * 60
    text = " ".join(slide.notes + slide.body for slide in deck.slides).lower()
    for word in ("bancio amser", "cynnig", "cais", "1-2-4-pawb", "hexithon", "adborth", "cerdyn"):
        assert word in text, word
    # Written in Welsh, not left in English.
    for english in (" the ", " and ", " you ", "timebank "):
        assert english not in f" {text} ", english


def test_welsh_deck_has_the_english_decks_drawings_with_welsh_words() -> None:
    english = load_deck(builtin_deck_dir("en"))
    welsh = load_deck(builtin_deck_dir("cy"))
    names = [[image.path.name for image in s.images if image.path] for s in english.slides]
    assert names == [[image.path.name for image in s.images if image.path] for s in welsh.slides]
    words = {
        text.text
        for slide in welsh.slides
        for image in slide.images
        if image.path is not None
        for text in ET.parse(image.path).getroot().iter("{http://www.w3.org/2000/svg}text")
    }
    assert {"Cynnig", "Cais", "Pawb"} <= words
    assert not words & {"Offer", "Request", "All"}


def test_welsh_deck_fits_its_slides() -> None:
    deck = load_deck(builtin_deck_dir("cy"))
    assert fit_problems(deck) == []


def test_a_language_without_a_deck_falls_back_to_english() -> None:
    assert builtin_deck_dir("fr") == builtin_deck_dir("en") == builtin_deck_dir()
