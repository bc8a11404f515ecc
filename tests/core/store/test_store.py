"""The local store: pragmas, the one write path (updated_at, tombstones, outbox), opening a
damaged file, and writes that fail on a read-only or full disk without leaving half a change."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, func, select

from hexikit.base.clock import FakeClock
from hexikit.base.paths import database_path
from hexikit.records.domain import ActivityInput, EventInput, Kind, ParticipantInput
from hexikit.records.exchange import import_csv_bytes
from hexikit.store import Store, StoreError, StoreWriteError
from hexikit.store.db import HEAD_REVISION, make_engine
from hexikit.store.models import Activity, Event, OutboxOperation, Participant


def outbox_rows(store: Store) -> list[OutboxOperation]:
    with store.session() as session:
        return list(session.scalars(select(OutboxOperation).order_by(OutboxOperation.seq)))


def row_count(store: Store, model: Any) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


# ---------------------------------------------------------------- opening


def test_pragmas_wal_full_sync_foreign_keys(store: Store) -> None:
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_head_revision_constant_matches_alembic() -> None:
    from hexikit.store.migrations import head_revision

    assert head_revision() == HEAD_REVISION


def test_opening_a_current_store_does_not_import_alembic(data_dir: Path) -> None:
    Store.open(data_dir).close()  # creates and migrates the file
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        from hexikit.store import Store
        store = Store.open(Path({str(data_dir)!r}))
        store.list_events()
        store.close()
        assert "alembic" not in sys.modules, "alembic was imported"
        print("ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_damaged_file_is_moved_aside_not_deleted(data_dir: Path) -> None:
    garbage = b"this is not a database\x00\xff\xfe" * 200
    db_file = database_path(data_dir)
    db_file.write_bytes(garbage)

    store = Store.open(data_dir)
    try:
        assert store.notice is not None
        moved = store.notice.moved_to
        assert moved is not None and moved.exists()
        assert moved.read_bytes() == garbage  # kept byte for byte
        assert moved.parent == data_dir
        assert str(moved) in store.notice.message
        # A fresh, working database took its place.
        store.create_event(EventInput(title="After the damage"))
        assert [event.title for event in store.list_events()] == ["After the damage"]
    finally:
        store.close()


def test_truncated_database_is_moved_aside(data_dir: Path) -> None:
    store = Store.open(data_dir)
    event_row = store.create_event(EventInput(title="Half a file"))
    with store.transaction() as session:
        for number in range(200):
            store.add_in(session, Activity(event_id=event_row.id, kind="offer", title=f"n{number}"))
    store.close()
    db_file = database_path(data_dir)
    for side in data_dir.glob("hexikit.sqlite3-*"):
        side.unlink()
    whole = db_file.read_bytes()
    db_file.write_bytes(whole[: len(whole) // 2])  # a copy cut short, a disk that died

    reopened = Store.open(data_dir)
    try:
        assert reopened.notice is not None and reopened.notice.moved_to is not None
        assert reopened.notice.moved_to.read_bytes() == whole[: len(whole) // 2]
        assert reopened.list_events() == []
    finally:
        reopened.close()


def test_second_damaged_file_gets_its_own_name(data_dir: Path) -> None:
    db_file = database_path(data_dir)
    db_file.write_bytes(b"garbage one" * 100)
    Store.open(data_dir).close()
    db_file.unlink()
    for side in data_dir.glob("hexikit.sqlite3-*"):
        side.unlink()
    db_file.write_bytes(b"garbage two" * 100)
    second = Store.open(data_dir)
    second.close()
    kept = sorted(path.read_bytes()[:11] for path in data_dir.glob("hexikit.damaged-*.sqlite3"))
    assert kept == [b"garbage one", b"garbage two"]


def test_unopenable_database_is_left_alone(data_dir: Path) -> None:
    """Not being able to open the file (here: it is a folder) is not damage: nothing moves."""
    db_file = database_path(data_dir)
    db_file.mkdir()
    (db_file / "keep.txt").write_text("mine")
    with pytest.raises(StoreError) as caught:
        Store.open(data_dir)
    assert "could not open" in str(caught.value)
    assert (db_file / "keep.txt").read_text() == "mine"
    assert not list(data_dir.glob("*damaged*"))


def test_database_from_a_newer_hexikit_is_refused_and_kept(data_dir: Path) -> None:
    store = Store.open(data_dir)
    store.create_event(EventInput(title="Made by the future"))
    with store.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    store.close()
    with pytest.raises(StoreError):
        Store.open(data_dir)
    reopened = sqlite_titles(database_path(data_dir))
    assert reopened == ["Made by the future"]
    assert not list(data_dir.glob("*damaged*"))


def sqlite_titles(db_file: Path) -> list[str]:
    import sqlite3

    connection = sqlite3.connect(db_file)
    try:
        return [row[0] for row in connection.execute("SELECT title FROM events")]
    finally:
        connection.close()


# ---------------------------------------------------------------- the write path


def test_add_sets_uuid_utc_times_and_one_outbox_row(clocked_store: Store, clock: FakeClock) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    assert len(event.id) == 36
    assert event.created_at == clock.now() and event.updated_at == clock.now()
    assert event.created_at.utcoffset() == timedelta(0)
    rows = outbox_rows(clocked_store)
    assert [(row.entity_type, row.entity_id, row.action) for row in rows] == [
        ("event", event.id, "create")
    ]
    assert rows[0].payload["title"] == "Hexithon"


def test_every_write_bumps_updated_at_and_writes_one_outbox_row(
    clocked_store: Store, clock: FakeClock
) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    activity = clocked_store.create_activity(
        event.id, ActivityInput(kind=Kind.OFFER, title="Coaching")
    )
    created = activity.updated_at

    clock.advance(60)
    updated = clocked_store.update_activity(
        activity.id, ActivityInput(kind=Kind.REQUEST, title="Coaching, please")
    )
    assert updated.updated_at == created + timedelta(seconds=60)
    assert updated.created_at == created

    clock.advance(60)
    deleted = clocked_store.delete(Activity, activity.id)
    assert deleted.deleted_at == clock.now() and deleted.updated_at == clock.now()

    clock.advance(60)
    restored = clocked_store.restore(Activity, activity.id)
    assert restored.deleted_at is None and restored.updated_at == clock.now()

    actions = [(row.entity_id, row.action) for row in outbox_rows(clocked_store)]
    assert actions == [
        (event.id, "create"),
        (activity.id, "create"),
        (activity.id, "update"),
        (activity.id, "delete"),
        (activity.id, "update"),
    ]
    update_payload = outbox_rows(clocked_store)[2].payload
    assert update_payload["title"] == "Coaching, please" and update_payload["kind"] == "request"


def test_no_op_update_writes_nothing(clocked_store: Store, clock: FakeClock) -> None:
    event = clocked_store.create_event(EventInput(title="Same"))
    before = len(outbox_rows(clocked_store))
    clock.advance(5)
    same = clocked_store.update(Event, event.id, {"title": "Same"})
    assert same.updated_at == event.updated_at
    assert len(outbox_rows(clocked_store)) == before


def test_delete_keeps_a_tombstone_and_restore_clears_it(clocked_store: Store) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    activity = clocked_store.create_activity(event.id, ActivityInput(kind=Kind.OFFER, title="x"))
    clocked_store.delete(Activity, activity.id)
    assert clocked_store.list_activities(event.id) == []
    kept = clocked_store.list_activities(event.id, include_deleted=True)
    assert [row.id for row in kept] == [activity.id] and kept[0].is_deleted
    assert clocked_store.counts(event.id).offers == 0

    clocked_store.restore(Activity, activity.id)
    assert [row.id for row in clocked_store.list_activities(event.id)] == [activity.id]
    assert clocked_store.counts(event.id).offers == 1


def test_deleting_twice_writes_one_outbox_row(clocked_store: Store) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    clocked_store.delete(Event, event.id)
    clocked_store.delete(Event, event.id)
    assert [row.action for row in outbox_rows(clocked_store)] == ["create", "delete"]


def test_failing_write_leaves_no_row_and_no_outbox_row(clocked_store: Store) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):  # the event does not exist: foreign keys are on
        clocked_store.create_activity(
            "00000000-0000-4000-8000-000000000000", ActivityInput(kind=Kind.OFFER, title="x")
        )
    assert row_count(clocked_store, Activity) == 0
    assert outbox_rows(clocked_store) == []


def test_listener_failure_rolls_back_the_change(clocked_store: Store) -> None:
    def broken_listener(*_args: Any) -> None:
        raise RuntimeError("sync hook failed")

    clocked_store.add_change_listener(broken_listener)
    with pytest.raises(RuntimeError):
        clocked_store.create_event(EventInput(title="Never half-written"))
    assert row_count(clocked_store, Event) == 0
    assert outbox_rows(clocked_store) == []


def test_participant_gets_unique_claim_code_and_consent_time(
    clocked_store: Store, clock: FakeClock
) -> None:
    event = clocked_store.create_event(EventInput(title="Hexithon"))
    agreed = clocked_store.create_participant(event.id, ParticipantInput(name="Siân", consent=True))
    declined = clocked_store.create_participant(event.id, ParticipantInput(name="Zoë"))
    assert agreed.claim_code != declined.claim_code and len(agreed.claim_code) == 8
    assert agreed.consent_at == clock.now() and agreed.consent_wording
    assert declined.consent_at is None and declined.consent_wording == ""
    assert clocked_store.shareable_participant_ids([agreed.id, declined.id]) == {agreed.id}


# ---------------------------------------------------------------- read-only and full disks


def _read_only_engine(db_file: Path) -> Engine:
    # We run as root, where chmod does not stop writes: SQLite's read-only mode gives the
    # same SQLITE_READONLY error a read-only folder or USB stick would.
    return create_engine(f"sqlite:///file:{db_file}?mode=ro&uri=true")


def _full_disk_engine(db_file: Path, spare_pages: int) -> Engine:
    engine = make_engine(db_file)
    with engine.connect() as connection:
        pages = int(connection.exec_driver_sql("PRAGMA page_count").scalar() or 0)
    engine.dispose()

    @event.listens_for(engine, "connect")
    def _limit_size(dbapi_connection: Any, _record: Any) -> None:
        # The file may not grow past this: a real SQLITE_FULL, as on a full disk.
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + spare_pages}")

    return engine


def test_read_only_disk_gives_a_plain_message_and_writes_nothing(store: Store) -> None:
    event = store.create_event(EventInput(title="Hexithon"))
    before = len(outbox_rows(store))
    read_only = Store(_read_only_engine(Path(store.engine.url.database or "")))
    try:
        with pytest.raises(StoreWriteError) as caught:
            read_only.create_activity(event.id, ActivityInput(kind=Kind.OFFER, title="x"))
        message = str(caught.value)
        assert "read-only" in message and "still here" in message
        assert "Traceback" not in message and "sqlite" not in message.lower()
    finally:
        read_only.close()
    assert row_count(store, Activity) == 0
    assert len(outbox_rows(store)) == before


def test_query_only_connection_is_reported_as_read_only(store: Store) -> None:
    db_file = Path(store.engine.url.database or "")
    engine = make_engine(db_file)
    event.listen(engine, "connect", lambda conn, _rec: conn.execute("PRAGMA query_only=ON"))
    read_only = Store(engine)
    try:
        with pytest.raises(StoreWriteError, match="read-only"):
            read_only.create_event(EventInput(title="x"))
    finally:
        read_only.close()
    assert row_count(store, Event) == 0


def test_full_disk_gives_a_plain_message_and_nothing_half_written(store: Store) -> None:
    event_row = store.create_event(EventInput(title="Hexithon"))
    store.create_activity(event_row.id, ActivityInput(kind=Kind.OFFER, title="Before"))
    before_outbox = len(outbox_rows(store))
    db_file = Path(store.engine.url.database or "")
    full = Store(_full_disk_engine(db_file, spare_pages=2))
    try:
        with pytest.raises(StoreWriteError) as caught:
            full.create_activity(
                event_row.id, ActivityInput(kind=Kind.OFFER, title="Big", description="é" * 4000)
            )
        assert "disk is full" in str(caught.value)

        # A multi-row import on a full disk: all or nothing.
        lines = ["kind,title,description,participant_name"]
        lines += [f"offer,Offer {n},{'x' * 3000},Person {n}" for n in range(40)]
        with pytest.raises(StoreWriteError, match="disk is full"):
            import_csv_bytes(full, "\n".join(lines).encode(), event_row.id)
    finally:
        full.close()
    assert [row.title for row in store.list_activities(event_row.id)] == ["Before"]
    assert row_count(store, Participant) == 0
    assert len(outbox_rows(store)) == before_outbox
