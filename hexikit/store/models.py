"""The ORM schema (typed SQLAlchemy 2.0).

Synced entities (`SyncedEntity` subclasses) carry a laptop-made UUID, UTC created/updated
times and a tombstone (`deleted_at`). Every change to them goes through `hexikit.store.Store`,
which also writes the outbox row in the same transaction.

Local-only tables (outbox, sync state, conflicts, saved plans, rehearsal runs) hold JSON
documents where the shape belongs to one capability, so that capability can evolve without
a migration.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from hexikit.records.domain import EntityType

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes; SQLite has no timezone, so we normalise on the way in/out."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where UTC is required")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def new_uuid() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


class SyncedEntity(Base):
    """Columns every synced entity shares."""

    __abstract__ = True
    #: name used on the wire and in the outbox
    entity_type: ClassVar[EntityType]

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Event(SyncedEntity):
    __tablename__ = "events"
    entity_type = EntityType.EVENT

    title: Mapped[str] = mapped_column(String(200))
    date: Mapped[str] = mapped_column(String(10), default="")  # ISO date or ""
    venue: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str] = mapped_column(String(40), default="")
    facilitator: Mapped[str] = mapped_column(String(200), default="")


class Participant(SyncedEntity):
    __tablename__ = "participants"
    entity_type = EntityType.PARTICIPANT

    event_id: Mapped[str | None] = mapped_column(ForeignKey("events.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254), default="")
    organisation: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    region: Mapped[str] = mapped_column(String(40), default="")
    is_member: Mapped[bool] = mapped_column(Boolean, default=False)
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    consent_wording: Mapped[str] = mapped_column(Text, default="")
    # 8 characters of Crockford base32, unique; printed on the personal card (cards issue).
    claim_code: Mapped[str] = mapped_column(String(8), unique=True)


class Activity(SyncedEntity):
    __tablename__ = "activities"
    __table_args__ = (Index("ix_activities_event_kind", "event_id", "kind"),)
    entity_type = EntityType.ACTIVITY

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))
    participant_id: Mapped[str | None] = mapped_column(ForeignKey("participants.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # Kind
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    categories: Mapped[list[Any]] = mapped_column(JSON, default=list)
    regions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    mode: Mapped[str] = mapped_column(String(20), default="either")  # Mode
    hours: Mapped[Decimal | None] = mapped_column(Numeric(6, 2), default=None)


class Match(SyncedEntity):
    """An offer meeting a request, confirmed or dismissed by the facilitator."""

    __tablename__ = "matches"
    entity_type = EntityType.MATCH

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    offer_id: Mapped[str] = mapped_column(ForeignKey("activities.id"))
    request_id: Mapped[str] = mapped_column(ForeignKey("activities.id"))
    status: Mapped[str] = mapped_column(String(20), default="confirmed")  # confirmed|dismissed
    score: Mapped[float] = mapped_column(default=0.0)
    explanation: Mapped[str] = mapped_column(Text, default="")


class Feedback(SyncedEntity):
    __tablename__ = "feedback"
    entity_type = EntityType.FEEDBACK

    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    worked: Mapped[str] = mapped_column(Text, default="")
    even_better_if: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[int | None] = mapped_column(Integer, default=None)  # 1..5


SYNCED_ENTITIES: dict[EntityType, type[SyncedEntity]] = {
    cls.entity_type: cls for cls in (Event, Participant, Activity, Match, Feedback)
}


# ---------------------------------------------------------------- local-only tables


class OutboxOperation(Base):
    """One change waiting to reach the server; written in the same transaction as the change.

    state: pending -> (frozen in a batch) -> acked, or parked ("needs attention").
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_state_seq", "state", "seq"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True, default=new_uuid)
    entity_type: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(10))  # create | update | delete
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    state: Mapped[str] = mapped_column(String(12), default="pending")
    batch_key: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class SyncState(Base):
    """Small key/value facts of the sync client (device id, pull cursor, last sync)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class ConflictRecord(Base):
    """A value that lost a conflict, kept for the user to review."""

    __tablename__ = "conflicts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    entity_type: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved: Mapped[bool] = mapped_column(Boolean, default=False)


class SavedPlan(Base):
    """A user's timer plan (kind 'timer') or session run sheet (kind 'runsheet')."""

    __tablename__ = "saved_plans"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    name: Mapped[str] = mapped_column(String(200))
    event_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RehearsalRun(Base):
    """One rehearsal of a deck: per-slide seconds in `slide_seconds`."""

    __tablename__ = "rehearsal_runs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_uuid)
    deck_key: Mapped[str] = mapped_column(String(500), index=True)
    deck_title: Mapped[str] = mapped_column(String(200), default="")
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    total_seconds: Mapped[float] = mapped_column(default=0.0)
    slide_seconds: Mapped[list[Any]] = mapped_column(JSON, default=list)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class RoomPhone(Base):
    """A phone that joined the room (issue 18): the participant it speaks for, per event.

    The phone keeps a random id in a cookie; only its SHA-256 is stored here, so this table
    cannot be used to act as a phone. Local only: the participant it names syncs as usual.
    """

    __tablename__ = "room_phones"

    phone_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    participant_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RoomEntry(Base):
    """An offer or request that came from a phone, and which phone may correct it. Local only:
    the activity syncs like any other."""

    __tablename__ = "room_entries"

    activity_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    phone_hash: Mapped[str] = mapped_column(String(64), index=True)
    event_id: Mapped[str] = mapped_column(String(36), index=True)
    #: The form's one-time key: the same post sent twice (a double tap, a reply lost on bad
    #: Wi-Fi) finds its entry instead of making a second one. "" when the post had none.
    post_key: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
