"""A first-come-first-served lock for the server's write slices.

`threading.Lock` gives no order: a thread applying a 1,000-op batch slice by slice releases it
and takes it straight back before a waiting one-op push wakes up. Here each waiter takes a
ticket and the lock goes to tickets in order, so a small push waits for one slice at most.
"""

from __future__ import annotations

import threading
from types import TracebackType


class FairLock:
    def __init__(self) -> None:
        self._turn = threading.Condition(threading.Lock())
        self._next_ticket = 0
        self._serving = 0

    def acquire(self) -> None:
        with self._turn:
            ticket = self._next_ticket
            self._next_ticket += 1
            while ticket != self._serving:
                self._turn.wait()

    def release(self) -> None:
        with self._turn:
            self._serving += 1
            self._turn.notify_all()

    def __enter__(self) -> FairLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()
