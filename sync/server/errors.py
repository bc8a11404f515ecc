"""Refusals: every one is an HTTP status with a JSON body and changes nothing."""

from __future__ import annotations

import json
from http import HTTPStatus

#: Extra response headers, as WSGI takes them.
Headers = list[tuple[str, str]]


class HTTPError(Exception):
    """Answer `status` with {"error": code, "message": message} (and `headers`)."""

    def __init__(
        self, status: HTTPStatus, code: str, message: str, headers: Headers | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or []


def error_body(code: str, message: str) -> bytes:
    return json.dumps({"error": code, "message": message}).encode("utf-8")
