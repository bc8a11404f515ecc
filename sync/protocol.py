"""The sync wire format, shared by the client and the reference server (no Qt, no I/O).

See docs/sync-protocol.md. In short:

* ``POST /v1/push`` with ``Idempotency-Key: <batch key>`` and a body
  ``{"device_id", "batch_key", "ops": [op, ...]}``; each op is
  ``{"op_id", "entity_type", "entity_id", "action", "base", "created_at", "payload"}``.
  The answer lists, per op, ``applied | duplicate | conflict | rejected``.
* ``GET /v1/changes?after=N&limit=L``: the change feed in commit order.
* ``GET /v1/reconcile``: count and hash of the operation IDs the server holds for the caller.
* ``POST /v1/claims``: a claim code moves a participant's activities to a member account.
* ``GET /health``: JSON, so a captive portal's HTML page is never mistaken for the server.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from hexikit.records.claimcodes import normalise_claim_code
from hexikit.records.domain import EntityType, Kind, Mode

PROTOCOL_VERSION = 1
SERVICE_NAME = "hexikit-sync"

#: Limits the server enforces and the client stays under.
MAX_BODY_BYTES = 5 * 1024 * 1024
MAX_OPS_PER_BATCH = 1000
CLIENT_BATCH_OPS = 1000
CLIENT_BATCH_BYTES = 2 * 1024 * 1024
MAX_PULL_LIMIT = 1000
#: Change sequence numbers are 64-bit signed integers everywhere (server columns, cursors).
MAX_SEQ = 2**63 - 1
#: JSON deeper than this is refused before it is looked at (a push op is 3 levels deep).
MAX_JSON_DEPTH = 32


class OpAction(StrEnum):
    """What an operation does to its record (the op's `action` on the wire)."""

    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    #: The whole record as it is now: queued by a migration for records older than the outbox.
    SNAPSHOT = "snapshot"


_ACTIONS = frozenset(OpAction)


class ResultStatus(StrEnum):
    """The server's answer for one operation of a push."""

    APPLIED = "applied"
    DUPLICATE = "duplicate"  # stored before (a replay): success
    CONFLICT = "conflict"  # stored, with a conflict note
    REJECTED = "rejected"  # not stored; the answer says why


#: The answers that mean "the server holds this operation". A tuple, not a set: a server's
#: answer is tested against it, and an unhashable value there must not raise.
ACKED_STATUSES = (ResultStatus.APPLIED, ResultStatus.DUPLICATE, ResultStatus.CONFLICT)


class ConflictKind(StrEnum):
    """The `kind` of a conflict note (server, push answers, change feed, local conflict log)."""

    FIELD = "field"  # concurrent edits of the same field: the later commit won
    DELETE_VS_EDIT = "delete_vs_edit"  # a delete met an edit: the record was kept
    EDIT_VS_DELETE = "edit_vs_delete"  # an edit met a delete: the record was kept
    POSSIBLE_DUPLICATE = "possible_duplicate"  # the same person typed on two laptops


#: The `kind` of a conflict-log entry for a pulled change the laptop could not use.
UNAPPLIED = "unapplied"


#: Participant fields that may leave the laptop only with the person's consent.
PERSONAL_FIELDS = frozenset({"name", "email", "organisation", "role", "consent_wording"})
#: What a participant without consent is on the wire: an anonymous UUID plus these.
ANONYMOUS_PARTICIPANT_FIELDS = frozenset(
    {
        "id",
        "event_id",
        "region",
        "claim_code",
        "is_member",
        "consent",
        "created_at",
        "updated_at",
        "deleted_at",
    }
)

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def is_uuid(value: object) -> bool:
    return isinstance(value, str) and bool(_UUID.match(value))


# ---------------------------------------------------------------- field schema

# kind: "str" (with max length), "text", "bool", "int?", "float", "decimal?", "list",
# "datetime", "datetime?", "uuid", "uuid?"
FieldSpec = tuple[str, int]

_COMMON: dict[str, FieldSpec] = {
    "id": ("uuid", 36),
    "created_at": ("datetime", 0),
    "updated_at": ("datetime", 0),
    "deleted_at": ("datetime?", 0),
}

ENTITY_FIELDS: dict[str, dict[str, FieldSpec]] = {
    EntityType.EVENT: {
        **_COMMON,
        "title": ("str", 200),
        "date": ("str", 10),
        "venue": ("str", 200),
        "region": ("str", 40),
        "facilitator": ("str", 200),
    },
    EntityType.PARTICIPANT: {
        **_COMMON,
        "event_id": ("uuid?", 36),
        "name": ("str", 200),
        "email": ("str", 254),
        "organisation": ("str", 200),
        "role": ("str", 200),
        "region": ("str", 40),
        "is_member": ("bool", 0),
        "consent": ("bool", 0),
        "consent_at": ("datetime?", 0),
        "consent_wording": ("text", 0),
        "claim_code": ("str", 8),
    },
    EntityType.ACTIVITY: {
        **_COMMON,
        "event_id": ("uuid", 36),
        "participant_id": ("uuid?", 36),
        "kind": ("str", 10),
        "title": ("str", 200),
        "description": ("text", 0),
        "categories": ("list", 0),
        "regions": ("list", 0),
        "mode": ("str", 20),
        "hours": ("decimal?", 0),
    },
    EntityType.MATCH: {
        **_COMMON,
        "event_id": ("uuid", 36),
        "offer_id": ("uuid", 36),
        "request_id": ("uuid", 36),
        "status": ("str", 20),
        "score": ("float", 0),
        "explanation": ("text", 0),
    },
    EntityType.FEEDBACK: {
        **_COMMON,
        "event_id": ("uuid", 36),
        "worked": ("text", 0),
        "even_better_if": ("text", 0),
        "rating": ("int?", 0),
    },
}

#: Fields a create must carry (the rest take defaults).
REQUIRED_ON_CREATE: dict[str, frozenset[str]] = {
    EntityType.EVENT: frozenset({"id", "title"}),
    EntityType.PARTICIPANT: frozenset({"id", "claim_code"}),
    EntityType.ACTIVITY: frozenset({"id", "event_id", "kind", "title"}),
    EntityType.MATCH: frozenset({"id", "event_id", "offer_id", "request_id"}),
    EntityType.FEEDBACK: frozenset({"id", "event_id"}),
}

MAX_TEXT = 20_000


#: The times a record may carry: a laptop whose clock was reset (1970) is still believed; a year
#: that cannot be written in UTC (0001-01-01T00:00:00+14:00) or is centuries away is refused.
EARLIEST_TIME = datetime(1970, 1, 1, tzinfo=UTC)
LATEST_TIME = datetime(2200, 1, 1, tzinfo=UTC)
MAX_TIME_TEXT = 40
#: Integers other than those with their own range fit a 32-bit column everywhere.
MAX_INT = 2**31 - 1
#: Fields with a fixed set of values, and fields with a range of their own.
CHOICES: dict[tuple[str, str], frozenset[str]] = {
    (EntityType.ACTIVITY, "kind"): frozenset(Kind),
    (EntityType.ACTIVITY, "mode"): frozenset(Mode),
    (EntityType.MATCH, "status"): frozenset({"confirmed", "dismissed"}),
}
RANGES: dict[tuple[str, str], tuple[float, float]] = {
    (EntityType.FEEDBACK, "rating"): (1, 5),
    (EntityType.MATCH, "score"): (-1_000_000, 1_000_000),
    (EntityType.ACTIVITY, "hours"): (0, 9999.99),  # the laptop's Numeric(6, 2)
}
#: Reference fields: the entity type each one names (it must exist, or come in the batch).
REFERENCES: dict[str, dict[str, str]] = {
    EntityType.PARTICIPANT: {"event_id": EntityType.EVENT},
    EntityType.ACTIVITY: {"event_id": EntityType.EVENT, "participant_id": EntityType.PARTICIPANT},
    EntityType.MATCH: {
        "event_id": EntityType.EVENT,
        "offer_id": EntityType.ACTIVITY,
        "request_id": EntityType.ACTIVITY,
    },
    EntityType.FEEDBACK: {"event_id": EntityType.EVENT},
}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_datetime(value: str) -> datetime | None:
    """`value` as an aware time inside the accepted range, or None."""
    if len(value) > MAX_TIME_TEXT:
        return None
    try:
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            return None
        in_utc = parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return parsed if EARLIEST_TIME <= in_utc < LATEST_TIME else None


def text_problem(name: str, value: str) -> str | None:
    """Why a string cannot be stored anywhere (SQLite, PostgreSQL, a laptop), or None."""
    if "\x00" in value:
        return f"{name} must not contain a NUL character"
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"{name} is not valid Unicode (a lone surrogate)"
    return None


def _number_problem(entity_type: str, name: str, number: float | Decimal) -> str | None:
    low, high = RANGES.get((entity_type, name), (-MAX_INT, MAX_INT))
    if not low <= number <= high:
        return f"{name} must be from {low:g} to {high:g}"
    return None


def field_error(entity_type: str, name: str, value: Any) -> str | None:
    """Why `value` cannot be stored in `entity_type.name`, or None when it can."""
    spec = ENTITY_FIELDS.get(entity_type, {}).get(name)
    if spec is None:
        return f"unknown field {name!r} for {entity_type}"
    kind, limit = spec
    optional = kind.endswith("?")
    base = kind.rstrip("?")
    if value is None:
        return None if optional else f"{name} must not be null"
    if base in ("str", "text"):
        if not isinstance(value, str):
            return f"{name} must be a string"
        if len(value) > (limit or MAX_TEXT):
            return f"{name} is longer than {limit or MAX_TEXT} characters"
        choices = CHOICES.get((entity_type, name))
        if choices is not None and value not in choices:
            return f"{name} must be one of {sorted(choices)}"
        if name == "claim_code" and normalise_claim_code(value) != value:
            return "claim_code must be 8 capital letters and digits (no I, L, O, U)"
        if name == "date" and value and not _real_date(value):
            return "date must be an ISO date (YYYY-MM-DD) or empty"
        return text_problem(name, value)
    if base == "uuid":
        return None if is_uuid(value) else f"{name} must be a UUID"
    if base == "bool":
        return None if isinstance(value, bool) else f"{name} must be true or false"
    if base == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            return f"{name} must be an integer"
        return _number_problem(entity_type, name, value)
    if base == "float":
        if not isinstance(value, int | float) or isinstance(value, bool):
            return f"{name} must be a number"
        if isinstance(value, float) and not math.isfinite(value):
            return f"{name} must be a finite number"
        return _number_problem(entity_type, name, value)
    if base == "decimal":
        if not isinstance(value, str) or len(value) > 20:
            return f"{name} must be a decimal string"
        try:
            number = Decimal(value)
        except InvalidOperation:
            return f"{name} must be a decimal string"
        if not number.is_finite():
            return f"{name} must be a finite number"
        return _number_problem(entity_type, name, number)
    if base == "list":
        ok = isinstance(value, list) and all(isinstance(v, str) and len(v) <= 100 for v in value)
        if not ok or len(value) > 50:
            return f"{name} must be a list of short strings"
        problems = (text_problem(name, item) for item in value)
        return next((problem for problem in problems if problem), None)
    if base == "datetime":
        ok = isinstance(value, str) and parse_datetime(value) is not None
        return None if ok else f"{name} must be an ISO 8601 time with a zone, 1970 to 2199"
    return f"unsupported field kind {kind}"  # pragma: no cover


def _real_date(value: str) -> bool:
    if not _ISO_DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- envelope


class ProtocolError(Exception):
    """A request the server refuses as a whole (HTTP 400/413/422)."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class WireOp:
    op_id: str
    entity_type: str
    entity_id: str
    action: str
    base: int
    created_at: str
    payload: dict[str, Any]


_OP_KEYS = {"op_id", "entity_type", "entity_id", "action", "base", "created_at", "payload"}


def parse_push(body: Any) -> tuple[str, str, list[WireOp]]:
    """Check a push body's envelope; per-op payload problems are left to the server's apply."""
    if not isinstance(body, dict):
        raise ProtocolError("bad_body", "the body must be a JSON object")
    unknown = set(body) - {"device_id", "batch_key", "ops"}
    if unknown:
        raise ProtocolError("unknown_field", f"unknown fields: {sorted(unknown)}")
    device_id, batch_key, ops = body.get("device_id"), body.get("batch_key"), body.get("ops")
    if not is_uuid(device_id) or not is_uuid(batch_key):
        raise ProtocolError("bad_body", "device_id and batch_key must be UUIDs")
    if not isinstance(ops, list) or not ops:
        raise ProtocolError("bad_body", "ops must be a non-empty list")
    if len(ops) > MAX_OPS_PER_BATCH:
        raise ProtocolError(
            "too_many_ops", f"at most {MAX_OPS_PER_BATCH} operations per batch", 413
        )
    parsed: list[WireOp] = []
    seen: set[str] = set()
    for index, op in enumerate(ops):
        where = f"ops[{index}]"
        if not isinstance(op, dict):
            raise ProtocolError("bad_op", f"{where} must be an object")
        if set(op) != _OP_KEYS:
            raise ProtocolError("bad_op", f"{where} must have exactly the keys {sorted(_OP_KEYS)}")
        if not is_uuid(op["op_id"]) or not is_uuid(op["entity_id"]):
            raise ProtocolError("bad_op", f"{where}: op_id and entity_id must be UUIDs")
        if op["op_id"] in seen:
            raise ProtocolError("bad_op", f"{where}: op_id repeated in the batch")
        seen.add(op["op_id"])
        if not isinstance(op["entity_type"], str) or not isinstance(op["action"], str):
            raise ProtocolError("bad_op", f"{where}: entity_type and action must be strings")
        base = op["base"]
        if isinstance(base, float) and base.is_integer():
            base = int(base)  # 729.0 is an integer to JSON Schema, and so to us
        if not isinstance(base, int) or isinstance(base, bool) or not 0 <= base <= MAX_SEQ:
            raise ProtocolError("bad_op", f"{where}: base must be an integer from 0 to {MAX_SEQ}")
        if not isinstance(op["created_at"], str) or not isinstance(op["payload"], dict):
            raise ProtocolError("bad_op", f"{where}: created_at string and payload object")
        parsed.append(
            WireOp(
                op_id=op["op_id"],
                entity_type=op["entity_type"],
                entity_id=op["entity_id"],
                action=op["action"],
                base=base,
                created_at=op["created_at"],
                payload=op["payload"],
            )
        )
    return str(device_id), str(batch_key), parsed


def op_problem(op: WireOp) -> str | None:
    """Why the server cannot store this op (it is answered 'rejected'), or None."""
    if op.entity_type not in ENTITY_FIELDS:
        return f"unknown entity type {op.entity_type!r}"
    if op.action not in _ACTIONS:
        return f"unknown action {op.action!r}"
    for name, value in op.payload.items():
        problem = field_error(op.entity_type, name, value)
        if problem:
            return problem
    if parse_datetime(op.created_at) is None:
        return "created_at must be an ISO 8601 time with a zone, 1970 to 2199"
    if "id" in op.payload and op.payload["id"] != op.entity_id:
        return "payload id differs from entity_id"
    if op.action == OpAction.CREATE:
        missing = REQUIRED_ON_CREATE[op.entity_type] - set(op.payload)
        if missing:
            return f"create is missing {sorted(missing)}"
    if op.action == OpAction.DELETE and set(op.payload) - {"deleted_at", "updated_at"}:
        return "a delete carries only deleted_at and updated_at"
    return None


def json_depth(value: Any) -> int:
    """How deeply `value` (parsed JSON) nests lists and objects, without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[Any] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children)
    return deepest


def ops_digest(op_ids: Iterable[str]) -> tuple[int, str]:
    """(count, sha256 of the sorted IDs joined by newlines): per-device reconciliation."""
    ordered = sorted(op_ids)
    digest = hashlib.sha256("\n".join(ordered).encode("ascii")).hexdigest()
    return len(ordered), digest


def redact_participant(payload: dict[str, Any]) -> dict[str, Any]:
    """The anonymous form of a participant payload: personal fields never leave the laptop."""
    return {k: v for k, v in payload.items() if k in ANONYMOUS_PARTICIPANT_FIELDS}
