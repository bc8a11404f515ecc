"""Validation in the core: every problem found at once, each in words a person can act on,
and awkward but valid text (Welsh names, emoji, right-to-left, SQL-looking) kept exactly."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from hexikit.records.domain import (
    CATEGORIES,
    MAX_DESCRIPTION,
    MAX_TITLE,
    REGIONS,
    ActivityInput,
    EventInput,
    Kind,
    Mode,
    ParticipantInput,
    ValidationError,
    clean_text,
    format_hours,
    match_category,
    match_region,
    parse_hours,
    parse_mode,
    validate_activity,
    validate_event,
    validate_participant,
)
from hexikit.records.recording import record_activity
from hexikit.store import Store

AWKWARD_NAMES = [
    "Llŷr",
    "Siân",
    "Zoë",
    "Łukasz",
    "O'Brien",
    "Dafydd ap Gruffydd-Hughes",
    "🙂 Sam 👩🏽‍⚕️",
    "محمد عبد الله",  # right to left
    "דנה לוי",
    "Robert'); DROP TABLE participants;--",
    "1 OR 1=1; --",
    "名前",
]

HUGE = "x" * 100_000


def problems_of(call: Callable[..., object], *args: object) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        call(*args)
    return caught.value.problems


def offer(**changes: object) -> ActivityInput:
    values: dict[str, object] = {"kind": Kind.OFFER, "title": "Help with run charts"}
    values.update(changes)
    return ActivityInput(**values)  # type: ignore[arg-type]


# ---------------------------------------------------------------- activities


def test_title_is_required_with_a_helpful_message() -> None:
    for blank in ("", "   ", "\t\n", "\x00\x07"):
        problems = problems_of(validate_activity, offer(title=blank))
        assert problems["title"].startswith("A title is needed")


def test_huge_fields_get_a_clear_length_message() -> None:
    problems = problems_of(validate_activity, offer(title=HUGE, description=HUGE))
    assert problems["title"] == (
        f"The title is too long: 100000 characters, the limit is {MAX_TITLE}."
    )
    assert problems["description"] == (
        f"The description is too long: 100000 characters, the limit is {MAX_DESCRIPTION}."
    )


def test_every_problem_is_reported_at_once() -> None:
    problems = problems_of(
        validate_activity,
        ActivityInput(
            kind="maybe",  # type: ignore[arg-type]
            title="",
            categories=["Design", "Juggling", "Knitting"],
            regions=["Atlantis"],
            mode="by pigeon",  # type: ignore[arg-type]
            hours=Decimal("0.3"),
        ),
    )
    assert set(problems) == {"kind", "title", "categories", "regions", "mode", "hours"}
    assert "'Juggling', 'Knitting'" in problems["categories"]
    assert "Engagement" in problems["categories"]  # says what is allowed
    assert "'Atlantis'" in problems["regions"] and "Walsall" in problems["regions"]
    assert "quarter hours" in problems["hours"]


def test_a_huge_bad_category_does_not_flood_the_message() -> None:
    problems = problems_of(validate_activity, offer(categories=[HUGE]))
    assert len(problems["categories"]) < 400


def test_categories_and_regions_are_matched_without_case_and_deduplicated() -> None:
    clean = validate_activity(
        offer(
            categories=["design", "DESIGN", " quality of care "],
            regions=["wales", "North east"],
        )
    )
    assert clean.categories == ["Design", "Quality of care"]
    assert clean.regions == ["Wales", "North East"]
    assert all(match_category(name.upper()) == name for name in CATEGORIES)
    assert all(match_region(name.lower()) == name for name in REGIONS)
    assert len(CATEGORIES) == 8 and len(REGIONS) == 11


def test_kind_and_mode_accept_what_people_type() -> None:
    clean = validate_activity(offer(kind="Request", mode="f2f"))
    assert clean.kind is Kind.REQUEST and clean.mode is Mode.FACE_TO_FACE
    assert parse_mode("Face to face") is Mode.FACE_TO_FACE
    assert parse_mode("online") is Mode.REMOTE
    assert parse_mode("") is Mode.EITHER


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("0.25", "0.25"), ("1", "1"), ("1,5", "1.5"), (" 100 ", "100"), ("", None), (None, None)],
)
def test_hours_in_quarter_hours(typed: str | None, expected: str | None) -> None:
    hours = parse_hours(typed)
    assert (hours is None and expected is None) or hours == Decimal(str(expected))


@pytest.mark.parametrize(
    ("hours", "shown"),
    [(Decimal("1.50"), "1.5"), (Decimal("100.00"), "100"), (Decimal("0.25"), "0.25"), (None, "")],
)
def test_hours_read_as_a_person_would_type_them(hours: Decimal | None, shown: str) -> None:
    assert format_hours(hours) == shown
    assert hours is None or parse_hours(shown) == hours


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("0", "between 0.25 and 100"),
        ("0.2", "between 0.25 and 100"),
        ("100.25", "between 0.25 and 100"),
        ("-1", "between 0.25 and 100"),
        ("1.1", "quarter hours"),
        ("NaN", "between 0.25 and 100"),
        ("Infinity", "between 0.25 and 100"),
        ("two", "must be a number"),
        (HUGE, "must be a number"),
    ],
)
def test_bad_hours_say_what_is_wrong(typed: str, words: str) -> None:
    problems = problems_of(parse_hours, typed)
    assert words in problems["hours"]


@pytest.mark.parametrize("text", AWKWARD_NAMES)
def test_awkward_text_is_kept_exactly(text: str) -> None:
    clean = validate_activity(offer(title=text, description=text))
    assert clean.title == text and clean.description == text
    person = validate_participant(ParticipantInput(name=text, organisation=text))
    assert person.name == text and person.organisation == text


def test_clean_text_normalises_but_keeps_meaning() -> None:
    decomposed = "Sia\u0302n"  # â typed as a + combining circumflex
    assert clean_text(decomposed) == "Siân"
    assert clean_text("  Zoë \x00\x1b ") == "Zoë"
    assert clean_text("line one\r\nline two") == "line one\nline two"
    assert clean_text("\u200fRTL mark kept") == "\u200fRTL mark kept"  # format chars kept


# ---------------------------------------------------------------- participants and events


def test_participant_name_and_email() -> None:
    assert problems_of(validate_participant, ParticipantInput(name=" "))["name"].startswith(
        "A name is needed"
    )
    problems = problems_of(validate_participant, ParticipantInput(name="Siân", email="sian@"))
    assert "does not look like an email address" in problems["email"]
    assert validate_participant(ParticipantInput(name="Siân", email=" s@nhs.wales ")).email == (
        "s@nhs.wales"
    )


def test_participant_huge_fields() -> None:
    problems = problems_of(
        validate_participant,
        ParticipantInput(name=HUGE, email=HUGE + "@x.org", organisation=HUGE, role=HUGE),
    )
    assert set(problems) == {"name", "email", "organisation", "role"}
    assert problems["email"].startswith("The email address is too long")
    assert all(len(message) < 200 for message in problems.values())


def test_consent_keeps_the_wording_shown() -> None:
    agreed = validate_participant(ParticipantInput(name="Zoë", consent=True))
    assert agreed.consent and "Hexitime" in agreed.consent_wording
    declined = validate_participant(ParticipantInput(name="Zoë"))
    assert not declined.consent and declined.consent_wording == ""


def test_event_validation() -> None:
    clean = validate_event(EventInput(title=" Hexithon ", date="2026-11-26", region="wales"))
    assert (clean.title, clean.date, clean.region) == ("Hexithon", "2026-11-26", "Wales")
    problems = problems_of(
        validate_event, EventInput(title="", date="26/11/2026", region="Mars", venue=HUGE)
    )
    assert set(problems) == {"title", "date", "region", "venue"}
    assert "2026-11-26" in problems["date"]
    assert len(problems["region"]) < 200


# ---------------------------------------------------------------- stored literally


def test_awkward_text_round_trips_through_the_store(store: Store) -> None:
    from hexikit.records.domain import EventInput as NewEvent

    event = store.create_event(NewEvent(title="Hexithon"))
    for text in AWKWARD_NAMES:
        record_activity(
            store,
            event.id,
            offer(title=text, description=text + "\n" + text),
            ParticipantInput(name=text, organisation=text),
        )
    stored = store.list_activities(event.id)
    assert [row.title for row in stored] == AWKWARD_NAMES
    assert [row.description for row in stored] == [f"{t}\n{t}" for t in AWKWARD_NAMES]
    names = sorted(person.name for person in store.list_participants(event.id))
    assert names == sorted(AWKWARD_NAMES)
    # The SQL-looking text did nothing to the tables.
    assert store.counts(event.id).offers == len(AWKWARD_NAMES)
