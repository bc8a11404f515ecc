"""A client process for SIGKILL tests: `python -m tests.sync.driver MODE DATA_DIR [URL TOKEN]`.

Modes:
  write                 create activities one by one, printing each count, until killed
  freeze_then_die       freeze a batch, print the SHA-256 of its body, SIGKILL itself
  die_after_commit      push; SIGKILL itself once the server answered (before the ack is stored)
  die_before_cursor     pull; SIGKILL itself inside the transaction, before the cursor is saved
"""

from __future__ import annotations

import hashlib
import os
import signal
import sys
from pathlib import Path
from typing import Any
from unittest import mock

from hexikit.records.domain import ActivityInput, EventInput, Kind
from hexikit.store import Store
from hexikit.sync.client import apply as client_apply
from hexikit.sync.client import run as client_run
from hexikit.sync.client.outbox import freeze_batch
from hexikit.sync.client.state import KEY_CURSOR, state_set


def die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def main(argv: list[str]) -> int:
    mode, folder = argv[0], Path(argv[1])
    store = Store.open(folder)
    if mode == "write":
        event = store.create_event(EventInput(title="Killed mid-write"))
        count = 0
        while True:
            store.create_activity(event.id, ActivityInput(kind=Kind.OFFER, title=f"Offer {count}"))
            count += 1
            print(count, flush=True)
    url, token = argv[2], argv[3]
    if mode == "freeze_then_die":
        batch = freeze_batch(store, max_ops=int(os.environ.get("BATCH_OPS", "500")))
        assert batch is not None
        print(hashlib.sha256(batch.body).hexdigest(), flush=True)
        die()
    client = client_run.SyncClient(store, url, token, max_attempts=3, sleep=lambda _s: None)
    if mode == "die_after_commit":

        def killed(*_args: Any, **_kwargs: Any) -> Any:
            die()

        # Patched where SyncClient.push looks it up.
        with mock.patch.object(client_run, "store_results", killed):
            client.push()
    elif mode == "die_before_cursor":

        def set_then_die(session: Any, key: str, value: str) -> None:
            if key == KEY_CURSOR:
                session.flush()  # the page's rows are written, the transaction is not committed
                die()
            state_set(session, key, value)

        # Patched where apply_pull_page looks it up.
        with mock.patch.object(client_apply, "state_set", set_then_die):
            client.pull()
    return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
