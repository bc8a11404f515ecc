"""`SyncClient`: one sync cycle, push everything then pull everything.

Exactly once, step by step (docs/sync-protocol.md):

1. Each change and its outbox row are one SQLite transaction (the Store does that).
2. `outbox.freeze_batch` builds a batch's body once and commits it before anything is sent.
3. The server answers per operation only after its commit; `outbox.store_results` records the
   answers in one transaction.
4. Pull pages are applied together with their cursor in one transaction and never write the
   outbox (`apply.apply_pull_page`).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path
from typing import Any

from filelock import FileLock

from hexikit.base.clock import SYSTEM_CLOCK, Clock
from hexikit.base.i18n import _, ngettext
from hexikit.store import Store
from hexikit.sync.client.apply import apply_pull_page
from hexikit.sync.client.http import ServerSession
from hexikit.sync.client.outbox import freeze_batch, park_batch, rekey_batch, store_results
from hexikit.sync.client.outcome import AuthRequired, ReportStatus, ServerUnreachable, SyncReport
from hexikit.sync.client.state import (
    KEY_LAST_SYNC,
    OutboxState,
    acknowledged_op_ids,
    outbox_counts,
    pull_cursor,
    state_set,
)
from hexikit.sync.protocol import CLIENT_BATCH_OPS, ops_digest


class SyncClient(ServerSession):
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
        deadline: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(
            server_url,
            token,
            ca_bundle=ca_bundle,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
            clock=clock,
            rng=rng,
            sleep=sleep,
            max_attempts=max_attempts,
            backoff_cap=backoff_cap,
            deadline=deadline,
            monotonic=monotonic,
        )
        self.store = store
        self.batch_ops = batch_ops
        self.lock_path = lock_path
        self.progress = progress
        self.pull_limit = 500
        #: What this client has done so far, kept as it goes: a sync that stops half-way
        #: (offline, deadline) still reports what the server acknowledged.
        self.done = SyncReport(status=ReportStatus.UP_TO_DATE)

    # -- push and pull

    def push(self) -> tuple[int, int, int]:
        """Send every pending operation; returns (acked, parked, conflicts)."""
        acked = parked = conflicts = 0
        total = outbox_counts(self.store)
        todo = total[OutboxState.PENDING] + total[OutboxState.FROZEN]
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
            done = (0, 0, 0)
            if (
                code == HTTPStatus.OK
                and isinstance(data, dict)
                and isinstance(data.get("results"), list)
            ):
                done = store_results(self.store, batch, data["results"], self.clock)
            elif code == HTTPStatus.UNPROCESSABLE_ENTITY:  # the key was used with another body
                rekey_batch(self.store, batch.key)
            else:
                message = str(data.get("message") if isinstance(data, dict) else data)
                refused = park_batch(
                    self.store,
                    batch.key,
                    _("The server refused the batch ({code}): {message}").format(
                        code=code, message=message
                    ),
                )
                done = (0, refused, 0)
            acked, parked, conflicts = acked + done[0], parked + done[1], conflicts + done[2]
            self.done.pushed += done[0]
            self.done.parked_now += done[1]
            self.done.conflicts += done[2]
            if self.progress is not None:
                self.progress(min(acked + parked, todo), max(todo, 1))

    def pull(self) -> tuple[int, int]:
        """Fetch and apply changes page by page; returns (applied, conflicts).

        Changes this laptop cannot use are logged and skipped (`done.unapplied_now`).
        """
        applied = conflicts = 0
        while True:
            with self.store.session() as session:
                cursor = pull_cursor(session)
            code, data = self._call(
                "GET", "/v1/changes", params={"after": cursor, "limit": self.pull_limit}
            )
            page = data if isinstance(data, dict) else {}
            changes, next_cursor = page.get("changes"), page.get("next")
            if (
                code != HTTPStatus.OK
                or not isinstance(changes, list)
                or not isinstance(next_cursor, int)
                or isinstance(next_cursor, bool)
                or (page.get("more") and next_cursor <= cursor)
            ):
                raise ServerUnreachable(
                    _(
                        "The server's change feed answered {code} with a page this laptop cannot read."
                    ).format(code=code)
                )
            outcome = apply_pull_page(self.store, changes, next_cursor, self.clock)
            applied += outcome.applied
            conflicts += outcome.conflicts
            self.done.pulled += outcome.applied
            self.done.conflicts += outcome.conflicts
            self.done.unapplied_now += outcome.unapplied
            if not page.get("more"):
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
            self.done = report = SyncReport(status=ReportStatus.UP_TO_DATE)
            try:
                self.push()
                self.pull()
                with self.store.transaction() as session:
                    state_set(session, KEY_LAST_SYNC, self.clock.now().isoformat())
            except AuthRequired as exc:
                report.status, report.message = ReportStatus.AUTH, str(exc)
            except ServerUnreachable as exc:
                report.status, report.message = ReportStatus.OFFLINE, str(exc)
            counts = outbox_counts(self.store)
            report.pending = counts[OutboxState.PENDING] + counts[OutboxState.FROZEN]
            report.parked = counts[OutboxState.PARKED]
            if report.status == ReportStatus.UP_TO_DATE:
                if report.parked or report.unapplied_now:
                    report.status = ReportStatus.NEEDS_ATTENTION
                elif report.pending:
                    report.status = ReportStatus.PENDING
            if report.unapplied_now and not report.message:
                report.message = ngettext(
                    "{count} change from the server could not be used on this laptop; it is "
                    "listed in the Sync page's conflict log.",
                    "{count} changes from the server could not be used on this laptop; they are "
                    "listed in the Sync page's conflict log.",
                    report.unapplied_now,
                ).format(count=report.unapplied_now)
            return report
        finally:
            if lock is not None:
                lock.release()
