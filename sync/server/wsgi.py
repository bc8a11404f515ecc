"""The WSGI application of the reference server: routing, authentication, requests, answers.

* a batch is applied in short transactions of APPLY_SLICE operations and answered only after
  the last one committed;
* writes are serialised, one slice at a time and first come first served (a lock in the
  process, and an advisory lock on PostgreSQL across processes) so the change sequence is the
  commit order and a pull never skips a change;
* every refusal is a JSON body and changes nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs

from sqlalchemy import Engine, text

from hexikit.sync.protocol import (
    MAX_BODY_BYTES,
    MAX_JSON_DEPTH,
    MAX_PULL_LIMIT,
    MAX_SEQ,
    PROTOCOL_VERSION,
    SERVICE_NAME,
    ProtocolError,
    is_uuid,
    json_depth,
    parse_push,
)
from hexikit.sync.server.admin import device_for_token
from hexikit.sync.server.apply import (
    ForeignOperation,
    apply_batch,
    stored_owners,
    valid_creates,
)
from hexikit.sync.server.claims import ClaimError, ClaimLimits, claim
from hexikit.sync.server.errors import Headers, HTTPError, error_body
from hexikit.sync.server.feed import changes_page, reconcile
from hexikit.sync.server.idempotency import (
    IDEMPOTENCY_TTL_SECONDS,
    record_answer,
    release_key,
    reserve_key,
)
from hexikit.sync.server.locks import FairLock

log = logging.getLogger(__name__)
#: Operations applied per write transaction (a 1,000-op push is ten short transactions).
APPLY_SLICE = 100
#: Query numbers: ASCII digits only (int() would take "١٢", " 5", "+5" and "5_000"), at most 19.
_DIGITS = re.compile(r"\A[0-9]{1,19}\Z")

StartResponse = Callable[..., Any]
Environ = dict[str, Any]
Answer = tuple[HTTPStatus, bytes]


def status_line(status: HTTPStatus) -> str:
    return f"{status.value} {status.phrase}"


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
        self._write_lock = FairLock()
        #: Keys this process is applying now: a "running" key not among them belongs to a
        #: process that died (a SIGKILLed server), so the next try takes it over at once.
        self._running: set[tuple[str, str]] = set()
        self._running_lock = threading.Lock()
        self._claim_limits = ClaimLimits(claim_limit, claim_window, monotonic)

    # -- plumbing

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        headers: Headers
        try:
            status, body, headers = self._route(environ)
        except HTTPError as exc:
            status, body, headers = exc.status, error_body(exc.code, exc.message), exc.headers
        except Exception:
            log.exception("sync server error")
            status = HTTPStatus.INTERNAL_SERVER_ERROR
            body, headers = error_body("server_error", "internal error"), []
        start_response(
            status_line(status),
            [
                ("Content-Type", "application/json"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
                *headers,
            ],
        )
        return [body]

    def _route(self, environ: Environ) -> tuple[HTTPStatus, bytes, Headers]:
        method = environ.get("REQUEST_METHOD", "GET")
        path = environ.get("PATH_INFO", "")
        routes: dict[str, tuple[str, Callable[[Environ], Answer]]] = {
            "/health": ("GET", self._health),
            "/v1/push": ("POST", self._push),
            "/v1/changes": ("GET", self._changes),
            "/v1/reconcile": ("GET", self._reconcile),
            "/v1/claims": ("POST", self._claim),
        }
        if path not in routes:
            raise HTTPError(HTTPStatus.NOT_FOUND, "not_found", f"no such endpoint {path}")
        wanted, handler = routes[path]
        if method != wanted:
            raise HTTPError(
                HTTPStatus.METHOD_NOT_ALLOWED,
                "method_not_allowed",
                f"use {wanted} for {path}",
                [("Allow", wanted)],
            )
        status, body = handler(environ)
        return status, body, []

    def _device(self, environ: Environ) -> str:
        header = environ.get("HTTP_AUTHORIZATION", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HTTPError(
                HTTPStatus.UNAUTHORIZED, "unauthorized", "send Authorization: Bearer <device token>"
            )
        device_id = device_for_token(self.engine, token.strip())
        if device_id is None:
            raise HTTPError(HTTPStatus.UNAUTHORIZED, "unauthorized", "unknown device token")
        return device_id

    def _read_body(self, environ: Environ) -> bytes:
        raw_length = environ.get("CONTENT_LENGTH") or ""
        if not raw_length.isdigit():
            raise HTTPError(HTTPStatus.LENGTH_REQUIRED, "length_required", "send a Content-Length")
        length = int(raw_length)
        if length > MAX_BODY_BYTES:
            raise HTTPError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                "too_large",
                f"bodies are limited to {MAX_BODY_BYTES} bytes",
            )
        body = environ["wsgi.input"].read(length)
        if len(body) != length:
            raise HTTPError(
                HTTPStatus.BAD_REQUEST, "truncated", "the body is shorter than its Content-Length"
            )
        return bytes(body)

    @staticmethod
    def _parse_json(body: bytes) -> Any:
        """The body as JSON; nesting deeper than MAX_JSON_DEPTH is a 400, never a 500."""
        try:
            parsed = json.loads(body)
        except RecursionError:
            raise HTTPError(
                HTTPStatus.BAD_REQUEST, "too_deep", f"JSON nested deeper than {MAX_JSON_DEPTH}"
            ) from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise HTTPError(
                HTTPStatus.BAD_REQUEST, "malformed_json", f"the body is not JSON: {exc}"
            ) from exc
        if json_depth(parsed) > MAX_JSON_DEPTH:
            raise HTTPError(
                HTTPStatus.BAD_REQUEST, "too_deep", f"JSON nested deeper than {MAX_JSON_DEPTH}"
            )
        return parsed

    @staticmethod
    def _json(value: Any) -> bytes:
        return json.dumps(value, separators=(",", ":")).encode("utf-8")

    @staticmethod
    def _query(environ: Environ) -> dict[str, str]:
        parsed = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        return {name: values[-1] for name, values in parsed.items()}

    # -- endpoints

    def _health(self, environ: Environ) -> Answer:
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return HTTPStatus.OK, self._json(
            {"status": "ok", "service": SERVICE_NAME, "protocol": PROTOCOL_VERSION}
        )

    def _push(self, environ: Environ) -> Answer:
        device_id = self._device(environ)
        key = environ.get("HTTP_IDEMPOTENCY_KEY", "")
        if not is_uuid(key):
            raise HTTPError(
                HTTPStatus.BAD_REQUEST,
                "idempotency_key",
                "send Idempotency-Key: <batch key UUID>",
            )
        content_type = environ.get("CONTENT_TYPE", "")
        if not content_type.startswith("application/json"):
            raise HTTPError(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "content_type",
                "send Content-Type: application/json",
            )
        body = self._read_body(environ)
        request_hash = hashlib.sha256(body).hexdigest()
        replay = reserve_key(
            self.engine,
            device_id,
            key,
            request_hash,
            self.idempotency_ttl,
            running_here=self._running_here,
        )
        if replay is not None:
            return replay
        with self._running_lock:
            self._running.add((device_id, key))
        try:
            return self._push_fresh(device_id, key, body)
        except BaseException:
            release_key(self.engine, device_id, key)
            raise
        finally:
            with self._running_lock:
                self._running.discard((device_id, key))

    def _running_here(self, device_id: str, key: str) -> bool:
        with self._running_lock:
            return (device_id, key) in self._running

    def _push_fresh(self, device_id: str, key: str, body: bytes) -> Answer:
        parsed = self._parse_json(body)
        try:
            _client_device, batch_key, ops = parse_push(parsed)
        except ProtocolError as exc:
            raise HTTPError(HTTPStatus(exc.status), exc.code, exc.message) from exc
        if batch_key != key:
            raise HTTPError(
                HTTPStatus.BAD_REQUEST, "idempotency_key", "Idempotency-Key must equal batch_key"
            )
        foreign = HTTPError(
            HTTPStatus.FORBIDDEN, "foreign_operation", "an operation ID belongs to another device"
        )
        with self.engine.connect() as conn:
            owners = stored_owners(conn, [op.op_id for op in ops])
        if any(owner != device_id for owner in owners.values()):
            raise foreign
        # Short write transactions: the batch is applied in slices, each its own transaction
        # under the write lock, so a one-op push from another laptop waits for one slice, not
        # for a whole 1,000-op batch. Exactly once still holds: every op ID is UNIQUE, and the
        # answer (kept with the key) is committed with the last slice, so a push cut off
        # half-way is answered, when retried, `duplicate` for the slices that committed.
        slices = [ops[start : start + APPLY_SLICE] for start in range(0, len(ops), APPLY_SLICE)]
        results: list[dict[str, Any]] = []
        response = b""
        creates = [valid_creates(part) for part in slices]
        for index, part in enumerate(slices):
            later = set().union(*creates[index + 1 :])
            with self._write_lock, self.engine.begin() as conn:
                if conn.dialect.name == "postgresql":
                    # The change sequence is the commit order (a pull never skips a change):
                    # slices of all server processes take their numbers one at a time.
                    conn.execute(text("SELECT pg_advisory_xact_lock(4242)"))
                try:
                    results.extend(apply_batch(conn, device_id, part, later))
                except ForeignOperation:
                    raise foreign from None
                if index == len(slices) - 1:
                    response = self._json({"results": results, "device": device_id})
                    record_answer(conn, device_id, key, HTTPStatus.OK, response)
        return HTTPStatus.OK, response

    def _changes(self, environ: Environ) -> Answer:
        device_id = self._device(environ)
        query = self._query(environ)
        after_text, limit_text = query.get("after", "0"), query.get("limit", "500")
        if not (_DIGITS.match(after_text) and _DIGITS.match(limit_text)):
            raise HTTPError(
                HTTPStatus.BAD_REQUEST, "bad_query", "after and limit must be whole numbers"
            )
        after, limit = int(after_text), int(limit_text)
        if after > MAX_SEQ or not 1 <= limit <= MAX_PULL_LIMIT:
            raise HTTPError(
                HTTPStatus.BAD_REQUEST,
                "bad_query",
                f"0 <= after <= {MAX_SEQ} and 1 <= limit <= {MAX_PULL_LIMIT}",
            )
        return HTTPStatus.OK, self._json(changes_page(self.engine, device_id, after, limit))

    def _reconcile(self, environ: Environ) -> Answer:
        device_id = self._device(environ)
        return HTTPStatus.OK, self._json(reconcile(self.engine, device_id))

    def _claim(self, environ: Environ) -> Answer:
        wait = self._claim_limits.wait_for(environ.get("REMOTE_ADDR", "?"))
        if wait:
            raise HTTPError(
                HTTPStatus.TOO_MANY_REQUESTS,
                "rate_limited",
                "too many claim attempts; wait and try again",
                [("Retry-After", str(int(wait) + 1))],
            )
        body = self._read_body(environ)
        parsed = self._parse_json(body)
        if (
            not isinstance(parsed, dict)
            or set(parsed) != {"code", "member"}
            or not all(isinstance(v, str) for v in parsed.values())
        ):
            raise HTTPError(
                HTTPStatus.BAD_REQUEST, "bad_body", 'send {"code": "...", "member": "..."}'
            )
        wait = self._claim_limits.wait_for_code(parsed["code"])
        if wait:
            raise HTTPError(
                HTTPStatus.TOO_MANY_REQUESTS,
                "rate_limited",
                "too many attempts on this code; wait and try again",
                [("Retry-After", str(int(wait) + 1))],
            )
        try:
            result = claim(self.engine, parsed["code"], parsed["member"])
        except ClaimError as exc:
            raise HTTPError(exc.status, exc.code, exc.message) from None
        return HTTPStatus.OK, self._json(result)
