"""The reference sync server: a WSGI application over a SQLAlchemy store.

SQLite by default, PostgreSQL by URL. Guarantees (docs/sync-protocol.md):

* every operation ID is stored forever under a UNIQUE constraint, so a replay is answered
  ``duplicate`` however late it comes; Idempotency-Key replays the stored answer for 24 h;
* one transaction per batch, answered only after it committed;
* writes are serialised (a lock on SQLite, an advisory lock on PostgreSQL) so the change
  sequence is the commit order and a pull never skips a change;
* device tokens are stored as SHA-256 hashes (they are 256-bit random, so a fast hash is
  enough); every refusal is a JSON body and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    Engine,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError

from hexikit.records.claimcodes import normalise_claim_code
from hexikit.sync.protocol import (
    ENTITY_FIELDS,
    MAX_BODY_BYTES,
    MAX_PULL_LIMIT,
    PERSONAL_FIELDS,
    PROTOCOL_VERSION,
    SERVICE_NAME,
    ProtocolError,
    WireOp,
    is_uuid,
    op_problem,
    ops_digest,
    parse_push,
)

log = logging.getLogger(__name__)

IDEMPOTENCY_TTL_SECONDS = 24 * 3600
#: A key still "running" after this long belongs to a request that died with its server.
STALE_RUNNING_SECONDS = 120.0

metadata = MetaData()

devices = Table(
    "devices",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
)

operations = Table(
    "operations",
    metadata,
    # The change sequence: assigned under the write lock, so it is the commit order.
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("op_id", String(36), nullable=False, unique=True),
    Column("device_id", String(36), nullable=False, index=True),
    Column("entity_type", String(20), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("action", String(10), nullable=False),
    Column("payload", JSON, nullable=False),
    # NULL (not JSON null) for "no fields" and "no conflict": creates skip two encodings.
    Column("fields", JSON(none_as_null=True), nullable=True),
    Column("status", String(10), nullable=False),
    Column("conflict", JSON(none_as_null=True), nullable=True),
    Column("received_at", String(40), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("entity_type", String(20), primary_key=True),
    Column("entity_id", String(36), primary_key=True),
    Column("data", JSON, nullable=False),
    Column("field_seq", JSON, nullable=False),
    Column("field_device", JSON, nullable=False),
    Column("participant_id", String(36), nullable=True, index=True),
    Column("claim_code", String(8), nullable=True, index=True),
    Column("member", String(200), nullable=True),
)

idempotency = Table(
    "idempotency_keys",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("key", String(36), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("state", String(10), nullable=False),  # running | done
    Column("status_code", Integer, nullable=False, default=0),
    Column("response", Text, nullable=False, default=""),
    Column("created", Float, nullable=False),
)

conflicts = Table(
    "conflicts",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("seq", Integer, nullable=False),
    Column("entity_type", String(20), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("detail", JSON, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("code", String(8), primary_key=True),
    Column("participant_id", String(36), nullable=False),
    Column("member", String(200), nullable=False),
    Column("claimed_at", String(40), nullable=False),
)

_DEFAULTS: dict[str, dict[str, Any]] = {
    "event": {"date": "", "venue": "", "region": "", "facilitator": ""},
    "participant": {
        "event_id": None,
        "name": "",
        "email": "",
        "organisation": "",
        "role": "",
        "region": "",
        "is_member": False,
        "consent": False,
        "consent_at": None,
        "consent_wording": "",
    },
    "activity": {
        "participant_id": None,
        "description": "",
        "categories": [],
        "regions": [],
        "mode": "either",
        "hours": None,
    },
    "match": {"status": "confirmed", "score": 0.0, "explanation": ""},
    "feedback": {"worked": "", "even_better_if": "", "rating": None},
}

_META_FIELDS = {"id", "created_at", "updated_at"}


def _iso_now() -> str:
    return datetime.now(UTC).isoformat()


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def open_engine(url: str) -> Engine:
    """An engine for `url` with the schema created (a plain path means a SQLite file)."""
    if "://" not in url:
        url = f"sqlite:///{url}"
    engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA busy_timeout=10000")
            cursor.close()

    metadata.create_all(engine)
    return engine


# ---------------------------------------------------------------- administration


def add_device(engine: Engine, name: str) -> tuple[str, str]:
    """Register a device; returns (device id, token). Only the token's hash is stored."""
    token = secrets.token_urlsafe(32)
    device_id = str(uuid.uuid4())
    with engine.begin() as conn:
        conn.execute(
            insert(devices).values(
                id=device_id, name=name, token_hash=hash_token(token), created_at=_iso_now()
            )
        )
    return device_id, token


def dump(engine: Engine) -> Iterator[dict[str, Any]]:
    """Every stored record as a JSON-ready dict with `type` and `id` (for audits and tests)."""
    with engine.connect() as conn:
        for row in conn.execute(select(devices.c.id, devices.c.name, devices.c.created_at)):
            yield {"type": "device", "id": row.id, "name": row.name, "created_at": row.created_at}
        for row in conn.execute(select(entities).order_by(entities.c.entity_type)):
            record = {"type": row.entity_type, "id": row.entity_id, **row.data}
            if row.member is not None:
                record["member"] = row.member
            yield record
        for row in conn.execute(select(operations).order_by(operations.c.seq)):
            yield {
                "type": "operation",
                "id": row.op_id,
                "seq": row.seq,
                "device": row.device_id,
                "entity_type": row.entity_type,
                "entity_id": row.entity_id,
                "action": row.action,
                "status": row.status,
            }
        for row in conn.execute(select(conflicts).order_by(conflicts.c.seq)):
            yield {
                "type": "conflict",
                "id": row.id,
                "seq": row.seq,
                "entity_type": row.entity_type,
                "entity_id": row.entity_id,
                "detail": row.detail,
            }
        for row in conn.execute(select(claims)):
            yield {
                "type": "claim",
                "id": row.participant_id,
                "code": row.code,
                "member": row.member,
                "claimed_at": row.claimed_at,
            }


class ClaimError(Exception):
    def __init__(self, code: str, message: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def claim(engine: Engine, code: str, member: str) -> dict[str, Any]:
    """Move the activities of the participant holding `code` to `member`'s account."""
    clean = normalise_claim_code(code)
    member = member.strip()
    if clean is None:
        raise ClaimError("bad_code", "a claim code is 8 letters and digits", 400)
    if not member or len(member) > 200:
        raise ClaimError("bad_member", "member must be 1 to 200 characters", 400)
    with engine.begin() as conn:
        participant = conn.execute(
            select(entities.c.entity_id).where(
                entities.c.entity_type == "participant", entities.c.claim_code == clean
            )
        ).first()
        if participant is None:
            raise ClaimError("unknown_code", "no participant has this claim code", 404)
        existing = conn.execute(select(claims).where(claims.c.code == clean)).first()
        if existing is not None and existing.member != member:
            raise ClaimError("already_claimed", "this code was claimed by another member", 409)
        if existing is None:
            conn.execute(
                insert(claims).values(
                    code=clean,
                    participant_id=participant.entity_id,
                    member=member,
                    claimed_at=_iso_now(),
                )
            )
        moved = conn.execute(
            update(entities)
            .where(
                entities.c.entity_type == "activity",
                entities.c.participant_id == participant.entity_id,
            )
            .values(member=member)
        ).rowcount
    return {"participant_id": participant.entity_id, "member": member, "activities": moved}


def purge_idempotency_keys(engine: Engine, older_than_seconds: float) -> int:
    """Forget idempotency keys older than the window (operation IDs are never forgotten)."""
    cutoff = time.time() - older_than_seconds
    with engine.begin() as conn:
        return conn.execute(delete(idempotency).where(idempotency.c.created <= cutoff)).rowcount


# ---------------------------------------------------------------- applying a batch


@dataclass
class _EntityState:
    data: dict[str, Any]
    field_seq: dict[str, int]
    field_device: dict[str, str]
    member: str | None
    new: bool
    dirty: bool = False


@dataclass
class _BatchWork:
    device_id: str
    now: str
    states: dict[tuple[str, str], _EntityState | None] = field(default_factory=dict)
    op_rows: list[dict[str, Any]] = field(default_factory=list)
    conflict_rows: list[dict[str, Any]] = field(default_factory=list)
    claimed: dict[str, str] = field(default_factory=dict)  # participant id -> member


def _is_personal_blank(data: dict[str, Any]) -> dict[str, Any]:
    return {name: "" for name in PERSONAL_FIELDS if data.get(name)}


def _possible_duplicate(
    conn: Connection, work: _BatchWork, entity_id: str, data: dict[str, Any]
) -> str | None:
    """Another device's consented participant at the same event with the same name or email."""
    name = str(data.get("name") or "").strip().casefold()
    email = str(data.get("email") or "").strip().casefold()
    if not data.get("consent") or not (name or email) or not data.get("event_id"):
        return None
    rows = conn.execute(
        select(entities.c.entity_id, entities.c.data, entities.c.field_device).where(
            entities.c.entity_type == "participant", entities.c.entity_id != entity_id
        )
    )
    for row in rows:
        other = row.data
        if other.get("event_id") != data.get("event_id") or other.get("deleted_at"):
            continue
        if row.field_device.get("id", row.field_device.get("*")) == work.device_id:
            continue
        same_name = name and str(other.get("name") or "").strip().casefold() == name
        same_email = email and str(other.get("email") or "").strip().casefold() == email
        if same_name or same_email:
            return str(row.entity_id)
    return None


def _apply_op(
    conn: Connection, work: _BatchWork, op: WireOp, seq: int
) -> tuple[str, dict[str, Any] | None, dict[str, Any] | None, dict[str, Any] | None]:
    """Apply one valid op; returns (status, fields set, conflict detail, resolved for sender)."""
    key = (op.entity_type, op.entity_id)
    state = work.states.get(key)
    device = work.device_id
    payload = dict(op.payload)
    conflict: dict[str, Any] | None = None
    resolved: dict[str, Any] | None = None
    if state is None and op.action in ("update", "delete"):
        raise _Rejected(f"no {op.entity_type} {op.entity_id} on the server")
    if op.entity_type == "participant" and payload.get("consent") is False:
        # Consent withdrawn (or never given): personal details are erased, never stored.
        for name in PERSONAL_FIELDS:
            payload.pop(name, None)
    if state is None:
        data = {**_DEFAULTS[op.entity_type], **payload, "id": op.entity_id}
        data.setdefault("created_at", op.created_at)
        data.setdefault("updated_at", op.created_at)
        data.setdefault("deleted_at", None)
        state = _EntityState(
            data=data,
            # "*" is every field not listed: a create writes one small JSON, not one per field.
            field_seq={"*": seq},
            field_device={"*": device},
            member=None,
            new=True,
            dirty=True,
        )
        if op.entity_type == "activity" and data.get("participant_id"):
            state.member = _member_of(conn, work, str(data["participant_id"]))
        work.states[key] = state
        created: dict[str, Any] | None = None  # the feed sends the whole record for a create
        if op.entity_type == "participant":
            other = _possible_duplicate(conn, work, op.entity_id, data)
            if other is not None:
                conflict = {"kind": "possible_duplicate", "other_id": other}
        return ("conflict" if conflict else "applied"), created, conflict, None

    data = state.data
    concurrent = {
        name
        for name in data
        if _seq_of(state.field_seq, name) > op.base
        and _device_of(state.field_device, name) != device
        and name != "updated_at"
    }
    if op.action == "delete":
        edited = concurrent - {"deleted_at"}
        if edited and op.action == "delete":
            # A delete racing an edit: the record stays and the conflict is flagged.
            conflict = {"kind": "delete_vs_edit", "edited_fields": sorted(edited)}
            return "conflict", {}, conflict, {"deleted_at": None}
    fields: dict[str, Any] = {}
    lost: dict[str, Any] = {}
    for name, value in payload.items():
        if name in ("id", "created_at"):
            continue
        if op.action == "update" and name in concurrent and data.get(name) != value:
            lost[name] = {"lost": data.get(name), "won": value}
        if data.get(name) != value or name == "updated_at":
            fields[name] = value
        data[name] = value
        state.field_seq[name] = seq
        state.field_device[name] = device
    if (
        op.action == "update"
        and data.get("deleted_at") is not None
        and "deleted_at" not in payload
        and "deleted_at" in concurrent
    ):
        # An edit racing a delete: keep the record, flag it.
        data["deleted_at"] = None
        fields["deleted_at"] = None
        state.field_seq["deleted_at"] = seq
        state.field_device["deleted_at"] = device
        conflict = {"kind": "edit_vs_delete"}
        resolved = {"deleted_at": None}
    if op.entity_type == "participant" and data.get("consent") is False:
        erased = _is_personal_blank(data)
        if erased:
            data.update(erased)
            fields.update(erased)
            for name in erased:
                state.field_seq[name] = seq
                state.field_device[name] = device
            _scrub_personal(conn, work, op.entity_id)
    if lost:
        conflict = {
            **(conflict or {}),
            "kind": (conflict or {}).get("kind", "field"),
            **{"fields": lost},
        }
    state.dirty = True
    return ("conflict" if conflict else "applied"), fields, conflict, resolved


def _seq_of(field_seq: dict[str, int], name: str) -> int:
    return int(field_seq.get(name, field_seq.get("*", 0)))


def _device_of(field_device: dict[str, str], name: str) -> str:
    return str(field_device.get(name, field_device.get("*", "")))


def _stored_payload(work: _BatchWork, op: WireOp) -> dict[str, Any]:
    """The payload as kept for audit: never personal fields of a participant without consent."""
    state = work.states.get((op.entity_type, op.entity_id))
    if op.entity_type == "participant" and state is not None and not state.data.get("consent"):
        return {k: v for k, v in op.payload.items() if k not in PERSONAL_FIELDS}
    return op.payload


def _scrub_personal(conn: Connection, work: _BatchWork, participant_id: str) -> None:
    """Consent withdrawn: personal details leave the stored operations too."""

    def scrubbed(values: dict[str, Any] | None) -> dict[str, Any] | None:
        if values is None:
            return None
        return {k: v for k, v in values.items() if k not in PERSONAL_FIELDS}

    rows = conn.execute(
        select(operations.c.seq, operations.c.payload, operations.c.fields).where(
            operations.c.entity_type == "participant", operations.c.entity_id == participant_id
        )
    ).all()
    for row in rows:
        conn.execute(
            update(operations)
            .where(operations.c.seq == row.seq)
            .values(payload=scrubbed(row.payload), fields=scrubbed(row.fields))
        )
    for pending in work.op_rows:
        if pending["entity_type"] == "participant" and pending["entity_id"] == participant_id:
            pending["payload"] = scrubbed(pending["payload"])
            pending["fields"] = scrubbed(pending["fields"])


def _member_of(conn: Connection, work: _BatchWork, participant_id: str) -> str | None:
    if participant_id in work.claimed:
        return work.claimed[participant_id]
    row = conn.execute(
        select(claims.c.member).where(claims.c.participant_id == participant_id)
    ).first()
    member = row.member if row is not None else None
    if member is not None:
        work.claimed[participant_id] = member
    return member


class _Rejected(Exception):
    pass


class ForeignOperation(Exception):
    """The batch holds an operation ID stored for another device."""


def _load_states(conn: Connection, work: _BatchWork, ops: list[WireOp]) -> None:
    wanted: dict[str, set[str]] = {}
    for op in ops:
        wanted.setdefault(op.entity_type, set()).add(op.entity_id)
    for entity_type, ids in wanted.items():
        for chunk in _chunks(sorted(ids), 500):
            rows = conn.execute(
                select(entities).where(
                    entities.c.entity_type == entity_type, entities.c.entity_id.in_(chunk)
                )
            )
            for row in rows:
                work.states[(entity_type, row.entity_id)] = _EntityState(
                    data=dict(row.data),
                    field_seq=dict(row.field_seq),
                    field_device=dict(row.field_device),
                    member=row.member,
                    new=False,
                )


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def apply_batch(conn: Connection, device_id: str, ops: list[WireOp]) -> list[dict[str, Any]]:
    """Apply `ops` inside the caller's transaction; returns the per-op results."""
    existing: dict[str, str] = {}
    for chunk in _chunks([op.op_id for op in ops], 500):
        for row in conn.execute(
            select(operations.c.op_id, operations.c.device_id).where(operations.c.op_id.in_(chunk))
        ):
            existing[row.op_id] = row.device_id
    if any(owner != device_id for owner in existing.values()):
        raise ForeignOperation
    work = _BatchWork(device_id=device_id, now=_iso_now())
    _load_states(conn, work, [op for op in ops if op.op_id not in existing])
    next_seq = int(conn.scalar(select(func.coalesce(func.max(operations.c.seq), 0))) or 0) + 1
    results: list[dict[str, Any]] = []
    for op in ops:
        if op.op_id in existing:
            results.append({"op_id": op.op_id, "status": "duplicate"})
            continue
        problem = op_problem(op)
        if problem is None:
            try:
                status, fields, conflict, resolved = _apply_op(conn, work, op, next_seq)
            except _Rejected as exc:
                problem = str(exc)
        if problem is not None:
            results.append(
                {
                    "op_id": op.op_id,
                    "status": "rejected",
                    "error": {"code": "invalid_op", "message": problem},
                }
            )
            continue
        work.op_rows.append(
            {
                "seq": next_seq,
                "op_id": op.op_id,
                "device_id": device_id,
                "entity_type": op.entity_type,
                "entity_id": op.entity_id,
                "action": op.action,
                "payload": _stored_payload(work, op),
                "fields": fields,
                "status": status,
                "conflict": conflict,
                "received_at": work.now,
            }
        )
        if conflict is not None:
            work.conflict_rows.append(
                {
                    "id": str(uuid.uuid4()),
                    "seq": next_seq,
                    "entity_type": op.entity_type,
                    "entity_id": op.entity_id,
                    "detail": {**conflict, "op_id": op.op_id, "device": device_id},
                }
            )
        result: dict[str, Any] = {"op_id": op.op_id, "status": status, "seq": next_seq}
        if conflict is not None:
            result["conflict"] = conflict
        if resolved is not None:
            result["resolved"] = resolved
        results.append(result)
        next_seq += 1
    if work.op_rows:
        conn.execute(insert(operations), work.op_rows)
    if work.conflict_rows:
        conn.execute(insert(conflicts), work.conflict_rows)
    _store_states(conn, work)
    return results


def _store_states(conn: Connection, work: _BatchWork) -> None:
    new_rows: list[dict[str, Any]] = []
    for (entity_type, entity_id), state in work.states.items():
        if state is None or not state.dirty:
            continue
        row = {
            "data": state.data,
            "field_seq": state.field_seq,
            "field_device": state.field_device,
            "participant_id": state.data.get("participant_id")
            if entity_type == "activity"
            else None,
            "claim_code": state.data.get("claim_code") if entity_type == "participant" else None,
            "member": state.member,
        }
        if state.new:
            new_rows.append({"entity_type": entity_type, "entity_id": entity_id, **row})
        else:
            conn.execute(
                update(entities)
                .where(entities.c.entity_type == entity_type, entities.c.entity_id == entity_id)
                .values(**row)
            )
    if new_rows:
        conn.execute(insert(entities), new_rows)


# ---------------------------------------------------------------- rate limiting


class RateLimiter:
    """At most `limit` events per `window` seconds per key (sliding window)."""

    def __init__(
        self, limit: int, window: float, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._monotonic = monotonic
        self._events: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> float:
        """0 when allowed (and counted); otherwise the seconds to wait."""
        now = self._monotonic()
        with self._lock:
            events = self._events.setdefault(key, deque())
            while events and events[0] <= now - self.window:
                events.popleft()
            if len(events) >= self.limit:
                return max(0.001, events[0] + self.window - now)
            events.append(now)
            return 0.0


# ---------------------------------------------------------------- the WSGI app

StartResponse = Callable[..., Any]

_STATUS_TEXT = {
    200: "200 OK",
    400: "400 Bad Request",
    401: "401 Unauthorized",
    403: "403 Forbidden",
    404: "404 Not Found",
    405: "405 Method Not Allowed",
    409: "409 Conflict",
    411: "411 Length Required",
    413: "413 Content Too Large",
    415: "415 Unsupported Media Type",
    422: "422 Unprocessable Content",
    429: "429 Too Many Requests",
    500: "500 Internal Server Error",
}


class _HTTPError(Exception):
    def __init__(
        self, status: int, code: str, message: str, headers: list[tuple[str, str]] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or []


def error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": code, "message": message}).encode("utf-8")


class SyncServerApp:
    """The WSGI application of the reference server."""

    def __init__(
        self,
        engine: Engine,
        *,
        idempotency_ttl: float = IDEMPOTENCY_TTL_SECONDS,
        claim_limit: int = 10,
        claim_window: float = 60.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.engine = engine
        self.idempotency_ttl = idempotency_ttl
        self._write_lock = threading.Lock()
        self._claims_per_client = RateLimiter(claim_limit, claim_window, monotonic)
        self._claims_overall = RateLimiter(claim_limit * 20, claim_window, monotonic)

    # -- plumbing

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        try:
            status, body, headers = self._route(environ)
        except _HTTPError as exc:
            status, body, headers = exc.status, error_body(exc.code, exc.message), exc.headers
        except Exception:
            log.exception("sync server error")
            status, body, headers = 500, error_body("server_error", "internal error"), []
        start_response(
            _STATUS_TEXT.get(status, f"{status} Error"),
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
                *headers,
            ],
        )
        return [body]

    def _route(self, environ: dict[str, Any]) -> tuple[int, bytes, list[tuple[str, str]]]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        routes: dict[str, tuple[str, Callable[[dict[str, Any]], tuple[int, bytes]]]] = {
            "/health": ("GET", self._health),
            "/v1/push": ("POST", self._push),
            "/v1/changes": ("GET", self._changes),
            "/v1/reconcile": ("GET", self._reconcile),
            "/v1/claims": ("POST", self._claim),
        }
        if path not in routes:
            raise _HTTPError(404, "not_found", f"no such endpoint {path}")
        wanted, handler = routes[path]
        if method != wanted:
            raise _HTTPError(405, "method_not_allowed", f"use {wanted} for {path}")
        status, body = handler(environ)
        return status, body, []

    def _device(self, environ: dict[str, Any]) -> str:
        header = environ.get("HTTP_AUTHORIZATION", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _HTTPError(401, "unauthorized", "send Authorization: Bearer <device token>")
        with self.engine.connect() as conn:
            row = conn.execute(
                select(devices.c.id).where(devices.c.token_hash == hash_token(token.strip()))
            ).first()
        if row is None:
            raise _HTTPError(401, "unauthorized", "unknown device token")
        return str(row.id)

    def _read_body(self, environ: dict[str, Any]) -> bytes:
        raw_length = environ.get("CONTENT_LENGTH") or ""
        if not raw_length.isdigit():
            raise _HTTPError(411, "length_required", "send a Content-Length")
        length = int(raw_length)
        if length > MAX_BODY_BYTES:
            raise _HTTPError(413, "too_large", f"bodies are limited to {MAX_BODY_BYTES} bytes")
        body = environ["wsgi.input"].read(length)
        if len(body) != length:
            raise _HTTPError(400, "truncated", "the body is shorter than its Content-Length")
        return bytes(body)

    @staticmethod
    def _json(value: Any) -> bytes:
        return json.dumps(value, separators=(",", ":")).encode("utf-8")

    # -- endpoints

    def _health(self, environ: dict[str, Any]) -> tuple[int, bytes]:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return 200, self._json(
            {"status": "ok", "service": SERVICE_NAME, "protocol": PROTOCOL_VERSION}
        )

    def _push(self, environ: dict[str, Any]) -> tuple[int, bytes]:
        device_id = self._device(environ)
        key = environ.get("HTTP_IDEMPOTENCY_KEY", "")
        if not is_uuid(key):
            raise _HTTPError(400, "idempotency_key", "send Idempotency-Key: <batch key UUID>")
        content_type = environ.get("CONTENT_TYPE", "")
        if not content_type.startswith("application/json"):
            raise _HTTPError(415, "content_type", "send Content-Type: application/json")
        body = self._read_body(environ)
        request_hash = hashlib.sha256(body).hexdigest()
        replay = self._claim_key(device_id, key, request_hash)
        if replay is not None:
            return replay
        try:
            return self._push_fresh(device_id, key, body)
        except BaseException:
            with self.engine.begin() as conn:
                conn.execute(
                    delete(idempotency).where(
                        idempotency.c.device_id == device_id,
                        idempotency.c.key == key,
                        idempotency.c.state == "running",
                    )
                )
            raise

    def _claim_key(self, device_id: str, key: str, request_hash: str) -> tuple[int, bytes] | None:
        """Record the key as running, or answer from it (replay, 409 running, 422 reuse)."""
        now = time.time()
        for _attempt in range(3):
            with self.engine.begin() as conn:
                row = conn.execute(
                    select(idempotency).where(
                        idempotency.c.device_id == device_id, idempotency.c.key == key
                    )
                ).first()
                if row is not None and row.created < now - self.idempotency_ttl:
                    conn.execute(
                        delete(idempotency).where(
                            idempotency.c.device_id == device_id, idempotency.c.key == key
                        )
                    )
                    row = None
                if row is not None:
                    if row.request_hash != request_hash:
                        raise _HTTPError(
                            422,
                            "idempotency_key_reused",
                            "this Idempotency-Key was used with a different body",
                        )
                    if row.state == "done":
                        return int(row.status_code), str(row.response).encode("utf-8")
                    if row.created > now - STALE_RUNNING_SECONDS:
                        raise _HTTPError(
                            409,
                            "in_progress",
                            "this batch is still being applied; retry shortly",
                            [("Retry-After", "1")],
                        )
                    conn.execute(
                        update(idempotency)
                        .where(idempotency.c.device_id == device_id, idempotency.c.key == key)
                        .values(created=now)
                    )
                    return None
                try:
                    conn.execute(
                        insert(idempotency).values(
                            device_id=device_id,
                            key=key,
                            request_hash=request_hash,
                            state="running",
                            status_code=0,
                            response="",
                            created=now,
                        )
                    )
                except IntegrityError:
                    continue
                return None
        raise _HTTPError(409, "in_progress", "this batch is being applied", [("Retry-After", "1")])

    def _push_fresh(self, device_id: str, key: str, body: bytes) -> tuple[int, bytes]:
        try:
            parsed = json.loads(body)
        except (ValueError, UnicodeDecodeError) as exc:
            raise _HTTPError(400, "malformed_json", f"the body is not JSON: {exc}") from exc
        try:
            _client_device, batch_key, ops = parse_push(parsed)
        except ProtocolError as exc:
            raise _HTTPError(exc.status, exc.code, exc.message) from exc
        if batch_key != key:
            raise _HTTPError(400, "idempotency_key", "Idempotency-Key must equal batch_key")
        with self._write_lock, self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(4242)"))
            try:
                results = apply_batch(conn, device_id, ops)
            except ForeignOperation:
                raise _HTTPError(
                    403, "foreign_operation", "an operation ID belongs to another device"
                ) from None
            response = self._json({"results": results, "device": device_id})
            conn.execute(
                update(idempotency)
                .where(idempotency.c.device_id == device_id, idempotency.c.key == key)
                .values(state="done", status_code=200, response=response.decode("utf-8"))
            )
        return 200, response

    def _query(self, environ: dict[str, Any]) -> dict[str, str]:
        from urllib.parse import parse_qs

        parsed = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        return {name: values[-1] for name, values in parsed.items()}

    def _changes(self, environ: dict[str, Any]) -> tuple[int, bytes]:
        device_id = self._device(environ)
        query = self._query(environ)
        try:
            after = int(query.get("after", "0"))
            limit = int(query.get("limit", "500"))
        except ValueError:
            raise _HTTPError(400, "bad_query", "after and limit must be integers") from None
        if after < 0 or not 1 <= limit <= MAX_PULL_LIMIT:
            raise _HTTPError(400, "bad_query", f"after >= 0 and 1 <= limit <= {MAX_PULL_LIMIT}")
        with self.engine.connect() as conn:
            rows = list(
                conn.execute(
                    select(operations)
                    .where(operations.c.seq > after)
                    .order_by(operations.c.seq)
                    .limit(limit + 1)
                )
            )
            more = len(rows) > limit
            rows = rows[:limit]
            current = self._field_seqs(conn, rows)
        changes = []
        for row in rows:
            # Only values still current: a field a later operation overwrote is not sent, so
            # an older change can never undo a newer one on the laptop.
            seqs, data = current.get((row.entity_type, row.entity_id), ({}, {}))
            fields = {k: v for k, v in (row.fields or {}).items() if _seq_of(seqs, k) == row.seq}
            change = {
                "seq": row.seq,
                "op_id": row.op_id,
                "mine": row.device_id == device_id,
                "entity_type": row.entity_type,
                "entity_id": row.entity_id,
                "action": row.action,
                "fields": fields,
                "conflict": row.conflict,
            }
            if row.action in ("create", "snapshot") and row.device_id != device_id:
                # A laptop that does not have the record yet creates it from its current state.
                change["entity"] = data
            changes.append(change)
        next_cursor = rows[-1].seq if rows else after
        return 200, self._json({"changes": changes, "next": next_cursor, "more": more})

    @staticmethod
    def _field_seqs(
        conn: Connection, rows: list[Any]
    ) -> dict[tuple[str, str], tuple[dict[str, int], dict[str, Any]]]:
        wanted: dict[str, set[str]] = {}
        for row in rows:
            wanted.setdefault(row.entity_type, set()).add(row.entity_id)
        found: dict[tuple[str, str], tuple[dict[str, int], dict[str, Any]]] = {}
        for entity_type, ids in wanted.items():
            for chunk in _chunks(sorted(ids), 500):
                for entity in conn.execute(
                    select(entities.c.entity_id, entities.c.field_seq, entities.c.data).where(
                        entities.c.entity_type == entity_type, entities.c.entity_id.in_(chunk)
                    )
                ):
                    found[(entity_type, entity.entity_id)] = (
                        dict(entity.field_seq),
                        dict(entity.data),
                    )
        return found

    def _reconcile(self, environ: dict[str, Any]) -> tuple[int, bytes]:
        device_id = self._device(environ)
        with self.engine.connect() as conn:
            ids = conn.scalars(
                select(operations.c.op_id).where(operations.c.device_id == device_id)
            ).all()
        count, digest = ops_digest(ids)
        return 200, self._json({"device": device_id, "count": count, "hash": digest})

    def _claim(self, environ: dict[str, Any]) -> tuple[int, bytes]:
        client = environ.get("REMOTE_ADDR", "?")
        for limiter, scope in ((self._claims_per_client, client), (self._claims_overall, "*")):
            wait = limiter.allow(scope)
            if wait:
                raise _HTTPError(
                    429,
                    "rate_limited",
                    "too many claim attempts; wait and try again",
                    [("Retry-After", str(int(wait) + 1))],
                )
        body = self._read_body(environ)
        try:
            parsed = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise _HTTPError(400, "malformed_json", "the body is not JSON") from None
        if (
            not isinstance(parsed, dict)
            or set(parsed) != {"code", "member"}
            or not all(isinstance(v, str) for v in parsed.values())
        ):
            raise _HTTPError(400, "bad_body", 'send {"code": "...", "member": "..."}')
        try:
            result = claim(self.engine, parsed["code"], parsed["member"])
        except ClaimError as exc:
            raise _HTTPError(exc.status, exc.code, exc.message) from None
        return 200, self._json(result)


def _field_names() -> dict[str, list[str]]:  # for docs and tests
    return {name: sorted(fields) for name, fields in ENTITY_FIELDS.items()}
