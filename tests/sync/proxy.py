"""A small TCP proxy for fault tests: pass, drop, reset, hold, truncate, or answer canned.

Each new client connection takes the next action from `plan` (default "pass"):

* ``"pass"``: forward both ways.
* ``"drop"``: accept and close at once (connection refused/reset before anything is sent).
* ``"reset_after_response"``: forward the request; once the server starts answering (so it
  has committed), reset the client connection instead of passing the answer on.
* ``"hold_response"``: like the above but keep the client waiting (it hits its read timeout).
* ``("truncate", n)``: forward only the first n bytes of the request, then reset both sides.
* ``("delay", seconds)``: wait, then pass.
* ``("canned", raw_bytes)``: answer with these bytes without contacting the server.

With `tls`, it terminates TLS (a test certificate) in front of the plain-HTTP server.
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import struct
import threading
from collections import deque
from typing import Any

Action = Any


def _drain_until_closed(sock: socket.socket, timeout: float = 10.0) -> None:
    """Read and discard until the peer closes (or `timeout` passes with nothing)."""
    with contextlib.suppress(OSError):
        sock.settimeout(timeout)
        while sock.recv(65536):
            pass


def _reset(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.close()


def canned(status: str, headers: dict[str, str] | None = None, body: bytes = b"") -> Action:
    lines = [f"HTTP/1.1 {status}"]
    for name, value in {**(headers or {}), "Content-Length": str(len(body))}.items():
        lines.append(f"{name}: {value}")
    lines.append("Connection: close")
    return ("canned", ("\r\n".join(lines) + "\r\n\r\n").encode() + body)


class FaultProxy:
    def __init__(self, upstream_port: int, tls: ssl.SSLContext | None = None) -> None:
        self.tls = tls
        self.upstream = ("127.0.0.1", upstream_port)
        self.plan: deque[Action] = deque()
        self.connections = 0
        self.requests_seen: list[bytes] = []
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = self._listener.getsockname()[1]
        self.url = (
            f"https://localhost:{self.port}" if tls is not None else f"http://127.0.0.1:{self.port}"
        )
        self._stopped = False
        # Set by close(): ends injected delays at once, so teardown never waits them out.
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, daemon=True)
        self._thread.start()

    def push(self, *actions: Action) -> None:
        with self._lock:
            self.plan.extend(actions)

    def close(self) -> None:
        self._stopped = True
        self._closing.set()
        with contextlib.suppress(OSError):
            self._listener.close()

    def _next_action(self) -> Action:
        with self._lock:
            self.connections += 1
            return self.plan.popleft() if self.plan else "pass"

    def _accept_loop(self) -> None:
        while not self._stopped:
            try:
                client, _addr = self._listener.accept()
            except OSError:
                return
            action = self._next_action()
            threading.Thread(target=self._handle, args=(client, action), daemon=True).start()

    def _handle(self, client: socket.socket, action: Action) -> None:
        if self.tls is not None:
            try:
                client.settimeout(10)
                client = self.tls.wrap_socket(client, server_side=True)
            except (OSError, ssl.SSLError):
                _reset(client)
                return
        kind = action[0] if isinstance(action, tuple) else action
        if kind == "drop":
            _reset(client)
            return
        if kind == "canned":
            self._read_request(client)
            with contextlib.suppress(OSError):
                client.sendall(action[1])
                client.shutdown(socket.SHUT_WR)
            # Close only once the client has read the answer and hung up (EOF), so the canned
            # reply is never cut off by our own close.
            _drain_until_closed(client)
            client.close()
            return
        if kind == "delay":
            # The injected fault itself: the network is slow for this long.
            self._closing.wait(float(action[1]))
        try:
            upstream = socket.create_connection(self.upstream, timeout=30)
        except OSError:
            _reset(client)
            return
        if kind == "truncate":
            data = self._read_request(client)
            with contextlib.suppress(OSError):
                upstream.sendall(data[: int(action[1])])
                # FIN after the partial body: the server reads every byte we sent, then sees the
                # connection end mid-body; wait until it has given up on the request.
                upstream.shutdown(socket.SHUT_WR)
            _drain_until_closed(upstream)
            _reset(upstream)
            _reset(client)
            return
        stop = threading.Event()
        forward = threading.Thread(
            target=self._pump, args=(client, upstream, stop, True), daemon=True
        )
        forward.start()
        if kind in ("reset_after_response", "hold_response"):
            try:
                first = upstream.recv(65536)
            except OSError:
                first = b""
            if kind == "hold_response" and first:
                # Keep the client waiting until it gives up (its read timeout).
                client.settimeout(30)
                with contextlib.suppress(OSError):
                    while client.recv(65536):
                        pass
            stop.set()
            _reset(client)
            _reset(upstream)
            return
        self._pump(upstream, client, stop, False)
        stop.set()
        with contextlib.suppress(OSError):
            client.close()
        with contextlib.suppress(OSError):
            upstream.close()

    def _read_request(self, client: socket.socket) -> bytes:
        """Read one HTTP request (headers plus Content-Length body)."""
        client.settimeout(5)
        data = b""
        with contextlib.suppress(OSError):
            while b"\r\n\r\n" not in data:
                chunk = client.recv(65536)
                if not chunk:
                    return data
                data += chunk
            head, _sep, body = data.partition(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _colon, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            while len(body) < length:
                chunk = client.recv(65536)
                if not chunk:
                    break
                body += chunk
            data = head + b"\r\n\r\n" + body
        self.requests_seen.append(data)
        return data

    def _pump(
        self, source: socket.socket, target: socket.socket, stop: threading.Event, record: bool
    ) -> None:
        source.settimeout(0.2)
        while not stop.is_set():
            try:
                chunk = source.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            if record:
                self.requests_seen.append(chunk)
            try:
                target.sendall(chunk)
            except OSError:
                break
        with contextlib.suppress(OSError):
            target.shutdown(socket.SHUT_WR)
