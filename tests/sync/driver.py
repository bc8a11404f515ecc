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

from hexikit.records.domain import ActivityInput, EventInput, Kind
from hexikit.store import Store
from hexikit.sync import client as sync_client


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
        batch = sync_client.freeze_batch(store, max_ops=int(os.environ.get("BATCH_OPS", "500")))
        assert batch is not None
        print(hashlib.sha256(batch.body).hexdigest(), flush=True)
        die()
    client = sync_client.SyncClient(store, url, token, max_attempts=3, sleep=lambda _s: None)
    if mode == "die_after_commit":

        def killed(*_args: Any, **_kwargs: Any) -> Any:
            die()

        sync_client.store_results = killed  # type: ignore[assignment]
        client.push()
    elif mode == "die_before_cursor":
        original = sync_client._state_set

        def set_then_die(session: Any, key: str, value: str) -> None:
            if key == sync_client.KEY_CURSOR:
                session.flush()  # the page's rows are written, the transaction is not committed
                die()
            original(session, key, value)

        sync_client._state_set = set_then_die  # type: ignore[assignment]
        client.pull()
    return 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
