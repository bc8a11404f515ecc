"""The local store: one write path for every synced entity.

`Store.add`, `Store.update`, `Store.delete` and `Store.restore` are the only ways entities
change (`Store.add_all` / `add_all_in` is their batch form of `add`, for imports). In one
transaction each bumps `updated_at`, keeps the tombstone on delete and appends the outbox row
that sync sends. Widgets and the CLI call these (through core functions);
they never write rows by hand.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from operator import itemgetter
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import Engine, Table, func, insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from hexikit.base.clock import SYSTEM_CLOCK, Clock
from hexikit.base.i18n import _
from hexikit.base.paths import database_path
from hexikit.records.claimcodes import new_claim_code
from hexikit.records.domain import (
    ActivityInput,
    EntityType,
    EventInput,
    Kind,
    ParticipantInput,
    activity_columns,
    participant_details,
    validate_activity,
    validate_event,
    validate_participant,
)
from hexikit.records.store_api import Counts, StoreError, StoreWriteError
from hexikit.store.db import OpenNotice, prepare_database
from hexikit.store.models import (
    SYNCED_ENTITIES,
    Activity,
    Base,
    Event,
    OutboxOperation,
    Participant,
    SyncedEntity,
    new_uuid,
)

__all__ = [
    "Counts",
    "NewRow",
    "OpenNotice",
    "Store",
    "StoreError",
    "StoreWriteError",
    "entity_to_dict",
]

log = logging.getLogger(__name__)

E = TypeVar("E", bound=SyncedEntity)
T = TypeVar("T")

#: A hook that sync installs: called inside the write transaction for each change.
ChangeListener = Callable[[Session, SyncedEntity, str, dict[str, Any]], None]


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list):
        return list(value)
    return value


def entity_to_dict(entity: SyncedEntity) -> dict[str, Any]:
    """Every column of `entity` as JSON-ready values (datetimes ISO, Decimals as strings)."""
    return {
        column.key: _jsonable(getattr(entity, column.key)) for column in entity.__table__.columns
    }


def sqlite_error_name(exc: BaseException) -> str:
    """SQLite's own name for the error ("SQLITE_FULL", "SQLITE_READONLY_DBMOVED", ...), or "".

    SQLAlchemy wraps the driver's exception; `sqlite3.Error.sqlite_errorname` (Python 3.11)
    names the result code, so we never have to match words in a message.
    """
    driver_error = getattr(exc, "orig", None) or exc
    return str(getattr(driver_error, "sqlite_errorname", "") or "")


def _friendly_write_error(exc: Exception) -> StoreWriteError:
    name = sqlite_error_name(exc)
    if name.startswith("SQLITE_FULL"):
        message = _(
            "The disk is full, so this was not saved. Free some space (or save to another "
            "drive), then press Save again: what you typed is still here."
        )
    elif name.startswith(("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")):
        message = _(
            "The data folder is read-only, so this was not saved. Check the folder's "
            "permissions or choose another data folder, then press Save again: what you typed "
            "is still here."
        )
    elif name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        message = _(
            "The database is busy (another program is writing to it), so this was not saved. "
            "Wait a moment and press Save again: what you typed is still here."
        )
    else:
        message = _(
            "This could not be saved ({error}). Press Save again; if it keeps failing, "
            "copy what you typed somewhere safe."
        ).format(error=exc)
    return StoreWriteError(message)


def _column_values(table: Table, given: dict[str, Any]) -> dict[str, Any]:
    """Every column of a new row from the values `given` (a new entity's own dict, or a row's
    values), column defaults filled in as a flush would."""
    values: dict[str, Any] = {}
    for column in table.columns:
        value = given.get(column.key)
        # A scalar or callable default (ColumnDefault); server defaults are not ours to fill.
        default: Any = column.default
        if value is None and default is not None:
            if getattr(default, "is_scalar", False):
                value = default.arg
            elif getattr(default, "is_callable", False):
                value = default.arg(None)
        values[column.key] = value
    return values


def _payload_maker(table: Table) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """A function giving the outbox payload of one row of `table`, as `entity_to_dict` would:
    `_jsonable` applied only to the columns whose type can hold a datetime, a Decimal or a
    list (the text, number and flag columns are copied as they are)."""
    plain = (str, int, bool, float)
    converted = [column.key for column in table.columns if _python_type(column) not in plain]

    def payload(values: dict[str, Any]) -> dict[str, Any]:
        out = dict(values)
        for key in converted:
            out[key] = _jsonable(out[key])
        return out

    return payload


def _python_type(column: Any) -> type | None:
    try:
        return cast(type, column.type.python_type)
    except NotImplementedError:
        return None


def _insert_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT `rows` (each a value for every column) into `table` in one driver executemany.

    SQLAlchemy's `session.execute(insert(table), rows)` checks and converts every row's
    parameters in Python, which cost twice the insert itself on a 10,000-row import. Here the
    statement is compiled once and each column's own bind processor (the column type's, as
    SQLAlchemy would apply it: JSON, DateTime, Numeric) converts the values, straight into the
    driver's positional rows. Driver errors are still raised as SQLAlchemy's (IntegrityError...).
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(rows[0]))
    if not compiled.positional or not compiled.positiontup:
        # A driver with named parameters (not SQLite's): SQLAlchemy's own executemany.
        session.execute(insert(table), rows)
        return
    keys = list(compiled.positiontup)
    # itemgetter of one key gives the value, not a 1-tuple.
    row_tuple = itemgetter(*keys) if len(keys) > 1 else lambda row: (row[keys[0]],)
    converters = [
        (index, process)
        for index, key in enumerate(keys)
        if (process := table.columns[key].type.dialect_impl(dialect).bind_processor(dialect))
    ]
    converted: list[tuple[Any, ...]] = []
    for row in rows:
        values = row_tuple(row)
        if converters:
            listed = list(values)
            for index, process in converters:
                listed[index] = process(listed[index])
            values = tuple(listed)
        converted.append(values)
    connection.exec_driver_sql(str(compiled), converted)


@dataclass(frozen=True, slots=True)
class NewRow:
    """One new row for the batch write path (`Store.add_rows_in`): its entity class and its
    column values (any left out get their column defaults)."""

    cls: type[SyncedEntity]
    values: dict[str, Any]


class Store:
    """Thread-safe access to the local database; each call uses its own session."""

    def __init__(self, engine: Engine, clock: Clock = SYSTEM_CLOCK) -> None:
        self.engine = engine
        self.clock = clock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._listeners: list[ChangeListener] = []
        self._write_lock = threading.Lock()
        self.notice: OpenNotice | None = None

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, data_folder: Path, clock: Clock = SYSTEM_CLOCK) -> Store:
        """Open the store in `data_folder`, migrating or moving a damaged file aside."""
        engine, notice = prepare_database(database_path(data_folder))
        store = cls(engine, clock)
        store.notice = notice
        return store

    @classmethod
    def open_path(cls, db_file: Path, clock: Clock = SYSTEM_CLOCK) -> Store:
        engine, notice = prepare_database(db_file)
        store = cls(engine, clock)
        store.notice = notice
        return store

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------------ sessions

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reads (and for capabilities' local-only tables)."""
        with self._sessions() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write transaction; errors become StoreWriteError with a plain message."""
        with self._write_lock, self._sessions() as session:
            try:
                with session.begin():
                    yield session
            except IntegrityError:
                raise  # a constraint the caller may handle (claim code retry)
            except (DBAPIError, OSError) as exc:
                # Disk full, read-only, locked, I/O error: SQLite rolled back, nothing was kept.
                raise _friendly_write_error(exc) from exc

    # ------------------------------------------------------------------ the write path

    def add_change_listener(self, listener: ChangeListener) -> None:
        self._listeners.append(listener)

    def _record_change(
        self, session: Session, entity: SyncedEntity, action: str, changes: dict[str, Any]
    ) -> None:
        """Append the outbox row for one change, inside the caller's transaction."""
        if action == "create":
            payload = entity_to_dict(entity)
        else:
            payload = {key: _jsonable(value) for key, value in changes.items()}
            payload["updated_at"] = _jsonable(entity.updated_at)
        session.add(
            OutboxOperation(
                entity_type=entity.entity_type,
                entity_id=entity.id,
                action=action,
                payload=payload,
                created_at=self.clock.now(),
            )
        )
        for listener in self._listeners:
            listener(session, entity, action, changes)

    def add_in(self, session: Session, entity: E) -> E:
        """Create `entity` inside an open transaction (for multi-entity writes)."""
        now = self.clock.now()
        entity.created_at = entity.created_at or now
        entity.updated_at = now
        # `id` is declared `Mapped[str]`, but a new object has None until the column default
        # runs at flush; the id is needed before that (for the outbox row).
        current_id: str | None = entity.id
        if current_id is None:
            entity.id = new_uuid()
        session.add(entity)
        session.flush()
        self._record_change(session, entity, "create", {})
        return entity

    def add(self, entity: E) -> E:
        with self.transaction() as session:
            self.add_in(session, entity)
        return entity

    def add_all_in(self, session: Session, entities: Sequence[SyncedEntity]) -> None:
        """The batch form of `add_in`: create every entity and its outbox row inside the open
        transaction, many rows per statement (see `add_rows_in`).

        The same rules as `add_in`: `created_at` kept or set, `updated_at` now, an id made when
        there is none, column defaults filled in, one outbox row per entity with the whole
        record as its payload, the change listeners called. Each entity gets its id (so the
        caller knows it); otherwise they are not added to the session and stay transient (the
        timestamps and column defaults are written, not set on them): read them back to
        change them.
        """
        for entity in entities:
            current_id: str | None = entity.id
            if current_id is None:
                entity.id = new_uuid()
        self.add_rows_in(session, [NewRow(type(entity), vars(entity)) for entity in entities])

    def add_rows_in(self, session: Session, rows: Sequence[NewRow]) -> None:
        """The batch write path itself: create each row (its class and its column values, as
        `participant_values` / `activity_values` give them) and its outbox row inside the open
        transaction, one executemany per table.

        Rows skip the ORM object a row would otherwise be built as (on a 10,000-row import
        that object cost more than the insert). The rules are `add_in`'s: `created_at` kept
        or set, `updated_at` now, an id made when there is none, column defaults filled in,
        one outbox row each with the whole record as its payload, the change listeners called
        (with the entity, built for them only when there are listeners). Tables are written
        parents first (participants before the activities that name them); within a table,
        and in the outbox, the rows keep the order given.
        """
        if not rows:
            return
        now = self.clock.now()
        table_order = {table.name: index for index, table in enumerate(Base.metadata.sorted_tables)}
        by_class: dict[type[SyncedEntity], list[dict[str, Any]]] = {}
        for row in rows:
            values = _column_values(cast(Table, row.cls.__table__), row.values)
            # Now, not the column's default (a later clock reading): as `add_in` sets it.
            values["created_at"] = row.values.get("created_at") or now
            values["updated_at"] = now
            if values["id"] is None:
                values["id"] = new_uuid()
            by_class.setdefault(row.cls, []).append(values)
        ordered = sorted(by_class.items(), key=lambda item: table_order[item[0].__tablename__])
        outbox: list[dict[str, Any]] = []
        for cls, table_rows in ordered:
            table = cast(Table, cls.__table__)
            _insert_many(session, table, table_rows)
            entity_type = str(cls.entity_type)
            to_payload = _payload_maker(table)
            outbox.extend(
                {
                    "op_id": new_uuid(),
                    "entity_type": entity_type,
                    "entity_id": values["id"],
                    "action": "create",
                    "payload": to_payload(values),
                    "created_at": now,
                    "state": "pending",
                    "batch_key": None,
                    "attempts": 0,
                    "last_error": "",
                    "acked_at": None,
                }
                for values in table_rows
            )
        _insert_many(session, cast(Table, OutboxOperation.__table__), outbox)
        if self._listeners:
            for cls, table_rows in ordered:
                for values in table_rows:
                    entity = cls(**values)
                    for listener in self._listeners:
                        listener(session, entity, "create", {})

    def add_all(self, entities: Sequence[SyncedEntity]) -> None:
        """Create every entity (and its outbox row) in one transaction: all or nothing."""
        with self.transaction() as session:
            self.add_all_in(session, entities)

    def update_in(
        self, session: Session, cls: type[E], entity_id: str, changes: dict[str, Any]
    ) -> E:
        entity = session.get(cls, entity_id)
        if entity is None:
            raise StoreError(_("That record no longer exists."))
        real_changes = {k: v for k, v in changes.items() if getattr(entity, k) != v}
        if not real_changes:
            return entity
        for key, value in real_changes.items():
            setattr(entity, key, value)
        entity.updated_at = self.clock.now()
        session.flush()
        self._record_change(session, entity, "update", real_changes)
        return entity

    def update(self, cls: type[E], entity_id: str, changes: dict[str, Any]) -> E:
        with self.transaction() as session:
            return self.update_in(session, cls, entity_id, changes)

    def delete(self, cls: type[E], entity_id: str) -> E:
        """Soft delete: set the tombstone; the row stays so the delete can sync and be undone."""
        with self.transaction() as session:
            entity = session.get(cls, entity_id)
            if entity is None:
                raise StoreError(_("That record no longer exists."))
            if entity.deleted_at is None:
                now = self.clock.now()
                entity.deleted_at = now
                entity.updated_at = now
                session.flush()
                self._record_change(session, entity, "delete", {"deleted_at": now})
            return entity

    def restore(self, cls: type[E], entity_id: str) -> E:
        """Undo a delete."""
        return self.update(cls, entity_id, {"deleted_at": None})

    # ------------------------------------------------------------------ domain writes

    def create_event(self, data: EventInput) -> Event:
        clean = validate_event(data)
        return self.add(
            Event(
                title=clean.title,
                date=clean.date,
                venue=clean.venue,
                region=clean.region,
                facilitator=clean.facilitator,
            )
        )

    def _unused_claim_code(self, session: Session) -> str:
        while True:
            code = new_claim_code()
            taken = session.scalar(select(Participant.id).where(Participant.claim_code == code))
            if taken is None:
                return code

    def unused_claim_codes(
        self, session: Session, count: int, also_taken: set[str] | None = None
    ) -> list[str]:
        """`count` claim codes used neither on this laptop, nor in `also_taken`, nor among
        themselves (one query for all of them, where `_unused_claim_code` asks per code)."""
        if count <= 0:
            return []
        taken = set(session.scalars(select(Participant.claim_code))) | (also_taken or set())
        codes: list[str] = []
        while len(codes) < count:
            code = new_claim_code()
            if code not in taken:
                taken.add(code)
                codes.append(code)
        return codes

    def participant_values(
        self,
        session: Session,
        event_id: str | None,
        clean: ParticipantInput,
        claim_code: str | None = None,
    ) -> dict[str, Any]:
        """A new participant's column values from checked input (for `add_rows_in`)."""
        return {
            "event_id": event_id,
            **participant_details(clean),
            "consent": clean.consent,
            "consent_at": self.clock.now() if clean.consent else None,
            "consent_wording": clean.consent_wording,
            "claim_code": claim_code or self._unused_claim_code(session),
        }

    def participant_from_input(
        self,
        session: Session,
        event_id: str | None,
        clean: ParticipantInput,
        claim_code: str | None = None,
    ) -> Participant:
        return Participant(**self.participant_values(session, event_id, clean, claim_code))

    def create_participant(self, event_id: str | None, data: ParticipantInput) -> Participant:
        clean = validate_participant(data)
        for _attempt in range(5):
            try:
                with self.transaction() as session:
                    entity = self.participant_from_input(session, event_id, clean)
                    return self.add_in(session, entity)
            except IntegrityError:  # a claim code collided between check and insert
                continue
        raise StoreWriteError(_("Could not make a unique claim code; please try again."))

    @staticmethod
    def activity_values(
        event_id: str, clean: ActivityInput, participant_id: str | None
    ) -> dict[str, Any]:
        """A new activity's column values from checked input (for `add_rows_in`)."""
        return {"event_id": event_id, "participant_id": participant_id, **activity_columns(clean)}

    def activity_from_input(
        self, event_id: str, clean: ActivityInput, participant_id: str | None
    ) -> Activity:
        return Activity(**self.activity_values(event_id, clean, participant_id))

    def create_activity(
        self, event_id: str, data: ActivityInput, participant_id: str | None = None
    ) -> Activity:
        clean = validate_activity(data)
        return self.add(self.activity_from_input(event_id, clean, participant_id))

    def update_activity(self, activity_id: str, data: ActivityInput) -> Activity:
        clean = validate_activity(data)
        return self.update(Activity, activity_id, activity_columns(clean))

    # ------------------------------------------------------------------ reads

    def list_events(self, include_deleted: bool = False) -> list[Event]:
        with self.session() as session:
            query = select(Event).order_by(Event.date.desc(), Event.created_at.desc())
            if not include_deleted:
                query = query.where(Event.deleted_at.is_(None))
            return list(session.scalars(query))

    def get(self, cls: type[E], entity_id: str) -> E | None:
        with self.session() as session:
            return session.get(cls, entity_id)

    def list_participants(self, event_id: str | None) -> list[Participant]:
        with self.session() as session:
            query = (
                select(Participant)
                .where(Participant.deleted_at.is_(None))
                .order_by(func.lower(Participant.name))
            )
            if event_id is not None:
                query = query.where(Participant.event_id == event_id)
            return list(session.scalars(query))

    def list_activities(
        self, event_id: str | None = None, include_deleted: bool = False
    ) -> list[Activity]:
        with self.session() as session:
            query = select(Activity).order_by(Activity.created_at)
            if event_id is not None:
                query = query.where(Activity.event_id == event_id)
            if not include_deleted:
                query = query.where(Activity.deleted_at.is_(None))
            return list(session.scalars(query))

    def counts(self, event_id: str) -> Counts:
        with self.session() as session:
            rows = session.execute(
                select(Activity.kind, func.count())
                .where(Activity.event_id == event_id, Activity.deleted_at.is_(None))
                .group_by(Activity.kind)
            ).all()
            by_kind = {kind: count for kind, count in rows}
            people = session.scalar(
                select(func.count())
                .select_from(Participant)
                .where(Participant.event_id == event_id, Participant.deleted_at.is_(None))
            )
            return Counts(
                participants=int(people or 0),
                offers=int(by_kind.get(str(Kind.OFFER), 0)),
                requests=int(by_kind.get(str(Kind.REQUEST), 0)),
            )

    def shareable_participant_ids(self, ids: Sequence[str]) -> set[str]:
        """Participants (of `ids`) who consented to their details leaving the laptop."""
        with self.session() as session:
            return set(
                session.scalars(
                    select(Participant.id).where(
                        Participant.id.in_(list(ids)), Participant.consent.is_(True)
                    )
                )
            )

    def run_read(self, fn: Callable[[Session], T]) -> T:
        with self.session() as session:
            return fn(session)


def entity_class(entity_type: str) -> type[SyncedEntity]:
    try:
        return SYNCED_ENTITIES[EntityType(entity_type)]
    except ValueError:
        raise StoreError(f"unknown entity type {entity_type!r}") from None
