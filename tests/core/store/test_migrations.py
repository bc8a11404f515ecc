"""Migrations: build the first schema (0001), fill it with awkward data, upgrade to head the way
the app does (Store.open), and find every row intact, claim codes made and outbox snapshots."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from hexikit.base.paths import database_path
from hexikit.records.claimcodes import ALPHABET, LENGTH
from hexikit.store import Store, StoreError
from hexikit.store.db import HEAD_REVISION, make_engine
from hexikit.store.migrations import run_upgrade
from hexikit.store.models import Activity, Base, Event, OutboxOperation, Participant

AWKWARD = [
    "Llŷr",
    "Siân O'Brien",
    "Zoë Łukasz",
    "Robert'); DROP TABLE activities;--",
    "שלום עולם",  # right to left
    "مرحبا بالعالم",
    "🙂👩🏽‍⚕️ emoji",
    '=HYPERLINK("http://x")',
    'quote " and \\ backslash',
    "line one\nline two",
]

T0 = "2025-03-01 10:00:00.000000"
T1 = "2025-03-02 11:30:00.000000"


def _insert(connection: Any, table: str, row: dict[str, Any]) -> None:
    columns = ", ".join(row)
    values = ", ".join(f":{key}" for key in row)
    connection.execute(text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row)


def build_filled_0001(db_file: Path) -> dict[str, list[dict[str, Any]]]:
    """Schema 0001 with events, participants and activities; returns what was written."""
    engine = make_engine(db_file)
    run_upgrade(engine, "0001")
    events: list[dict[str, Any]] = [
        {
            "id": f"00000000-0000-4000-8000-00000000000{n}",
            "created_at": T0,
            "updated_at": T1,
            "deleted_at": None,
            "title": title,
            "date": "2025-03-01",
            "venue": AWKWARD[n + 4],
            "region": "Wales",
            "facilitator": AWKWARD[n],
        }
        for n, title in enumerate(["Hexithon Cardiff", "Hexithon ✨ London"])
    ]
    participants: list[dict[str, Any]] = [
        {
            "id": f"10000000-0000-4000-8000-00000000000{n}",
            "created_at": T0,
            "updated_at": T1,
            "deleted_at": T1 if n == 3 else None,  # a tombstone survives too
            "event_id": events[n % 2]["id"] if n != 4 else None,
            "name": name,
            "email": "" if n % 2 else f"person{n}@example.org",
            "organisation": AWKWARD[(n + 3) % len(AWKWARD)],
            "role": "",
            "region": "",
            "is_member": n % 2,
            "consent": 1 if n < 2 else 0,
            "consent_at": T0 if n < 2 else None,
            "consent_wording": "I agree" if n < 2 else "",
        }
        for n, name in enumerate(AWKWARD[:5])
    ]
    activities: list[dict[str, Any]] = [
        {
            "id": f"20000000-0000-4000-8000-0000000000{n:02d}",
            "created_at": T0,
            "updated_at": T1,
            "deleted_at": T1 if n == 7 else None,
            "event_id": events[n % 2]["id"],
            "participant_id": participants[n % 4]["id"] if n % 3 else None,
            "kind": "offer" if n % 2 else "request",
            "title": title,
            "description": AWKWARD[(n + 1) % len(AWKWARD)] * 3,
            "categories": '["Design", "Quality of care"]',
            "regions": '["Wales", "London"]',
            "mode": ["remote", "face-to-face", "either"][n % 3],
            "hours": [None, 0.25, 1.5, 100][n % 4],
        }
        for n, title in enumerate(AWKWARD)
    ]
    with engine.begin() as connection:
        for row in events:
            _insert(connection, "events", row)
        for row in participants:
            _insert(connection, "participants", row)
        for row in activities:
            _insert(connection, "activities", row)
    engine.dispose()
    return {"events": events, "participants": participants, "activities": activities}


def raw_rows(db_file: Path, table: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(db_file)
    try:
        return connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    finally:
        connection.close()


def test_upgrade_from_0001_keeps_every_row(data_dir: Path) -> None:
    db_file = database_path(data_dir)
    written = build_filled_0001(db_file)
    before = {table: raw_rows(db_file, table) for table in written}

    store = Store.open(data_dir)  # the app's own path: probe, then migrate to head
    try:
        assert store.notice is None
        with store.session() as session:
            version = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            assert version == HEAD_REVISION

            # Every original column of every row, byte for byte.
            for table, rows in before.items():
                after = session.execute(
                    text(f"SELECT {', '.join(written[table][0])} FROM {table} ORDER BY id")
                ).all()
                assert [tuple(row) for row in after] == rows, table

            # And through the ORM, typed.
            activities = {row.id: row for row in session.scalars(select(Activity))}
            for original in written["activities"]:
                activity = activities[original["id"]]
                assert activity.title == original["title"]
                assert activity.description == original["description"]
                assert activity.categories == ["Design", "Quality of care"]
                assert activity.participant_id == original["participant_id"]
                assert activity.created_at.isoformat() == "2025-03-01T10:00:00+00:00"
                expected_hours = original["hours"]
                assert (activity.hours is None) == (expected_hours is None)
                if expected_hours is not None:
                    assert float(activity.hours or 0) == expected_hours
            assert activities[written["activities"][7]["id"]].is_deleted

            # Claim codes were generated, unique and well formed, for every participant.
            codes = list(session.scalars(select(Participant.claim_code)))
            assert len(codes) == len(written["participants"]) == len(set(codes))
            assert all(len(code) == LENGTH and set(code) <= set(ALPHABET) for code in codes)

            # One outbox 'snapshot' per entity that existed before the outbox did.
            snapshots = session.scalars(select(OutboxOperation)).all()
            assert all(row.action == "snapshot" and row.state == "pending" for row in snapshots)
            assert sorted((row.entity_type, row.entity_id) for row in snapshots) == sorted(
                [("event", row["id"]) for row in written["events"]]
                + [("participant", row["id"]) for row in written["participants"]]
                + [("activity", row["id"]) for row in written["activities"]]
            )
            assert len({row.op_id for row in snapshots}) == len(snapshots)

            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
            assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"

        # The upgraded store is fully usable.
        from hexikit.records.domain import ActivityInput, Kind

        event_id = written["events"][0]["id"]
        store.create_activity(event_id, ActivityInput(kind=Kind.OFFER, title="New after upgrade"))
        assert store.counts(event_id).offers >= 1
    finally:
        store.close()


def test_upgraded_schema_matches_the_models(data_dir: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    db_file = database_path(data_dir)
    build_filled_0001(db_file)
    Store.open(data_dir).close()
    engine = make_engine(db_file)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_failed_upgrade_changes_nothing(data_dir: Path) -> None:
    """The upgrade is one transaction: if it fails, the file is still a complete 0001."""
    db_file = database_path(data_dir)
    build_filled_0001(db_file)
    # A reference that cannot hold: the upgrade's foreign-key check refuses it.
    connection = sqlite3.connect(db_file)
    connection.execute(
        "UPDATE activities SET participant_id = '99999999-0000-4000-8000-000000000000' "
        "WHERE id = '20000000-0000-4000-8000-000000000001'"
    )
    connection.commit()
    connection.close()
    before = {table: raw_rows(db_file, table) for table in ("events", "participants", "activities")}

    with pytest.raises(StoreError):
        Store.open(data_dir)

    connection = sqlite3.connect(db_file)
    try:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("0001",)
        ]
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        assert "outbox" not in tables and not any(name.startswith("_alembic") for name in tables)
        columns = [row[1] for row in connection.execute("PRAGMA table_info(participants)")]
        assert "claim_code" not in columns
    finally:
        connection.close()
    assert {table: raw_rows(db_file, table) for table in before} == before
    assert not list(data_dir.glob("*damaged*"))  # a failed upgrade never moves the file


def test_fresh_store_is_at_head_with_every_table(data_dir: Path) -> None:
    store = Store.open(data_dir)
    try:
        with store.session() as session:
            assert (
                session.execute(text("SELECT version_num FROM alembic_version")).scalar()
                == HEAD_REVISION
            )
            names = {
                row[0]
                for row in session.execute(
                    text("SELECT name FROM sqlite_master WHERE type='table'")
                )
            }
        assert set(Base.metadata.tables) <= names
        assert store.list_events() == [] and Event.__tablename__ in names
    finally:
        store.close()
