"""CSV and JSON export of offers and requests, and CSV import: the core under the CLI.

Export (`export_csv`, `export_json`): every field of each live activity and of its participant,
UTF-8. CSV cells that a spreadsheet would run as a formula (starting with = + - @, tab or
carriage return) get a leading apostrophe; import takes it off again (`unneutralise`).

Import (`import_csv`): the same columns as the export (any order, any subset as long as
`kind` and `title` are there), UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1252;
comma, semicolon or tab separated. Unknown columns are ignored and named in the result. The
whole file is checked first, and every bad row is reported by line number; only a file with
no bad row is stored, in one transaction through the store's write path, so an import is all
or nothing.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hexikit.base.i18n import _, ngettext
from hexikit.records.claimcodes import normalise_claim_code
from hexikit.records.domain import (
    ActivityInput,
    Kind,
    Mode,
    ParticipantInput,
    ValidationError,
    clean_text,
    format_hours,
    parse_hours,
    parse_kind,
    parse_mode,
    validate_activity,
    validate_participant,
)
from hexikit.records.recording import name_key
from hexikit.store import NewRow, Store, StoreWriteError
from hexikit.store.models import Activity, Event, Participant, new_uuid

#: Columns of the CSV export, in order; import accepts the same names.
CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "event_id",
    "event_title",
    "kind",
    "title",
    "description",
    "categories",
    "regions",
    "mode",
    "hours",
    "participant_id",
    "participant_name",
    "participant_email",
    "participant_organisation",
    "participant_role",
    "participant_region",
    "participant_is_member",
    "participant_consent",
    "participant_consent_at",
    "participant_consent_wording",
    "participant_claim_code",
    "created_at",
    "updated_at",
)

#: Header spellings people use in their own spreadsheets, mapped to our column names.
COLUMN_ALIASES = {
    "type": "kind",
    "category": "categories",
    "region": "regions",
    "name": "participant_name",
    "participant": "participant_name",
    "email": "participant_email",
    "organisation": "participant_organisation",
    "organization": "participant_organisation",
    "participant_organization": "participant_organisation",
    "role": "participant_role",
}

#: The Welsh headers of `export_csv(..., language="cy")` (issue 17), fixed here rather than in
#: the catalogue: a header is a name other files depend on. Import reads them too.
WELSH_COLUMNS: dict[str, str] = {
    "id": "id",
    "event_id": "id_digwyddiad",
    "event_title": "teitl_digwyddiad",
    "kind": "math",
    "title": "teitl",
    "description": "disgrifiad",
    "categories": "categorïau",
    "regions": "rhanbarthau",
    "mode": "dull",
    "hours": "oriau",
    "participant_id": "id_cyfranogwr",
    "participant_name": "enw_cyfranogwr",
    "participant_email": "ebost_cyfranogwr",
    "participant_organisation": "sefydliad_cyfranogwr",
    "participant_role": "rôl_cyfranogwr",
    "participant_region": "rhanbarth_cyfranogwr",
    "participant_is_member": "cyfranogwr_yn_aelod",
    "participant_consent": "caniatâd_cyfranogwr",
    "participant_consent_at": "caniatâd_cyfranogwr_am",
    "participant_consent_wording": "geiriad_caniatâd_cyfranogwr",
    "participant_claim_code": "cod_hawlio_cyfranogwr",
    "created_at": "crëwyd_am",
    "updated_at": "diweddarwyd_am",
}
COLUMN_ALIASES.update({welsh: column for column, welsh in WELSH_COLUMNS.items()})

#: Columns the export writes for people to read; import does not need them.
INFORMATIONAL_COLUMNS = frozenset({"event_title", "updated_at"})

PARTICIPANT_COLUMNS = tuple(column for column in CSV_COLUMNS if column.startswith("participant_"))

#: A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})

#: Separator inside the categories and regions cells (import also accepts , and |).
LIST_SEPARATOR = "; "

JSON_FORMAT = "hexikit-export"
JSON_VERSION = 1

_TRUE_WORDS = frozenset({"yes", "y", "true", "1", "ja", "oui", "ie"})
_FALSE_WORDS = frozenset({"no", "n", "false", "0", ""})


# ---------------------------------------------------------------- cell helpers


def neutralise(value: str) -> str:
    """Make `value` safe to open in a spreadsheet: a formula-like start gets an apostrophe.

    A value that already starts with apostrophes before a formula character gets one more,
    so `unneutralise` gives back exactly what was stored.
    """
    if value.lstrip("'")[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def unneutralise(value: str) -> str:
    """Undo `neutralise`: one apostrophe before (apostrophes and) a formula character goes."""
    if value.startswith("'") and value.lstrip("'")[:1] in FORMULA_STARTS:
        return value[1:]
    return value


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format_hours(value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return str(value)


def split_list(text: str) -> list[str]:
    """Categories or regions from one cell: separated by ; , or |."""
    for separator in (",", "|"):
        text = text.replace(separator, ";")
    return [part.strip() for part in text.split(";") if part.strip()]


def parse_bool(text: str) -> bool | None:
    """yes/no (and true/false, 1/0); blank is no; None when it is neither."""
    word = clean_text(text).casefold()
    if word in _TRUE_WORDS:
        return True
    if word in _FALSE_WORDS:
        return False
    return None


def parse_timestamp(text: str) -> datetime | None:
    """An ISO 8601 time (naive means UTC), or None when blank or not a time."""
    text = clean_text(text)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


# ---------------------------------------------------------------- import: reading the file


@dataclass(frozen=True)
class RowProblem:
    """What is wrong with one line of an imported file."""

    line: int
    message: str

    def __str__(self) -> str:
        return _("line {line}: {message}").format(line=self.line, message=self.message)


class ImportFailed(Exception):
    """Nothing was imported; `problems` lists every bad row (empty for a whole-file problem)."""

    def __init__(self, message: str, problems: Sequence[RowProblem] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)

    def report(self) -> str:
        """The message and every row problem, one per line."""
        return "\n".join([str(self), *(str(problem) for problem in self.problems)])


@dataclass
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    activities: int = 0
    participants_created: int = 0
    skipped_existing: int = 0
    ignored_columns: list[str] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","


def import_summary(result: ImportResult) -> list[str]:
    """What an import did, a sentence per line (the command line and the app say the same)."""
    lines: list[str] = []
    if result.ignored_columns:
        lines.append(
            _("Ignored columns Hexikit does not use: {names}.").format(
                names=", ".join(result.ignored_columns)
            )
        )
    lines.append(
        _(
            "Imported {activities} offers and requests and {people} new participants "
            "({encoding}, '{delimiter}' separated)."
        ).format(
            activities=result.activities,
            people=result.participants_created,
            encoding=result.encoding,
            delimiter="tab" if result.delimiter == "\t" else result.delimiter,
        )
    )
    if result.skipped_existing:
        lines.append(
            _("Skipped {count} rows already in Hexikit (same id).").format(
                count=result.skipped_existing
            )
        )
    return lines


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """(text, encoding name): UTF-16 with BOM, UTF-8 (BOM optional), else Windows-1252."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    else:
        try:
            return raw.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            pass
        try:
            return raw.decode("cp1252"), "windows-1252"
        except UnicodeDecodeError:
            pass
    raise ImportFailed(
        _(
            "The file's text encoding is not UTF-8 or Windows-1252. In your spreadsheet, save "
            "it as 'CSV UTF-8' and import it again."
        )
    )


def sniff_delimiter(text: str) -> str:
    """The separator used in the header line: whichever of , ; tab appears most (comma wins ties)."""
    header = text.split("\n", 1)[0]
    counts = {delimiter: header.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > counts[","] else ","


def normalise_header(name: str) -> str:
    key = clean_text(name).lstrip("\ufeff").casefold().replace(" ", "_").replace("-", "_")
    return COLUMN_ALIASES.get(key, key)


@dataclass
class _ParsedFile:
    columns: dict[str, int]  # our column name -> index in the row
    ignored: list[str]
    rows: list[tuple[int, list[str]]]  # (first line number, cells)
    encoding: str
    delimiter: str
    width: int  # cells in the header


def read_csv_file(raw: bytes) -> _ParsedFile:
    """Decode and split a CSV file, keeping each record's first line number."""
    text, encoding = decode_bytes(raw)
    if not text.strip():
        raise ImportFailed(_("The file is empty: there is nothing to import."))
    delimiter = sniff_delimiter(text)
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ImportFailed(
            _("The first line is not a CSV header ({error}).").format(error=exc)
        ) from exc
    columns: dict[str, int] = {}
    ignored: list[str] = []
    for index, name in enumerate(header):
        key = normalise_header(name)
        if not key:
            continue
        if key in columns:
            raise ImportFailed(
                _("The column '{name}' appears twice in the header: keep only one.").format(
                    name=name.strip()
                )
            )
        if key in CSV_COLUMNS:
            columns[key] = index
        else:
            ignored.append(name.strip())
    missing = [name for name in ("kind", "title") if name not in columns]
    if missing:
        raise ImportFailed(
            _(
                "The file needs a column named {names} (the first line must be a header such "
                "as: kind, title, description, categories, regions, participant_name)."
            ).format(names=_(" and ").join(f"'{name}'" for name in missing))
        )
    rows: list[tuple[int, list[str]]] = []
    line = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ImportFailed(
                _("Line {line} cannot be read as CSV ({error}).").format(line=line, error=exc)
            ) from exc
        rows.append((line, cells))
        line = reader.line_num + 1
    return _ParsedFile(columns, ignored, rows, encoding, delimiter, len(header))


# ---------------------------------------------------------------- import: checking and storing


@dataclass
class _PlannedPerson:
    id: str
    event_id: str
    clean: ParticipantInput
    consent_at: datetime | None
    claim_code: str | None
    created_at: datetime | None


@dataclass
class _PlannedActivity:
    id: str | None
    event_id: str
    clean: ActivityInput
    participant_id: str | None
    created_at: datetime | None


@dataclass
class _Plan:
    people: list[_PlannedPerson] = field(default_factory=list)
    activities: list[_PlannedActivity] = field(default_factory=list)
    skipped_existing: int = 0


class _Checker:
    """Turns rows into planned records, collecting every problem instead of stopping."""

    def __init__(self, store: Store, parsed: _ParsedFile, event_id: str | None) -> None:
        self.store = store
        self.parsed = parsed
        self.forced_event_id = event_id
        self.plan = _Plan()
        self.problems: list[RowProblem] = []
        self.live_events: set[str] = set()
        self.known_activity_ids: set[str] = set()
        self.known_people: dict[str, Participant] = {}
        self.people_by_id: dict[str, _PlannedPerson] = {}
        self.people_by_name: dict[tuple[str, str], str] = {}  # (event, name key) -> id
        self.existing_by_name: dict[tuple[str, str], str] = {}  # the same, already stored
        self.used_claim_codes: set[str] = set()
        self.ids_in_file: set[str] = set()

    def cell(self, cells: list[str], column: str) -> str:
        index = self.parsed.columns.get(column)
        if index is None or index >= len(cells):
            return ""
        return unneutralise(cells[index])

    def load_store_facts(self) -> None:
        with self.store.session() as session:
            self.live_events = set(
                session.scalars(select(Event.id).where(Event.deleted_at.is_(None)))
            )
            self.known_activity_ids = set(session.scalars(select(Activity.id)))
            self.known_people = {
                person.id: person for person in session.scalars(select(Participant))
            }
            self.used_claim_codes = {person.claim_code for person in self.known_people.values()}
        # The same rule as find_participant_by_name (oldest live one wins), looked up once
        # instead of once per row.
        people = sorted(self.known_people.values(), key=lambda person: person.created_at)
        for person in people:
            if person.deleted_at is None and person.event_id is not None:
                self.existing_by_name.setdefault(
                    (person.event_id, name_key(person.name)), person.id
                )

    def run(self) -> _Plan:
        self.load_store_facts()
        for line, cells in self.parsed.rows:
            if not any(cell.strip() for cell in cells):
                continue  # blank line: spreadsheets leave these at the end
            messages = self.check_row(cells)
            if messages:
                self.problems.append(RowProblem(line, " ".join(messages)))
        return self.plan

    def check_row(self, cells: list[str]) -> list[str]:
        messages: list[str] = []
        if any(cell.strip() for cell in cells[self.parsed.width :]):
            messages.append(
                _(
                    "This line has more cells than the header has columns (is a separator or "
                    "a quote missing?)."
                )
            )
        activity_id = clean_text(self.cell(cells, "id")).lower()
        if activity_id:
            if not _is_uuid(activity_id):
                messages.append(
                    _(
                        "The id '{value}' is not a Hexikit id: leave it blank for a new record."
                    ).format(value=_short(activity_id))
                )
            elif activity_id in self.ids_in_file:
                messages.append(_("This id appears on an earlier line too: each id once, please."))
            self.ids_in_file.add(activity_id)
        event_id = self.row_event(cells, messages)
        clean = self.row_activity(cells, messages)
        created_at = self.row_time(cells, "created_at", messages)
        people_before = len(self.plan.people)
        participant_id = self.row_participant(cells, event_id, messages)
        if messages or clean is None or event_id is None:
            return messages
        if activity_id and activity_id in self.known_activity_ids:
            # A skipped row creates nothing, not even the participant it names.
            self.forget_people_since(people_before)
            self.plan.skipped_existing += 1
            return []
        self.plan.activities.append(
            _PlannedActivity(activity_id or None, event_id, clean, participant_id, created_at)
        )
        return []

    def forget_people_since(self, count: int) -> None:
        """Drops the people planned after the first ``count`` (by a row that is skipped)."""
        for planned in self.plan.people[count:]:
            del self.people_by_id[planned.id]
            key = (planned.event_id, name_key(planned.clean.name))
            if self.people_by_name.get(key) == planned.id:
                del self.people_by_name[key]
            if planned.claim_code is not None:
                self.used_claim_codes.discard(planned.claim_code)
        del self.plan.people[count:]

    def row_event(self, cells: list[str], messages: list[str]) -> str | None:
        if self.forced_event_id is not None:
            return self.forced_event_id
        event_id = clean_text(self.cell(cells, "event_id")).lower()
        if not event_id:
            messages.append(
                _(
                    "No event: fill in event_id, or import with --event ID to put every row in one event."
                )
            )
            return None
        if event_id not in self.live_events:
            messages.append(
                _(
                    "The event '{id}' is not in this Hexikit: create it first, or import with "
                    "--event ID to put every row in one event."
                ).format(id=_short(event_id))
            )
            return None
        return event_id

    def row_activity(self, cells: list[str], messages: list[str]) -> ActivityInput | None:
        problems: dict[str, str] = {}
        kind: Kind | None = None
        mode = Mode.EITHER
        hours: Decimal | None = None
        try:
            kind = parse_kind(self.cell(cells, "kind"))
        except ValidationError as exc:
            problems.update(exc.problems)
        try:
            mode = parse_mode(self.cell(cells, "mode"))
        except ValidationError as exc:
            problems.update(exc.problems)
        try:
            hours = parse_hours(self.cell(cells, "hours"))
        except ValidationError as exc:
            problems.update(exc.problems)
        try:
            clean = validate_activity(
                ActivityInput(
                    kind=kind or Kind.OFFER,
                    title=self.cell(cells, "title"),
                    description=self.cell(cells, "description"),
                    categories=split_list(self.cell(cells, "categories")),
                    regions=split_list(self.cell(cells, "regions")),
                    mode=mode,
                    hours=hours,
                )
            )
        except ValidationError as exc:
            problems.update(exc.problems)
            clean = None
        messages.extend(problems.values())
        return clean if not problems else None

    def row_time(self, cells: list[str], column: str, messages: list[str]) -> datetime | None:
        text = self.cell(cells, column)
        moment = parse_timestamp(text)
        if clean_text(text) and moment is None:
            messages.append(
                _(
                    "'{value}' in {column} is not a date and time (2026-11-26T10:30:00+00:00)."
                ).format(value=_short(text), column=column)
            )
        return moment

    def row_participant(
        self, cells: list[str], event_id: str | None, messages: list[str]
    ) -> str | None:
        given = {column: self.cell(cells, column) for column in PARTICIPANT_COLUMNS}
        if not any(clean_text(value) for value in given.values()):
            return None
        person_id = clean_text(given["participant_id"]).lower()
        if person_id and not _is_uuid(person_id):
            messages.append(
                _("The participant_id '{value}' is not a Hexikit id: leave it blank.").format(
                    value=_short(person_id)
                )
            )
            return None
        if person_id and event_id is not None:
            known = self.known_people.get(person_id)
            planned_before = self.people_by_id.get(person_id)
            if known is not None and known.event_id == event_id:
                return person_id  # already on this laptop: the row refers to them
            if planned_before is not None and planned_before.event_id == event_id:
                return person_id  # created by an earlier line of this file
            if known is not None or planned_before is not None:
                # That person belongs to another event (a copy into a new event): this event
                # gets its own participant, found or made by name as usual.
                person_id = ""
        name = given["participant_name"]
        if not clean_text(name):
            messages.append(
                _("The participant's details are filled in but their name is blank: add the name.")
            )
            return None
        flags: dict[str, bool] = {}
        for column in ("participant_is_member", "participant_consent"):
            value = parse_bool(given[column])
            if value is None:
                messages.append(
                    _("'{value}' in {column} should be yes or no.").format(
                        value=_short(given[column]), column=column
                    )
                )
            flags[column] = bool(value)
        try:
            clean = validate_participant(
                ParticipantInput(
                    name=name,
                    email=given["participant_email"],
                    organisation=given["participant_organisation"],
                    role=given["participant_role"],
                    region=given["participant_region"],
                    is_member=flags["participant_is_member"],
                    consent=flags["participant_consent"],
                    consent_wording=given["participant_consent_wording"],
                )
            )
        except ValidationError as exc:
            messages.extend(exc.problems.values())
            return None
        consent_at = self.row_time(cells, "participant_consent_at", messages)
        if event_id is None or messages:
            return None
        key = (event_id, name_key(clean.name))
        if not person_id:
            if key in self.people_by_name:
                return self.people_by_name[key]
            if key in self.existing_by_name:
                return self.existing_by_name[key]
        code = normalise_claim_code(given["participant_claim_code"])
        if code is not None and code in self.used_claim_codes:
            code = None  # taken on this laptop: the participant gets a fresh one
        if code is not None:
            self.used_claim_codes.add(code)
        planned = _PlannedPerson(
            id=person_id or new_uuid(),
            event_id=event_id,
            clean=clean,
            consent_at=(consent_at if clean.consent else None),
            claim_code=code,
            created_at=None,
        )
        self.plan.people.append(planned)
        self.people_by_id[planned.id] = planned
        self.people_by_name.setdefault(key, planned.id)
        return planned.id


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return len(text) == 36


def _short(value: str) -> str:
    value = value.strip()
    return f"{value[:40]}…" if len(value) > 40 else value


def check_csv(store: Store, raw: bytes, event_id: str | None = None) -> tuple[_Plan, ImportResult]:
    """Read and check a whole file; raises ImportFailed listing every bad row."""
    parsed = read_csv_file(raw)
    if event_id is None and "event_id" not in parsed.columns:
        raise ImportFailed(
            _(
                "The file has no event_id column: say which event the rows belong to with "
                "--event ID (see 'hexikit events')."
            )
        )
    if event_id is not None:
        event = store.get(Event, event_id)
        if event is None or event.deleted_at is not None:
            raise ImportFailed(
                _("There is no event '{id}' (see 'hexikit events' for the ids).").format(
                    id=event_id
                )
            )
    checker = _Checker(store, parsed, event_id)
    plan = checker.run()
    if checker.problems:
        count = len(checker.problems)
        raise ImportFailed(
            ngettext(
                "Nothing was imported: {count} line needs fixing first.",
                "Nothing was imported: {count} lines need fixing first.",
                count,
            ).format(count=count),
            checker.problems,
        )
    result = ImportResult(
        activities=len(plan.activities),
        participants_created=len(plan.people),
        skipped_existing=plan.skipped_existing,
        ignored_columns=parsed.ignored,
        encoding=parsed.encoding,
        delimiter=parsed.delimiter,
    )
    return plan, result


def store_plan(store: Store, plan: _Plan) -> None:
    """Write a checked plan in one transaction through the store's batch write path
    (`Store.add_rows_in`): every row and its outbox row, one commit, all or nothing."""
    try:
        with store.transaction() as session:
            from_file = {p.claim_code for p in plan.people if p.claim_code is not None}
            fresh_codes = iter(
                store.unused_claim_codes(
                    session,
                    sum(1 for planned in plan.people if planned.claim_code is None),
                    also_taken=from_file,
                )
            )
            rows: list[NewRow] = []
            for planned in plan.people:
                person = store.participant_values(
                    session,
                    planned.event_id,
                    planned.clean,
                    claim_code=planned.claim_code or next(fresh_codes),
                )
                person["id"] = planned.id
                if planned.consent_at is not None:
                    person["consent_at"] = planned.consent_at
                rows.append(NewRow(Participant, person))
            for activity_plan in plan.activities:
                activity = store.activity_values(
                    activity_plan.event_id, activity_plan.clean, activity_plan.participant_id
                )
                if activity_plan.id is not None:
                    activity["id"] = activity_plan.id
                if activity_plan.created_at is not None:
                    activity["created_at"] = activity_plan.created_at
                rows.append(NewRow(Activity, activity))
            # One batch: the store writes the people before the activities that name them.
            store.add_rows_in(session, rows)
    except IntegrityError as exc:
        # Someone else wrote the same id or claim code while we were checking: nothing kept.
        raise StoreWriteError(
            _(
                "The import clashed with a change made at the same time; nothing was imported. "
                "Run the import again."
            )
        ) from exc


def import_csv_bytes(store: Store, raw: bytes, event_id: str | None = None) -> ImportResult:
    """Check, then store, a whole CSV file given as bytes: all rows or none."""
    plan, result = check_csv(store, raw, event_id)
    store_plan(store, plan)
    return result


def import_csv(store: Store, path: Path, event_id: str | None = None) -> ImportResult:
    """Import the CSV file at `path` (see the module docstring for what is accepted)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(
            _("Could not read {path}: {error}").format(path=path, error=exc.strerror or exc)
        ) from exc
    return import_csv_bytes(store, raw, event_id)
