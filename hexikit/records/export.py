"""Exporting an event's records (issue 8): CSV that spreadsheets open safely, English headers
unless Welsh is asked for, and a JSON document of everything. The columns, cell rules and the
import are in `hexikit.records.exchange`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import IO, Any

from sqlalchemy import select

from hexikit import __version__
from hexikit.records.domain import category_label, format_hours, region_label
from hexikit.records.exchange import (
    CSV_COLUMNS,
    JSON_FORMAT,
    JSON_VERSION,
    LIST_SEPARATOR,
    PARTICIPANT_COLUMNS,
    WELSH_COLUMNS,
    cell_text,
    neutralise,
    split_list,
)
from hexikit.store import Store, entity_to_dict
from hexikit.store.models import Activity, Event, Participant


def export_rows(store: Store, event_id: str | None = None) -> list[dict[str, str]]:
    """One dict (CSV column -> text) per live activity, oldest first, event by event."""
    with store.session() as session:
        query = (
            select(Activity, Event, Participant)
            .join(Event, Activity.event_id == Event.id)
            .outerjoin(Participant, Activity.participant_id == Participant.id)
            .where(Activity.deleted_at.is_(None))
            .order_by(Event.date, Event.created_at, Activity.created_at)
        )
        if event_id is not None:
            query = query.where(Activity.event_id == event_id)
        rows: list[dict[str, str]] = []
        for activity, event, person in session.execute(query).tuples():
            row = {
                "id": activity.id,
                "event_id": activity.event_id,
                "event_title": event.title,
                "kind": activity.kind,
                "title": activity.title,
                "description": activity.description,
                "categories": cell_text(activity.categories),
                "regions": cell_text(activity.regions),
                "mode": activity.mode,
                "hours": format_hours(activity.hours),
                "created_at": cell_text(activity.created_at),
                "updated_at": cell_text(activity.updated_at),
            }
            for column in PARTICIPANT_COLUMNS:
                attribute = column.removeprefix("participant_")
                row[column] = cell_text(getattr(person, attribute)) if person is not None else ""
            rows.append(row)
        return rows


def write_csv(rows: Iterable[dict[str, str]], stream: IO[str], language: str = "en") -> int:
    """Write `rows` as Excel-safe CSV (CRLF line ends); returns the number of rows.

    `language="cy"`: Welsh headers (`WELSH_COLUMNS`) and categories and regions by their Welsh
    names; the import reads both back to the same records."""
    writer = csv.writer(stream, lineterminator="\r\n")
    if language == "cy":
        writer.writerow([WELSH_COLUMNS[column] for column in CSV_COLUMNS])
        rows = (_in_welsh(row) for row in rows)
    else:
        writer.writerow(CSV_COLUMNS)
    count = 0
    for row in rows:
        writer.writerow([neutralise(row.get(column, "")) for column in CSV_COLUMNS])
        count += 1
    return count


def _in_welsh(row: dict[str, str]) -> dict[str, str]:
    welsh = dict(row)
    for column, label in (
        ("categories", category_label),
        ("regions", region_label),
        ("participant_region", region_label),
    ):
        if row.get(column):
            values = split_list(row[column])
            welsh[column] = LIST_SEPARATOR.join(label(value, "cy") for value in values)
    return welsh


def export_csv(store: Store, event_id: str | None = None, language: str = "en") -> str:
    """The CSV export as text (the caller chooses where it goes and the encoding: UTF-8).
    English headers unless `language="cy"` (other tools read the English ones)."""
    buffer = io.StringIO()
    write_csv(export_rows(store, event_id), buffer, language)
    return buffer.getvalue()


def export_document(store: Store, event_id: str | None = None) -> dict[str, Any]:
    """Everything about the chosen event(s) as JSON-ready data: events, people, activities."""
    with store.session() as session:
        events_query = select(Event).where(Event.deleted_at.is_(None)).order_by(Event.created_at)
        people_query = (
            select(Participant)
            .where(Participant.deleted_at.is_(None))
            .order_by(Participant.created_at)
        )
        activities_query = (
            select(Activity).where(Activity.deleted_at.is_(None)).order_by(Activity.created_at)
        )
        if event_id is not None:
            events_query = events_query.where(Event.id == event_id)
            people_query = people_query.where(Participant.event_id == event_id)
            activities_query = activities_query.where(Activity.event_id == event_id)
        return {
            "format": JSON_FORMAT,
            "version": JSON_VERSION,
            "hexikit": __version__,
            "exported_at": datetime.now(UTC).isoformat(),
            "events": [entity_to_dict(event) for event in session.scalars(events_query)],
            "participants": [entity_to_dict(person) for person in session.scalars(people_query)],
            "activities": [
                entity_to_dict(activity) for activity in session.scalars(activities_query)
            ],
        }


def export_json(store: Store, event_id: str | None = None) -> str:
    """The JSON export as text (UTF-8 characters kept as they are, not escaped)."""
    return json.dumps(export_document(store, event_id), ensure_ascii=False, indent=2) + "\n"
