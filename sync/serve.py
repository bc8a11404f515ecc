"""Run the reference server under waitress (a production-grade pure-Python WSGI server).

Waitress refuses over-large bodies itself, from the Content-Length header and before reading
the body; we swap its plain-text error page for a JSON one so every refusal is JSON.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, cast

from sqlalchemy import Engine
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask

from hexikit.sync.protocol import MAX_BODY_BYTES
from hexikit.sync.server.schema import open_engine
from hexikit.sync.server.wsgi import SyncServerApp

log = logging.getLogger(__name__)

#: Open connections the server keeps at once (each costs a socket and a little memory).
CONNECTION_LIMIT = 1000
#: Seconds a connection may stay silent before it is closed.
CHANNEL_TIMEOUT = 30
#: Open connections one client address may hold; the next are closed at once (0: no cap).
#: A room of laptops behind one NAT needs one each; behind a reverse proxy every connection
#: comes from the proxy, so there the cap is turned off (the proxy limits per client).
PER_ADDRESS_LIMIT = 100


class _JsonErrorTask(ErrorTask):
    """Waitress's own refusals (too large, bad request line) answered as JSON."""

    def execute(self) -> None:
        # The stubs call the request an Error; it is the parser, which holds the error.
        error = cast(HTTPRequestParser, self.request).error
        if error is None:  # waitress makes an ErrorTask only for a request with an error
            super().execute()
            return
        body = json.dumps(
            {
                "error": "too_large"
                if error.code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
                else "bad_request",
                "message": f"{error.reason}: {error.body}",
            }
        ).encode("utf-8")
        self.status = f"{error.code} {error.reason}"
        self.response_headers = [*self.response_headers, ("Content-Type", "application/json")]
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class _JsonChannel(HTTPChannel):
    """A connection: JSON refusals, and closed at once past its address's connection cap.

    Waitress has a global connection limit only; the cap per address is counted here, over the
    server's open channels, when a connection is accepted (before any byte is read).
    """

    error_task_class = _JsonErrorTask

    def __init__(self, server: Any, sock: Any, addr: Any, adj: Any, map: Any = None) -> None:
        super().__init__(server, sock, addr, adj, map=map)
        cap = getattr(server, "per_address_limit", 0)
        if not cap:
            return
        host = addr[0] if isinstance(addr, tuple) else addr
        held = sum(
            1
            for channel in list(server.active_channels.values())
            if isinstance(channel.addr, tuple) and channel.addr[0] == host
        )
        if held > cap:
            log.warning("closing a connection from %s: over %d open connections", host, cap)
            self.handle_close()


def make_server(
    db: str | Engine,
    host: str = "127.0.0.1",
    port: int = 0,
    threads: int = 4,
    per_address_limit: int = PER_ADDRESS_LIMIT,
    **app_options: Any,
) -> Any:
    """A waitress server bound to (host, port); port 0 picks a free one.

    Typed Any: waitress's stubs lack the server's effective_host/effective_port and mistype
    its trigger, which the self-test uses to stop it.
    """
    app = SyncServerApp(db if isinstance(db, Engine) else open_engine(db), **app_options)
    server = create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        # Refuse bodies above the limit from the header alone (a little headroom for the
        # app's own check, which answers with the protocol's error code).
        max_request_body_size=MAX_BODY_BYTES + 1,
        ident="hexikit-sync",
        clear_untrusted_proxy_headers=True,
        # Slow clients cannot starve others (issue 15): a half-sent request holds no worker
        # thread, only a connection, so allow many (waitress's default 100 let 105 trickling
        # connections shut /health out) and drop a silent one after 30 s instead of 120 s.
        connection_limit=CONNECTION_LIMIT,
        channel_timeout=CHANNEL_TIMEOUT,
        cleanup_interval=5,
    )
    if not isinstance(server, BaseWSGIServer):
        # A host name with several addresses (localhost: ::1 and 127.0.0.1) gets one server
        # per address, which neither the JSON refusals nor server_url know how to handle.
        server.close()
        raise OSError(f"{host} has several addresses; give one of them, e.g. 127.0.0.1")
    server.channel_class = _JsonChannel
    cast(Any, server).per_address_limit = per_address_limit  # read by _JsonChannel
    return server


def server_url(server: Any) -> str:
    host, port = server.effective_host, server.effective_port
    if ":" in str(host):
        host = f"[{host}]"
    return f"http://{host}:{port}"


def serve(
    db_url: str | Engine,
    host: str = "127.0.0.1",
    port: int = 8765,
    on_listening: Callable[[str], None] | None = None,
    per_address_limit: int = PER_ADDRESS_LIMIT,
) -> None:
    server = make_server(db_url, host, port, per_address_limit=per_address_limit)
    url = server_url(server)
    if on_listening is not None:
        on_listening(url)
    try:
        server.run()
    finally:
        server.close()
