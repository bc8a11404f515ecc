"""The sync client (no Qt): freeze outbox batches, push them exactly once, pull changes.

Exactly once, step by step (docs/sync-protocol.md):

1. Each change and its outbox row are one SQLite transaction (the Store does that).
2. `freeze_batch` takes the oldest pending operations, builds the request body once
   (consent applied: participants who did not consent travel as an anonymous UUID plus
   region, claim code, event and membership) and commits it, under a new batch key, before
   anything is sent. After a crash the same body is resent byte for byte.
3. The server answers per operation only after its commit; `store_results` marks the
   operations acknowledged (applied, duplicate or conflict) or parks them ("needs attention",
   never dropped) in one transaction.
4. Pull pages are applied together with their cursor in one transaction and never write the
   outbox.

Network errors, timeouts, 408, 409 (still running), 425, 429 and 5xx are retried with full
jitter backoff (Retry-After honoured); 401/403 stop and ask for the token.
"""

from __future__ import annotations

import json
import logging
import random
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
from filelock import FileLock
from sqlalchemy import Text, func, select, type_coerce, update
from sqlalchemy.orm import Session

from hexikit.base.clock import SYSTEM_CLOCK, Clock
from hexikit.base.i18n import _
from hexikit.store import Store, entity_to_dict
from hexikit.store.models import (
    SYNCED_ENTITIES,
    ConflictRecord,
    OutboxOperation,
    Participant,
    SyncedEntity,
    SyncState,
)
from hexikit.sync.protocol import (
    ACKED_STATUSES,
    CLIENT_BATCH_BYTES,
    CLIENT_BATCH_OPS,
    PERSONAL_FIELDS,
    SERVICE_NAME,
    ops_digest,
    redact_participant,
)

log = logging.getLogger(__name__)

PENDING = "pending"
FROZEN = "frozen"
ACKED = "acked"
PARKED = "parked"
DISCARDED = "discarded"
UNACKED = (PENDING, FROZEN, PARKED)

KEY_DEVICE = "device_id"
KEY_CURSOR = "pull_cursor"
KEY_LAST_SYNC = "last_sync"
KEY_MARKS = "base_marks"
KEY_BATCH_PREFIX = "batch:"

RETRY_STATUSES = frozenset({408, 409, 425, 429})
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


# ---------------------------------------------------------------- errors and results


class SyncError(Exception):
    """Sync stopped; the message says what to do. Nothing local is lost."""


class InsecureServerURL(SyncError):
    pass


class ServerUnreachable(SyncError):
    pass


class AuthRequired(SyncError):
    pass


@dataclass
class SyncReport:
    """What one sync cycle did and where things stand."""

    status: str  # up_to_date | pending | needs_attention | offline | auth | error
    pushed: int = 0
    pulled: int = 0
    parked_now: int = 0
    conflicts: int = 0
    pending: int = 0
    parked: int = 0
    message: str = ""


@dataclass
class FrozenBatch:
    key: str
    body: bytes
    op_ids: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- URL and backoff


def check_server_url(url: str) -> str:
    """The URL without a trailing slash; HTTPS required except for this computer."""
    cleaned = url.strip().rstrip("/")
    parts = urlsplit(cleaned)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InsecureServerURL(
            _("The server address must look like https://sync.example.org (got {url}).").format(
                url=url
            )
        )
    if parts.scheme == "http" and parts.hostname not in LOCAL_HOSTS:
        raise InsecureServerURL(
            _(
                "The server address must start with https:// (plain http is only allowed for "
                "a server on this computer). Check the address in Sync settings."
            )
        )
    if parts.username or parts.password:
        raise InsecureServerURL(_("Put the device token in the token box, not in the address."))
    return cleaned


class Backoff:
    """Full jitter: sleep a random time in [0, min(cap, base * 2**attempt)]."""

    def __init__(self, rng: random.Random, base: float = 0.5, cap: float = 60.0) -> None:
        self.rng = rng
        self.base = base
        self.cap = cap

    def delay(self, attempt: int) -> float:
        return self.rng.uniform(0.0, min(self.cap, self.base * (2 ** min(attempt, 30))))


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())


# ---------------------------------------------------------------- local state helpers


def _state_get(session: Session, key: str) -> str | None:
    row = session.get(SyncState, key)
    return row.value if row is not None else None


def _state_set(session: Session, key: str, value: str) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value))
    else:
        row.value = value


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


def device_id(store: Store) -> str:
    with store.transaction() as session:
        value = _state_get(session, KEY_DEVICE)
        if not value:
            value = str(uuid.uuid4())
            _state_set(session, KEY_DEVICE, value)
        return value


def _cursor(session: Session) -> int:
    return int(_state_get(session, KEY_CURSOR) or 0)


def outbox_counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        rows = session.execute(
            select(OutboxOperation.state, func.count()).group_by(OutboxOperation.state)
        ).all()
    counts = {PENDING: 0, FROZEN: 0, ACKED: 0, PARKED: 0, DISCARDED: 0}
    counts.update({state: int(count) for state, count in rows})
    return counts


def status(store: Store) -> dict[str, Any]:
    """Counts, last sync and device ID (for `hexikit sync status` and the indicator)."""
    counts = outbox_counts(store)
    ident = device_id(store)
    with store.session() as session:
        last = _state_get(session, KEY_LAST_SYNC) or ""
        cursor = _cursor(session)
        open_conflicts = session.scalar(
            select(func.count())
            .select_from(ConflictRecord)
            .where(ConflictRecord.resolved.is_(False))
        )
    return {
        "device_id": ident,
        "pending": counts[PENDING] + counts[FROZEN],
        "parked": counts[PARKED],
        "acknowledged": counts[ACKED],
        "discarded": counts[DISCARDED],
        "last_sync": last,
        "pull_cursor": cursor,
        "conflicts": int(open_conflicts or 0),
    }


def acknowledged_op_ids(store: Store) -> list[str]:
    with store.session() as session:
        return list(
            session.scalars(select(OutboxOperation.op_id).where(OutboxOperation.state == ACKED))
        )


# ---------------------------------------------------------------- freezing


def _base_for(marks: list[list[int]], seq: int, cursor: int) -> int:
    """The pull cursor the laptop had when outbox row `seq` was written."""
    for mark_seq, mark_cursor in marks:
        if mark_seq >= seq:
            return mark_cursor
    return cursor


def _wire_payload(
    session: Session, op: Any, consented: set[str], entities: dict[str, Any]
) -> dict[str, Any]:
    """The payload as it goes on the wire (`op` is an outbox row with `payload_text`)."""
    payload = dict(json.loads(op.payload_text or "{}"))
    if op.action == "snapshot":
        entity = entities.get(op.entity_id)
        payload = entity_to_dict(entity) if entity is not None else {}
    if op.entity_type != "participant":
        return payload
    if op.entity_id not in consented:
        return redact_participant(payload)
    if op.action == "update" and payload.get("consent") is True:
        # Consent given later: the personal details travel with it.
        entity = entities.get(op.entity_id) or session.get(Participant, op.entity_id)
        if entity is not None:
            full = entity_to_dict(entity)
            payload.update({name: full[name] for name in PERSONAL_FIELDS})
            payload["consent_at"] = full["consent_at"]
    return payload


def freeze_batch(
    store: Store, max_ops: int = CLIENT_BATCH_OPS, max_bytes: int = CLIENT_BATCH_BYTES
) -> FrozenBatch | None:
    """The frozen batch to send: an existing one (resent byte for byte) or a new one."""
    with store.transaction() as session:
        ident = _state_get(session, KEY_DEVICE)
        if not ident:
            ident = str(uuid.uuid4())
            _state_set(session, KEY_DEVICE, ident)
        key = session.scalar(
            select(OutboxOperation.batch_key)
            .where(OutboxOperation.state == FROZEN)
            .order_by(OutboxOperation.seq)
            .limit(1)
        )
        if key is not None:
            body = _state_get(session, KEY_BATCH_PREFIX + key)
            op_ids = list(
                session.scalars(
                    select(OutboxOperation.op_id)
                    .where(OutboxOperation.batch_key == key, OutboxOperation.state == FROZEN)
                    .order_by(OutboxOperation.seq)
                )
            )
            if body is not None:
                return FrozenBatch(key=key, body=body.encode("utf-8"), op_ids=op_ids)
            # The body is lost (should not happen): unfreeze and build a new batch.
            session.execute(
                update(OutboxOperation)
                .where(OutboxOperation.batch_key == key, OutboxOperation.state == FROZEN)
                .values(state=PENDING, batch_key=None)
            )
        rows = session.execute(
            select(
                OutboxOperation.seq,
                OutboxOperation.op_id,
                OutboxOperation.entity_type,
                OutboxOperation.entity_id,
                OutboxOperation.action,
                # Raw JSON text and stored time: most payloads go on the wire as stored.
                type_coerce(OutboxOperation.payload, Text).label("payload_text"),
                type_coerce(OutboxOperation.created_at, Text).label("created_text"),
            )
            .where(OutboxOperation.state == PENDING)
            .order_by(OutboxOperation.seq)
            .limit(max_ops)
        ).all()
        if not rows:
            return None
        people = {row.entity_id for row in rows if row.entity_type == "participant"}
        consented = set(
            session.scalars(
                select(Participant.id).where(
                    Participant.id.in_(people), Participant.consent.is_(True)
                )
            )
        )
        snapshot_entities: dict[str, Any] = {}
        for row in rows:
            needs_entity = row.action == "snapshot" or (
                row.entity_type == "participant" and row.entity_id in consented
            )
            if needs_entity and row.entity_id not in snapshot_entities:
                cls = SYNCED_ENTITIES.get(row.entity_type)
                if cls is not None:
                    snapshot_entities[row.entity_id] = session.get(cls, row.entity_id)
        marks = json.loads(_state_get(session, KEY_MARKS) or "[]")
        cursor = _cursor(session)
        key = str(uuid.uuid4())
        wire_ops: list[str] = []
        taken: list[Any] = []
        size = 200
        for row in rows:
            if row.entity_type == "participant" or row.action == "snapshot":
                payload_text = json.dumps(
                    _wire_payload(session, row, consented, snapshot_entities),
                    separators=(",", ":"),
                    ensure_ascii=False,
                )
            else:
                payload_text = row.payload_text
            created = datetime.fromisoformat(row.created_text).replace(tzinfo=UTC)
            # IDs are UUIDs and type/action plain words the Store wrote: no escaping needed.
            wire = (
                f'{{"op_id":"{row.op_id}",'
                f'"entity_type":"{row.entity_type}",'
                f'"entity_id":"{row.entity_id}",'
                f'"action":"{row.action}",'
                f'"base":{_base_for(marks, row.seq, cursor)},'
                f'"created_at":"{created.isoformat()}",'
                f'"payload":{payload_text}}}'
            )
            if taken and size + len(wire) > max_bytes:
                break
            size += len(wire) + 1
            wire_ops.append(wire)
            taken.append(row)
        body = (
            '{"device_id":'
            + json.dumps(ident)
            + ',"batch_key":'
            + json.dumps(key)
            + ',"ops":['
            + ",".join(wire_ops)
            + "]}"
        )
        session.execute(
            update(OutboxOperation)
            .where(OutboxOperation.seq.in_([op.seq for op in taken]))
            .values(state=FROZEN, batch_key=key)
            .execution_options(synchronize_session=False)
        )
        _state_set(session, KEY_BATCH_PREFIX + key, body)
        return FrozenBatch(key=key, body=body.encode("utf-8"), op_ids=[op.op_id for op in taken])


def rekey_batch(store: Store, key: str) -> None:
    """Drop a frozen batch the server refused as a whole; its ops are frozen again later."""
    with store.transaction() as session:
        session.execute(
            update(OutboxOperation)
            .where(OutboxOperation.batch_key == key, OutboxOperation.state == FROZEN)
            .values(state=PENDING, batch_key=None)
        )
        row = session.get(SyncState, KEY_BATCH_PREFIX + key)
        if row is not None:
            session.delete(row)


def park_batch(store: Store, key: str, message: str) -> int:
    with store.transaction() as session:
        count = _rowcount(
            session.execute(
                update(OutboxOperation)
                .where(OutboxOperation.batch_key == key, OutboxOperation.state == FROZEN)
                .values(state=PARKED, batch_key=None, last_error=message)
            )
        )
        row = session.get(SyncState, KEY_BATCH_PREFIX + key)
        if row is not None:
            session.delete(row)
        return int(count)


# ---------------------------------------------------------------- applying remote values


def _to_model_value(entity_cls: type[SyncedEntity], name: str, value: Any) -> Any:
    column = entity_cls.__table__.columns.get(name)
    if column is None or value is None:
        return value
    type_name = type(column.type).__name__
    if type_name == "UTCDateTime" and isinstance(value, str):
        return datetime.fromisoformat(value)
    if type_name == "Numeric":
        return Decimal(str(value))
    return value


def _protected_fields(session: Session, entity_type: str, entity_id: str) -> set[str]:
    """Fields with local changes not yet acknowledged: remote values must not overwrite them."""
    protected: set[str] = set()
    rows = session.execute(
        select(OutboxOperation.action, OutboxOperation.payload).where(
            OutboxOperation.entity_id == entity_id,
            OutboxOperation.entity_type == entity_type,
            OutboxOperation.state.in_(UNACKED),
        )
    ).all()
    for action, payload in rows:
        if action in ("create", "snapshot"):
            return {"*"}
        protected.update(payload)
    protected.discard("updated_at")
    return protected


def apply_remote_in(
    session: Session,
    entity_type: str,
    entity_id: str,
    action: str,
    fields: dict[str, Any],
    full: dict[str, Any] | None = None,
) -> bool:
    """Write remote values into the local row without an outbox row; True when it changed.

    `full` is the server's current record, used when the laptop does not have it yet.
    """
    entity_cls = SYNCED_ENTITIES.get(entity_type)
    if entity_cls is None or not (fields or full):
        return False
    protected = _protected_fields(session, entity_type, entity_id)
    if "*" in protected:
        return False
    columns = entity_cls.__table__.columns

    def model_values(source: dict[str, Any]) -> dict[str, Any]:
        return {
            name: _to_model_value(entity_cls, name, value)
            for name, value in source.items()
            if name in columns and name not in protected and name != "id"
        }

    values = model_values(fields)
    entity = session.get(entity_cls, entity_id)
    if entity is None:
        if action not in ("create", "snapshot") or not full:
            log.warning("remote %s for unknown %s %s skipped", action, entity_type, entity_id)
            return False
        values = model_values(full)
        if entity_type == "participant":
            values["name"] = values.get("name") or ""
        entity = entity_cls(id=entity_id, **values)
        session.add(entity)
        session.flush()
        return True
    changed = False
    for name, value in values.items():
        if getattr(entity, name) != value:
            setattr(entity, name, value)
            changed = True
    if changed:
        session.flush()
    return changed


def _log_conflict(
    session: Session, entity_type: str, entity_id: str, detail: dict[str, Any], clock: Clock
) -> None:
    session.add(
        ConflictRecord(
            entity_type=entity_type, entity_id=entity_id, detail=detail, created_at=clock.now()
        )
    )


def _record_mark(session: Session, cursor: int) -> None:
    """Remember that every outbox row written so far was based on `cursor` (see _base_for)."""
    top = session.scalar(select(func.max(OutboxOperation.seq))) or 0
    oldest_pending = session.scalar(
        select(func.min(OutboxOperation.seq)).where(OutboxOperation.state == PENDING)
    )
    marks: list[list[int]] = json.loads(_state_get(session, KEY_MARKS) or "[]")
    if oldest_pending is None:
        marks = []
    else:
        marks = [mark for mark in marks if mark[0] >= oldest_pending]
        if not marks or marks[-1][0] < top:
            marks.append([int(top), cursor])
    _state_set(session, KEY_MARKS, json.dumps(marks))


def apply_pull_page(
    store: Store, changes: list[dict[str, Any]], next_cursor: int, clock: Clock = SYSTEM_CLOCK
) -> tuple[int, int]:
    """Apply one page of changes and save its cursor, in one transaction: (applied, conflicts)."""
    applied = conflicts = 0
    with store.transaction() as session:
        cursor = _cursor(session)
        if next_cursor <= cursor:
            return 0, 0
        _record_mark(session, cursor)
        for change in changes:
            if int(change["seq"]) <= cursor or change.get("mine"):
                continue
            if apply_remote_in(
                session,
                str(change["entity_type"]),
                str(change["entity_id"]),
                str(change["action"]),
                dict(change.get("fields") or {}),
                change.get("entity"),
            ):
                applied += 1
            if change.get("conflict"):
                conflicts += 1
                _log_conflict(
                    session,
                    str(change["entity_type"]),
                    str(change["entity_id"]),
                    {"source": "pull", "op_id": change["op_id"], **change["conflict"]},
                    clock,
                )
        _state_set(session, KEY_CURSOR, str(next_cursor))
    return applied, conflicts


def store_results(
    store: Store, batch: FrozenBatch, results: list[dict[str, Any]], clock: Clock = SYSTEM_CLOCK
) -> tuple[int, int, int]:
    """Record the server's per-op answers in one transaction: (acked, parked, conflicts)."""
    by_id = {str(result.get("op_id")): result for result in results}
    if set(by_id) != set(batch.op_ids):
        raise ServerUnreachable(_("The server's answer did not match the batch; will retry."))
    acked = parked = conflicts = 0
    now = clock.now()
    plain = [
        op_id
        for op_id in batch.op_ids
        if by_id[op_id].get("status") in ("applied", "duplicate")
        and not by_id[op_id].get("resolved")
    ]
    with store.transaction() as session:
        # The common case in one statement; conflicts and refusals row by row below.
        for start in range(0, len(plain), 500):
            acked += _rowcount(
                session.execute(
                    update(OutboxOperation)
                    .where(
                        OutboxOperation.batch_key == batch.key,
                        OutboxOperation.state == FROZEN,
                        OutboxOperation.op_id.in_(plain[start : start + 500]),
                    )
                    .values(state=ACKED, acked_at=now, last_error="")
                    .execution_options(synchronize_session=False)
                )
            )
        special = set(batch.op_ids) - set(plain)
        rows = {
            row.op_id: row
            for row in session.scalars(
                select(OutboxOperation).where(
                    OutboxOperation.batch_key == batch.key,
                    OutboxOperation.op_id.in_(list(special)),
                )
            )
        }
        for op_id in batch.op_ids:
            row = rows.get(op_id)
            if row is None or row.state != FROZEN:
                continue
            result = by_id[op_id]
            outcome = result.get("status")
            if outcome in ACKED_STATUSES:
                row.state = ACKED
                row.acked_at = now
                row.last_error = ""
                acked += 1
                if outcome == "conflict":
                    conflicts += 1
                    _log_conflict(
                        session,
                        row.entity_type,
                        row.entity_id,
                        {"source": "push", "op_id": op_id, **(result.get("conflict") or {})},
                        clock,
                    )
                resolved = result.get("resolved")
                if isinstance(resolved, dict) and resolved:
                    session.flush()
                    apply_remote_in(session, row.entity_type, row.entity_id, "update", resolved)
            else:
                error = result.get("error") or {}
                row.state = PARKED
                row.batch_key = None
                row.attempts += 1
                row.last_error = str(error.get("message") or outcome or "rejected")
                parked += 1
        state_row = session.get(SyncState, KEY_BATCH_PREFIX + batch.key)
        if state_row is not None:
            session.delete(state_row)
    return acked, parked, conflicts


# ---------------------------------------------------------------- needs attention


@dataclass(frozen=True)
class ParkedOperation:
    seq: int
    op_id: str
    entity_type: str
    entity_id: str
    action: str
    error: str
    created_at: datetime


def parked_operations(store: Store) -> list[ParkedOperation]:
    with store.session() as session:
        rows = session.scalars(
            select(OutboxOperation)
            .where(OutboxOperation.state == PARKED)
            .order_by(OutboxOperation.seq)
        )
        return [
            ParkedOperation(
                seq=row.seq,
                op_id=row.op_id,
                entity_type=row.entity_type,
                entity_id=row.entity_id,
                action=row.action,
                error=row.last_error,
                created_at=row.created_at,
            )
            for row in rows
        ]


def retry_parked(store: Store, seqs: Iterable[int]) -> int:
    """Put parked operations back in the queue (same op IDs, so still exactly once)."""
    with store.transaction() as session:
        return _rowcount(
            session.execute(
                update(OutboxOperation)
                .where(OutboxOperation.seq.in_(list(seqs)), OutboxOperation.state == PARKED)
                .values(state=PENDING, batch_key=None)
            )
        )


def discard_parked(store: Store, seqs: Iterable[int]) -> int:
    """The user chose to drop these operations; the rows stay, marked discarded."""
    with store.transaction() as session:
        return _rowcount(
            session.execute(
                update(OutboxOperation)
                .where(OutboxOperation.seq.in_(list(seqs)), OutboxOperation.state == PARKED)
                .values(state=DISCARDED)
            )
        )


def conflict_log(store: Store, limit: int = 200) -> list[ConflictRecord]:
    with store.session() as session:
        return list(
            session.scalars(
                select(ConflictRecord).order_by(ConflictRecord.created_at.desc()).limit(limit)
            )
        )


# ---------------------------------------------------------------- the client


class SyncClient:
    """One device talking to one server. Not thread-safe: one sync at a time per device."""

    def __init__(
        self,
        store: Store,
        server_url: str,
        token: str,
        *,
        ca_bundle: str | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        clock: Clock = SYSTEM_CLOCK,
        rng: random.Random | None = None,
        sleep: Callable[[float], None] = time.sleep,
        max_attempts: int | None = 6,
        backoff_cap: float = 60.0,
        batch_ops: int = CLIENT_BATCH_OPS,
        lock_path: Path | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        self.store = store
        self.base_url = check_server_url(server_url)
        if not token:
            raise AuthRequired(_("Enter the device token for this server in Sync settings."))
        self._token = token
        self.verify: bool | str = ca_bundle or True
        self.timeout = (connect_timeout, read_timeout)
        self.clock = clock
        self.backoff = Backoff(rng or random.Random(), cap=backoff_cap)
        self.sleep = sleep
        self.max_attempts = max_attempts
        self.batch_ops = batch_ops
        self.lock_path = lock_path
        self.progress = progress
        self.pull_limit = 500
        self.http = requests.Session()
        self.http.trust_env = False  # no proxies or .netrc credentials from the environment
        self.http.headers.update({"User-Agent": "Hexikit-sync/1"})

    def __repr__(self) -> str:  # never show the token
        return f"SyncClient({self.base_url!r})"

    def close(self) -> None:
        self.http.close()

    # -- HTTP

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}
        headers.update(extra or {})
        return headers

    def _call(
        self,
        method: str,
        path: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, Any] | None = None,
    ) -> tuple[int, Any]:
        """One request, retried while the outcome is transient; returns (status, JSON)."""
        attempt = 0
        while True:
            retry_after: float | None = None
            try:
                response = self.http.request(
                    method,
                    self.base_url + path,
                    data=body,
                    headers=self._headers(headers),
                    params=params,
                    timeout=self.timeout,
                    allow_redirects=False,
                    verify=self.verify,
                )
            except requests.exceptions.SSLError as exc:
                raise ServerUnreachable(
                    _(
                        "The server's certificate could not be verified ({error}). Check the "
                        "address, or configure the server's CA bundle."
                    ).format(error=type(exc).__name__)
                ) from None
            except requests.RequestException as exc:
                reason = _("no connection ({error})").format(error=type(exc).__name__)
            else:
                code = response.status_code
                if code in (401, 403):
                    raise AuthRequired(
                        _(
                            "The server refused the device token. Enter a valid token in Sync "
                            "settings (ask the server's administrator for one)."
                        )
                    )
                if code in RETRY_STATUSES or code >= 500:
                    reason = _("the server answered {code}").format(code=code)
                    retry_after = parse_retry_after(
                        response.headers.get("Retry-After"), self.clock.now()
                    )
                elif 300 <= code < 400:
                    reason = _(
                        "the network redirected the request (a Wi-Fi login page?); sign in "
                        "to the network first"
                    )
                else:
                    try:
                        data = response.json()
                    except ValueError:
                        reason = _("the answer was not the sync server's (not JSON)")
                    else:
                        return code, data
            attempt += 1
            if self.max_attempts is not None and attempt >= self.max_attempts:
                raise ServerUnreachable(
                    _("Could not reach the sync server: {reason}. Will try again later.").format(
                        reason=reason
                    )
                )
            delay = retry_after if retry_after is not None else self.backoff.delay(attempt)
            log.info("sync: %s; retrying in %.1f s", reason, delay)
            self.sleep(min(delay, 3600.0))

    def health(self) -> bool:
        """True when the sync server (not a captive portal) answers /health."""
        try:
            response = self.http.get(
                self.base_url + "/health",
                timeout=self.timeout,
                allow_redirects=False,
                verify=self.verify,
            )
            data = response.json()
        except (requests.RequestException, ValueError):
            return False
        return (
            response.status_code == 200
            and isinstance(data, dict)
            and data.get("service") == SERVICE_NAME
        )

    # -- push and pull

    def push(self) -> tuple[int, int, int]:
        """Send every pending operation; returns (acked, parked, conflicts)."""
        acked = parked = conflicts = 0
        total = outbox_counts(self.store)
        todo = total[PENDING] + total[FROZEN]
        while True:
            batch = freeze_batch(self.store, self.batch_ops)
            if batch is None:
                return acked, parked, conflicts
            code, data = self._call(
                "POST",
                "/v1/push",
                body=batch.body,
                headers={"Content-Type": "application/json", "Idempotency-Key": batch.key},
            )
            if code == 200 and isinstance(data, dict) and isinstance(data.get("results"), list):
                done = store_results(self.store, batch, data["results"], self.clock)
                acked += done[0]
                parked += done[1]
                conflicts += done[2]
            elif code == 422:
                rekey_batch(self.store, batch.key)
            else:
                message = str(data.get("message") if isinstance(data, dict) else data)
                parked += park_batch(
                    self.store,
                    batch.key,
                    _("The server refused the batch ({code}): {message}").format(
                        code=code, message=message
                    ),
                )
            if self.progress is not None:
                self.progress(min(acked + parked, todo), max(todo, 1))

    def pull(self) -> tuple[int, int]:
        """Fetch and apply changes page by page; returns (applied, conflicts)."""
        applied = conflicts = 0
        while True:
            with self.store.session() as session:
                cursor = _cursor(session)
            code, data = self._call(
                "GET", "/v1/changes", params={"after": cursor, "limit": self.pull_limit}
            )
            if code != 200 or not isinstance(data, dict) or "changes" not in data:
                raise ServerUnreachable(
                    _("The server's change feed answered {code}.").format(code=code)
                )
            page = apply_pull_page(self.store, data["changes"], int(data["next"]), self.clock)
            applied += page[0]
            conflicts += page[1]
            if not data.get("more"):
                return applied, conflicts

    def reconcile(self) -> dict[str, Any]:
        """Compare the server's count and hash of this device's op IDs with what we hold."""
        _code, data = self._call("GET", "/v1/reconcile")
        count, digest = ops_digest(acknowledged_op_ids(self.store))
        return {
            "server_count": data.get("count"),
            "local_count": count,
            "match": data.get("count") == count and data.get("hash") == digest,
        }

    def sync(self) -> SyncReport:
        """One full cycle: push everything, then pull everything."""
        lock = FileLock(str(self.lock_path)) if self.lock_path is not None else None
        if lock is not None:
            lock.acquire(timeout=60)
        try:
            report = SyncReport(status="up_to_date")
            try:
                report.pushed, report.parked_now, push_conflicts = self.push()
                report.pulled, pull_conflicts = self.pull()
                report.conflicts = push_conflicts + pull_conflicts
                with self.store.transaction() as session:
                    _state_set(session, KEY_LAST_SYNC, self.clock.now().isoformat())
            except AuthRequired as exc:
                report.status, report.message = "auth", str(exc)
            except ServerUnreachable as exc:
                report.status, report.message = "offline", str(exc)
            counts = outbox_counts(self.store)
            report.pending = counts[PENDING] + counts[FROZEN]
            report.parked = counts[PARKED]
            if report.status == "up_to_date":
                if report.parked:
                    report.status = "needs_attention"
                elif report.pending:
                    report.status = "pending"
            return report
        finally:
            if lock is not None:
                lock.release()
