"""Claim codes: a participant's code moves their activities to a member's account.

Codes are short, so `POST /v1/claims` is rate limited (per client address and per code) to keep
guessing them slow.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from sqlalchemy import Engine, insert, select, update

from hexikit.records.claimcodes import normalise_claim_code
from hexikit.records.domain import EntityType
from hexikit.sync.server.schema import claims, entities, iso_now


class ClaimError(Exception):
    """A claim refused: `code` is the wire error code, `status` the HTTP status."""

    def __init__(self, code: str, message: str, status: HTTPStatus) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def claim(engine: Engine, code: str, member: str) -> dict[str, Any]:
    """Move the activities of the participant holding `code` to `member`'s account."""
    clean = normalise_claim_code(code)
    member = member.strip()
    if clean is None:
        raise ClaimError("bad_code", "a claim code is 8 letters and digits", HTTPStatus.BAD_REQUEST)
    if not member or len(member) > 200:
        raise ClaimError("bad_member", "member must be 1 to 200 characters", HTTPStatus.BAD_REQUEST)
    with engine.begin() as conn:
        participant = conn.execute(
            select(entities.c.entity_id).where(
                entities.c.entity_type == EntityType.PARTICIPANT, entities.c.claim_code == clean
            )
        ).first()
        if participant is None:
            raise ClaimError(
                "unknown_code", "no participant has this claim code", HTTPStatus.NOT_FOUND
            )
        existing = conn.execute(select(claims).where(claims.c.code == clean)).first()
        if existing is not None and existing.member != member:
            raise ClaimError(
                "already_claimed", "this code was claimed by another member", HTTPStatus.CONFLICT
            )
        if existing is None:
            conn.execute(
                insert(claims).values(
                    code=clean,
                    participant_id=participant.entity_id,
                    member=member,
                    claimed_at=iso_now(),
                )
            )
        moved = conn.execute(
            update(entities)
            .where(
                entities.c.entity_type == EntityType.ACTIVITY,
                entities.c.participant_id == participant.entity_id,
            )
            .values(member=member)
        ).rowcount
    return {"participant_id": participant.entity_id, "member": member, "activities": moved}


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


class ClaimLimits:
    """The claim endpoint's limits: `limit` tries per client address and `limit` per code.

    There is no overall cap: one person guessing from many addresses must never lock a real
    member out. Guessing stays slow per address, and a code being hammered is protected by its
    own limit (40-bit codes: 30 addresses at 10 a minute need millennia to hit one).
    """

    def __init__(self, limit: int, window: float, monotonic: Callable[[], float]) -> None:
        self._per_client = RateLimiter(limit, window, monotonic)
        self._per_code = RateLimiter(limit, window, monotonic)

    def wait_for(self, client: str) -> float:
        """0 when `client` may try a claim now (and the try is counted), else seconds to wait."""
        return self._per_client.allow(client)

    def wait_for_code(self, code: str) -> float:
        """0 when `code` may be tried now (and the try is counted), else seconds to wait."""
        return self._per_code.allow(normalise_claim_code(code) or code[:16])
