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
    error_task_class = _JsonErrorTask


def make_server(
    db: str | Engine,
    host: str = "127.0.0.1",
    port: int = 0,
    threads: int = 4,
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
) -> None:
    server = make_server(db_url, host, port)
    url = server_url(server)
    if on_listening is not None:
        on_listening(url)
    try:
        server.run()
    finally:
        server.close()
