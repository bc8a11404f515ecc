"""The room served by waitress on a thread of its own: `RoomServer.start` / `stop`.

The server listens on one address only (the network the facilitator chose), only while the
room is open: `stop` kills the join code first (any request still in flight is answered
404), then closes the sockets from inside waitress's own loop and waits for the thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from waitress import wasyncore
from waitress.server import BaseWSGIServer, create_server

from hexikit.base.clock import SYSTEM_CLOCK, Clock
from hexikit.room.wsgi import MAX_BODY_BYTES, POSTS_PER_MINUTE, RoomApp
from hexikit.store import Store

#: The port the room asks for first (easy to type); any free port when it is taken.
PREFERRED_PORT = 8470


def join_url(host: str, port: int, path: str) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}{path}"


class RoomServer:
    """One room for one event: start it on an address, stop it, read its join URL."""

    def __init__(
        self,
        store: Store,
        event_id: str,
        clock: Clock = SYSTEM_CLOCK,
        on_saved: Callable[[str], None] | None = None,
        posts_per_minute: int = POSTS_PER_MINUTE,
        threads: int = 8,
    ) -> None:
        self.store = store
        self.event_id = event_id
        self.clock = clock
        self.on_saved = on_saved
        self.posts_per_minute = posts_per_minute
        self.threads = threads
        self.app: RoomApp | None = None
        self._server: Any = None
        self._thread: threading.Thread | None = None

    @property
    def is_open(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str:
        """The join URL (`http://host:port/j/<code>`), "" when the room is closed."""
        if self._server is None or self.app is None:
            return ""
        return join_url(
            str(self._server.effective_host), int(self._server.effective_port), self.app.join_path
        )

    def start(self, host: str, port: int = 0) -> str:
        """Listen on `host`:`port` (0: any free port) with a new join code; returns the URL.
        Raises OSError when the address cannot be used (not this laptop's, port taken)."""
        if self._server is not None:
            return self.url
        # A room of phones posting at once queues requests for a moment: that is the design
        # (bounded threads), not a problem worth a warning per request.
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        app = RoomApp(
            self.store,
            self.event_id,
            self.clock,
            on_saved=self.on_saved,
            posts_per_minute=self.posts_per_minute,
        )
        server = create_server(
            app,
            host=host,
            port=port,
            threads=self.threads,
            max_request_body_size=MAX_BODY_BYTES + 1,
            ident="hexikit-room",
            clear_untrusted_proxy_headers=True,
            channel_timeout=30,
            connection_limit=200,
        )
        if not isinstance(server, BaseWSGIServer):
            server.close()
            raise OSError(f"{host} has several addresses; give one of them")
        # The stubs lack the bound address (effective_host / effective_port).
        bound: Any = server
        shown, bound_port = str(bound.effective_host), int(bound.effective_port)
        # Bound to every address (--host 0.0.0.0): phones may use any of them.
        if shown in ("0.0.0.0", "::"):
            app.allowed_host = ""
        elif ":" in shown:
            app.allowed_host = f"[{shown}]:{bound_port}".lower()
        else:
            app.allowed_host = f"{shown}:{bound_port}"
        self.app = app
        self._server = server
        self._thread = threading.Thread(target=server.run, name="hexikit-room", daemon=True)
        self._thread.start()
        return self.url

    def start_preferred(self, host: str) -> str:
        """`start` on the preferred port, or any free one when it is taken."""
        try:
            return self.start(host, PREFERRED_PORT)
        except OSError:
            return self.start(host, 0)

    def stop(self) -> None:
        """Close the room: the code dies at once, then the sockets close."""
        server, thread, app = self._server, self._thread, self.app
        self._server, self._thread = None, None
        if app is not None:
            app.close()
        if server is None:
            return
        # Waitress has no stop(): close its sockets from inside its own loop, which then ends.
        server.task_dispatcher.shutdown()
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        if thread is not None:
            thread.join(timeout=10)

    def serve_forever(self) -> None:
        """Block until the server thread ends (`stop` from a signal handler)."""
        thread = self._thread
        while thread is not None and thread.is_alive():
            thread.join(timeout=0.5)
