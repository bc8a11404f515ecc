"""Recording with participants, CSV/JSON export and CSV import: round trips of awkward text,
Excel safety, encodings, separators, missing and extra columns, and all-or-nothing imports."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hexikit.records.domain import ActivityInput, EventInput, Kind, Mode, ParticipantInput
from hexikit.records.exchange import (
    CSV_COLUMNS,
    ImportFailed,
    import_csv,
    import_csv_bytes,
    neutralise,
    unneutralise,
)
from hexikit.records.export import export_csv, export_json
from hexikit.records.recording import find_event, record_activity
from hexikit.store import Store, StoreError
from hexikit.store.models import Activity, OutboxOperation, Participant

AWKWARD = [
    "Llŷr ap Siôn",
    "Siân O'Brien",
    "Zoë",
    "Łukasz",
    "🙂 Sam 👩🏽‍⚕️",
    "محمد عبد الله",
    "דנה לוי",
    "Robert'); DROP TABLE activities;--",
    "=1+1",
    "+44 7700 900123",
    "-5 minutes",
    "@channel",
    "'=already quoted",
    "''+twice",
    "'tis the season",
    'quote " comma , semicolon ;',
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def outbox_count(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxOperation)) or 0)


def activity_count(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Activity)) or 0)


@pytest.fixture
def event_id(store: Store) -> str:
    return store.create_event(EventInput(title="Hexithon Cardiff", region="Wales")).id


def fill_awkward(store: Store, event_id: str) -> None:
    for number, text in enumerate(AWKWARD):
        record_activity(
            store,
            event_id,
            ActivityInput(
                kind=Kind.OFFER if number % 2 else Kind.REQUEST,
                title=text,
                description=f"{text}\nsecond line: {text}",
                categories=["Design", "Quality of care"] if number % 3 else [],
                regions=["Wales"] if number % 2 else ["London", "North East"],
                mode=[Mode.REMOTE, Mode.FACE_TO_FACE, Mode.EITHER][number % 3],
                hours=[None, Decimal("0.25"), Decimal("1.5"), Decimal("100")][number % 4],
            ),
            ParticipantInput(
                name=text,
                email=f"person{number}@example.org" if number % 2 else "",
                organisation=text,
                consent=number % 2 == 0,
            )
            if number % 5
            else None,
        )


def comparable(store: Store, event_id: str) -> list[tuple[object, ...]]:
    people = {person.id: person for person in store.list_participants(event_id)}
    rows: list[tuple[object, ...]] = []
    for activity in store.list_activities(event_id):
        person = people.get(activity.participant_id or "")
        rows.append(
            (
                activity.kind,
                activity.title,
                activity.description,
                tuple(activity.categories),
                tuple(activity.regions),
                activity.mode,
                activity.hours,
                person.name if person else None,
                person.email if person else None,
                person.organisation if person else None,
                person.consent if person else None,
            )
        )
    return rows


# ---------------------------------------------------------------- recording


def test_record_reuses_the_participant_by_name_and_fills_blanks(
    store: Store, event_id: str
) -> None:
    first = record_activity(
        store,
        event_id,
        ActivityInput(kind=Kind.OFFER, title="Coaching"),
        ParticipantInput(name="Siân  Jones", email="sian@example.org"),
    )
    second = record_activity(
        store,
        event_id,
        ActivityInput(kind=Kind.REQUEST, title="Stats help"),
        ParticipantInput(name="siân jones", email="other@example.org", organisation="NHS Wales"),
    )
    assert first.participant_id == second.participant_id
    (person,) = store.list_participants(event_id)
    assert person.name == "Siân  Jones"  # as first typed
    assert person.email == "sian@example.org"  # never overwritten
    assert person.organisation == "NHS Wales"  # a blank filled in
    # Another event: another participant with the same name.
    other = store.create_event(EventInput(title="Hexithon London")).id
    third = record_activity(
        store, other, ActivityInput(kind=Kind.OFFER, title="x"), ParticipantInput(name="Siân Jones")
    )
    assert third.participant_id != first.participant_id


def test_record_is_one_transaction(store: Store, event_id: str) -> None:
    before = outbox_count(store)
    with pytest.raises(StoreError):
        record_activity(
            store,
            "00000000-0000-4000-8000-000000000000",
            ActivityInput(kind=Kind.OFFER, title="x"),
            ParticipantInput(name="Nobody"),
        )
    assert store.list_participants(None) == [] and outbox_count(store) == before


def test_find_event_by_id_or_prefix(store: Store, event_id: str) -> None:
    assert find_event(store, event_id).id == event_id
    assert find_event(store, event_id[:8].upper()).id == event_id
    with pytest.raises(StoreError, match="no event"):
        find_event(store, "abc")  # too short to be a prefix
    with pytest.raises(StoreError, match="no event"):
        find_event(store, "not-an-event")


# ---------------------------------------------------------------- export


def test_neutralise_and_unneutralise_are_exact_inverses() -> None:
    for text in [*AWKWARD, "", "'", "''", "\tTabbed", "\rCR", "plain", "-", "'-"]:
        safe = neutralise(text)
        assert not safe.startswith(FORMULA_STARTS)
        assert unneutralise(safe) == text


def test_csv_export_has_every_field_and_is_excel_safe(store: Store, event_id: str) -> None:
    fill_awkward(store, event_id)
    text = export_csv(store, event_id)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(AWKWARD) + 1
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), cell
    by_title = {unneutralise(row[4]): dict(zip(CSV_COLUMNS, row, strict=True)) for row in rows[1:]}
    sian = by_title["Siân O'Brien"]
    assert sian["participant_name"] == "Siân O'Brien"
    assert sian["participant_email"] == "person1@example.org"
    assert sian["categories"] == "Design; Quality of care"
    assert sian["hours"] == "0.25"
    assert sian["participant_claim_code"] and sian["created_at"].endswith("+00:00")
    assert by_title["=1+1"]["title"] == "'=1+1"
    assert by_title["'=already quoted"]["title"] == "''=already quoted"
    assert by_title["'tis the season"]["title"] == "'tis the season"
    assert text.count("\r\n") >= len(rows)  # CRLF, what spreadsheets expect


def test_csv_round_trip_is_exact(store: Store, event_id: str, tmp_path: Path) -> None:
    fill_awkward(store, event_id)
    exported = tmp_path / "export.csv"
    exported.write_text(export_csv(store, event_id), encoding="utf-8-sig", newline="")
    second = store.create_event(EventInput(title="Copy")).id
    # Same ids would be skipped as already here; drop them to import as new records. The
    # participant ids stay: those people belong to the first event, so the copy gets its own.
    rows = list(csv.DictReader(io.StringIO(exported.read_text("utf-8-sig"), newline="")))
    for row in rows:
        row["id"] = ""
    copy = io.StringIO()
    writer = csv.DictWriter(copy, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    result = import_csv_bytes(store, copy.getvalue().encode("utf-8"), second)
    assert result.activities == len(AWKWARD)
    assert comparable(store, second) == comparable(store, event_id)
    first_people = {person.id for person in store.list_participants(event_id)}
    copied_people = {person.id for person in store.list_participants(second)}
    assert len(copied_people) == len(first_people) and not copied_people & first_people
    assert {a.participant_id for a in store.list_activities(second)} - {None} == copied_people


def test_round_trip_into_a_fresh_laptop_keeps_ids_and_claim_codes(
    store: Store, event_id: str, tmp_path: Path
) -> None:
    fill_awkward(store, event_id)
    exported = export_csv(store, event_id).encode("utf-8-sig")
    original_people = {p.id: p for p in store.list_participants(event_id)}

    other = Store.open(tmp_path / "other-laptop")
    try:
        new_event = other.create_event(EventInput(title="Hexithon Cardiff")).id
        result = import_csv_bytes(other, exported, new_event)
        assert result.activities == len(AWKWARD)
        assert result.participants_created == len(original_people)
        assert comparable(other, new_event) == comparable(store, event_id)
        assert {a.id for a in other.list_activities(new_event)} == {
            a.id for a in store.list_activities(event_id)
        }
        for person in other.list_participants(new_event):
            original = original_people[person.id]
            assert person.claim_code == original.claim_code
            assert person.consent_at == original.consent_at

        # Importing the same file again adds nothing: the ids are already there.
        again = import_csv_bytes(other, exported, new_event)
        assert (again.activities, again.skipped_existing) == (0, len(AWKWARD))
        assert len(other.list_activities(new_event)) == len(AWKWARD)
    finally:
        other.close()


def test_json_export_has_everything_in_utf8(store: Store, event_id: str) -> None:
    fill_awkward(store, event_id)
    text = export_json(store, event_id)
    assert "Llŷr ap Siôn" in text  # not \u-escaped
    document = json.loads(text)
    assert document["format"] == "hexikit-export"
    assert [event["id"] for event in document["events"]] == [event_id]
    assert len(document["activities"]) == len(AWKWARD)
    assert {activity["title"] for activity in document["activities"]} == set(AWKWARD)
    person = document["participants"][0]
    assert {"claim_code", "consent", "consent_at", "consent_wording", "email"} <= set(person)
    assert {"created_at", "updated_at", "deleted_at", "hours", "mode"} <= set(
        document["activities"][0]
    )


def test_export_leaves_out_deleted_activities(store: Store, event_id: str) -> None:
    kept = store.create_activity(event_id, ActivityInput(kind=Kind.OFFER, title="Kept"))
    gone = store.create_activity(event_id, ActivityInput(kind=Kind.OFFER, title="Gone"))
    store.delete(Activity, gone.id)
    text = export_csv(store, event_id)
    assert kept.id in text and gone.id not in text


# ---------------------------------------------------------------- import: encodings, separators


def test_import_utf8_with_bom_and_semicolons(store: Store, event_id: str) -> None:
    text = (
        "Kind;Title;Categories;Regions;Participant name;Hours\r\n"
        "offer;Run a PDSA workshop;Design, Quality of care;Wales;Llŷr;1,5\r\n"
        'request;"Help; with stats";statistical analysis;;Siân;\r\n'
    )
    result = import_csv_bytes(store, text.encode("utf-8-sig"), event_id)
    assert (result.encoding, result.delimiter, result.activities) == ("utf-8", ";", 2)
    first, second = store.list_activities(event_id)
    assert first.categories == ["Design", "Quality of care"] and first.hours == Decimal("1.5")
    assert second.title == "Help; with stats" and second.categories == ["Statistical analysis"]
    assert sorted(p.name for p in store.list_participants(event_id)) == ["Llŷr", "Siân"]


def test_import_windows_1252(store: Store, event_id: str) -> None:
    text = "kind,title,participant_name\r\noffer,Café chat – résumé help,Zoë O’Brien\r\n"
    result = import_csv_bytes(store, text.encode("cp1252"), event_id)
    assert result.encoding == "windows-1252"
    (activity,) = store.list_activities(event_id)
    assert activity.title == "Café chat – résumé help"
    assert store.list_participants(event_id)[0].name == "Zoë O’Brien"


def test_import_utf16_tab_separated(store: Store, event_id: str) -> None:
    text = "kind\ttitle\tname\r\noffer\tŁukasz helps\tŁukasz\r\n"
    result = import_csv_bytes(store, text.encode("utf-16"), event_id)
    assert (result.encoding, result.delimiter) == ("utf-16", "\t")
    assert store.list_activities(event_id)[0].title == "Łukasz helps"


def test_import_with_missing_and_extra_columns(store: Store, event_id: str) -> None:
    text = "Title,Kind,Notes for us,Table number\nCoaching,offer,ignore me,4\n"
    result = import_csv_bytes(store, text.encode(), event_id)
    assert result.ignored_columns == ["Notes for us", "Table number"]
    (activity,) = store.list_activities(event_id)
    assert (activity.title, activity.mode, activity.hours, activity.participant_id) == (
        "Coaching",
        "either",
        None,
        None,
    )


def test_import_takes_the_event_from_the_file(store: Store, event_id: str) -> None:
    text = f"event_id,kind,title\n{event_id},offer,From the file\n"
    import_csv_bytes(store, text.encode())
    assert [a.title for a in store.list_activities(event_id)] == ["From the file"]


# ---------------------------------------------------------------- import: bad files and rows


def test_every_bad_row_is_reported_and_nothing_is_imported(store: Store, event_id: str) -> None:
    store.create_activity(event_id, ActivityInput(kind=Kind.OFFER, title="Already here"))
    before = (activity_count(store), outbox_count(store))
    long_text = "y" * 100_000
    text = (
        "kind,title,description,hours,categories,participant_name,participant_email\n"
        "offer,Fine row,,1,,Siân,\n"  # line 2: fine
        "offer,,,,,,\n"  # line 3: no title
        'request,"A title with\na line break",,0.1,,,\n'  # lines 4-5: bad hours
        f"offer,{long_text},,,,,\n"  # line 6: too long
        "gift,Something,,,Juggling,,\n"  # line 7: bad kind and category
        "offer,Mail,,,,,not-an-email\n"  # line 8: email without a name
        "offer,Mail,,,,Zoë,zoe@\n"  # line 9: bad email
        ",,,,,,\n"  # blank line: ignored
        "offer,Also fine,,,,Łukasz,lukasz@example.org\n"  # line 11: fine
    )
    with pytest.raises(ImportFailed) as caught:
        import_csv_bytes(store, text.encode(), event_id)
    problems = {problem.line: problem.message for problem in caught.value.problems}
    assert sorted(problems) == [3, 4, 6, 7, 8, 9]
    assert "A title is needed" in problems[3]
    assert "between 0.25 and 100" in problems[4]
    assert "100000 characters" in problems[6] and len(problems[6]) < 300
    assert "Kind must be" in problems[7] and "'Juggling'" in problems[7]
    assert "name is blank" in problems[8]
    assert "email address" in problems[9]
    report = caught.value.report()
    assert report.splitlines()[0].startswith("Nothing was imported: 6 lines need fixing first.")
    assert "line 4: " in report
    assert (activity_count(store), outbox_count(store)) == before
    assert store.list_participants(event_id) == []


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"  \r\n", "empty"),
        (b"title,description\nx,y\n", "'kind'"),
        (b"name,email\nx,y\n", "'kind' and 'title'"),
        (b"kind,title,Title\noffer,x,y\n", "appears twice"),
        (b"\x81\x8d\x8f\x90\x9d\xff\xfe", "not UTF-8 or Windows-1252"),
    ],
)
def test_whole_file_problems(store: Store, event_id: str, content: bytes, words: str) -> None:
    with pytest.raises(ImportFailed, match=words):
        import_csv_bytes(store, content, event_id)
    assert activity_count(store) == 0


def test_no_event_anywhere_is_explained(store: Store) -> None:
    with pytest.raises(ImportFailed, match="--event"):
        import_csv_bytes(store, b"kind,title\noffer,x\n")


def test_unknown_event_in_rows_is_reported_per_line(store: Store, event_id: str) -> None:
    text = (
        f"event_id,kind,title\n{event_id},offer,ok\n"
        "11111111-1111-4111-8111-111111111111,offer,lost\n"
    )
    with pytest.raises(ImportFailed) as caught:
        import_csv_bytes(store, text.encode())
    assert [problem.line for problem in caught.value.problems] == [3]
    assert "not in this Hexikit" in caught.value.problems[0].message


def test_row_with_too_many_cells(store: Store, event_id: str) -> None:
    with pytest.raises(ImportFailed) as caught:
        import_csv_bytes(store, b"kind,title\noffer,Coffee, tea and cake\n", event_id)
    assert "more cells than the header" in caught.value.problems[0].message


def test_rows_with_the_same_new_participant_make_one_person(store: Store, event_id: str) -> None:
    text = "kind,title,participant_name\noffer,One,Zoë\nrequest,Two,ZOË\noffer,Three,Łukasz\n"
    result = import_csv_bytes(store, text.encode(), event_id)
    assert result.participants_created == 2
    assert sorted(p.name for p in store.list_participants(event_id)) == ["Zoë", "Łukasz"]


def test_import_reuses_a_participant_already_recorded(store: Store, event_id: str) -> None:
    record_activity(
        store, event_id, ActivityInput(kind=Kind.OFFER, title="x"), ParticipantInput(name="Siân")
    )
    result = import_csv_bytes(store, "kind,title,name\noffer,y,SIÂN\n".encode(), event_id)
    assert result.participants_created == 0
    assert len(store.list_participants(event_id)) == 1


def test_import_writes_one_outbox_row_per_record(store: Store, event_id: str) -> None:
    before = outbox_count(store)
    text = "kind,title,participant_name\noffer,One,Zoë\nrequest,Two,Zoë\n"
    import_csv_bytes(store, text.encode(), event_id)
    with store.session() as session:
        people = session.scalar(select(func.count()).select_from(Participant))
    assert outbox_count(store) - before == 2 + int(people or 0)


def test_import_missing_file_is_a_plain_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="Could not read"):
        import_csv(store, tmp_path / "nope.csv")


def test_skipped_rows_create_nothing_not_even_their_participants(
    store: Store, event_id: str
) -> None:
    fill_awkward(store, event_id)
    exported = export_csv(store, event_id).encode("utf-8-sig")
    other_event = store.create_event(EventInput(title="Another Hexithon")).id
    outbox_before = outbox_count(store)
    people_before = len(store.list_participants(None))

    # Every activity id is already here, so every row is skipped: the people those rows name
    # must not be created in the other event either.
    result = import_csv_bytes(store, exported, other_event)

    assert (result.activities, result.skipped_existing) == (0, len(AWKWARD))
    assert result.participants_created == 0
    assert store.list_participants(other_event) == []
    assert len(store.list_participants(None)) == people_before
    assert outbox_count(store) == outbox_before
